"""
Sphinx configuration for the defectors documentation.

Build with ``nox -s docs`` (``sphinx-build -W -n --keep-going -b html docs docs/_build/html``):
every warning and every broken cross-reference fails the build. The build works offline:
intersphinx reads the inventories of Python, attrs and cattrs from Debian's ``python3.11-doc``,
``python-attr-doc`` and ``python-cattrs-doc`` first, and fetches them from the web only where
those files are missing (as on Read the Docs).

The figures are drawn from the shipped data at every build, into ``docs/_static/figures/``
(git-ignored), and the dataset card's tables are computed by the directives in
``_ext/defectors_docs.py``.
"""

from __future__ import annotations

import sys
from collections import Counter
from importlib.metadata import version as _version
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))

import defectors_docs  # noqa: E402 - needs the path above

import defectors  # noqa: E402

# -- Project -------------------------------------------------------------------------------

project = "defectors"
author = "The defectors developers"
copyright = "The defectors developers; data CC BY-SA 4.0"
release = _version("defectors")
version = ".".join(release.split(".")[:2])

# -- General -------------------------------------------------------------------------------

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.intersphinx",
    "sphinx.ext.autosummary",
    "sphinx_copybutton",
    "defectors_docs",
]
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "_ext", "Thumbs.db", ".DS_Store"]
nitpicky = True  # also on Read the Docs, which does not pass -n
# Type names that appear in signatures as written in the source and have no page to link to.
nitpick_ignore = [
    # ``Dataset.to_pandas()`` is annotated with pandas' DataFrame, which is imported for type
    # checking only (pandas is optional); Debian ships no pandas inventory to link it with.
    ("py:class", "pd.DataFrame"),
    ("py:class", "pandas.DataFrame"),
    # defectors.testing's strategies return Hypothesis strategies; Debian's inventories do
    # not cover Hypothesis, and the page links to its documentation in prose instead.
    ("py:class", "hypothesis.strategies.SearchStrategy"),
    ("py:class", "st.SearchStrategy"),
    # The public type aliases of query arguments, documented with py:data (a type alias is
    # not a class); signatures name them as they are written.
    ("py:class", "CountryQuery"),
    ("py:class", "Field"),
]
nitpick_ignore_regex = [
    # The type variable of the ``default`` of get()-style lookups: "whatever you pass".
    ("py:class", r"defectors\._\w+\._T"),
]

# -- MyST ----------------------------------------------------------------------------------

myst_enable_extensions = ["colon_fence", "deflist", "fieldlist", "substitution"]
myst_heading_anchors = 3
# Numbers quoted in running text, computed from the shipped data at build time.
myst_substitutions = {**defectors_docs.substitutions(), "release": release}

# -- autodoc and napoleon ------------------------------------------------------------------

autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_preserve_defaults = True
autodoc_default_options = {"show-inheritance": True}
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_rtype = False
napoleon_use_ivar = False  # attributes get entries of their own, so they can be linked to
napoleon_attr_annotations = True

# The summary table at the top of the API page only: no stub pages are generated.
autosummary_generate = False
# Show `Country`, not `defectors.Country`, in signatures; the links still go to the full name.
python_use_unqualified_type_names = True

# -- Copy buttons: copy what you type, not the prompts or the output ------------------------

copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True

# -- intersphinx: local Debian inventories first, the web as the fallback ------------------

intersphinx_mapping = {
    "python": (
        "https://docs.python.org/3",
        ("/usr/share/doc/python3.11/html/objects.inv", None),
    ),
    "attrs": (
        "https://www.attrs.org/en/stable",
        ("/usr/share/doc/python-attr-doc/html/objects.inv", None),
    ),
    "cattrs": (
        "https://catt.rs/en/stable",
        ("/usr/share/doc/python-cattrs-doc/html/objects.inv", None),
    ),
}
intersphinx_timeout = 10

# -- HTML ----------------------------------------------------------------------------------

html_theme = "furo"
html_title = f"defectors {release}"
html_static_path = ["_static"]
html_css_files = ["defectors.css"]

# -- Figures, drawn from the shipped data --------------------------------------------------

FIGURES = HERE / "_static" / "figures"

#: One colour per origin state, the same in every figure (matplotlib's "tab10").
COLOURS = dict(
    zip(
        defectors_docs.ORIGIN_ORDER,
        ("#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#7f7f7f", "#17becf"),
        strict=True,
    )
)


