"""The warehouse gate detects orphans, missing fields and runs whose counts do not add up."""

from __future__ import annotations

import dataclasses
import json

import duckdb
import pytest

import warehouse
from warehouse.sqlfiles import read_sql


def results_by_check(path, run_id="run-1"):
    return warehouse.run_warehouse_checks(path, run_id).set_index("expectation")


def test_a_clean_load_passes_every_check(loaded_warehouse):
    results = warehouse.run_warehouse_checks(loaded_warehouse, "run-1")
    assert set(results["expectation"]) == set(warehouse.list_warehouse_checks())
    assert results["success"].all(), results.to_string()
    assert set(results["stage"]) == {"warehouse"}
    assert set(results["severity"]) == {"error"}
    by_check = results.set_index("expectation")
    assert by_check.loc["facts_doc_id_in_documents", "element_count"] == 3


def test_orphan_fact_is_detected(loaded_warehouse):
    orphan = (
        "INSERT INTO facts BY NAME SELECT * REPLACE ('fact-orphan' AS fact_id, "
        "'doc-gone' AS doc_id) FROM facts WHERE fact_id = 'fact-sap-ebit-2025'"
    )
    with warehouse.connect_writer(loaded_warehouse) as con:
        # The foreign key keeps orphans out of a warehouse written by this package ...
        with pytest.raises(duckdb.ConstraintException):
            con.execute(orphan)
        # ... so simulate a file whose facts table lost the constraint.
        con.execute("CREATE TABLE facts_unconstrained AS FROM facts")
        con.execute("DROP TABLE facts")
        con.execute("ALTER TABLE facts_unconstrained RENAME TO facts")
        con.execute(orphan)

    check = results_by_check(loaded_warehouse).loc["facts_doc_id_in_documents"]
    assert not check["success"]
    assert (check["unexpected_count"], check["element_count"]) == (1, 4)
    assert json.loads(check["details"])["sample"] == ["fact-orphan"]


def test_missing_required_field_is_detected(loaded_warehouse):
    with warehouse.connect_writer(loaded_warehouse) as con:
        con.execute("CREATE TABLE facts_unconstrained AS FROM facts")
        con.execute("DROP TABLE facts")
        con.execute("ALTER TABLE facts_unconstrained RENAME TO facts")
        con.execute(
            "UPDATE facts SET unit = NULL, kind = NULL WHERE fact_id = 'fact-sap-ebit-2025'"
        )
    check = results_by_check(loaded_warehouse).loc["facts_required_fields_present"]
    assert not check["success"]
    assert check["column_name"] == "kind,unit"
    assert check["unexpected_count"] == 1


def test_required_fields_check_covers_the_not_null_fact_fields():
    from transforms.schema import Fact

    sql = read_sql("queries/checks/facts_required_fields_present.sql")
    required = [field.name for field in dataclasses.fields(Fact) if "None" not in field.type]
    for name in required:
        assert f"{name} IS NULL" in sql or f'"{name}" IS NULL' in sql, name


@pytest.mark.parametrize(
    ("counts", "failing_check"),
    [
        ({"docs_seen": 4}, "run_documents_accounted"),
        ({"docs_quarantined": None}, "run_documents_accounted"),
        ({"docs_new": 1, "docs_unchanged": 1}, "run_new_documents_stored"),
        ({"facts_loaded": 4}, "run_facts_loaded_stored"),
    ],
)
def test_run_counts_that_do_not_reconcile(warehouse_path, first_run, counts, failing_check):
    run = dataclasses.replace(first_run, run={**first_run.run, **counts})
    warehouse.load_run(warehouse_path, *run.load_args())
    results = results_by_check(warehouse_path)
    assert results[~results["success"]].index.tolist() == [failing_check]


def test_rerun_reconciles_against_its_own_documents(loaded_warehouse, first_run):
    rerun = first_run.as_run("run-2", docs_new=0, docs_unchanged=2)
    warehouse.load_run(loaded_warehouse, *rerun.load_args())
    assert results_by_check(loaded_warehouse, "run-2")["success"].all()


def test_unknown_run_fails_the_run_checks(loaded_warehouse):
    results = results_by_check(loaded_warehouse, "run-unknown")
    failing = set(results[~results["success"]].index)
    assert failing == {
        "run_documents_accounted",
        "run_new_documents_stored",
        "run_facts_loaded_stored",
    }
