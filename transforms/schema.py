"""The metric-fact contract (../shared/contracts/FACTS.md) as plain data.

Every layer imports its field names and vocabularies from here so that the extractor,
the gates and the warehouse cannot drift apart.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

LANGUAGES = ("de", "en")
KINDS = ("level", "change", "ratio")
QUALIFIERS = ("eq", "gt", "ge", "lt", "le", "approx", "range")
DIRECTIONS = ("up", "down")
NON_MONEY_UNITS = ("percent", "pp", "x", "count")
METRICS = (
    "revenue",
    "operating_income",
    "operating_margin",
    "net_income",
    "ebitda",
    "capex",
    "free_cash_flow",
    "share_price",
    "market_cap",
    "deliveries",
    "employees",
    "dividend",
    "other",
)

# Field order of FACTS.md; `kpiflow extract` prints them in this order.
FACT_FIELDS = (
    "doc_id",
    "language",
    "sentence",
    "start",
    "end",
    "surface",
    "entity",
    "segment",
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
    "is_forecast",
    "alt_values",
    "value_eur",
)
QUANTITY_FIELDS = ("start", "end", "surface", "value", "value_max", "unit", "qualifier")


@lru_cache(maxsize=1)
def iso_currencies() -> frozenset[str]:
    """ISO 4217 codes, current and historical (LVL, DEM), as CLDR knows them via Babel."""
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


def is_valid_unit(unit: str | None) -> bool:
    return unit in NON_MONEY_UNITS or (unit is not None and unit in iso_currencies())


def is_money(unit: str | None) -> bool:
    return unit is not None and unit not in NON_MONEY_UNITS


@dataclass(slots=True)
class Document:
    """One input text, as read (normalised newlines, NFC), with what is known about it."""

    doc_id: str
    text: str
    source: str
    title: str | None = None
    language: str | None = None
    published: str | None = None  # ISO date
    # Character spans of `text` that are not article text (photo credits, reader
    # questions). They stay in `text` so that every offset points into the text as read.
    boilerplate: list[tuple[int, int]] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Quantity:
    """A recognised amount, percentage, multiple or count, before attribution."""

    start: int
    end: int
    surface: str
    value: float
    unit: str
    value_max: float | None = None
    qualifier: str = "eq"

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in QUANTITY_FIELDS}


@dataclass(slots=True)
class Fact:
    doc_id: str
    language: str
    sentence: int
    start: int
    end: int
    surface: str
    metric: str
    kind: str
    value: float
    unit: str
    entity: str | None = None
    segment: str | None = None
    value_max: float | None = None
    qualifier: str = "eq"
    direction: str | None = None
    period: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    is_forecast: bool = False
    alt_values: list[dict[str, Any]] = field(default_factory=list)
    value_eur: float | None = None
    # Not in the contract's field list but kept for the warehouse: why value_eur is null,
    # and which rate produced it.
    fx_rate: float | None = None
    fx_date: str | None = None
    fx_note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def contract_dict(self) -> dict[str, Any]:
        """Exactly the FACTS.md fields, in FACTS.md order."""
        return {k: getattr(self, k) for k in FACT_FIELDS}


def is_finite_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
