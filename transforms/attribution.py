"""Judging one figure of a sentence: is it a fact, of which metric, kind and direction.

Pure predicates over the text, a quantity and the sentence's cues; `transforms.extract`
walks the document and calls them for each figure.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Protocol

from transforms.cues import Cue, nearest
from transforms.lexicons import phrase_key
from transforms.periods import PeriodMention
from transforms.schema import Quantity, is_money

# Figures that are themselves percentages state a level ("EBIT-Marge von 8 Prozent",
# "Marktanteil von 6,5 Prozent", "8.9 % of net sales"); other percentages are changes.
# The extractor tells which: a margin always, an `other` figure by its cue word.
# Periods as precise as a day or year-to-date describe one sentence's event (a share
# move "am Freitag"); only report periods carry over to the next sentences.
REPORT_GRANULARITIES = ("quarter", "half", "year", "month")


class SentenceCues(Protocol):
    """The sentence as the judgements see it; direction words are looked up on demand."""

    @property
    def direction_cues(self) -> list[Cue]: ...


_EQUALS_AROUND = re.compile(r"\s*=")
_MOVED_UP_TO = re.compile(r"(?:went|moved|climbed|rose|jumped|increased|grew)\s+$", re.I)


def is_conversion_rate(text: str, q: Quantity) -> bool:
    """ "( EUR1 = USD1 .4 )" states an exchange rate, not a figure of the company."""
    # A short window before the figure: copying the whole prefix made this quadratic.
    before = text[max(0, q.start - 8) : q.start].rstrip()
    return bool(_EQUALS_AROUND.match(text, q.end)) or before.endswith("=")


def without_movement_up_to(text: str, q: Quantity) -> Quantity:
    """ "profit went up to EUR 3.1 mn": "up to" is the movement there, not a ceiling."""
    if q.qualifier != "le" or not q.surface.lower().startswith("up to "):
        return q
    if not _MOVED_UP_TO.search(text, max(0, q.start - 20), q.start):
        return q
    cut = len("up to ")
    while q.surface[cut : cut + 1].isspace():
        cut += 1
    return replace(q, start=q.start + cut, surface=q.surface[cut:], qualifier="eq")


def is_restatement(text: str, prev: Quantity, q: Quantity) -> bool:
    """ "Rmb72,5 Milliarden (10 Milliarden Euro)": the bracket restates the amount before."""
    gap = text[prev.end : q.start]
    if not (is_money(prev.unit) and is_money(q.unit)) or prev.unit == q.unit:
        return False  # the same currency in brackets is last year's: see is_bracketed_base
    # Wire copy drops the brackets: "EUR 2.7 million USD 3.8 m".
    return gap.strip() in ("(", "[", "( ", "")


def is_bracketed_base(text: str, prev: Quantity, q: Quantity) -> bool:
    """ "net sales totalled EUR 305.2 mn ( EUR 353.4 mn )": in the same unit, the figure
    in brackets is the prior period's."""
    gap = text[prev.end : q.start]
    # also at the clause end: "EUR 221.6 mn in the second quarter of 2009 ( EUR 241.1 mn )"
    return prev.unit == q.unit and len(gap) <= 60 and gap.rstrip().endswith(("(", "["))


def is_comparison_base(
    text: str, s: int, q: Quantity, earlier: list[Quantity], later: list[Quantity], cues
) -> bool:
    """Last period's figure given for comparison: "vs 4 mln", "nach 8 Mrd", "from 5 to 8"."""
    before = text[max(s, q.start - 40) : q.start]
    if cues.prior_before.search(before) or cues.prior_after.match(text, q.end):
        return True
    if q.unit not in ("percent", "pp") and cues.prior_direct_before.search(before):
        return True  # "after 265 mln"; but "after a 27 pct increase in 1986" is 1986's change
    if not cues.from_before.search(before) or q.unit in ("percent", "pp"):
        return False
    # "von 5 auf 8 Milliarden": the "von" amount is last period's level; so is the
    # "from" amount after a "to" amount ("rose to 8 mln from 5 mln").
    if later and later[0].unit == q.unit and cues.to_after.match(text[q.end : later[0].start + 1]):
        return True
    # Only after a new level: "ein EBITDA von 760 Mio. bei einem Umsatz von 4,5 Mrd." is
    # two figures.
    return any(p.unit == q.unit and _after_to(text, s, p, cues) for p in earlier)


def _after_to(text: str, s: int, p: Quantity, cues) -> bool:
    """Whether "auf"/"to" introduces the figure, also inside it ("went up to EUR 3.1 mn")."""
    start = max(s, p.start - 8)
    inner = min(p.end, p.start + 6)
    return bool(
        cues.to_before.search(text, start, p.start) or cues.to_before.search(text, start, inner)
    )