def _per_year(path: Path) -> None:
    """Defections per year, stacked by origin state, marking the last year of Wikipedia's list."""
    import matplotlib as mpl  # noqa: PLC0415 - only when the docs are built

    mpl.use("Agg")
    import matplotlib.pyplot as plt  # noqa: PLC0415

    ds = defectors.load()
    years = list(range(min(d.year for d in ds), max(d.year for d in ds) + 1))
    counts = Counter((d.origin.key, d.year) for d in ds)
    fig, ax = plt.subplots(figsize=(10, 4.2), layout="constrained")
    bottom = [0] * len(years)
    for origin in defectors_docs.origins(ds):
        heights = [counts[origin.key, y] for y in years]
        ax.bar(
            years,
            heights,
            bottom=bottom,
            width=0.85,
            color=COLOURS[origin.key],
            label=origin.name,
        )
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    wiki = ds.filter(provenance=defectors.Provenance.WIKIPEDIA_LIST)
    if wiki and len(wiki) < len(ds):
        edge = max(d.year for d in wiki) + 0.5
        ax.axvline(edge, color="black", linestyle="--", linewidth=1)
        top = ax.get_xaxis_transform()  # x in data, y in axes coordinates
        text = "Wikipedia's list ends  "
        ax.text(edge, 0.98, text, transform=top, ha="right", va="top", fontsize=9)
    ax.set_xlabel("Year of defection")
    ax.set_ylabel("Defections")
    ax.set_title(f"Notable defections per year, by state left ({len(ds)} records)")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_xlim(years[0] - 1, years[-1] + 1)
    ax.set_ylim(0, max(bottom) * 1.08)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(title="State left", frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1))
    fig.savefig(path, dpi=150, facecolor="white")
    plt.close(fig)


def _by_sector(path: Path) -> None:
    """A heat map of records by origin state and sector, each cell labelled with its count."""
    import matplotlib as mpl  # noqa: PLC0415 - only when the docs are built

    mpl.use("Agg")
    import matplotlib.pyplot as plt  # noqa: PLC0415

    ds = defectors.load()
    rows = defectors_docs.origins(ds)
    sectors = [s for s in defectors.Sector if any(s in d.sectors for d in ds)]
    unknown = any(not d.sectors for d in ds)
    columns = [s.value for s in sectors] + (["(unknown)"] if unknown else [])
    grid = [
        [sum(s in d.sectors for d in ds if d.origin == o) for s in sectors]
        + ([sum(not d.sectors for d in ds if d.origin == o)] if unknown else [])
        for o in rows
    ]
    fig, ax = plt.subplots(figsize=(10, 0.5 * len(rows) + 1.8), layout="constrained")
    image = ax.imshow(grid, cmap="Blues", aspect="auto")
    top = max(max(r) for r in grid) or 1
    for i, row in enumerate(grid):
        for j, value in enumerate(row):
            if value:
                colour = "white" if value > top * 0.55 else "black"
                ax.text(j, i, str(value), ha="center", va="center", color=colour, fontsize=10)
    ax.set_xticks(range(len(columns)), columns)
    ax.set_yticks(range(len(rows)), [o.name for o in rows])
    ax.tick_params(length=0)
    ax.set_xlabel("Sector (a record counts once under each of its sectors)")
    ax.set_title(f"Origins by sector ({len(ds)} records)")
    fig.colorbar(image, ax=ax, label="Records", shrink=0.8)
    fig.savefig(path, dpi=150, facecolor="white")
    plt.close(fig)


def _tutorial_chart(directory: Path) -> None:
    """
    Run the tutorial's own chart code, so the figure it shows is the one its code draws.

    The code is the ``pycon`` block of the tutorial that calls ``savefig``, run with its
    prompts removed in *directory*, after the tutorial's ``early`` selection.
    """
    import os  # noqa: PLC0415 - only when the docs are built

    import matplotlib as mpl  # noqa: PLC0415

    mpl.use("Agg")
    text = (HERE / "tutorial.md").read_text(encoding="utf-8")
    blocks = text.split("```pycon\n")[1:]
    code = next(b.split("```", 1)[0] for b in blocks if "savefig" in b)
    source = "\n".join(line[4:] for line in code.splitlines() if line.startswith((">>> ", "... ")))
    early = defectors.load().filter(provenance="wikipedia-list")
    namespace = {"defectors": defectors, "early": early}
    here = Path.cwd()
    os.chdir(directory)
    try:
        exec(compile(source, "tutorial.md", "exec"), namespace)  # noqa: S102 - our own docs
    finally:
        os.chdir(here)
    import matplotlib.pyplot as plt  # noqa: PLC0415

    plt.close("all")


def _figures(_app: Any) -> None:  # noqa: ANN401 - a Sphinx event handler
    """Draw every figure into ``_static/figures/`` before the pages are read."""
    FIGURES.mkdir(parents=True, exist_ok=True)
    _tutorial_chart(FIGURES)
    _per_year(FIGURES / "defections-per-year.png")
    _by_sector(FIGURES / "origins-by-sector.png")


def setup(app: Any) -> None:  # noqa: ANN401 - the Sphinx application
    """Draw the figures when the builder starts, before any page is read."""
    app.connect("builder-inited", _figures)
