"""The expectations of each gate, as data: name, severity, description, GX type, arguments.

Kept apart from `flows.gates` so the README and `kpiflow` can list them without importing
GX; the GX objects are built from these specs once per process.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from transforms.schema import (
    DIRECTIONS,
    KINDS,
    LANGUAGES,
    METRICS,
    NON_MONEY_UNITS,
    QUALIFIERS,
    is_finite_number,
    iso_currencies,
)


@dataclass(frozen=True, eq=False)
class ExpectationSpec:
    """One named expectation. `kwargs` values may be zero-argument callables, resolved when
    the suite is built, so that listing expectations needs neither GX nor Babel.

    A rule no GX expectation states directly validates a helper column: `derive` computes
    `column` from the frame's `inputs` columns before validation. `inputs` also names the
    columns a `row_condition` reads.
    """

    name: str
    severity: str  # "error" blocks the stage, "warning" quarantines the failing rows
    description: str
    gx_type: str  # class name in great_expectations.expectations
    kwargs: Mapping[str, Any | Callable[[], Any]]
    inputs: tuple[str, ...] = ()
    derive: Callable[[pd.DataFrame], pd.Series] | None = None

    @property
    def columns(self) -> tuple[str, ...]:
        keys = ("column", "column_A", "column_B")
        return tuple(self.kwargs[k] for k in keys if k in self.kwargs)

    @property
    def source_columns(self) -> tuple[str, ...]:
        """The columns the checked frame must have (a derived column is not one of them)."""
        return (*(() if self.derive else self.columns), *self.inputs)

    @property
    def column(self) -> str | None:
        """The column named in dq_results; a pair check is filed under its first column."""
        return self.columns[0] if self.columns else None


def _known_units() -> list[str]:
    return sorted(iso_currencies()) + list(NON_MONEY_UNITS)


def _not_null(stage: str, column: str, severity: str = "warning") -> ExpectationSpec:
    return ExpectationSpec(
        f"{stage}.{column}_not_null",
        severity,
        f"{column} is present",
        "ExpectColumnValuesToNotBeNull",
        {"column": column},
    )


def _unique(stage: str, column: str, why: str) -> ExpectationSpec:
    return ExpectationSpec(
        f"{stage}.{column}_unique",
        "error",
        f"no {column} occurs twice {why}",
        "ExpectColumnValuesToBeUnique",
        {"column": column},
    )


def _known(stage: str, column: str, values: Any, what: str) -> ExpectationSpec:
    # GX map expectations skip nulls: a missing value is the *_not_null check's business.
    return ExpectationSpec(
        f"{stage}.{column}_known",
        "warning",
        f"{column}, when present, is {what}",
        "ExpectColumnValuesToBeInSet",
        {"column": column, "value_set": values},
    )


DOCUMENT_CHECKS: tuple[ExpectationSpec, ...] = (
    _not_null("documents", "doc_id", "error"),
    # The flow drops repeated texts (same doc_id) before this gate, so a duplicate here
    # means two different texts got one id: a bug, not input.
    _unique("documents", "doc_id", "in one run's documents (repeated texts are dropped first)"),
    _not_null("documents", "source", "error"),
    _not_null("documents", "text"),
    ExpectationSpec(
        "documents.text_not_blank",
        "warning",
        "text holds at least one non-whitespace character",
        "ExpectColumnValuesToMatchRegex",
        {"column": "text", "regex": r"\S"},
    ),
    # A null language passes: the extractor detects it, and quarantining every document
    # without metadata would stop the pipeline.
    _known("documents", "language", list(LANGUAGES), "one of LANGUAGES (de, en)"),
    ExpectationSpec(
        "documents.published_is_date",
        "warning",
        "published, when present, is an ISO date YYYY-MM-DD",
        "ExpectColumnValuesToMatchStrftimeFormat",
        {"column": "published", "strftime_format": "%Y-%m-%d"},
    ),
)

# fact_id and doc_id tie a fact to the warehouse: without them nothing can be loaded.
_FACT_KEYS = ("fact_id", "doc_id")
_FACT_REQUIRED = (
    *_FACT_KEYS,
    "language",
    "sentence",
    "start",
    "end",
    "surface",
    "metric",
    "kind",
    "value",
    "unit",
    "qualifier",
    "is_forecast",
)

FACT_CHECKS: tuple[ExpectationSpec, ...] = (
    *(_not_null("facts", c, "error" if c in _FACT_KEYS else "warning") for c in _FACT_REQUIRED),
    _unique("facts", "fact_id", "in one run's facts"),
    _known("facts", "language", list(LANGUAGES), "one of LANGUAGES"),
    _known("facts", "metric", list(METRICS), "one of METRICS"),
    _known("facts", "kind", list(KINDS), "one of KINDS"),
    _known("facts", "qualifier", list(QUALIFIERS), "one of QUALIFIERS"),
    _known("facts", "direction", list(DIRECTIONS), "one of DIRECTIONS"),
    _known("facts", "unit", _known_units, "an ISO 4217 code or one of NON_MONEY_UNITS"),
    ExpectationSpec(
        "facts.start_non_negative",
        "warning",
        "start >= 0",
        "ExpectColumnValuesToBeBetween",
        {"column": "start", "min_value": 0},
    ),
    ExpectationSpec(
        "facts.end_after_start",
        "warning",
        "end > start",
        "ExpectColumnPairValuesAToBeGreaterThanB",
        {
            "column_A": "end",
            "column_B": "start",
            "or_equal": False,
            "ignore_row_if": "either_value_is_missing",
        },
    ),
    # NaN counts as null in GX, so facts.value_not_null reports it; this catches +-inf.
    ExpectationSpec(
        "facts.value_finite",
        "warning",
        "value is finite (NaN is reported by facts.value_not_null)",
        "ExpectColumnValuesToBeBetween",
        {"column": "value", "min_value": -sys.float_info.max, "max_value": sys.float_info.max},
    ),
    ExpectationSpec(
        "facts.value_max_not_below_value",
        "warning",
        "value_max >= value when value_max is present",
        "ExpectColumnPairValuesAToBeGreaterThanB",
        {
            "column_A": "value_max",
            "column_B": "value",
            "or_equal": True,
            "ignore_row_if": "either_value_is_missing",
        },
    ),
    ExpectationSpec(
        "facts.is_forecast_boolean",
        "warning",
        "is_forecast is true or false",
        "ExpectColumnValuesToBeOfType",
        {"column": "is_forecast", "type_": "bool"},
    ),
)

# A restated amount ("Rmb72,5 Milliarden (10 Milliarden Euro)") is the article's own
# conversion; beyond this relative distance from value_eur one of the two is misread.
RESTATEMENT_TOLERANCE = 0.15


def restatement_gap(frame: pd.DataFrame) -> pd.Series:
    """Per fact, the largest relative distance |alt - value_eur| / |value_eur| of its EUR
    alt_values; null when it has none or no value_eur."""
    pairs = zip(frame["alt_values"], frame["value_eur"], strict=True)
    return pd.Series([_eur_gap(alts, eur) for alts, eur in pairs], frame.index, "float64")


def _eur_gap(alt_values: Any, value_eur: Any) -> float | None:
    if not is_finite_number(value_eur) or not isinstance(alt_values, list | tuple | np.ndarray):
        return None
    euro_alts = [alt for alt in alt_values if isinstance(alt, Mapping) and alt.get("unit") == "EUR"]
    amounts = [alt["value"] for alt in euro_alts if is_finite_number(alt.get("value"))]
    if not amounts:
        return None
    if value_eur == 0:  # nothing to scale by: any non-zero restatement is off
        return max(0.0 if amount == 0 else math.inf for amount in amounts)
    return max(abs(amount - value_eur) / abs(value_eur) for amount in amounts)


# Pandas query syntax for GX's row_condition: the rows a conditional expectation checks.
_MONEY_WITH_RATE = f"unit.notnull() & unit not in {list(NON_MONEY_UNITS)!r} & fx_note.isnull()"

FACT_CONSISTENCY_CHECKS: tuple[ExpectationSpec, ...] = (
    ExpectationSpec(
        "facts.value_eur_present",
        "warning",
        "a money fact has value_eur unless fx_note says why no rate exists",
        "ExpectColumnValuesToNotBeNull",
        {"column": "value_eur", "row_condition": _MONEY_WITH_RATE, "condition_parser": "pandas"},
        inputs=("unit", "fx_note"),
    ),
    ExpectationSpec(
        "facts.period_bounds_ordered",
        "warning",
        "period_start <= period_end when both are present",
        "ExpectColumnPairValuesAToBeGreaterThanB",
        {
            "column_A": "period_end",
            "column_B": "period_start",
            "or_equal": True,
            "ignore_row_if": "either_value_is_missing",
        },
    ),
    ExpectationSpec(
        "facts.share_price_has_entity",
        "warning",
        "a share_price fact names whose share it is (entity)",
        "ExpectColumnValuesToNotBeNull",
        {
            "column": "entity",
            "row_condition": 'metric == "share_price"',
            "condition_parser": "pandas",
        },
        inputs=("metric",),
    ),
    ExpectationSpec(
        "facts.restatement_consistent",
        "warning",
        f"an EUR amount in alt_values is within {RESTATEMENT_TOLERANCE:.0%} of value_eur",
        "ExpectColumnValuesToBeBetween",
        {"column": "restatement_gap", "max_value": RESTATEMENT_TOLERANCE},
        inputs=("alt_values", "value_eur"),
        derive=restatement_gap,
    ),
)

# The warehouse gate validates the frame of SQL check results; each failing row is
# reported under its own check's name, these two only find the rows.
WAREHOUSE_CHECKS: tuple[ExpectationSpec, ...] = (
    ExpectationSpec(
        "warehouse.check_passed",
        "error",
        "every SQL check of warehouse/checks.py succeeded (reported per check)",
        "ExpectColumnValuesToBeInSet",
        {"column": "success", "value_set": [True]},
    ),
    ExpectationSpec(
        "warehouse.check_ran",
        "error",
        "every SQL check reported a result (reported per check)",
        "ExpectColumnValuesToNotBeNull",
        {"column": "success"},
    ),
)

EXPECTATIONS: dict[str, tuple[ExpectationSpec, ...]] = {
    "documents": DOCUMENT_CHECKS,
    "facts": FACT_CHECKS + FACT_CONSISTENCY_CHECKS,
    "warehouse": WAREHOUSE_CHECKS,
}
