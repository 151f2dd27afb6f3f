"""Rules for one figure in its sentence beyond the cues next to it: wire-table amounts
and the story's currency, stakes, restated bases, a metric shared with a neighbouring
figure, a business unit that grows, counts that move, metrics paired by "respectively"."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from transforms.attribution import (
    names_a_count,
)
from transforms.cues import (
    Cue,
    cue_patterns,
)
from transforms.lexicons import get_lexicon, phrase_key
from transforms.numbers import parse_digits
from transforms.quantities import find_quantities
from transforms.report import ReportState
from transforms.schema import Fact, Quantity, is_money

WHOLE_COMPANY = ("share_price", "market_cap")  # never a segment's, whatever it names


# Metrics stated as amounts of money (a share price or dividend is never "41.2 mln").
AMOUNT_METRICS = ("revenue", "net_income", "operating_income", "ebitda", "capex", "other")


_NEXT_WORD = re.compile(r"\s*([^\W\d][\w-]*)")


def counts_things(text: str, q: Quantity, cues, cue: Cue) -> bool:
    """ "9 Millionen Fahrzeuge", "8 million paid subscribers": the scaled number counts
    what follows it."""
    if 0 <= cue.start - q.end <= 2 and (
        phrase_key(text[cue.start : cue.end]) in cues.count_nouns or names_a_count(text, cue, cues)
    ):
        return True
    m = _NEXT_WORD.match(text, q.end)
    return bool(m) and m.group(1).lower() in cues.count_nouns


_CURRENCY_NOTE = re.compile(
    r"(?i)\b(?:figures|amounts|results)\s+(?:are\s+|were\s+)?(?:stated\s+|expressed\s+)?in\s+"
    r"((?:canadian|australian|new\s+zealand|hong\s+kong|singapore|u\.s\.)\s+(?:dlrs|dollars))"
)


_SWISS_FRANCS = re.compile(r"(?i)\bswiss\s+francs?\b")


AMBIGUOUS_UNITS = frozenset({"USD", "FRF"})  # dollars of which country, francs of which


def unit_fixes(text: str, low: str, lang: str, published: str | None) -> dict[str, str]:
    """Currencies a story means by an ambiguous word (see Story.unit_fixes)."""
    fixes = {}
    note = _CURRENCY_NOTE.search(text) if "figures" in low or "amounts" in low else None
    if note:
        named = find_quantities("1 " + note.group(1), lang)
        if named and is_money(named[0].unit) and named[0].unit != "USD":
            fixes["USD"] = named[0].unit
    if (published or "")[:4] >= "2002" or ("swiss" in low and _SWISS_FRANCS.search(text)):
        fixes["FRF"] = "CHF"
    return fixes


_DOLLARS = frozenset({"CAD", "AUD", "NZD", "HKD", "SGD", "TWD"})  # dollars that have cents


@cache
def _us_cents(lang: str) -> tuple[str, ...]:
    """The words the lexicon reads as US cents ("cents", "cts", "¢")."""
    return tuple(w.lower() for w, code in get_lexicon(lang)["minor_units"].items() if code == "USD")


def cents_of_story(q: Quantity, story_currency: str | None, lang: str) -> Quantity:
    """ "raised its quarterly dividend by 4 cents to C$1.08": the cents of the story's
    dollars, where those are not US dollars."""
    if q.unit != "USD" or story_currency not in _DOLLARS:
        return q
    if not q.surface.lower().rstrip(".").endswith(_us_cents(lang)):
        return q
    return replace(q, unit=story_currency)


def fix_unit(q: Quantity, fixes: dict[str, str]) -> Quantity:
    if q.unit not in fixes or "U.S." in q.surface or "US$" in q.surface:
        return q
    return replace(q, unit=fixes[q.unit])


def story_currency(text: str, lang: str) -> str | None:
    """The currency most amounts of the story are in, if any: "Shr 47 cts" makes the
    "Net 41.2 mln" of the same wire table dollars."""
    counts: dict[str, int] = {}
    for q in find_quantities(text, lang):
        if is_money(q.unit):
            counts[q.unit] = counts.get(q.unit, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else None


def with_table_amounts(text: str, s: int, e: int, quantities, sentence, cues) -> list[Quantity]:
    """Add the bare amounts of wire tables: "Net 2,150,000 vs 1,760,000" (the number after
    a metric word that opens the line, before "vs"), as counts for now."""
    added = []
    for cue in sentence.metric_cues:
        line_start = text.rfind("\n", s, cue.start) + 1 or s
        lead = text[max(line_start, s) : cue.start].strip().lower()
        if lead and lead not in cues.table_prefixes:
            continue  # the metric word does not open the line ("Oper net" does)
        m = cues.table_amount.match(text, cue.end, e)
        if not m or any(q.start <= m.start("num") < q.end for q in quantities):
            continue
        value = parse_digits(m["num"], "en")
        if value is not None:
            added.append(Quantity(m.start("num"), m.end("num"), m["num"], value, "count"))
    return sorted(quantities + added, key=lambda q: q.start) if added else quantities


def percent_level(metric, cue, of_sales: bool, text: str, cues) -> bool:
    """Whether a percentage of this metric is a level: a margin, a market share, a share
    of sales; order intake or pre-tax profit (also `other`) only move by percentages."""
    if metric == "operating_margin" or of_sales:
        return True
    return (
        metric == "other"
        and cue is not None
        and phrase_key(text[cue.start : cue.end]) in cues.percent_only
    )


def restates(text: str, prev: Quantity, q: Quantity, cues) -> bool:
    gap = text[prev.end : q.start]  # ", or", "shares, or about"
    no_digits = not any(ch.isdigit() for ch in gap)
    return len(gap) <= 30 and no_digits and bool(cues.or_before.search(gap))


def restates_previous_change(text: str, q: Quantity, facts: list[Fact], metric, cues) -> bool:
    if not facts or facts[-1].kind != "change" or facts[-1].metric != metric:
        return False
    gap = text[facts[-1].end : q.start]  # ", or", "of its workforce, or"
    return (
        len(gap) <= 50 and not any(ch.isdigit() for ch in gap) and bool(cues.or_before.search(gap))
    )


def is_stake(text: str, s: int, after: str, metric_cues: list[Cue], q: Quantity, cues) -> bool:
    """ "30 % of the shares" is a holding; "10 percent of its workforce" names the metric;
    "raised its stake in CheckRobot to 42 pct from 37 pct": both are holdings."""
    m = cues.stake_after.match(after)
    if not m:
        window = max(s, q.start - 80)
        named = [h.end() for h in cues.stake_before.finditer(text, window, q.start)]
        # within reach and with no other metric named between ("shares" counts the stake)
        return bool(named) and not any(
            named[-1] <= c.start < q.start and c.value != "share_price" for c in metric_cues
        )
    end = q.end + m.end()
    return not any(end <= c.start <= end + 2 for c in metric_cues if c.value == "employees")


def metric_of_neighbour(
    text: str, s: int, q: Quantity, facts: list[Fact], carried: str | None, sentence, cues
) -> str | None:
    """The metric a figure without its own cue shares with its neighbour: "lieferte 9,24
    Millionen Fahrzeuge aus, ein Plus von 12 Prozent", "verlor 3 Prozent auf 48,20 Euro",
    and "Das waren drei Prozent weniger" after a sentence about deliveries."""
    if q.unit in ("percent", "pp"):
        before = text[max(s, q.start - 12) : q.start]
        moved = bool(sentence.direction_cues) or bool(cues.by_before.search(before))
        if not moved:
            return None
        return facts[-1].metric if facts else carried
    if facts and is_money(q.unit) and facts[-1].kind == "change":
        gap = text[facts[-1].end : q.start + 1]
        if cues.to_after.match(gap) and facts[-1].metric not in ("employees", "deliveries"):
            return facts[-1].metric
        if facts[-1].metric == "share_price" and cues.price_before.search(gap[:-1]):
            return "share_price"  # "schloss 2,4 Prozent tiefer bei 96,10 Franken"
    return None


def unit_before(text: str, q: Quantity, units: list[Cue], named: list[Cue], cues) -> Cue | None:
    """The business unit named before a figure in its clause, with no metric between."""
    before = [u for u in units if u.end <= q.start]
    if not before:
        return None
    unit = before[-1]
    if cues.prose_break.search(text, unit.end, q.start):
        return None
    return None if any(unit.end <= c.start < q.start for c in named) else unit


def unit_grew(text: str, s: int, q: Quantity, sentence, cues, state: ReportState) -> bool:
    """ "Das Cloud-Geschäft wuchs um 31 Prozent", "Die Cloud-Sparte legte um 30 Prozent auf
    12 Milliarden Dollar zu": a business unit that grows, with no metric named, grows in
    sales; the figure is a moved percentage, or an amount it moved to. After a sentence on
    sales, the unit's amount is its part of them: "Das Geschäft mit Rechenzentren trug
    34,8 Mrd. Dollar dazu bei"."""
    if is_money(q.unit) and state.metric == "revenue":
        return True
    if not sentence.direction_cues:
        return False
    before = text[max(s, q.start - 12) : q.start]
    if q.unit in ("percent", "pp"):
        return True
    return is_money(q.unit) and bool(cues.to_before.search(before))


def count_moved(text: str, s: int, q: Quantity, metric: str | None, sentence) -> bool:
    """A count that is gained or lost, not held: "added 8 million subscribers"; for a
    business volume also a German verb after it, "19 Millionen Abonnenten gewonnen", but
    not "stieg auf 57,2 Millionen"."""
    if any(0 <= q.start - c.end <= 2 for c in sentence.direction_cues):
        return True
    if metric != "other":
        return False
    to_level = cue_patterns(sentence.lang).to_before.search(text[max(s, q.start - 12) : q.start])
    return not to_level and moved_near(q, sentence)


def moved_near(q: Quantity, sentence) -> bool:
    """A movement word beside a head count: "1.200 Stellen abgebaut", "streicht 500 Jobs";
    "beschäftigt nun 12.000 Mitarbeiter" further on in the sentence is a level."""
    text = sentence.doc.text
    # A German verb at the clause end ("7.150 Stellen in der Verwaltung abbauen") belongs
    # to the figures before it, not to those of the next clause.
    clause_break = cue_patterns(sentence.lang).clause_break
    # before it: "streicht das Berliner Unternehmen rund 270 Stellen", in the same clause
    return any(
        (0 <= c.start - q.end <= 45 and not clause_break.search(text, q.end, c.start))
        or 0 <= q.start - c.end <= 12
        or (0 <= q.start - c.end <= 40 and not clause_break.search(text, c.end, q.start))
        for c in sentence.direction_cues
    )


def paired_metrics(sentence, quantities: list[Quantity], bases: set[int], cues) -> dict[int, str]:
    """ "Umsatz und Ergebnis erreichten 10,6 beziehungsweise 0,5 Milliarden Euro": with
    "beziehungsweise" or "respectively" the figures take the metrics named before them in
    order, when there are as many metrics as figures."""
    text, s, e = sentence.doc.text, sentence.start, sentence.end
    if not cues.respectively.search(text, s, e):
        return {}
    figures = [i for i, q in enumerate(quantities) if i not in bases and q.unit != "count"]
    if len(figures) < 2:
        return {}
    first = quantities[figures[0]].start
    named: list[str] = []
    for c in sentence.metric_cues:
        if c.end <= first and c.value not in named:
            named.append(c.value)
    if len(named) != len(figures):
        return {}
    return dict(zip(figures, named, strict=True))
