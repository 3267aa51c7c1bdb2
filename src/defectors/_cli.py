"""The ``defectors`` command line."""

from __future__ import annotations

import argparse
import json
import os
import sys
import textwrap
from collections.abc import Callable, Hashable, Sequence
from typing import TextIO

from defectors._dataset import Dataset
from defectors._eras import SCHEMES, Era, eras_of
from defectors._load import load
from defectors._model import FIRST_YEAR, LAST_YEAR, Country, Defector, Sector
from defectors._normalize import normalize_country
from defectors._query import FIELDS, Field
from defectors.exceptions import DefectorsError, quote

__all__ = ["main"]

WIDTH = 80
BAR = 30

EPILOG = """\
examples:
  defectors list --origin Hungary --from 1950 --to 1960
  defectors list --sector intelligence --era khrushchev --format csv
  defectors search milosz
  defectors show "Ferenc Puskas"
  defectors stats --by origin
  defectors country "G.D.R."
  defectors era 1956
"""


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _country(country: Country | None) -> str:
    return "" if country is None else country.name


def _table(out: TextIO, records: Dataset) -> None:
    """Year, name, origin, destination and profession, cut to fit 80 columns."""
    columns = (("Year", 4), ("Name", 24), ("Origin", 13), ("Destination", 13), ("Profession", 16))
    out.write("  ".join(title.ljust(w) for title, w in columns).rstrip() + "\n")
    out.write("  ".join("-" * w for _, w in columns) + "\n")
    for record in records:
        cells = (
            str(record.year),
            record.name,
            _country(record.origin),
            _country(record.destination),
            record.profession or "",
        )
        out.write(
            "  ".join(
                _cut(c, w).ljust(w) for c, (_, w) in zip(cells, columns, strict=True)
            ).rstrip()
            + "\n"
        )
    noun = "record" if len(records) == 1 else "records"
    out.write(f"({len(records)} {noun})\n")


def _write_exact(out: TextIO, text: str) -> None:
    """
    Write *text* byte for byte, with no newline translation.

    A text stream on Windows turns every line feed into CR LF, so the CSV's own CR LF line
    ends would come out doubled: machine formats go to the underlying binary buffer instead.
    """
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        out.write(text)
        return
    out.flush()
    buffer.write(text.encode(out.encoding or "utf-8", out.errors or "strict"))
    buffer.flush()


def _emit(out: TextIO, records: Dataset, fmt: str) -> None:
    if fmt == "table":
        _table(out, records)
    elif fmt == "csv":
        _write_exact(out, records.to_csv())
    elif fmt == "json":
        _write_exact(out, records.to_json())
    else:
        _write_exact(out, records.to_jsonl())


def _show(out: TextIO, record: Defector) -> None:
    lines = [
        ("Id", record.id),
        ("Name", record.name),
        ("Also known as", "; ".join(record.also_known_as)),
        ("Profession", record.profession or ""),
        ("Sectors", ", ".join(s.value for s in record.sectors)),
        ("Born", "" if record.birthplace is None else record.birthplace.text or ""),
        ("Year", str(record.year)),
        ("Date", "" if record.date is None else record.date.isoformat()),
        ("Origin", _country(record.origin)),
        ("Destination", _country(record.destination)),
        ("Place", record.defection_place or ""),
        ("Route", ", ".join(c.name for c in record.route)),
        ("Outcome", record.outcome.value),
        ("Confidence", "" if record.confidence is None else record.confidence.value),
        ("Summary", record.summary),
    ]
    lines.extend(
        ("Source", s.url + (f" (revision {s.revision})" if s.revision else ""))
        for s in record.sources
    )
    for label, value in lines:
        if not value:
            continue
        line = f"{label + ':':<14} {value}"
        if label != "Source":  # an address is kept whole, however long
            # Wrapped to 80 columns, continuing under the value column.
            line = textwrap.fill(line, width=WIDTH, subsequent_indent=" " * 15)
        out.write(line + "\n")


def _label(key: Hashable, field: str) -> str:
    if key is None:
        return "(none)"
    if isinstance(key, (Country, Era)):
        return key.name
    if isinstance(key, Sector):
        return key.value
    return f"{key}s" if field == "decade" else str(key)


def _stats(out: TextIO, records: Dataset, field: Field) -> None:
    counts = records.count_by(field)
    labels = {key: _label(key, field) for key in counts}
    most = max(counts.values(), default=0)
    label_width = min(max((len(v) for v in labels.values()), default=0), 30)
    out.write(f"{field.replace('_', ' ').capitalize():<{label_width}}  Count\n")
    for key, count in counts.items():
        bar = "█" * max(1, round(count * BAR / most)) if most else ""
        out.write(f"{_cut(labels[key], label_width):<{label_width}}  {count:>5}  {bar}\n")
    if field == "sector":
        out.write("(a record counts once under each of its sectors)\n")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="defectors",
        description="Query the dataset of notable Soviet and Eastern Bloc defectors (1924-1991).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    parser.add_argument(
        "--data",
        metavar="PATH",
        help="read records from this JSON file instead of the bundled data",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    formats = ("table", "csv", "json", "jsonl")
    lister = commands.add_parser("list", help="list records, optionally filtered")
    lister.add_argument("--origin", metavar="COUNTRY", help="state left, e.g. USSR or Hungary")
    lister.add_argument("--born-in", metavar="COUNTRY", help="country or state of birth")
    lister.add_argument(
        "--destination", metavar="COUNTRY", help="state whose protection was sought"
    )
    lister.add_argument("--year", type=int, metavar="N", help="exact year of defection")
    lister.add_argument(
        "--from", dest="start", type=int, metavar="N", help="first year (inclusive)"
    )
    lister.add_argument("--to", dest="end", type=int, metavar="N", help="last year (inclusive)")
    lister.add_argument("--era", metavar="NAME", help="an era, e.g. khrushchev or detente")
    lister.add_argument(
        "--sector", metavar="S", help="intelligence, military, government, arts, ..."
    )
    lister.add_argument("--format", choices=formats, default="table")

    searcher = commands.add_parser("search", help="find records by name, profession or summary")
    searcher.add_argument("text", nargs="+", help="words to look for (case and accents ignored)")
    searcher.add_argument("--format", choices=formats, default="table")

    shower = commands.add_parser("show", help="show one record in full")
    shower.add_argument("key", metavar="ID-OR-NAME")
    shower.add_argument("--format", choices=("text", "json"), default="text")

    stats = commands.add_parser("stats", help="count records by a field, with a bar chart")
    stats.add_argument("--by", choices=FIELDS, default="origin")

    country = commands.add_parser("country", help="normalize a country or historical state name")
    country.add_argument("text", nargs="+")

    era = commands.add_parser("era", help="the era(s) a year, date or period falls in")
    era.add_argument("when", nargs="+", help="e.g. 1956, 1956-57, 'June 1974', 1953-03-05")
    era.add_argument("--scheme", choices=SCHEMES, default=SCHEMES[0])
    return parser


