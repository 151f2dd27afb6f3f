"""The warehouse gate: integrity and reconciliation checks on the stored data of a run.

Each check is one file in warehouse/queries/checks/ returning a single row of
(column_name, unexpected_count, element_count, sample); the file name is the
expectation name and its leading comment the description.
"""

from __future__ import annotations

import json
import os

import pandas as pd

from warehouse.connection import connect_reader, utc_now
from warehouse.sqlfiles import bind, sql_files

CHECKS_FOLDER = "queries/checks"
STAGE = "warehouse"

# The dq_results columns, so the frame can be handed to record_dq_results or
# record_failed_run as it is.
RESULT_COLUMNS = (
    "run_id",
    "stage",
    "expectation",
    "column_name",
    "severity",
    "success",
    "unexpected_count",
    "element_count",
    "details",
    "checked_at",
)


def list_warehouse_checks() -> dict[str, str]:
    """Check name -> what it asserts."""
    return {check.name: check.description for check in sql_files(CHECKS_FOLDER)}


def run_warehouse_checks(path: str | os.PathLike[str], run_id: str) -> pd.DataFrame:
    """Runs every warehouse check for `run_id`; one row per check, dq_results-shaped.

    All checks are blocking (severity 'error'): a failure means the stored data
    contradicts itself or the run's own counts. The reconciliation checks describe the
    state right after the run's load; a later run that reprocesses the same documents
    may legitimately change what they count.
    """
    checked_at = utc_now()
    rows = []
    with connect_reader(path) as con:
        for check in sql_files(CHECKS_FOLDER):
            result = con.execute(check.sql, bind(con, check.sql, {"run_id": run_id}))
            column_name, unexpected_count, element_count, sample = result.fetchone()
            rows.append(
                {
                    "run_id": run_id,
                    "stage": STAGE,
                    "expectation": check.name,
                    "column_name": column_name,
                    "severity": "error",
                    "success": unexpected_count == 0,
                    "unexpected_count": int(unexpected_count),
                    "element_count": int(element_count),
                    "details": json.dumps(
                        {"description": check.description, "sample": sample or []},
                        ensure_ascii=False,
                    ),
                    "checked_at": checked_at,
                }
            )
    return pd.DataFrame(rows, columns=list(RESULT_COLUMNS))
