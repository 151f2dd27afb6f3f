"""The DuckDB warehouse of kpiflow: the only package that opens the database file.

Tables and commands follow ../shared/contracts/WAREHOUSE.md; SQL lives in the .sql files
under warehouse/sql/ (migrations, load statements) and warehouse/queries/ (named queries,
warehouse checks).
"""

from warehouse.checks import list_warehouse_checks, run_warehouse_checks
from warehouse.connection import (
    DEFAULT_STORAGE_VERSION,
    WarehouseNotFoundError,
    connect_reader,
    connect_writer,
    migrate,
)
from warehouse.load import (
    LoadError,
    LoadReport,
    known_doc_ids,
    load_dimensions,
    load_run,
    record_dq_results,
    record_failed_run,
)
from warehouse.query import QueryRefused, list_named_queries, run_named_query, run_query

__all__ = [
    "DEFAULT_STORAGE_VERSION",
    "LoadError",
    "LoadReport",
    "QueryRefused",
    "WarehouseNotFoundError",
    "connect_reader",
    "connect_writer",
    "known_doc_ids",
    "list_named_queries",
    "list_warehouse_checks",
    "load_dimensions",
    "load_run",
    "migrate",
    "record_dq_results",
    "record_failed_run",
    "run_named_query",
    "run_query",
    "run_warehouse_checks",
]
