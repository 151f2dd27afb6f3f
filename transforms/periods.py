"""Finding and resolving the period a figure is for: years, quarters, halves, months,
days, year-to-date, fiscal years, and words relative to the publication date.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from transforms.lexicons import alternation, get_lexicon, phrase_alternation
from transforms.quantity_patterns import lower_keep_offsets

YEAR = r"(?:19[5-9]\d|20[0-4]\d)"


@dataclass(frozen=True, slots=True)
class PeriodMention:
    start: int
    end: int
    label: str | None  # None: a relative period that cannot be resolved without a date
    granularity: str  # "day", "ytd", "month", "quarter", "half", "year"
    comparison: bool = False  # "wie im Vorjahr", "than a year earlier": a base, not the period
    # The text named no year ("im vierten Quartal"): it was taken from the publication date,
    # as the latest such period; guidance means the next one (see `upcoming`).
    year_inferred: bool = False
    # "Q4", "H1" of a quarter or half named without its year: a report on a year lends it
    # its year ("im Geschäftsjahr 2024 ... im vierten Geschäftsquartal": FY2024-Q4)
    part: str | None = None


@dataclass(frozen=True)
class _Patterns:
    quarter: re.Pattern[str]
    quarter_code: re.Pattern[str]
    half: re.Pattern[str]
    month: re.Pattern[str]
    month_alone: re.Pattern[str]  # "im Oktober", "in March": no year named
    month_range: re.Pattern[str]
    year: re.Pattern[str]
    fiscal_year: re.Pattern[str]
    fiscal_ending: re.Pattern[str]  # "fiscal year ending March 2025": FY2025
    span_to: re.Pattern[str]  # "the six months to December 31": 2024-H2
    month_quarter: re.Pattern[str]  # "the December quarter": 2024-Q4
    quarter_ending: re.Pattern[str]  # "2ND QTR MARCH 31": the quarter that ended then
    first_months: re.Pattern[str]  # "the first three months of 2025": 2025-Q1
    spans: dict[str, int]  # "six" -> 6
    comparison_only: frozenset[str]  # "a year earlier": always the comparison
    day_date: re.Pattern[str]
    weekday: re.Pattern[str]
    fiscal_word: re.Pattern[str]
    relative: dict[str, re.Pattern[str]]
    comparison_before: re.Pattern[str]
    # which kinds of period words a sentence holds at all, and each word's kinds
    families: tuple[re.Pattern[str], dict[str, frozenset[str]]]
    ordinals: dict[str, int]
    months: dict[str, int]
    weekdays: dict[str, int]


_COMPARISON = {
    "de": ["wie", "als", "gegenüber", "verglichen mit", "im vergleich zu", "vergleich zum", "von"],
    "en": [
        "than",
        "from",
        "compared with",
        "compared to",
        "versus",
        "vs",
        "vs.",
        "over",
        "against",
    ],
}


def _lower(words: list[str]) -> list[str]:
    return [w.lower() for w in words]


@cache
def _patterns(lang: str) -> _Patterns:
    """Patterns for the lower-cased text (see `find_periods`), except `quarter_code`."""
    lex = get_lexicon(lang)
    p = lex["periods"]
    ordinals = {k.lower(): int(v) for k, v in p["ordinals"].items()}
    months = {k.lower(): int(v) for k, v in lex["months"].items()}
    weekdays = {k.lower(): int(v) for k, v in lex["weekdays"].items()}
    ordinal = rf"(?:{alternation(list(ordinals))}|[1-4]\.)"
    fiscal = alternation(_lower(p["fiscal_words"]))
    linker = rf"des\s+|der\s+|seines\s+|ihres\s+|of\s+(?:the\s+|its\s+)?|jahres\s+|(?:{fiscal})\s+"
    year_tail = rf"(?:\s+(?:{linker})*(?P<year>{YEAR})(?:/(?P<y2>\d\d))?)?"
    month_alt = alternation(list(months))
    spans = {k.lower(): int(v) for k, v in p["span_months"].items()}
    return _Patterns(
        quarter=re.compile(
            # "Schlussquartal" glues the ordinal to the quarter
            rf"(?<![\w])(?P<ord>{ordinal})[\s-]*(?:(?:{fiscal})[\s-]+)?"
            rf"(?:{alternation(_lower(p['quarter_words']))})(?![\w]){year_tail}",
        ),
        quarter_code=re.compile(
            rf"(?<![\w])(?:Q(?P<q>[1-4])[\s/-]*(?P<year>{YEAR}|\d\d)?|(?P<year2>{YEAR})[\s-]?Q(?P<q2>[1-4]))(?![\w])"
        ),
        half=re.compile(
            rf"(?<![\w])(?P<ord>{ordinal})[\s-]+(?:{alternation(_lower(p['half_words']))})(?![\w]){year_tail}",
        ),
        month=re.compile(rf"(?<![\w])(?P<month>{month_alt})\.?\s+(?P<year>{YEAR})(?![\w])"),
        month_alone=re.compile(
            rf"(?<![\w])(?:{alternation(_lower(p['month_prepositions']))})\s+(?P<month>{month_alt})"
            # not before a year, a day ("December 31"), a range or a second month
            rf"(?![\w])(?!\.?\s*(?:{YEAR}(?!\d)|\d{{1,2}}(?:st|nd|rd|th)?(?![\d.,])|[/\-–])"
            rf"|\s+(?:bis|to|through|und|and)\s)"
        ),
        month_range=re.compile(
            rf"(?<![\w])(?P<m1>{month_alt})\s*(?:[-–/]|\s(?:bis|to|through)\s)\s*(?P<m2>{month_alt})\.?(?:\s+(?P<year>{YEAR}))?(?![\w])",
        ),
        year=re.compile(
            rf"(?<![\w.,/-])(?P<year>{YEAR})(?![\w/%-]|[.,]\d|\s?(?:%|prozent|percent))"
        ),
        # "fiscal year ending March 2025", "Geschäftsjahr bis Ende März", "the year to
        # March 31": a fiscal year named by the month it ends in, the year perhaps left out
        fiscal_ending=re.compile(
            rf"(?<![\w])(?:(?:{fiscal})[\s-]*(?:year\s+)?|(?:year|twelve\s+months|12\s+months)\s+)"
            rf"(?:{alternation(_lower(p['fiscal_year_ending']))})"
            rf"\s+(?P<month>{month_alt})\.?(?:\s+[0-3]?\d(?:st|th)?(?![\d.,]\d))?"
            rf"(?:,?\s+(?P<year>{YEAR}))?(?![\w])"
        ),
        span_to=re.compile(
            rf"(?<![\w])(?P<n>{alternation(list(spans))})\s+(?:{alternation(_lower(p['span_units']))})\s+"
            rf"(?:{alternation(_lower(p['fiscal_year_ending']))})\s+(?P<month>{month_alt})\.?"
            rf"(?:\s+[0-3]?\d(?:st|th)?(?![\d.,]\d))?(?:,?\s+(?P<year>{YEAR}))?(?![\w])"
        ),
        month_quarter=re.compile(
            rf"(?<![\w])(?P<month>{month_alt})[\s-]?(?:{alternation(_lower(p['quarter_words']))})(?![\w])"
        ),
        quarter_ending=re.compile(
            rf"(?<![\w])(?P<ord>{ordinal})[\s-]*(?:{alternation(_lower(p['quarter_words']))})\s+"
            rf"(?:(?:{alternation(_lower(p['fiscal_year_ending']))})\s+)?(?P<month>{month_alt})\.?"
            rf"\s+[0-3]?\d(?![\d.,]\d)"
        ),
        first_months=re.compile(
            rf"(?<![\w])(?P<ord>{ordinal})\s+(?P<n>{alternation(list(spans))})\s+"
            rf"(?:{alternation(_lower(p['span_units']))})\s+(?:of\s+|des\s+jahres\s+)?(?P<year>{YEAR})(?![\w])"
        ),
        spans=spans,
        comparison_only=frozenset(_lower(p["comparison_only"])),
        # "Geschäftsjahr 2024/25", "FY25", and a split year alone: "Für 2025/26 erwartet"
        fiscal_year=re.compile(
            rf"(?<![\w])(?:(?:{fiscal})[\s-]*(?:year\s+)?(?P<year>{YEAR})(?:/(?P<y2>\d\d))?"
            rf"|fy\s?(?P<fy>\d\d(?:\d\d)?)|(?P<split>{YEAR})/(?P<s2>\d\d)(?![\d/]))(?![\w])",
        ),
        day_date=re.compile(
            rf"(?<![\w])(?:(?P<d>[0-3]?\d)\.?\s+(?P<month>{month_alt})\.?(?:\s+(?P<year>{YEAR}))?"
            rf"|(?P<month2>{month_alt})\.?\s+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?(?![\d.,]\d)"
            rf"(?:,?\s+(?P<year2>{YEAR}))?)(?![\w])",
        ),
        fiscal_word=re.compile(rf"(?<![\w])(?:{fiscal})(?![\w])"),
        weekday=re.compile(rf"(?<![\w])(?P<wd>{alternation(list(weekdays))})(?![\w])"),
        relative={
            key: re.compile(rf"(?<![\w])(?:{alternation(_lower(p[key]))})(?![\w])")
            for key in _RELATIVE
        },
        comparison_before=re.compile(
            rf"(?<![\w])(?:{alternation(_COMPARISON[lang])})\s+(?:(?:dem|the|a|der|des)\s+)?$"
        ),
        families=_families_pattern(p, months, weekdays),
        ordinals=ordinals,
        months=months,
        weekdays=weekdays,
    )


_RELATIVE = (
    "previous_year",
    "current_year",
    "next_year",
    "year_to_date",
    "today",
    "yesterday",
    "current_quarter",
)


def _families_pattern(p: dict, months: dict, weekdays: dict) -> tuple[re.Pattern[str], dict]:
    """One look at a sentence for the words each kind of period needs.

    Most sentences with a figure name no month, weekday or relative period; one search
    for all their words, without word bounds (it may only find too much), saves the
    dozen searches that would each find nothing. The search is zero-width, so words that
    overlap are all seen; a word found also stands for the words it starts with.
    """
    groups = {
        "quarter": _lower(p["quarter_words"]),
        "half": _lower(p["half_words"]),
        # a split year "2025/26" and "the year to March" are fiscal without the word
        "fiscal": [*_lower(p["fiscal_words"]), "fy", "/", "year to", "year end", "months to"],
        "month": [*months, *_lower(p["span_units"])],  # "the first three months of 2025"
        "weekday": list(weekdays),
        "relative": [w for key in _RELATIVE for w in _lower(p[key])],
    }
    kinds_of: dict[str, set[str]] = {}
    for kind, words in groups.items():
        for word in words:
            kinds_of.setdefault(" ".join(word.split()), set()).add(kind)
    for word in list(kinds_of):
        for other, kinds in list(kinds_of.items()):
            if word != other and word.startswith(other):
                kinds_of[word] = kinds_of[word] | kinds
    pattern = re.compile(rf"(?=({phrase_alternation(list(kinds_of))}))")
    return pattern, {w: frozenset(k) for w, k in kinds_of.items()}


def period_kinds(low: str, start: int, end: int, lang: str) -> set[str]:
    """The kinds of period words in low[start:end] (the lower-cased text): "quarter",
    "half", "fiscal", "month", "weekday", "relative"; one search, as `find_periods` does."""
    family_words, kinds_of = _patterns(lang).families
    kinds: set[str] = set()
    for m in family_words.finditer(low, start, end):
        kinds |= kinds_of[" ".join(m.group(1).split())]
    return kinds


def _parse_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def find_periods(
    text: str,
    start: int,
    end: int,
    lang: str,
    published: str | None,
    low: str | None = None,
) -> list[PeriodMention]:
    """Period mentions in text[start:end], most specific first where they overlap.

    `low` is `text` lower-cased with the same offsets (`lower_keep_offsets`): the
    patterns run on it case-sensitively, several times faster than case-insensitively
    on `text`. Callers that look at many sentences of one text pass it in once.
    """
    pats = _patterns(lang)
    if low is None:
        low = lower_keep_offsets(text[:end])
    pub = _parse_date(published)
    found: list[PeriodMention] = []

    def add(
        m: re.Match[str],
        label: str | None,
        gran: str,
        inferred: bool = False,
        part: str | None = None,
    ) -> None:
        before = low[max(0, m.start() - 30) : m.start()]
        comparison = bool(pats.comparison_before.search(before)) or (
            " ".join(m.group(0).split()) in pats.comparison_only  # "a year ago"
        )
        found.append(PeriodMention(m.start(), m.end(), label, gran, comparison, inferred, part))

    # Which kinds can occur at all; years and "Q3" codes are always looked for.
    kinds = period_kinds(low, start, end, lang)
    if "month" in kinds:
        found.extend(_month_spans(low, start, end, pats, pub))
    for m in pats.quarter.finditer(low, start, end) if "quarter" in kinds else ():
        ordinal = m.group("ord").lower()
        q = int(ordinal[0]) if ordinal[0].isdigit() else pats.ordinals[ordinal]
        year = _named_year(m)
        if q == -1:
            if year is not None:
                q = 4
            elif pub is not None:
                prev = date(pub.year, (_quarter_of(pub) - 1) * 3 + 1, 1) - timedelta(days=1)
                year, q = prev.year, _quarter_of(prev)
        unnamed = year is None
        inferred = unnamed and pub is not None
        if inferred:
            year = pub.year if q < _quarter_of(pub) else pub.year - 1
        prefix = "FY" if _names_fiscal(text, m, pats) else ""
        label = f"{prefix}{year}-Q{q}" if year else None
        add(m, label, "quarter", inferred, f"Q{q}" if unnamed else None)
    for m in pats.quarter_code.finditer(text, start, end) if "Q" in text[start:end] else ():
        q = int(m.group("q") or m.group("q2"))
        y = m.group("year") or m.group("year2")
        year = int(y) + (2000 if len(y) == 2 else 0) if y else (pub.year if pub else None)
        add(m, f"{year}-Q{q}" if year else None, "quarter")
    for m in pats.half.finditer(low, start, end) if "half" in kinds else ():
        ordinal = m.group("ord").lower()
        h = int(ordinal[0]) if ordinal[0].isdigit() else pats.ordinals[ordinal]
        h = 2 if h == -1 else min(h, 2)
        year = _named_year(m) or (pub.year if pub else None)
        prefix = "FY" if _names_fiscal(text, m, pats) else ""
        add(m, f"{prefix}{year}-H{h}" if year else None, "half")
    for m in pats.month_range.finditer(low, start, end) if "month" in kinds else ():
        m1, m2 = pats.months[m.group("m1").lower()], pats.months[m.group("m2").lower()]
        if m.group("year"):
            year = int(m.group("year"))
        elif pub is not None:
            # "von Juli bis September" in a report: the latest such months before publication.
            year = pub.year if m2 < pub.month else pub.year - 1
        else:
            continue
        label = {(1, 6): f"{year}-H1", (7, 12): f"{year}-H2", (1, 12): f"{year}"}.get((m1, m2))
        granularity = "year" if (m1, m2) == (1, 12) else "half"
        if label is None and m2 - m1 == 2 and m1 % 3 == 1:
            label, granularity = f"{year}-Q{(m1 - 1) // 3 + 1}", "quarter"
        add(m, label, granularity)
    for m in pats.day_date.finditer(low, start, end) if "month" in kinds else ():
        month = pats.months[(m.group("month") or m.group("month2")).lower()]
        day = int(m.group("d") or m.group("d2"))
        y = m.group("year") or m.group("year2")
        year = int(y) if y else (pub.year if pub else None)
        try:
            label = date(year, month, day).isoformat() if year else None
        except ValueError:
            continue
        add(m, label, "day")
    for m in pats.month.finditer(low, start, end) if "month" in kinds else ():
        add(m, f"{int(m.group('year')):04d}-{pats.months[m.group('month').lower()]:02d}", "month")
    for m in pats.month_alone.finditer(low, start, end) if "month" in kinds and pub else ():
        month = pats.months[m.group("month").lower()]
        year = pub.year if month <= pub.month else pub.year - 1  # the latest such month
        before = low[max(0, m.start() - 30) : m.start()]
        comparison = bool(pats.comparison_before.search(before))
        label = f"{year}-{month:02d}"
        found.append(PeriodMention(m.start("month"), m.end(), label, "month", comparison, True))
    for m in pats.fiscal_ending.finditer(low, start, end) if "fiscal" in kinds else ():
        if m.group("year"):
            add(m, f"FY{m.group('year')}", "year")
        elif pub is not None:  # the latest year ended in that month
            month = pats.months[m.group("month").lower()]
            add(m, f"FY{pub.year if month < pub.month else pub.year - 1}", "year")
    for m in pats.fiscal_year.finditer(low, start, end) if "fiscal" in kinds else ():
        if m.group("split"):
            year = int(m.group("split"))
            if int(m.group("s2")) != (year + 1) % 100:
                continue  # "2024/12" is no fiscal year
            add(m, f"FY{year + 1}", "year")
            continue
        if m.group("fy"):
            fy = int(m.group("fy"))
            year = fy + 2000 if fy < 100 else fy
        else:
            year = int(m.group("year"))
            if m.group("y2"):
                year += 1  # "Geschäftsjahr 2024/25" is named after the year it ends in
        add(m, f"FY{year}", "year")
    for m in pats.year.finditer(low, start, end):
        add(m, m.group("year"), "year")
    for m in pats.weekday.finditer(low, start, end) if "weekday" in kinds else ():
        if pub is None:
            add(m, None, "day")
            continue
        back = (pub.weekday() - pats.weekdays[m.group("wd").lower()]) % 7
        add(m, (pub - timedelta(days=back)).isoformat(), "day")
    for key, pattern in pats.relative.items() if "relative" in kinds else ():
        for m in pattern.finditer(low, start, end):
            add(
                m,
                _relative_label(key, pub),
                _RELATIVE_GRANULARITY.get(key, "year"),
            )
    return _drop_nested(found)


def _month_spans(low: str, start: int, end: int, pats: _Patterns, pub: date | None) -> list:
    """Quarters and halves named by the month they end in: "the six months to December
    31", "the December quarter", "2ND QTR MARCH 31" (the calendar quarter then ended)."""
    found = []

    def year_of(m: re.Match[str], month: int) -> int | None:
        named = m.groupdict().get("year")
        if named:
            return int(named)
        return None if pub is None else (pub.year if month < pub.month else pub.year - 1)

    for m in pats.span_to.finditer(low, start, end):
        n, month = pats.spans[m.group("n")], pats.months[m.group("month").lower()]
        year = year_of(m, month)
        label = None
        if n == 6 and month in (6, 12) and year:
            label = f"{year}-H{month // 6}"
        elif n == 3 and month % 3 == 0 and year:
            label = f"{year}-Q{month // 3}"
        if label:
            gran = "half" if n == 6 else "quarter"
            found.append(PeriodMention(m.start(), m.end(), label, gran))
    for m in pats.first_months.finditer(low, start, end):
        n, ordinal = pats.spans[m.group("n")], pats.ordinals.get(m.group("ord"))
        if ordinal in (1, -1):
            part = ("H" if n == 6 else "Q") + str(1 if ordinal == 1 else (2 if n == 6 else 4))
            gran = "half" if n == 6 else "quarter"
            found.append(PeriodMention(m.start(), m.end(), f"{m.group('year')}-{part}", gran))
    for pattern in (pats.quarter_ending, pats.month_quarter):
        for m in pattern.finditer(low, start, end):
            month = pats.months[m.group("month").lower()]
            year = year_of(m, month)
            if month % 3 == 0 and year:
                found.append(PeriodMention(m.start(), m.end(), f"{year}-Q{month // 3}", "quarter"))
    return found


