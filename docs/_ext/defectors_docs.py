# ruff: noqa: INP001 - a Sphinx extension loaded from docs/conf.py, not a package
"""
Sphinx helpers for the defectors docs: tables and figures computed from the shipped data.

Nothing here is written by hand from the data: every number on the dataset card and in the
figures is computed from ``defectors.load()`` and ``datapackage.json`` when the docs are built,
so the pages follow the data as records are added.

Directives (usable from MyST as ```` ```{name} ````):

* ``defectors-sources``: one row per collection: records, years, exact dates, graded records.
* ``defectors-coverage``: records by origin state and decade, one table per collection.
* ``defectors-completeness``: how often each optional field is filled in, per collection.
* ``defectors-source-kinds``: the kinds of the sources cited, per collection.

A *collection* is one of the sources of ``datapackage.json`` (:attr:`defectors.Metadata.sources`),
and a record belongs to the one its ``provenance`` names.
* ``defectors-fields``: every field of the flat table, from ``datapackage.json``.
* ``defectors-sector-rules``: :data:`defectors.SECTOR_RULES` as a table.
* ``defectors-eras``: the eras of both schemes, from :func:`defectors.eras`.
* ``defectors-bloc``: Eastern Bloc membership years, from :func:`defectors.is_eastern_bloc`.
"""

from __future__ import annotations

import enum
import json
import re
import typing
from collections import Counter
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
from docutils import nodes
from sphinx import addnodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import stringify_annotation

import defectors

#: The collections, in the order of the sources of ``datapackage.json`` that describe them.
PROVENANCE_ORDER = (
    defectors.Provenance.WIKIPEDIA_LIST,
    defectors.Provenance.RESEARCH_1961_1991,
    defectors.Provenance.LATER_RESEARCH,
)

#: The eight origin states, in the order tables and figures list them.
ORIGIN_ORDER = ("SUHH", "POL", "CSHH", "HUN", "ROU", "BGR", "DDDE", "ALB")


# -- The data, grouped by collection -----------------------------------------------------


def source_label(source: defectors.DataSource) -> str:
    """Return how tables name a source of ``datapackage.json``."""
    revision = f" (revision {source.revision})" if source.revision else ""
    return f"{source.title}{revision}"


def provenance_labels() -> dict[defectors.Provenance, str]:
    """
    Return how tables name each collection: the label of its source in ``datapackage.json``.

    The sources of :func:`defectors.metadata` describe the collections in
    :data:`PROVENANCE_ORDER`; a collection without a source of its own is named by its value.
    """
    sources = defectors.metadata().sources
    labels = {p: p.value for p in defectors.Provenance}
    for provenance, source in zip(PROVENANCE_ORDER, sources, strict=False):
        labels[provenance] = source_label(source)
    return labels


def by_source(ds: defectors.Dataset | None = None) -> dict[str, defectors.Dataset]:
    """
    Return the shipped records grouped by the collection (source of the data) they belong to.

    A record belongs to the collection its ``provenance`` names, whatever sources it cites, and
    the groups are named and ordered as the sources of :func:`defectors.metadata` are.
    Collections with no records are left out.
    """
    ds = defectors.load() if ds is None else ds
    labels = provenance_labels()
    order = [*PROVENANCE_ORDER, *(p for p in defectors.Provenance if p not in PROVENANCE_ORDER)]
    return {labels[p]: group for p in order if (group := ds.filter(provenance=p))}


def origins(ds: defectors.Dataset) -> list[defectors.Country]:
    """Return the origin states present in *ds*, in :data:`ORIGIN_ORDER`."""
    present = {d.origin.key: d.origin for d in ds}
    return [present[k] for k in ORIGIN_ORDER if k in present]


def substitutions() -> dict[str, str]:
    """Return the numbers the pages quote in running text, as MyST substitutions."""
    ds = defectors.load()
    meta = defectors.metadata()
    groups = by_source(ds)
    wiki = ds.filter(provenance=defectors.Provenance.WIKIPEDIA_LIST)
    supplement = ds.filter(provenance=defectors.Provenance.RESEARCH_1961_1991)
    later = ds.filter(provenance=defectors.Provenance.LATER_RESEARCH)
    years = [d.year for d in ds]
    return {
        "n_records": str(len(ds)),
        "first_year": str(min(years)),
        "last_year": str(max(years)),
        "n_sources": str(len(groups)),
        "n_wikipedia": str(len(wiki)),
        "n_supplement": str(len(supplement)),
        "n_later": str(len(later)),
        "later_first_year": str(min((d.year for d in later), default="")),
        "later_last_year": str(max((d.year for d in later), default="")),
        "wikipedia_last_year": str(max(d.year for d in wiki)),
        "revision": meta.revision,
        "attribution": meta.attribution,
        "licence": meta.licence,
        "wikipedia_revision": next((src.revision or "" for src in meta.sources if src.url), ""),
        "n_dated": str(sum(d.date is not None for d in ds)),
        "n_countries": str(len(defectors.countries())),
    }


