"""Shared fixtures: the project root, the seed article, the company registry, and the
fact matcher that applies the matching rules of FACTS.md ("How a fact is matched").

The matcher is offered as a fixture (`fact_matcher`) rather than an importable module so
that test folders stay free of `__init__.py` files (a `tests/transforms` package would
shadow the real `transforms` package).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from transforms.entities import Registry, load_registry

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_FILE = SEEDS / "000_afe427c5a2169e78.txt"

# Relative tolerance of FACTS.md: "a value within 0.5 %".
VALUE_TOLERANCE = 0.005

# Keys an expected (partial) fact may carry; anything else is a typo in a case table.
EXPECT_KEYS = frozenset(
    {
        "metric",
        "kind",
        "value",
        "value_max",
        "unit",
        "qualifier",
        "direction",
        "period",
        "period_start",
        "period_end",
        "entity",
        "segment",
        "is_forecast",
        "alt_values",
        "note",
    }
)
REQUIRED_KEYS = ("metric", "kind", "value", "unit")


@pytest.fixture(scope="session")
def project_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def seed_path() -> Path:
    assert SEED_FILE.is_file(), f"the seed article is missing: {SEED_FILE}"
    return SEED_FILE


@pytest.fixture(scope="session")
def registry() -> Registry:
    """The company registry of seeds/companies.csv, loaded once."""
    loaded = load_registry(SEEDS / "companies.csv")
    assert loaded.aliases, "seeds/companies.csv gave an empty registry"
    return loaded


def _close(got: Any, want: float) -> bool:
    if not isinstance(got, int | float) or isinstance(got, bool) or not math.isfinite(got):
        return False
    if want == 0:
        return got == 0
    return abs(got - want) <= VALUE_TOLERANCE * abs(want)


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else [value]


def _contains(got: Any, keyword: str | None) -> bool:
    if keyword is None:
        return got is None
    return isinstance(got, str) and keyword.lower() in got.lower()


def mismatches(fact: Mapping[str, Any], exp: Mapping[str, Any]) -> list[str]:
    """Why `fact` (a Fact.to_dict()) does not match the expected partial fact `exp`.

    FACTS.md rules: same metric, kind and unit; value within 0.5 %; a compatible
    qualifier (none given means "eq"); a period among the allowed; entity and segment
    containing the expected keyword, case-insensitively.

    Defaults where a key is absent, so that an expectation cannot pass by accident:
    qualifier "eq", value_max null, segment null, is_forecast false, alt_values empty.
    direction, period, period_start/end and entity are only checked when given (a given
    null means "must be null").
    """
    why: list[str] = []
    for key in ("metric", "kind", "unit"):
        if fact.get(key) != exp[key]:
            why.append(f"{key} {fact.get(key)!r} != {exp[key]!r}")
    if not _close(fact.get("value"), float(exp["value"])):
        why.append(f"value {fact.get('value')!r} != {exp['value']!r}")
    want_max = exp.get("value_max")
    if want_max is None:
        if fact.get("value_max") is not None:
            why.append(f"value_max {fact.get('value_max')!r} != None")
    elif not _close(fact.get("value_max"), float(want_max)):
        why.append(f"value_max {fact.get('value_max')!r} != {want_max!r}")
    qualifiers = _as_list(exp.get("qualifier", "eq"))
    if fact.get("qualifier") not in qualifiers:
        why.append(f"qualifier {fact.get('qualifier')!r} not in {qualifiers!r}")
    if "direction" in exp and fact.get("direction") != exp["direction"]:
        why.append(f"direction {fact.get('direction')!r} != {exp['direction']!r}")
    if "period" in exp and fact.get("period") not in _as_list(exp["period"]):
        why.append(f"period {fact.get('period')!r} not in {_as_list(exp['period'])!r}")
    for key in ("period_start", "period_end"):
        if key in exp and fact.get(key) != exp[key]:
            why.append(f"{key} {fact.get(key)!r} != {exp[key]!r}")
    if "entity" in exp and not _contains(fact.get("entity"), exp["entity"]):
        why.append(f"entity {fact.get('entity')!r} lacks {exp['entity']!r}")
    if not _contains(fact.get("segment"), exp.get("segment")):
        why.append(f"segment {fact.get('segment')!r} lacks {exp.get('segment')!r}")
    if bool(fact.get("is_forecast")) != bool(exp.get("is_forecast", False)):
        why.append(f"is_forecast {fact.get('is_forecast')!r} != {exp.get('is_forecast', False)!r}")
    want_alt = exp.get("alt_values") or []
    got_alt = fact.get("alt_values") or []
    if not _alt_values_match(got_alt, want_alt):
        why.append(f"alt_values {got_alt!r} != {want_alt!r}")
    return why


def _alt_values_match(got: Sequence[Mapping[str, Any]], want: Sequence[Mapping[str, Any]]) -> bool:
    if len(got) != len(want):
        return False
    free = list(got)
    for w in want:
        hit = next(
            (g for g in free if g.get("unit") == w["unit"] and _close(g.get("value"), w["value"])),
            None,
        )
        if hit is None:
            return False
        free.remove(hit)
    return True


def max_matching(
    facts: Sequence[Mapping[str, Any]], expected: Sequence[Mapping[str, Any]]
) -> dict[int, int]:
    """A maximum one-to-one matching {expected index: fact index} (Kuhn's algorithm)."""
    edges = [[j for j, f in enumerate(facts) if not mismatches(f, e)] for e in expected]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(expected)):
        augment(i, set())
    return {i: j for j, i in owner.items()}