def _named_year(m: re.Match[str]) -> int | None:
    """ "2024" -> 2024; a split fiscal year "2024/25" is named after the year it ends in."""
    if not m.group("year"):
        return None
    return int(m.group("year")) + (1 if m.group("y2") else 0)


def _names_fiscal(text: str, m: re.Match[str], pats: _Patterns) -> bool:
    """ "fiscal second quarter", "zweiten Quartal des Geschäftsjahres 2024/25"."""
    around = text[max(0, m.start() - 12) : m.end() + 25].lower()
    return bool(pats.fiscal_word.search(around))


_RELATIVE_GRANULARITY = {
    "year_to_date": "ytd",
    "today": "day",
    "yesterday": "day",
    "current_quarter": "quarter",
}


def _relative_label(key: str, pub: date | None) -> str | None:
    if pub is None:
        return None
    return {
        "previous_year": str(pub.year - 1),
        "current_year": str(pub.year),
        "next_year": str(pub.year + 1),
        "year_to_date": f"{pub.year}-YTD",
        "today": pub.isoformat(),
        "yesterday": (pub - timedelta(days=1)).isoformat(),
        "current_quarter": f"{pub.year}-Q{_quarter_of(pub)}",
    }[key]


def _drop_nested(found: list[PeriodMention]) -> list[PeriodMention]:
    """Keep the longest mention where several overlap ("4. Quartal 2024" over "2024")."""
    kept: list[PeriodMention] = []
    for p in sorted(found, key=lambda p: (p.start, -(p.end - p.start))):
        if kept and p.start < kept[-1].end:
            continue
        kept.append(p)
    return kept


