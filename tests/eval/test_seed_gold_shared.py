"""The seed against ../shared/eval/seed-gold.json itself, through `kpiflow extract`.

tests/transforms/test_seed_gold.py checks the project's own copy of the gold; this test
makes sure that copy still says what the shared gold says, and runs the command line
exactly as an evaluation would.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.eval

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"


def shared_gold() -> dict:
    path = SHARED / "eval" / "seed-gold.json"
    assert path.is_file(), f"{path} is missing: the evaluation tests need ../shared"
    return json.loads(path.read_text(encoding="utf-8"))["docs"][0]


def test_project_copy_of_the_gold_matches_the_shared_gold():
    ours = json.loads((ROOT / "tests/transforms/cases/seed_expected.json").read_text("utf-8"))
    gold = shared_gold()
    assert ours["facts"] == gold["facts"]
    # The shared gold's optional EUR fact is, in this project, the capex fact's alt_values.
    restated = [(o["value"], o["unit"]) for o in gold.get("optional", [])]
    assert restated == [(10e9, "EUR")], restated
    assert ours["published"] == gold["published"]


def test_kpiflow_extract_on_the_shared_seed_yields_exactly_the_gold(fact_matcher, eval_report):
    gold = shared_gold()
    seed = SHARED / "seeds" / gold["text_file"]
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "flows.cli",
            "extract",
            "--format",
            "jsonl",
            "--lang",
            gold["lang"],
            "--published",
            gold["published"],
            str(seed),
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    facts = [json.loads(line) for line in out.stdout.splitlines()]
    expected = [{k: v for k, v in f.items() if k != "note"} for f in gold["facts"]]
    report = fact_matcher.match(facts, expected)
    eval_report(f"seed gold: {len(facts)} facts extracted, {len(expected)} expected")
    assert not report.missing and not report.extra, report.explain()
    text = seed.read_text(encoding="utf-8")
    assert all(text[f["start"] : f["end"]] == f["surface"] for f in facts)
