"""The etl flow end to end on temporary warehouses, under a Prefect test harness."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

import warehouse
from flows.etl import etl
from flows.gates import GateFailed

pytestmark = pytest.mark.usefixtures("prefect_harness")


def table(path: Path, name: str) -> pd.DataFrame:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(f"select * from {name} order by all").df()


def test_seed_run_loads_the_seed_facts(tmp_path, seed_dir):
    wh = tmp_path / "kpiflow.duckdb"
    summary = etl(paths=[str(seed_dir)], warehouse_path=str(wh))
    assert summary["status"] == "completed"
    assert (summary["docs_seen"], summary["docs_new"], summary["docs_quarantined"]) == (1, 1, 0)
    facts = table(wh, "facts")
    money = facts[facts["unit"] == "CNY"]
    percent = facts[facts["unit"] == "percent"]
    assert len(money) >= 5 and len(percent) >= 8
    assert sorted(money["value"].round(-6)) == sorted([31.7e9, 37.8e9, 72.5e9, 136e9, 280e9])
    assert sorted(percent["value"]) == [5, 8, 9, 12.6, 13, 32, 50, 60]
    runs = table(wh, "pipeline_runs")
    assert runs.loc[0, "facts_loaded"] == len(facts)
    dq = table(wh, "dq_results")
    assert set(dq["stage"]) == {"documents", "facts", "warehouse"}
    assert dq["success"].all()


def test_second_run_changes_no_row(tmp_path, seed_dir):
    wh = tmp_path / "kpiflow.duckdb"
    etl(paths=[str(seed_dir)], warehouse_path=str(wh))
    stable = ("documents", "facts", "companies", "currencies", "metrics")
    before = {name: table(wh, name) for name in stable}
    assert all(len(frame) for frame in before.values())
    summary = etl(paths=[str(seed_dir)], warehouse_path=str(wh))
    assert (summary["docs_new"], summary["docs_unchanged"]) == (0, 1)
    for name, frame in before.items():
        pd.testing.assert_frame_equal(table(wh, name), frame)
    reprocessed = etl(paths=[str(seed_dir)], warehouse_path=str(wh), reprocess=True)
    assert (reprocessed["docs_new"], reprocessed["docs_reprocessed"]) == (0, 1)
    for name, frame in before.items():
        pd.testing.assert_frame_equal(table(wh, name), frame)


def test_every_input_is_accounted_for(tmp_path, seed_dir):
    (seed_dir / "broken.txt").write_bytes(b"Umsatz \xff\xfe stieg")
    (seed_dir / "empty.txt").write_text("   \n", encoding="utf-8")
    (seed_dir / "copy.txt").write_text((seed_dir / "000_afe427c5a2169e78.txt").read_text("utf-8"))
    wh = tmp_path / "kpiflow.duckdb"
    summary = etl(paths=[str(seed_dir)], warehouse_path=str(wh))
    assert summary["docs_seen"] == 4
    assert summary["docs_seen"] == (
        summary["docs_new"] + summary["docs_unchanged"] + summary["docs_quarantined"]
    )
    reasons = set(table(wh, "quarantine")["reason"])
    assert any(r.startswith("read.not_utf8") for r in reasons)
    assert any("text_not_blank" in r for r in reasons)


def _with_extra_fact(monkeypatch, **changes):
    """Make every extraction batch also return one fact altered by `changes`."""
    import flows.tasks as tasks
    from transforms.batch import extract_batch

    def patched(docs, registry=None):
        result = extract_batch(docs, registry)
        if result["facts"]:
            bad = dict(result["facts"][0], **changes)
            result["facts"].append(bad)
        return result

    monkeypatch.setattr(tasks, "extract_batch", patched)


def test_warning_gate_quarantines_the_row_with_its_reason(tmp_path, seed_dir, monkeypatch):
    _with_extra_fact(monkeypatch, fact_id="bad-unit", unit="ZZZ")
    wh = tmp_path / "kpiflow.duckdb"
    summary = etl(paths=[str(seed_dir)], warehouse_path=str(wh))
    assert summary["status"] == "completed"
    assert summary["facts_quarantined"] == 1
    quarantine = table(wh, "quarantine")
    row = quarantine[quarantine["stage"] == "facts"].iloc[0]
    assert "facts.unit_known" in row["reason"]
    assert "bad-unit" in row["payload"]
    assert "bad-unit" not in set(table(wh, "facts")["fact_id"])


def test_error_gate_stops_before_load_and_names_the_expectation(tmp_path, seed_dir, monkeypatch):
    _with_extra_fact(monkeypatch, fact_id=None)
    wh = tmp_path / "kpiflow.duckdb"
    with pytest.raises(GateFailed, match="facts.fact_id_not_null"):
        etl(paths=[str(seed_dir)], warehouse_path=str(wh))
    assert table(wh, "documents").empty
    assert table(wh, "facts").empty
    runs = table(wh, "pipeline_runs")
    assert list(runs["status"]) == ["failed"]
    assert "facts.fact_id_not_null" in runs.loc[0, "message"]


def test_severity_override_turns_a_warning_into_a_stop(tmp_path, seed_dir, monkeypatch):
    _with_extra_fact(monkeypatch, fact_id="bad-unit", unit="ZZZ")
    wh = tmp_path / "kpiflow.duckdb"
    with pytest.raises(GateFailed, match="facts.unit_known"):
        etl(
            paths=[str(seed_dir)],
            warehouse_path=str(wh),
            gate_severity={"facts.unit_known": "error"},
        )
    assert table(wh, "facts").empty


def test_seed_run_fills_the_dimensions_and_the_views(tmp_path, seed_dir):
    wh = tmp_path / "kpiflow.duckdb"
    etl(paths=[str(seed_dir)], warehouse_path=str(wh))
    companies = table(wh, "companies").set_index("canonical_name")
    assert companies.loc["Alibaba", "country"] == "CN"
    assert table(wh, "metrics")["metric"].nunique() == 13
    assert table(wh, "currencies").set_index("code").loc["CNY", "has_ecb_rates"]
    labelled = table(wh, "v_facts")
    revenue = labelled[labelled["metric"] == "revenue"]
    assert set(revenue["metric_label_de"]) == {"Umsatz"} and set(revenue["country"]) == {"CN"}
    money = table(wh, "v_facts_eur")
    assert len(money) == (table(wh, "facts")["unit"] == "CNY").sum()
    assert money["value_eur"].notna().all() and set(money["fx_date"].astype(str)) == {"2024-12-31"}


def test_seed_segment_growth(tmp_path, seed_dir):
    wh = tmp_path / "kpiflow.duckdb"
    etl(paths=[str(seed_dir)], warehouse_path=str(wh))
    growth = warehouse.run_named_query(
        wh, "segment_growth", {"entity": "Alibaba", "period": "2024-Q4"}
    )
    assert growth[["segment", "revenue", "change_percent"]].values.tolist() == [
        ["(total)", 280e9, 8.0],
        ["China Commerce", 136e9, 5.0],
        ["International Commerce", 37.8e9, 32.0],
        ["Cloud", 31.7e9, 13.0],
    ]
    assert growth["revenue_eur"].notna().all()
    capex = warehouse.run_named_query(wh, "capex_by_company_year")
    assert capex[["entity", "year", "planned"]].values.tolist() == [["Alibaba", 2024, False]]
    assert capex.loc[0, "capex_eur"] == pytest.approx(72.5e9 / 7.5833, rel=1e-3)
    assert len(warehouse.run_named_query(wh, "money_in_eur")) == len(table(wh, "v_facts_eur"))