def upcoming(label: str, published: str | None) -> str:
    """The next such period when the text named no year: guidance "for the fourth
    quarter", published in October 2024, means 2024-Q4, not the last one (2023-Q4)."""
    start, end = period_bounds(label, published)
    if not end or not published or end >= published[:10]:
        return label
    fiscal = label.startswith("FY")
    core = label[2:] if fiscal else label
    return ("FY" if fiscal else "") + f"{int(core[:4]) + 1:04d}" + core[4:]


def fiscal_period_near(label: str, published: str | None, year_end: int, ahead: bool) -> str:
    """ "FY2023-Q4" whose year was a guess: the company's latest such fiscal period up to
    publication (Apple's fiscal fourth quarter, published 31 October 2024, is FY2024-Q4),
    or with guidance the next one."""
    if not published or not label.startswith("FY") or "-" not in label:
        return label
    part = label[6:]
    pub = published[:10]
    candidates = [f"FY{year}{part}" for year in range(int(pub[:4]) - 1, int(pub[:4]) + 3)]
    ends = [(period_bounds(c, published, year_end)[1], c) for c in candidates]
    if ahead:
        later = [c for end, c in ends if end and end >= pub]
        return later[0] if later else label
    done = [c for end, c in ends if end and end <= pub]
    return done[-1] if done else label


