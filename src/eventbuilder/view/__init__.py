"""The analyst's view of a version: an offline HTML report, and the pieces notebooks reuse.

``write_report`` renders the report of a version folder (published, or being built: the build
writes ``report.html`` into the version before it is published); ``report`` renders any published
version to a file of your choice; ``load_events`` gives a version's events as a DataFrame;
``svg_map`` draws points on the shipped basemap without any plotting library.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from eventbuilder.store.versions import resolve_version
from eventbuilder.view.basemap import svg_map
from eventbuilder.view.events import load_events, provisional_events, read_events
from eventbuilder.view.page import render_page
from eventbuilder.view.payload import report_payload

REPORT_FILE = "report.html"

__all__ = ["REPORT_FILE", "load_events", "provisional_events", "read_events", "render_report", "report",
           "svg_map", "write_report"]


def render_report(folder: Path, manifest: dict[str, Any], max_events: int | None = None) -> str:
    """The HTML report of the version whose tables are in ``folder`` and whose manifest is given."""
    return render_page(report_payload(folder, manifest, max_events))


def write_report(folder: Path, manifest: dict[str, Any], output: Path | None = None,
                 max_events: int | None = None) -> dict[str, Any]:
    """Write the report (into ``folder/report.html`` unless ``output`` is given); returns its
    manifest entry: file name, size in bytes, sha256 and the number of events shown."""
    html = render_report(folder, manifest, max_events).encode("utf-8")
    target = output or folder / REPORT_FILE
    target.write_bytes(html)
    return {"file": target.name, "bytes": len(html), "sha256": hashlib.sha256(html).hexdigest()}


def report(version: str = "latest", root: str | Path = "outputs", output: str | Path | None = None,
           max_events: int | None = None) -> Path:
    """Write the report of a published version to ``output`` (default ``report-<version>.html`` in
    the current folder; a published version's own folder is never modified) and return its path."""
    info = resolve_version(Path(root), version)
    target = Path(output) if output is not None else Path(f"report-{info.name}.html")
    write_report(info.path, info.manifest, target, max_events)
    return target