# -- Tables ------------------------------------------------------------------------------


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    numeric: Sequence[bool] | None = None,
    caption: str | None = None,
) -> nodes.table:
    """Return a docutils table; *numeric* marks right-aligned columns."""
    numeric = numeric or [False] * len(headers)
    result = nodes.table(classes=["defectors-table"])
    if caption:
        result += nodes.title(text=caption)
    group = nodes.tgroup(cols=len(headers))
    result += group
    for _ in headers:
        group += nodes.colspec(colwidth=1)

    def row(cells: Sequence[str], *, head: bool = False) -> nodes.row:
        out = nodes.row()
        for cell, right in zip(cells, numeric, strict=True):
            entry = nodes.entry(classes=["numeric"] if right and not head else [])
            entry += nodes.paragraph(text=cell)
            out += entry
        return out

    thead = nodes.thead()
    thead += row(headers, head=True)
    group += thead
    tbody = nodes.tbody()
    for cells in rows:
        tbody += row(cells)
    group += tbody
    return result


class _DataDirective(SphinxDirective):
    has_content = False
    required_arguments = 0
    optional_arguments = 0

    def run(self) -> list[nodes.Node]:
        # Rebuild the page whenever the data or its description changes.
        for name in ("defectors.json", "datapackage.json"):
            path = Path(str(resources.files("defectors").joinpath("data", name)))
            if path.exists():
                self.env.note_dependency(str(path))
        return self.make()

    def make(self) -> list[nodes.Node]:
        """Return the nodes that stand for the directive."""
        raise NotImplementedError


class SourcesDirective(_DataDirective):
    """One row per source: how many records, over which years, how many dated and graded."""

    def make(self) -> list[nodes.Node]:
        """Return the table."""
        rows = []
        for name, ds in by_source().items():
            years = [d.year for d in ds]
            rows.append(
                [
                    name,
                    str(len(ds)),
                    f"{min(years)}\u2013{max(years)}",
                    str(sum(d.date is not None for d in ds)),
                    str(sum(d.confidence is not None for d in ds)),
                ]
            )
        everything = defectors.load()
        years = [d.year for d in everything]
        rows.append(
            [
                "All records",
                str(len(everything)),
                f"{min(years)}\u2013{max(years)}",
                str(sum(d.date is not None for d in everything)),
                str(sum(d.confidence is not None for d in everything)),
            ]
        )
        headers = ["Source", "Records", "Years", "Exact date", "Graded"]
        return [table(headers, rows, numeric=[False, True, True, True, True])]


