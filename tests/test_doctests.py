"""Every example in the installed package's docstrings runs and gives what it shows."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import defectors

MODULES = sorted(
    {"defectors"}
    | {
        f"defectors.{m.name}"
        for m in pkgutil.iter_modules(defectors.__path__)
        if m.name != "__main__"
    }
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    """The module's doctest examples pass."""
    module = importlib.import_module(name)
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for test in finder.find(module, name):
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert 0 == result.failed
