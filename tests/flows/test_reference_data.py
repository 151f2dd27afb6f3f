"""The reference CSVs behind the dimension tables, and how the flow reads them."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pandas as pd
import pytest

from flows import tasks
from transforms.schema import METRICS, iso_currencies

PROJECT = Path(__file__).resolve().parents[2]
LEXICONS = sorted((PROJECT / "transforms" / "lexicons").glob("*.toml"))


def lexicon_currencies() -> set[str]:
    codes: set[str] = set()
    for path in LEXICONS:
        codes |= set(tomllib.loads(path.read_text("utf-8")).get("currencies", {}).values())
    return codes


def test_metrics_csv_labels_every_metric_in_both_languages():
    metrics = tasks.metrics_frame(tasks.REFERENCE_DIR / "metrics.csv")
    assert list(metrics.columns) == ["metric", "label_en", "label_de", "description"]
    assert sorted(metrics["metric"]) == sorted(METRICS)
    assert metrics[["label_en", "label_de", "description"]].notna().all().all()
    labels = metrics.set_index("metric")
    assert labels.loc["revenue", ["label_en", "label_de"]].tolist() == ["Revenue", "Umsatz"]
    assert labels.loc["capex", "label_de"] == "Investitionen"


def test_currencies_csv_names_every_currency_the_lexicons_know():
    assert LEXICONS, "no lexicon files found"
    currencies = tasks.currencies_frame(tasks.REFERENCE_DIR / "currencies.csv")
    codes = set(currencies["code"])
    assert lexicon_currencies() <= codes
    assert codes <= iso_currencies()
    assert currencies["code"].is_unique and currencies["name"].notna().all()


def test_has_ecb_rates_comes_from_the_offline_history():
    quoted = tasks.currencies_frame(tasks.REFERENCE_DIR / "currencies.csv").set_index("code")
    assert quoted.loc[["EUR", "CNY", "USD", "HKD", "LVL"], "has_ecb_rates"].all()
    # Replaced by the euro before the ECB's first reference rate (1999).
    assert not quoted.loc[["DEM", "FRF"], "has_ecb_rates"].any()
    assert tasks.ecb_quoted(["EUR", "XXX"]) == [True, False]


def test_companies_frame_splits_aliases_and_keeps_codes_as_text(tmp_path):
    registry = tmp_path / "companies.csv"
    registry.write_text(
        "canonical_name,aliases,country,fiscal_year_end_month\n"
        "Alibaba, Alibaba Group | BABA ,CN,3\n"
        "Namdeb,,NA,\n",
        encoding="utf-8",
    )
    companies = tasks.companies_frame(registry)
    assert companies["canonical_name"].tolist() == ["Alibaba", "Namdeb"]
    assert companies["aliases"].tolist() == [["Alibaba Group", "BABA"], []]
    assert companies["country"].tolist() == ["CN", "NA"]  # Namibia, not a missing value
    assert companies.loc[0, "fiscal_year_end_month"] == 3
    assert pd.isna(companies.loc[1, "fiscal_year_end_month"])


def test_the_project_registry_reads_as_a_dimension():
    companies = tasks.companies_frame(PROJECT / "seeds" / "companies.csv")
    assert companies["canonical_name"].is_unique
    assert companies["fiscal_year_end_month"].between(1, 12).all()
    alibaba = companies.set_index("canonical_name").loc["Alibaba"]
    assert alibaba["country"] == "CN" and "Alibaba Group" in alibaba["aliases"]


@pytest.mark.parametrize("reader", [tasks.companies_frame, tasks.currencies_frame])
def test_a_missing_file_leaves_the_table_alone(tmp_path, reader):
    assert reader(tmp_path / "missing.csv") is None
