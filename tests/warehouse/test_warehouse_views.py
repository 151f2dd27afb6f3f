"""The analyst views (v_facts, v_facts_eur, v_latest) and the named queries built on them."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest
from warehouse_cases import (
    CNY_PER_EUR,
    dimension_frames,
    q4_facts,
    restated_facts,
    same_day_facts,
    stated,
    view_run,
)

import warehouse
from transforms.schema import NON_MONEY_UNITS


@pytest.fixture
def views_warehouse(warehouse_path) -> Path:
    """The Q4 article in run-1; a restating article and a same-day article in run-2."""
    warehouse.load_dimensions(warehouse_path, **dimension_frames())
    warehouse.load_run(warehouse_path, *view_run("run-1", q4_facts()).load_args())
    later = view_run("run-2", restated_facts() + same_day_facts())
    warehouse.load_run(warehouse_path, *later.load_args())
    return warehouse_path


def query(path: Path, sql: str) -> pd.DataFrame:
    return warehouse.run_query(path, sql)


def test_v_facts_adds_country_and_metric_labels(views_warehouse):
    facts = query(views_warehouse, "FROM v_facts ORDER BY fact_id")
    assert len(facts) == len(q4_facts()) + 2
    alibaba = facts[(facts["entity"] == "Alibaba") & (facts["metric"] == "revenue")].iloc[0]
    assert (alibaba["country"], alibaba["metric_label_en"], alibaba["metric_label_de"]) == (
        "CN",
        "Revenue",
        "Umsatz",
    )
    # Entities and metrics missing from the dimensions stay visible, unlabelled.
    tsmc = facts[facts["entity"] == "TSMC"].iloc[0]
    assert pd.isna(tsmc["country"]) and tsmc["metric_label_en"] == "Revenue"
    share = facts[facts["metric"] == "share_price"].iloc[0]
    assert pd.isna(share["metric_label_en"])
    assert {"source", "title", "published", "alt_values", "run_id"} <= set(facts.columns)


def test_v_facts_eur_holds_money_facts_only(views_warehouse):
    money = query(views_warehouse, "FROM v_facts_eur ORDER BY fact_id")
    all_facts = query(views_warehouse, "FROM facts")
    assert len(money) == (~all_facts["unit"].isin(NON_MONEY_UNITS)).sum()
    assert not set(money["unit"]) & set(NON_MONEY_UNITS)
    assert list(money.columns[:16]) == [
        "entity",
        "segment",
        "metric",
        "kind",
        "period",
        "period_end",
        "is_forecast",
        "value",
        "unit",
        "value_eur",
        "fx_rate",
        "fx_date",
        "fx_note",
        "surface",
        "source",
        "published",
    ]
    total = money[(money["fact_id"] == "doc-q4-00")].iloc[0]
    assert total["value_eur"] == pytest.approx(280e9 / CNY_PER_EUR)
    assert total["source"] == "seeds/alibaba-q4.txt"
    twd = money[money["unit"] == "TWD"].iloc[0]
    assert math.isnan(twd["value_eur"]) and twd["fx_note"] == "no ECB reference rate for TWD"


def test_v_latest_takes_the_newest_publication_then_the_newest_load(views_warehouse):
    latest = query(
        views_warehouse,
        "SELECT * REPLACE (coalesce(segment, 'total') AS segment) FROM v_latest "
        "WHERE entity = 'Alibaba' AND metric = 'revenue' AND kind = 'level'",
    )
    by_segment = {row.segment: row for row in latest.itertuples()}
    assert set(by_segment) == {"total", "Cloud", "International Commerce", "China Commerce"}
    # The restating article was published later than the Q4 article.
    assert (by_segment["total"].value, by_segment["total"].fact_id) == (281e9, "doc-restated-00")
    assert by_segment["total"].times_stated == 2
    # Same publication day: the fact loaded later wins.
    assert (by_segment["Cloud"].value, by_segment["Cloud"].source) == (
        31.9e9,
        "seeds/alibaba-cloud.txt",
    )
    assert by_segment["China Commerce"].times_stated == 1


def test_v_latest_has_one_row_per_figure_and_leaves_out_facts_without_period(warehouse_path):
    undated = view_run("run-1", [*q4_facts()[:2], *q4_facts()[:1]])
    facts = undated.facts.assign(period=[None, "2024-Q4", "2024-Q4"])
    warehouse.load_run(warehouse_path, undated.run, undated.documents, facts, None, None)
    latest = query(warehouse_path, "FROM v_latest ORDER BY fact_id")
    assert latest["fact_id"].tolist() == ["doc-q4-01", "doc-q4-02"]
    keys = ["entity", "segment", "metric", "kind", "unit", "period"]
    assert not latest.duplicated(keys).any()


def test_segment_growth(views_warehouse):
    growth = warehouse.run_named_query(
        views_warehouse, "segment_growth", {"entity": "alibaba", "period": "2024-Q4"}
    )
    assert growth[["segment", "revenue", "unit", "change_percent"]].values.tolist() == [
        ["(total)", 281e9, "CNY", 8.0],
        ["China Commerce", 136e9, "CNY", 5.0],
        ["International Commerce", 37.8e9, "CNY", 32.0],
        ["Cloud", 31.9e9, "CNY", 13.0],
    ]
    assert growth["revenue_eur"].tolist() == pytest.approx(
        [v / CNY_PER_EUR for v in (281e9, 136e9, 37.8e9, 31.9e9)]
    )
    assert set(growth["entity"]) == {"Alibaba"} and set(growth["period"]) == {"2024-Q4"}


def test_segment_growth_signs_a_fall_and_keeps_a_change_without_level(views_warehouse):
    growth = warehouse.run_named_query(
        views_warehouse, "segment_growth", {"entity": "Tenc%", "period": "2024-Q4"}
    )
    assert growth[["entity", "segment", "change_percent"]].values.tolist() == [
        ["Tencent", "(total)", -3.0]
    ]
    assert growth["revenue"].isna().all()
    none = warehouse.run_named_query(
        views_warehouse, "segment_growth", {"entity": "Alibaba", "period": "2023-Q4"}
    )
    assert none.empty


def test_money_in_eur(views_warehouse):
    money = warehouse.run_named_query(views_warehouse, "money_in_eur")
    assert len(money) == len(query(views_warehouse, "FROM v_facts_eur"))
    assert {"value_eur", "fx_rate", "fx_date", "fx_note", "source"} <= set(money.columns)
    sap = money[money["entity"] == "SAP"].iloc[0]
    assert (sap["value_eur"], sap["fx_rate"]) == (10.5e9, 1.0)
    assert money["entity"].tolist()[-1] == "TSMC"


def test_capex_by_company_year_counts_each_span_once(views_warehouse):
    capex = warehouse.run_named_query(views_warehouse, "capex_by_company_year")
    rows = capex[["entity", "year", "planned", "periods", "facts"]].values.tolist()
    assert [[e, y, p, list(ps), n] for e, y, p, ps, n in rows] == [
        ["Alibaba", 2024, False, ["2024"], 1],
        ["Alibaba", 2025, True, ["2025"], 1],
    ]
    assert capex["capex_eur"].tolist() == pytest.approx([72.5e9 / CNY_PER_EUR, 380e9 / CNY_PER_EUR])


def test_capex_quarters_add_up_when_no_year_is_stated(warehouse_path):
    quarters = [
        stated("doc-q4", "capex", "level", 10e9, "EUR", period="2024-Q3"),
        stated("doc-q4", "capex", "level", 20e9, "EUR", period="2024-Q4"),
    ]
    warehouse.load_run(warehouse_path, *view_run("run-1", quarters).load_args())
    capex = warehouse.run_named_query(warehouse_path, "capex_by_company_year")
    assert capex[["year", "capex_eur", "facts"]].values.tolist() == [[2024, 30e9, 2]]
    assert list(capex.loc[0, "periods"]) == ["2024-Q3", "2024-Q4"]
