"""Typed records to table rows: dicts whose keys are exactly the columns in ``schemas/``."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from eventbuilder.extract.confidence import calibrated
from eventbuilder.model import ActorMention, Claim, Document, DocumentRelevance, Place, PlaceMention, Quantity, Reject

NOT_ASSESSED = DocumentRelevance(None, "not assessed: claims were not extracted")


def stable_id(*parts: Any) -> str:
    """First 16 hex digits of sha256 over the parts: stable across builds and machines."""
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def document_row(doc: Document, relevance: DocumentRelevance = NOT_ASSESSED) -> dict[str, Any]:
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
        "modified_date": doc.modified_date,
        "crawled_at": doc.crawled_at,
        "language": doc.language,
        "n_chars": len(doc.text),
        "meta": json.dumps(doc.meta, sort_keys=True, ensure_ascii=False, default=str),
        "flags": list(doc.flags),
        "relevance": relevance.score,
        "relevance_note": relevance.note,
    }


def reject_row(reject: Reject) -> dict[str, Any]:
    return {
        "source_path": reject.source_path,
        "line": reject.line,
        "reason": reject.reason,
        "message": reject.message,
        "duplicate_of": reject.duplicate_of,
    }


def _actor_columns(prefix: str, actor: ActorMention | None) -> dict[str, Any]:
    if actor is None:
        return {f"{prefix}_{k}": None for k in ("name", "text", "id", "country", "sector")}
    return {
        f"{prefix}_name": actor.name,
        f"{prefix}_text": actor.text,
        f"{prefix}_id": actor.actor_id,
        f"{prefix}_country": actor.country,
        f"{prefix}_sector": actor.sector,
    }


def _quantity_columns(quantity: Quantity | None) -> dict[str, Any]:
    if quantity is None:
        return {f"quantity_{k}": None for k in ("value", "low", "high", "previous", "unit", "qualifier", "text")}
    return {
        "quantity_value": quantity.value,
        "quantity_low": quantity.low,
        "quantity_high": quantity.high,
        "quantity_previous": quantity.previous,
        "quantity_unit": quantity.unit,
        "quantity_qualifier": quantity.qualifier,
        "quantity_text": quantity.text,
    }


def _place_fields(place: Place | None) -> dict[str, Any]:
    """The columns a gazetteer place fills in both the claims and the places table."""
    return {
        "place_name": place.name if place else None,
        "place_id": place.place_id if place else None,
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
        "place_country": place.country if place else None,
        "place_admin1": place.admin1 if place else None,
        "geo_precision": place.precision if place else "none",
        "geo_centroid": place.centroid if place else None,
    }


def _place_columns(mention: PlaceMention | None, method: str) -> dict[str, Any]:
    place = mention.place if mention is not None else None
    return {
        "place_text": mention.text if mention is not None else None,
        **_place_fields(place),
        "geo_method": method if place else "none",
    }


def claim_id(claim: Claim) -> str:
    return stable_id(claim.doc_id, claim.char_start, claim.char_end, claim.trigger_start, claim.event_type)


def claim_row(claim: Claim, date_text: str | None) -> dict[str, Any]:
    interval = claim.date_interval
    return {
        "claim_id": claim_id(claim),
        "doc_id": claim.doc_id,
        "sentence_index": claim.sentence_index,
        "char_start": claim.char_start,
        "char_end": claim.char_end,
        "evidence_text": claim.evidence_text,
        "event_type": claim.event_type,
        "plover_type": claim.plover_type,
        "cameo_root": claim.cameo_root,
        "trigger": claim.trigger,
        **_actor_columns("actor1", claim.actor1),
        **_actor_columns("actor2", claim.actor2),
        "participants": list(claim.participants),
        "speaker": claim.speaker,
        "quote": claim.quote,
        "attributed_to": claim.attributed_to,
        "attribution_text": claim.attribution_text,
        "modality": claim.modality,
        **_quantity_columns(claim.quantity),
        "date_text": date_text,
        "date_start": interval.start if interval else None,
        "date_end": interval.end if interval else None,
        "date_granularity": interval.granularity if interval else "unknown",
        "date_method": claim.date_method,
        **_place_columns(claim.place_mention, claim.geo_method),
        "antecedent_claim_id": claim_id(claim.antecedent) if claim.antecedent is not None else None,
        "confidence": calibrated(claim.confidence, claim.event_type),
        "confidence_rule": claim.confidence,
        "extractor": claim.extractor,
        "relevant": claim.relevant,
        "relevance": claim.relevance,
        "relevance_note": claim.relevance_note,
    }


def place_row(doc_id: str, mention: PlaceMention) -> dict[str, Any]:
    place = mention.place
    return {
        "mention_id": stable_id(doc_id, mention.start, mention.end),
        "doc_id": doc_id,
        "char_start": mention.start,
        "char_end": mention.end,
        "text": mention.text,
        "role": mention.role,
        **_place_fields(place),
        "feature_class": place.feature_class if place else None,
        "feature_code": place.feature_code if place else None,
        "score": float(mention.score),
        "alternatives": [{"place_id": pid, "score": float(score)} for pid, score in mention.alternatives],
    }
