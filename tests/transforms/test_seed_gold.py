"""The seed article must yield exactly its 14 stated facts (cases/seed_expected.json).

The expected facts are a copy of ../shared/eval/seed-gold.json kept beside this test, so
the project's own suite needs nothing outside the project.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from transforms.batch import extract_batch
from transforms.documents import Rejected, read_input
from transforms.extract import extract_facts, extract_quantities
from transforms.schema import Document, Fact

CASES = Path(__file__).parent / "cases"
EXPECTED = json.loads((CASES / "seed_expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_doc(seed_path: Path) -> Document:
    docs = list(read_input(str(seed_path)))
    assert len(docs) == 1 and isinstance(docs[0], Document), docs
    return docs[0]


@pytest.fixture(scope="module")
def seed_facts(seed_doc: Document, registry) -> list[Fact]:
    return extract_facts(seed_doc, registry)


def _spans(text: str, needle: str) -> list[tuple[int, int]]:
    found = [(m.start(), m.end()) for m in re.finditer(re.escape(needle), text)]
    assert found, f"{needle!r} does not occur in the seed; the test data is stale"
    return found


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def test_seed_metadata_comes_from_the_sidecar(seed_doc: Document) -> None:
    assert seed_doc.language == EXPECTED["language"]
    assert seed_doc.published == EXPECTED["published"]
    assert seed_doc.title == EXPECTED["title"]
    assert seed_doc.source.endswith(Path(EXPECTED["source"]).name)


def test_seed_yields_exactly_the_gold_facts(seed_facts: list[Fact], fact_matcher) -> None:
    report = fact_matcher.match(seed_facts, EXPECTED["facts"])
    assert not report.missing and not report.extra, report.explain()
    assert len(seed_facts) == len(EXPECTED["facts"]) == 14


def test_seed_restatement_is_only_an_alt_value(seed_doc: Document, seed_facts) -> None:
    rest = EXPECTED["restatement"]
    (span,) = _spans(seed_doc.text, rest["surface"])
    assert not [f for f in seed_facts if _overlaps((f.start, f.end), span)]
    holders = [f for f in seed_facts if f.alt_values]
    assert [f.surface for f in holders] == [rest["of"]]
    assert holders[0].metric == "capex" and holders[0].unit == "CNY"
    assert holders[0].alt_values == [{"value": rest["value"], "unit": rest["unit"]}]


def test_seed_facts_point_into_the_text(seed_doc: Document, seed_facts) -> None:
    for fact in seed_facts:
        assert seed_doc.text[fact.start : fact.end] == fact.surface, fact
        assert fact.doc_id == seed_doc.doc_id
        assert fact.language == "de"


def test_seed_facts_are_reported_not_forecast(seed_facts) -> None:
    assert [f.surface for f in seed_facts if f.is_forecast] == []


def test_seed_periods_have_calendar_bounds(seed_facts) -> None:
    bounds = {f.period: (f.period_start, f.period_end) for f in seed_facts}
    assert bounds["2024"] == ("2024-01-01", "2024-12-31")
    assert bounds["2024-Q4"] == ("2024-10-01", "2024-12-31")
    assert bounds["2025-02-21"] == ("2025-02-21", "2025-02-21")
    assert bounds["2025-YTD"] == ("2025-01-01", "2025-02-21")


def test_seed_boilerplate_is_the_credit_and_the_reader_question(seed_doc: Document) -> None:
    text = seed_doc.text
    lines = text.split("\n")
    first, last = EXPECTED["boilerplate"]["first_line"], EXPECTED["boilerplate"]["last_line"]
    assert lines[0] == first and lines[-1] == last
    assert seed_doc.boilerplate == [(0, len(first)), (len(text) - len(last), len(text))]


def test_seed_boilerplate_yields_nothing(seed_doc: Document, seed_facts) -> None:
    quantities = extract_quantities(seed_doc)
    for span in seed_doc.boilerplate:
        assert not [f for f in seed_facts if _overlaps((f.start, f.end), span)]
        assert not [q for q in quantities if _overlaps((q.start, q.end), span)]


@pytest.mark.parametrize("item", EXPECTED["must_not"], ids=lambda i: i["surface"])
def test_seed_must_not(item: dict, seed_doc: Document, seed_facts) -> None:
    quantities = extract_quantities(seed_doc)
    for span in _spans(seed_doc.text, item["surface"]):
        hits = [f.surface for f in seed_facts if _overlaps((f.start, f.end), span)]
        hits += [q.surface for q in quantities if _overlaps((q.start, q.end), span)]
        assert hits == [], f"{item['surface']!r}: {item['why']}"


def test_seed_years_are_never_values(seed_facts) -> None:
    assert not [f for f in seed_facts if f.value in (2020, 2024, 2025)]


def test_seed_through_the_batch_function(seed_doc: Document, registry, fact_matcher) -> None:
    """The Prefect/Dask unit of work sees the same facts as extract_facts."""
    out = extract_batch([seed_doc.to_dict()], registry)
    assert out["errors"] == []
    report = fact_matcher.match(out["facts"], EXPECTED["facts"])
    assert not report.missing and not report.extra, report.explain()
    assert len({row["fact_id"] for row in out["facts"]}) == 14


def test_seed_path_is_not_rejected(seed_path: Path) -> None:
    assert not [r for r in read_input(str(seed_path)) if isinstance(r, Rejected)]