def mark_base_periods(periods, bases: list[Quantity], quantities: list[Quantity]):
    """ "... from EUR 600.3 mn in 2009": a period right after a comparison base is the
    base's period, not the reported figure's."""
    if not bases:
        return periods
    marked = []
    for p in periods:
        after_base = any(
            0 <= p.start - b.end <= 45
            and not any(b.end <= q.start < p.start for q in quantities if q is not b)
            for b in bases
        )
        marked.append(replace(p, comparison=True) if after_base else p)
    return marked


def names_a_count(text: str, cue: Cue, cues) -> bool:
    """ "passengers", "Privatkunden": a cue that names what a count counts (German as the
    tail of a compound)."""
    return phrase_key(text[cue.start : cue.end]).endswith(cues.count_only)


_NEXT_IS_WORD = re.compile(r"\s+[^\W\d]")
_NO_SHARE_PRICE = 1_000_000  # an amount this large is paid for shares, not one's price
_VOLUME_FLOOR = 10_000  # the smallest count of customers or passengers worth a fact
_ONE_WORD_GAP = re.compile(r"\.?\s*|\.?\s+[^\W\d]+\s+")  # "19 Millionen neue Abonnenten"


def metric_fits(
    metric, cue, q: Quantity, text: str, s: int, sentence: SentenceCues, cues, level: bool
) -> bool:
    """Whether the figure can be that metric at all, judged by its unit and wording."""
    if metric is None:
        return False
    if q.unit == "count":
        # A counted noun that is itself the metric: "9000 Jobs", "500 Mitarbeiter"; or a
        # verb just before a count of anything: "employs nearly 1.6 million people".
        if cue is None:
            return False
        if metric == "other":
            # "8,1 Millionen Passagiere", "19 Millionen neue Abonnenten", "Die Zahl der
            # Fluggäste stieg auf 57,2 Millionen": a business volume, when the count is
            # large ("12 Kunden verletzt" is no figure of a business).
            if q.value < _VOLUME_FLOOR:
                return False
            if cue.start >= q.end:
                return bool(_ONE_WORD_GAP.fullmatch(text, q.end, cue.start))
            return names_a_count(text, cue, cues) and q.start - cue.end <= 80
        if metric not in ("employees", "deliveries"):
            return False
        return 0 <= cue.start - q.end <= 30 or 0 <= q.start - cue.end <= 25
    if metric in ("employees", "deliveries") and (
        is_money(q.unit) or cue is None or _distance(cue, q) > 40
    ):
        return False
    counted_noun = cue is not None and phrase_key(text[cue.start : cue.end]) in cues.count_nouns
    if metric in ("employees", "deliveries") and q.unit != "count" and counted_noun:
        # "Fahrzeuge (+1,5 Prozent)" in an economy report: a counted noun names what was
        # counted, not a company's deliveries or staff, unless it counts them.
        return False
    if metric == "share_price" and is_money(q.unit) and q.value >= _NO_SHARE_PRICE:
        return False  # "2.5 mln dlrs of convertible preferred stock" buys shares
    if metric == "share_price" and is_money(q.unit):
        # a price is quoted "at", "bei", "auf" it: "je 2500 Euro" beside "Titel" is a prize
        before = text[max(s, q.start - 12) : q.start]
        moved = any(0 <= q.start - c.end <= 2 for c in sentence.direction_cues)  # "rose 20 cts"
        if not (moved or cues.price_before.search(before)):
            return False
    if cue is not None:
        named = phrase_key(text[cue.start : cue.end])
        if q.unit not in ("percent", "pp") and named in cues.percent_only:
            return False  # a market share is a percentage; an amount beside it is another's
        if names_a_count(text, cue, cues) and q.unit not in ("percent", "pp"):
            return False  # "passengers" names a count or its change, not a price
    if q.unit in ("percent", "pp") and not level:
        # A percentage is a change only when the sentence says it moved ("um",
        # "stieg", "Plus"); "mit 29 Prozent" in a poll is no figure of the metric.
        before = text[max(s, q.start - 12) : q.start]
        return bool(cues.by_before.search(before)) or bool(sentence.direction_cues)
    return True


_EARNINGS = ("net_income", "operating_income", "dividend", "other")


def is_per_share(text: str, s: int, q: Quantity, after: str, cues, cue: Cue | None) -> bool:
    if cues.per_share_after.match(after):
        return True
    window = max(s, q.start - 50)
    m = cues.per_share_before.search(text[window : q.start])
    # "Gewinn je Aktie von SAP auf 2,68 Euro", "Shr profit 13 cts"; but in "3.85 dlrs per
    # share on sales of 14 billion dlrs" the sales named after the per-share words own it.
    owned_elsewhere = (
        (cue is not None and cue.start >= window + m.end("phrase") and cue.value not in _EARNINGS)
        if m
        else False
    )
    return bool(m) and not owned_elsewhere


