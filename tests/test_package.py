"""The installed package: metadata, public names, package data and import cost."""

from __future__ import annotations

import ast
import importlib.metadata
import os
import subprocess
import sys
import typing
from importlib import resources
from pathlib import Path

import pytest

import defectors

REPO = Path(__file__).resolve().parent.parent


class TestPublicNames:
    def test_all_is_sorted(self):
        """__all__ is sorted, so additions are easy to review."""
        assert sorted(defectors.__all__) == list(defectors.__all__)

    def test_all_names_exist(self):
        """Every name in __all__ is an attribute of the package."""
        missing = [n for n in defectors.__all__ if not hasattr(defectors, n)]
        assert [] == missing

    def test_unknown_attribute_raises(self):
        """An unknown attribute raises AttributeError naming it."""
        with pytest.raises(AttributeError, match="no_such_name"):
            _ = defectors.no_such_name  # type: ignore[attr-defined]

    @pytest.mark.parametrize(
        "cls",
        [
            getattr(defectors, n)
            for n in defectors.__all__
            if isinstance(getattr(defectors, n), type)
        ],
    )
    def test_type_hints_resolve(self, cls):
        """typing.get_type_hints works on every public class."""
        assert isinstance(typing.get_type_hints(cls), dict)


class TestVersion:
    def test_version_matches_metadata(self):
        """__version__ is the installed distribution's version."""
        assert importlib.metadata.version("defectors") == defectors.__version__

    def test_version_not_read_at_import(self):
        """Importing and loading does not read package metadata (it costs 10-17 ms)."""
        code = (
            "import sys, defectors; defectors.load(); "
            "print('importlib.metadata' in sys.modules, '__version__' in vars(defectors))"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.split()
        assert ["False", "False"] == out


class TestLazyImports:
    def test_heavy_modules_not_imported_by_load(self):
        """Import defectors; defectors.load() imports neither pycountry, dateutil nor pandas."""
        code = (
            "import sys, defectors; defectors.load(); "
            "print(sorted(m for m in ('pycountry', 'dateutil', 'pandas', 'hypothesis') "
            "if m in sys.modules))"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.strip()
        assert "[]" == out


class TestPackageData:
    @pytest.mark.parametrize(
        "name",
        ["defectors.json", "records.json", "countries.json", "datapackage.json", "defectors.csv"],
    )
    def test_data_file_ships(self, name):
        """Each data file is readable through importlib.resources."""
        assert resources.files("defectors").joinpath("data", name).is_file()

    def test_py_typed_ships(self):
        """The py.typed marker ships, so type checkers use the inline types."""
        assert resources.files("defectors").joinpath("py.typed").is_file()

    @pytest.mark.skipif(
        os.environ.get("DEFECTORS_TEST_INSTALLED") != "1",
        reason="only meaningful when nox installed the package from a wheel",
    )
    def test_tests_use_installed_package(self):
        """The tests import the installed package, not the source tree."""
        assert REPO / "src" not in Path(defectors.__file__).resolve().parents


def _requirement_names(requirements: list[object]) -> set[str]:
    """Return the project names of PEP 508 requirement strings (group includes skipped)."""
    names = set()
    for item in requirements:
        if isinstance(item, str):
            name = item.split(";")[0]
            for stop in "<>=!~[ ":
                name = name.split(stop)[0]
            names.add(name.strip().lower())
    return names


class TestDocsBuildsAgree:
    @staticmethod
    def _pyproject() -> dict[str, typing.Any]:
        tomllib = pytest.importorskip("tomllib")  # Python 3.11+
        with (REPO / "pyproject.toml").open("rb") as handle:
            return tomllib.load(handle)

    def test_docs_group_holds_every_optional_import(self):
        """The docs group holds every extra's packages: autodoc imports defectors.testing."""
        project = self._pyproject()
        extras = {
            name
            for requirements in project["project"]["optional-dependencies"].values()
            for name in _requirement_names(requirements)
        }
        docs = _requirement_names(project["dependency-groups"]["docs"])
        assert set() == extras - docs

    def test_read_the_docs_installs_the_group_and_the_bare_package(self):
        """.readthedocs.yaml installs the docs group and the package, nothing else."""
        text = (REPO / ".readthedocs.yaml").read_text(encoding="utf-8")
        installs = [
            line.strip()[2:].strip()
            for line in text.splitlines()
            if line.strip().startswith("- ") and "pip install" in line
        ]
        assert [
            "python -m pip install --upgrade pip",
            "python -m pip install --group docs",
            "python -m pip install .",
        ] == installs

    def test_nox_installs_the_same(self):
        """Nox -s docs installs the docs group and the bare package, as Read the Docs does."""
        tree = ast.parse((REPO / "noxfile.py").read_text(encoding="utf-8"))
        session = next(
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef) and node.name == "docs"
        )
        installs = [
            ast.unparse(node)
            for node in ast.walk(session)
            if isinstance(node, ast.Call) and ast.unparse(node.func) == "session.install"
        ]
        assert ["session.install(*_group('docs'))", "session.install('.')"] == installs

    def test_contributing_guide_gives_the_same_commands(self):
        """The contributing guide's manual build installs the group and the package too."""
        text = (REPO / "docs" / "contributing.md").read_text(encoding="utf-8")
        assert "python -m pip install . --group docs" in text
        assert "sphinx-build -W -n" in text
