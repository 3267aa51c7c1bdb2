"""The README's examples run, and its commands are the ones CI runs."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_readme_examples():
    """Every >>> example in README.md gives what it shows."""
    result = doctest.testfile(
        str(REPO / "README.md"),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
    )
    assert (0, True) == (result.failed, result.attempted > 0)


def test_ci_runs_the_readme_test_command():
    """.ci/run runs exactly the README's test command."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"```sh\n(.+?)\n```", readme)
    test_command = next(c for c in commands if "nox -s tests" in c)
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci
