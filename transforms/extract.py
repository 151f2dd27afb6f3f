"""From a document to metric facts (../shared/contracts/FACTS.md).

documents -> sentences -> quantities -> facts: for each quantity in a sentence the
extractor picks the metric, kind, direction, entity, segment and period from the cues
around it and from what earlier sentences of the same report established.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from transforms.cues import Cue, cue_patterns, find_cues, nearest
from transforms.entities import Registry, find_mentions
from transforms.fx import add_eur_values
from transforms.periods import PeriodMention, find_periods, period_bounds
from transforms.quantities import find_quantities
from transforms.schema import Document, Fact, Quantity, is_money
from transforms.sentences import split_sentences

# Periods as precise as a day or year-to-date describe one sentence's event (a share
# move "am Freitag"); only report periods carry over to the next sentences.
_REPORT_GRANULARITIES = ("quarter", "half", "year", "month")


@dataclass
class _ReportState:
    """What earlier sentences of the document established."""

    period: PeriodMention | None = None
    segment: str | None = None
    metric: str | None = None
    entity_counts: dict[str, int] = field(default_factory=dict)
    last_entity: str | None = None

    def salient_entity(self) -> str | None:
        if not self.entity_counts:
            return None
        top = max(self.entity_counts.values())
        leaders = [e for e, n in self.entity_counts.items() if n == top]
        return self.last_entity if self.last_entity in leaders else leaders[0]


def fact_id(doc_id: str, fact: Fact) -> str:
    """Stable across runs: the same figure in the same text gets the same id."""
    key = f"{doc_id}|{fact.start}|{fact.end}|{fact.metric}|{fact.kind}|{fact.unit}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


def extract_quantities(doc: Document) -> list[Quantity]:
    lang = doc.language or "de"
    found: list[Quantity] = []
    for s, e in split_sentences(doc.text, lang, doc.boilerplate):
        found.extend(find_quantities(doc.text, lang, s, e))
    return found


def extract_facts(doc: Document, registry: Registry | None = None) -> list[Fact]:
    lang = doc.language or "de"
    state = _ReportState()
    facts: list[Fact] = []
    for index, (s, e) in enumerate(split_sentences(doc.text, lang, doc.boilerplate)):
        facts.extend(_sentence_facts(doc, lang, index, s, e, state, registry))
    return add_eur_values(facts, doc.published)


def _sentence_facts(
    doc: Document,
    lang: str,
    index: int,
    s: int,
    e: int,
    state: _ReportState,
    registry: Registry | None,
) -> list[Fact]:
    text = doc.text
    cues = cue_patterns(lang)
    quantities = find_quantities(text, lang, s, e)
    mentions = find_mentions(text, s, e, lang, registry)
    segment_here = _segment(text, s, e, lang, state)
    periods = [
        p
        for p in find_periods(text, s, e, lang, doc.published)
        if not any(q.start <= p.start < q.end for q in quantities)
    ]
    metric_cues = find_cues(cues.metric, cues.metric_of, text, s, e)
    direction_cues = find_cues(cues.direction, cues.direction_of, text, s, e)
    carried_metric = state.metric if cues.continuation.match(text, s, e) else None
    forecast = bool(cues.forecast.search(text, s, e))
    facts: list[Fact] = []
    alt_of: dict[int, list[dict]] = {}
    for i, q in enumerate(quantities):
        if i > 0 and _is_restatement(text, quantities[i - 1], q):
            alt_of.setdefault(i - 1, []).append({"value": q.value, "unit": q.unit})
            continue
        if _is_comparison_base(text, s, q, quantities[i + 1 :], cues):
            continue
        cue = _metric_cue(metric_cues, q)
        metric = cue.value if cue else carried_metric
        if metric is None:
            continue
        kind = _kind(text, s, q, metric, cues)
        value = q.value
        if kind == "level" and is_money(q.unit) and value > 0 and _is_loss(text, s, q, cues, cue):
            value = -value
        direction = _direction(kind, q, direction_cues)
        if kind == "change":
            value = abs(value)
        period = _period_for(q, periods, metric, state)
        label = period.label if period else None
        start_date, end_date = period_bounds(
            label, doc.published, _fiscal_end(label, mentions, state, registry)
        )
        facts.append(
            Fact(
                doc_id=doc.doc_id,
                language=lang,
                sentence=index,
                start=q.start,
                end=q.end,
                surface=q.surface,
                entity=_entity_for(q, mentions, state),
                segment=segment_here,
                metric=metric,
                kind=kind,
                value=value,
                value_max=q.value_max,
                unit=q.unit,
                qualifier=q.qualifier,
                direction=direction,
                period=label,
                period_start=start_date,
                period_end=end_date,
                is_forecast=forecast,
            )
        )
        alt_of.setdefault(i, [])
        facts[-1].alt_values = alt_of[i]  # filled by a following restatement, if any
    _update_state(state, facts, mentions, periods, segment_here)
    return facts


def _is_restatement(text: str, prev: Quantity, q: Quantity) -> bool:
    """ "Rmb72,5 Milliarden (10 Milliarden Euro)": the bracket restates the amount before."""
    gap = text[prev.end : q.start]
    return is_money(prev.unit) and is_money(q.unit) and gap.strip() in ("(", "[", "( ")


def _is_comparison_base(text: str, s: int, q: Quantity, later: list[Quantity], cues) -> bool:
    before = text[max(s, q.start - 30) : q.start]
    if cues.prior_before.search(before):
        return True
    # "von 5 auf 8 Milliarden": the "von" amount is last period's level.
    if cues.from_before.search(before) and later and later[0].unit == q.unit:
        return bool(cues.to_after.match(text[q.end : later[0].start + 1]))
    return False


def _metric_cue(metric_cues: list[Cue], q: Quantity) -> Cue | None:
    if q.unit == "count":
        counted = [
            c for c in metric_cues if c.value in ("employees", "deliveries") and c.start >= q.end
        ]
        if counted:
            return min(counted, key=lambda c: c.start)
    usable = [c for c in metric_cues if c.end <= q.start or c.start >= q.end]
    return nearest(usable, q.start)


def _kind(text: str, s: int, q: Quantity, metric: str, cues) -> str:
    if q.unit == "x":
        return "ratio"
    before = text[max(s, q.start - 12) : q.start]
    if cues.by_before.search(before):
        return "change"
    if q.unit == "pp":
        return "change"
    if q.unit == "percent":
        return "level" if metric == "operating_margin" else "change"
    return "level"


def _direction(kind: str, q: Quantity, direction_cues: list[Cue]) -> str | None:
    if kind == "level":
        return None
    if kind == "ratio":
        return "up" if q.value >= 1 else "down"
    if q.value < 0:
        return "down"
    cue = nearest(direction_cues, q.start)
    return cue.value if cue else None


def _is_loss(text: str, s: int, q: Quantity, cues, metric_cue: Cue | None) -> bool:
    window = text[max(s, q.start - 40) : q.start]
    if cues.loss.search(window):
        return True
    return metric_cue is not None and bool(cues.loss.search(text, metric_cue.start, metric_cue.end))


def _period_for(
    q: Quantity, periods: list[PeriodMention], metric: str, state: _ReportState
) -> PeriodMention | None:
    own = [p for p in periods if not p.comparison and p.label]
    if own:
        return min(own, key=lambda p: min(abs(p.end - q.start), abs(p.start - q.end)))
    if metric == "share_price":
        return None  # a share move without a stated day has no period we could know
    return state.period


def _entity_for(q: Quantity, mentions, state: _ReportState) -> str | None:
    before = [m for m in mentions if m.end <= q.start]
    if before:
        return before[-1].name
    carried = state.salient_entity()
    if carried:
        return carried
    return mentions[0].name if mentions else None


def _segment(text: str, s: int, e: int, lang: str, state: _ReportState) -> str | None:
    cues = cue_patterns(lang)
    found = find_cues(cues.segment, cues.segment_of, text, s, e)
    if found:
        return found[0].value
    if cues.commerce.search(text, s, e):
        if cues.domestic.search(text, s, e):
            return "China Commerce"
        if cues.international.search(text, s, e):
            return "International Commerce"
    if cues.back_reference.search(text, s, e):
        return state.segment
    return None


def _fiscal_end(label, mentions, state, registry) -> int:
    if not label or not label.startswith("FY") or registry is None:
        return 12
    name = mentions[0].name if mentions else state.salient_entity()
    return registry.fiscal_year_end.get(name or "", 12)


def _update_state(state, facts, mentions, periods, segment_here) -> None:
    for m in mentions:
        state.entity_counts[m.name] = state.entity_counts.get(m.name, 0) + 1
        state.last_entity = m.name
    state.segment = segment_here
    if facts:
        state.metric = facts[-1].metric
        report = [
            p
            for p in periods
            if not p.comparison and p.label and p.granularity in _REPORT_GRANULARITIES
        ]
        if report:
            state.period = report[-1]
