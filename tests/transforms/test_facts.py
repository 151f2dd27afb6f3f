"""Case tables of business-news sentences (cases/facts_de.yaml, cases/facts_en.yaml).

Each case names what it covers and lists the facts a careful analyst reads from the
text, as partial facts matched by the rules of FACTS.md (see `mismatches` in
tests/conftest.py). `exact: true` means nothing else may be extracted; `optional`
facts may be extracted or not; `not_facts` are substrings no fact may cover. Known
failures of the current extractor carry `xfail: "reason"`: they are strict, so a fix
shows up as XPASS and the marker must go.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from transforms.documents import build_document
from transforms.extract import extract_facts
from transforms.schema import Fact

CASES = Path(__file__).parent / "cases"
TABLES = {"de": CASES / "facts_de.yaml", "en": CASES / "facts_en.yaml"}
CASE_KEYS = {"name", "text", "published", "expect", "optional", "exact", "xfail", "not_facts"}
CASE_KEYS |= {"note"}


def _normalise_expectation(exp: dict[str, Any]) -> dict[str, Any]:
    """YAML reads `2024` as int and `2025-03-14` as date; periods are strings."""
    out = dict(exp)
    for key in ("period", "period_start", "period_end"):
        if key in out and out[key] is not None:
            value = out[key]
            out[key] = [str(v) for v in value] if isinstance(value, list) else str(value)
    return out


def load_table(lang: str) -> list[dict[str, Any]]:
    data = yaml.safe_load(TABLES[lang].read_text(encoding="utf-8"))
    assert data["language"] == lang
    cases = data["cases"]
    for case in cases:
        unknown = set(case) - CASE_KEYS
        assert not unknown, f"{case.get('name')}: unknown keys {sorted(unknown)}"
        for exp in [*case.get("expect", []), *case.get("optional", [])]:
            for key in ("value", "value_max"):
                if exp.get(key) is not None:
                    # "3.2e9" is a string in YAML 1.1; write 3.2e+9 or 3200000000.
                    assert isinstance(exp[key], int | float), f"{case['name']}: {key} {exp[key]!r}"
        case["expect"] = [_normalise_expectation(e) for e in case.get("expect", [])]
        case["optional"] = [_normalise_expectation(e) for e in case.get("optional", [])]
        if isinstance(case.get("published"), dt.date):
            case["published"] = case["published"].isoformat()
    return cases


def case_params() -> list[Any]:
    params = []
    for lang in TABLES:
        for case in load_table(lang):
            marks = []
            if case.get("xfail"):
                marks.append(pytest.mark.xfail(strict=True, reason=case["xfail"]))
            params.append(pytest.param(lang, case, id=f"{lang}-{case['name']}", marks=marks))
    return params


def run_case(lang: str, case: dict[str, Any], registry) -> tuple[str, list[Fact]]:
    doc = build_document(
        case["text"], f"case:{case['name']}", language=lang, published=case.get("published")
    )
    return doc.text, extract_facts(doc, registry)


@pytest.mark.parametrize(("lang", "case"), case_params())
def test_case(lang: str, case: dict[str, Any], registry, fact_matcher) -> None:
    text, facts = run_case(lang, case, registry)
    for fact in facts:
        assert text[fact.start : fact.end] == fact.surface, fact
    report = fact_matcher.match(facts, case["expect"], case["optional"])
    assert not report.missing, f"{case['text']}\n{report.explain()}"
    if case.get("exact"):
        assert not report.extra, f"{case['text']}\n{report.explain()}"
    for needle in case.get("not_facts", []):
        start = text.find(needle)
        assert start >= 0, f"not_facts {needle!r} is not in the text"
        end = start + len(needle)
        covering = [f.surface for f in facts if f.start < end and start < f.end]
        assert covering == [], f"{needle!r} became a fact: {covering}"


@pytest.mark.parametrize("lang", list(TABLES))
def test_case_table_is_well_formed(lang: str) -> None:
    cases = load_table(lang)
    names = [c["name"] for c in cases]
    assert len(names) == len(set(names)), "case names must be unique"
    assert len(cases) >= 40
    for case in cases:
        assert case["name"].replace("_", "").isalnum(), case["name"]
        assert case["text"].strip(), case["name"]
        assert case["expect"] or case.get("exact"), f"{case['name']}: expects nothing"
        if case.get("xfail") is not None:
            assert isinstance(case["xfail"], str) and case["xfail"].strip(), case["name"]


def test_every_case_text_is_read_in_its_language() -> None:
    """The tables pin the language; detection must agree, or the tables test the wrong path."""
    from transforms.language import detect_language

    wrong = [
        (lang, c["name"])
        for lang in TABLES
        for c in load_table(lang)
        if len(c["text"].split()) >= 6 and detect_language(c["text"]) != lang
    ]
    assert wrong == []


# --- the matcher itself: it must be able to say no ------------------------------------

_FACT = {
    "surface": "3,2 Milliarden Euro",
    "metric": "revenue",
    "kind": "level",
    "value": 3.2e9,
    "value_max": None,
    "unit": "EUR",
    "qualifier": "eq",
    "direction": None,
    "period": "2024",
    "period_start": "2024-01-01",
    "period_end": "2024-12-31",
    "entity": "SAP",
    "segment": None,
    "is_forecast": False,
    "alt_values": [],
}
_EXPECT = {"metric": "revenue", "kind": "level", "value": 3.2e9, "unit": "EUR"}


def test_matcher_accepts_a_fact_within_half_a_percent(fact_matcher) -> None:
    assert fact_matcher.mismatches(_FACT | {"value": 3.215e9}, _EXPECT) == []
    assert fact_matcher.mismatches(_FACT, _EXPECT | {"period": ["2024", "FY2024"]}) == []
    assert fact_matcher.mismatches(_FACT, _EXPECT | {"entity": "sap"}) == []


def test_matcher_rejects_what_facts_md_rejects(fact_matcher) -> None:
    wrong = [
        ({"value": 3.22e9}, {}),
        ({"unit": "USD"}, {}),
        ({"kind": "change"}, {}),
        ({"qualifier": "approx"}, {}),
        ({"segment": "Cloud"}, {}),
        ({"period": "2024-Q4"}, {"period": "2024"}),
        ({"entity": None}, {"entity": "SAP"}),
        ({"entity": "Siemens"}, {"entity": "SAP"}),
        ({}, {"segment": "cloud"}),
        ({"value_max": 3.3e9, "qualifier": "range"}, {"qualifier": "range"}),
        ({"is_forecast": True}, {}),
        ({"alt_values": [{"value": 1e9, "unit": "USD"}]}, {}),
        ({}, {"alt_values": [{"value": 1e9, "unit": "USD"}]}),
        ({}, {"period": None}),
        ({"direction": "up"}, {"direction": None}),
    ]
    for change, expect in wrong:
        assert fact_matcher.mismatches(_FACT | change, _EXPECT | expect), (change, expect)


def test_matcher_matches_one_to_one(fact_matcher) -> None:
    report = fact_matcher.match([_FACT], [_EXPECT, _EXPECT])
    assert len(report.missing) == 1 and report.extra == []
    report = fact_matcher.match([_FACT, _FACT], [_EXPECT])
    assert report.missing == [] and len(report.extra) == 1
    report = fact_matcher.match([_FACT, _FACT], [_EXPECT], optional=[_EXPECT])
    assert report.missing == [] and report.extra == []


def test_matcher_prefers_a_complete_assignment(fact_matcher) -> None:
    """A greedy matcher would give the loose expectation the only fact the strict one fits."""
    strict = _EXPECT | {"entity": "SAP", "period": "2024"}
    loose = dict(_EXPECT)
    other = _FACT | {"entity": "Siemens"}
    report = fact_matcher.match([_FACT, other], [loose, strict])
    assert report.missing == [] and report.extra == []
