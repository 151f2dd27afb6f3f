"""Prefect tasks: thin wrappers that call transforms/ and warehouse/ on whole batches.

No logic lives here beyond moving plain data between the pure stages and the one
warehouse writer. Tasks never hash their (large) inputs for caching: NO_CACHE.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
from prefect import task
from prefect.cache_policies import NO_CACHE

import warehouse
from flows import gates
from flows.settings import PROJECT_ROOT
from transforms import fx
from transforms.batch import extract_batch
from transforms.documents import Rejected, discover_inputs, read_inputs
from transforms.entities import Registry, load_registry
from transforms.schema import Document

DOCUMENT_COLUMNS = [
    "doc_id",
    "source",
    "title",
    "language",
    "published",
    "char_count",
    "text",
    "raw_text",
    "boilerplate",
    "metadata",
]

# Reference data shipped with the project (the companies file is a setting).
REFERENCE_DIR = PROJECT_ROOT / "seeds"


@task(name="discover", cache_policy=NO_CACHE)
def discover(paths: list[str]) -> list[str]:
    return discover_inputs(paths)


@task(name="read", cache_policy=NO_CACHE)
def read_batch(paths: list[str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Documents and rejected inputs (as quarantine rows) of a batch of files."""
    docs: list[dict[str, Any]] = []
    rejected: list[dict[str, Any]] = []
    for item in read_inputs(paths):
        if isinstance(item, Rejected):
            rejected.append(
                {
                    "stage": "read",
                    "source": item.source,
                    "doc_id": None,
                    "reason": item.reason,
                    "payload": item.payload,
                }
            )
        else:
            docs.append(_document_row(item))
    return docs, rejected


def _document_row(doc: Document) -> dict[str, Any]:
    row = doc.to_dict()
    row["char_count"] = len(doc.text)
    row["raw_text"] = None
    row["boilerplate"] = [list(span) for span in doc.boilerplate]
    return row


@task(name="known-documents", cache_policy=NO_CACHE)
def known_documents(warehouse_path: str, doc_ids: list[str]) -> set[str]:
    return warehouse.known_doc_ids(warehouse_path, doc_ids)


@task(name="gate-documents", cache_policy=NO_CACHE)
def gate_documents(frame: pd.DataFrame, overrides: dict[str, str]) -> gates.GateOutcome:
    return gates.check_documents(frame, overrides)


@task(name="load-registry", cache_policy=NO_CACHE)
def registry_task(path: str) -> Registry:
    return load_registry(path)


@task(name="extract", cache_policy=NO_CACHE)
def extract(docs: list[dict[str, Any]], registry: Registry) -> dict[str, list]:
    return extract_batch(docs, registry)


@task(name="gate-facts", cache_policy=NO_CACHE)
def gate_facts(frame: pd.DataFrame, overrides: dict[str, str]) -> gates.GateOutcome:
    return gates.check_facts(frame, overrides)


def companies_frame(path: str | Path) -> pd.DataFrame | None:
    """The company registry CSV as the companies dimension; None when there is no file."""
    rows = _read_reference(path)
    if rows is None:
        return None
    return pd.DataFrame(
        {
            "canonical_name": rows["canonical_name"].str.strip(),
            "aliases": [
                [alias.strip() for alias in cell.split("|") if alias.strip()]
                for cell in rows["aliases"]
            ],
            "country": rows["country"].str.strip().replace("", None),
            "fiscal_year_end_month": pd.to_numeric(
                rows["fiscal_year_end_month"].replace("", None)
            ).astype("Int64"),
        }
    )


def currencies_frame(path: str | Path) -> pd.DataFrame | None:
    """seeds/currencies.csv (code, name) with has_ecb_rates from the offline ECB history."""
    rows = _read_reference(path)
    if rows is None:
        return None
    codes = rows["code"].str.strip()
    return pd.DataFrame(
        {"code": codes, "name": rows["name"].replace("", None), "has_ecb_rates": ecb_quoted(codes)}
    )


def metrics_frame(path: str | Path) -> pd.DataFrame | None:
    """seeds/metrics.csv (metric, label_en, label_de, description) as it is."""
    rows = _read_reference(path)
    return None if rows is None else rows.replace("", None)


def ecb_quoted(codes: Any) -> list[bool]:
    """Whether the bundled ECB history quotes each currency at all (EUR included)."""
    quoted = fx._converter().currencies
    return [code in quoted for code in codes]


def _read_reference(path: str | Path) -> pd.DataFrame | None:
    # Every cell as text: pandas would otherwise read the country code "NA" as missing.
    if not Path(path).is_file():
        return None
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


@task(name="load-dimensions", cache_policy=NO_CACHE)
def load_dimensions(warehouse_path: str, companies_file: str) -> dict[str, int]:
    """Companies from the registry file, currencies and metrics from REFERENCE_DIR.

    A missing file leaves its table as it is.
    """
    return warehouse.load_dimensions(
        warehouse_path,
        companies_frame(companies_file),
        currencies_frame(REFERENCE_DIR / "currencies.csv"),
        metrics_frame(REFERENCE_DIR / "metrics.csv"),
    )


@task(name="load", cache_policy=NO_CACHE)
def load(
    warehouse_path: str,
    run: dict[str, Any],
    documents: pd.DataFrame,
    facts: pd.DataFrame,
    quarantine: pd.DataFrame,
    dq_results: pd.DataFrame,
) -> warehouse.LoadReport:
    return warehouse.load_run(warehouse_path, run, documents, facts, quarantine, dq_results)


@task(name="record-failed-run", cache_policy=NO_CACHE)
def record_failed(
    warehouse_path: str, run: dict[str, Any], dq_results: pd.DataFrame, quarantine: pd.DataFrame
) -> None:
    warehouse.record_failed_run(warehouse_path, run, dq_results, quarantine)


@task(name="gate-warehouse", cache_policy=NO_CACHE)
def gate_warehouse(
    warehouse_path: str, run_id: str, overrides: dict[str, str]
) -> gates.GateOutcome:
    outcome = gates.check_warehouse(
        warehouse.run_warehouse_checks(warehouse_path, run_id), overrides
    )
    warehouse.record_dq_results(warehouse_path, run_id, outcome.results)
    return outcome
