"""The three news corpora of ../shared through `kpiflow extract`, one process per corpus.

Checks that nothing fails and every fact points into its text, and prints facts per MB
and throughput beside one compiled-regex pass over the same texts (the baseline). Speed
is printed, never asserted: timings belong in benchmarks, not in pass/fail tests.

Three rates are printed, because a corpus of a few MB is read in about the time Python
takes to start: the whole `kpiflow extract` process, its start-up alone (an empty
input), and the steady rate of one process once started (reading and extracting in
this process, what a long-running worker sees).
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
def test_corpus_runs_through_extract(relative: str, lang: str, eval_report, tmp_path):
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

    hits = sum(len(BASELINE.findall(t)) for t in texts.values())
    startup = _startup_seconds(tmp_path)
    steady, baseline_seconds = _in_process_seconds(path, lang, list(texts.values()))
    baseline = megabytes / baseline_seconds
    eval_report(
        f"{relative.split('/')[0]}: {megabytes:.2f} MB, {len(texts)} documents, "
        f"{len(facts)} facts ({len(facts) / megabytes:.0f} per MB)",
        f"  extract, steady rate in one process (best of 3): {megabytes / steady:.2f} MB/s "
        f"(regex baseline {baseline:.1f} MB/s, {hits} hits; "
        f"ratio {baseline * steady / megabytes:.1f}x)",
        # The machine's speed drifts during a session (the regex pass itself has run at
        # 25 to 90 MB/s here), so the rate is also given against the baseline.
        f"  scaled to the issue's 79 MB/s regex pass: {79 * (megabytes / steady) / baseline:.1f}"
        " MB/s (target 10)",
        f"  extract, whole process: {megabytes / seconds:.2f} MB/s "
        f"({seconds:.2f} s, of which start-up {startup:.2f} s)",
    )
    assert facts, "a business-news corpus without a single fact means the extractor is broken"


def _startup_seconds(tmp_path: Path) -> float:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "flows.cli", "extract", "--lang", "en", str(empty)],
        capture_output=True,
        cwd=ROOT,
        check=True,
    )
    return time.perf_counter() - started


def _in_process_seconds(path: Path, lang: str, texts: list[str]) -> tuple[float, float]:
    """Reading and extraction as `kpiflow extract` does them, once imports and the
    exchange-rate table are loaded; and the baseline regex pass over the same texts,
    each timed in turn with the other, so that both see the same machine."""
    from transforms.documents import Document, Overrides, build_document, read_input
    from transforms.entities import load_registry
    from transforms.extract import extract_facts
    from transforms.fx import add_eur_values
    from transforms.schema import Fact

    registry = load_registry(ROOT / "seeds" / "companies.csv")
    warm = Fact("x", lang, 0, 0, 1, "1", metric="revenue", kind="level", value=1.0, unit="USD")
    add_eur_values([warm], "2020-01-02")  # loads the ECB table, as the first fact would
    # Patterns compile on first use: one short text per language does that before timing.
    for text, language in (
        ("Der Umsatz von SAP stieg um 5 Prozent.", "de"),
        ("Revs rose 5 pct.", "en"),
    ):
        extract_facts(build_document(text, "warm-up", language=language), registry)
    # Best of three passes, as benchmarks report: one pass is at the mercy of the machine.
    runs, baseline = [], []
    for _ in range(3):
        started = time.perf_counter()
        for doc in read_input(str(path), Overrides(language=lang)):
            if isinstance(doc, Document):
                for fact in extract_facts(doc, registry):
                    fact.contract_dict()
        runs.append(time.perf_counter() - started)
        started = time.perf_counter()
        for text in texts:
            BASELINE.findall(text)
        baseline.append(time.perf_counter() - started)
    return min(runs), min(baseline)
