"""
Spelling-insensitive keys for personal names, for :meth:`Dataset.search` with ``fuzzy=True``.

One Russian, Ukrainian or Bulgarian name is written many ways in Latin letters: Nureyev,
Nuriev, Noureev (French), Nurejew (German), Nuriejew (Polish). :func:`name_key` maps a folded
word to a key in which the usual differences vanish or shrink: Cyrillic is transliterated;
``y``, ``j`` and ``i`` are one letter, as are ``w`` and ``v``, ``ph`` and ``f``; German,
Polish and French spellings of the same sounds (``sch``, ``sz``, ``tsch``, ``cz``, ``ou``) take
the English ones; doubled letters are single. What remains (Nureyev's ``e`` before the ``y``)
is left to a similarity ratio: :func:`similar` accepts two keys that differ by a letter or two.
"""

# ruff: noqa: RUF001, RUF003 - the Cyrillic letters of the transliteration table are meant
from __future__ import annotations

import difflib
import functools
import re
from typing import Final

__all__ = ["name_keys", "name_key", "similar", "words"]

#: Cyrillic letters (lower case, as fold() leaves them) in the English-style transliteration
#: of the press (BGN/PCGN-like): Russian, Ukrainian, Belarusian, Bulgarian and Serbian. fold()
#: has already taken the marks off й, ё, ї and ў, which arrive as и, е, і and у.
_CYRILLIC: Final = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z",
        "и": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
        "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
        "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "і": "i",
        "є": "ye", "ґ": "g", "ђ": "dj", "ј": "j", "љ": "lj", "њ": "nj", "ћ": "c", "џ": "dz",
    }
)  # fmt: skip

#: Spellings of one sound, each replaced by one form, in this order: the German and Polish
#: ones first, so that the "shch" they make (Szczaranski, Schtscharanski) is then shortened
#: as the English one is.
_SPELLINGS: Final = (
    ("tsch", "ch"),
    ("sch", "sh"),
    ("tch", "ch"),
    ("cz", "ch"),
    ("sz", "sh"),
    ("shch", "sh"),
    ("ph", "f"),
    ("ck", "k"),
    ("kh", "h"),
    ("ou", "u"),
    ("x", "ks"),
    ("w", "v"),
    ("j", "i"),
    ("y", "i"),
)

#: Keys at least this similar (difflib's ratio) name the same person's word.
_SIMILAR: Final = 0.8

#: Keys shorter than this must match exactly: a letter or two is all there is to them.
_SHORTEST_FUZZY: Final = 4

#: Keys longer than this are compared only for equality and as a start: no name is that
#: long, and the similarity ratio costs time in the square of the length.
_LONGEST_FUZZY: Final = 64


def name_key(word: str) -> str:
    """
    Return the spelling-insensitive key of a word already folded (:func:`fold`).

    Cyrillic is transliterated, each spelling of a sound takes one form and doubled letters
    are single: ``name_key("nurejew") == name_key("nureyev") == "nureiev"``, and
    ``name_key("нуреев") == "nurev"``.
    """
    key = word.translate(_CYRILLIC)
    for spelling, replacement in _SPELLINGS:
        if spelling in key:
            key = key.replace(spelling, replacement)
    out: list[str] = []
    for char in key:
        if not out or out[-1] != char:
            out.append(char)
    return "".join(out)


def similar(query: str, word: str) -> float:
    """
    Return how close two keys are, from 0 to 1; 0 where they are not close enough.

    A query key of four letters or more that begins the word counts as close (``"nure"``
    finds Nureyev); keys shorter than four letters must be equal; keys longer than 64 are
    close only when equal or a start.
    """
    if query == word:
        return 1.0
    if len(query) < _SHORTEST_FUZZY or len(word) < _SHORTEST_FUZZY:
        return 0.0
    if word.startswith(query):
        return 0.9
    if len(query) > _LONGEST_FUZZY or len(word) > _LONGEST_FUZZY:
        return 0.0
    matcher = difflib.SequenceMatcher(None, query, word, autojunk=False)
    if matcher.real_quick_ratio() < _SIMILAR or matcher.quick_ratio() < _SIMILAR:
        return 0.0  # the upper bounds, cheap to compute, rule most words out
    ratio = matcher.ratio()
    return ratio if ratio >= _SIMILAR else 0.0


#: A word: a run of letters and digits (hyphens, dots, brackets and apostrophes divide).
_WORD: Final = re.compile(r"[^\W_]+")


def words(folded: str) -> list[str]:
    """Return the words of a folded text, split at anything but letters and digits."""
    return _WORD.findall(folded)


@functools.lru_cache(maxsize=1 << 16)
def name_keys(folded_names: str) -> frozenset[str]:
    """Return the keys of every word of a record's folded names, remembered for the next search."""
    return frozenset(map(name_key, words(folded_names)))
