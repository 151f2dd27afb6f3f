"""Read-only SQL for users: ad-hoc statements and the named queries in warehouse/queries/.

A statement is refused before anything runs unless its type only reads. The read-only
connection is the backstop for what the type does not reveal (EXPLAIN ANALYZE of an
INSERT, a CALL of a procedure that writes).
"""

from __future__ import annotations

import os
from typing import Any

import duckdb
import pandas as pd

from warehouse.connection import connect_reader
from warehouse.sqlfiles import sql_files

NAMED_QUERIES_FOLDER = "queries"

StatementType = duckdb.StatementType

# PIVOT parses into several statements (MULTI): it creates a temporary enum type,
# which touches nothing in the file. CALL and PRAGMA cover pragma_version(),
# table_info() and similar introspection.
READING_STATEMENT_TYPES = frozenset(
    {
        StatementType.SELECT,
        StatementType.EXPLAIN,
        StatementType.PRAGMA,
        StatementType.CALL,
        StatementType.MULTI,
    }
)

_READ_ONLY_ERROR_MARK = "read-only mode"


class QueryRefused(PermissionError):
    """The SQL would write (or do something other than read); it was not run."""


def run_query(
    path: str | os.PathLike[str],
    sql: str,
    params: dict[str, Any] | list[Any] | None = None,
) -> pd.DataFrame:
    """Runs `sql` on a read-only connection and returns the last statement's result.

    Several statements separated by `;` are allowed when all of them read; `params`
    (named `$name` as a dict, or positional `?` as a list) need a single statement.
    """
    with connect_reader(path) as con:
        statements = _reading_statements(con, sql)
        if params is not None and len(statements) > 1:
            raise ValueError("parameters can only be bound to a single statement")
        result = None
        try:
            for statement in statements:
                result = con.execute(statement.query, params)
        except duckdb.Error as error:
            if _READ_ONLY_ERROR_MARK in str(error):
                raise QueryRefused(
                    f"refused: the statement tried to write to the warehouse, which "
                    f"queries may only read ({error})"
                ) from error
            raise
        if result is None or result.description is None:
            return pd.DataFrame()
        return result.df()


def list_named_queries() -> dict[str, str]:
    """Name -> description of the queries users can run by name."""
    return {query.name: query.description for query in sql_files(NAMED_QUERIES_FOLDER)}


def run_named_query(
    path: str | os.PathLike[str], name: str, params: dict[str, Any] | None = None
) -> pd.DataFrame:
    """Runs the named query warehouse/queries/<name>.sql with `params` bound."""
    queries = {query.name: query for query in sql_files(NAMED_QUERIES_FOLDER)}
    if name not in queries:
        raise KeyError(f"no named query {name!r}; available: {', '.join(sorted(queries))}")
    return run_query(path, queries[name].sql, params)


def _reading_statements(con: duckdb.DuckDBPyConnection, sql: str) -> list[Any]:
    statements = con.extract_statements(sql)
    if not statements:
        raise ValueError("no SQL statement given")
    for number, statement in enumerate(statements, start=1):
        if statement.type not in READING_STATEMENT_TYPES:
            kind = statement.type.name.replace("_", " ")
            which = f"statement {number}" if len(statements) > 1 else "the statement"
            raise QueryRefused(
                f"refused: {which} is {kind}, but queries may only read the warehouse "
                f"(SELECT, EXPLAIN, PRAGMA, CALL, PIVOT); nothing was run: "
                f"{_abbreviate(statement.query)}"
            )
    return statements


def _abbreviate(sql: str, limit: int = 80) -> str:
    one_line = " ".join(sql.split())
    return one_line if len(one_line) <= limit else one_line[: limit - 3] + "..."
