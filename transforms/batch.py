"""Extraction over a batch of documents as one pure function.

This is the unit of work a Prefect task (or a Dask worker) runs: plain dicts in, plain
dicts out, no shared state, so it runs in any process. A document whose extraction
fails is returned as an error record instead of stopping the batch.
"""

from __future__ import annotations

import traceback
from typing import Any

from transforms.entities import Registry
from transforms.extract import extract_facts, fact_id
from transforms.schema import Document


def document_from_dict(record: dict[str, Any]) -> Document:
    fields = Document.__dataclass_fields__
    values = {k: v for k, v in record.items() if k in fields}
    values["boilerplate"] = [tuple(span) for span in values.get("boilerplate") or []]
    return Document(**values)


def fact_records(doc: Document, registry: Registry | None) -> list[dict[str, Any]]:
    """Facts of one document as warehouse-ready dicts with a stable fact_id."""
    rows = []
    for fact in extract_facts(doc, registry):
        row = fact.to_dict()
        row["fact_id"] = fact_id(doc.doc_id, fact)
        row["source"] = doc.source
        rows.append(row)
    return rows


def extract_batch(docs: list[dict[str, Any]], registry: Registry | None = None) -> dict[str, list]:
    """{"facts": [...], "errors": [...]} for a batch of documents given as dicts."""
    facts: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    for record in docs:
        try:
            facts.extend(fact_records(document_from_dict(record), registry))
        except Exception as exc:  # one bad document must not lose the batch
            errors.append(
                {
                    "stage": "extract",
                    "source": record.get("source"),
                    "doc_id": record.get("doc_id"),
                    "reason": f"extract.error: {type(exc).__name__}: {exc}",
                    "payload": traceback.format_exc(limit=3),
                }
            )
    return {"facts": facts, "errors": errors}