@dataclass
class MatchReport:
    """The outcome of matching extracted facts against expected ones."""

    facts: list[dict[str, Any]]
    expected: list[dict[str, Any]]
    optional: list[dict[str, Any]]
    pairs: dict[int, int]  # expected index -> fact index
    optional_pairs: dict[int, int]  # optional index -> fact index

    @property
    def missing(self) -> list[dict[str, Any]]:
        return [e for i, e in enumerate(self.expected) if i not in self.pairs]

    @property
    def extra(self) -> list[dict[str, Any]]:
        used = set(self.pairs.values()) | set(self.optional_pairs.values())
        return [f for j, f in enumerate(self.facts) if j not in used]

    def explain(self) -> str:
        lines = []
        for e in self.missing:
            lines.append(f"MISSING {_short(e)}")
            near = sorted(self.facts, key=lambda f: len(mismatches(f, e)))[:2]
            lines.extend(f"    nearest {_short(f)}: {'; '.join(mismatches(f, e))}" for f in near)
        lines.extend(f"EXTRA   {_short(f)}" for f in self.extra)
        return "\n".join(lines) or "all matched"


def _short(f: Mapping[str, Any]) -> str:
    keys = ("surface", "metric", "kind", "value", "value_max", "unit", "qualifier", "direction")
    keys += ("period", "entity", "segment", "is_forecast", "alt_values")
    return "{" + ", ".join(f"{k}={f[k]!r}" for k in keys if k in f) + "}"


def match_facts(
    facts: Iterable[Any],
    expected: Sequence[Mapping[str, Any]],
    optional: Sequence[Mapping[str, Any]] = (),
) -> MatchReport:
    """Match one to one: expected facts first, then optional ones against the rest."""
    rows = [f if isinstance(f, dict) else f.to_dict() for f in facts]
    for exp in [*expected, *optional]:
        unknown = set(exp) - EXPECT_KEYS
        assert not unknown, f"unknown keys {sorted(unknown)} in expectation {exp}"
        absent = [k for k in REQUIRED_KEYS if k not in exp]
        assert not absent, f"expectation lacks {absent}: {exp}"
    pairs = max_matching(rows, expected)
    rest = [j for j in range(len(rows)) if j not in set(pairs.values())]
    sub = max_matching([rows[j] for j in rest], optional)
    return MatchReport(
        rows, list(expected), list(optional), pairs, {i: rest[j] for i, j in sub.items()}
    )


class FactMatcher:
    """The matching rules as a fixture object: `fact_matcher.match(facts, expected)`."""

    mismatches = staticmethod(mismatches)
    match = staticmethod(match_facts)


@pytest.fixture(scope="session")
def fact_matcher() -> FactMatcher:
    return FactMatcher()
