"""Text folding shared by ids, search and name lookup."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["DASHES", "fold", "slugify"]

#: Hyphens, dashes and the minus sign: text folds each of them to an ASCII hyphen.
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"

# Letters that Unicode does not decompose into a base letter plus a combining mark.
_EXTRA = str.maketrans(
    {
        **dict.fromkeys(DASHES, "-"),
        "ł": "l",
        "Ł": "l",
        "ø": "o",
        "Ø": "o",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "Ð": "d",
        "ħ": "h",
        "Ħ": "h",
        "ı": "i",
        "ŀ": "l",
        "Ŀ": "l",
        "ŧ": "t",
        "Ŧ": "t",
        "þ": "th",
        "Þ": "th",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ß": "ss",
        "ẞ": "ss",
        # Apostrophes of every shape fold to the ASCII one.
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
    }
)

_NON_SLUG = re.compile(r"[^a-z0-9]+")
#: Runs of non-ASCII characters: only they can hold combining marks.
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _without_marks(match: re.Match[str]) -> str:
    return "".join([ch for ch in match.group() if not unicodedata.combining(ch)])


def fold(text: str) -> str:
    """
    Fold *text* for comparison: case, diacritics, special letters, dashes and spacing.

    ``fold("Czesław  MIŁOSZ") == "czeslaw milosz"``. Scripts without a Latin base (Cyrillic,
    Greek, ...) are case-folded but otherwise kept.

    Raises:
        TypeError: *text* is not a string.
    """
    if not isinstance(text, str):
        msg = f"fold() takes a str, not {type(text).__name__}"
        raise TypeError(msg)
    if text.isascii():
        # The same result, faster: ASCII has no letters to decompose or translate.
        return " ".join(text.lower().split())
    text = text.translate(_EXTRA)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = _NON_ASCII.sub(_without_marks, decomposed)
    # str.split() splits at exactly the characters the regular expression \s matches.
    return " ".join(stripped.casefold().translate(_EXTRA).split())


def slugify(text: str) -> str:
    """
    Return the ASCII slug of a name: the rule by which record ids are made.

    ``slugify("Czesław Miłosz") == "czeslaw-milosz"``; ``slugify("G. M. Dimitrov") ==
    "g-m-dimitrov"``. Characters with no ASCII folding are dropped.

    Raises:
        TypeError: *text* is not a string.
    """
    return _NON_SLUG.sub("-", fold(text)).strip("-")
