"""
Automation for defectors: tests, coverage, lint, typing, docs, build and benchmarks.

Run ``nox -l`` to list the sessions. Each session reads its dependencies from the dependency
groups in ``pyproject.toml``. Test sessions run on every supported Python that is installed;
missing interpreters are skipped, not failed. With pyenv, make them all visible first::

    PYENV_VERSION=3.11.7:3.10.13:3.12.1:3.13.0 nox
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nox

nox.needs_version = ">=2025.2.9"
nox.options.default_venv_backend = "venv"
nox.options.sessions = ["tests", "lint", "typing", "docs", "build"]
# Skip interpreters that are not installed, also where CI=true would make nox fail on them.
nox.options.error_on_missing_interpreters = False

PYPROJECT = nox.project.load_toml("pyproject.toml")
PYTHONS = nox.project.python_versions(PYPROJECT)
ROOT = Path(__file__).parent
# Hypothesis profiles (tests/conftest.py): each Python runs the fast one, so the README's test
# command takes minutes; the coverage session runs the thorough one, once. Set
# DEFECTORS_HYPOTHESIS to override either.
FAST = os.environ.get("DEFECTORS_HYPOTHESIS", "fast")
THOROUGH = os.environ.get("DEFECTORS_HYPOTHESIS", "thorough")
# The coverage session's gate: all of src/, the command line run in subprocesses included.
FULL_COVERAGE_FLOOR = "98"


def _group(name: str) -> list[str]:
    return nox.project.dependency_groups(PYPROJECT, name)


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """
    Run the test suite against the installed wheel on each Python, quickly.

    Property tests use Hypothesis's fast profile here (20 examples each) and coverage is not
    measured: tracing makes the suite several times slower on Pythons before 3.12. The
    coverage session measures it once, with the thorough profile (``.ci/run`` runs both).
    """
    session.install(*_group("tests"))
    # A real (non-editable) install: the tests must see what a user's pip install gives.
    session.install(".[hypothesis]")
    env = {"DEFECTORS_TEST_INSTALLED": "1", "DEFECTORS_HYPOTHESIS": FAST}
    session.run("pytest", *session.posargs, env=env)


@nox.session(python="3.11")
def coverage(session: nox.Session) -> None:
    """
    Measure branch coverage of the whole package, subprocesses included: at least 98%.

    This is also the one run of the thorough Hypothesis profile (200 examples a property).

    Tests run the command line and fresh interpreters in subprocesses; a ``.pth`` file in
    the session's environment starts coverage in each of them (``coverage.process_startup``
    reads ``COVERAGE_PROCESS_START``), and the data files are combined before the report.
    """
    session.install(*_group("tests"))
    # pandas too, so that Dataset.to_pandas() is measured rather than skipped.
    session.install(".[hypothesis,pandas]")
    purelib = session.run(
        "python",
        "-c",
        "import sysconfig; print(sysconfig.get_paths()['purelib'])",
        silent=True,
    )
    if isinstance(purelib, str):  # None when nox only lists the commands (--install-only)
        pth = Path(purelib.strip()) / "defectors-coverage-subprocess.pth"
        pth.write_text("import coverage; coverage.process_startup()\n", encoding="utf-8")
    data = ROOT / ".coverage.full"
    env = {
        "COVERAGE_FILE": str(data),
        "COVERAGE_PROCESS_START": str(ROOT / "pyproject.toml"),
        "DEFECTORS_TEST_INSTALLED": "1",
        "DEFECTORS_HYPOTHESIS": THOROUGH,
    }
    session.run("coverage", "erase", env=env)
    session.run("coverage", "run", "-m", "pytest", *session.posargs, env=env)
    session.run("coverage", "combine", env=env)
    session.run("coverage", "report", f"--fail-under={FULL_COVERAGE_FLOOR}", env=env)


@nox.session(python="3.11")
def lint(session: nox.Session) -> None:
    """Check style and formatting with ruff."""
    session.install(*_group("lint"))
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session(python="3.11")
def typing(session: nox.Session) -> None:
    """
    Type-check the package and ``typing_tests/`` with mypy --strict and pyright (strict).

    ``typing_tests/accept.py`` must pass with the types it asserts; every line of
    ``typing_tests/reject.py`` must be an error (an ignore comment that silences nothing
    fails both checkers).
    """
    session.install(*_group("typing"))
    session.install(".")
    session.run("mypy", "src/defectors")
    session.run("mypy", "typing_tests")
    session.run("pyright", "src", "typing_tests")


@nox.session(python="3.11")
def build(session: nox.Session) -> None:
    """Build the sdist and wheel, check their metadata, and check the wheel carries the data."""
    session.install("build", "twine", "check-wheel-contents")
    dist = ROOT / "dist"
    shutil.rmtree(dist, ignore_errors=True)
    session.run("python", "-m", "build", "--outdir", str(dist))
    session.run("twine", "check", "--strict", *(str(p) for p in dist.iterdir()))
    wheel = next(dist.glob("*.whl"))
    session.run("check-wheel-contents", str(wheel))
    session.run(
        "python",
        "-c",
        "import sys, zipfile; names = set(zipfile.ZipFile(sys.argv[1]).namelist()); "
        "needed = {'defectors/py.typed', 'defectors/data/defectors.json', "
        "'defectors/data/records.json', "
        "'defectors/data/countries.json', 'defectors/data/datapackage.json'}; "
        "missing = needed - names; sys.exit(f'wheel lacks {sorted(missing)}' if missing else 0)",
        str(wheel),
    )


@nox.session(python="3.11")
def docs(session: nox.Session) -> None:
    """Build the HTML docs with Sphinx; every warning and broken reference is an error."""
    # The same as Read the Docs and `pip install . --group docs`: the group and the package.
    session.install(*_group("docs"))
    session.install(".")
    out = ROOT / "docs" / "_build" / "html"
    shutil.rmtree(out, ignore_errors=True)
    session.run("sphinx-build", "-W", "-n", "--keep-going", "-b", "html", "docs", str(out))


@nox.session(python="3.11")
def bench(session: nox.Session) -> None:
    """Run the benchmarks: each figure is a ratio against a baseline measured in the same run."""
    session.install(".")
    for script in sorted((ROOT / "benchmarks").glob("bench_*.py")):
        session.run("python", str(script), *session.posargs)