class CoverageDirective(_DataDirective):
    """For each source, a table of records by origin state (rows) and decade (columns)."""

    def make(self) -> list[nodes.Node]:
        """Return the table."""
        out: list[nodes.Node] = []
        for name, ds in by_source().items():
            decades = sorted({d.year // 10 * 10 for d in ds})
            counts = Counter((d.origin.key, d.year // 10 * 10) for d in ds)
            rows = []
            for origin in origins(ds):
                cells = [str(counts[origin.key, dec] or "") for dec in decades]
                total = sum(counts[origin.key, dec] for dec in decades)
                rows.append([origin.name, *cells, str(total)])
            totals = [str(sum(d.year // 10 * 10 == dec for d in ds)) for dec in decades]
            rows.append(["Total", *totals, str(len(ds))])
            headers = ["Origin", *(f"{dec}s" for dec in decades), "Total"]
            numeric = [False, *([True] * (len(decades) + 1))]
            out.append(table(headers, rows, numeric=numeric, caption=name))
        return out


#: Optional fields of a record, with how to tell that one is filled in.
_OPTIONAL: tuple[tuple[str, Any], ...] = (
    ("profession", lambda d: d.profession is not None),
    ("birthplace", lambda d: d.birthplace is not None and d.birthplace.text is not None),
    ("birth country (present-day)", lambda d: d.birthplace is not None and d.birthplace.country),
    ("date (exact day)", lambda d: d.date is not None),
    ("destination", lambda d: d.destination is not None),
    ("defection_place", lambda d: d.defection_place is not None),
    ("route (at least one country)", lambda d: bool(d.route)),
    ("confidence", lambda d: d.confidence is not None),
    ("wikipedia (the person's article)", lambda d: d.wikipedia is not None),
    ("outcome = attempted", lambda d: d.outcome is defectors.Outcome.ATTEMPTED),
)


class CompletenessDirective(_DataDirective):
    """How many records of each source have each optional field."""

    def make(self) -> list[nodes.Node]:
        """Return the table."""
        groups = by_source()
        headers = ["Field", *groups]
        rows = []
        for label, has in _OPTIONAL:
            cells = []
            for ds in groups.values():
                n = sum(bool(has(d)) for d in ds)
                cells.append(f"{n} of {len(ds)} ({100 * n / len(ds):.0f}%)")
            rows.append([label, *cells])
        return [table(headers, rows, numeric=[False, *([True] * len(groups))])]


class SourceKindsDirective(_DataDirective):
    """How the records' sources are distributed by kind, for each source of the data."""

    def make(self) -> list[nodes.Node]:
        """Return the table: citations of each kind, and the records citing that kind."""
        groups = {**by_source(), "All records": defectors.load()}
        headers = ["Kind", *groups]
        rows = []
        for kind in defectors.SourceKind:
            cells = []
            for ds in groups.values():
                cited = sum(s.kind is kind for d in ds for s in d.sources)
                records = sum(any(s.kind is kind for s in d.sources) for d in ds)
                cells.append(f"{cited} ({records} records)" if cited else "")
            rows.append([kind.value, *cells])
        totals = [str(sum(len(d.sources) for d in ds)) for ds in groups.values()]
        rows.append(["All sources", *totals])
        return [table(headers, rows, numeric=[False, *([True] * len(groups))])]


def _datapackage() -> dict[str, Any]:
    text = resources.files("defectors").joinpath("data", "datapackage.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _constraints(field: dict[str, Any]) -> str:
    found = field.get("constraints", {})
    parts = []
    if found.get("required"):
        parts.append("required")
    if found.get("unique"):
        parts.append("unique")
    if "enum" in found:
        parts.append("one of " + ", ".join(found["enum"]))
    if "minimum" in found or "maximum" in found:
        parts.append(f"{found.get('minimum', '')}-{found.get('maximum', '')}")
    if "pattern" in found:
        parts.append(f"pattern {found['pattern']}")
    return "; ".join(parts)


class FieldsDirective(_DataDirective):
    """Every field of the flat table, as ``datapackage.json`` describes it."""

    def make(self) -> list[nodes.Node]:
        """Return the table."""
        resource = _datapackage()["resources"][0]
        rows = [
            [f["name"], f["type"], _constraints(f), f.get("description", "")]
            for f in resource["schema"]["fields"]
        ]
        return [table(["Column", "Type", "Constraints", "Description"], rows)]


class SectorRulesDirective(_DataDirective):
    """:data:`defectors.SECTOR_RULES`, one row per sector."""

    def make(self) -> list[nodes.Node]:
        """Return the table."""
        rows = [
            [sector.value, ", ".join(words)] for sector, words in defectors.SECTOR_RULES.items()
        ]
        rows.append([defectors.Sector.OTHER.value, "(a profession none of the words above match)"])
        return [table(["Sector", "Words that put a profession in it"], rows)]


class ErasDirective(_DataDirective):
    """The eras of every scheme, with their first and last days and opening events."""

    def make(self) -> list[nodes.Node]:
        """Return the table."""
        out: list[nodes.Node] = []
        for scheme in defectors.SCHEMES:
            rows = [
                [era.name, era.start.isoformat(), era.end.isoformat(), era.event]
                for era in defectors.eras(scheme)
            ]
            headers = ["Era", "First day", "Last day", "Opened by"]
            out.append(table(headers, rows, caption=f'Scheme "{scheme}"'))
        return out


class BlocDirective(_DataDirective):
    """The years each origin state counts as an Eastern Bloc member."""

    def make(self) -> list[nodes.Node]:
        """Return the table."""
        rows = []
        for key in _bloc_order():
            country = defectors.get_country(key)
            years = [y for y in range(1917, 1992) if defectors.is_eastern_bloc(country, y)]
            rows.append([country.name, str(min(years)), str(max(years))])
        return [table(["State", "First year", "Last year"], rows, numeric=[False, True, True])]


def _bloc_order() -> list[str]:
    """Return the origin keys in the order the bloc table lists them: by first year."""

    def first(key: str) -> int:
        country = defectors.get_country(key)
        return next(y for y in range(1917, 1992) if defectors.is_eastern_bloc(country, y))

    return sorted(ORIGIN_ORDER, key=lambda k: (first(k), defectors.get_country(k).name))


def resolve_aliases(
    app: Sphinx,
    env: BuildEnvironment,
    node: pending_xref,
    contnode: nodes.Element,
) -> nodes.Element | None:
    """
    Resolve a reference to an error by its top-level name to its entry in ``exceptions``.

    The errors are documented where they are defined, in :mod:`defectors.exceptions`, and
    re-exported at the top level; docstrings name them either way (``DatasetError``,
    ``defectors.DatasetError``), so both resolve to the one entry.
    """
    if node.get("refdomain") != "py":
        return None
    target = str(node.get("reftarget", ""))
    name = target.rsplit(".", 1)[-1]
    if target not in {name, f"defectors.{name}"} or name not in defectors.exceptions.__all__:
        return None
    domain = env.get_domain("py")
    return domain.resolve_xref(
        env,
        node["refdoc"],
        app.builder,
        node["reftype"],
        f"defectors.exceptions.{name}",
        node,
        contnode,
    )


#: A private module's prefix in a type's name (``defectors._model.``), where the public
#: name is the same name at the top level.
_PRIVATE = re.compile(r"\bdefectors\._[a-z_]+\.(?=[A-Za-z])")
#: The package's modules import datetime as ``dt``; annotations autodoc cannot evaluate
#: (those naming types imported for type checking only) keep that spelling.
_DT = re.compile(r"\bdt\.(?=date\b)")


def _public(text: str) -> str:
    return _DT.sub("datetime.", _PRIVATE.sub("defectors.", text))


def public_names(_app: Sphinx, doctree: nodes.document) -> None:
    """
    Show and link every type by its public name (``defectors.Country``, not the private path).

    Annotations name the class where it is defined, in a private module; every such class is
    re-exported, and documented, at the top level.
    """
    for xref in list(doctree.findall(addnodes.pending_xref)):
        target = str(xref.get("reftarget", ""))
        public = _public(target)
        if public != target:
            xref["reftarget"] = public
    for text in list(doctree.findall(nodes.Text)):
        public = _public(str(text))
        if public != str(text) and text.parent is not None:
            text.parent.replace(text, nodes.Text(public))


def _annotation(hint: object) -> str:
    return _PRIVATE.sub("defectors.", stringify_annotation(hint, "fully-qualified-except-typing"))


def attrs_signature(
    _app: Sphinx,
    what: str,
    _name: str,
    obj: object,
    _options: object,
    _signature: str | None,
    return_annotation: str | None,
) -> tuple[str | None, str | None] | None:
    """
    Give an attrs class the signature its fields declare: real defaults and types.

    attrs writes ``__init__`` itself, so with ``autodoc_preserve_defaults`` its defaults read
    ``attr_dict['name'].default``, and a converter's argument type (``Iterable[Any]``) hides
    the field's. Fields with a tuple converter take any iterable of the item type.
    """
    if what != "class" or not isinstance(obj, type) or not attrs.has(obj):
        return None
    hints = typing.get_type_hints(obj)
    params: list[str] = []
    keyword_only = False
    for field in attrs.fields(obj):
        if not field.init:
            continue
        if field.kw_only and not keyword_only:
            params.append("*")
            keyword_only = True
        hint = hints[field.name]
        text = _annotation(hint)
        if typing.get_origin(hint) is tuple:
            item = typing.get_args(hint)[0]
            text = f"collections.abc.Iterable[{_annotation(item)}]"
        default = field.default
        if default is attrs.NOTHING:
            params.append(f"{field.name}: {text}")
        else:
            shown = repr(default)
            if isinstance(default, enum.Enum):
                shown = f"{_annotation(type(default))}.{default.name}"
            params.append(f"{field.name}: {text} = {shown}")
    return f"({', '.join(params)})", return_annotation


#: Methods whose many overloads (one per field, or pair of fields) type checkers need but
#: readers do not: the API page gives their one signature and a table of key types instead.
_HIDDEN_OVERLOADS = ("Dataset.count_by", "Dataset.group_by")


def hide_overloads(_app: Sphinx) -> None:
    """Drop those overloads from autodoc's (cached) analysis of their module."""
    from sphinx.pycode import ModuleAnalyzer  # noqa: PLC0415 - Sphinx only

    analyzer = ModuleAnalyzer.for_module("defectors._dataset")
    analyzer.analyze()
    for name in _HIDDEN_OVERLOADS:
        analyzer.overloads.pop(name, None)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directives, the alias resolver and the signature fixes."""
    app.connect("missing-reference", resolve_aliases)
    app.connect("builder-inited", hide_overloads)
    app.connect("doctree-read", public_names)
    app.connect("autodoc-process-signature", attrs_signature)
    app.add_directive("defectors-sources", SourcesDirective)
    app.add_directive("defectors-coverage", CoverageDirective)
    app.add_directive("defectors-completeness", CompletenessDirective)
    app.add_directive("defectors-source-kinds", SourceKindsDirective)
    app.add_directive("defectors-fields", FieldsDirective)
    app.add_directive("defectors-sector-rules", SectorRulesDirective)
    app.add_directive("defectors-eras", ErasDirective)
    app.add_directive("defectors-bloc", BlocDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
