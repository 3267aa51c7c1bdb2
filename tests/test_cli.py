"""The ``defectors`` command line, in process and through the installed entry point."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

import defectors
from defectors._cli import _emit, main

SCRIPT = shutil.which("defectors", path=str(Path(sys.executable).parent)) or "defectors"


@pytest.fixture(autouse=True)
def _eighty_columns(monkeypatch):
    """Tests see an 80-column terminal unless they say otherwise."""
    monkeypatch.setenv("COLUMNS", "80")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """Run the command line in process; return status, stdout and stderr."""
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


class TestEntryPoint:
    def test_console_script(self):
        """The installed console script runs and lists records."""
        result = subprocess.run(
            [SCRIPT, "list", "--origin", "Poland"], capture_output=True, text=True, check=False
        )
        assert (0, "") == (result.returncode, result.stderr)
        assert "Czesław Miłosz" in result.stdout

    def test_python_m(self):
        """Running the package with python -m works like the console script."""
        result = subprocess.run(
            [sys.executable, "-m", "defectors", "--version"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert f"defectors {defectors.__version__}\n" == result.stdout

    def test_closed_pipe_is_quiet(self):
        """A reader that stops early (| head) ends the command quietly."""
        proc = subprocess.Popen(
            [sys.executable, "-m", "defectors", "list", "--format", "jsonl"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert proc.stdout is not None
        proc.stdout.readline()
        proc.stdout.close()
        _, err = proc.communicate(timeout=60)
        assert (0, b"") == (proc.returncode, err)

    def test_error_is_one_line_status_1(self):
        """A bad country is one line on stderr and status 1, not a traceback."""
        result = subprocess.run(
            [SCRIPT, "list", "--origin", "Atlantis"], capture_output=True, text=True, check=False
        )
        assert 1 == result.returncode
        assert 1 == len(result.stderr.splitlines())
        assert result.stderr.startswith("defectors: error: unknown country")

    def test_usage_error_status_2(self):
        """A usage error gives status 2."""
        result = subprocess.run([SCRIPT, "list", "--year"], capture_output=True, check=False)
        assert 2 == result.returncode


class TestFormats:
    @pytest.mark.parametrize(
        ("fmt", "export"),
        [("csv", "to_csv"), ("json", "to_json"), ("jsonl", "to_jsonl")],
    )
    def test_exports_match_python(self, capsys, fmt, export):
        """csv, json and jsonl output is exactly what the Python exports give."""
        status, out, _ = run(capsys, "list", "--origin", "HU", "--format", fmt)
        expected = getattr(defectors.load().filter(origin="HU"), export)()
        assert (0, expected) == (status, out)

    @pytest.mark.parametrize("fmt", ["csv", "json", "jsonl"])
    def test_no_newline_translation(self, fmt):
        """On a stream that translates newlines (as on Windows) the bytes are still exact."""
        raw = io.BytesIO()
        stream = io.TextIOWrapper(raw, encoding="utf-8", newline="\r\n")
        _emit(stream, defectors.load()[:3], fmt)
        export = {"csv": "to_csv", "json": "to_json", "jsonl": "to_jsonl"}[fmt]
        assert getattr(defectors.load()[:3], export)().encode("utf-8") == raw.getvalue()

    def test_table_fits_80_columns(self, capsys):
        """Every line of a table fits an 80-column terminal."""
        _, out, _ = run(capsys, "list")
        assert [] == [line for line in out.splitlines() if len(line) > 80]
        assert out.endswith(f"({len(defectors.load())} records)\n")


class TestCommands:
    def test_list_years(self, capsys):
        """--from and --to select an inclusive range."""
        _, out, _ = run(capsys, "list", "--from", "1953", "--to", "1953", "--format", "json")
        assert {1953} == {r["year"] for r in json.loads(out)}

    def test_list_by_provenance_and_source_kind(self, capsys):
        """--provenance and --source-kind select as filter() does."""
        _, out, _ = run(
            capsys,
            "list",
            "--provenance",
            "later-research",
            "--source-kind",
            "archive",
            "--format",
            "json",
        )
        expected = defectors.load().filter(provenance="later-research", source_kind="archive")
        assert (True, list(expected.ids)) == (
            len(expected) > 0,
            [r["id"] for r in json.loads(out)],
        )

    def test_list_to_alone(self, capsys):
        """--to alone means from the first year."""
        _, out, _ = run(capsys, "list", "--to", "1930", "--format", "json")
        expected = {r.year for r in defectors.load() if r.year <= 1930}
        assert (True, expected) == (len(expected) > 1, {r["year"] for r in json.loads(out)})

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (["--to", "1900"], "--to 1900 is before 1917"),
            (["--from", "1995"], "--from 1995 is after 1991"),
            (["--from", "1960", "--to", "1950"], "--from 1960 is after --to 1950"),
        ],
    )
    def test_impossible_ranges_name_the_flags(self, capsys, argv, message):
        """An impossible --from/--to range is one error line naming the flags, status 1."""
        status, _, err = run(capsys, "list", *argv)
        assert (1, 1, True) == (
            status,
            len(err.splitlines()),
            err.startswith(f"defectors: error: {message}"),
        )

    def test_year_with_range_is_usage_error(self):
        """--year with --from is a usage error."""
        with pytest.raises(SystemExit) as info:
            main(["list", "--year", "1950", "--from", "1940"])
        assert 2 == info.value.code

    def test_list_filters(self, capsys):
        """--sector, --era, --born-in and --destination filter the list."""
        _, out, _ = run(
            capsys,
            "list",
            "--sector",
            "sport",
            "--era",
            "khrushchev",
            "--born-in",
            "Hungary",
            "--destination",
            "Spain",
            "--format",
            "jsonl",
        )
        assert {"ferenc-puskas", "jeno-kalmar", "sandor-kocsis", "zoltan-czibor"} == {
            json.loads(line)["id"] for line in out.splitlines()
        }

    def test_search(self, capsys):
        """The search command finds Miłosz from plain ASCII."""
        status, out, _ = run(capsys, "search", "milosz")
        assert 0 == status
        assert "Czesław Miłosz" in out

    def test_search_fuzzy(self, capsys):
        """The search command with --fuzzy finds another spelling; without it, nothing."""
        _, fuzzy, _ = run(capsys, "search", "--fuzzy", "Nurejew")
        _, plain, _ = run(capsys, "search", "Nurejew")
        assert ("Rudolf Nureyev" in fuzzy, "Nureyev" in plain) == (True, False)

    def test_show_text(self, capsys):
        """The show command prints the record's fields and source."""
        _, out, _ = run(capsys, "show", "Ferenc Puskas")
        assert "Name:          Ferenc Puskás\n" in out
        assert "Source:" in out

    def test_show_json(self, capsys):
        """The show command's JSON format prints the record as JSON."""
        _, out, _ = run(capsys, "show", "czeslaw-milosz", "--format", "json")
        assert defectors.load().get("czeslaw-milosz") == defectors.converter.structure(
            json.loads(out), defectors.Defector
        )

    def test_show_unknown(self, capsys):
        """An unknown name is status 1 with suggestions."""
        status, _, err = run(capsys, "show", "Ferenc Puskaz")
        assert 1 == status
        assert "did you mean 'Ferenc Puskás'" in err

    @pytest.mark.parametrize("field", ["origin", "destination", "sector", "decade", "era"])
    def test_stats(self, capsys, field):
        """The stats command prints one line per group with a count and a bar."""
        status, out, _ = run(capsys, "stats", "--by", field)
        counts = defectors.load().count_by(field)
        lines = out.splitlines()
        assert 0 == status
        assert len(counts) <= len(lines) - 1
        assert "█" in lines[1]

    def test_country(self, capsys):
        """The country command prints the key and name of a normalized country."""
        _, out, _ = run(capsys, "country", "G.D.R.")
        assert out.startswith("DDDE\tEast Germany (historical state, 1949–1990; alpha-2 DD")

    def test_era(self, capsys):
        """The era command prints the era a year falls in, and every era it spans."""
        _, out, _ = run(capsys, "era", "1956")
        assert out.startswith("Khrushchev\t")
        _, out, _ = run(capsys, "era", "1953")
        assert 2 == len(out.splitlines())

    def test_help_has_examples(self, capsys):
        """--help shows examples."""
        with pytest.raises(SystemExit):
            main(["--help"])
        assert "examples:" in capsys.readouterr().out

    def test_no_command_prints_help(self, capsys):
        """No command prints the help and succeeds."""
        status, out, _ = run(capsys)
        assert (0, True) == (status, out.startswith("usage: defectors"))

    def test_data_option(self, capsys, tmp_path):
        """--data reads the user's own file."""
        path = tmp_path / "mine.json"
        path.write_text(defectors.load()[:2].to_json(), encoding="utf-8")
        _, out, _ = run(capsys, "--data", str(path), "list")
        assert out.endswith("(2 records)\n")

    def test_long_missing_path_is_cut_short(self, capsys, tmp_path):
        """A very long missing --data path is quoted cut short on the one error line."""
        status, _, err = run(capsys, "--data", str(tmp_path / ("x" * 300)), "list")
        assert (1, 1, True) == (status, len(err.splitlines()), "characters)" in err)
        assert len(err) < 200

    def test_missing_data_file(self, capsys, tmp_path):
        """A missing --data file is one line and status 1."""
        status, _, err = run(capsys, "--data", str(tmp_path / "nope.json"), "list")
        assert (1, True) == (status, "No such file or directory" in err)


