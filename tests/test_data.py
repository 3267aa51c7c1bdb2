"""Integrity of the shipped dataset: ids, facts kept from the source, vocabularies."""

from __future__ import annotations

import csv
import hashlib
import json
import re
import unicodedata
from importlib import resources
from pathlib import Path

import attrs
import pytest

import defectors
from defectors import Sector
from defectors._json import dumps_packed
from defectors._reader import read_packed, structure_defector

DATA = Path(__file__).parent / "data"

WIKIPEDIA = "https://en.wikipedia.org/wiki/List_of_Soviet_and_Eastern_Bloc_defectors"
ISO_KEY = re.compile(r"[A-Z]{3}|[A-Z]{4}")
_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")


def released_ids() -> list[str]:
    """Return the committed list of released ids."""
    lines = (DATA / "released_ids.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def seed_facts() -> list[dict[str, str]]:
    """Return the source's facts, one dict a row."""
    with (DATA / "seed_facts.tsv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def seed_records(dataset):
    """Return the records drawn from the Wikipedia list."""
    return [r for r in dataset if any(s.url == WIKIPEDIA for s in r.sources)]


class TestIds:
    def test_unique(self, dataset):
        """No two records share an id."""
        assert len(dataset) == len(set(dataset.ids))

    def test_released_ids_never_disappear(self, dataset):
        """Every id ever released is still in the dataset."""
        assert [] == [i for i in released_ids() if i not in set(dataset.ids)]

    def test_every_id_is_released(self, dataset):
        """Every id in the dataset is in the committed list (add new ones there)."""
        assert [] == [i for i in dataset.ids if i not in set(released_ids())]

    def test_ids_follow_the_slug_rule(self, dataset):
        """Each id is the slug of the record's name."""
        assert [] == [r.id for r in dataset if r.id != defectors.slugify(r.name)]


class TestSeedFacts:
    def test_all_seed_rows_present(self, dataset):
        """All 49 rows of the Wikipedia list are records."""
        assert 49 == len(seed_records(dataset))

    def test_facts_exactly_as_the_source(self, dataset):
        """Name, profession, birthplace text and year are exactly the source's text."""
        by_name = {r.name: r for r in seed_records(dataset)}
        expected = [
            (f["name"], f["profession"] or None, f["birthplace"] or None, int(f["year"]))
            for f in seed_facts()
        ]
        actual = [
            (
                by_name[f["name"]].name,
                by_name[f["name"]].profession,
                by_name[f["name"]].birthplace and by_name[f["name"]].birthplace.text,
                by_name[f["name"]].year,
            )
            for f in seed_facts()
            if f["name"] in by_name
        ]
        assert expected == actual

    def test_names_are_nfc(self, dataset):
        """Names are stored in Unicode NFC."""
        assert [] == [r.name for r in dataset if unicodedata.normalize("NFC", r.name) != r.name]

    def test_seed_source_revision(self, dataset):
        """Seed records name the Wikipedia list and its revision."""
        revisions = {s.revision for r in seed_records(dataset) for s in r.sources}
        assert {"2025-11-06"} == revisions

    def test_summaries_do_not_repeat_the_notes(self, dataset):
        """No summary shares a run of five words with the source's Notes column."""
        digests = set((DATA / "seed_notes_shingles.txt").read_text().split())
        copied = []
        for record in seed_records(dataset):
            words = [w.casefold() for w in _WORD.findall(record.summary)]
            for i in range(len(words) - 4):
                run = " ".join(words[i : i + 5])
                if hashlib.sha256(run.encode()).hexdigest()[:16] in digests:
                    copied.append((record.id, run))
        assert [] == copied


class TestVocabularies:
    def test_order_is_year_then_name(self, dataset):
        """Records are ordered by year, then by folded name."""
        keys = [(r.year, defectors.fold(r.name)) for r in dataset]
        assert sorted(keys) == keys

    def test_years_in_range(self, dataset):
        """Every year is between 1917 and 1991."""
        assert [] == [r.id for r in dataset if not 1917 <= r.year <= 1991]

    def test_sectors_follow_the_mapping(self, dataset):
        """Every record's sectors are what sectors_for() gives for its profession."""
        wrong = [
            (r.id, r.sectors, defectors.sectors_for(r.profession))
            for r in dataset
            if r.sectors != defectors.sectors_for(r.profession)
        ]
        assert [] == wrong

    def test_sector_vocabulary_is_closed(self, dataset):
        """Sectors come only from the Sector enum."""
        assert all(isinstance(s, Sector) for r in dataset for s in r.sectors)

    def test_every_record_has_a_source(self, dataset):
        """Every record names at least one source with a web address."""
        assert [] == [
            r.id
            for r in dataset
            if not r.sources
            or not all(s.url.startswith(("https://", "http://")) for s in r.sources)
        ]


def _all_countries(dataset):
    for r in dataset:
        yield r.origin
        yield from r.route
        if r.destination is not None:
            yield r.destination
        if r.birthplace is not None:
            yield from (c for c in (r.birthplace.country, r.birthplace.polity) if c is not None)


class TestCountryKeys:
    def test_every_key_resolves_in_iso_or_polity_table(self, dataset):
        """ISO-shaped keys are pycountry countries or historic countries; others are polities."""
        pycountry = pytest.importorskip("pycountry")
        unresolved = []
        for country in _all_countries(dataset):
            if ISO_KEY.fullmatch(country.key):
                found = (
                    pycountry.countries.get(alpha_3=country.key)
                    if len(country.key) == 3
                    else pycountry.historic_countries.get(alpha_4=country.key)
                )
            else:
                found = defectors.get_country(country.key, None)
                found = found if found is not None and found.alpha_3 is None else None
            if found is None:
                unresolved.append(country.key)
        assert [] == unresolved

    def test_birth_country_is_current(self, dataset):
        """A birthplace's country is a present-day state, never a historic one."""
        assert [] == [
            r.id
            for r in dataset
            if r.birthplace and r.birthplace.country and r.birthplace.country.historic
        ]


SUPPLEMENT = Path(__file__).resolve().parent.parent / "tools" / "data" / "supplement_1961_1991.tsv"


def supplement_rows() -> list[dict[str, str]]:
    """Return the rows of the curated 1961-1991 supplement."""
    with SUPPLEMENT.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _name_and_aka(text: str) -> tuple[str, tuple[str, ...]]:
    match = re.fullmatch(r"(.+?) \(([^()]+)\)", text)
    return (match[1], (match[2],)) if match else (text, ())


def supplement_records(dataset) -> defectors.Dataset:
    """Return the records the supplement's rows became: its collection."""
    return dataset.filter(provenance=defectors.Provenance.RESEARCH_1961_1991)


def readme_counts() -> dict[str, int]:
    """Return the counts the supplement's README states in its "Counts by origin" line."""
    text = (SUPPLEMENT.parent / "README.md").read_text(encoding="utf-8")
    start = text.index("Counts by origin:")
    line = text[start : text.index("\n\n", start)].replace("\n", " ")
    counts = {
        name.strip(): int(n)
        for name, n in re.findall(r"([A-Z][a-z]+(?: [A-Z][a-z]+)?) (\d+)", line)
    }
    counts.update(
        {k: int(n) for n, k in re.findall(r"(\d+) (high|medium|with an exact date)", line)}
    )
    return counts


class TestSupplement:
    def test_every_row_is_a_record(self, dataset):
        """Every supplement row is in the bundled dataset, by its name."""
        names = {r.name for r in dataset}
        assert [] == [
            row["name"] for row in supplement_rows() if _name_and_aka(row["name"])[0] not in names
        ]

    def test_rows_equal_field_by_field(self, dataset):
        """Each supplement record holds exactly what its row says."""
        mismatches = []
        for row in supplement_rows():
            name, aka = _name_and_aka(row["name"])
            record = dataset.get(name)
            expected = {
                "name": name,
                "also_known_as": aka,
                "profession": row["profession"] or None,
                "year": int(row["year"]),
                "date": row["date"] or None,
                "origin": defectors.normalize_country(row["origin_state"]),
                "destination": defectors.normalize_country(row["destination_country"])
                if row["destination_country"]
                else None,
                "defection_place": row["defection_place"] or None,
                "summary": row["summary"],
                "confidence": row["confidence"],
                "sources": row["sources"].split(),
                "birth_country": defectors.normalize_country(row["birthplace_today"])
                if row["birthplace_today"]
                else None,
                "birth_polity": defectors.normalize_place(row["birthplace_historical"]).polity
                if row["birthplace_historical"]
                else None,
                "birth_text": row["birthplace_historical"] or row["birthplace_today"] or None,
            }
            actual = {
                "name": record.name,
                "also_known_as": record.also_known_as,
                "profession": record.profession,
                "year": record.year,
                "date": record.date and record.date.isoformat(),
                "origin": record.origin,
                "destination": record.destination,
                "defection_place": record.defection_place,
                "summary": record.summary,
                "confidence": record.confidence and record.confidence.value,
                "sources": [s.url for s in record.sources],
                "birth_country": record.birthplace and record.birthplace.country,
                "birth_polity": record.birthplace and record.birthplace.polity,
                "birth_text": record.birthplace and record.birthplace.text,
            }
            if expected != actual:
                mismatches.append(
                    (
                        name,
                        {k: (expected[k], actual[k]) for k in expected if expected[k] != actual[k]},
                    )
                )
        assert [] == mismatches

    def test_counts_by_origin_match_the_file(self, dataset):
        """Counts by origin state among supplement records match the file's rows."""
        expected: dict[str, int] = {}
        for row in supplement_rows():
            key = defectors.normalize_country(row["origin_state"]).key
            expected[key] = expected.get(key, 0) + 1
        later = supplement_records(dataset)
        assert expected == {c.key: n for c, n in later.count_by("origin").items()}

    def test_documented_counts(self, dataset):
        """The counts the file's README states hold for the supplement's records."""
        later = supplement_records(dataset)
        stated = readme_counts()
        actual = {c.name: n for c, n in later.count_by("origin").items() if c is not None}
        actual |= {
            "high": sum(r.confidence is defectors.Confidence.HIGH for r in later),
            "medium": sum(r.confidence is defectors.Confidence.MEDIUM for r in later),
            "with an exact date": sum(r.date is not None for r in later),
        }
        assert (len(supplement_rows()), stated) == (len(later), actual)

    def test_nureyev_date(self):
        """The brief's example: Nureyev's defection is dated 16 June 1961."""
        assert "1961-06-16" == defectors.get("Rudolf Nureyev").date.isoformat()

    def test_no_person_twice(self, dataset):
        """No folded name or other name belongs to two records."""
        owners: dict[str, str] = {}
        repeated = []
        for record in dataset:
            for name in {defectors.fold(n) for n in (record.name, *record.also_known_as)}:
                if name in owners:
                    repeated.append((owners[name], record.id))
                owners[name] = record.id
        assert [] == repeated

    def test_other_names_are_found(self):
        """A parenthesised second name is an other name that get() and search() match."""
        assert ("viktor-suvorov", "viktor-suvorov") == (
            defectors.get("Vladimir Rezun").id,
            defectors.load().search("rezun")[0].id,
        )

    def test_every_supplement_record_has_confidence(self, dataset):
        """Supplement records carry the confidence grade their row gives."""
        later = supplement_records(dataset)
        assert [] == [r.id for r in later if r.confidence is None]


class TestCanonicalFile:
    def test_data_file_is_canonical(self, dataset):
        """The shipped defectors.json is exactly Dataset.to_json() of its records."""
        shipped = resources.files("defectors").joinpath("data/defectors.json").read_text("utf-8")
        assert dataset.to_json() == shipped


class TestTrustedReading:
    """load() builds the package's own records without re-running validators: check them here."""

    def test_trusted_build_equals_the_checked_build(self, dataset):
        """load()'s records, read from records.json, are the checked build of defectors.json."""
        rows = json.loads(
            resources.files("defectors").joinpath("data", "defectors.json").read_text("utf-8")
        )
        checked = [structure_defector(row) for row in rows]
        assert [r.id for r in checked] == [r.id for r in dataset]
        assert [] == [a.id for a, b in zip(checked, dataset, strict=True) if a != b]
        assert [repr(r) for r in checked] == [repr(r) for r in dataset]

    def test_packed_file_is_canonical(self, dataset):
        """The shipped records.json is exactly what the import tool writes for the records."""
        shipped = resources.files("defectors").joinpath("data/records.json").read_text("utf-8")
        assert dumps_packed(dataset) == shipped

    def test_packed_file_of_another_layout_is_refused(self):
        """A records.json written for other fields is refused, not read into the wrong slots."""
        data = json.loads(
            resources.files("defectors").joinpath("data/records.json").read_text("utf-8")
        )
        data["layout"]["record"].reverse()
        with pytest.raises(ValueError, match="another version of defectors"):
            read_packed(data)

    def test_every_bundled_record_passes_its_validators(self, dataset):
        """Every record, place and source of the bundled data passes its attrs validators."""
        for record in dataset:
            attrs.validate(record)
            if record.birthplace is not None:
                attrs.validate(record.birthplace)
            for source in record.sources:
                attrs.validate(source)
        assert len(dataset) == len({r.id for r in dataset})

    def test_every_country_passes_its_validators(self):
        """Every entry of the country table passes the checks its constructor would run."""
        table = defectors.countries()
        for country in table:
            attrs.validate(country)
        assert table == tuple(
            defectors.Country(
                **{a.name: getattr(c, a.name) for a in attrs.fields(defectors.Country)}
            )
            for c in table
        )
