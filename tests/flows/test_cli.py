"""The kpiflow command line, through Typer's runner (same process, no server)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.cli import app
from transforms.schema import FACT_FIELDS, QUANTITY_FIELDS

PROJECT = Path(__file__).resolve().parents[2]
SEED = PROJECT / "seeds" / "000_afe427c5a2169e78.txt"
runner = CliRunner()


def test_extract_prints_exactly_the_contract_fields():
    result = runner.invoke(app, ["extract", "--format", "jsonl", str(SEED)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 14
    text = SEED.read_text(encoding="utf-8")
    for record in lines:
        assert list(record) == list(FACT_FIELDS)
        assert text[record["start"] : record["end"]] == record["surface"]


def test_extract_quantities_and_several_sources(tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("Die Firma steigerte den Umsatz um 4 Prozent.", encoding="utf-8")
    result = runner.invoke(
        app, ["extract", "--quantities", "--format", "jsonl", str(SEED), str(other)]
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["source"] for r in lines} == {str(SEED), str(other)}
    assert all(set(QUANTITY_FIELDS) <= set(r) for r in lines)


def test_extract_reads_standard_input_and_exits_zero_without_facts():
    result = runner.invoke(
        app, ["extract", "--format", "jsonl", "--lang", "en", "-"], input="Nothing here."
    )
    assert result.exit_code == 0
    assert result.stdout == ""


def test_extract_published_flag_resolves_relative_periods():
    text = "Die Aktie der Beispiel AG stieg am Freitag um 3 Prozent."
    result = runner.invoke(
        app, ["extract", "--format", "jsonl", "--published", "2025-03-07", "-"], input=text
    )
    facts = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(f["metric"], f["period"]) for f in facts] == [("share_price", "2025-03-07")]


def test_query_refuses_writes(tmp_path):
    import duckdb

    wh = tmp_path / "w.duckdb"
    duckdb.connect(str(wh)).close()
    result = runner.invoke(app, ["query", "--warehouse", str(wh), "drop table facts"])
    assert result.exit_code == 2
    assert "refused" in result.output.lower()


def test_query_on_missing_warehouse_says_how_to_create_it(tmp_path):
    result = runner.invoke(app, ["query", "--warehouse", str(tmp_path / "none.duckdb"), "select 1"])
    assert result.exit_code == 2
    assert "kpiflow run" in result.output


def test_telemetry_is_off_unless_the_user_set_it(monkeypatch):
    from flows.environment import OFFLINE_DEFAULTS, apply_offline_defaults

    for key in OFFLINE_DEFAULTS:
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("DO_NOT_TRACK", "0")
    applied = apply_offline_defaults()
    assert applied["DO_NOT_TRACK"] == "0"
    assert os.environ["GX_ANALYTICS_ENABLED"] == "false"
    assert os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] == "false"


def test_extract_gives_every_money_fact_its_eur_value():
    result = runner.invoke(
        app, ["extract", "--format", "jsonl", "--published", "2025-02-21", str(SEED)]
    )
    facts = [json.loads(line) for line in result.stdout.splitlines()]
    money = [f for f in facts if f["unit"] not in ("percent", "pp", "x", "count")]
    assert len(money) == 5 and all(f["value_eur"] for f in money)
    capex = next(f for f in money if f["metric"] == "capex")
    # ECB: 1 EUR = 7.5833 CNY on 2024-12-31, the end of the capex period (2024).
    assert capex["value_eur"] == pytest.approx(72.5e9 / 7.5833)
    assert capex["alt_values"] == [{"value": 10e9, "unit": "EUR"}]
