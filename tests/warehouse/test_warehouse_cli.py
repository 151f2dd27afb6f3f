"""The DuckDB CLI of the duckdb-cli package opens the file the Python library wrote."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import warehouse
from warehouse.sqlfiles import read_sql

CLI = Path(sys.executable).parent / "duckdb"


def cli_csv(path: Path, sql: str) -> list[dict[str, str]]:
    assert CLI.is_file(), f"the duckdb CLI is not installed next to {sys.executable} (duckdb-cli)"
    completed = subprocess.run(
        [str(CLI), "-readonly", "-csv", str(path), "-c", sql],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return list(csv.DictReader(io.StringIO(completed.stdout)))


def test_cli_reads_the_warehouse(loaded_warehouse):
    versions = cli_csv(loaded_warehouse, "SELECT max(version) AS v FROM schema_version")
    assert int(versions[0]["v"]) >= 2

    facts = cli_csv(
        loaded_warehouse,
        "SELECT fact_id, title, len(alt_values) AS alternatives FROM v_facts ORDER BY fact_id",
    )
    assert [row["fact_id"] for row in facts] == [
        "fact-alibaba-revenue-change",
        "fact-alibaba-revenue-level",
        "fact-sap-ebit-2025",
    ]
    assert facts[1] == {
        "fact_id": "fact-alibaba-revenue-level",
        "title": "Alibaba wächst",
        "alternatives": "1",
    }


def test_cli_reads_after_an_update(loaded_warehouse, first_run):
    # Updated rows and deletions must also be written in the older storage format.
    changed = first_run.facts.assign(value=first_run.facts["value"] + 1).iloc[:2]
    rerun = first_run.as_run("run-2", docs_new=0, docs_unchanged=2)
    warehouse.load_run(
        loaded_warehouse,
        rerun.run,
        rerun.documents,
        changed,
        rerun.quarantine,
        rerun.dq_results,
    )
    counts = cli_csv(loaded_warehouse, "SELECT count(*) AS n, max(run_id) AS r FROM facts")
    assert counts == [{"n": "2", "r": "run-2"}]


def test_cli_reads_the_dimensions_and_views(warehouse_path):
    from warehouse_cases import dimension_frames, q4_facts, view_run

    warehouse.load_dimensions(warehouse_path, **dimension_frames())
    warehouse.load_run(warehouse_path, *view_run("run-1", q4_facts()).load_args())
    companies = cli_csv(warehouse_path, "SELECT canonical_name, len(aliases) AS n FROM companies")
    assert {"canonical_name": "Alibaba", "n": "2"} in companies
    for view in ("v_facts", "v_facts_eur", "v_latest"):
        rows = cli_csv(warehouse_path, f"SELECT count(*) AS n FROM {view}")
        assert int(rows[0]["n"]) > 0, view
    # Named queries too: the CLI binds their $parameters through PREPARE / EXECUTE.
    segment_growth = read_sql("queries/segment_growth.sql").rstrip().removesuffix(";")
    rows = cli_csv(
        warehouse_path,
        f"PREPARE growth AS {segment_growth}; "
        "EXECUTE growth(entity := 'Alibaba', period := '2024-Q4');",
    )
    assert [row["segment"] for row in rows] == [
        "(total)",
        "China Commerce",
        "International Commerce",
        "Cloud",
    ]
