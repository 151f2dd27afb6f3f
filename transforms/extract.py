"""From a document to metric facts (../shared/contracts/FACTS.md).

documents -> sentences -> quantities -> facts: for each quantity in a sentence the
extractor picks the metric, kind, direction, entity, segment and period from the cues
around it and from what earlier sentences of the same report established.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from functools import cached_property

from transforms.attribution import (
    REPORT_GRANULARITIES,
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
from transforms.entities import Registry, find_mentions, harmonise_name
from transforms.fx import add_eur_values
from transforms.lexicons import phrase_key
from transforms.numbers import parse_digits
from transforms.periods import (
    PeriodMention,
    find_periods,
    fiscal_period_near,
    period_bounds,
    upcoming,
)
from transforms.quantities import find_quantities
from transforms.quantity_patterns import lower_keep_offsets
from transforms.schema import Document, Fact, Quantity, is_money
from transforms.segments import Segments
from transforms.sentences import split_sentences

# Cheap test before the period patterns run on a sentence without figures.
# Searched once per document on the lower-cased text, not once per sentence. A sentence
# without figures can set the report's period only by naming a quarter or half (months
# ranges such as "January-June" count only in sentences with facts).
# Written so that every branch starts with a letter: the engine then skips ahead to
# those letters (a leading \b would make it try every branch at every position). "aq1"
# passes too, which only costs a look for periods.
_PERIOD_HINT = re.compile(
    r"q(?:uart|tr|[1-4](?!\w))|h(?:alf|albjahr|[12](?!\w))|vierteljahr|jahreshälfte|six\s+months"
)


@dataclass
class _ReportState:
    """What earlier sentences of the document established about period and metric."""

    period: PeriodMention | None = None
    metric: str | None = None


@dataclass
class _EntityState:
    """The companies earlier sentences named, strong (surely a company) or weak."""

    entity_counts: dict[str, int] = field(default_factory=dict)
    weak_counts: dict[str, int] = field(default_factory=dict)
    guess_counts: dict[str, int] = field(default_factory=dict)
    last_entity: str | None = None

    def salient_entity(self, guesses: bool = False) -> str | None:
        """The company the report is about so far: most mentioned, latest on a tie."""
        counts = self.entity_counts or self.weak_counts or (self.guess_counts if guesses else {})
        if not counts:
            return None
        top = max(counts.values())
        # On a tie the company named first: news names its subject first ("Microsoft
        # overtook Apple ... Its shares rose").
        return next(e for e, n in counts.items() if n == top)

    def update(self, mentions: list) -> None:
        for m in mentions:
            counts = (
                self.entity_counts
                if m.strong
                else self.guess_counts
                if m.guess
                else self.weak_counts
            )
            counts[m.name] = counts.get(m.name, 0) + 1
            if m.strong:
                self.last_entity = m.name


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
    if any(" " + head in low for head in cues.metric_split_heads):
        split = find_split_cues(cues.metric_split, low, 0, len(low))  # "setzte … um"
        metric_cues = sorted(metric_cues + split, key=lambda c: c.start) if split else metric_cues
    if not metric_cues:
        # A fact needs a metric named in its sentence (or carried from an earlier fact):
        # most news never names one, and is done with after one pass.
        return []
    spans = split_sentences(text, lang, doc.boilerplate)
    state = _ReportState()
    story = _Story(doc, lang, low, Segments(text, low, spans, lang))
    cues_by_sentence = _by_sentence(metric_cues, spans)
    hinted = _sentences_hit(_PERIOD_HINT, low, spans)
    found: list[tuple[int, Fact]] = []
    for index, (s, e) in enumerate(spans):
        if e - s <= 24 or text.find("<", s, e) != -1:  # a block line or a wire headline
            _table_block(text[s:e], cues, state, doc.published)
        sentence_cues = cues_by_sentence[index]
        if not sentence_cues and not (state.metric and cues.continuation.match(text, s, e)):
            # No figure here can become a fact; the sentence may still name the period.
            if index in hinted:
                _update_state(state, [], find_periods(text, s, e, lang, doc.published, low))
            continue
        sentence = _Sentence(index, s, e, sentence_cues, index in hinted, story)
        if _is_headline(text, s, e):
            # "DELACOURT STEEL TO CUT 1,800 JOBS": the story below states it again, with
            # the company's name and the period; the headline only sets its period
            _update_state(state, [], sentence.periods if sentence.period_hint else [])
            continue
        facts = _sentence_facts(sentence, state, registry is not None)
        found.extend((index, f) for f in facts)
    if not found:
        return []
    facts = _attribute_entities(doc, lang, spans, found, registry, story.fiscal_guesses)
    return add_eur_values(facts, doc.published)


@dataclass
class _Story:
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
        return _story_currency(self.doc.text, self.lang)

    @cached_property
    def unit_fixes(self) -> dict[str, str]:
        """Currencies the story means by an ambiguous word: "NOTE: Figures in Canadian
        dlrs" makes its dollars CAD; "Swiss francs" named once, or any date after the
        euro came, makes "francs" CHF, not French francs."""
        text, low, fixes = self.doc.text, self.low, {}
        note = _CURRENCY_NOTE.search(text) if "figures" in low or "amounts" in low else None
        if note:
            named = find_quantities("1 " + note.group(1), self.lang)
            if named and is_money(named[0].unit) and named[0].unit != "USD":
                fixes["USD"] = named[0].unit
        published = self.doc.published or ""
        if published[:4] >= "2002" or ("swiss" in low and _SWISS_FRANCS.search(text)):
            fixes["FRF"] = "CHF"
        return fixes


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
    story: _Story
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
        joined = _with_sentence_year(text, found, cue_patterns(self.lang).prose_break)
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
        named = self._segment_cues
        if not named:
            return self.segment  # "In diesem Bereich ...": the previous sentence's
        before = [c for c in named if c.start < position]
        if not before:
            return named[0].value
        cues = cue_patterns(self.lang)
        text, seg = self.doc.text, before[-1]
        brk = cues.clause_joiner.search(text, seg.end, position)
        if brk and any(
            brk.end() <= c.start < position
            and phrase_key(text[c.start : c.end]) not in cues.segment_only
            for c in self.metric_cues
        ):
            # "advertising revenue rose 21%, and net income jumped 49 percent": the new
            # clause names a metric of the whole company ("..., on net sales of" does not)
            return None
        return seg.value

    @cached_property
    def _segment_cues(self) -> list[Cue]:
        return self.story.segments.named_in(self.index)


_CLAUSE_END = re.compile(r"[.,;:!?]")


def _ends_in_participle(text: str, aux: re.Match[str], end: int) -> bool:
    """ "Die Post wird an der Börse mit 45 Mrd. bewertet": the clause closes with a past
    participle, so "wird" makes a passive, where "wird ... steigen" is the future."""
    close = _CLAUSE_END.search(text, aux.end(), end)
    words = text[aux.end() : close.start() if close else end].split()
    return bool(words) and words[-1].islower() and words[-1].endswith("t")


def _by_sentence(items: list, spans: list[tuple[int, int]]) -> list[list]:
    """Spans found in the whole text, handed out to the sentence each lies in."""
    starts = [s for s, _ in spans]
    out: list[list] = [[] for _ in spans]
    for item in items:
        i = _sentence_of(starts, spans, item.start, item.end)
        if i >= 0:
            out[i].append(item)
    return out


def _sentence_of(starts: list[int], spans: list[tuple[int, int]], start: int, end: int) -> int:
    """The index of the sentence that holds text[start:end], or -1."""
    i = bisect_right(starts, start) - 1
    return i if i >= 0 and end <= spans[i][1] else -1


def _is_headline(text: str, s: int, e: int) -> bool:
    """A wire headline: one line in capitals, of a few words, above a story."""
    line = text[s:e]
    return (
        "\n" not in line.strip()
        and line.isupper()
        and len(line.split()) >= 3
        and text.find("\n", e) != -1
        and any(c.islower() for c in text[e : e + 400])
    )


def _table_block(line: str, cues, state: _ReportState, published: str | None) -> None:
    """A wire table's block line ("Year", "Nine mths") sets the period of the rows below."""
    key = " ".join(line.lower().split())
    words = key.split()
    if "<" in line and published and any(w in cues.table_year_lines for w in words):
        # a wire headline "NOMA INDUSTRIES <NOMA> YEAR NET": its table is for the year
        if not _PERIOD_HINT.search(key):
            state.period = PeriodMention(0, 0, str(int(published[:4]) - 1), "year")
        return
    if key in cues.table_year_lines and published:
        year = str(int(published[:4]) - 1)  # a year block in a results story: the year ended
        state.period = PeriodMention(0, 0, year, "year")
    elif key in cues.table_span_lines:
        state.period = None


