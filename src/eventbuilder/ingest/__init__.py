"""Ingest stage: find input records under raw/, read, clean and date them into documents."""

from eventbuilder.ingest.discover import discover
from eventbuilder.ingest.document import content_id, to_document

__all__ = ["discover", "content_id", "to_document"]
