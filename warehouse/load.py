"""Loading one pipeline run, and the dimension tables, into the warehouse, all or nothing.

A load stages every frame in temporary tables, checks the staged input for
contradictions, then reconciles documents and facts and appends the run's bookkeeping,
all inside one transaction on one connection. The dimensions (companies, currencies,
metrics) are reconciled the same way, in a transaction of their own.
"""

from __future__ import annotations

import contextlib
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import pandas as pd

from warehouse.connection import connect_reader, connect_writer, utc_now
from warehouse.sqlfiles import execute_file
from warehouse.staging import LoadError, create_staging_tables, stage_frame

__all__ = [
    "LoadError",
    "LoadReport",
    "known_doc_ids",
    "load_dimensions",
    "load_run",
    "record_dq_results",
    "record_failed_run",
]

T = TypeVar("T")

# The dimension tables load_dimensions replaces, in the order they are reconciled.
DIMENSIONS = ("companies", "currencies", "metrics")


@dataclass(frozen=True, slots=True)
class LoadReport:
    """What a load changed. An identical re-run reports zeros except facts_unchanged."""

    run_id: str
    documents_inserted: int = 0
    facts_inserted: int = 0
    facts_updated: int = 0
    facts_deleted: int = 0
    facts_unchanged: int = 0
    quarantined: int = 0
    dq_results: int = 0


def load_run(
    path: str | os.PathLike[str],
    run: dict[str, Any],
    documents: pd.DataFrame,
    facts: pd.DataFrame,
    quarantine: pd.DataFrame,
    dq_results: pd.DataFrame,
) -> LoadReport:
    """Loads one completed run in a single transaction; on any error nothing is written.

    - `run`: the pipeline_runs row (run_id, status, counts, ...). facts_loaded should be
      the number of facts of the run's documents stored after the load, i.e. len(facts);
      the warehouse checks reconcile it.
    - `documents`: the documents the run (re)processed. Unknown doc_ids are inserted with
      first_run_id = run_id; known ones are left exactly as they are.
    - `facts`: the complete set of facts for those documents, one row per fact with a
      caller-given stable fact_id (Fact.to_dict() plus fact_id). New facts are inserted,
      changed ones rewritten (run_id becomes this run), facts those documents no longer
      yield are deleted, identical ones are not touched. A fact of a document outside
      `documents` is an error.
    - `quarantine`, `dq_results`: appended; rows without run_id get the run's.
    """
    run_id = _run_id(run)
    with connect_writer(path) as con:
        return _in_transaction(
            con, f"run {run_id}", lambda: _load(con, run, documents, facts, quarantine, dq_results)
        )


def record_failed_run(
    path: str | os.PathLike[str],
    run: dict[str, Any],
    dq_results: pd.DataFrame,
    quarantine: pd.DataFrame,
) -> LoadReport:
    """Records a run that a blocking gate stopped: its pipeline_runs row (status forced to
    'failed'), its expectation results and its quarantine. documents and facts are never
    touched. Calling it after load_run for the same run_id replaces the run row.
    """
    failed_run = {**run, "status": "failed"}
    run_id = _run_id(failed_run)
    with connect_writer(path) as con:

        def record() -> LoadReport:
            create_staging_tables(con)
            params = _statement_params(run_id)
            return _record_bookkeeping(con, failed_run, quarantine, dq_results, params)

        return _in_transaction(con, f"run {run_id}", record)


def record_dq_results(path: str | os.PathLike[str], run_id: str, dq_results: pd.DataFrame) -> int:
    """Appends expectation results to an already recorded run, e.g. the warehouse checks
    that can only run after the load has committed. Returns the number of rows appended.
    """
    with connect_writer(path) as con:

        def append() -> int:
            create_staging_tables(con)
            stage_frame(con, "dq_results", dq_results)
            return _count(_execute(con, "append_dq_results", **_statement_params(run_id)))

        return _in_transaction(con, f"run {run_id}", append)


def load_dimensions(
    path: str | os.PathLike[str],
    companies: pd.DataFrame | None,
    currencies: pd.DataFrame | None,
    metrics: pd.DataFrame | None,
) -> dict[str, int]:
    """Replaces the content of the dimension tables in one transaction; on any error
    nothing is written.

    Each frame is its table's complete new content, with the columns of
    sql/003_dimensions.sql except loaded_at:
    - `companies`: canonical_name, aliases (a list of names), country, fiscal_year_end_month
    - `currencies`: code, name, has_ecb_rates
    - `metrics`: metric, label_en, label_de, description
    Rows are compared with the stored ones: new keys are inserted, changed rows rewritten,
    keys the frame lacks deleted, identical rows not touched, so loading the same content
    again changes no row. A frame given as None leaves its table as it is.

    Returns, for each table given, how many rows were inserted, updated, deleted and left
    unchanged: {"companies_inserted": 20, ..., "metrics_unchanged": 0}.
    """
    frames = {"companies": companies, "currencies": currencies, "metrics": metrics}
    with connect_writer(path) as con:

        def replace() -> dict[str, int]:
            create_staging_tables(con)
            received = {
                table: stage_frame(con, table, frames[table])
                for table in DIMENSIONS
                if frames[table] is not None
            }
            _reject_contradictory_input(con)
            loaded_at = utc_now()
            counts: dict[str, int] = {}
            for table, rows in received.items():
                merged = _execute(con, f"merge_{table}", loaded_at=loaded_at).fetchall()
                actions = Counter(row[0] for row in merged)
                counts[f"{table}_inserted"] = actions["INSERT"]
                counts[f"{table}_updated"] = actions["UPDATE"]
                counts[f"{table}_deleted"] = actions["DELETE"]
                counts[f"{table}_unchanged"] = rows - actions["INSERT"] - actions["UPDATE"]
            return counts

        return _in_transaction(con, "dimensions", replace)


