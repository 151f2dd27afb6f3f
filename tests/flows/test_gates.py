"""The quality gates: what passes, what is quarantined, what blocks a stage."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from flows.gates import (
    EXPECTATIONS,
    GateFailed,
    check_documents,
    check_facts,
    check_warehouse,
    expectation_table,
)
from transforms.schema import Fact

TEXT = "Der Umsatz stieg um acht Prozent auf Rmb280 Milliarden (36 Milliarden Euro)."
CNY_PER_EUR = 7.5833  # the ECB reference rate of 2024-12-31: 280e9 CNY are 36.9e9 EUR


def fact_row(n: int, **changes) -> dict:
    fact = Fact(
        doc_id="d1",
        language="de",
        sentence=0,
        start=40,
        end=55,
        surface="Rmb280 Milliarden",
        metric="revenue",
        kind="level",
        value=280e9,
        unit="CNY",
        entity="Alibaba",
        period="2024-Q4",
        period_start="2024-10-01",
        period_end="2024-12-31",
        alt_values=[{"value": 36e9, "unit": "EUR"}],
        value_eur=280e9 / CNY_PER_EUR,
        fx_rate=CNY_PER_EUR,
        fx_date="2024-12-31",
    )
    row = fact.to_dict() | {"fact_id": f"f{n}", "source": "seeds/a.txt"}
    return row | changes


def facts_frame(*rows: dict) -> pd.DataFrame:
    rows = rows or tuple(fact_row(n) for n in range(3))
    # A non-default index: the gate must hand rows back under their own labels.
    return pd.DataFrame(list(rows), index=[f"r{i}" for i in range(len(rows))])


def documents_frame(*changes: dict) -> pd.DataFrame:
    rows = [
        {
            "doc_id": f"d{i}",
            "text": TEXT,
            "source": f"seeds/{i}.txt",
            "title": "Alibaba",
            "language": "de",
            "published": "2025-02-21",
            "raw_text": TEXT,
        }
        | change
        for i, change in enumerate(changes or ({}, {}, {}))
    ]
    return pd.DataFrame(rows)


def result(outcome, name: str) -> pd.Series:
    rows = outcome.results[outcome.results["expectation"] == name]
    assert len(rows) == 1, name
    return rows.iloc[0]


def test_valid_documents_pass_every_expectation():
    outcome = check_documents(documents_frame())
    assert outcome.ok and outcome.quarantined.empty
    assert len(outcome.passed) == 3 and outcome.results["success"].all()
    assert list(outcome.results["expectation"]) == [e.name for e in EXPECTATIONS["documents"]]


def test_valid_facts_pass_every_expectation():
    df = facts_frame()
    outcome = check_facts(df)
    assert outcome.ok, outcome.results
    assert outcome.quarantined.empty
    pd.testing.assert_frame_equal(outcome.passed, df)
    assert set(outcome.results["unexpected_count"]) == {0}
    # A conditional expectation counts only the rows it applies to: no share_price fact here.
    counted = outcome.results.set_index("expectation")["element_count"]
    assert counted.pop("facts.share_price_has_entity") == 0
    assert set(counted) == {3}


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"unit": "ZZZ"}, "facts.unit_known"),
        ({"metric": "profit"}, "facts.metric_known"),
        ({"kind": "delta"}, "facts.kind_known"),
        ({"direction": "sideways"}, "facts.direction_known"),
        ({"start": 60}, "facts.end_after_start"),
        ({"value": math.inf}, "facts.value_finite"),
        ({"value_max": 1.0}, "facts.value_max_not_below_value"),
        ({"surface": None}, "facts.surface_not_null"),
        ({"is_forecast": "yes"}, "facts.is_forecast_boolean"),
        # A currency with a rate but no EUR value: the conversion was skipped.
        ({"value_eur": None}, "facts.value_eur_present"),
        ({"value_eur": math.nan, "unit": "USD"}, "facts.value_eur_present"),
        ({"period_start": "2025-01-01"}, "facts.period_bounds_ordered"),
        ({"metric": "share_price", "entity": None}, "facts.share_price_has_entity"),
        ({"alt_values": [{"value": 45e9, "unit": "EUR"}]}, "facts.restatement_consistent"),
        (
            {"alt_values": [{"value": 280e9, "unit": "CNY"}, {"value": 30e9, "unit": "EUR"}]},
            "facts.restatement_consistent",
        ),
    ],
)
def test_bad_fact_is_quarantined_and_the_others_pass(change, reason):
    df = facts_frame(fact_row(0), fact_row(1, **change), fact_row(2))
    outcome = check_facts(df)
    assert outcome.ok
    assert list(outcome.passed.index) == ["r0", "r2"]
    q = outcome.quarantined
    assert list(q.index) == ["r1"]
    assert q.iloc[0][["stage", "source", "doc_id", "reason"]].tolist() == [
        "facts",
        "seeds/a.txt",
        "d1",
        reason,
    ]
    assert json.loads(q.iloc[0]["payload"])["fact_id"] == "f1"
    assert not result(outcome, reason)["success"]
    assert result(outcome, reason)["unexpected_count"] == 1


def test_row_failing_two_warnings_is_quarantined_once_with_both_reasons():
    df = facts_frame(fact_row(0, unit="ZZZ", metric="profit"), fact_row(1))
    outcome = check_facts(df)
    assert len(outcome.quarantined) == 1
    reasons = outcome.quarantined.iloc[0]["reason"].split("; ")
    assert sorted(reasons) == ["facts.metric_known", "facts.unit_known"]
    assert list(outcome.passed["fact_id"]) == ["f1"]


def test_null_fact_id_blocks_the_stage():
    outcome = check_facts(facts_frame(fact_row(0), fact_row(1, fact_id=None)))
    assert not outcome.ok
    assert outcome.blocking == ["facts.fact_id_not_null"]
    with pytest.raises(GateFailed, match=r"gate 'facts' failed: facts.fact_id_not_null \(1 row\)"):
        outcome.raise_if_blocked()


def test_duplicate_ids_block():
    facts = check_facts(facts_frame(fact_row(0), fact_row(0)))
    assert facts.blocking == ["facts.fact_id_unique"]
    docs = check_documents(documents_frame({}, {"doc_id": "d0"}))
    assert docs.blocking == ["documents.doc_id_unique"]
    assert result(docs, "documents.doc_id_unique")["unexpected_count"] == 2


def test_override_turns_a_warning_into_an_error():
    df = facts_frame(fact_row(0, unit="ZZZ"), fact_row(1))
    outcome = check_facts(df, severity_overrides={"facts.unit_known": "error"})
    assert outcome.blocking == ["facts.unit_known"]
    assert result(outcome, "facts.unit_known")["severity"] == "error"


def test_override_names_are_checked():
    with pytest.raises(ValueError, match="facts.no_such_check"):
        check_facts(facts_frame(), severity_overrides={"facts.no_such_check": "error"})
    with pytest.raises(ValueError, match="severity"):
        check_facts(facts_frame(), severity_overrides={"facts.unit_known": "fatal"})
    # One mapping can serve every gate: other stages' names are left to their gates.
    assert check_documents(documents_frame(), {"facts.unit_known": "error"}).ok


@pytest.mark.parametrize("gate", [check_documents, check_facts, check_warehouse])
def test_empty_frames_pass(gate):
    outcome = gate(pd.DataFrame())
    assert outcome.ok and outcome.passed.empty and outcome.quarantined.empty
    assert list(outcome.quarantined.columns) == ["stage", "source", "doc_id", "reason", "payload"]
    assert outcome.results["success"].all()
    assert (outcome.results["unexpected_count"] == 0).all()


def test_bad_documents_are_quarantined():
    df = documents_frame(
        {},
        {"text": "  \n "},
        {"language": "fr"},
        {"published": "21.02.2025"},
        {"published": None, "language": None},
    )
    outcome = check_documents(df)
    assert outcome.ok
    assert list(outcome.quarantined["reason"]) == [
        "documents.text_not_blank",
        "documents.language_known",
        "documents.published_is_date",
    ]
    assert list(outcome.passed["doc_id"]) == ["d0", "d4"]


def test_document_without_source_blocks():
    outcome = check_documents(documents_frame({}, {"source": None}))
    assert outcome.blocking == ["documents.source_not_null"]


def test_results_have_one_row_per_expectation():
    df = facts_frame(fact_row(0, unit="ZZZ"), fact_row(1, unit="QQQ"), fact_row(2))
    res = check_facts(df).results
    assert list(res["expectation"]) == [e.name for e in EXPECTATIONS["facts"]]
    assert list(res.columns) == [
        "stage",
        "expectation",
        "column_name",
        "severity",
        "success",
        "unexpected_count",
        "element_count",
        "details",
    ]
    failed = res[~res["success"]]
    assert failed[["expectation", "unexpected_count"]].values.tolist() == [["facts.unit_known", 2]]
    assert json.loads(failed.iloc[0]["details"])["partial"] == ["ZZZ", "QQQ"]


def test_string_dtype_and_payload_json():
    df = facts_frame(fact_row(0, value=-math.inf), fact_row(1)).astype({"unit": "string"})
    outcome = check_facts(df)
    payload = json.loads(outcome.quarantined.iloc[0]["payload"])
    assert payload["value"] == "-inf"
    assert payload["alt_values"] == [{"value": 36e9, "unit": "EUR"}]


def test_missing_column_is_a_contract_error():
    with pytest.raises(ValueError, match="unit"):
        check_facts(facts_frame().drop(columns=["unit"]))


def warehouse_checks(*failing: str) -> pd.DataFrame:
    names = ["orphan_facts", "fact_id_unique", "docs_accounted"]
    return pd.DataFrame(
        {
            "expectation": names,
            "success": [n not in failing for n in names],
            "unexpected_count": [2 if n in failing else 0 for n in names],
            "element_count": [10, 10, 1],
        }
    )


def test_warehouse_checks_pass():
    outcome = check_warehouse(warehouse_checks())
    assert outcome.ok and len(outcome.results) == 3
    assert outcome.results["expectation"].str.startswith("warehouse.").all()


def test_failing_warehouse_check_blocks():
    outcome = check_warehouse(warehouse_checks("orphan_facts"))
    assert outcome.blocking == ["warehouse.orphan_facts"]
    row = result(outcome, "warehouse.orphan_facts")
    assert not row["success"] and row["unexpected_count"] == 2 and row["severity"] == "error"
    with pytest.raises(GateFailed, match=r"warehouse.orphan_facts \(2 rows\)"):
        outcome.raise_if_blocked()
    relaxed = check_warehouse(
        warehouse_checks("orphan_facts"), {"warehouse.orphan_facts": "warning"}
    )
    assert relaxed.ok


def test_expectation_table_lists_every_check():
    table = expectation_table()
    assert set(table["severity"]) == {"error", "warning"}
    assert table["expectation"].is_unique
    assert {"facts.unit_known", "documents.doc_id_unique"} <= set(table["expectation"])


def test_expectation_that_cannot_run_blocks():
    # A string among numbers makes GX raise; such a check cannot pick rows, so it blocks.
    outcome = check_facts(facts_frame(fact_row(0), fact_row(1, value="abc")))
    assert outcome.blocking == ["facts.value_finite"]
    assert pd.isna(result(outcome, "facts.value_finite")["unexpected_count"])
    with pytest.raises(GateFailed, match="could not be evaluated"):
        outcome.raise_if_blocked()


def test_published_date_objects_count_as_dates():
    outcome = check_documents(documents_frame({"published": pd.Timestamp("2025-02-21")}))
    assert outcome.ok and outcome.quarantined.empty


@pytest.mark.parametrize(
    "change",
    [
        pytest.param({"value_eur": None, "fx_note": "no ECB reference rate for TWD"}, id="no-rate"),
        pytest.param({"unit": "percent", "value": 8.0, "value_eur": None}, id="not-money"),
        pytest.param({"period_start": None}, id="open-period"),
        pytest.param({"period_start": "2024-12-31"}, id="one-day-period"),
        pytest.param({"metric": "share_price", "entity": "Alibaba"}, id="share-with-entity"),
        pytest.param({"entity": None}, id="revenue-without-entity"),
        pytest.param({"alt_values": [{"value": 31.5e9, "unit": "EUR"}]}, id="restated-15pct-off"),
        pytest.param({"alt_values": [{"value": 40e9, "unit": "USD"}]}, id="restated-in-usd"),
        pytest.param({"value_eur": None, "fx_note": "no rate", "alt_values": []}, id="no-eur"),
    ],
)
def test_consistent_facts_pass_the_consistency_checks(change):
    outcome = check_facts(facts_frame(fact_row(0, **change), fact_row(1)))
    assert outcome.ok and outcome.quarantined.empty, outcome.quarantined["reason"].tolist()


def test_restatement_gap_is_reported_in_the_details():
    df = facts_frame(fact_row(0, alt_values=[{"value": 18e9, "unit": "EUR"}]), fact_row(1))
    row = result(check_facts(df), "facts.restatement_consistent")
    assert (row["success"], row["unexpected_count"], row["column_name"]) == (
        False,
        1,
        "restatement_gap",
    )
    assert json.loads(row["details"])["partial"] == [pytest.approx(0.5124, abs=1e-3)]


def test_consistency_checks_read_the_fx_and_alt_columns():
    with pytest.raises(ValueError, match="fx_note"):
        check_facts(facts_frame().drop(columns=["fx_note"]))
    with pytest.raises(ValueError, match="alt_values"):
        check_facts(facts_frame().drop(columns=["alt_values"]))
