"""From a document to metric facts (../shared/contracts/FACTS.md).

documents -> sentences -> quantities -> facts: for each quantity in a sentence the
extractor picks the metric, kind, direction, entity, segment and period from the cues
around it and from what earlier sentences of the same report established.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from functools import cached_property

from transforms.attribution import (
    direction_of,
    is_bracketed_base,
    is_comparison_base,
    is_conversion_rate,
    is_loss,
    is_per_share,
    is_restatement,
    kind_of,
    mark_base_periods,
    metric_cue,
    metric_fits,
    names_a_count,
    period_for,
    without_movement_up_to,
)
from transforms.cues import (
    Cue,
    cue_patterns,
    find_metric_cues,
    find_split_cues,
    find_word_cues,
    nearest,
)
from transforms.entities import Registry
from transforms.entity_attribution import (
    attribute_entities,
)
from transforms.figure_rules import (
    AMBIGUOUS_UNITS,
    AMOUNT_METRICS,
    WHOLE_COMPANY,
    cents_of_story,
    count_moved,
    counts_things,
    fix_unit,
    is_stake,
    metric_of_neighbour,
    moved_near,
    paired_metrics,
    percent_level,
    restates,
    restates_previous_change,
    story_currency,
    unit_before,
    unit_fixes,
    unit_grew,
    with_table_amounts,
)
from transforms.fx import add_eur_values
from transforms.lexicons import phrase_key
from transforms.periods import (
    PeriodMention,
    find_periods,
    period_bounds,
    period_kinds,
    upcoming,
)
from transforms.quantities import find_quantities
from transforms.quantity_patterns import lower_keep_offsets
from transforms.report import (
    PERIOD_HINT,
    ReportState,
    by_sentence,
    in_report_year,
    is_headline,
    sentences_hit,
    table_block,
    update_state,
    with_sentence_year,
)
from transforms.schema import Document, Fact, Quantity, is_money
from transforms.segments import Segments
from transforms.sentences import split_sentences


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
    text = doc.text
    low = lower_keep_offsets(text)
    cues = cue_patterns(lang)
    metric_cues = find_metric_cues(cues, text, low)  # one RE2 pass says "none" for most news
    if cues.blocked_cues:
        metric_cues = [c for c in metric_cues if not low.startswith(cues.blocked_cues, c.start)]
    if not metric_cues:
        # A fact needs a metric named in its sentence (or carried from an earlier fact):
        # most news never names one, and is done with after one pass.
        return []
    if all(_weak(text, c, cues) for c in metric_cues) and not cues.large_or_percent.search(low):
        # "Nutzer", "Kunden", "die Cloud-Sparte" alone make a fact only of a large count,
        # a percentage or an amount: a text with none of them is done with here
        return []
    spans = _sentences_up_to(text, lang, doc.boilerplate, metric_cues[-1].end)
    state = ReportState()
    story = Story(doc, lang, low, Segments(text, low, spans, lang))
    cues_by_sentence = by_sentence(metric_cues, spans)
    hinted = sentences_hit(PERIOD_HINT, low, spans)
    found: list[tuple[int, Fact]] = []
    for index, (s, e) in enumerate(spans):
        if e - s <= 24 or text.find("<", s, e) != -1:  # a block line or a wire headline
            table_block(text[s:e], cues, state, doc.published)
        sentence_cues = cues_by_sentence[index]
        if not sentence_cues and not (state.metric and cues.continuation.match(text, s, e)):
            # No figure here can become a fact; the sentence may still name the period.
            if index in hinted:
                update_state(state, [], find_periods(text, s, e, lang, doc.published, low))
            continue
        sentence = _Sentence(index, s, e, sentence_cues, index in hinted, story)
        if is_headline(text, s, e):
            # "DELACOURT STEEL TO CUT 1,800 JOBS": the story below states it again, with
            # the company's name and the period; the headline only sets its period
            update_state(state, [], sentence.periods if sentence.period_hint else [])
            continue
        facts = _sentence_facts(sentence, state, registry is not None)
        found.extend((index, f) for f in facts)
    if not found:
        return []
    facts = attribute_entities(
        doc, lang, spans, found, registry, story.fiscal_guesses, story.segments
    )
    return add_eur_values(facts, doc.published)


# Past the last metric word, only a sentence that carries its metric on ("Damit ...")
# can state a fact: the text is split only this far beyond it.
_REACH_PAST_CUES = 1500


def _sentences_up_to(
    text: str, lang: str, boilerplate: list[tuple[int, int]], last_cue: int
) -> list[tuple[int, int]]:
    """The sentences of the text up to a little beyond its last metric word. The last
    one is dropped where the cut may have ended it early."""
    cut = last_cue + _REACH_PAST_CUES
    if cut >= len(text):
        return split_sentences(text, lang, boilerplate)
    spans = split_sentences(text[:cut], lang, [(s, min(e, cut)) for s, e in boilerplate if s < cut])
    return spans[:-1] if spans and spans[-1][1] >= cut - 1 else spans


def _weak(text: str, cue: Cue, cues) -> bool:
    named = phrase_key(text[cue.start : cue.end])
    return names_a_count(text, cue, cues) or named in cues.segment_only


@dataclass
class Story:
    """What the sentences of one document share."""

    doc: Document
    lang: str
    low: str  # the text lower-cased, same offsets
    segments: Segments
    seen_currencies: dict[str, int] = field(default_factory=dict)  # amounts read so far
    fiscal_guesses: dict[int, bool] = field(default_factory=dict)  # id(fact) -> guidance?

    def currency(self) -> str | None:
        """The currency most amounts of the story are in: "Shr 47 cts" opens most wire
        tables, so the amounts read so far usually tell; else one look at all of it."""
        if self.seen_currencies:
            return max(self.seen_currencies, key=self.seen_currencies.__getitem__)
        return self._whole_text_currency

    @cached_property
    def _whole_text_currency(self) -> str | None:
        return story_currency(self.doc.text, self.lang)

    @cached_property
    def unit_fixes(self) -> dict[str, str]:
        """Currencies the story means by an ambiguous word: "NOTE: Figures in Canadian
        dlrs" makes its dollars CAD; "Swiss francs" named once, or any date after the
        euro came, makes "francs" CHF, not French francs."""
        return unit_fixes(self.doc.text, self.low, self.lang, self.doc.published)


@dataclass
class _Sentence:
    """One sentence that may state facts, with what is looked up only when needed.

    Half the sentences with a metric and a figure state no fact (a "vs" base, a share
    count): their periods, direction words and segment are never looked for.
    """

    index: int
    start: int
    end: int
    metric_cues: list[Cue]
    period_hint: bool  # a quarter or half may be named: worth looking for periods
    story: Story
    quantities: list[Quantity] = field(default_factory=list)
    bases: list[Quantity] = field(default_factory=list)  # comparison figures

    @property
    def doc(self) -> Document:
        return self.story.doc

    @property
    def lang(self) -> str:
        return self.story.lang

    @property
    def low(self) -> str:
        return self.story.low

    @cached_property
    def periods(self) -> list[PeriodMention]:
        text, s, e, quantities = self.doc.text, self.start, self.end, self.quantities
        found = [
            p
            for p in find_periods(text, s, e, self.lang, self.doc.published, self.low)
            if not any(q.start <= p.start < q.end for q in quantities)
        ]
        joined = with_sentence_year(text, found, cue_patterns(self.lang))
        return mark_base_periods(joined, self.bases, quantities)

    @cached_property
    def direction_cues(self) -> list[Cue]:
        cues = cue_patterns(self.lang)
        found = find_word_cues(
            cues.direction_low,
            cues.direction_of,
            self.doc.text,
            self.low,
            self.start,
            self.end,
            cues.compounds,
        )
        split = find_split_cues(cues.direction_split, self.low, self.start, self.end)
        found = sorted(found + split, key=lambda c: c.start) if split else found
        # "up to 120 jobs": a word inside a figure is its qualifier, not a movement
        return [c for c in found if not any(q.start <= c.start < q.end for q in self.quantities)]

    @cached_property
    def forecast_cues(self) -> list[int]:
        """Where guidance words stand: "erwartet", "will", "expects"."""
        cues = cue_patterns(self.lang)
        text, end = self.doc.text, self.end
        return [
            m.start()
            for m in cues.forecast.finditer(text, self.start, end)
            if not (m[0].lower() in cues.passive_auxiliaries and _ends_in_participle(text, m, end))
        ]

    def forecast_before(self, position: int, end: int | None = None) -> bool:
        """A figure is guidance when a guidance word precedes it: in "rose 5 %, and it
        expects sales to grow" the 5 % is a result."""
        cues = cue_patterns(self.lang)
        scope, text = cues.guidance_break, self.doc.text
        # "... would cut 650 jobs after quarterly revenue fell 11 %": another clause
        if any(p < position and not scope.search(text, p, position) for p in self.forecast_cues):
            return True
        # "and some 1,700 jobs will be lost": a future verb right after the figure
        end = position if end is None else end
        after = cues.forecast_after.search(text, end, min(self.end, end + 30))
        return bool(after) and not cues.clause_break.search(text, end, after.start())

    @cached_property
    def segment(self) -> str | None:
        return self.story.segments(self.index)

    def segment_at(self, position: int) -> str | None:
        """The segment of a figure: in "Im Werbegeschäft fiel der Umsatz um 7 Prozent,
        während die Cloud-Sparte um 26 Prozent zulegte" each clause names its own."""
        named = self.story.segments.named_in(self.index)
        if not named:
            return self.segment  # "In diesem Bereich ...": the previous sentence's
        cues = cue_patterns(self.lang)
        text = self.doc.text
        before = [c for c in named if c.start < position]
        if not before:
            # named after the figure: only within its clause ("EBIT sank auf 1,02 Mrd.
            # Euro, die Umsatzrendite im Industriegeschäft lag bei 8,1 Prozent")
            after = named[0]
            return None if cues.prose_break.search(text, position, after.start) else after.value
        seg = before[-1]
        brk = cues.clause_joiner.search(text, seg.end, position)
        if (
            brk
            and not cues.back_reference.search(text, brk.end(), position)  # "the division"
            and any(
                brk.end() <= c.start < position
                and phrase_key(text[c.start : c.end]) not in cues.segment_only
                for c in self.metric_cues
            )
        ):
            # "advertising revenue rose 21%, and net income jumped 49 percent": the new
            # clause names a metric of the whole company ("..., on net sales of" does not)
            return None
        return seg.value


