"""Typed records to table rows: dicts whose keys are exactly the columns in ``schemas/``."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from eventbuilder.model import Document, Reject


def stable_id(*parts: Any) -> str:
    """First 16 hex digits of sha256 over the parts: stable across builds and machines."""
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def document_row(doc: Document) -> dict[str, Any]:
    published = doc.published
    return {
        "doc_id": doc.doc_id,
        "external_id": doc.external_id,
        "source_path": doc.source_path,
        "line": doc.line,
        "format": doc.format,
        "source": doc.source,
        "url": doc.url,
        "title": doc.title,
        "dateline": doc.dateline,
        "text": doc.text,
        "raw_text": doc.raw_text,
        "captions": list(doc.captions),
        "segments": [{"kind": s.kind, "start": s.start, "end": s.end} for s in doc.segments],
        "published_at": published.at,
        "published_date": published.local_date,
        "published_source": published.source,
        "published_confidence": published.confidence,
        "published_text": published.text,
        "published_note": published.note,
        "language": doc.language,
        "n_chars": len(doc.text),
        "meta": json.dumps(doc.meta, sort_keys=True, ensure_ascii=False, default=str),
        "flags": list(doc.flags),
    }


def reject_row(reject: Reject) -> dict[str, Any]:
    return {
        "source_path": reject.source_path,
        "line": reject.line,
        "reason": reject.reason,
        "message": reject.message,
        "duplicate_of": reject.duplicate_of,
    }
