"""The analyst's script of issue 13 (typing_tests/analyst.py) runs without a workaround."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

import defectors

SCRIPT = Path(__file__).resolve().parent.parent / "typing_tests" / "analyst.py"

pytest.importorskip("pandas")


class TestAnalystScript:
    def test_pivot_own_csv_and_round_trip(self, tmp_path):
        """The script's pivot, its own-CSV merge and its CSV round trip all hold."""
        namespace = runpy.run_path(str(SCRIPT))
        assert 0 == namespace["main"](tmp_path)

    def test_script_reads_back_what_it_wrote(self, tmp_path):
        """The CSV the script writes holds the bundled records and the analyst's two."""
        runpy.run_path(str(SCRIPT))["main"](tmp_path)
        written = defectors.load(tmp_path / "both.csv")
        assert (len(defectors.load()) + 2, ("jan-novak", "ilona-szabo")) == (
            len(written),
            written.ids[-2:],
        )
