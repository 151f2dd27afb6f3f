"""load_run: inserts, idempotent re-runs, fact reconciliation, and all-or-nothing loads."""

from __future__ import annotations

import dataclasses
from datetime import datetime

import pandas as pd
import pytest
from warehouse_cases import alibaba_facts, documents_frame, facts_frame, run_row, sap_facts

import warehouse
from transforms.schema import Document

SNAPSHOT_QUERIES = {
    "documents": "FROM documents ORDER BY doc_id",
    "facts": "FROM facts ORDER BY fact_id",
    "pipeline_runs": "FROM pipeline_runs ORDER BY run_id",
    "dq_results": "FROM dq_results ORDER BY run_id, stage, expectation",
    "quarantine": "FROM quarantine ORDER BY run_id, stage, reason",
    "run_documents": "FROM run_documents ORDER BY run_id, doc_id",
}


def snapshot(path, *tables: str) -> dict[str, pd.DataFrame]:
    return {table: warehouse.run_query(path, SNAPSHOT_QUERIES[table]) for table in tables}


def assert_same_rows(before: dict[str, pd.DataFrame], after: dict[str, pd.DataFrame]) -> None:
    assert before.keys() == after.keys()
    for table in before:
        pd.testing.assert_frame_equal(after[table], before[table], obj=table)


def rerun_counts(**changes):
    """Run counts of a re-run in which both documents were already known."""
    return {"docs_new": 0, "docs_unchanged": 2, **changes}


def test_first_load_stores_everything(warehouse_path, first_run):
    report = warehouse.load_run(warehouse_path, *first_run.load_args())

    assert report == warehouse.LoadReport(
        run_id="run-1",
        documents_inserted=2,
        facts_inserted=3,
        quarantined=2,
        dq_results=1,
    )
    documents = warehouse.run_query(warehouse_path, SNAPSHOT_QUERIES["documents"])
    assert documents["first_run_id"].tolist() == ["run-1", "run-1"]
    assert documents["char_count"].tolist() == [len(text) for text in documents["text"]]
    assert documents.loc[0, "metadata"] == '{"feed": "test"}'

    facts = warehouse.run_query(warehouse_path, SNAPSHOT_QUERIES["facts"])
    assert set(facts["run_id"]) == {"run-1"}
    level = facts.set_index("fact_id").loc["fact-alibaba-revenue-level"]
    assert level["alt_values"] == [{"value": 36e9, "unit": "EUR"}]
    assert level["period_end"] == pd.Timestamp("2024-12-31")
    assert level["fx_rate"] == 7.75

    run = warehouse.run_query(warehouse_path, "FROM pipeline_runs").iloc[0]
    assert run["status"] == "completed"
    assert run["warehouse_version"] >= 1
    # Time-zone-aware timestamps are stored as UTC wall-clock time.
    assert run["started_at"] == pd.Timestamp("2025-03-01 08:00")

    quarantine = warehouse.run_query(warehouse_path, SNAPSHOT_QUERIES["quarantine"])
    assert set(quarantine["run_id"]) == {"run-1"}
    assert quarantine["payload"].str.startswith("{").all()


def test_identical_rerun_changes_no_document_or_fact_row(warehouse_path, first_run):
    warehouse.load_run(warehouse_path, *first_run.load_args())
    before = snapshot(warehouse_path, "documents", "facts")

    rerun = first_run.as_run("run-2", **rerun_counts())
    report = warehouse.load_run(warehouse_path, *rerun.load_args())

    assert report == warehouse.LoadReport(
        run_id="run-2", facts_unchanged=3, quarantined=2, dq_results=1
    )
    assert_same_rows(before, snapshot(warehouse_path, "documents", "facts"))
    runs = warehouse.run_query(warehouse_path, SNAPSHOT_QUERIES["pipeline_runs"])
    assert runs["run_id"].tolist() == ["run-1", "run-2"]


def test_changed_fact_is_updated_and_vanished_fact_deleted(warehouse_path, first_run):
    warehouse.load_run(warehouse_path, *first_run.load_args())
    before = warehouse.run_query(warehouse_path, SNAPSHOT_QUERIES["facts"]).set_index("fact_id")

    (level_id, level), (change_id, _change) = alibaba_facts()
    restated = dataclasses.replace(level, value=281e9, segment="China Commerce")
    new_fact = dataclasses.replace(level, metric="other", surface="Rmb280 Milliarden")
    facts = facts_frame([(level_id, restated), ("fact-alibaba-other", new_fact)] + sap_facts())
    rerun = dataclasses.replace(
        first_run.as_run("run-2", **rerun_counts(facts_loaded=3)), facts=facts
    )
    report = warehouse.load_run(warehouse_path, *rerun.load_args())

    assert (report.facts_inserted, report.facts_updated, report.facts_deleted) == (1, 1, 1)
    assert report.facts_unchanged == 1
    after = warehouse.run_query(warehouse_path, SNAPSHOT_QUERIES["facts"]).set_index("fact_id")
    assert change_id not in after.index
    assert after.loc[level_id, "value"] == 281e9
    assert after.loc[level_id, "segment"] == "China Commerce"
    assert after.loc[level_id, "run_id"] == "run-2"
    assert after.loc[level_id, "loaded_at"] > before.loc[level_id, "loaded_at"]
    assert after.loc["fact-alibaba-other", "run_id"] == "run-2"
    # The SAP fact was reprocessed but did not change: its row is untouched.
    stamps = ["run_id", "loaded_at"]
    assert after.loc["fact-sap-ebit-2025", stamps].tolist() == [
        "run-1",
        before.loc["fact-sap-ebit-2025", "loaded_at"],
    ]


