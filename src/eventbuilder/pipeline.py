"""The per-document function: one raw record in, that document's table rows out.

It is pure (same record and options, same rows) and runs in worker processes; expensive
resources (the spaCy pipeline, the gazetteer, the actor dictionary) are loaded once per process.
"""

from __future__ import annotations

import functools
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from eventbuilder.errors import EventbuilderError, InputError
from eventbuilder.ingest import to_document
from eventbuilder.model import Document, DocumentRelevance, RawRecord, Reject
from eventbuilder.options import BuildOptions
from eventbuilder.tabulate.rows import document_row, reject_row


@dataclass
class RecordResult:
    """Rows produced from one input record: a document and its claims/places, or one reject."""

    source_path: str
    line: int | None
    doc_id: str | None = None
    # row dicts per table; a record reused from a parent version carries pyarrow Tables instead
    rows: dict[str, Any] = field(default_factory=dict)


def process_record(record: RawRecord, options: BuildOptions) -> RecordResult:
    """Read, analyse and tabulate one record; failures become a ``rejects`` row, never a crash."""
    return _guarded(record, lambda: _rows(to_document(record, options), record, options))


def process_records(records: list[RawRecord], options: BuildOptions) -> list[RecordResult]:
    """:func:`process_record` for each of several records (one task of a build), with the English
    documents' texts parsed together by ``nlp.pipe``; each result equals ``process_record``'s."""
    documents: list[Document | RecordResult] = [_guarded_document(record, options) for record in records]
    wanted = [i for i, d in enumerate(documents)
              if isinstance(d, Document) and options.extract_claims and d.language == "en"]
    parsed: dict[int, Any] = {}
    if wanted:
        from eventbuilder.analyse import parse_many

        try:
            texts = [documents[i].text for i in wanted]  # type: ignore[union-attr]
            parsed = dict(zip(wanted, parse_many(texts, options.nlp_model)))
        except EventbuilderError:
            raise
        except Exception:  # one text broke the batch: each is parsed (and fails) on its own below
            parsed = {}
    return [d if isinstance(d, RecordResult) else _guarded(record, functools.partial(_rows, d, record, options, parsed.get(i)))
            for i, (record, d) in enumerate(zip(records, documents))]


def _guarded_document(record: RawRecord, options: BuildOptions) -> Document | RecordResult:
    outcome: list[Document] = []

    def read() -> RecordResult:
        outcome.append(to_document(record, options))
        return RecordResult(record.source_path, record.line)

    result = _guarded(record, read)
    return outcome[0] if outcome else result


def _rows(document: Document, record: RawRecord, options: BuildOptions, doc: Any = None) -> RecordResult:
    rows = {"documents": [document_row(document, _not_assessed(document, options))]}
    if options.extract_claims and document.language == "en":
        from eventbuilder.analyse import analyse_document

        rows.update(analyse_document(document, options, doc))  # the document row again, with its relevance
    return RecordResult(record.source_path, record.line, document.doc_id, rows)


def _guarded(record: RawRecord, work: Callable[[], RecordResult]) -> RecordResult:
    """``work()``, with a failure turned into the record's ``rejects`` row (never a crash)."""
    try:
        return work()
    except InputError as exc:
        reject = Reject(record.source_path, record.line if exc.line is None else exc.line, exc.reason, exc.message)
    except EventbuilderError:
        raise  # the environment or configuration is wrong (model missing, geocoder down): stop the build
    except Exception as exc:
        where = traceback.extract_tb(exc.__traceback__)[-1]
        reject = Reject(record.source_path, record.line, "internal_error",
                        f"{type(exc).__name__}: {exc} (at {where.filename.rsplit('/', 1)[-1]}:{where.lineno}); "
                        "please report this as a bug")
    return RecordResult(record.source_path, record.line, None, {"rejects": [reject_row(reject)]})


def _not_assessed(document: Document, options: BuildOptions) -> DocumentRelevance:
    if not options.extract_claims:
        return DocumentRelevance(None, "not assessed: built with --no-claims")
    return DocumentRelevance(None, f"not assessed: not English (language {document.language})")


def reject_result(reject: Reject) -> RecordResult:
    return RecordResult(reject.source_path, reject.line, None, {"rejects": [reject_row(reject)]})
