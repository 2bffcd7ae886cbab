"""Merge stage: assemble a document's resolved records into table rows."""
