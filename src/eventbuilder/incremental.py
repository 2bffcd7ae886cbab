"""Incremental builds: which records a build analyses and which take their rows from the parent.

The parent is the latest version under the output root (the same version the link stage takes
its event ids from). Its rows are reused only when its pipeline fingerprint equals this build's
(see :mod:`eventbuilder.fingerprint`); then a record whose fingerprint the parent knows gets the
parent's rows for its document, and every other record is analysed. Records whose raw files are
gone are simply not among the inputs. The result is, table for table, what a full build on the
same parent gives (the test suite checks it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventbuilder.fingerprint import changed_components, pipeline_fingerprint, record_fingerprint
from eventbuilder.model import RawRecord
from eventbuilder.options import BuildOptions
from eventbuilder.pipeline import RecordResult
from eventbuilder.store.reuse import ParentRows
from eventbuilder.store.versions import resolve_version


@dataclass
class ReusePlan:
    """Per record (in input order): its fingerprint, and the parent's result when it is reused."""

    mode: str  # incremental | full
    reason: str
    parent: str | None
    pipeline: dict[str, Any]
    fingerprints: list[str]
    reused: dict[int, RecordResult] = field(default_factory=dict)

    def to_analyse(self, records: list[RawRecord]) -> list[RawRecord]:
        return [record for index, record in enumerate(records) if index not in self.reused]

    def manifest(self, documents_reused: int, documents_analysed: int) -> dict[str, Any]:
        return {"mode": self.mode, "reason": self.reason, "parent": self.parent,
                "records_reused": len(self.reused), "records_analysed": len(self.fingerprints) - len(self.reused),
                "documents_reused": documents_reused, "documents_analysed": documents_analysed,
                "pipeline": self.pipeline}


def plan_reuse(out: Path, parent: str | None, records: list[RawRecord], options: BuildOptions,
               full: bool = False) -> ReusePlan:
    """What this build reuses from ``parent`` (a version name under ``out``, or None)."""
    pipeline = pipeline_fingerprint(options)
    fingerprints = [record_fingerprint(record) for record in records]
    source, reason = _parent_rows(out, parent, pipeline, full)
    plan = ReusePlan("full" if source is None else "incremental", reason, parent, pipeline, fingerprints)
    if source is None:
        return plan
    seen: set[str] = set()  # documents of reused records so far, in input order
    for index, (record, fingerprint) in enumerate(zip(records, fingerprints)):
        known = source.entry(fingerprint)
        if known is None:
            continue
        doc_id, kept = known
        if kept:
            plan.reused[index] = RecordResult(record.source_path, record.line, doc_id, source.rows(doc_id))
            seen.add(doc_id)
        elif doc_id in seen:
            # a duplicate of an earlier record: the build's merge rejects it, it needs no rows
            plan.reused[index] = RecordResult(record.source_path, record.line, doc_id, {})
    return plan


def _parent_rows(out: Path, parent: str | None, pipeline: dict[str, Any],
                 full: bool) -> tuple[ParentRows | None, str]:
    if full:
        return None, "full build requested"
    if parent is None:
        return None, "no parent version"
    info = resolve_version(out, parent)
    recorded = info.manifest.get("incremental", {}).get("pipeline")
    if recorded is None or not ParentRows.available(info.path):
        return None, f"parent {parent} has no record fingerprints"
    if recorded.get("digest") != pipeline["digest"]:
        return None, f"pipeline changed since {parent}: {', '.join(changed_components(recorded, pipeline))}"
    return ParentRows(info.path), f"unchanged records reuse {parent}'s rows"
