"""The `etl` flow: discover -> read -> gate(documents) -> extract -> gate(facts) -> load
-> gate(warehouse) -> summary.

Documents move in batches (Settings.batch_size): one read task and one extract task per
batch, never one per sentence or fact. Only the load task writes, once, in one
transaction; a blocking gate stops the run before it.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

import pandas as pd
from prefect import flow, get_run_logger
from prefect.context import get_run_context

from flows import tasks
from flows.gates import GateFailed, GateOutcome
from flows.settings import Settings, get_settings
from transforms.documents import batched

EXTRACTOR_VERSION = "0.1.0"


@dataclass
class RunSummary:
    run_id: str
    warehouse: str
    status: str = "completed"
    docs_seen: int = 0
    docs_new: int = 0
    docs_unchanged: int = 0
    docs_quarantined: int = 0
    docs_reprocessed: int = 0
    facts_extracted: int = 0
    facts_loaded: int = 0
    facts_quarantined: int = 0
    gates_passed: int = 0
    gates_failed: int = 0
    failed_expectations: list[str] = field(default_factory=list)
    elapsed_seconds: float = 0.0
    message: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _flow_run_id() -> str | None:
    try:
        return str(get_run_context().flow_run.id)
    except Exception:  # outside a flow run (direct calls in tests)
        return None


def _frame(rows: list[dict[str, Any]], columns: list[str] | None = None) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns) if columns else pd.DataFrame(rows)


@flow(name="etl", log_prints=True)
def etl(
    paths: list[str] | None = None,
    warehouse_path: str | None = None,
    reprocess: bool | None = None,
    batch_size: int | None = None,
    gate_severity: dict[str, str] | None = None,
) -> dict[str, Any]:
    """One pipeline run over `paths` (default: the project's seeds/)."""
    settings: Settings = get_settings(
        warehouse=warehouse_path,
        reprocess=reprocess,
        batch_size=batch_size,
        gate_severity=gate_severity,
    )
    logger = get_run_logger()
    started = time.perf_counter()
    started_at = datetime.now(UTC).replace(tzinfo=None)
    summary = RunSummary(run_id=uuid.uuid4().hex, warehouse=str(settings.warehouse))
    target = str(settings.warehouse)
    overrides = dict(settings.gate_severity)

    inputs = tasks.discover(paths or [str(settings.seeds_dir)])
    read_futures = [tasks.read_batch.submit(b) for b in batched(inputs, settings.batch_size)]
    documents: list[dict[str, Any]] = []
    quarantine: list[dict[str, Any]] = []
    for fut in read_futures:
        docs, rejected = fut.result()
        documents.extend(docs)
        quarantine.extend(rejected)
    summary.docs_seen = len(documents) + len(quarantine)

    # The same text read twice in one run is one document; the repeat is "unchanged".
    unique: dict[str, dict[str, Any]] = {}
    for doc in documents:
        unique.setdefault(doc["doc_id"], doc)
    repeats = len(documents) - len(unique)
    known = tasks.known_documents(target, list(unique))
    # --reprocess extracts known texts again; they still count as unchanged documents.
    fresh = [d for i, d in unique.items() if settings.reprocess or i not in known]
    summary.docs_unchanged = repeats + len(known)
    summary.docs_reprocessed = sum(d["doc_id"] in known for d in fresh)

    doc_gate: GateOutcome = tasks.gate_documents(_frame(fresh, tasks.DOCUMENT_COLUMNS), overrides)
    outcomes = [doc_gate]
    quarantine.extend(doc_gate.quarantined.to_dict("records"))
    passed_ids = set(doc_gate.passed["doc_id"]) if len(doc_gate.passed) else set()
    to_extract = [d for d in fresh if d["doc_id"] in passed_ids]
    summary.docs_quarantined = len(quarantine)

    registry = tasks.registry_task(str(settings.companies_file))
    extract_futures = [
        tasks.extract.submit(b, registry) for b in batched(to_extract, settings.batch_size)
    ]
    facts: list[dict[str, Any]] = []
    failed_docs: set[str] = set()
    for fut in extract_futures:
        result = fut.result()
        facts.extend(result["facts"])
        quarantine.extend(result["errors"])
        failed_docs |= {e["doc_id"] for e in result["errors"]}
    # A document whose extraction failed is held back whole rather than loaded without facts.
    to_load = [d for d in to_extract if d["doc_id"] not in failed_docs]
    summary.docs_quarantined += len(failed_docs)
    summary.docs_new = sum(d["doc_id"] not in known for d in to_load)
    summary.facts_extracted = len(facts)

    fact_gate: GateOutcome = tasks.gate_facts(_frame(facts), overrides)
    outcomes.append(fact_gate)
    quarantine.extend(fact_gate.quarantined.to_dict("records"))
    summary.facts_quarantined = len(fact_gate.quarantined)
    # `source` helps the gate name a quarantined fact's origin; facts link to it via doc_id.
    loaded_facts = fact_gate.passed.drop(columns=["source"], errors="ignore")
    summary.facts_loaded = len(loaded_facts)

    dq = pd.concat([o.results for o in outcomes], ignore_index=True)
    run_row = _run_row(summary, started_at)
    blocking = [name for o in outcomes for name in o.blocking]
    if blocking:
        summary.status = "failed"
        summary.failed_expectations = blocking
        summary.message = f"stopped before load: {', '.join(blocking)}"
        tasks.record_failed(target, _run_row(summary, started_at), dq, _frame(quarantine))
        _finish(summary, outcomes, started)
        logger.error(summary.message)
        raise GateFailed(next(o for o in outcomes if o.blocking))

    # Reference data (companies, currencies, metrics): replaced only where it changed.
    tasks.load_dimensions(target, str(settings.companies_file))
    tasks.load(
        target,
        run_row,
        _frame(to_load, tasks.DOCUMENT_COLUMNS),
        loaded_facts,
        _frame(quarantine),
        dq,
    )
    wh_gate: GateOutcome = tasks.gate_warehouse(target, summary.run_id, overrides)
    outcomes.append(wh_gate)
    if wh_gate.blocking:
        summary.status = "failed"
        summary.failed_expectations = list(wh_gate.blocking)
        summary.message = f"warehouse checks failed: {', '.join(wh_gate.blocking)}"
        tasks.record_failed(
            target, _run_row(summary, started_at), wh_gate.results.iloc[0:0], _frame([])
        )
        _finish(summary, outcomes, started)
        raise GateFailed(wh_gate)
    _finish(summary, outcomes, started)
    return summary.to_dict()


def _run_row(summary: RunSummary, started_at: datetime) -> dict[str, Any]:
    return {
        "run_id": summary.run_id,
        "flow_run_id": _flow_run_id(),
        "started_at": started_at,
        "finished_at": datetime.now(UTC).replace(tzinfo=None),
        "status": summary.status,
        "docs_seen": summary.docs_seen,
        "docs_new": summary.docs_new,
        "docs_unchanged": summary.docs_unchanged,
        "docs_quarantined": summary.docs_quarantined,
        "facts_extracted": summary.facts_extracted,
        "facts_loaded": summary.facts_loaded,
        "facts_quarantined": summary.facts_quarantined,
        "message": summary.message or None,
        "extractor_version": EXTRACTOR_VERSION,
    }


def _finish(summary: RunSummary, outcomes: list[GateOutcome], started: float) -> None:
    results = pd.concat([o.results for o in outcomes], ignore_index=True)
    summary.gates_passed = int(results["success"].sum()) if len(results) else 0
    summary.gates_failed = int((~results["success"].astype(bool)).sum()) if len(results) else 0
    summary.elapsed_seconds = round(time.perf_counter() - started, 2)