def _sentences_hit(pattern: re.Pattern[str], low: str, spans: list[tuple[int, int]]) -> set[int]:
    """Indexes of the sentences in which `pattern` matches, from one pass over `low`."""
    starts = [s for s, _ in spans]
    hit = {
        _sentence_of(starts, spans, m.start(), m.end())
        for m in pattern.finditer(low, starts[0] if starts else 0)
    }
    hit.discard(-1)
    return hit


def _sentence_facts(sentence: _Sentence, state: _ReportState, fiscal_later: bool) -> list[Fact]:
    doc, lang = sentence.doc, sentence.lang
    text = doc.text
    s, e = sentence.start, sentence.end
    cues = cue_patterns(lang)
    quantities = _with_table_amounts(text, s, e, find_quantities(text, lang, s, e), sentence, cues)
    if any(q.unit in _AMBIGUOUS_UNITS for q in quantities) and sentence.story.unit_fixes:
        quantities = [_fix_unit(q, sentence.story.unit_fixes) for q in quantities]
    for q in quantities:
        if is_money(q.unit):
            seen = sentence.story.seen_currencies
            seen[q.unit] = seen.get(q.unit, 0) + 1
    if not quantities:
        # Most sentences state no figure: they only feed what later sentences refer to.
        _update_state(state, [], sentence.periods if sentence.period_hint else [])
        return []
    metric_cues = sentence.metric_cues
    named = [c for c in metric_cues if phrase_key(text[c.start : c.end]) not in cues.segment_only]
    unit_only = bool(metric_cues) and not named  # "Die Cloud-Sparte wuchs um 27 Prozent"
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
    paired = _paired_metrics(sentence, quantities, bases, cues)
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
        if i - 1 in bases and _restates(text, quantities[i - 1], q, cues):
            bases.add(i)  # "from 10,262,307 shares, or 32.8 pct": the base restated
            continue
        if i in bases:
            continue
        after = text[q.end : e]
        if q.unit in ("percent", "pp") and _is_stake(text, s, after, metric_cues, q, cues):
            continue  # "a 30 % stake", "82 Prozent der Anteile": a holding, not a change
        cue = metric_cue(text, other_cues if is_money(q.unit) else metric_cues, q, e, cues)
        if unit_only and cue is not None and not _unit_grew(text, s, q, sentence, cues, state):
            cue = None  # "Die Cloud-Sparte erzielte 4 Mrd." may be anything: only growth counts
        metric = paired.get(i) or (cue.value if cue else carried_metric)
        if (
            q.unit == "count"
            and metric in _AMOUNT_METRICS
            and cue is not None
            and "\n" not in text[min(cue.end, q.end) : max(cue.start, q.start)]
            and not _counts_things(text, q, cues, cue)
            and not names_a_count(text, cue, cues)
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
        level = _percent_level(metric, cue, of_sales, text, cues)
        if not metric_fits(metric, cue, q, text, s, sentence, cues, level):
            metric = _metric_of_neighbour(text, s, q, facts, carried_metric, sentence, cues)
            if metric is None:
                continue
            cue = None
        if is_money(q.unit) and is_per_share(text, s, q, after, cues, cue):
            # Earnings or dividends per share are not totals of the metric.
            metric = "dividend" if metric == "dividend" else "other"
        if metric is None:
            continue
        kind = kind_of(text, s, q, level, cues, sentence)
        if kind == "level" and metric == "employees" and _moved_near(q, sentence):
            kind = "change"  # "will 35.000 Stellen abbauen": jobs cut or created, not a headcount
        elif kind == "level" and q.unit == "count" and _count_moved(text, s, q, metric, sentence):
            kind = "change"  # "added 8 million subscribers", "19 Millionen Abonnenten gewonnen"
        if kind == "level" and _restates_previous_change(text, q, facts, metric, cues):
            kind = "change"  # "cut 10 percent of its workforce, or some 17,000 jobs"
        value = q.value
        if kind == "level" and is_money(q.unit) and value > 0 and is_loss(text, s, q, cues, cue):
            value = -value
        direction = direction_of(kind, q, sentence, text, cues)
        if kind == "change":
            value = abs(value)
        period = period_for(q, sentence.periods, metric, state.period)
        label = _in_report_year(period, state.period)
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
                entity=None,  # set by _attribute_entities once the document is read
                # a share price or market value is the whole company's, whatever it names
                segment=None if metric in _WHOLE_COMPANY else sentence.segment_at(q.start),
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
    _update_state(state, facts, sentence.periods if facts or sentence.period_hint else [])
    return facts


_WHOLE_COMPANY = ("share_price", "market_cap")  # never a segment's, whatever it names
# Metrics stated as amounts of money (a share price or dividend is never "41.2 mln").
_AMOUNT_METRICS = ("revenue", "net_income", "operating_income", "ebitda", "capex", "other")
_NEXT_WORD = re.compile(r"\s*([^\W\d][\w-]*)")


def _counts_things(text: str, q: Quantity, cues, cue: Cue) -> bool:
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
_AMBIGUOUS_UNITS = frozenset({"USD", "FRF"})  # dollars of which country, francs of which


def _fix_unit(q: Quantity, fixes: dict[str, str]) -> Quantity:
    if q.unit not in fixes or "U.S." in q.surface or "US$" in q.surface:
        return q
    return replace(q, unit=fixes[q.unit])


def _story_currency(text: str, lang: str) -> str | None:
    """The currency most amounts of the story are in, if any: "Shr 47 cts" makes the
    "Net 41.2 mln" of the same wire table dollars."""
    counts: dict[str, int] = {}
    for q in find_quantities(text, lang):
        if is_money(q.unit):
            counts[q.unit] = counts.get(q.unit, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else None


def _with_table_amounts(text: str, s: int, e: int, quantities, sentence, cues) -> list[Quantity]:
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


def _percent_level(metric, cue, of_sales: bool, text: str, cues) -> bool:
    """Whether a percentage of this metric is a level: a margin, a market share, a share
    of sales; order intake or pre-tax profit (also `other`) only move by percentages."""
    if metric == "operating_margin" or of_sales:
        return True
    return (
        metric == "other"
        and cue is not None
        and phrase_key(text[cue.start : cue.end]) in cues.percent_only
    )


def _restates(text: str, prev: Quantity, q: Quantity, cues) -> bool:
    gap = text[prev.end : q.start]  # ", or", "shares, or about"
    no_digits = not any(ch.isdigit() for ch in gap)
    return len(gap) <= 30 and no_digits and bool(cues.or_before.search(gap))


def _restates_previous_change(text: str, q: Quantity, facts: list[Fact], metric, cues) -> bool:
    if not facts or facts[-1].kind != "change" or facts[-1].metric != metric:
        return False
    gap = text[facts[-1].end : q.start]  # ", or", "of its workforce, or"
    return (
        len(gap) <= 50 and not any(ch.isdigit() for ch in gap) and bool(cues.or_before.search(gap))
    )


def _is_stake(text: str, s: int, after: str, metric_cues: list[Cue], q: Quantity, cues) -> bool:
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


def _metric_of_neighbour(
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


_YEAR_AS_PERIOD = re.compile(r"(?i)(?:\bin|\bim|\bof|\bfor|\bfür|\bjahr|\byear)\s+$")


def _with_sentence_year(
    text: str, found: list[PeriodMention], clause_break: re.Pattern[str]
) -> list[PeriodMention]:
    """ "Fourth-quarter profit fell 21% ... in 2024": a quarter named without its year
    takes the one year its sentence names in digits ("a year earlier" is a comparison),
    which then names nothing else."""
    parts = [p for p in found if p.part and not p.comparison]
    years = [
        p
        for p in found
        if p.granularity == "year"
        and p.label
        and p.label.isdigit()
        and p.label in text[p.start : p.end]
        and _YEAR_AS_PERIOD.search(text, max(0, p.start - 12), p.start)  # not "since 2022"
    ]
    if len(parts) != 1 or len(years) != 1 or years[0].comparison:
        return found
    part, year = parts[0], years[0]
    lo, hi = min(part.end, year.end), max(part.start, year.start)
    if clause_break.search(text, lo, hi):
        return found  # "in the third quarter, ..., and said it expects ... in 2024"
    fiscal = "FY" if (part.label or "").startswith("FY") else ""
    joined = replace(
        part, label=f"{fiscal}{year.label}-{part.part}", year_inferred=False, part=None
    )
    return [joined if p is part else p for p in found if p is not year]


def _in_report_year(period: PeriodMention | None, report: PeriodMention | None) -> str | None:
    """A quarter named without its year in a report on a year is of that year: "im
    vierten Quartal" after "im Geschäftsjahr 2024/25" is FY2025-Q4, not the calendar
    quarter before publication."""
    if period is None:
        return None
    lends = report is not None and report is not period and report.granularity == "year"
    if period.part and lends and report.label and not report.comparison:
        return f"{report.label}-{period.part}"
    return period.label


def _unit_grew(text: str, s: int, q: Quantity, sentence, cues, state: _ReportState) -> bool:
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


def _count_moved(text: str, s: int, q: Quantity, metric: str | None, sentence) -> bool:
    """A count that is gained or lost, not held: "added 8 million subscribers"; for a
    business volume also a German verb after it, "19 Millionen Abonnenten gewonnen", but
    not "stieg auf 57,2 Millionen"."""
    if any(0 <= q.start - c.end <= 2 for c in sentence.direction_cues):
        return True
    if metric != "other":
        return False
    to_level = cue_patterns(sentence.lang).to_before.search(text[max(s, q.start - 12) : q.start])
    return not to_level and _moved_near(q, sentence)


def _moved_near(q: Quantity, sentence) -> bool:
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


def _paired_metrics(
    sentence: _Sentence, quantities: list[Quantity], bases: set[int], cues
) -> dict[int, str]:
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


def _attribute_entities(
    doc: Document,
    lang: str,
    spans: list[tuple[int, int]],
    found: list[tuple[int, Fact]],
    registry: Registry | None,
    fiscal_guesses: dict[int, bool],
) -> list[Fact]:
    """Who each fact is about, from the companies named up to and in its sentence.

    Done only for documents with facts: finding company names is the costliest pass
    over a text, and most documents state no fact.
    """
    # Names after the last fact's sentence cannot matter; the margin lets a name that
    # runs on past that sentence's end be read (and dropped) as in a whole-text pass.
    last = found[-1][0]
    reach = spans[last + 1][1] if last + 1 < len(spans) else len(doc.text)
    mentions = _mentions_by_sentence(doc.text, spans[: last + 1], lang, registry, reach)
    entities = _EntityState()
    by_sentence: dict[int, list[Fact]] = {}
    for index, fact in found:
        by_sentence.setdefault(index, []).append(fact)
    for index in range(last + 1):
        here = mentions[index]
        floor = -1  # where the sentence's previous figure ended
        facts_here = by_sentence.get(index, ())
        anaphors = _anaphors(doc.text, spans[index], lang) if facts_here else []
        for fact in facts_here:
            fact.entity = _entity_for(fact.start, here, entities, floor, anaphors)
            floor = fact.end
            if registry is not None and fact.period and fact.period.startswith("FY"):
                year_end = _fiscal_end(fact.period, here, entities, registry)
                if id(fact) in fiscal_guesses and year_end is None and doc.published:
                    # a company the registry does not know: news tells of its latest
                    # quarter, of the fiscal year most such years are named after
                    fact.period = f"FY{doc.published[:4]}{fact.period[6:]}"
                elif id(fact) in fiscal_guesses:
                    fact.period = fiscal_period_near(
                        fact.period, doc.published, year_end, fiscal_guesses[id(fact)]
                    )
                fact.period_start, fact.period_end = period_bounds(
                    fact.period, doc.published, year_end or 12
                )
        entities.update(here)
    facts = [fact for _, fact in found]
    # Once per distinct name, not per fact: each lookup scans the whole text.
    known = registry.fiscal_year_end if registry else {}
    written = {
        name: harmonise_name(name, doc.text)
        for name in {f.entity for f in facts if f.entity and f.entity not in known}
    }
    for fact in facts:
        fact.entity = written.get(fact.entity, fact.entity)
    return facts


def _mentions_by_sentence(text: str, spans, lang: str, registry, reach: int) -> list[list]:
    """Company mentions found in one pass over text[:reach], handed out per sentence."""
    if not spans:
        return []
    starts = [s for s, _ in spans]
    found = find_mentions(text, starts[0], reach, lang, registry, frozenset(starts))
    return _by_sentence(found, spans)


def _anaphors(text: str, span: tuple[int, int], lang: str) -> list[int]:
    """Where "der Konzern", "the company" stand in a sentence."""
    return [m.start() for m in cue_patterns(lang).anaphora.finditer(text, *span)]


def _entity_for(
    position: int, mentions, state: _EntityState, floor: int = -1, anaphors: list[int] = ()
) -> str | None:
    strong = [m for m in mentions if m.strong and m.end <= position]
    salient = state.salient_entity(guesses=True)
    if salient and any((strong[-1].end if strong else -1) <= a < position for a in anaphors):
        # "Nach der Übernahme von Vodafone Italia rechnet der Konzern mit ...", "The
        # carrier plans $3 billion ..., mostly for Airbus jets": the company the words
        # refer back to is the report's, not one named in the sentence
        return salient
    named = _named_entity(position, [m for m in mentions if not m.guess], state, floor)
    if named is not None:
        return named
    # Nothing surer: an unknown word that opened the sentence or followed "von", "at".
    guesses = [m for m in mentions if m.guess]
    before = [m for m in guesses if m.end <= position]
    if before:
        return before[-1].name
    return state.salient_entity(guesses=True) or (guesses[0].name if guesses else None)


def _named_entity(position: int, mentions, state: _EntityState, floor: int) -> str | None:
    before = [m for m in mentions if m.end <= position]
    strong_before = [m for m in before if m.strong]
    since = [m for m in strong_before if m.start >= floor]
    if since:
        # The subject comes first: in "Microsoft overtook Apple, with a market value of
        # $2.87 trillion" the figure is Microsoft's. A company named after an earlier
        # figure starts a new clause: "... while Mercedes-Benz posted a 2 % gain".
        return since[0].name
    if strong_before:
        return strong_before[-1].name
    if state.entity_counts:
        return state.salient_entity()
    if any(m.strong for m in mentions):
        return next(m.name for m in mentions if m.strong)
    if before:
        return before[-1].name
    return state.salient_entity() or (mentions[0].name if mentions else None)


def _fiscal_end(label, mentions, state: _EntityState, registry) -> int | None:
    """The month the company's fiscal year ends in; None where the registry does not say."""
    if not label or not label.startswith("FY") or registry is None:
        return 12
    name = mentions[0].name if mentions else state.salient_entity()
    return registry.fiscal_year_end.get(name or "")


def _update_state(state: _ReportState, facts: list[Fact], periods) -> None:
    report = [
        p for p in periods if not p.comparison and p.label and p.granularity in REPORT_GRANULARITIES
    ]
    # A quarter or half named anywhere sets the report's period ("hat im dritten Quartal
    # 2024 weniger verdient"); a bare year only in a sentence with figures (years name
    # history as often as periods), and never from a forecast ("bis 2030 abbauen").
    if facts and not facts[-1].is_forecast:
        state.metric = facts[-1].metric
        if report:
            # the period the facts are for, not a year named for comparison after them
            used = [p for p in report if p.label == facts[-1].period]
            state.period = used[-1] if used else report[-1]
    elif not facts:
        named = [p for p in report if p.granularity in ("quarter", "half")]
        if named:
            state.period = named[-1]
