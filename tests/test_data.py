"""Integrity of the shipped dataset: ids, facts kept from the source, vocabularies."""

from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from pathlib import Path

import pytest

import defectors
from defectors import Sector

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
        assert [i for i in released_ids() if i not in set(dataset.ids)] == []

    def test_every_id_is_released(self, dataset):
        """Every id in the dataset is in the committed list (add new ones there)."""
        assert [i for i in dataset.ids if i not in set(released_ids())] == []

    def test_ids_follow_the_slug_rule(self, dataset):
        """Each id is the slug of the record's name."""
        assert [r.id for r in dataset if r.id != defectors.slugify(r.name)] == []


class TestSeedFacts:
    def test_all_seed_rows_present(self, dataset):
        """All 49 rows of the Wikipedia list are records."""
        assert len(seed_records(dataset)) == 49

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
        assert [r.name for r in dataset if unicodedata.normalize("NFC", r.name) != r.name] == []

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
        assert copied == []


class TestVocabularies:
    def test_order_is_year_then_name(self, dataset):
        """Records are ordered by year, then by folded name."""
        keys = [(r.year, defectors.fold(r.name)) for r in dataset]
        assert sorted(keys) == keys

    def test_years_in_range(self, dataset):
        """Every year is between 1917 and 1991."""
        assert [r.id for r in dataset if not 1917 <= r.year <= 1991] == []

    def test_sectors_follow_the_mapping(self, dataset):
        """Every record's sectors are what sectors_for() gives for its profession."""
        wrong = [
            (r.id, r.sectors, defectors.sectors_for(r.profession))
            for r in dataset
            if r.sectors != defectors.sectors_for(r.profession)
        ]
        assert wrong == []

    def test_sector_vocabulary_is_closed(self, dataset):
        """Sectors come only from the Sector enum."""
        assert all(isinstance(s, Sector) for r in dataset for s in r.sectors)

    def test_every_record_has_a_source(self, dataset):
        """Every record names at least one source with an https URL."""
        assert [
            r.id
            for r in dataset
            if not r.sources or not all(s.url.startswith("https://") for s in r.sources)
        ] == []


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
        assert unresolved == []

    def test_birth_country_is_current(self, dataset):
        """A birthplace's country is a present-day state, never a historic one."""
        assert [
            r.id
            for r in dataset
            if r.birthplace and r.birthplace.country and r.birthplace.country.historic
        ] == []
