"""
Write ``src/defectors/data/countries.json``, the package's own table of countries and polities.

The table is generated from pycountry once, by a curator, and then committed: at run time the
package reads only the committed file, so a pycountry upgrade that renames a country cannot
change the dataset. Run it again after editing the curated parts below, then review the diff::

    python tools/build_countries.py

What goes into the table:

* every current state in ISO 3166-1, keyed by alpha-3, named by pycountry's ``common_name``
  where it has one, else its ``name``, except where ``NAME_OVERRIDES`` gives the common English
  name;
* every state withdrawn from ISO 3166 (ISO 3166-3), keyed by alpha-4, with the alpha-2 and
  alpha-3 codes it had, named and dated by ``HISTORIC``;
* the polities ISO never coded (``POLITIES``), keyed by a lowercase slug, so their keys can
  never collide with an ISO code.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parent.parent / "src" / "defectors" / "data" / "countries.json"

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
    "kingdom-of-bulgaria": ("Kingdom of Bulgaria", 1908, 1946),
    "kingdom-of-hungary": ("Kingdom of Hungary", 1000, 1946),
    "kingdom-of-romania": ("Kingdom of Romania", 1881, 1947),
    "manchukuo": ("Manchukuo", 1932, 1945),
    "nazi-germany": ("Nazi Germany", 1933, 1945),
    "ottoman-empire": ("Ottoman Empire", 1299, 1922),
    "protectorate-of-bohemia-and-moravia": ("Protectorate of Bohemia and Moravia", 1939, 1945),
    "russian-empire": ("Russian Empire", 1721, 1917),
    "second-polish-republic": ("Second Polish Republic", 1918, 1939),
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


def main() -> None:
    """Write the table."""
    rows = build()
    text = "[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n]\n"
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {len(rows)} rows to {OUT}")


if __name__ == "__main__":
    main()