class TestTerminalWidth:
    def test_wide_terminal_cuts_nothing(self, capsys, monkeypatch):
        """At 160 columns no state name is cut, and no line is wider than the terminal."""
        monkeypatch.setenv("COLUMNS", "160")
        _, out, _ = run(capsys, "list", "--origin", "Czechoslovakia")
        lines = out.splitlines()
        assert ([], []) == (
            [line for line in lines if "Czechoslovak…" in line],
            [line for line in lines if len(line) > 160],
        )

    @pytest.mark.parametrize("columns", [40, 60, 100, 200])
    def test_table_fits_the_terminal(self, capsys, monkeypatch, columns):
        """Every line of a table fits the terminal's width."""
        monkeypatch.setenv("COLUMNS", str(columns))
        _, out, _ = run(capsys, "list")
        assert [] == [line for line in out.splitlines() if len(line) > columns]

    def test_show_wraps_to_the_terminal(self, capsys, monkeypatch):
        """Show wraps long fields to the terminal's width."""
        monkeypatch.setenv("COLUMNS", "120")
        _, out, _ = run(capsys, "show", "rudolf-nureyev")
        summary = [line for line in out.splitlines() if not line.startswith("Source:")]
        assert (True, []) == (
            any(len(line) > 80 for line in summary),
            [line for line in summary if len(line) > 120],
        )


