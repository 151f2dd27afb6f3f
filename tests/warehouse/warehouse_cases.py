"""Inputs for warehouse tests: two German articles, three facts, one run.

Imported by conftest.py and the tests (pytest puts this folder on sys.path).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from transforms.schema import Document, Fact

ALIBABA_TEXT = (
    "Der Umsatz von Alibaba stieg im letzten Quartal 2024 um acht Prozent "
    "auf Rmb280 Milliarden (36 Milliarden Euro)."
)
SAP_TEXT = "SAP erwartet für 2025 ein operatives Ergebnis von rund 10,5 Milliarden Euro."


def _span(text: str, surface: str) -> tuple[int, int]:
    start = text.index(surface)
    return start, start + len(surface)


def alibaba_facts() -> list[tuple[str, Fact]]:
    level_start, level_end = _span(ALIBABA_TEXT, "Rmb280 Milliarden")
    change_start, change_end = _span(ALIBABA_TEXT, "acht Prozent")
    common = {
        "doc_id": "doc-alibaba",
        "language": "de",
        "sentence": 0,
        "entity": "Alibaba",
        "metric": "revenue",
        "period": "2024-Q4",
        "period_start": "2024-10-01",
        "period_end": "2024-12-31",
    }
    level = Fact(
        **common,
        start=level_start,
        end=level_end,
        surface="Rmb280 Milliarden",
        kind="level",
        value=280e9,
        unit="CNY",
        alt_values=[{"value": 36e9, "unit": "EUR"}],
        value_eur=36.1e9,
        fx_rate=7.75,
        fx_date="2024-12-31",
    )
    change = Fact(
        **common,
        start=change_start,
        end=change_end,
        surface="acht Prozent",
        kind="change",
        value=8.0,
        unit="percent",
        direction="up",
        fx_note="not money",
    )
    return [("fact-alibaba-revenue-level", level), ("fact-alibaba-revenue-change", change)]


def sap_facts() -> list[tuple[str, Fact]]:
    start, end = _span(SAP_TEXT, "rund 10,5 Milliarden Euro")
    fact = Fact(
        doc_id="doc-sap",
        language="de",
        sentence=0,
        start=start,
        end=end,
        surface="rund 10,5 Milliarden Euro",
        entity="SAP",
        metric="operating_income",
        kind="level",
        value=10.5e9,
        unit="EUR",
        qualifier="approx",
        period="2025",
        period_start="2025-01-01",
        period_end="2025-12-31",
        is_forecast=True,
        value_eur=10.5e9,
    )
    return [("fact-sap-ebit-2025", fact)]


@dataclass
class RunInput:
    """The arguments of load_run except the path."""

    run: dict[str, Any]
    documents: pd.DataFrame
    facts: pd.DataFrame
    quarantine: pd.DataFrame
    dq_results: pd.DataFrame

    def load_args(self) -> tuple:
        return (self.run, self.documents, self.facts, self.quarantine, self.dq_results)

    def as_run(self, run_id: str, **run_changes: Any) -> RunInput:
        """The same input under another run_id, e.g. for a re-run."""
        return replace(self, run={**self.run, "run_id": run_id, **run_changes})


def facts_frame(facts: list[tuple[str, Fact]]) -> pd.DataFrame:
    return pd.DataFrame([{"fact_id": fact_id, **fact.to_dict()} for fact_id, fact in facts])


def documents_frame(*documents: Document) -> pd.DataFrame:
    return pd.DataFrame([document.to_dict() for document in documents])


def run_row(run_id: str, **counts: Any) -> dict[str, Any]:
    return {
        "run_id": run_id,
        "flow_run_id": f"flow-{run_id}",
        "started_at": pd.Timestamp("2025-03-01 08:00", tz="UTC"),
        "finished_at": pd.Timestamp("2025-03-01 08:01", tz="UTC"),
        "status": "completed",
        "docs_seen": 3,
        "docs_new": 2,
        "docs_unchanged": 0,
        "docs_quarantined": 1,
        "facts_extracted": 4,
        "facts_loaded": 3,
        "facts_quarantined": 1,
        "message": None,
        "extractor_version": "test",
        **counts,
    }
