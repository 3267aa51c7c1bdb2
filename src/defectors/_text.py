"""Text folding shared by ids, search and name lookup."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["DASHES", "INVISIBLE", "fold", "is_blank", "parenthesised", "slugify", "visible"]

#: Hyphens, dashes and the minus sign: text folds each of them to an ASCII hyphen.
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"

#: Characters that show nothing and mean nothing to a lookup: the soft hyphen, the combining
#: grapheme joiner, the Arabic letter mark, the Mongolian vowel separator, zero-width spaces
#: and joiners, left-to-right and right-to-left marks, embeddings, overrides and isolates,
#: invisible operators, variation selectors, the byte order mark and the tag characters.
#: Text folds them away, so ``"Pol\u200band"`` finds Poland.
INVISIBLE = "".join(
    chr(c)
    for first, last in (
        (0x00AD, 0x00AD),
        (0x034F, 0x034F),
        (0x061C, 0x061C),
        (0x180E, 0x180E),
        (0x200B, 0x200F),
        (0x202A, 0x202E),
        (0x2060, 0x2064),
        (0x2066, 0x206F),
        (0xFE00, 0xFE0F),
        (0xFEFF, 0xFEFF),
        (0xE0000, 0xE007F),
        (0xE0100, 0xE01EF),
    )
    for c in range(first, last + 1)
)
_DROP_INVISIBLE = str.maketrans(dict.fromkeys(INVISIBLE))

# Letters that Unicode does not decompose into a base letter plus a combining mark.
_EXTRA = str.maketrans(
    {
        **dict.fromkeys(DASHES, "-"),
        **dict.fromkeys(INVISIBLE),
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


def is_blank(text: str) -> bool:
    """
    Whether *text* holds nothing a reader would see.

    That is only spaces, invisible characters or combining marks (``""``, ``" "``,
    ``"\u200b"``, ``"\u0301"``): what :func:`fold` empties.
    """
    return not fold(text)


def visible(text: str) -> str:
    """Return *text* without the :data:`INVISIBLE` characters."""
    return text if text.isascii() else text.translate(_DROP_INVISIBLE)


def parenthesised(text: str) -> tuple[str, str] | None:
    """
    Split ``"Region (State)"`` into ``("Region", "State")``, or return ``None``.

    The region and the state are non-empty and hold no parenthesis; space may follow the
    closing one. String methods, not a regular expression, so the time is linear in the
    length of *text* whatever it holds (a lazy pattern backtracks quadratically on spaces).
    """
    body = text.rstrip()
    if not body.endswith(")"):
        return None
    opening = body.rfind("(")
    region, state = body[:opening], body[opening + 1 : -1]
    if opening <= 0 or not state or "(" in region or ")" in region or ")" in state:
        return None
    return region.rstrip() or region, state


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
