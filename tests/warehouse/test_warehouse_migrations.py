"""Migrations apply once, and the tables keep the contract's names."""

from __future__ import annotations

import dataclasses

import duckdb
import pytest

import warehouse
from transforms.schema import FACT_FIELDS, Document, Fact
from warehouse.sqlfiles import migrations

ALL_VERSIONS = [migration.version for migration in migrations()]


def _columns(path, table: str) -> dict[str, bool]:
    """column name -> nullable."""
    info = warehouse.run_query(
        path, 'SELECT name, "notnull" FROM pragma_table_info($t)', {"t": table}
    )
    return {row.name: not row.notnull for row in info.itertuples()}


def test_migrations_are_numbered_from_one_without_gaps():
    assert list(range(1, len(ALL_VERSIONS) + 1)) == ALL_VERSIONS


def test_a_new_file_gets_every_migration_once(warehouse_path):
    with warehouse.connect_writer(warehouse_path) as con:
        assert warehouse.migrate(con) == []
    ledger = warehouse.run_query(warehouse_path, "FROM schema_version ORDER BY version")
    assert ledger["version"].tolist() == ALL_VERSIONS
    assert ledger["name"].tolist() == [migration.name for migration in migrations()]
    assert ledger["applied_at"].notna().all()


def test_migrate_reports_what_it_applied(tmp_path):
    with duckdb.connect(str(tmp_path / "raw.duckdb")) as con:
        assert warehouse.migrate(con) == ALL_VERSIONS
        assert warehouse.migrate(con) == []


def test_reopening_does_not_reapply(warehouse_path):
    warehouse.connect_writer(warehouse_path).close()
    before = warehouse.run_query(warehouse_path, "FROM schema_version ORDER BY version")
    with warehouse.connect_writer(warehouse_path) as con:
        assert warehouse.migrate(con) == []
    after = warehouse.run_query(warehouse_path, "FROM schema_version ORDER BY version")
    assert after.equals(before)


def test_reader_refuses_a_missing_file_without_creating_it(tmp_path):
    missing = tmp_path / "nowhere" / "kpiflow.duckdb"
    with pytest.raises(warehouse.WarehouseNotFoundError, match="no warehouse at"):
        warehouse.connect_reader(missing)
    assert not missing.exists()


@pytest.mark.parametrize(
    ("table", "contract_columns"),
    [
        (
            "documents",
            {"doc_id", "source", "title", "language", "published", "char_count", "first_run_id"},
        ),
        (
            "pipeline_runs",
            {
                "run_id",
                "flow_run_id",
                "started_at",
                "finished_at",
                "status",
                "docs_seen",
                "docs_new",
                "docs_unchanged",
                "docs_quarantined",
                "facts_loaded",
            },
        ),
        ("dq_results", {"run_id", "stage", "expectation", "success", "unexpected_count"}),
        ("quarantine", {"run_id", "stage", "source", "doc_id", "reason", "payload"}),
    ],
)
def test_tables_keep_the_contract_columns(warehouse_path, table, contract_columns):
    warehouse.connect_writer(warehouse_path).close()
    assert contract_columns <= _columns(warehouse_path, table).keys()


def test_facts_table_has_every_fact_field(warehouse_path):
    warehouse.connect_writer(warehouse_path).close()
    columns = _columns(warehouse_path, "facts")
    fact_fields = {field.name for field in dataclasses.fields(Fact)}
    assert set(FACT_FIELDS) | fact_fields | {"fact_id", "run_id"} <= columns.keys()


def test_fact_fields_that_cannot_be_null_are_not_null_columns(warehouse_path):
    warehouse.connect_writer(warehouse_path).close()
    columns = _columns(warehouse_path, "facts")
    # schema.py uses postponed annotations, so the types are strings such as "str | None".
    required = {field.name for field in dataclasses.fields(Fact) if "None" not in field.type}
    assert {name for name, nullable in columns.items() if not nullable} == required | {
        "fact_id",
        "run_id",
        "loaded_at",
    }


def test_documents_table_stores_every_document_field(warehouse_path):
    warehouse.connect_writer(warehouse_path).close()
    document_fields = {field.name for field in dataclasses.fields(Document)}
    assert document_fields <= _columns(warehouse_path, "documents").keys()