def test_facts_of_documents_outside_the_run_are_kept(warehouse_path, first_run):
    warehouse.load_run(warehouse_path, *first_run.load_args())
    alibaba_only = dataclasses.replace(
        first_run.as_run("run-2", docs_seen=1, docs_new=0, docs_unchanged=1, docs_quarantined=0),
        documents=first_run.documents[first_run.documents["doc_id"] == "doc-alibaba"],
        facts=facts_frame(alibaba_facts()[:1]),
    )
    report = warehouse.load_run(warehouse_path, *alibaba_only.load_args())

    assert report.facts_deleted == 1  # the Alibaba change fact, not the SAP fact
    facts = warehouse.run_query(warehouse_path, SNAPSHOT_QUERIES["facts"])
    assert facts["fact_id"].tolist() == ["fact-alibaba-revenue-level", "fact-sap-ebit-2025"]


def test_known_documents_keep_their_first_row(warehouse_path, first_run):
    warehouse.load_run(warehouse_path, *first_run.load_args())
    before = snapshot(warehouse_path, "documents")
    retitled = first_run.documents.assign(title="Neuer Titel", source="elsewhere.txt")
    rerun = dataclasses.replace(first_run.as_run("run-2", **rerun_counts()), documents=retitled)
    warehouse.load_run(warehouse_path, *rerun.load_args())
    assert_same_rows(before, snapshot(warehouse_path, "documents"))


def test_known_doc_ids(warehouse_path, first_run):
    assert warehouse.known_doc_ids(warehouse_path, ["doc-sap"]) == set()
    assert not warehouse_path.exists()
    warehouse.load_run(warehouse_path, *first_run.load_args())
    assert warehouse.known_doc_ids(warehouse_path, ["doc-sap", "doc-unknown"]) == {"doc-sap"}
    assert warehouse.known_doc_ids(warehouse_path, []) == set()


def test_empty_frames_load(warehouse_path):
    run = run_row("run-empty", docs_seen=0, docs_new=0, docs_quarantined=0, facts_loaded=0)
    empty = pd.DataFrame()
    report = warehouse.load_run(warehouse_path, run, empty, empty, empty, empty)
    assert report == warehouse.LoadReport(run_id="run-empty")
    runs = warehouse.run_query(warehouse_path, SNAPSHOT_QUERIES["pipeline_runs"])
    assert runs["run_id"].tolist() == ["run-empty"]


def test_frames_with_columns_but_no_rows_load(warehouse_path, first_run):
    no_rows = dataclasses.replace(
        first_run,
        documents=first_run.documents.iloc[0:0],
        facts=first_run.facts.iloc[0:0],
        quarantine=first_run.quarantine.iloc[0:0],
        dq_results=first_run.dq_results.iloc[0:0],
    )
    assert warehouse.load_run(warehouse_path, *no_rows.load_args()).documents_inserted == 0


def test_documents_without_facts_load(warehouse_path, first_run):
    no_facts = dataclasses.replace(first_run, facts=pd.DataFrame())
    report = warehouse.load_run(warehouse_path, *no_facts.load_args())
    assert (report.documents_inserted, report.facts_inserted) == (2, 0)


def test_a_run_id_is_required(warehouse_path, first_run):
    with pytest.raises(warehouse.LoadError, match="run_id"):
        warehouse.load_run(warehouse_path, {"status": "completed"}, *first_run.load_args()[1:])


# -- all or nothing ----------------------------------------------------------------------


@pytest.fixture
def loaded_then_failing(warehouse_path, first_run):
    """A warehouse after run-1, and run-2's input that adds a new document."""
    warehouse.load_run(warehouse_path, *first_run.load_args())
    new_document = Document(
        doc_id="doc-new", text="Tencent steigerte den Umsatz.", source="seeds/tencent.txt"
    )
    documents = pd.concat([first_run.documents, documents_frame(new_document)], ignore_index=True)
    rerun = dataclasses.replace(first_run.as_run("run-2", **rerun_counts()), documents=documents)
    return warehouse_path, rerun


def assert_nothing_written(path, before):
    assert_same_rows(before, snapshot(path, *SNAPSHOT_QUERIES))