def period_bounds(
    label: str | None, published: str | None = None, fiscal_year_end_month: int = 12
) -> tuple[str | None, str | None]:
    """Calendar dates a period label covers; fiscal labels through the fiscal-year end."""
    if not label:
        return None, None
    fiscal = label.startswith("FY")
    core = label[2:] if fiscal else label
    m = re.fullmatch(r"(\d{4})(?:-(Q[1-4]|H[12]|YTD|\d{2})(?:-(\d{2}))?)?", core)
    if not m:
        return None, None
    try:
        return _bounds(
            int(m.group(1)), m.group(2), m.group(3), fiscal, published, fiscal_year_end_month
        )
    except ValueError:  # "2024-13", "2024-02-30": no such period
        return None, None


def _bounds(
    year: int,
    part: str | None,
    day: str | None,
    fiscal: bool,
    published: str | None,
    fiscal_year_end_month: int,
) -> tuple[str, str]:
    if part is not None and part.isdigit() and not 1 <= int(part) <= 12:
        raise ValueError(f"no month {part}")
    if day:
        d = date(year, int(part), int(day))
        return d.isoformat(), d.isoformat()
    if part == "YTD":
        pub = _parse_date(published)
        last = pub if pub and pub.year == year else date(year, 12, 31)
        return date(year, 1, 1).isoformat(), last.isoformat()
    if part is None:
        first_month, months = 1, 12
    elif part.startswith("Q"):
        first_month, months = (int(part[1]) - 1) * 3 + 1, 3
    elif part.startswith("H"):
        first_month, months = (int(part[1]) - 1) * 6 + 1, 6
    else:
        first_month, months = int(part), 1
    shift = 0
    if fiscal and fiscal_year_end_month != 12:
        # FY2025 ending in March starts in April 2024: shift the calendar window back.
        shift = fiscal_year_end_month - 12
    start_index = year * 12 + (first_month - 1) + shift
    end_index = start_index + months - 1
    sy, sm = divmod(start_index, 12)
    ey, em = divmod(end_index, 12)
    return (
        date(sy, sm + 1, 1).isoformat(),
        date(ey, em + 1, calendar.monthrange(ey, em + 1)[1]).isoformat(),
    )
