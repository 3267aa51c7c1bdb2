"""defectors.cite() and CITATION.cff: how to cite the package, the dataset and its sources."""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

import pytest

import defectors
from defectors import _cite

REPO = Path(__file__).resolve().parent.parent


class TestTextStyle:
    def test_default_is_text(self):
        """Called without a style, cite() gives the plain-text citation."""
        assert defectors.cite("text") == defectors.cite()

    def test_names_package_version_and_data_revision(self):
        """The text names the installed version and the data revision from metadata()."""
        text = defectors.cite()
        assert f"software version {version('defectors')}" in text
        assert f"data revision {defectors.metadata().revision}" in text

    def test_names_every_source_with_its_revision(self):
        """Each source of metadata() appears with its title, address and revision."""
        text = defectors.cite()
        for source in defectors.metadata().sources:
            assert f'"{source.title}"' in text
            if source.url:
                assert source.url in text
            if source.revision:
                assert f"revision of {source.revision}" in text

    def test_credits_wikipedia_and_licence(self):
        """The Wikipedia source is credited to its contributors, with the data licence."""
        text = defectors.cite()
        assert 'Wikipedia contributors, "List of Soviet and Eastern Bloc defectors"' in text
        assert defectors.metadata().licence in text
        assert defectors.metadata().attribution in text

    def test_names_the_supplement_as_our_own_compilation(self):
        """A source with no address is credited to the package's authors as their compilation."""
        text = defectors.cite()
        for source in defectors.metadata().sources:
            if source.url is None:
                assert f'The defectors developers, "{source.title}"' in text
                assert "each record lists its own sources" in text

    def test_wikipedia_revision_is_2025_11_06(self):
        """The seed's source revision, 2025-11-06, is in the citation."""
        assert "revision of 2025-11-06" in defectors.cite()

    def test_ends_in_one_newline(self):
        """The text ends in exactly one newline."""
        text = defectors.cite()
        assert (True, False) == (text.endswith("\n"), text.endswith("\n\n"))


class TestBibtexStyle:
    def test_first_entry_is_the_package(self):
        """The first entry is a @misc with the key 'defectors'."""
        assert "@misc{defectors," == defectors.cite("bibtex").splitlines()[0]

    def test_one_entry_per_source(self):
        """There is one entry for the package and one for each source."""
        entries = re.findall(r"^@misc\{", defectors.cite("bibtex"), flags=re.MULTILINE)
        assert 1 + len(defectors.metadata().sources) == len(entries)

    def test_source_entries_carry_revision_and_url(self):
        """Each source entry has its URL and a note with its revision."""
        bibtex = defectors.cite("bibtex")
        for source in defectors.metadata().sources:
            if source.url:
                assert f"url = {{{source.url}}}" in bibtex
            if source.revision:
                assert f"note = {{Revision of {source.revision}" in bibtex

    def test_braces_balance(self):
        """Every entry's braces balance, so BibTeX can parse it."""
        for entry in defectors.cite("bibtex").split("\n\n"):
            assert entry.count("{") == entry.count("}")

    def test_special_characters_are_escaped(self, monkeypatch):
        """An ampersand in a title is escaped for BibTeX."""
        real = _cite.metadata()
        fake = type(real)(
            title="Spies & Dancers",
            revision=real.revision,
            licence=real.licence,
            licence_url=real.licence_url,
            attribution=real.attribution,
            sources=(
                defectors.DataSource(
                    title="A & B", url="https://example.org/list_1", revision=None, description=None
                ),
            ),
            record_count=real.record_count,
        )
        monkeypatch.setattr(_cite, "metadata", lambda: fake)
        bibtex = defectors.cite("bibtex")
        assert r"{defectors}: Spies \& Dancers" in bibtex
        assert r"title = {A \& B}" in bibtex
        assert "url = {https://example.org/list_1}" in bibtex


class TestErrors:
    @pytest.mark.parametrize("style", ["", "TEXT", "apa", "bib"])
    def test_unknown_style_is_a_value_error_quoting_it(self, style):
        """An unknown style raises ValueError whose message quotes it."""
        with pytest.raises(ValueError, match="unknown citation style") as info:
            defectors.cite(style)  # type: ignore[arg-type]
        assert repr(style) in str(info.value)

    @pytest.mark.parametrize("style", [None, 1, b"text", ["text"]])
    def test_non_string_style_is_a_type_error(self, style):
        """A style that is not a string raises TypeError."""
        with pytest.raises(TypeError, match="style must be a str"):
            defectors.cite(style)  # type: ignore[arg-type]


class TestCitationFile:
    def test_names_installed_version(self):
        """CITATION.cff gives the installed package version."""
        text = (REPO / "CITATION.cff").read_text(encoding="utf-8")
        assert f'version: "{version("defectors")}"' in text.splitlines()

    def test_references_the_source_revision(self):
        """CITATION.cff references each source of metadata() with its revision."""
        text = (REPO / "CITATION.cff").read_text(encoding="utf-8")
        assert text.startswith("cff-version: 1.2.0\n")
        for source in defectors.metadata().sources:
            assert f'title: "{source.title}"' in text
            if source.url:
                assert f'url: "{source.url}"' in text
            if source.revision:
                assert f'version: "{source.revision}"' in text
