"""Where the shipped records' facts come from: classified, independent, never a copy site."""

from __future__ import annotations

import importlib.util
import re
import urllib.parse
from pathlib import Path

import attrs
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
    """
    The registered site of *url*: its host without a leading www., m. or amp.

    Every edition of Wikipedia is one site: an article and its Simple English or other
    language version are not independent of each other.
    """
    if _is_wikipedia(url):
        return "wikipedia.org"
    host = tool.host_of(url)
    for prefix in ("www.", "m.", "amp."):
        host = host.removeprefix(prefix)
    return host


def _is_wikipedia(url: str) -> bool:
    host = tool.host_of(url)
    return host == "wikipedia.org" or host.endswith(".wikipedia.org")


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

    @pytest.mark.parametrize(
        ("kinds", "denied", "message"),
        [
            ("a.org\tgossip\n", "", "has the kind 'gossip'; expected encyclopedia"),
            ("a.org\tnews\nwww.a.org\tblog\n", "", "listed twice"),
            ("a.org\tnews\n", "www.a.org\tcontent-farm\n", "both classified and denied: a.org"),
            ("a.org\n", "", "every row needs domain, kind"),
        ],
    )
    def test_bad_tables_are_refused(self, tmp_path, monkeypatch, kinds, denied, message):
        """A kind outside the vocabulary, a site listed twice or both ways is an error."""
        monkeypatch.setattr(tool, "SOURCE_KINDS", tmp_path / "kinds.tsv")
        monkeypatch.setattr(tool, "DENIED", tmp_path / "denied.tsv")
        (tmp_path / "kinds.tsv").write_text("domain\tkind\n" + kinds, encoding="utf-8")
        (tmp_path / "denied.tsv").write_text("domain\treason\n" + denied, encoding="utf-8")
        with pytest.raises(ValueError, match=re.escape(message)):
            tool.site_tables.__wrapped__()


class TestNoCopySites:
    def test_no_denied_site_or_ip_address(self, dataset):
        """No record cites a copy of Wikipedia, a pirated-book site, a content farm or an IP."""
        refused = []
        for record in dataset:
            for source in record.sources:
                try:
                    tool.classify(source.url)
                except ValueError as exc:  # noqa: PERF203 - every refusal is listed
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
            ("not-a-url", "is not an http or https address"),
            ("javascript://www.time.com/%0Aalert(1)", "is not an http or https address"),
            ("ftp://time.com/x", "is not an http or https address"),
            ("https://evil.example\\@time.com/", "a backslash"),
            ("https://ti\tme.com/x", "white space"),
            ("https://time.com:abc/x", "is not a valid address"),
            ("https://.time.com/x", "has no host name"),
            ("https://[::1/x", "is not a valid address"),
        ],
    )
    def test_classify_refuses(self, url, message):
        """The tool refuses IP addresses, denied sites (and their subdomains) and unknown sites."""
        with pytest.raises(ValueError, match=re.escape(message)):
            tool.classify(url)

    def test_www_and_case_do_not_matter(self):
        """The tables name sites without www.: every spelling of a host gets one answer."""
        assert {SourceKind.NEWS} == {
            tool.classify(u)
            for u in ("https://www.latimes.com/a", "https://LATIMES.com./b", "http://latimes.com")
        }

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


class TestCanonicalWikipedia:
    @pytest.mark.parametrize(
        ("given", "canonical"),
        [
            ("https://en.wikipedia.org/wiki/J%C3%B3zef_%C5%9Awiat%C5%82o", None),
            (
                "https://en.wikipedia.org/wiki/Józef Światło",
                "https://en.wikipedia.org/wiki/J%C3%B3zef_%C5%9Awiat%C5%82o",
            ),
            (
                "https://en.wikipedia.org/wiki/j%c3%b3zef__%c5%9awiat%c5%82o_",
                "https://en.wikipedia.org/wiki/J%C3%B3zef_%C5%9Awiat%C5%82o",
            ),
            ("https://en.wikipedia.org/wiki/Alexander_Orlov_(Soviet_defector)", None),
            (
                "https://en.wikipedia.org/wiki/O'Hara",
                "https://en.wikipedia.org/wiki/O%27Hara",
            ),
        ],
    )
    def test_one_address_an_article(self, given, canonical):
        """Every spelling of an article's address has one canonical form, which is stable."""
        expected = canonical or given
        assert (expected, expected) == (
            defectors.canonical_wikipedia(given),
            defectors.canonical_wikipedia(expected),
        )

    @pytest.mark.parametrize(
        ("url", "message"),
        [
            ("https://de.wikipedia.org/wiki/X", "does not start with"),
            ("http://en.wikipedia.org/wiki/X", "does not start with"),
            ("https://en.wikipedia.org/wiki/Foo#Early_life", "query or a fragment"),
            ("https://en.wikipedia.org/wiki/Foo?oldid=1", "query or a fragment"),
            ("https://en.wikipedia.org/wiki/%C5", "not UTF-8"),
            ("https://en.wikipedia.org/wiki/%00", "in its title"),
            ("https://en.wikipedia.org/wiki/A%E2%80%AEB", "in its title"),
            ("https://en.wikipedia.org/wiki/", "no article title"),
            ("https://en.wikipedia.org/wiki/%2FFoo", "no article title"),
            ("https://en.wikipedia.org/wiki/../../w/index.php", "no article title"),
            ("https://en.wikipedia.org/wiki/Special:Random", "another namespace"),
            ("https://en.wikipedia.org/wiki/Talk:Foo", "another namespace"),
            ("https://en.wikipedia.org/wiki/WP:Foo", "another namespace"),
            ("https://en.wikipedia.org/wiki/_", "no article title"),
            ("https://en.wikipedia.org/wiki/a/./b", "no article title"),
        ],
    )
    def test_refuses_what_is_no_article(self, url, message):
        """Addresses that name no article, or name it ambiguously, are refused and say why."""
        with pytest.raises(ValueError, match=re.escape(message)):
            defectors.canonical_wikipedia(url)

    def test_refusals_are_the_packages_errors(self):
        """A refused address is an InvalidArgumentError, which is a DefectorsError."""
        with pytest.raises(defectors.InvalidArgumentError):
            defectors.canonical_wikipedia("https://en.wikipedia.org/wiki/")

    def test_refuses_other_types(self):
        """A non-string is a TypeError."""
        with pytest.raises(TypeError, match="must be a str"):
            defectors.canonical_wikipedia(b"https://en.wikipedia.org/wiki/X")  # type: ignore[arg-type]

    def test_records_hold_only_canonical_links(self, dataset):
        """A record refuses a non-canonical link and names the canonical one."""
        record = next(r for r in dataset if r.wikipedia is not None)
        spelled = record.wikipedia.replace("_", " ")
        if spelled == record.wikipedia:  # pragma: no cover - every title here has a space
            spelled = record.wikipedia + " "
        with pytest.raises(defectors.InvalidRecordError, match="canonical form") as info:
            attrs.evolve(record, wikipedia=spelled)
        assert "wikipedia" == info.value.field


class TestWikipediaLinks:
    def test_links_are_canonical_articles(self, dataset):
        """Every link is an article's canonical address, and never the seed list."""
        links = [r.wikipedia for r in dataset if r.wikipedia is not None]
        assert [] == [u for u in links if defectors.canonical_wikipedia(u) != u or u == SEED_LIST]

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