class TestListOptions:
    def test_confidence_and_outcome(self, capsys):
        """--confidence and --outcome filter like Dataset.filter()."""
        _, out, _ = run(
            capsys, "list", "--confidence", "medium", "--outcome", "defected", "--format", "json"
        )
        expected = defectors.load().filter(confidence="medium", outcome="defected")
        assert expected.ids == tuple(r["id"] for r in json.loads(out))

    def test_sort_reverse_and_limit(self, capsys):
        """--sort orders, --reverse descends, --limit keeps the first N after sorting."""
        _, out, _ = run(
            capsys, "list", "--sort", "year", "--reverse", "--limit", "5", "--format", "json"
        )
        expected = defectors.load().sorted_by("year", reverse=True)[:5]
        assert expected.ids == tuple(r["id"] for r in json.loads(out))

    @pytest.mark.parametrize(
        "argv",
        [["--limit", "0"], ["--limit", "x"], ["--reverse"], ["--confidence", "low"]],
    )
    def test_bad_options_are_usage_errors(self, capsys, argv):
        """A limit below 1, --reverse without --sort or an unknown grade is status 2."""
        with pytest.raises(SystemExit) as info:
            main(["list", *argv])
        capsys.readouterr()
        assert 2 == info.value.code


class TestStatsOrder:
    @pytest.mark.parametrize("field", ["decade", "year", "era"])
    def test_time_fields_in_time_order(self, capsys, field):
        """Stats --by decade, year or era lists its groups in time order."""
        _, out, _ = run(capsys, "stats", "--by", field)
        labels = [line.rsplit(maxsplit=2)[0] for line in out.splitlines()[1:]]
        groups = defectors.load().group_by(field)
        expected = [
            key.name
            if isinstance(key, defectors.Era)
            else f"{key}s"
            if field == "decade"
            else str(key)
            for key in groups
        ]
        assert expected == labels

    def test_era_scheme(self, capsys):
        """Stats --by era --scheme cold-war counts in that scheme."""
        _, out, _ = run(capsys, "stats", "--by", "era", "--scheme", "cold-war")
        assert "Détente" in out
        assert "Brezhnev" not in out

    def test_origin_largest_first(self, capsys):
        """Other fields are listed largest first."""
        _, out, _ = run(capsys, "stats", "--by", "origin")
        counts = [int(line.split()[-2]) for line in out.splitlines()[1:]]
        assert sorted(counts, reverse=True) == counts