def test_duplicate_fact_id_rolls_back(loaded_then_failing):
    path, rerun = loaded_then_failing
    before = snapshot(path, *SNAPSHOT_QUERIES)
    doubled = pd.concat([rerun.facts, rerun.facts.iloc[:1]], ignore_index=True)
    with pytest.raises(warehouse.LoadError, match="duplicate keys.*fact-alibaba-revenue-level"):
        warehouse.load_run(path, *dataclasses.replace(rerun, facts=doubled).load_args())
    assert_nothing_written(path, before)


def test_fact_of_unlisted_document_rolls_back(loaded_then_failing):
    path, rerun = loaded_then_failing
    before = snapshot(path, *SNAPSHOT_QUERIES)
    stray = rerun.facts.assign(doc_id=["doc-alibaba", "doc-alibaba", "doc-missing"])
    with pytest.raises(warehouse.LoadError, match="doc-missing"):
        warehouse.load_run(path, *dataclasses.replace(rerun, facts=stray).load_args())
    assert_nothing_written(path, before)


def test_failure_in_the_last_statement_undoes_the_earlier_ones(loaded_then_failing):
    # The run row is written last, after documents and facts: its CHECK constraint
    # failing proves the whole transaction is rolled back, not just the failing part.
    path, rerun = loaded_then_failing
    before = snapshot(path, *SNAPSHOT_QUERIES)
    changed = rerun.facts.assign(value=rerun.facts["value"] * 2)
    bad_status = dataclasses.replace(rerun, facts=changed, run={**rerun.run, "status": "done"})
    with pytest.raises(warehouse.LoadError, match="nothing was written"):
        warehouse.load_run(path, *bad_status.load_args())
    assert_nothing_written(path, before)


def test_missing_required_fact_field_rolls_back(loaded_then_failing):
    path, rerun = loaded_then_failing
    before = snapshot(path, *SNAPSHOT_QUERIES)
    no_metric = rerun.facts.assign(metric=[None, "revenue", "operating_income"])
    with pytest.raises(warehouse.LoadError, match="metric"):
        warehouse.load_run(path, *dataclasses.replace(rerun, facts=no_metric).load_args())
    assert_nothing_written(path, before)


def test_unknown_column_is_refused(loaded_then_failing):
    path, rerun = loaded_then_failing
    before = snapshot(path, *SNAPSHOT_QUERIES)
    typo = rerun.facts.assign(vlaue=1.0)
    with pytest.raises(warehouse.LoadError, match=r"does not store: \['vlaue'\]"):
        warehouse.load_run(path, *dataclasses.replace(rerun, facts=typo).load_args())
    assert_nothing_written(path, before)


# -- runs stopped by a gate ----------------------------------------------------------------


def test_failed_run_records_only_bookkeeping(warehouse_path, first_run):
    warehouse.load_run(warehouse_path, *first_run.load_args())
    before = snapshot(warehouse_path, "documents", "facts", "run_documents")

    failed = first_run.as_run("run-2", message="gate transform failed")
    report = warehouse.record_failed_run(
        warehouse_path, failed.run, failed.dq_results, failed.quarantine
    )

    assert report == warehouse.LoadReport(run_id="run-2", quarantined=2, dq_results=1)
    assert_same_rows(before, snapshot(warehouse_path, "documents", "facts", "run_documents"))
    runs = warehouse.run_query(warehouse_path, SNAPSHOT_QUERIES["pipeline_runs"])
    assert runs.set_index("run_id").loc["run-2", "status"] == "failed"
    dq = warehouse.run_query(warehouse_path, "FROM dq_results WHERE run_id = 'run-2'")
    assert len(dq) == 1


def test_failed_run_on_a_new_file(warehouse_path, first_run):
    report = warehouse.record_failed_run(
        warehouse_path, first_run.run, first_run.dq_results, pd.DataFrame()
    )
    assert report.dq_results == 1
    assert warehouse.run_query(warehouse_path, "SELECT count(*) AS n FROM documents")["n"][0] == 0


def test_failing_after_load_replaces_the_run_row(warehouse_path, first_run):
    warehouse.load_run(warehouse_path, *first_run.load_args())
    warehouse.record_failed_run(warehouse_path, first_run.run, pd.DataFrame(), pd.DataFrame())
    runs = warehouse.run_query(warehouse_path, SNAPSHOT_QUERIES["pipeline_runs"])
    assert runs[["run_id", "status"]].values.tolist() == [["run-1", "failed"]]


def test_dq_results_can_be_appended_later(warehouse_path, first_run):
    warehouse.load_run(warehouse_path, *first_run.load_args())
    checks = warehouse.run_warehouse_checks(warehouse_path, "run-1")
    assert warehouse.record_dq_results(warehouse_path, "run-1", checks) == len(checks)
    stored = warehouse.run_query(
        warehouse_path, "FROM dq_results WHERE stage = 'warehouse' ORDER BY expectation"
    )
    assert stored["expectation"].tolist() == sorted(checks["expectation"])
    assert isinstance(stored["checked_at"][0], datetime)
