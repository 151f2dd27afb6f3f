"""The warehouse's SQL, read from the .sql files shipped inside the package.

Layout under warehouse/:
    sql/NNN_name.sql      migrations, applied once each in version order
    sql/migrate/*.sql     the migration ledger's own statements
    sql/load/*.sql        staging, reconciliation and append statements of a load
    queries/*.sql         named queries for users; the first `-- ` line describes each
    queries/checks/*.sql  warehouse checks, one per file
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

import duckdb

_MIGRATION_NAME = re.compile(r"^(?P<version>\d{3})_(?P<name>\w+)\.sql$")


@dataclass(frozen=True, slots=True)
class SqlFile:
    name: str  # file name without .sql
    description: str  # the leading `-- ` comment, or ""
    sql: str


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def _package_dir(*parts: str) -> Traversable:
    return files("warehouse").joinpath(*parts)


@cache
def read_sql(relative_path: str) -> str:
    """The text of warehouse/<relative_path>, e.g. "sql/load/insert_new_documents.sql"."""
    resource = _package_dir(*relative_path.split("/"))
    if not resource.is_file():
        raise FileNotFoundError(f"warehouse SQL file {relative_path!r} is not installed")
    return resource.read_text(encoding="utf-8")


def leading_comment(sql: str) -> str:
    """The first line of the file when it is a `-- ` comment; that is a file's description."""
    first_line = sql.lstrip("\n").split("\n", 1)[0].strip()
    return first_line[3:].strip() if first_line.startswith("-- ") else ""


def sql_files(folder: str) -> list[SqlFile]:
    """The .sql files directly in warehouse/<folder>, sorted by name (subfolders excluded)."""
    directory = _package_dir(*folder.split("/"))
    found = []
    for entry in directory.iterdir():
        if entry.is_file() and entry.name.endswith(".sql"):
            sql = read_sql(f"{folder}/{entry.name}")
            found.append(SqlFile(entry.name.removesuffix(".sql"), leading_comment(sql), sql))
    return sorted(found, key=lambda item: item.name)


@lru_cache(maxsize=1)
def migrations() -> tuple[Migration, ...]:
    """The NNN_name.sql migrations in version order; two files may not share a version."""
    by_version: dict[int, Migration] = {}
    for entry in _package_dir("sql").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if not (entry.is_file() and match):
            continue
        version = int(match["version"])
        if version in by_version:
            raise RuntimeError(
                f"two warehouse migrations share version {version:03d}: "
                f"{by_version[version].name} and {match['name']}"
            )
        by_version[version] = Migration(version, match["name"], read_sql(f"sql/{entry.name}"))
    return tuple(by_version[version] for version in sorted(by_version))


def bind(
    con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any] | None
) -> dict[str, Any] | None:
    """The subset of `params` that the single statement in `sql` names.

    DuckDB rejects named parameters a statement does not use, and callers such as the
    checks pass one common set (run_id, loaded_at) to statements that need only part of it.
    """
    if not params:
        return None
    statements = con.extract_statements(sql)
    if len(statements) != 1:
        raise ValueError("parameters can only be bound to a file with exactly one statement")
    wanted = statements[0].named_parameters
    missing = wanted - params.keys()
    if missing:
        raise ValueError(f"SQL parameters not supplied: {sorted(missing)}")
    return {name: params[name] for name in wanted} or None


def execute_file(
    con: duckdb.DuckDBPyConnection, relative_path: str, params: dict[str, Any] | None = None
) -> duckdb.DuckDBPyConnection:
    """Runs one of the package's SQL files with the parameters it names bound."""
    sql = read_sql(relative_path)
    return con.execute(sql, bind(con, sql, params))
