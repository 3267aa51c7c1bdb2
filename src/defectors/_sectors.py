"""The documented mapping from a profession's text to :class:`~defectors.Sector` values."""

from __future__ import annotations

import re
from types import MappingProxyType

from defectors._lazy import once
from defectors._model import Sector
from defectors._text import fold
from defectors.exceptions import UnknownSectorError, quote

__all__ = ["SECTOR_RULES", "parse_sector", "sectors_for"]

#: Each sector with the words that put a profession in it, matched as whole words against
#: the profession folded to lowercase ASCII. A profession belongs to every sector one of whose
#: words it contains, and to :attr:`Sector.OTHER` only when it contains none. Military ranks
#: alone ("major", "colonel") do not make a profession military: "KGB major" is intelligence.
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
            "die",
            "cie",
            "sigurnost",
            "intelligence",
            "counter-intelligence",
            "security service",
            "state security",
            "state-security",
            "political-police",
            "spy",
            "agent",
            "rezident",
            "illegal",
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
            "art scholar",
        ),
        Sector.SPORT: (
            "player",
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
def _patterns() -> tuple[tuple[Sector, re.Pattern[str]], ...]:
    """Return each sector with the regular expression of its words, compiled on first use."""
    return tuple(
        (
            sector,
            re.compile(
                r"(?<![a-z0-9-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![a-z0-9-])"
            ),
        )
        for sector, words in SECTOR_RULES.items()
    )


#: Phrases taken out of the text before one sector's words are matched: a "naval architect"
#: is an engineer, not an artist.
_EXCEPT: dict[Sector, re.Pattern[str]] = {Sector.ARTS: re.compile(r"naval architect")}


def sectors_for(profession: str | None) -> tuple[Sector, ...]:
    """
    Return the sectors a profession belongs to, by the documented :data:`SECTOR_RULES`.

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

    .. versionadded:: 0.1.0
    """
    if profession is None:
        return ()
    if not isinstance(profession, str):
        msg = f"profession must be a str or None, not {type(profession).__name__}"
        raise TypeError(msg)
    text = fold(profession)
    if not text:
        return ()
    found = tuple(
        sector
        for sector, pattern in _patterns()
        if pattern.search(_EXCEPT[sector].sub(" ", text) if sector in _EXCEPT else text)
    )
    return found or (Sector.OTHER,)


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