def _run(args: argparse.Namespace, parser: argparse.ArgumentParser, out: TextIO) -> int:
    if args.version:
        import defectors  # noqa: PLC0415 - __version__ reads package metadata on first use

        out.write(f"defectors {defectors.__version__}\n")
        return 0
    if args.command is None:
        parser.print_help(out)
        return 0
    handlers: dict[str, Callable[[argparse.Namespace, TextIO], None]] = {
        "list": _cmd_list,
        "search": _cmd_search,
        "show": _cmd_show,
        "stats": _cmd_stats,
        "country": _cmd_country,
        "era": _cmd_era,
    }
    if args.command == "list" and args.year is not None and (args.start, args.end) != (None, None):
        parser.error("--year cannot be combined with --from or --to")
    handlers[args.command](args, out)
    return 0


def _data(args: argparse.Namespace) -> Dataset:
    return load(args.data) if args.data else load()


def _years(start: int | None, end: int | None) -> tuple[int, int] | None:
    """The inclusive range --from/--to give, an open end reaching the first or last year."""
    if start is None and end is None:
        return None
    if start is not None and end is not None and start > end:
        msg = f"--from {start} is after --to {end}"
        raise ValueError(msg)
    if end is not None and end < FIRST_YEAR:
        msg = f"--to {end} is before {FIRST_YEAR}, the first year a record can have"
        raise ValueError(msg)
    if start is not None and start > LAST_YEAR:
        msg = f"--from {start} is after {LAST_YEAR}, the last year a record can have"
        raise ValueError(msg)
    return (FIRST_YEAR if start is None else start, LAST_YEAR if end is None else end)


def _cmd_list(args: argparse.Namespace, out: TextIO) -> None:
    years = _years(args.start, args.end)
    records = _data(args).filter(
        origin=args.origin,
        born_in=args.born_in,
        destination=args.destination,
        year=args.year,
        years=years,
        era=args.era,
        sector=args.sector,
    )
    _emit(out, records, args.format)


def _cmd_search(args: argparse.Namespace, out: TextIO) -> None:
    _emit(out, _data(args).search(" ".join(args.text)), args.format)


def _cmd_show(args: argparse.Namespace, out: TextIO) -> None:
    record = _data(args).get(args.key)
    if args.format == "json":
        out.write(
            json.dumps(Dataset([record]).to_records()[0], indent=2, ensure_ascii=False) + "\n"
        )
    else:
        _show(out, record)


def _cmd_stats(args: argparse.Namespace, out: TextIO) -> None:
    _stats(out, _data(args), args.by)


def _cmd_country(args: argparse.Namespace, out: TextIO) -> None:
    country = normalize_country(" ".join(args.text))
    codes = ", ".join(
        f"{label} {code}"
        for label, code in (
            ("alpha-2", country.alpha_2),
            ("alpha-3", country.alpha_3),
            ("alpha-4", country.alpha_4),
        )
        if code
    )
    years = ""
    if country.start is not None or country.end is not None:
        years = f", {country.start or '?'}–{country.end or ''}"
    status = "historical state" if country.historic else "current state"
    out.write(f"{country.key}\t{country.name} ({status}{years}{'; ' + codes if codes else ''})\n")


def _cmd_era(args: argparse.Namespace, out: TextIO) -> None:
    text = " ".join(args.when)
    when: int | str = int(text) if text.isdigit() else text
    out.writelines(
        f"{era.name}\t{era.start.isoformat()} – {era.end.isoformat()}\n"
        for era in eras_of(when, scheme=args.scheme)
    )


def main(argv: Sequence[str] | None = None) -> int:
    """
    Run the command line with *argv* (default: ``sys.argv[1:]``) and return the exit status.

    Errors about the input print one line on stderr and give status 1; usage errors give 2.
    """
    parser = _parser()
    args = parser.parse_args(argv)
    out = sys.stdout
    try:
        status = _run(args, parser, out)
        out.flush()
    except BrokenPipeError:
        # The reader went away (``defectors list | head``): end quietly, as Unix tools do.
        _silence_stdout()
        return 0
    except (DefectorsError, ValueError, TypeError, OSError) as exc:
        sys.stderr.write(f"defectors: error: {_one_line(exc)}\n")
        return 1
    return status


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.filename:
        text = f"{exc.strerror}: {quote(os.fsdecode(exc.filename))}"  # a long path cut short
    else:
        text = str(exc)
    return " ".join(text.split())


def _silence_stdout() -> None:

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
