"""The ``konflikt`` command: thin wrappers over konflikt.ingest, konflikt.store and konflikt.export.

Exit codes: 0 all fine; 1 some inputs failed (or the store could not be used); 2 usage error.
Heavy imports (spaCy, the store) happen inside the commands, so ``--help`` and ``--version``
answer at once.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from konflikt import __version__
from konflikt.errors import KonfliktError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
RECORD_FORMATS = ("table", "jsonl", "csv", "acled", "ucdp", "geojson")
EXPORT_FORMATS = ("jsonl", "csv", "acled", "ucdp", "geojson")
LANGUAGES = ("nb", "nn", "da", "sv", "en")


# ------------------------------------------------------------------------------ arguments


def _pub_date(value: str) -> str:
    from konflikt.document import PublicationDate

    try:
        PublicationDate.parse(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return value


def _day(value: str) -> "PublicationDate":  # noqa: F821
    """--since/--until: YYYY, YYYY-MM or YYYY-MM-DD, kept as an interval: --since takes its
    first day and --until its last, so `--until 2017` includes 31 December 2017."""
    from konflikt.document import PublicationDate

    try:
        return PublicationDate.parse(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


class _Formatter(argparse.RawDescriptionHelpFormatter, argparse.ArgumentDefaultsHelpFormatter):
    pass


def _add_filters(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("filters")
    g.add_argument("--country", help="ISO 3166 alpha-2 code of the record's place, e.g. IQ")
    g.add_argument("--type", dest="event_type",
                   help="ACLED event type or sub-event type, or a kind (event, figure)")
    g.add_argument("--since", type=_day, help="records on or after this date (YYYY[-MM[-DD]])")
    g.add_argument("--until", type=_day, help="records on or before this date (YYYY[-MM[-DD]])")
    g.add_argument("--actor", help="part of an actor's name, case-insensitive")
    g.add_argument("--limit", type=int, help="at most this many records")


def _jobs(value: str) -> int:
    import os

    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError("must be 0 (one per CPU) or more")
    return n or (os.cpu_count() or 1)


def _add_jobs(p: argparse.ArgumentParser) -> None:
    p.add_argument("--jobs", "-j", type=_jobs, default=1,
                   help="run the pipeline in this many processes (0 = one per CPU); each loads "
                        "the model, so memory grows with it")


def _add_db(p: argparse.ArgumentParser) -> None:
    from konflikt.settings import Settings

    p.add_argument("--db", default=None,
                   help=f"SQLite file or postgresql:// URL (default: $KONFLIKT_DB or {Settings().db})")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="konflikt", formatter_class=_Formatter,
        description="Event records (ACLED/UCDP-style) from news articles about armed conflict.",
        epilog="examples:\n"
               "  konflikt extract artikkel.txt --date 2017-07\n"
               "  konflikt ingest arkiv/ --db konflikt.sqlite\n"
               "  konflikt records --db konflikt.sqlite --country IQ --since 2017-06\n"
               "  konflikt export --db konflikt.sqlite --format geojson hendelser.geojson")
    parser.add_argument("--version", action="version", version=f"konflikt {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser(
        "extract", formatter_class=_Formatter,
        help="print the records of articles (no store)",
        description="Read articles (seed-format or plain .txt, .jsonl, .html, or folders of "
                    "them), run the pipeline and print the records. Nothing is stored.",
        epilog="examples:\n"
               "  konflikt extract ../shared/seed/000_b708bc8be9c6f4cd.txt --format jsonl\n"
               "  konflikt extract melding.txt --date 2019-05-10\n"
               "  konflikt extract arkiv/ --format csv > records.csv\n"
               "  cat melding.txt | konflikt extract - --date 2019-05-10")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders; - reads one article from stdin")
    p.add_argument("--date", type=_pub_date,
                   help="publication date (YYYY[-MM[-DD]]) for inputs that carry none")
    p.add_argument("--format", choices=RECORD_FORMATS, default="table")
    p.add_argument("--language", choices=LANGUAGES, help="force the language; default: detect")
    _add_jobs(p)
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser(
        "ingest", formatter_class=_Formatter,
        help="extract and store articles (idempotent)",
        description="Read articles, extract their records and store documents, records and "
                    "evidence. An article already stored (same text) is skipped, so re-running "
                    "after an interruption resumes where it stopped.",
        epilog="examples:\n"
               "  konflikt ingest examples/ --db out/konflikt.sqlite\n"
               "  konflikt ingest dump.jsonl --db postgresql://user@host/konflikt\n"
               "  konflikt ingest arkiv/ --reextract   # re-run the pipeline on stored articles\n"
               "  konflikt ingest arkiv/ --jobs 4      # four pipeline processes, one writer")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    _add_db(p)
    p.add_argument("--date", type=_pub_date,
                   help="publication date (YYYY[-MM[-DD]]) for inputs that carry none")
    p.add_argument("--language", choices=LANGUAGES, help="force the language; default: detect")
    p.add_argument("--reextract", action="store_true",
                   help="re-run the pipeline on articles already stored and replace their records")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    _add_jobs(p)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser(
        "records", formatter_class=_Formatter,
        help="show stored records, filtered",
        description="Print records from the store, filtered by country, type, date and actor.",
        epilog="examples:\n"
               "  konflikt records --db out/konflikt.sqlite\n"
               "  konflikt records --country SY --type 'Air/drone strike' --since 2019\n"
               "  konflikt records --actor 'Islamsk stat' --format jsonl")
    _add_db(p)
    _add_filters(p)
    p.add_argument("--format", choices=RECORD_FORMATS, default="table")
    p.set_defaults(func=cmd_records)

    p = sub.add_parser(
        "export", formatter_class=_Formatter,
        help="write stored records to a file",
        description="Write the stored records (optionally filtered) as JSONL (the record "
                    "contract), CSV (flat columns), ACLED-style CSV (events only), UCDP GED-style "
                    "CSV (lethal violent events only) or GeoJSON (records without coordinates get "
                    "a null geometry). OUT '-' is stdout.",
        epilog="examples:\n"
               "  konflikt export --db out/konflikt.sqlite --format geojson out/records.geojson\n"
               "  konflikt export --format acled --country IQ irak_acled.csv\n"
               "  konflikt export --format jsonl - | head")
    _add_db(p)
    _add_filters(p)
    p.add_argument("--format", choices=EXPORT_FORMATS, required=True)
    p.add_argument("out", metavar="OUT", help="output file ('-' for stdout)")
    p.set_defaults(func=cmd_export)
    return parser


# ------------------------------------------------------------------------------- helpers


def _err(message: str) -> None:
    print(f"konflikt: {message}", file=sys.stderr)


def _settings(args: argparse.Namespace) -> "Settings":  # noqa: F821
    from konflikt.settings import Settings

    values = {}
    if getattr(args, "db", None):
        values["db"] = args.db
    if getattr(args, "language", None):
        values["language"] = args.language
    return Settings(**values)


def _report_failures(report: "BatchReport") -> None:  # noqa: F821
    if report.failures:
        _err(f"{len(report.failures)} input(s) failed:")
        for f in report.failures:
            print(f"  {f}", file=sys.stderr)


def _query(args: argparse.Namespace) -> "RecordQuery":  # noqa: F821
    from konflikt.store import RecordQuery

    return RecordQuery(country=args.country, event_type=args.event_type,
                       since=args.since.start if args.since else None,
                       until=args.until.end if args.until else None,
                       actor=args.actor, limit=args.limit)


def _open_existing(settings: "Settings") -> "SqlStore":  # noqa: F821
    from konflikt.store import open_store

    db = settings.db
    if "://" not in db and not Path(db).exists():
        raise KonfliktError(f"no store at {db} (create it with: konflikt ingest PATH --db {db})")
    return open_store(db)


# ------------------------------------------------------------------------------ commands


def cmd_extract(args: argparse.Namespace, out: TextIO) -> int:
    from konflikt.export import write_records
    from konflikt.ingest import BatchReport, collect_files, extract_files
    from konflikt.ingest.batch import LazyPipeline
    from konflikt.pipeline import build_pipeline

    settings = _settings(args)
    report = BatchReport()
    files = collect_files(args.paths, report)
    # With --jobs the workers build their own pipelines; this one is built only if used.
    pipeline = build_pipeline(settings) if args.jobs <= 1 else LazyPipeline(settings)
    records = (r for _doc, recs in extract_files(files, pipeline, report, date=args.date,
                                                  jobs=args.jobs)
               for r in recs)
    if args.format == "table":
        records = list(records)  # the table is laid out once all rows are known
    write_records(records, args.format, out)
    out.flush()
    _report_failures(report)
    return EXIT_FAILED if report.failures else EXIT_OK


def cmd_ingest(args: argparse.Namespace, out: TextIO) -> int:
    from konflikt.ingest import BatchReport, collect_files, ingest_files
    from konflikt.ingest.batch import LazyPipeline
    from konflikt.store import open_store

    settings = _settings(args)
    report = BatchReport()
    files = collect_files(args.paths, report)
    pipeline = LazyPipeline(settings)  # built only if some article is new
    with open_store(settings.db) as store:
        show = not args.quiet and sys.stderr.isatty()
        if show:
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                                       TimeRemainingColumn)

            with Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(),
                          TimeRemainingColumn(), TextColumn("{task.description}"),
                          transient=True) as bar:
                task = bar.add_task("", total=len(files))
                ingest_files(files, store, pipeline, report, date=args.date,
                             reextract=args.reextract, jobs=args.jobs,
                             progress=lambda p: bar.update(task, advance=1, description=Path(p).name))
        else:
            ingest_files(files, store, pipeline, report, date=args.date, reextract=args.reextract,
                         jobs=args.jobs)
        stats = store.stats()
        where = store.display
    verb = "re-extracted" if args.reextract else "skipped (already stored)"
    print(f"{report.files} file(s), {report.documents} document(s) read: {report.stored} stored, "
          f"{report.skipped} {verb}, {len(report.failures)} failed; {report.records} record(s) "
          f"written. Store {where}: {stats.documents} documents, {stats.records} records.",
          file=sys.stderr)
    if report.skipped and report.skipped <= 10:
        for s in report.skipped_sources:
            print(f"  {verb.split(' ')[0]}: {s}", file=sys.stderr)
    _report_failures(report)
    return EXIT_FAILED if report.failures else EXIT_OK


def cmd_records(args: argparse.Namespace, out: TextIO) -> int:
    from konflikt.export import write_records

    with _open_existing(_settings(args)) as store:
        records = store.records(_query(args))
        if args.format == "table":
            records = list(records)
        write_records(records, args.format, out)
    return EXIT_OK


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    from konflikt.export import write_records

    with _open_existing(_settings(args)) as store:
        records = store.records(_query(args))
        if args.out == "-":
            n = write_records(records, args.format, out)
        else:
            target = Path(args.out)
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(target.name + ".part")
            # Written beside the target and renamed, so a failed export never leaves half a file.
            with tmp.open("w", encoding="utf-8", newline="") as fh:
                n = write_records(records, args.format, fh)
            tmp.replace(target)
    print(f"{n} record(s) written to {args.out} ({args.format})", file=sys.stderr)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)  # exits with 2 on a usage error
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return args.func(args, sys.stdout)
    except KonfliktError as exc:
        _err(str(exc))
        return EXIT_FAILED
    except KeyboardInterrupt:
        _err("interrupted; what was stored is kept, and re-running resumes")
        return 130
    except BrokenPipeError:
        # `konflikt ... | head`: the reader went away; that is not an error of ours.
        try:
            sys.stdout = open("/dev/null", "w")  # noqa: SIM115 - silence the flush at exit
        except OSError:
            pass
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
