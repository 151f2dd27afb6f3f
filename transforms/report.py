"""What the sentences of one report establish for those after them: the period and
metric a report is about, wire-table block lines and headlines, and where in the text
each sentence lies."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from transforms.attribution import (
    REPORT_GRANULARITIES,
)
from transforms.periods import (
    PeriodMention,
)
from transforms.schema import Fact

# Cheap test before the period patterns run on a sentence without figures.
# Searched once per document on the lower-cased text, not once per sentence. A sentence
# without figures can set the report's period only by naming a quarter or half (months
# ranges such as "January-June" count only in sentences with facts).
# Written so that every branch starts with a letter: the engine then skips ahead to
# those letters (a leading \b would make it try every branch at every position). "aq1"
# passes too, which only costs a look for periods.
PERIOD_HINT = re.compile(
    r"q(?:uart|tr|[1-4](?!\w))|h(?:alf|albjahr|[12](?!\w))|vierteljahr|jahreshälfte|six\s+months"
)


@dataclass
class ReportState:
    """What earlier sentences of the document established about period and metric."""

    period: PeriodMention | None = None
    metric: str | None = None
    day: PeriodMention | None = None  # the trading day a share move was told for


def by_sentence(items: list, spans: list[tuple[int, int]]) -> list[list]:
    """Spans found in the whole text, handed out to the sentence each lies in."""
    starts = [s for s, _ in spans]
    out: list[list] = [[] for _ in spans]
    for item in items:
        i = sentence_of(starts, spans, item.start, item.end)
        if i >= 0:
            out[i].append(item)
    return out


def sentence_of(starts: list[int], spans: list[tuple[int, int]], start: int, end: int) -> int:
    """The index of the sentence that holds text[start:end], or -1."""
    i = bisect_right(starts, start) - 1
    return i if i >= 0 and end <= spans[i][1] else -1


def is_headline(text: str, s: int, e: int) -> bool:
    """A wire headline: one line in capitals, of a few words, above a story."""
    line = text[s:e]
    return (
        "\n" not in line.strip()
        and line.isupper()
        and len(line.split()) >= 3
        and text.find("\n", e) != -1
        and any(c.islower() for c in text[e : e + 400])
    )


def table_block(line: str, cues, state: ReportState, published: str | None) -> None:
    """A wire table's block line ("Year", "Nine mths") sets the period of the rows below."""
    key = " ".join(line.lower().split())
    words = key.split()
    if "<" in line and published and any(w in cues.table_year_lines for w in words):
        # a wire headline "NOMA INDUSTRIES <NOMA> YEAR NET": its table is for the year
        if not PERIOD_HINT.search(key):
            state.period = PeriodMention(0, 0, str(int(published[:4]) - 1), "year")
        return
    if key in cues.table_year_lines and published:
        year = str(int(published[:4]) - 1)  # a year block in a results story: the year ended
        state.period = PeriodMention(0, 0, year, "year")
    elif key in cues.table_span_lines:
        state.period = _half_of(key in cues.table_half_lines, state.period)


def _half_of(six_months: bool, quarter: PeriodMention | None) -> PeriodMention | None:
    """ "Six mths" below a second-quarter table is the first half of that year (below a
    fourth quarter the second); other spans ("Nine mths") have no FACTS period."""
    label = quarter.label if quarter is not None else None
    if six_months and label and label[-3:] in ("-Q2", "-Q4"):
        return PeriodMention(0, 0, f"{label[:-3]}-H{int(label[-1]) // 2}", "half")
    return None


def sentences_hit(pattern: re.Pattern[str], low: str, spans: list[tuple[int, int]]) -> set[int]:
    """Indexes of the sentences in which `pattern` matches, from one pass over `low`."""
    starts = [s for s, _ in spans]
    hit = {
        sentence_of(starts, spans, m.start(), m.end())
        for m in pattern.finditer(low, starts[0] if starts else 0)
    }
    hit.discard(-1)
    return hit


def with_sentence_year(text: str, found: list[PeriodMention], cues) -> list[PeriodMention]:
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
        and cues.year_as_period.search(text, max(0, p.start - 12), p.start)  # not "since 2022"
    ]
    if len(parts) != 1 or len(years) != 1 or years[0].comparison:
        return found
    part, year = parts[0], years[0]
    lo, hi = min(part.end, year.end), max(part.start, year.start)
    if cues.prose_break.search(text, lo, hi):
        return found  # "in the third quarter, ..., and said it expects ... in 2024"
    fiscal = "FY" if (part.label or "").startswith("FY") else ""
    joined = replace(
        part, label=f"{fiscal}{year.label}-{part.part}", year_inferred=False, part=None
    )
    return [joined if p is part else p for p in found if p is not year]


def in_report_year(period: PeriodMention | None, report: PeriodMention | None) -> str | None:
    """A quarter named without its year in a report on a year is of that year: "im
    vierten Quartal" after "im Geschäftsjahr 2024/25" is FY2025-Q4, not the calendar
    quarter before publication."""
    if period is None:
        return None
    lends = report is not None and report is not period and report.granularity in _LENDERS
    if period.part and lends and report.label and not report.comparison:
        # "third quarter of fiscal 2025 ... For the fourth quarter": FY2025-Q4
        return f"{report.label.split('-')[0]}-{period.part}"
    return period.label


_LENDERS = ("year", "quarter", "half")  # the report periods whose year a quarter may take


def update_state(state: ReportState, facts: list[Fact], periods, lead: bool = False) -> None:
    """What a sentence leaves for those after it.

    A quarter or half named anywhere sets the report's period ("hat im dritten Quartal
    2024 weniger verdient"); a bare year only in a sentence with figures, or in a `lead`:
    a sentence that names a metric but no figure and no plan ("Verbund hat 2024 weniger
    verdient"). Elsewhere years name history as often as periods, and never a forecast
    ("bis 2030 abbauen")."""
    report = [
        p for p in periods if not p.comparison and p.label and p.granularity in REPORT_GRANULARITIES
    ]
    days = [p for p in periods if p.granularity == "day" and p.label and not p.comparison]
    if days and any(f.metric in ("share_price", "market_cap") for f in facts):
        state.day = days[-1]  # "Die Aktie brach am Dienstag ... ein. Der Börsenwert ..."
    if facts and not facts[-1].is_forecast:
        state.metric = facts[-1].metric
        if report:
            # the period the facts are for, not a year named for comparison after them
            used = [p for p in report if p.label == facts[-1].period]
            state.period = used[-1] if used else report[-1]
    elif not facts:
        kinds = ("quarter", "half", "year") if lead else ("quarter", "half")
        named = [p for p in report if p.granularity in kinds]
        if named:
            state.period = named[-1]
