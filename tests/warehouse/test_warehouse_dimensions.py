"""load_dimensions: replaces companies, currencies and metrics without churning rows."""

from __future__ import annotations

import pandas as pd
import pytest
from warehouse_cases import dimension_frames

import warehouse

DIMENSION_QUERIES = {
    "companies": "FROM companies ORDER BY canonical_name",
    "currencies": "FROM currencies ORDER BY code",
    "metrics": "FROM metrics ORDER BY metric",
}


def dimensions(path) -> dict[str, pd.DataFrame]:
    return {table: warehouse.run_query(path, sql) for table, sql in DIMENSION_QUERIES.items()}


def assert_same(before: dict[str, pd.DataFrame], after: dict[str, pd.DataFrame]) -> None:
    for table in before:
        pd.testing.assert_frame_equal(after[table], before[table], obj=table)


def counts(table: str, inserted=0, updated=0, deleted=0, unchanged=0) -> dict[str, int]:
    return {
        f"{table}_inserted": inserted,
        f"{table}_updated": updated,
        f"{table}_deleted": deleted,
        f"{table}_unchanged": unchanged,
    }


def test_first_load_inserts_every_row(warehouse_path):
    report = warehouse.load_dimensions(warehouse_path, **dimension_frames())
    assert report == (
        counts("companies", inserted=3) | counts("currencies", inserted=4) | counts("metrics", 2)
    )
    stored = dimensions(warehouse_path)
    alibaba = stored["companies"].set_index("canonical_name").loc["Alibaba"]
    assert list(alibaba["aliases"]) == ["Alibaba Group", "BABA"]
    assert (alibaba["country"], alibaba["fiscal_year_end_month"]) == ("CN", 3)
    assert list(stored["companies"].set_index("canonical_name").loc["Tencent", "aliases"]) == []
    assert stored["currencies"].set_index("code")["has_ecb_rates"].to_dict() == {
        "CNY": True,
        "EUR": True,
        "TWD": False,
        "USD": True,
    }
    assert stored["metrics"]["label_de"].tolist() == ["Investitionen", "Umsatz"]
    assert all(frame["loaded_at"].notna().all() for frame in stored.values())


def test_identical_reload_changes_no_row(warehouse_path):
    warehouse.load_dimensions(warehouse_path, **dimension_frames())
    before = dimensions(warehouse_path)
    report = warehouse.load_dimensions(warehouse_path, **dimension_frames())
    assert report == (
        counts("companies", unchanged=3)
        | counts("currencies", unchanged=4)
        | counts("metrics", unchanged=2)
    )
    assert_same(before, dimensions(warehouse_path))


def test_reload_in_another_row_order_changes_no_row(warehouse_path):
    warehouse.load_dimensions(warehouse_path, **dimension_frames())
    before = dimensions(warehouse_path)
    reversed_frames = {name: frame.iloc[::-1] for name, frame in dimension_frames().items()}
    warehouse.load_dimensions(warehouse_path, **reversed_frames)
    assert_same(before, dimensions(warehouse_path))


def test_changes_are_written_row_by_row(warehouse_path):
    warehouse.load_dimensions(warehouse_path, **dimension_frames())
    before = dimensions(warehouse_path)
    frames = dimension_frames()
    companies = frames["companies"]
    companies.loc[companies["canonical_name"] == "SAP", "aliases"] = pd.Series(
        [["SAP SE", "SAP AG"]], index=companies.index[companies["canonical_name"] == "SAP"]
    )
    companies = pd.concat(
        [
            companies[companies["canonical_name"] != "Tencent"],
            pd.DataFrame(
                {
                    "canonical_name": ["Nokia"],
                    "aliases": [["Nokia Oyj"]],
                    "country": ["FI"],
                    "fiscal_year_end_month": [12],
                }
            ),
        ],
        ignore_index=True,
    )
    metrics = frames["metrics"].assign(description=["Spending on long-lived assets", None])

    report = warehouse.load_dimensions(warehouse_path, companies, frames["currencies"], metrics)

    assert report == (
        counts("companies", inserted=1, updated=1, deleted=1, unchanged=1)
        | counts("currencies", unchanged=4)
        | counts("metrics", updated=2)
    )
    after = dimensions(warehouse_path)
    stored = after["companies"].set_index("canonical_name")
    assert list(stored.index) == ["Alibaba", "Nokia", "SAP"]
    assert list(stored.loc["SAP", "aliases"]) == ["SAP SE", "SAP AG"]
    old = before["companies"].set_index("canonical_name")
    assert stored.loc["Alibaba", "loaded_at"] == old.loc["Alibaba", "loaded_at"]
    assert stored.loc["SAP", "loaded_at"] > old.loc["SAP", "loaded_at"]
    assert_same({"currencies": before["currencies"]}, {"currencies": after["currencies"]})


def test_a_frame_given_as_none_leaves_its_table(warehouse_path):
    warehouse.load_dimensions(warehouse_path, **dimension_frames())
    before = dimensions(warehouse_path)
    report = warehouse.load_dimensions(warehouse_path, None, None, dimension_frames()["metrics"])
    assert report == counts("metrics", unchanged=2)
    assert_same(before, dimensions(warehouse_path))


def test_an_empty_frame_empties_its_table(warehouse_path):
    warehouse.load_dimensions(warehouse_path, **dimension_frames())
    report = warehouse.load_dimensions(warehouse_path, None, pd.DataFrame(), None)
    assert report == counts("currencies", deleted=4)
    assert dimensions(warehouse_path)["currencies"].empty


@pytest.mark.parametrize(
    ("table", "change", "message"),
    [
        ("metrics", lambda f: pd.concat([f, f.iloc[:1]]), r"duplicate keys.*metrics 'capex' x2"),
        ("companies", lambda f: f.assign(fiscal_year_end_month=13), "fiscal_year_end_month"),
        ("currencies", lambda f: f.assign(has_ecb_rates=None), "has_ecb_rates"),
        ("metrics", lambda f: f.assign(label=f["label_en"]), r"does not store: \['label'\]"),
    ],
)
def test_bad_input_writes_nothing(warehouse_path, table, change, message):
    warehouse.load_dimensions(warehouse_path, **dimension_frames())
    before = dimensions(warehouse_path)
    frames = dimension_frames()
    frames["companies"] = frames["companies"].iloc[:1]  # a valid change that must not land
    frames[table] = change(frames[table])
    with pytest.raises(warehouse.LoadError, match=f"dimensions: nothing was written: .*{message}"):
        warehouse.load_dimensions(warehouse_path, **frames)
    assert_same(before, dimensions(warehouse_path))


def test_dimensions_and_runs_do_not_touch_each_other(loaded_warehouse, first_run):
    facts = warehouse.run_query(loaded_warehouse, "FROM facts ORDER BY fact_id")
    warehouse.load_dimensions(loaded_warehouse, **dimension_frames())
    pd.testing.assert_frame_equal(
        warehouse.run_query(loaded_warehouse, "FROM facts ORDER BY fact_id"), facts
    )
    before = dimensions(loaded_warehouse)
    warehouse.load_run(loaded_warehouse, *first_run.as_run("run-2").load_args())
    assert_same(before, dimensions(loaded_warehouse))
