"""The three news corpora of ../shared through `kpiflow extract`, one process per corpus.

Checks that nothing fails and every fact points into its text, and prints facts per MB
and throughput beside one compiled-regex pass over the same texts (the baseline). Speed
is printed, never asserted: timings belong in benchmarks, not in pass/fail tests.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.eval, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
CORPORA = ROOT.parent / "shared" / "corpora"
CASES = [
    ("gnad10k_test_de/gnad10k_test.jsonl", "de"),
    ("financial_phrasebank_en/financial_phrasebank_50agree.jsonl", "en"),
    ("reuters21578_business/reuters21578_business.jsonl", "en"),
]
# The baseline: one pass of a single compiled pattern for figures with a unit.
BASELINE = re.compile(
    r"\d+(?:[.,]\d+)?\s?(?:%|Prozent|pct|percent|Mrd|Mio|Milliarden|Millionen|mln|bln"
    r"|million|billion|Euro|EUR|dlrs|dollars)"
)


@pytest.mark.parametrize(("relative", "lang"), CASES, ids=[c[0].split("/")[0] for c in CASES])
def test_corpus_runs_through_extract(relative: str, lang: str, eval_report):
    path = CORPORA / relative
    assert path.is_file(), f"{path} is missing: the evaluation tests need ../shared"
    texts = {}
    for line in path.open(encoding="utf-8"):
        record = json.loads(line)
        texts[record["id"]] = record["text"]
    megabytes = sum(len(t.encode("utf-8")) for t in texts.values()) / 1e6

    started = time.perf_counter()
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "flows.cli",
            "extract",
            "--format",
            "jsonl",
            "--lang",
            lang,
            str(path),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    seconds = time.perf_counter() - started
    assert out.returncode == 0, out.stderr[-2000:]
    facts = [json.loads(line) for line in out.stdout.splitlines()]
    for fact in facts:
        text = texts[fact["corpus_id"]]
        assert text[fact["start"] : fact["end"]] == fact["surface"], fact

    started = time.perf_counter()
    hits = sum(len(BASELINE.findall(t)) for t in texts.values())
    baseline_seconds = time.perf_counter() - started
    eval_report(
        f"{relative.split('/')[0]}: {megabytes:.2f} MB, {len(texts)} documents, "
        f"{len(facts)} facts ({len(facts) / megabytes:.0f} per MB); extract "
        f"{megabytes / seconds:.2f} MB/s (process incl. start-up), regex baseline "
        f"{megabytes / baseline_seconds:.1f} MB/s ({hits} hits), ratio "
        f"{(megabytes / baseline_seconds) / (megabytes / seconds):.0f}x"
    )
    assert facts, "a business-news corpus without a single fact means the extractor is broken"
