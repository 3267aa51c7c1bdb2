"""The ``defectors`` command line."""

from __future__ import annotations

import argparse
import codecs
import json
import os
import re
import shutil
import sys
import textwrap
from collections.abc import Callable, Hashable, Sequence
from typing import TextIO

from defectors._dataset import Dataset
from defectors._eras import SCHEMES, Era, eras_of
from defectors._load import load
from defectors._model import (
    FIRST_YEAR,
    LAST_YEAR,
    Confidence,
    Country,
    Defector,
    Outcome,
    Provenance,
    Sector,
    SourceKind,
)
from defectors._normalize import normalize_country
from defectors._query import FIELDS, Field
from defectors.exceptions import DefectorsError, UnknownEraError, quote

__all__ = ["main"]

#: The width to fit when the terminal's is unknown (output to a pipe or a file, no $COLUMNS).
WIDTH = 80
#: The narrowest width tables and wrapped text are fitted to.
MIN_WIDTH = 40
BAR = 30
#: The narrowest a cut table column becomes.
MIN_COLUMN = 6

EPILOG = """\
examples:
  defectors list --origin Hungary --from 1950 --to 1960
  defectors list --sector intelligence --era khrushchev --format csv
  defectors list --confidence high --outcome attempted --sort year --limit 10
  defectors list --provenance later-research --source-kind archive
  defectors search milosz
  defectors show "Ferenc Puskas"
  defectors stats --by origin
  defectors stats --by era --scheme cold-war
  defectors country "G.D.R."
  defectors era 1956
"""


#: Characters a terminal would act on or that would disguise the text around them: C0 and C1
#: controls (escape sequences can set the title or clear the screen), zero-width and direction
#: characters, line and paragraph separators, the byte order mark and tag characters. Text
#: from a data file shows them escaped, as Python writes them (``\x1b``, ``\u202e``).
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f"
    "\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)


def _escape(match: re.Match[str]) -> str:
    return match.group().encode("unicode_escape").decode("ascii")  # "\x1b", "\u202e", ...


def _safe(text: str) -> str:
    """Return *text* with the characters of :data:`_UNSAFE` escaped, safe for a terminal."""
    return _UNSAFE.sub(_escape, text)


class _Symbols:
    """The typographic characters of the output, or ASCII ones where stdout cannot show them."""

    TYPOGRAPHIC = ("…", "–", "█")
    ASCII = ("...", "-", "#")
    ellipsis, dash, bar = TYPOGRAPHIC

    @classmethod
    def fit(cls, out: TextIO) -> None:
        """Fall back to ASCII when *out*'s encoding cannot write the typographic characters."""
        try:
            codecs.encode("".join(cls.TYPOGRAPHIC), out.encoding or "utf-8")
        except (UnicodeEncodeError, LookupError):
            cls.ellipsis, cls.dash, cls.bar = cls.ASCII
        else:
            cls.ellipsis, cls.dash, cls.bar = cls.TYPOGRAPHIC


class _Terminal:
    """
    A text stream for people: data escaped (see _safe), unencodable characters replaced.

    A name that the stream's encoding (ASCII, say) cannot hold is written with Python's
    backslash escapes rather than failing part-way through the output.
    """

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.encoding = out.encoding or "utf-8"

    def write(self, text: str) -> None:
        """Write *text*, escaping what the encoding cannot hold."""
        try:
            text.encode(self.encoding)
        except UnicodeEncodeError:
            text = text.encode(self.encoding, "backslashreplace").decode(self.encoding)
        except LookupError:  # pragma: no cover - an encoding Python does not know
            text = text.encode("ascii", "backslashreplace").decode("ascii")
        self.out.write(text)

    def writelines(self, lines: Sequence[str]) -> None:
        """Write each of *lines*."""
        for line in lines:
            self.write(line)


def _cut(text: str, width: int) -> str:
    text = _safe(text)
    if len(text) <= width:
        return text
    return text[: width - len(_Symbols.ellipsis)] + _Symbols.ellipsis


def _country(country: Country | None) -> str:
    return "" if country is None else country.name


def _width() -> int:
    """The terminal's width ($COLUMNS first), or 80 when unknown; never below 40."""
    return max(MIN_WIDTH, shutil.get_terminal_size((WIDTH, 24)).columns)


def _fit(natural: list[int], width: int, fixed: int) -> list[int]:
    """
    Return column widths that fit *width* with two spaces between columns.

    Columns start at their natural width (their longest cell); while the table is too wide,
    the widest of the columns after the first *fixed* loses a character, down to
    :data:`MIN_COLUMN`. So a wide terminal cuts nothing, and a narrow one cuts the longest
    texts first. (With *width* at least :data:`MIN_WIDTH`, the table's columns fit before
    any reaches :data:`MIN_COLUMN`.)
    """
    widths = list(natural)
    budget = width - 2 * (len(widths) - 1)
    while sum(widths) > budget:
        widest = max(range(fixed, len(widths)), key=lambda i: widths[i])
        widths[widest] = max(MIN_COLUMN, widths[widest] - 1)
    return widths