def metric_cue(text: str, metric_cues: list[Cue], q: Quantity, e: int, cues) -> Cue | None:
    if is_money(q.unit):
        # "a $6 billion share buyback": the amount names what follows it
        glued = [
            c
            for c in metric_cues
            if 0 < c.start - q.end <= 1
            and c.end - c.start >= 5  # not "51 mln stg net of disposals"
            and text[q.end : c.start].isspace()
            and _NEXT_IS_WORD.match(text, c.end)  # not "the dividend to be 17.0p net, a ..."
        ]
        if glued:
            return glued[0]
    linked = cues.metric_after.match(text, q.end, e)
    if linked and is_money(q.unit):
        # "ein EBITDA von 760 Mio. Euro bei einem Umsatz von ...": an amount's own metric
        # word just before it wins over one that follows
        own = [c for c in metric_cues if c.end <= q.start and q.start - c.end <= 20]
        if own:
            return own[-1]
    if linked:
        # "a 37 pct increase in third quarter profits": the metric follows the figure.
        return Cue(
            linked.start("cue"), linked.end("cue"), cues.metric_of[phrase_key(linked.group("cue"))]
        )
    if q.unit == "count":
        # the counted noun itself: "9000 Jobs", "92 Millionen Pakete ... 20.000 Mitarbeiter"
        # counts parcels, not staff
        counted = [
            c
            for c in metric_cues
            if c.value in ("employees", "deliveries") and 0 <= c.start - q.end <= 20
        ]
        if counted:
            return min(counted, key=lambda c: c.start)
    usable = [
        c
        for c in metric_cues
        if (c.end <= q.start or c.start >= q.end)
        and _distance(c, q) <= _max_cue_distance(c, q)
        and not (
            c.value == "share_price"
            and cues.per_unit_before.search(text, max(0, c.start - 5), c.start)
        )
    ]
    return nearest(usable, q.start)


def _distance(cue: Cue, q: Quantity) -> int:
    return q.start - cue.end if cue.end <= q.start else cue.start - q.end


def _max_cue_distance(cue: Cue, q: Quantity) -> int:
    """A cue far from the figure is about something else; "shares" far from a price, surely."""
    return 60 if cue.value == "share_price" and is_money(q.unit) else 150


def kind_of(text: str, s: int, q: Quantity, level: bool, cues, sentence: SentenceCues) -> str:
    if q.unit == "x":
        return "ratio"
    before = text[max(s, q.start - 12) : q.start]
    if cues.by_before.search(before):
        return "change"
    if q.unit == "pp":
        return "change"
    if q.unit == "percent":
        if not level:
            return "change"
        # "market share rose 2 % to 24 %": a movement word right before makes it a change
        moved = any(0 <= q.start - c.end <= 2 for c in sentence.direction_cues)
        return "change" if moved else "level"
    return "level"


def direction_of(
    kind: str, q: Quantity, sentence: SentenceCues, text: str = "", cues=None
) -> str | None:
    if kind == "level":
        return None
    if kind == "ratio":
        return "up" if q.value >= 1 else "down"
    if q.value < 0:
        return "down"
    found = sentence.direction_cues
    if cues is not None and len(found) > 1:
        # "fiel der Umsatz um 7 Prozent, während die Cloud-Sparte um 26 Prozent zulegte":
        # a word in the figure's own clause wins over a nearer one in the clause before
        brk = cues.prose_break
        same = [c for c in found if not brk.search(text, min(c.end, q.end), max(c.start, q.start))]
        found = same or found
    cue = nearest(found, q.start)
    return cue.value if cue else None


def is_loss(text: str, s: int, q: Quantity, cues, metric_cue: Cue | None) -> bool:
    start = max(s, q.start - 40)
    if metric_cue is not None and metric_cue.end <= q.start:
        # "Net loss 1,234,000 vs profit 3,456,000 / Revs 45.6 mln": a loss word before the
        # figure's own metric word is about another figure.
        start = max(start, metric_cue.start)
    window = text[start : q.start]
    if cues.loss.search(window):
        return True
    if metric_cue is None:
        return False
    # "Konzernverlust", "net loss": the metric word itself names a loss
    own = text[metric_cue.start : metric_cue.end].lower()
    return bool(cues.loss.search(own)) or own.endswith(cues.loss_words)


_MARKET_METRICS = ("share_price", "market_cap")


def period_for(
    q: Quantity, periods: list[PeriodMention], metric: str, carried: PeriodMention | None
) -> PeriodMention | None:
    """The period a figure is for: the nearest named in its sentence, else the report's."""
    # a quarter without its year ("im vierten Geschäftsquartal", no date known) still
    # counts: the report it belongs to may lend it the year
    own = [p for p in periods if not p.comparison and (p.label or p.part)]
    if metric not in _MARKET_METRICS:
        # A report figure belongs to its quarter or year, never to the day it was
        # announced ("said on Tuesday that revenue fell 11 %"); prices and market values
        # belong to their trading day.
        own = [p for p in own if p.granularity in REPORT_GRANULARITIES]
    if own:
        return min(own, key=lambda p: min(abs(p.end - q.start), abs(p.start - q.end)))
    if metric == "share_price":
        return None  # a share move without a stated day has no period we could know
    return carried
