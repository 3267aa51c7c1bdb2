"""
Write the package's country data: ``countries.json`` and the generated spellings ``names.tsv``.

The table is generated from pycountry once, by a curator, and then committed: at run time the
package reads only the committed file, so a pycountry upgrade that renames a country cannot
change the dataset. Run it again after editing the curated parts below, then review the diff::

    pip install --group data .   # or: pip install babel pycountry
    python tools/build_countries.py

It needs pycountry and Babel (the ``data`` dependency group), at build time only: the package
itself reads the two committed files and never imports Babel.

What goes into the table:

* every current state in ISO 3166-1, keyed by alpha-3, named by pycountry's ``common_name``
  where it has one, else its ``name``, except where ``NAME_OVERRIDES`` gives the common English
  name;
* every state withdrawn from ISO 3166 (ISO 3166-3), keyed by alpha-4, with the alpha-2 and
  alpha-3 codes it had, named and dated by ``HISTORIC``;
* the polities ISO never coded (``POLITIES``), keyed by a lowercase slug, so their keys can
  never collide with an ISO code;
* Kosovo, under the user-assigned codes ``XK`` and ``XKX`` in wide use (``USER_ASSIGNED``).

``names.tsv`` lists spellings for :func:`defectors.normalize_country`, one ``name<TAB>key<TAB>
source`` a line, in order of precedence (an earlier row wins a clash, and the curated
``aliases.tsv`` and the table's own names win over all of them):

* pycountry's ISO 3166-1 names, common and official names, alpha-2, alpha-3 and numeric codes;
* the IOC and FIFA codes that differ from the ISO ones (``IOC``), where they collide with no
  ISO code;
* pycountry's ISO 3166-3 names and codes; a renamed state's go to today's state (``RENAMED``);
* the CLDR territory names Babel ships, in English, then in the languages of the eight origin
  states (Russian, Polish, Czech, Slovak, Hungarian, Romanian, Bulgarian, Albanian, German),
  of the Soviet republics' main languages, and in French, Italian and Spanish (``LANGUAGES``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pycountry

DATA = Path(__file__).resolve().parent.parent / "src" / "defectors" / "data"
OUT = DATA / "countries.json"
NAMES = DATA / "names.tsv"

#: Codes ISO 3166 leaves to users, in wide use for a state ISO has not coded:
#: key -> (name, alpha-2, alpha-3). The European Commission, the World Bank and the IMF use
#: XK and XKX for Kosovo.
USER_ASSIGNED: dict[str, tuple[str, str, str]] = {"XKX": ("Kosovo", "XK", "XKX")}

#: ISO 3166-3 entries of states that only changed their name (or became independent under a
#: new one): the same state, so their names and codes resolve to today's entry. The others
#: (dissolved or merged states) resolve to the withdrawn entry.
RENAMED: dict[str, str] = {
    "AIDJ": "DJI",
    "BUMM": "MMR",
    "BYAA": "BLR",
    "DYBJ": "BEN",
    "HVBF": "BFA",
    "NHVU": "VUT",
    "RHZW": "ZWE",
    "TPTL": "TLS",
    "ZRCD": "COD",
}

#: Olympic (IOC) and football (FIFA) codes that differ from ISO alpha-3, with the key they
#: name. Codes that equal an ISO 3166 code of any state are dropped at build time.
IOC: dict[str, str] = {
    "AHO": "ANHH", "ALG": "DZA", "ANG": "AGO", "ANT": "ATG", "ARU": "ABW", "ASA": "ASM",
    "BAH": "BHS", "BAN": "BGD", "BAR": "BRB", "BER": "BMU", "BHU": "BTN", "BIR": "MMR",
    "BIZ": "BLZ", "BOT": "BWA", "BRU": "BRN", "BUL": "BGR", "BUR": "BFA", "CAM": "KHM",
    "CAY": "CYM", "CEY": "LKA", "CGO": "COG", "CHA": "TCD", "CHI": "CHL", "CRC": "CRI",
    "CRO": "HRV", "DAH": "BEN", "DEN": "DNK", "ENG": "GBR", "ESA": "SLV", "FIJ": "FJI",
    "FRG": "DEU", "GAM": "GMB", "GBS": "GNB", "GDR": "DDDE", "GEQ": "GNQ", "GER": "DEU",
    "GRE": "GRC", "GRN": "GRD", "GUA": "GTM", "GUI": "GIN", "HAI": "HTI", "HON": "HND",
    "INA": "IDN", "IRI": "IRN", "ISV": "VIR", "IVB": "VGB", "KOS": "XKX", "KSA": "SAU",
    "KUW": "KWT", "LAT": "LVA", "LBA": "LBY", "LES": "LSO", "LIB": "LBN", "MAD": "MDG",
    "MAS": "MYS", "MAW": "MWI", "MGL": "MNG", "MON": "MCO", "MRI": "MUS", "MTN": "MRT",
    "MYA": "MMR", "NCA": "NIC", "NED": "NLD", "NEP": "NPL", "NGR": "NGA", "NIG": "NER",
    "NIR": "GBR", "OMA": "OMN", "PAR": "PRY", "PHI": "PHL", "PLE": "PSE", "POR": "PRT",
    "PUR": "PRI", "RHO": "ZWE", "RSA": "ZAF", "SAM": "WSM", "SCO": "GBR", "SEY": "SYC",
    "SKN": "KNA", "SLO": "SVN", "SOL": "SLB", "SRI": "LKA", "SUD": "SDN", "SUI": "CHE",
    "TAN": "TZA", "TCH": "CSHH", "TGA": "TON", "TOG": "TGO", "TPE": "TWN", "UAE": "ARE",
    "URS": "SUHH", "URU": "URY", "VAN": "VUT", "VIE": "VNM", "VIN": "VCT", "VOL": "BFA",
    "WAL": "GBR", "ZAI": "COD", "ZAM": "ZMB", "ZIM": "ZWE", "CTA": "CAF", "EQG": "GNQ",
    "EDQ": "GNQ", "TRI": "TTO", "NMI": "MNP", "TAH": "PYF",
}  # fmt: skip

#: CLDR locales whose territory names are listed, English first.
LANGUAGES = (
    "en", "ru", "pl", "cs", "sk", "hu", "ro", "bg", "sq", "de",
    "uk", "be", "lt", "lv", "et", "ka", "hy", "az", "kk", "uz",
    "sr", "sr_Latn", "hr", "sl", "mk", "bs", "fr", "it", "es",
)  # fmt: skip

#: Common English names where pycountry's name is a formal or inverted form.
NAME_OVERRIDES = {
    "BRN": "Brunei",
    "COD": "Democratic Republic of the Congo",
    "COG": "Republic of the Congo",
    "FSM": "Micronesia",
    "PSE": "Palestine",
    "RUS": "Russia",
    "VAT": "Vatican City",
}

#: ISO 3166-3 entries: alpha-4 -> (common name, first year, last year).
HISTORIC: dict[str, tuple[str, int | None, int | None]] = {
    "AIDJ": ("French Afars and Issas", 1967, 1977),
    "ANHH": ("Netherlands Antilles", 1954, 2010),
    "BQAQ": ("British Antarctic Territory", None, 1979),
    "BUMM": ("Burma", None, 1989),
    "BYAA": ("Byelorussian SSR", 1920, 1991),
    "CSHH": ("Czechoslovakia", 1918, 1992),
    "CSXX": ("Serbia and Montenegro", 2003, 2006),
    "CTKI": ("Canton and Enderbury Islands", None, 1984),
    "DDDE": ("East Germany", 1949, 1990),
    "DYBJ": ("Dahomey", 1960, 1975),
    "FQHH": ("French Southern and Antarctic Territories", None, 1979),
    "FXFR": ("Metropolitan France", None, 1997),
    "GEHH": ("Gilbert and Ellice Islands", None, 1979),
    "HVBF": ("Upper Volta", 1958, 1984),
    "JTUM": ("Johnston Island", None, 1986),
    "MIUM": ("Midway Islands", None, 1986),
    "NHVU": ("New Hebrides", None, 1980),
    "NQAQ": ("Dronning Maud Land", None, 1983),
    "NTHH": ("Neutral Zone", None, 1993),
    "PCHH": ("Pacific Islands Trust Territory", 1947, 1986),
    "PUUM": ("US Miscellaneous Pacific Islands", None, 1986),
    "PZPA": ("Panama Canal Zone", 1903, 1979),
    "RHZW": ("Southern Rhodesia", None, 1980),
    "SKIN": ("Sikkim", None, 1975),
    "SUHH": ("Soviet Union", 1922, 1991),
    "TPTL": ("East Timor", None, 2002),
    "VDVN": ("North Vietnam", 1945, 1976),
    "WKUM": ("Wake Island", None, 1986),
    "YDYE": ("South Yemen", 1967, 1990),
    "YUCS": ("Yugoslavia", 1918, 2003),
    "ZRCD": ("Zaire", 1971, 1997),
}

#: Polities ISO never coded: slug -> (name, first year, last year).
POLITIES: dict[str, tuple[str, int | None, int | None]] = {
    "allied-occupied-germany": ("Allied-occupied Germany", 1945, 1949),
    "austria-hungary": ("Austria-Hungary", 1867, 1918),
    "free-city-of-danzig": ("Free City of Danzig", 1920, 1939),
    "german-empire": ("German Empire", 1871, 1918),
    # The territory of the Second Polish Republic under German occupation (the annexed
    # districts, the General Government and, from 1941, the formerly Soviet-occupied east).
    "german-occupied-poland": ("German-occupied Poland", 1939, 1945),
    # The wartime client states, for defectors.state_of (14 March 1939 - 4 April 1945, and
    # 10 April 1941 - 8 May 1945).
    "independent-state-of-croatia": ("Independent State of Croatia", 1941, 1945),
    "slovak-state": ("Slovak State", 1939, 1945),
    "kingdom-of-bulgaria": ("Kingdom of Bulgaria", 1908, 1946),
    "kingdom-of-hungary": ("Kingdom of Hungary", 1000, 1946),
    "kingdom-of-romania": ("Kingdom of Romania", 1881, 1947),
    "manchukuo": ("Manchukuo", 1932, 1945),
    "nazi-germany": ("Nazi Germany", 1933, 1945),
    "ottoman-empire": ("Ottoman Empire", 1299, 1922),
    "protectorate-of-bohemia-and-moravia": ("Protectorate of Bohemia and Moravia", 1939, 1945),
    "russian-empire": ("Russian Empire", 1721, 1917),
    "second-polish-republic": ("Second Polish Republic", 1918, 1939),
    # The Republic of Vietnam (26 October 1955 - 30 April 1975; ISO never coded it), which
    # Vietnam conquered: a state that merged, so it stays itself.
    "south-vietnam": ("South Vietnam", 1955, 1975),
    "soviet-occupation-zone-of-germany": ("Soviet occupation zone of Germany", 1945, 1949),
    "weimar-republic": ("Weimar Republic", 1918, 1933),
}


def build() -> list[dict[str, object]]:
    """Return the table's rows, sorted by key."""
    rows: list[dict[str, object]] = [
        {
            "key": c.alpha_3,
            "name": NAME_OVERRIDES.get(c.alpha_3) or getattr(c, "common_name", None) or c.name,
            "alpha_2": c.alpha_2,
            "alpha_3": c.alpha_3,
            "alpha_4": None,
            "historic": False,
            "start": None,
            "end": None,
        }
        for c in pycountry.countries
    ]
    seen = set()
    for c in pycountry.historic_countries:
        name, start, end = HISTORIC[c.alpha_4]
        seen.add(c.alpha_4)
        rows.append(
            {
                "key": c.alpha_4,
                "name": name,
                "alpha_2": c.alpha_2,
                "alpha_3": c.alpha_3,
                "alpha_4": c.alpha_4,
                "historic": True,
                "start": start,
                "end": end,
            }
        )
    missing = set(HISTORIC) - seen
    if missing:
        sys.exit(f"HISTORIC names codes pycountry does not have: {sorted(missing)}")
    rows.extend(
        {
            "key": key,
            "name": name,
            "alpha_2": alpha_2,
            "alpha_3": alpha_3,
            "alpha_4": None,
            "historic": False,
            "start": None,
            "end": None,
        }
        for key, (name, alpha_2, alpha_3) in USER_ASSIGNED.items()
    )
    rows.extend(
        {
            "key": slug,
            "name": name,
            "alpha_2": None,
            "alpha_3": None,
            "alpha_4": None,
            "historic": True,
            "start": start,
            "end": end,
        }
        for slug, (name, start, end) in POLITIES.items()
    )
    rows.sort(key=lambda row: str(row["key"]))
    return rows