def _table(out: _Terminal, records: Dataset) -> None:
    """Year, name, origin, destination and profession, fitted to the terminal's width."""
    titles = ("Year", "Name", "Origin", "Destination", "Profession")
    rows = [
        (
            str(record.year),
            record.name,
            _country(record.origin),
            _country(record.destination),
            record.profession or "",
        )
        for record in records
    ]
    # Widths count what the terminal shows: control characters escaped, as _cut() writes them.
    natural = [max([len(t), *(len(_safe(row[i])) for row in rows)]) for i, t in enumerate(titles)]
    widths = _fit(natural, _width(), fixed=1)
    header = (_cut(t, w).ljust(w) for t, w in zip(titles, widths, strict=True))
    out.write("  ".join(header).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for row in rows:
        cells = (_cut(c, w).ljust(w) for c, w in zip(row, widths, strict=True))
        out.write("  ".join(cells).rstrip() + "\n")
    noun = "record" if len(records) == 1 else "records"
    out.write(f"({len(records)} {noun})\n")


def _write_exact(out: TextIO, text: str) -> None:
    """
    Write *text* byte for byte as UTF-8, with no newline translation.

    A text stream on Windows turns every line feed into CR LF, so the CSV's own CR LF line
    ends would come out doubled: machine formats go to the underlying binary buffer instead,
    always as UTF-8 (the encoding of the data files), whatever the terminal's encoding.
    """
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        out.write(text)
        return
    out.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def _emit(out: TextIO, records: Dataset, fmt: str) -> None:
    if fmt == "table":
        _table(_Terminal(out), records)
    elif fmt == "csv":
        _write_exact(out, records.to_csv())
    elif fmt == "json":
        _write_exact(out, records.to_json())
    else:
        _write_exact(out, records.to_jsonl())


def _show(out: _Terminal, record: Defector) -> None:
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
        line = f"{label + ':':<14} {_safe(value)}"
        if label != "Source":  # an address is kept whole, however long
            # Wrapped to the terminal's width, continuing under the value column.
            line = textwrap.fill(line, width=_width(), subsequent_indent=" " * 15)
        out.write(line + "\n")


def _label(key: Hashable, field: str) -> str:
    if key is None:
        return "(none)"
    if isinstance(key, (Country, Era)):
        return _safe(key.name)
    if isinstance(key, (Sector, Provenance)):
        return str(key.value)
    return f"{key}s" if field == "decade" else str(key)


#: Fields whose counts ``stats`` lists in time order rather than largest first.
_IN_TIME_ORDER = frozenset({"decade", "year", "era"})


def _stats(out: _Terminal, records: Dataset, field: Field, scheme: str) -> None:
    counts = records.count_by(field, scheme=scheme)
    if field in _IN_TIME_ORDER:
        groups = records.group_by(field, scheme=scheme)  # in key order: time order
        counts = {key: counts[key] for key in groups}
    labels = {key: _label(key, field) for key in counts}
    most = max(counts.values(), default=0)
    label_width = min(max((len(v) for v in labels.values()), default=0), 30)
    out.write(f"{field.replace('_', ' ').capitalize():<{label_width}}  Count\n")
    for key, count in counts.items():
        bar = _Symbols.bar * max(1, round(count * BAR / most)) if most else ""
        out.write(f"{_cut(labels[key], label_width):<{label_width}}  {count:>5}  {bar}\n")
    if field == "sector":
        out.write("(a record counts once under each of its sectors)\n")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="defectors",
        description="Query the dataset of notable Soviet and Eastern Bloc defectors (1917-1991).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    parser.add_argument(
        "--data",
        metavar="PATH",
        help="read records from this JSON, JSON Lines or CSV file instead of the bundled data",
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
    lister.add_argument(
        "--confidence", choices=[c.value for c in Confidence], help="how firmly sourced"
    )
    lister.add_argument(
        "--outcome", choices=[o.value for o in Outcome], help="defected, or attempted"
    )
    lister.add_argument(
        "--provenance",
        choices=[p.value for p in Provenance],
        help="the collection: Wikipedia's list, the 1961-1991 research or later research",
    )
    lister.add_argument(
        "--source-kind",
        choices=[k.value for k in SourceKind],
        help="records citing at least one source of this kind (news, encyclopedia, ...)",
    )
    lister.add_argument(
        "--sort",
        choices=FIELDS,
        metavar="FIELD",
        help=f"order by a field ({', '.join(FIELDS)}); records without one come last",
    )
    lister.add_argument("--reverse", action="store_true", help="with --sort: descending")
    lister.add_argument(
        "--limit", type=_positive, metavar="N", help="show at most N records (after sorting)"
    )
    lister.add_argument("--format", choices=formats, default="table")

    searcher = commands.add_parser("search", help="find records by name, profession or summary")
    searcher.add_argument("text", nargs="+", help="words to look for (case and accents ignored)")
    searcher.add_argument(
        "--fuzzy",
        action="store_true",
        help="search names only, matching them spelled another way (Nuriev, Nurejew, Нуреев: "
        "Nureyev)",
    )
    searcher.add_argument("--format", choices=formats, default="table")

    shower = commands.add_parser("show", help="show one record in full")
    shower.add_argument("key", metavar="ID-OR-NAME")
    shower.add_argument("--format", choices=("text", "json"), default="text")

    stats = commands.add_parser("stats", help="count records by a field, with a bar chart")
    stats.add_argument(
        "--by",
        choices=FIELDS,
        default="origin",
        help="the field to count by; decade, year and era are listed in time order, "
        "the others largest first",
    )
    stats.add_argument(
        "--scheme", choices=SCHEMES, default=SCHEMES[0], help="the era scheme, for --by era"
    )

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
    if args.command == "list" and args.reverse and args.sort is None:
        parser.error("--reverse needs --sort")
    handlers[args.command](args, out)
    return 0


def _data(args: argparse.Namespace) -> Dataset:
    # --data "" is an error (load() says so), never a silent fall back to the bundled data.
    return load(args.data) if args.data is not None else load()


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


def _positive(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        msg = f"expected a whole number of at least 1, not {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return value


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
        confidence=args.confidence,
        outcome=args.outcome,
        provenance=args.provenance,
        source_kind=args.source_kind,
    )
    if args.sort is not None:
        records = records.sorted_by(args.sort, reverse=args.reverse)
    if args.limit is not None:
        records = records[: args.limit]
    _emit(out, records, args.format)


def _cmd_search(args: argparse.Namespace, out: TextIO) -> None:
    _emit(out, _data(args).search(" ".join(args.text), fuzzy=args.fuzzy), args.format)


def _cmd_show(args: argparse.Namespace, out: TextIO) -> None:
    record = _data(args).get(args.key)
    if args.format == "json":
        row = Dataset([record]).to_records()[0]
        _write_exact(out, json.dumps(row, indent=2, ensure_ascii=False) + "\n")
    else:
        _show(_Terminal(out), record)


def _cmd_stats(args: argparse.Namespace, out: TextIO) -> None:
    _stats(_Terminal(out), _data(args), args.by, args.scheme)


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
        years = f", {country.start or '?'}{_Symbols.dash}{country.end or ''}"
    status = "historical state" if country.historic else "current state"
    _Terminal(out).write(
        f"{country.key}\t{country.name} ({status}{years}{'; ' + codes if codes else ''})\n"
    )


def _cmd_era(args: argparse.Namespace, out: TextIO) -> None:
    text = " ".join(args.when)
    when: int | str = int(text) if text.isascii() and text.isdigit() else text
    found = eras_of(when, scheme=args.scheme)
    if not found:
        msg = f"{quote(text)} lies outside every era of {args.scheme!r} (1917-11-07 .. 1991-12-26)"
        raise UnknownEraError(msg)
    _Terminal(out).writelines(
        [
            f"{era.name}\t{era.start.isoformat()} {_Symbols.dash} {era.end.isoformat()}\n"
            for era in found
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    """
    Run the command line with *argv* (default: ``sys.argv[1:]``) and return the exit status.

    Errors about the input print one line on stderr and give status 1; usage errors give 2.
    """
    parser = _parser()
    args = parser.parse_args(argv)
    out = sys.stdout
    if out is None:  # started with standard output closed (``defectors list >&-``)
        _error("standard output is closed: there is nowhere to write")
        return 1
    _Symbols.fit(out)
    try:
        status = _run(args, parser, out)
        out.flush()
    except BrokenPipeError:
        # The reader went away (``defectors list | head``): end quietly, as Unix tools do.
        _silence_stdout()
        return 0
    except (DefectorsError, ValueError, TypeError, OSError) as exc:
        _error(_one_line(exc))
        return 1
    return status


def _error(message: str) -> None:
    """Write one error line on stderr, escaped like the output and in its encoding."""
    if sys.stderr is not None:  # pragma: no branch - closed too: nothing can be said
        _Terminal(sys.stderr).write(f"defectors: error: {_safe(message)}\n")


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.filename:
        text = f"{exc.strerror}: {quote(os.fsdecode(exc.filename))}"  # a long path cut short
    else:
        text = str(exc)
    return " ".join(text.split())


def _silence_stdout() -> None:

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
