"""Where the shipped records' facts come from: classified, independent, never a copy site."""

from __future__ import annotations

import importlib.util
import re
import urllib.parse
from pathlib import Path

import pytest

import defectors
from defectors import SourceKind

TOOLS = Path(__file__).resolve().parent.parent / "tools"
#: The seed list, the only source the 49 seed records cite.
SEED_LIST = "https://en.wikipedia.org/wiki/List_of_Soviet_and_Eastern_Bloc_defectors"


def _load_tool():
    spec = importlib.util.spec_from_file_location("import_tsv", TOOLS / "import_tsv.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


tool = _load_tool()


def _site(url: str) -> str:
    """The registered site of *url*: its host without a leading www., m. or amp."""
    host = tool.host_of(url)
    for prefix in ("www.", "m.", "amp."):
        host = host.removeprefix(prefix)
    return host


def _is_wikipedia(url: str) -> bool:
    return tool.host_of(url).endswith("wikipedia.org")


def _researched(dataset):
    """The records outside the seed list: each must stand on independent sources."""
    return [r for r in dataset if not any(s.url == SEED_LIST for s in r.sources)]


class TestClassification:
    def test_every_source_has_the_tables_kind(self, dataset):
        """Every source's kind is the one the table of sites gives its address."""
        assert [] == [
            (r.id, s.url, s.kind)
            for r in dataset
            for s in r.sources
            if s.kind is None or s.kind is not tool.classify(s.url)
        ]

    def test_every_kind_is_in_the_vocabulary(self):
        """The table of sites uses only SourceKind's values."""
        kinds, _ = tool.site_tables()
        assert set(kinds.values()) <= set(SourceKind)

    def test_no_site_is_both_classified_and_denied(self):
        """A denied site is never also given a kind (the tool refuses such tables)."""
        kinds, denied = tool.site_tables()
        assert set() == set(kinds) & set(denied)


class TestNoCopySites:
    def test_no_denied_site_or_ip_address(self, dataset):
        """No record cites a copy of Wikipedia, a pirated-book site, a content farm or an IP."""
        refused = []
        for record in dataset:
            for source in record.sources:
                try:
                    tool.classify(source.url)
                except ValueError as exc:
                    refused.append((record.id, str(exc)))
        assert [] == refused

    @pytest.mark.parametrize(
        ("url", "message"),
        [
            ("http://161.35.110.226/archives/story.html", "bare IP address"),
            ("https://[2001:db8::1]/page", "bare IP address"),
            ("https://piglix.com/wiki/Someone", "denied site (wikipedia-copy)"),
            ("https://books.thomasstone.org/x", "denied site (pirated-book)"),
            ("https://sub.perceptiofr.com/x", "denied site (content-farm)"),
            ("https://unclassified.invalid/x", "has no class"),
            ("not a url", "has no host name"),
        ],
    )
    def test_classify_refuses(self, url, message):
        """The tool refuses IP addresses, denied sites (and their subdomains) and unknown sites."""
        with pytest.raises(ValueError, match=re.escape(message)):
            tool.classify(url)

    def test_parent_domain_classifies(self):
        """A subdomain takes its parent's class: content.time.com is news like time.com."""
        assert (SourceKind.NEWS, SourceKind.ENCYCLOPEDIA) == (
            tool.classify("https://content.time.com/time/x.html"),
            tool.classify("https://de.wikipedia.org./wiki/X"),
        )


#: Records that no longer have two independent pages since their copy-site citations were
#: dropped (tools/data/README.md, "Revision of 2026-11-30"): graded medium until another page
#: is found. The list may only shrink.
ONE_ACCOUNT = {
    "oleg-agranyants": "two reports of one newspaper",
    "ion-negoitescu": "three articles of one magazine",
    "galina-orionova": "one article and its translation (two sites, one account)",
}


class TestIndependentSources:
    def test_two_independent_sites(self, dataset):
        """Every record outside the seed list cites two sites, but the documented few."""
        weak = {r.id for r in _researched(dataset) if len({_site(s.url) for s in r.sources}) < 2}
        assert set() == weak - set(ONE_ACCOUNT)

    def test_one_account_records_are_medium(self, dataset):
        """The records resting on one account are graded medium, never high."""
        assert {defectors.Confidence.MEDIUM} == {
            r.confidence for r in dataset if r.id in ONE_ACCOUNT
        }

    def test_one_source_is_not_wikipedia(self, dataset):
        """Every record outside the seed list cites at least one page that is not Wikipedia."""
        assert [] == [
            r.id for r in _researched(dataset) if all(_is_wikipedia(s.url) for s in r.sources)
        ]


class TestWikipediaLinks:
    def test_links_are_english_articles(self, dataset):
        """Every link is an English Wikipedia article address, and never the seed list."""
        links = [r.wikipedia for r in dataset if r.wikipedia is not None]
        assert [] == [
            u for u in links if not u.startswith("https://en.wikipedia.org/wiki/") or u == SEED_LIST
        ]

    def test_no_two_records_share_a_link(self, dataset):
        """One article, one person: no link is given to two records."""
        links = [r.wikipedia for r in dataset if r.wikipedia is not None]
        assert len(set(links)) == len(links)

    def test_links_table_names_known_records(self, dataset):
        """Every row of the table of confirmed links names a record that carries that link."""
        links = tool.read_links(tool.WIKIPEDIA_LINKS)
        by_id = {r.id: r.wikipedia for r in dataset}
        assert {} == {i: u for i, u in links.items() if by_id.get(i) != u}


class TestRefresh:
    def test_refresh_is_idempotent_on_the_shipped_data(self, dataset):
        """Refreshing the shipped records with the shipped tables changes nothing."""
        links = tool.read_links(tool.WIKIPEDIA_LINKS)
        assert list(dataset) == tool.refresh(dataset, links)

    def test_refresh_refuses_a_conflicting_link(self, dataset):
        """A table link that differs from the record's own is an error, not an overwrite."""
        record = next(r for r in dataset if r.wikipedia is not None)
        with pytest.raises(ValueError, match="differs"):
            tool.refresh([record], {record.id: "https://en.wikipedia.org/wiki/Other"})

    def test_refresh_refuses_an_unknown_id(self, dataset):
        """A table row for no record is an error."""
        with pytest.raises(ValueError, match="names no record"):
            tool.refresh(list(dataset)[:1], {"no-such-person": "https://en.wikipedia.org/wiki/X"})


def test_sites_are_named_by_host():
    """The site of an address ignores www., case and a trailing dot."""
    assert ["latimes.com", "latimes.com"] == [
        _site("https://www.latimes.com/x"),
        _site("https://LATIMES.com./y"),
    ]


def test_urls_parse():
    """Every source address parses with a scheme and a host."""
    ds = defectors.load()
    assert [] == [
        s.url
        for r in ds
        for s in r.sources
        if not (urllib.parse.urlsplit(s.url).scheme and urllib.parse.urlsplit(s.url).hostname)
    ]
