"""Tabulate stage: assemble a document's resolved records into table rows (the columns of ``schemas/``)."""
