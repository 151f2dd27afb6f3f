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


# -- the analyst views and named queries ---------------------------------------------------
#
# Alibaba's December quarter 2024 as the seed article states it (doc-q4), restated in a
# later article (doc-restated, a newer publication date) and, for the Cloud segment, in
# a second article of the same day that a later run loads (doc-same-day).

CNY_PER_EUR = 7.5833  # the ECB reference rate of 2024-12-31
USD_PER_EUR = 1.0389

PERIOD_BOUNDS = {
    "2024-Q3": ("2024-07-01", "2024-09-30"),
    "2024-Q4": ("2024-10-01", "2024-12-31"),
    "2024": ("2024-01-01", "2024-12-31"),
    "2025": ("2025-01-01", "2025-12-31"),
}

VIEW_DOCUMENTS = {
    "doc-q4": ("seeds/alibaba-q4.txt", "2025-02-21"),
    "doc-restated": ("seeds/alibaba-restated.txt", "2025-03-01"),
    "doc-same-day": ("seeds/alibaba-cloud.txt", "2025-02-21"),
}


def stated(
    doc_id: str,
    metric: str,
    kind: str,
    value: float,
    unit: str,
    *,
    entity: str | None = "Alibaba",
    segment: str | None = None,
    period: str | None = "2024-Q4",
    **changes: Any,
) -> Fact:
    """A fact as the extractor would give it, with its EUR value where a rate exists."""
    start, end = PERIOD_BOUNDS.get(period, (None, None))
    rates = {"EUR": 1.0, "CNY": CNY_PER_EUR, "USD": USD_PER_EUR}
    fx = {}
    if unit in rates:
        fx = {"value_eur": value / rates[unit], "fx_rate": rates[unit], "fx_date": "2024-12-31"}
    elif unit not in ("percent", "pp", "x", "count"):
        fx = {"fx_note": f"no ECB reference rate for {unit}"}
    fact = Fact(
        doc_id=doc_id,
        language="de",
        sentence=0,
        start=0,
        end=len(str(value)),
        surface=str(value),
        entity=entity,
        segment=segment,
        metric=metric,
        kind=kind,
        value=value,
        unit=unit,
        period=period,
        period_start=start,
        period_end=end,
        direction="up" if kind == "change" else None,
        **fx,
    )
    return replace(fact, **changes)


def q4_facts() -> list[Fact]:
    facts = [stated("doc-q4", "revenue", "level", 280e9, "CNY")]
    facts.append(stated("doc-q4", "revenue", "change", 8.0, "percent"))
    for segment, level, change in (
        ("Cloud", 31.7e9, 13.0),
        ("International Commerce", 37.8e9, 32.0),
        ("China Commerce", 136e9, 5.0),
    ):
        facts.append(stated("doc-q4", "revenue", "level", level, "CNY", segment=segment))
        facts.append(stated("doc-q4", "revenue", "change", change, "percent", segment=segment))
    facts += [
        stated("doc-q4", "capex", "level", 72.5e9, "CNY", period="2024"),
        stated("doc-q4", "capex", "level", 10e9, "USD", period="2024"),  # the same, in USD
        stated("doc-q4", "capex", "level", 31.8e9, "CNY"),  # inside 2024: not added again
        stated("doc-q4", "capex", "level", 380e9, "CNY", period="2025", is_forecast=True),
        stated("doc-q4", "share_price", "change", 12.6, "percent", period="2025-02-21"),
        stated("doc-q4", "revenue", "change", 3.0, "percent", entity="Tencent", direction="down"),
        stated("doc-q4", "revenue", "level", 86.9e9, "TWD", entity="TSMC"),
        stated("doc-q4", "operating_income", "level", 10.5e9, "EUR", entity="SAP", period="2025"),
    ]
    return facts


def restated_facts() -> list[Fact]:
    return [stated("doc-restated", "revenue", "level", 281e9, "CNY")]


def same_day_facts() -> list[Fact]:
    return [stated("doc-same-day", "revenue", "level", 31.9e9, "CNY", segment="Cloud")]


def view_run(run_id: str, facts: list[Fact]) -> RunInput:
    """A run loading `facts` and their documents; fact_ids are <doc_id>-<n>."""
    doc_ids = sorted({fact.doc_id for fact in facts})
    documents = documents_frame(
        *(
            Document(
                doc_id=doc_id,
                text=f"Text of {doc_id}",
                source=VIEW_DOCUMENTS[doc_id][0],
                language="de",
                published=VIEW_DOCUMENTS[doc_id][1],
            )
            for doc_id in doc_ids
        )
    )
    numbered = [(f"{fact.doc_id}-{n:02d}", fact) for n, fact in enumerate(facts)]
    counts = {"docs_seen": len(doc_ids), "docs_new": len(doc_ids), "docs_quarantined": 0}
    return RunInput(
        run=run_row(run_id, facts_extracted=len(facts), facts_loaded=len(facts), **counts),
        documents=documents,
        facts=facts_frame(numbered),
        quarantine=pd.DataFrame(),
        dq_results=pd.DataFrame(),
    )


def dimension_frames() -> dict[str, pd.DataFrame]:
    """Small companies, currencies and metrics tables, as load_dimensions takes them."""
    return {
        "companies": pd.DataFrame(
            {
                "canonical_name": ["Alibaba", "SAP", "Tencent"],
                "aliases": [["Alibaba Group", "BABA"], ["SAP SE"], []],
                "country": ["CN", "DE", "CN"],
                "fiscal_year_end_month": [3, 12, 12],
            }
        ),
        "currencies": pd.DataFrame(
            {
                "code": ["CNY", "EUR", "TWD", "USD"],
                "name": ["Chinese Yuan", "Euro", "New Taiwan Dollar", "US Dollar"],
                "has_ecb_rates": [True, True, False, True],
            }
        ),
        "metrics": pd.DataFrame(
            {
                "metric": ["capex", "revenue"],
                "label_en": ["Capital expenditure", "Revenue"],
                "label_de": ["Investitionen", "Umsatz"],
                "description": [None, "Sales of goods and services in the period"],
            }
        ),
    }
