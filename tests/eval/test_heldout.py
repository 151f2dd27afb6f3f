"""Precision, recall and F1 on held-out sentences (tests/eval/heldout/facts_*.yaml).

The held-out tables were written blind: by someone who read FACTS.md and the styles of
the corpora, but neither the extractor nor its case tables. They stand in for the
"German and English business texts you have not seen" the extractor is judged on, so
no case here is tuned for; failures are reported, not marked xfail.

Scoring follows FACTS.md: an extracted fact counts as correct when it matches a stated
one one-to-one (the matcher in tests/conftest.py); `optional` facts neither help nor
hurt; every other extracted fact lowers precision.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from transforms.documents import build_document
from transforms.extract import extract_facts

pytestmark = pytest.mark.eval

HELDOUT = Path(__file__).parent / "heldout"
# The aim is 0.95; the floor only guards against a collapse (the newest blind
# sets start near 0.75), and the printed figures say where the extractor stands.
F1_FLOOR = 0.70


def _cases(table: str, lang: str) -> list[dict]:
    data = yaml.safe_load((HELDOUT / f"{table}_{lang}.yaml").read_text(encoding="utf-8"))
    assert data["language"] == lang
    for case in data["cases"]:
        if isinstance(case.get("published"), dt.date):
            case["published"] = case["published"].isoformat()
        for exp in [*case.get("expect", []), *case.get("optional", [])]:
            value = exp.get("period")
            if value is not None:  # YAML reads 2024 as a number; a list allows several
                exp["period"] = [str(v) for v in value] if isinstance(value, list) else str(value)
    return data["cases"]


# Nine blind sets, written one after the other the same way (the fourth in the corpora's
# styles, the fifth and seventh as mini-articles like the seed). After each first score
# its misses were studied and fixed as general rules, so only each set's first score was
# blind: facts 0.81 de / 0.77 en, second 0.84 / 0.68, third 0.83 / 0.79, fourth 0.64 /
# 0.82, fifth 0.67 / 0.87, sixth 0.77 / 0.73, seventh 0.75 / 0.73, eighth 0.72 / 0.75,
# ninth 0.69 / 0.81. The eighth was scored again, its misses still unread, after the
# seventh's and ninth's fixes: 0.83 / 0.77.
TABLES = [
    (table, lang)
    for table in (
        "facts",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
    )
    for lang in ("de", "en")
    if (HELDOUT / f"{table}_{lang}.yaml").exists()
]


@pytest.mark.parametrize(("table", "lang"), TABLES)
def test_heldout_f1(table: str, lang: str, registry, fact_matcher, eval_report) -> None:
    cases = _cases(table, lang)
    stated = extracted = correct = 0
    failures = []
    for case in cases:
        doc = build_document(
            case["text"], f"heldout:{case['name']}", language=lang, published=case.get("published")
        )
        facts = extract_facts(doc, registry)
        report = fact_matcher.match(facts, case.get("expect") or [], case.get("optional") or [])
        stated += len(report.expected)
        correct += len(report.pairs)
        extracted += len(report.facts) - len(report.optional_pairs)
        if report.missing or report.extra:
            failures.append(f"  {case['name']}:\n" + _indent(report.explain()))
    precision = correct / extracted if extracted else 1.0
    recall = correct / stated if stated else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    eval_report(
        f"held-out {table} {lang}: {len(cases)} cases, {stated} stated facts, "
        f"{extracted} extracted, {correct} correct: "
        f"precision {precision:.3f}, recall {recall:.3f}, F1 {f1:.3f}",
        *failures,
    )
    assert f1 >= F1_FLOOR, f"held-out {table} {lang} F1 {f1:.3f} fell below {F1_FLOOR}"


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())
