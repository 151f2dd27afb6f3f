"""Opening the warehouse file, and bringing its schema up to date.

warehouse/ is the only package that opens DuckDB; everything else goes through the
functions of this package.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from warehouse.sqlfiles import execute_file, migrations

# The DuckDB CLI of the `duckdb-cli` package (1.5.x) must open the file, so the Python
# library (2.x) is told to write a storage format that release line understands.
DEFAULT_STORAGE_VERSION = "v1.4.0"


class WarehouseNotFoundError(FileNotFoundError):
    """Reading was asked of a warehouse file that no run has created yet."""


def utc_now() -> datetime:
    """Now in UTC without tzinfo, the form every TIMESTAMP column of the warehouse holds."""
    return datetime.now(UTC).replace(tzinfo=None)


def connect_writer(path: str | os.PathLike[str]) -> duckdb.DuckDBPyConnection:
    """A read-write connection with every migration applied; creates the file if needed."""
    file = Path(path)
    file.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(
        str(file), config={"storage_compatibility_version": DEFAULT_STORAGE_VERSION}
    )
    try:
        migrate(con)
    except BaseException:
        con.close()
        raise
    return con


def connect_reader(path: str | os.PathLike[str]) -> duckdb.DuckDBPyConnection:
    """A read-only connection; raises WarehouseNotFoundError if the file does not exist.

    DuckDB would otherwise create an empty database for a mistyped path.
    """
    file = Path(path)
    if not file.is_file():
        raise WarehouseNotFoundError(
            f"no warehouse at {file}: run `kpiflow run` first, or point --warehouse "
            "(or $KPIFLOW_WAREHOUSE) at an existing file"
        )
    return duckdb.connect(str(file), read_only=True)


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Applies the migrations this file lacks, each in its own transaction.

    Returns the versions applied now (empty when the schema was already current).
    """
    execute_file(con, "sql/migrate/create_schema_version.sql")
    applied = {row[0] for row in execute_file(con, "sql/migrate/applied_versions.sql").fetchall()}
    newly_applied = []
    for migration in migrations():
        if migration.version in applied:
            continue
        con.begin()
        try:
            con.execute(migration.sql)
            execute_file(
                con,
                "sql/migrate/record_version.sql",
                {"version": migration.version, "name": migration.name, "applied_at": utc_now()},
            )
            con.commit()
        except BaseException:
            con.rollback()
            raise
        newly_applied.append(migration.version)
    return newly_applied
