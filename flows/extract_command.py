"""`kpiflow extract`: facts or quantities of texts, printed, never loaded.

One process serves a whole batch of paths; with several paths every line carries
`source`, the path as given ("-" for standard input).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

from flows.output import json_line, render_frame
from flows.settings import get_settings
from transforms.documents import Overrides, Rejected, build_document, read_input
from transforms.entities import load_registry
from transforms.extract import extract_facts, extract_quantities
from transforms.schema import FACT_FIELDS, QUANTITY_FIELDS, Document

TABLE_COLUMNS = [
    "entity",
    "segment",
    "metric",
    "kind",
    "value",
    "unit",
    "qualifier",
    "direction",
    "period",
    "surface",
]


def _documents(path: str, lang: str | None, published: str | None) -> Iterator[Document | Rejected]:
    if path == "-":
        text = sys.stdin.buffer.read().decode("utf-8-sig", errors="replace")
        yield build_document(text, "-", language=lang, published=published)
        return
    # Explicit flags win over sidecar metadata and detection.
    yield from read_input(path, Overrides(language=lang, published=published))


def run_extract(
    paths: list[str], *, lang: str | None, published: str | None, fmt: str, quantities: bool
) -> None:
    registry = load_registry(get_settings().companies_file)
    several = len(paths) > 1
    rows: list[dict[str, Any]] = []
    out = sys.stdout
    for path in paths:
        for doc in _documents(path, lang, published):
            if isinstance(doc, Rejected):
                print(f"kpiflow extract: {doc.source}: {doc.reason}", file=sys.stderr)
                continue
            if quantities:
                records = [q.to_dict() for q in extract_quantities(doc)]
                fields = QUANTITY_FIELDS
            else:
                records = [f.contract_dict() for f in extract_facts(doc, registry)]
                fields = FACT_FIELDS
            for record in records:
                record = {k: record[k] for k in fields}
                if several:
                    record["source"] = path
                if "corpus_id" in doc.metadata:
                    record["corpus_id"] = doc.metadata["corpus_id"]
                if fmt == "jsonl":
                    out.write(json_line(record) + "\n")
                else:
                    rows.append(record)
    if fmt == "table":
        import pandas as pd  # only tables need it; jsonl output starts faster without

        frame = pd.DataFrame(rows)
        columns = [
            c
            for c in (["source"] if several else [])
            + (list(QUANTITY_FIELDS) if quantities else TABLE_COLUMNS)
            if c in frame.columns
        ]
        render_frame(frame[columns] if len(frame) else frame, "table")
