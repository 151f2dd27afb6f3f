"""run_query and the named queries: reads run, writes are refused before they run."""

from __future__ import annotations

import pandas as pd
import pytest

import warehouse
from warehouse.query import QueryRefused

WRITING_STATEMENTS = {
    "insert": "INSERT INTO documents (doc_id) VALUES ('x')",
    "update": "UPDATE facts SET value = 0",
    "delete": "DELETE FROM facts",
    "create": "CREATE TABLE scratch AS SELECT 1",
    "drop": "DROP TABLE facts",
    "alter": "ALTER TABLE facts ADD COLUMN note VARCHAR",
    "copy": "COPY facts TO 'facts.csv'",
    "attach": "ATTACH 'other.duckdb' AS other",
    "detach": "DETACH other",
    "export": "EXPORT DATABASE 'dump'",
    "install": "INSTALL httpfs",
    "load": "LOAD httpfs",
    "set": "SET threads = 1",
    "merge": "MERGE INTO facts USING facts AS s USING (fact_id) WHEN MATCHED THEN DELETE",
    "transaction": "BEGIN TRANSACTION",
    "vacuum": "VACUUM",
}


def fact_count(path) -> int:
    return int(warehouse.run_query(path, "SELECT count(*) AS n FROM facts")["n"][0])


@pytest.mark.parametrize("sql", WRITING_STATEMENTS.values(), ids=WRITING_STATEMENTS.keys())
def test_writing_statements_are_refused(loaded_warehouse, sql):
    with pytest.raises(QueryRefused, match="refused: .*may only read the warehouse"):
        warehouse.run_query(loaded_warehouse, sql)
    assert fact_count(loaded_warehouse) == 3


def test_refusal_names_the_statement_type(loaded_warehouse):
    with pytest.raises(QueryRefused, match="is DELETE"):
        warehouse.run_query(loaded_warehouse, "delete from facts")


def test_a_write_after_reads_refuses_the_whole_batch(loaded_warehouse):
    with pytest.raises(QueryRefused, match="statement 2 is DROP"):
        warehouse.run_query(loaded_warehouse, "SELECT 1; DROP TABLE facts; SELECT 2")
    assert fact_count(loaded_warehouse) == 3


def test_read_only_connection_backs_up_the_type_check(loaded_warehouse):
    # EXPLAIN reads by its type, but EXPLAIN ANALYZE executes the statement it explains.
    sql = "EXPLAIN ANALYZE INSERT INTO documents (doc_id) VALUES ('x')"
    with pytest.raises(QueryRefused, match="tried to write"):
        warehouse.run_query(loaded_warehouse, sql)


@pytest.mark.parametrize(
    ("sql", "params", "expected"),
    [
        ("SELECT count(*) AS n FROM facts WHERE metric = $metric", {"metric": "revenue"}, 2),
        ("SELECT count(*) AS n FROM facts WHERE unit = ?", ["EUR"], 1),
        ("SELECT 1 AS n; SELECT count(*) AS n FROM documents", None, 2),
        ("FROM (SUMMARIZE facts) SELECT count(*) AS n WHERE column_name = 'value'", None, 1),
    ],
)
def test_reads_return_the_last_result(loaded_warehouse, sql, params, expected):
    assert warehouse.run_query(loaded_warehouse, sql, params)["n"].tolist() == [expected]


def test_introspection_and_pivot_are_allowed(loaded_warehouse):
    columns = warehouse.run_query(loaded_warehouse, "PRAGMA table_info('facts')")
    assert "fact_id" in set(columns["name"])
    assert not warehouse.run_query(loaded_warehouse, "CALL pragma_version()").empty
    pivot = warehouse.run_query(
        loaded_warehouse, "PIVOT (SELECT metric, unit FROM facts) ON unit USING count(*)"
    )
    assert set(pivot.columns) == {"metric", "CNY", "EUR", "percent"}


def test_parameters_need_a_single_statement(loaded_warehouse):
    with pytest.raises(ValueError, match="single statement"):
        warehouse.run_query(loaded_warehouse, "SELECT $a; SELECT $a", {"a": 1})


def test_empty_sql_is_an_error(loaded_warehouse):
    with pytest.raises(ValueError, match="no SQL statement"):
        warehouse.run_query(loaded_warehouse, "  ")


def test_querying_a_missing_file_does_not_create_it(tmp_path):
    missing = tmp_path / "missing.duckdb"
    with pytest.raises(warehouse.WarehouseNotFoundError):
        warehouse.run_query(missing, "SELECT 1")
    assert not missing.exists()


def test_named_queries_are_listed_with_descriptions():
    queries = warehouse.list_named_queries()
    assert {
        "facts_by_metric",
        "latest_runs",
        "quarantine_reasons",
        "segment_growth",
        "money_in_eur",
        "capex_by_company_year",
    } <= queries.keys()
    assert all(description for description in queries.values())
    # The warehouse checks are internal and not offered as queries.
    assert not set(warehouse.list_warehouse_checks()) & queries.keys()


# Parameters of the named queries that take some; every other query takes none.
NAMED_QUERY_PARAMS = {
    "facts_for_entity": {"entity": "%"},
    "segment_growth": {"entity": "%", "period": "2024-Q4"},
}


def test_every_named_query_runs(loaded_warehouse):
    for name in warehouse.list_named_queries():
        params = NAMED_QUERY_PARAMS.get(name)
        assert isinstance(warehouse.run_named_query(loaded_warehouse, name, params), pd.DataFrame)


def test_facts_by_metric(loaded_warehouse):
    result = warehouse.run_named_query(loaded_warehouse, "facts_by_metric")
    by_metric = result.set_index("metric")
    assert by_metric.loc["revenue", "facts"] == 2
    assert by_metric.loc["operating_income", "forecasts"] == 1
    assert by_metric.loc["revenue", "example"] == "Alibaba 2024-Q4 acht Prozent"


def test_latest_runs(loaded_warehouse):
    runs = warehouse.run_named_query(loaded_warehouse, "latest_runs")
    assert runs[["run_id", "status", "docs_seen", "facts_loaded"]].values.tolist() == [
        ["run-1", "completed", 3, 3]
    ]


def test_quarantine_reasons(loaded_warehouse):
    reasons = warehouse.run_named_query(loaded_warehouse, "quarantine_reasons")
    assert reasons[["reason", "stage", "records"]].values.tolist() == [
        ["empty text", "transform", 1],
        ["period_end before period_start", "transform", 1],
    ]


def test_facts_for_entity_binds_its_parameter(loaded_warehouse):
    facts = warehouse.run_named_query(loaded_warehouse, "facts_for_entity", {"entity": "sap"})
    assert facts["fact_id"].tolist() == ["fact-sap-ebit-2025"]
    assert facts["title"].tolist() == ["SAP Ausblick"]


def test_unknown_named_query(loaded_warehouse):
    with pytest.raises(KeyError, match="available: .*latest_runs"):
        warehouse.run_named_query(loaded_warehouse, "../sql/001_init")