_CLAUSE_END = re.compile(r"[.,;:!?]")
_CAPITAL_AFTER = re.compile(r"\s*[A-ZÄÖÜ]")  # a currency or noun the lexicon does not know
_YEAR_KINDS = frozenset({"relative", "fiscal"})  # "im vergangenen Jahr", "fiscal year ending"
_YEARISH = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _ends_in_participle(text: str, aux: re.Match[str], end: int) -> bool:
    """ "Die Post wird an der Börse mit 45 Mrd. bewertet": the clause closes with a past
    participle, so "wird" makes a passive, where "wird ... steigen" is the future."""
    close = _CLAUSE_END.search(text, aux.end(), end)
    words = text[aux.end() : close.start() if close else end].split()
    return bool(words) and words[-1].islower() and words[-1].endswith("t")


def _sentence_facts(sentence: _Sentence, state: ReportState, fiscal_later: bool) -> list[Fact]:
    doc, lang = sentence.doc, sentence.lang
    text = doc.text
    s, e = sentence.start, sentence.end
    cues = cue_patterns(lang)
    weak_only = (
        sentence.metric_cues
        and all(_weak(text, c, cues) for c in sentence.metric_cues)
        and not cues.large_or_percent.search(sentence.low, s, e)
        and not (state.metric and cues.continuation.match(text, s, e))
    )
    # "Kunden", "Nutzer" without a large count or a percentage: no figure to read
    found = [] if weak_only else find_quantities(text, lang, s, e)
    quantities = with_table_amounts(text, s, e, found, sentence, cues)
    if any(q.unit in AMBIGUOUS_UNITS for q in quantities) and sentence.story.unit_fixes:
        quantities = [fix_unit(q, sentence.story.unit_fixes) for q in quantities]
    if any(q.unit == "USD" for q in quantities):
        quantities = [cents_of_story(q, sentence.story.currency(), lang) for q in quantities]
    for q in quantities:
        if is_money(q.unit):
            seen = sentence.story.seen_currencies
            seen[q.unit] = seen.get(q.unit, 0) + 1
    if not quantities:
        # Most sentences state no figure: they only feed what later sentences refer to.
        low = sentence.low
        # a year in digits or in words ("im vergangenen Jahr"), looked for cheaply first
        yearish = _YEARISH.search(text, s, e) or period_kinds(low, s, e, lang) & _YEAR_KINDS
        lead = bool(yearish) and not sentence.forecast_cues
        periods = sentence.periods if sentence.period_hint or lead else []
        update_state(state, [], periods, lead=lead)
        return []
    metric_cues = sentence.metric_cues
    named = [c for c in metric_cues if phrase_key(text[c.start : c.end]) not in cues.segment_only]
    unit_only = bool(metric_cues) and not named  # "Die Cloud-Sparte wuchs um 27 Prozent"
    units = [] if unit_only else [c for c in metric_cues if c not in named]
    metric_cues = named or metric_cues
    # "passengers" names a count; "revenue from these customers was $10 mln" is revenue
    other_cues = [c for c in metric_cues if not names_a_count(text, c, cues)]
    carried_metric = state.metric if cues.continuation.match(text, s, e) else None
    bases = {
        i
        for i, q in enumerate(quantities)
        if is_comparison_base(text, s, q, quantities[:i], quantities[i + 1 :], cues)
    }
    sentence.quantities = quantities
    sentence.bases = [quantities[i] for i in sorted(bases)]
    paired = paired_metrics(sentence, quantities, bases, cues)
    facts: list[Fact] = []
    alt_of: dict[int, list[dict]] = {}
    for i, q in enumerate(quantities):
        if is_conversion_rate(text, q):
            continue
        q = without_movement_up_to(text, q)
        if i > 0 and is_restatement(text, quantities[i - 1], q):
            alt_of.setdefault(i - 1, []).append({"value": q.value, "unit": q.unit})
            continue
        if i > 0 and is_bracketed_base(text, quantities[i - 1], q):
            continue
        if i - 1 in bases and restates(text, quantities[i - 1], q, cues):
            bases.add(i)  # "from 10,262,307 shares, or 32.8 pct": the base restated
            continue
        if i in bases:
            continue
        after = text[q.end : e]
        if q.unit in ("percent", "pp") and is_stake(text, s, after, metric_cues, q, cues):
            continue  # "a 30 % stake", "82 Prozent der Anteile": a holding, not a change
        cue = metric_cue(text, other_cues if is_money(q.unit) else metric_cues, q, e, cues)
        if unit_only and cue is not None and not unit_grew(text, s, q, sentence, cues, state):
            cue = None  # "Die Cloud-Sparte erzielte 4 Mrd." may be anything: only growth counts
        if units and (cue is None or cue.start > q.end):
            # "Its advertising business grew 17 percent, and the company plans to raise
            # capital expenditure": the unit that grew before the figure, not a metric after
            unit = unit_before(text, q, units, named, cues)
            if unit is not None and unit_grew(text, s, q, sentence, cues, state):
                cue = unit
        metric = paired.get(i) or (cue.value if cue else carried_metric)
        if (
            q.unit == "count"
            and metric in AMOUNT_METRICS
            and cue is not None
            and "\n" not in text[min(cue.end, q.end) : max(cue.start, q.start)]
            and not counts_things(text, q, cues, cue)
            and not names_a_count(text, cue, cues)
            and not _CAPITAL_AFTER.match(text, q.end)  # "361,6 Milliarden Taiwan-Dollar"
        ):
            # "Net 41.2 mln vs 42.0 mln": wire tables leave out the story's currency
            story_currency = sentence.story.currency()
            if story_currency is None:
                continue
            q = replace(q, unit=story_currency)
        of_sales = bool(q.unit == "percent" and metric and cues.of_sales_after.match(text, q.end))
        if of_sales:
            # "EUR 21.1 mn, or 8.9 % of net sales": a margin of the profit named before
            profit = nearest([c for c in metric_cues if c.end <= q.start], q.start)
            named = profit.value if profit else metric
            metric = "operating_margin" if named == "operating_income" else "other"
        level = percent_level(metric, cue, of_sales, text, cues)
        if not metric_fits(metric, cue, q, text, s, sentence, cues, level):
            metric = metric_of_neighbour(text, s, q, facts, carried_metric, sentence, cues)
            if metric is None:
                continue
            cue = None
        if is_money(q.unit) and is_per_share(text, s, q, after, cues, cue):
            # Earnings or dividends per share are not totals of the metric.
            metric = "dividend" if metric == "dividend" else "other"
        if metric is None:
            continue
        kind = kind_of(text, s, q, level, cues, sentence)
        if kind == "level" and metric == "employees" and moved_near(q, sentence):
            kind = "change"  # "will 35.000 Stellen abbauen": jobs cut or created, not a headcount
        elif kind == "level" and q.unit == "count" and count_moved(text, s, q, metric, sentence):
            kind = "change"  # "added 8 million subscribers", "19 Millionen Abonnenten gewonnen"
        if kind == "level" and restates_previous_change(text, q, facts, metric, cues):
            kind = "change"  # "cut 10 percent of its workforce, or some 17,000 jobs"
        value = q.value
        if kind == "level" and is_money(q.unit) and value > 0 and is_loss(text, s, q, cues, cue):
            value = -value
        direction = direction_of(kind, q, sentence, text, cues)
        if kind == "change":
            value = abs(value)
        # a period named in a later clause is that clause's: "grew 17 percent in the
        # period, and the company plans to raise capital expenditure this year"
        periods = [
            p
            for p in sentence.periods
            if p.start < q.end or not cues.comma_joiner.search(text, q.end, p.start)
        ]
        period = period_for(q, periods, metric, state.period)
        if metric in WHOLE_COMPANY and (period is None or period is state.period):
            period = state.day  # the trading day the sentence before told of
        label = in_report_year(period, state.period)
        if label is None and metric == "share_price" and kind == "change" and doc.published:
            label = doc.published  # "Die Aktie sprang nachbörslich um 14 Prozent": the news day
        inferred = period is not None and period.year_inferred and label == period.label
        forecast = sentence.forecast_before(q.start, q.end)
        if forecast and label and inferred and not label.startswith("FY"):
            label = upcoming(label, doc.published)
        if forecast and cues.full_year.search(text, s, e):
            # "Für das Gesamtjahr erwartet der Konzern ...": the year, also in a report
            # on its first half ("2025-H1" carried over becomes "2025")
            if label is None and doc.published:
                label = doc.published[:4]
            elif label and period is state.period and period.granularity in ("quarter", "half"):
                label = label.split("-")[0]
        # A fiscal period's dates depend on whose fiscal year it is: set with the entity.
        fiscal = fiscal_later and label is not None and label.startswith("FY")
        start_date, end_date = (None, None) if fiscal else period_bounds(label, doc.published)
        facts.append(
            Fact(
                doc_id=doc.doc_id,
                language=lang,
                sentence=sentence.index,
                start=q.start,
                end=q.end,
                surface=q.surface,
                entity=None,  # set by attribute_entities once the document is read
                # a share price or market value is the whole company's, whatever it names
                segment=None if metric in WHOLE_COMPANY else sentence.segment_at(q.start),
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
        if fiscal and inferred:
            # "its fiscal fourth quarter": which fiscal year depends on the company's
            sentence.story.fiscal_guesses[id(facts[-1])] = forecast
    # Without a fact only a named quarter or half matters, and the hint says if one may be.
    update_state(state, facts, sentence.periods if facts or sentence.period_hint else [])
    return facts