def spellings(keys: set[str]) -> list[tuple[str, str, str]]:
    """Return ``(name, key, source)`` rows for ``names.tsv``, in order of precedence."""
    out = _iso_spellings()
    seen: set[tuple[str, str]] = set()
    rows: list[tuple[str, str, str]] = []
    for name, key, source in out:
        clean = " ".join(name.split())
        if (clean, key) not in seen and key in keys:
            seen.add((clean, key))
            rows.append((clean, key, source))
    return rows


def _iso_spellings() -> list[tuple[str, str, str]]:
    """Return the ISO, IOC and CLDR spellings, with duplicates, in order of precedence."""
    out: list[tuple[str, str, str]] = []
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name", "alpha_2", "alpha_3", "numeric"):
            value = getattr(c, attr, None)
            if value:
                out.append((value, c.alpha_3, f"iso3166-1 {attr}"))
    iso_codes = {code for c in pycountry.countries for code in (c.alpha_2, c.alpha_3)}
    iso_codes |= {
        code for c in pycountry.historic_countries for code in (c.alpha_2, c.alpha_3, c.alpha_4)
    }
    out.extend((code, key, "ioc/fifa code") for code, key in IOC.items() if code not in iso_codes)
    for c in pycountry.historic_countries:
        key = RENAMED.get(c.alpha_4, c.alpha_4)
        texts = [c.name, c.name.split(",")[0], c.alpha_2, c.alpha_3, c.alpha_4]
        texts.append(getattr(c, "numeric", None) or "")
        out.extend((text, key, "iso3166-3") for text in texts if text)
    return out + _cldr_spellings()