class TestShowLayout:
    def test_long_fields_wrap_to_80_columns(self, capsys):
        """The show command wraps a long summary under its value column, within 80 columns."""
        _, out, _ = run(capsys, "show", "rudolf-nureyev")
        summary = [line for line in out.splitlines() if not line.startswith("Source:")]
        assert [] == [line for line in summary if len(line) > 80]
        continued = [line for line in summary if line.startswith(" ")]
        assert continued
        assert all(line.startswith(" " * 15) and line[15] != " " for line in continued)

    def test_source_addresses_are_whole(self, capsys):
        """Source addresses are printed whole, one a line, whatever their length."""
        _, out, _ = run(capsys, "show", "rudolf-nureyev")
        urls = [s.url for s in defectors.get("rudolf-nureyev").sources]
        assert urls == [
            line.split(maxsplit=1)[1] for line in out.splitlines() if line.startswith("Source:")
        ]


def _run_with_stdout(monkeypatch, encoding: str, *argv: str) -> tuple[int, bytes]:
    """Run the command line in process with a stdout of *encoding*; return status and bytes."""
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding=encoding, errors="strict", newline="\n")
    monkeypatch.setattr(sys, "stdout", stream)
    status = main(list(argv))
    stream.flush()
    return status, raw.getvalue()


EVERY_COMMAND = [
    ["list"],
    ["list", "--format", "csv"],
    ["search", "milosz"],
    ["show", "Czesław Miłosz"],
    ["show", "Czesław Miłosz", "--format", "json"],
    ["stats"],
    ["stats", "--by", "era"],
    ["country", "USSR"],
    ["era", "1956"],
]