def known_doc_ids(path: str | os.PathLike[str], doc_ids: list[str]) -> set[str]:
    """The subset of `doc_ids` already in the warehouse (empty if there is no file yet)."""
    if not Path(path).is_file() or not doc_ids:
        return set()
    with connect_reader(path) as con:
        rows = execute_file(con, "sql/load/known_doc_ids.sql", {"doc_ids": list(doc_ids)})
        return {row[0] for row in rows.fetchall()}


def _load(
    con: duckdb.DuckDBPyConnection,
    run: dict[str, Any],
    documents: pd.DataFrame,
    facts: pd.DataFrame,
    quarantine: pd.DataFrame,
    dq_results: pd.DataFrame,
) -> LoadReport:
    create_staging_tables(con)
    stage_frame(con, "documents", documents)
    facts_received = stage_frame(con, "facts", facts)
    _reject_contradictory_input(con)

    params = _statement_params(run["run_id"])
    documents_inserted = _count(_execute(con, "insert_new_documents", **params))
    _execute(con, "record_run_documents", **params)
    # Deleting first keeps the merge's source and the deletions disjoint.
    facts_deleted = _count(_execute(con, "delete_vanished_facts", **params))
    actions = Counter(row[0] for row in _execute(con, "merge_changed_facts", **params).fetchall())
    bookkeeping = _record_bookkeeping(con, run, quarantine, dq_results, params)
    return LoadReport(
        run_id=run["run_id"],
        documents_inserted=documents_inserted,
        facts_inserted=actions["INSERT"],
        facts_updated=actions["UPDATE"],
        facts_deleted=facts_deleted,
        facts_unchanged=facts_received - actions["INSERT"] - actions["UPDATE"],
        quarantined=bookkeeping.quarantined,
        dq_results=bookkeeping.dq_results,
    )


def _record_bookkeeping(
    con: duckdb.DuckDBPyConnection,
    run: dict[str, Any],
    quarantine: pd.DataFrame,
    dq_results: pd.DataFrame,
    params: dict[str, Any],
) -> LoadReport:
    """Appends quarantine and dq_results and upserts the run row (staging tables exist)."""
    stage_frame(con, "quarantine", quarantine)
    stage_frame(con, "dq_results", dq_results)
    stage_frame(con, "pipeline_runs", pd.DataFrame([run]))
    quarantined = _count(_execute(con, "append_quarantine", **params))
    dq_count = _count(_execute(con, "append_dq_results", **params))
    _execute(con, "upsert_pipeline_run", **params)
    return LoadReport(run_id=run["run_id"], quarantined=quarantined, dq_results=dq_count)


def _reject_contradictory_input(con: duckdb.DuckDBPyConnection) -> None:
    """Input errors get a message naming the offending keys, not a bare constraint error."""
    duplicates = _execute(con, "duplicate_keys").fetchall()
    if duplicates:
        listed = ", ".join(f"{frame} {key!r} x{count}" for frame, key, count in duplicates)
        raise LoadError(f"duplicate keys in the input: {listed}")
    outside = [row[0] for row in _execute(con, "facts_outside_documents").fetchall()]
    if outside:
        raise LoadError(
            "facts reference documents that are not in the run's documents frame: "
            f"{outside} (every fact's document must be passed along with it)"
        )


def _in_transaction(con: duckdb.DuckDBPyConnection, what: str, work: Callable[[], T]) -> T:
    """Runs `work` in one transaction; `what` names the load in the error message."""
    con.begin()
    try:
        result = work()
        con.commit()
    except (duckdb.Error, LoadError) as error:
        _rollback(con)
        raise LoadError(f"{what}: nothing was written: {error}") from error
    except BaseException:
        _rollback(con)
        raise
    return result


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    # A failed COMMIT has already ended the transaction; ROLLBACK would then raise and
    # hide the error that matters.
    with contextlib.suppress(duckdb.TransactionException):
        con.rollback()


def _statement_params(run_id: str) -> dict[str, Any]:
    """The parameters the load statements share; one loaded_at stamps the whole load."""
    return {"run_id": run_id, "loaded_at": utc_now()}


def _execute(con: duckdb.DuckDBPyConnection, statement: str, **params: Any):
    return execute_file(con, f"sql/load/{statement}.sql", params)


def _count(result: duckdb.DuckDBPyConnection) -> int:
    """The row count DuckDB returns for INSERT and DELETE."""
    row = result.fetchone()
    return int(row[0]) if row else 0


def _run_id(run: dict[str, Any]) -> str:
    run_id = run.get("run_id")
    if not isinstance(run_id, str) or not run_id:
        raise LoadError(f"the run dict needs a non-empty string run_id, got {run_id!r}")
    return run_id
