"""Fixtures for warehouse tests; the data itself lives in warehouse_cases.py."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from warehouse_cases import (
    ALIBABA_TEXT,
    SAP_TEXT,
    RunInput,
    alibaba_facts,
    documents_frame,
    facts_frame,
    run_row,
    sap_facts,
)

import warehouse
from transforms.schema import Document


@pytest.fixture
def warehouse_path(tmp_path: Path) -> Path:
    # A folder that does not exist yet: connect_writer must create it.
    return tmp_path / "warehouse" / "kpiflow.duckdb"


@pytest.fixture
def first_run() -> RunInput:
    documents = documents_frame(
        Document(
            doc_id="doc-alibaba",
            text=ALIBABA_TEXT,
            source="seeds/alibaba.txt",
            title="Alibaba wächst",
            language="de",
            published="2025-02-21",
            metadata={"feed": "test"},
        ),
        Document(
            doc_id="doc-sap",
            text=SAP_TEXT,
            source="seeds/sap.txt",
            title="SAP Ausblick",
            language="de",
            published="2025-01-28",
        ),
    )
    quarantine = pd.DataFrame(
        [
            {
                "stage": "transform",
                "source": "seeds/empty.txt",
                "doc_id": None,
                "reason": "empty text",
                "payload": {"source": "seeds/empty.txt", "text": ""},
            },
            {
                "stage": "transform",
                "source": "seeds/sap.txt",
                "doc_id": "doc-sap",
                "reason": "period_end before period_start",
                "payload": {"surface": "2025"},
            },
        ]
    )
    dq_results = pd.DataFrame(
        [
            {
                "stage": "transform",
                "expectation": "expect_column_values_to_be_in_set",
                "column_name": "metric",
                "severity": "error",
                "success": True,
                "unexpected_count": 0,
                "element_count": 4,
                "details": {"value_set": ["revenue", "operating_income"]},
            }
        ]
    )
    return RunInput(
        run=run_row("run-1"),
        documents=documents,
        facts=facts_frame(alibaba_facts() + sap_facts()),
        quarantine=quarantine,
        dq_results=dq_results,
    )


@pytest.fixture
def loaded_warehouse(warehouse_path, first_run) -> Path:
    """A warehouse holding run-1."""
    warehouse.load_run(warehouse_path, *first_run.load_args())
    return warehouse_path