class TestHostileTerminals:
    @pytest.mark.parametrize("encoding", ["ascii", "latin-1", "cp1252"])
    @pytest.mark.parametrize("argv", EVERY_COMMAND, ids=" ".join)
    def test_non_utf8_stdout_falls_back(self, monkeypatch, capsys, encoding, argv):
        """Every command finishes on a stdout that cannot write en dashes or bars."""
        status, data = _run_with_stdout(monkeypatch, encoding, *argv)
        assert (0, "") == (status, capsys.readouterr().err)
        if argv[-1] in {"csv", "json"}:
            data.decode("utf-8")  # machine formats stay UTF-8, the data files' encoding
        else:
            text = data.decode(encoding)
            assert "–" not in text if encoding == "ascii" else True
            assert text.endswith("\n")

    def test_ascii_symbols(self, monkeypatch):
        """On ASCII, ranges use a hyphen and bars a hash sign."""
        _, country = _run_with_stdout(monkeypatch, "ascii", "country", "USSR")
        _, stats = _run_with_stdout(monkeypatch, "ascii", "stats")
        _, era = _run_with_stdout(monkeypatch, "ascii", "era", "1956")
        assert (b"1922-1991", b"#####", b"1953-03-05 - 1964-10-13") == (
            country[country.index(b"1922") : country.index(b"1922") + 9],
            stats[stats.index(b"#") : stats.index(b"#") + 5],
            era[era.index(b"1953-03-05") : era.index(b"1953-03-05") + 23],
        )

    def test_utf8_keeps_typographic_symbols(self, monkeypatch):
        """A UTF-8 stdout still gets en dashes and bars."""
        _, country = _run_with_stdout(monkeypatch, "utf-8", "country", "USSR")
        _, stats = _run_with_stdout(monkeypatch, "utf-8", "stats")
        assert ("1922–1991" in country.decode(), "█" in stats.decode()) == (True, True)

    def test_c_locale_without_coercion(self):
        """With LC_ALL=C and locale coercion off, commands still finish."""
        env = {
            **os.environ,
            "LC_ALL": "C",
            "PYTHONCOERCECLOCALE": "0",
            "PYTHONUTF8": "0",
        }
        env.pop("PYTHONIOENCODING", None)
        for argv in (["list"], ["stats"], ["country", "USSR"]):
            result = subprocess.run(
                [sys.executable, "-m", "defectors", *argv],
                capture_output=True,
                env=env,
                check=False,
            )
            assert (0, b"") == (result.returncode, result.stderr), argv

    @pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX shell")
    def test_closed_stdout_is_one_error_line(self):
        """With stdout closed, the command says so in one line, status 1, no traceback."""
        result = subprocess.run(
            ["/bin/sh", "-c", '"$0" -m defectors list >&-', sys.executable],
            capture_output=True,
            text=True,
            check=False,
        )
        assert (1, "defectors: error: standard output is closed: there is nowhere to write\n") == (
            result.returncode,
            result.stderr,
        )

    def test_control_characters_from_data_are_escaped(self, capsys, tmp_path):
        """Escape sequences in a user's data are shown escaped, never sent to the terminal."""
        record = defectors.load()[0]
        evil = attrs.evolve(
            record,
            name="Evil\x1b]0;pwned\x07 \x1b[2J\u202eName",
            profession="spy\x9b31m",
            summary="Clears\x1bc the screen.",
        )
        path = tmp_path / "evil.json"
        path.write_text(defectors.Dataset([evil]).to_json(), encoding="utf-8")
        outputs = [
            run(capsys, "--data", str(path), *argv)[1]
            for argv in (["list"], ["search", "evil"], ["show", evil.id], ["stats"])
        ]
        joined = "".join(outputs)
        assert [] == [c for c in "\x1b\x07\x9b\u202e" if c in joined]
        assert "\\x1b]0;pwned\\x07" in outputs[2]
        assert "\\u202eName" in outputs[2]

    def test_empty_data_path_is_an_error(self, capsys):
        """--data "" is an error, not a silent fall back to the bundled data."""
        status, out, err = run(capsys, "--data", "", "list")
        assert (1, "", "defectors: error: '' cannot be a file name: the path is empty\n") == (
            status,
            out,
            err,
        )

    def test_era_outside_every_era_is_an_error(self, capsys):
        """Era 1800 says it lies outside every era, status 1, instead of printing nothing."""
        status, out, err = run(capsys, "era", "1800")
        assert (1, "") == (status, out)
        assert err.startswith("defectors: error: '1800' lies outside every era")

    def test_overlong_path_is_quoted_once_with_its_length(self, capsys, tmp_path):
        """A path too long for the system is quoted once, with its real length."""
        path = str(tmp_path / ("x" * 5000))
        status, _, err = run(capsys, "--data", path, "list")
        assert (1, 1) == (status, err.count("'"))  # one quoted value, cut: "'...'... (N"
        assert f"({len(path)} characters)" in err
        assert "\"'" not in err
