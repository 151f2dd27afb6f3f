"""Moving pandas frames into the temporary staging tables of a load.

The staging tables are empty copies of the target tables (sql/load/create_staging.sql),
so the column types come from the SQL schema. A frame is conformed to those columns and
inserted as a whole; DuckDB casts each column to the staged type.
"""

from __future__ import annotations

import json
import math
from typing import Any

import duckdb
import pandas as pd

from warehouse.sqlfiles import execute_file

STAGING_TABLES = {
    "documents": "stage_documents",
    "facts": "stage_facts",
    "pipeline_runs": "stage_pipeline_runs",
    "dq_results": "stage_dq_results",
    "quarantine": "stage_quarantine",
    "companies": "stage_companies",
    "currencies": "stage_currencies",
    "metrics": "stage_metrics",
}

# Columns stored as JSON text; callers may hand over dicts or lists.
JSON_COLUMNS = {
    "documents": frozenset({"boilerplate", "metadata"}),
    "dq_results": frozenset({"details"}),
    "quarantine": frozenset({"payload"}),
}


class LoadError(RuntimeError):
    """The input of a load was inconsistent or a statement failed; nothing was written."""


def create_staging_tables(con: duckdb.DuckDBPyConnection) -> None:
    execute_file(con, "sql/load/create_staging.sql")


def staged_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    rows = execute_file(
        con, "sql/load/staged_columns.sql", {"table_name": STAGING_TABLES[table]}
    ).fetchall()
    return [row[0] for row in rows]


def stage_frame(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame | None) -> int:
    """Inserts `frame` into the staging table of `table`; returns the number of rows."""
    conformed = conform_frame(table, frame, staged_columns(con, table))
    con.from_df(conformed).insert_into(STAGING_TABLES[table])
    return len(conformed)


def conform_frame(table: str, frame: pd.DataFrame | None, columns: list[str]) -> pd.DataFrame:
    """`frame` with exactly `columns`, in that order.

    Missing columns and columns without a single value become object columns of None:
    pandas would make them float NaN, which DuckDB cannot cast to DATE or a list type.
    A column the table does not have is an error rather than silently dropped, so a
    misspelt field name cannot lose data.
    """
    frame = pd.DataFrame() if frame is None else frame
    unknown = [name for name in frame.columns if name not in columns]
    if unknown:
        raise LoadError(f"the {table} frame has columns the warehouse does not store: {unknown}")
    json_columns = JSON_COLUMNS.get(table, frozenset())
    conformed = {}
    for name in columns:
        if name not in frame.columns or frame[name].isna().all():
            conformed[name] = pd.Series([None] * len(frame), dtype=object)
            continue
        column = frame[name].reset_index(drop=True)
        if name in json_columns:
            column = column.map(_as_json_text).astype(object)
        elif isinstance(column.dtype, pd.DatetimeTZDtype):
            # TIMESTAMP columns hold UTC; DuckDB would otherwise need ICU to convert.
            column = column.dt.tz_convert("UTC").dt.tz_localize(None)
        conformed[name] = column
    return pd.DataFrame(conformed, columns=columns, index=pd.RangeIndex(len(frame)))


def _as_json_text(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