def _cldr_spellings() -> list[tuple[str, str, str]]:
    """Return the CLDR territory names of each of ``LANGUAGES``, as Babel ships them."""
    from babel import Locale  # noqa: PLC0415 - a build-time dependency only

    by_alpha_2 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    by_alpha_2.update({alpha_2: key for key, (_, alpha_2, _) in USER_ASSIGNED.items()})
    out: list[tuple[str, str, str]] = []
    for language in LANGUAGES:
        territories = Locale.parse(language).territories
        for code, name in sorted(territories.items()):
            key = by_alpha_2.get(code)
            if key is not None:
                out.append((name, key, f"cldr {language}"))
    return out


def main() -> None:
    """Write the table and the spellings."""
    rows = build()
    text = "[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n]\n"
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {len(rows)} rows to {OUT}")
    names = spellings({str(row["key"]) for row in rows})
    header = (
        "# Generated by tools/build_countries.py from pycountry and Babel's CLDR data: do not"
        " edit.\n# Curated spellings go in aliases.tsv, which wins over every row here.\n"
        "# name\tkey\tsource\n"
    )
    NAMES.write_text(header + "".join(f"{n}\t{k}\t{s}\n" for n, k, s in names), "utf-8")
    print(f"wrote {len(names)} spellings to {NAMES}")


if __name__ == "__main__":
    main()
