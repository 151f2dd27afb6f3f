"""Recognising quantities: money, percentages, percentage points, multiples and counts.

`find_quantities(text, lang)` returns every such quantity with exact offsets, before
any attribution to a metric. It works in three passes: numbers with what stands
directly around them (currency, scale, unit, qualifier, sign), then links between
neighbouring numbers (ranges, a unit named once for two numbers), then multiples
written as words ("dreimal so viel", "verdoppelt", "doubled").
"""

from __future__ import annotations

from dataclasses import dataclass

from transforms.numbers import parse_digits, parse_number_words
from transforms.quantity_patterns import (
    DIGITS,
    LETTER_BEFORE,
    MINUS_BEFORE,
    NAME_AFTER,
    QuantityPatterns,
    quantity_patterns,
)
from transforms.schema import Quantity

_WINDOW = 40  # characters looked at before a number for currency, qualifier and sign


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    value: float
    scale: float | None = None
    unit: str | None = None
    qualifier: str = "eq"
    negative: bool = False
    value_max: float | None = None
    from_words: bool = False


def find_quantities(text: str, lang: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Quantities in text[start:end], offsets into `text`, sorted and non-overlapping."""
    end = len(text) if end is None else end
    pats = quantity_patterns(lang)
    candidates = _number_candidates(text, start, end, pats)
    candidates = _link_neighbours(text, candidates, pats)
    quantities = [_to_quantity(text, c) for c in candidates if c.unit is not None]
    quantities += _multiples(text, start, end, pats, quantities)
    return sorted(quantities, key=lambda q: q.start)


def _number_candidates(text: str, start: int, end: int, pats: QuantityPatterns) -> list[_Candidate]:
    found: list[_Candidate] = []
    for m in DIGITS.finditer(text, start, end):
        value = parse_digits(m.group(), pats.lang)
        if value is None or _inside_name(text, m.start(), m.end(), pats):
            continue
        found.append(_complete(text, m.start(), m.end(), value, end, pats, from_words=False))
    for m in pats.number_words.finditer(text, start, end):
        cand = _word_candidate(text, m.start(), m.end(), end, pats)
        if cand is not None:
            found.append(cand)
    found.sort(key=lambda c: c.start)
    kept: list[_Candidate] = []
    for c in found:
        if kept and c.start < kept[-1].end:
            continue  # a number word inside an already read amount
        kept.append(c)
    return kept


def _word_candidate(
    text: str, s: int, e: int, limit: int, pats: QuantityPatterns
) -> _Candidate | None:
    """Number words count only when a scale or unit follows ("acht Prozent", not "drei Jahren")."""
    words = text[s:e]
    value = parse_number_words(words, pats.lang)
    while value is None and " " in words.strip():
        # "an eight" or "Jahre zehn": drop leading words until the rest reads as a number.
        cut = words.index(" ") + 1
        s, words = s + cut, words[cut:]
        value = parse_number_words(words, pats.lang)
    if value is None:
        return None
    cand = _complete(text, s, e, value, limit, pats, from_words=True)
    return cand if cand.unit is not None and cand.unit != "count" or cand.scale else None


def _inside_name(text: str, s: int, e: int, pats: QuantityPatterns) -> bool:
    after = text[e : e + 2]
    if NAME_AFTER.match(after) and not _glued_unit(text, e, pats):
        return True
    before = text[max(0, s - 12) : s]
    if LETTER_BEFORE.search(before):
        return not pats.currency_before.search(before.rstrip("-"))
    return False


def _glued_unit(text: str, pos: int, pats: QuantityPatterns) -> bool:
    for pattern in (pats.scale, pats.currency_after, pats.percent_after, pats.minor_after):
        m = pattern.match(text, pos)
        if m and m.start(1) == pos:
            return True
    return bool(pats.multiple_suffix.match(text, max(0, pos - 20)))


def _complete(
    text: str, s: int, e: int, value: float, limit: int, pats: QuantityPatterns, from_words: bool
) -> _Candidate:
    """Read what stands around a number: currency, scale, unit, qualifier, sign."""
    cand = _Candidate(start=s, end=e, value=value, from_words=from_words)
    before = text[max(0, s - _WINDOW) : s]
    cur = pats.currency_before.search(before)
    if cur:
        cand.unit = pats.currencies[cur.group(1).lower()]
        cand.start = s - (len(before) - cur.start(1))
        before = before[: cur.start(1)]
    pos = e
    m = pats.scale.match(text, pos, limit)
    if m and not (len(m.group(1)) == 1 and m.group(1).lower() in "mbk" and not _short_scale_ok(text, m, cand)):
        cand.scale = pats.scale_values[m.group(1).lower()]
        pos = m.end()
    if cand.unit is None:
        pos = _unit_after(text, pos, limit, pats, cand)
    else:
        # "$ 75 million dollars" is rare, but "EUR 5 million" must not swallow more text.
        pass
    cand.end = pos
    q = pats.qualifier_before.search(before)
    if q:
        cand.qualifier = pats.qualifiers[q.group(1).lower()]
        cand.start = cand.start - (len(before) - q.start(1))
        before = before[: q.start(1)]
    if MINUS_BEFORE.search(before) or pats.negative_word_before.search(before):
        cand.negative = True
        sign = MINUS_BEFORE.search(before) or pats.negative_word_before.search(before)
        cand.start -= len(before) - sign.start()
    return cand


def _short_scale_ok(text: str, m, cand: _Candidate) -> bool:
    """A lone "m", "b" or "k" is a scale only when glued to money ("EUR193.3m", "$5bn")."""
    return cand.unit is not None and m.start(1) == m.start()


def _unit_after(text: str, pos: int, limit: int, pats: QuantityPatterns, cand: _Candidate) -> int:
    m = pats.percent_after.match(text, pos, limit)
    if m:
        word = m.group(1).lower()
        cand.unit = "pp" if word in pats.percentage_points else "percent"
        if word in pats.percentage_points:
            cand.value *= pats.percentage_points[word]
        return m.end()
    m = pats.currency_after.match(text, pos, limit)
    if m:
        cand.unit = pats.currencies[m.group(1).lower()]
        return m.end()
    m = pats.minor_after.match(text, pos, limit)
    if m:
        cand.unit = pats.minor_units[m.group(1).lower()]
        cand.value *= 0.01
        return m.end()
    m = pats.count_after.match(text, pos, limit)
    if m and (cand.scale or not cand.from_words):
        cand.unit = "count"
        # The counted noun is not part of the figure: "9 Millionen" of "9 Millionen Fahrzeuge".
        return pos
    if cand.scale and not cand.from_words:
        cand.unit = None  # decided when linking: "21,6 und 21,9 Milliarden Euro"
    return pos


def _link_neighbours(text: str, cands: list[_Candidate], pats: QuantityPatterns) -> list[_Candidate]:
    """Ranges and units named once for two numbers."""
    out: list[_Candidate] = []
    i = 0
    while i < len(cands):
        c = cands[i]
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        if nxt is not None and nxt.unit is not None:
            gap = text[c.end : nxt.start]
            compatible = c.unit is None or c.unit == nxt.unit
            if compatible and pats.range_joiner.match(gap) and _is_range(text, c, gap, pats):
                lo_scale = c.scale or nxt.scale or 1.0
                out.append(
                    _Candidate(
                        start=c.start,
                        end=nxt.end,
                        value=c.value * lo_scale,
                        value_max=nxt.value * (nxt.scale or 1.0),
                        scale=None,
                        unit=nxt.unit,
                        qualifier="range",
                        negative=c.negative,
                    )
                )
                i += 2
                continue
            if c.unit is None and pats.shared_unit_joiner.match(gap):
                c.unit = nxt.unit
                if c.scale is None and nxt.unit not in ("percent", "pp"):
                    c.scale = nxt.scale
        out.append(c)
        i += 1
    return out


def _is_range(text: str, c: _Candidate, gap: str, pats: QuantityPatterns) -> bool:
    """"zwischen X und Y", "X bis Y", "X-Y", "between X and Y" — but "from X to Y" is a change."""
    joiner = gap.strip().lower()
    opener = pats.range_opener_before.search(text[max(0, c.start - 20) : c.start])
    opener_word = opener.group(1).lower() if opener else None
    if joiner in ("und", "and"):
        return opener_word in ("zwischen", "between")
    if opener_word == "from":
        return False
    return True


def _to_quantity(text: str, c: _Candidate) -> Quantity:
    value = c.value if c.value_max is not None else c.value * (c.scale or 1.0)
    if c.negative:
        value = -value
    return Quantity(
        start=c.start,
        end=c.end,
        surface=text[c.start : c.end],
        value=value,
        unit=c.unit or "count",
        value_max=c.value_max,
        qualifier=c.qualifier,
    )


def _multiples(
    text: str, start: int, end: int, pats: QuantityPatterns, taken: list[Quantity]
) -> list[Quantity]:
    found: list[Quantity] = []
    occupied = [(q.start, q.end) for q in taken]

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in occupied)

    for m in pats.multiple_suffix.finditer(text, start, end):
        suffix = m.group("suffix").lower()
        if suffix in ("mal", "times") and not m.group("cmp"):
            continue  # "dreimal" alone is a count of events, not a multiple
        num = m.group("num")
        value = parse_digits(num, pats.lang) if num[0].isdigit() else parse_number_words(num, pats.lang)
        if value is None or value <= 0 or not free(m.start(), m.end()):
            continue
        found.append(Quantity(m.start(), m.end(), m.group(), value, "x"))
        occupied.append((m.start(), m.end()))
    for m in pats.multiple_word.finditer(text, start, end):
        if free(m.start(), m.end()):
            found.append(Quantity(m.start(), m.end(), m.group(), pats.multiples[m.group(1).lower()], "x"))
    return found
