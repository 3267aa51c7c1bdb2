"""The documented mapping from a profession's text to :class:`~defectors.Sector` values."""

from __future__ import annotations

import re
from types import MappingProxyType

from defectors._lazy import once
from defectors._model import Sector
from defectors._text import fold
from defectors.exceptions import UnknownSectorError, quote

__all__ = ["SECTOR_RULES", "parse_sector", "sectors_for"]

#: Each sector with the words and phrases that put a profession in it. They are matched as
#: whole words against the profession folded to lowercase ASCII, the longest phrase first and
#: without overlap, so "naval architect" is engineering (science) and its "architect" is not
#: matched again as architecture (arts). A profession belongs to every sector one of whose
#: phrases it contains, and to :attr:`Sector.OTHER` only when it contains none. Each phrase
#: belongs to one sector. Military ranks alone ("major", "colonel") do not make a profession
#: military ("KGB major" is intelligence), and words with other common meanings are listed only
#: in phrases ("chess player", not "player"; "KGB agent" matches through "kgb").
SECTOR_RULES: MappingProxyType[Sector, tuple[str, ...]] = MappingProxyType(
    {
        Sector.INTELLIGENCE: (
            "ogpu",
            "nkvd",
            "gru",
            "kgb",
            "mgb",
            "ub",
            "stb",
            "hva",
            "stasi",
            "securitate",
            "sigurimi",
            "sigurnost",
            "intelligence",
            "counter-intelligence",
            "foreign-intelligence",
            "security service",
            "state security",
            "state-security",
            "political-police",
            "spy",
            "rezident",
            "informant",
            "cia source",
            "cipher",
            "assassin",
        ),
        Sector.MILITARY: (
            "army",
            "navy",
            "naval officer",
            "air force",
            "air defence",
            "pilot",
            "soldier",
            "conscript",
            "tank commander",
            "nva officer",
            "nva conscript",
            "paramilitary",
            "major general",
            "tank unit",
            "group of forces",
        ),
        Sector.GOVERNMENT: (
            "politician",
            "politburo",
            "diplomat",
            "ambassador",
            "minister",
            "prime minister",
            "under-secretary-general",
            "member of the european parliament",
            "intourist",
            "mission",
            "provisional government",
            "head of government",
            "government minister",
            "government official",
        ),
        Sector.ARTS: (
            "author",
            "writer",
            "poet",
            "novelist",
            "playwright",
            "essayist",
            "literary",
            "choreographer",
            "dancer",
            "ballet",
            "ballerina",
            "composer",
            "pianist",
            "conductor",
            "singer-songwriter",
            "singer",
            "musician",
            "film",
            "actor",
            "photographer",
            "artist",
            "architect",
            "painter",
            "sculptor",
            "stage designer",
            "theatre director",
            "theater director",
            "cellist",
            "violinist",
            "violist",
            "drummer",
            "guitarist",
        ),
        Sector.SPORT: (
            "footballer",
            "football",
            "chess",
            "grandmaster",
            "skater",
            "gymnast",
            "gymnastics",
            "swimmer",
            "weightlifter",
            "boxer",
            "runner",
            "canoeist",
            "ski jumper",
            "diver",
            "motorcycle racer",
            "coach",
            "hockey",
            "goaltender",
            "tennis",
            "basketball",
            "volleyball",
            "handball",
            "water polo",
        ),
        Sector.SCIENCE: (
            "scientist",
            "physicist",
            "engineer",
            "doctor",
            "medicine",
            "professor",
            "philosopher",
            "economist",
            "oceanographer",
            "research fellow",
            "scholar",
            "historian",
            "naval architect",
            "chemist",
            "biochemist",
            "biologist",
            "geneticist",
            "mathematician",
            "astronomer",
            "physician",
            "surgeon",
            "academy of sciences",
        ),
        Sector.RELIGION: ("cardinal", "priest", "bishop", "clergy", "pastor", "rabbi", "monk"),
        Sector.MEDIA: (
            "journalist",
            "broadcaster",
            "broadcasting",
            "television",
            "editor",
            "press officer",
            "press agency",
            "tass",
            "radio liberty",
            "radio free europe",
            "rfe",
        ),
    }
)


@once
def _matcher() -> tuple[re.Pattern[str], MappingProxyType[str, Sector]]:
    """Return one pattern of every phrase, longest first, and each phrase's sector."""
    sector_of = {phrase: sector for sector, phrases in SECTOR_RULES.items() for phrase in phrases}
    ordered = sorted(sector_of, key=lambda phrase: (-len(phrase), phrase))
    pattern = re.compile(
        r"(?<![a-z0-9-])(?:" + "|".join(map(re.escape, ordered)) + r")(?![a-z0-9-])"
    )
    return pattern, MappingProxyType(sector_of)


#: Where a profession's text turns to a later career: ``"; later"``, ``", later"``,
#: ``"(later"`` or a dash before "later". What follows is not the profession at the time of
#: the defection, so no sector comes from it.
_LATER = re.compile(r"(?:[;,(]|\s-+)\s*later\b")  # fold() turns every dash into "-"


def sectors_for(profession: str | None) -> tuple[Sector, ...]:
    """
    Return the sectors a profession belongs to, by the documented :data:`SECTOR_RULES`.

    Only the profession at the time counts: a clause that begins ``"; later"``,
    ``", later"``, ``"(later"`` or a dash and "later" names a later career and gives no
    sector (a profession that is nothing but a later career is :attr:`Sector.OTHER`).

    Args:
        profession: A profession as a source writes it, or ``None``.

    Returns:
        The matching sectors in :class:`Sector` order; ``(Sector.OTHER,)`` for a profession
        no rule covers; ``()`` for ``None`` or a blank text.

    Raises:
        TypeError: *profession* is neither a string nor ``None``.

    Example:
        >>> import defectors
        >>> defectors.sectors_for("Chess player, medical doctor")
        (<Sector.SPORT: 'sport'>, <Sector.SCIENCE: 'science'>)
        >>> defectors.sectors_for("Sprint canoeist; later naval architect")
        (<Sector.SPORT: 'sport'>,)

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       A later career (``"; later ..."``) no longer gives a sector.
    """
    if profession is None:
        return ()
    if not isinstance(profession, str):
        msg = f"profession must be a str or None, not {type(profession).__name__}"
        raise TypeError(msg)
    text = fold(profession)
    if not text:
        return ()
    later = _LATER.search(text)
    if later is not None:
        text = text[: later.start()].strip()
    pattern, sector_of = _matcher()
    found = {sector_of[match.group()] for match in pattern.finditer(text)}
    return tuple(sector for sector in Sector if sector in found) or (Sector.OTHER,)


def parse_sector(value: Sector | str) -> Sector:
    """
    Return the :class:`Sector` named by *value*, case-insensitively.

    Args:
        value: A :class:`Sector`, or its value or name (``"sport"``, ``"SPORT"``).

    Returns:
        The sector.

    Raises:
        UnknownSectorError: *value* names no sector.
        TypeError: *value* is neither a :class:`Sector` nor a string.

    .. versionadded:: 0.1.0
    """
    if isinstance(value, Sector):
        return value
    if not isinstance(value, str):
        msg = f"sector must be a Sector or a str, not {type(value).__name__}"
        raise TypeError(msg)
    key = value.strip().lower()
    for sector in Sector:
        if key == sector.value:
            return sector
    expected = ", ".join(s.value for s in Sector)
    raise UnknownSectorError(f"unknown sector {quote(value)}: expected one of {expected}")
