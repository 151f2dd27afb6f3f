"""Recognising quantities: money, percentages, percentage points, multiples and counts.

`find_quantities(text, lang)` returns every such quantity with exact offsets, before
any attribution to a metric. It works in two passes over the lower-cased text: numbers
(digit runs, then number words and multiple verbs) with what stands directly around
them (currency, scale, unit, cents, qualifier, sign), then links between neighbouring
numbers (ranges, a unit named once for two numbers). Most numbers in news are years,
dates and the like: they are dropped after a look at the next few characters, and
their value is never parsed.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from transforms.numbers import parse_digits, parse_number_words
from transforms.quantity_patterns import (
    DIGITS,
    FRACTION,
    SPACE_GROUPS,
    TOKENISED_DECIMAL,
    QuantityPatterns,
    lower_keep_offsets,
    quantity_patterns,
    reversed_window,
)
from transforms.schema import Quantity

_CURRENCY_WIDTH = 12  # "u.s. $ " is about the longest prefix currency with its space
_BEFORE_WIDTH = 32  # qualifiers and signs: "knapp über", "in excess of", "minus"
_SPACES = " \u00a0\u202f"
_PUNCTUATION = ",.;:()[]'\"-\u2013/"
_NOT_MONEY = (None, "count", "x", "percent", "pp")
_YEAR = re.compile(r"(?:1[89]|2[01])\d\d")
_WORD_BEFORE = re.compile(r"([\w&]+)[ \u00a0]$")
_INNER_CAPITAL = re.compile(r"[a-zß-ÿ][A-ZÀ-Þ]")  # "iPhone", "MacBook"


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    value: float = 0.0
    scale: float | None = None
    unit: str | None = None
    factor: float = 1.0  # 0.01 for "50 cents" and basis points
    cents: float = 0.0  # "und 15 Cent", in the main unit
    qualifier: str = "eq"
    negative: bool = False
    value_max: float | None = None
    prefixed: bool = False  # the currency stands before the number: "$5", "EUR 5"

    def amount(self) -> float:
        return self.value * (self.scale or 1.0) * self.factor + self.cents


def find_quantities(text: str, lang: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Quantities in text[start:end], offsets into `text`, sorted and non-overlapping."""
    start = max(0, start)
    end = len(text) if end is None else min(end, len(text))
    if start >= end:
        return []
    seg = text[start:end]
    low = lower_keep_offsets(seg)
    pats = quantity_patterns(lang)
    found = _digit_candidates(seg, low, pats)
    found += _word_candidates(seg, low, pats)
    found.sort(key=lambda c: (c.start, -c.end))
    kept: list[_Candidate] = []
    for c in found:
        if kept and c.start < kept[-1].end:
            continue  # "50" of "3 dollars 50 cents", already read with the dollars
        kept.append(c)
    quantities = [_to_quantity(seg, c, start) for c in _link_neighbours(low, kept, pats)]
    if any(word in low for word in pats.fractions):
        quantities = _with_fractions(seg, low, start, quantities, pats)
    # A run of 400 digits overflows to inf: no stated figure, and no value to keep.
    return [q for q in quantities if math.isfinite(q.value) and math.isfinite(q.value_max or 0)]


def _with_fractions(
    seg: str, low: str, start: int, found: list[Quantity], pats: QuantityPatterns
) -> list[Quantity]:
    """ "Der Überschuss stieg um ein Fünftel", "cut costs by a third": the change as a
    percentage, after a "by" word only ("ein Viertel der Belegschaft" is a share)."""
    more = []
    for m in pats.fraction.finditer(low):
        first = m.start("qual") if m.group("qual") else m.start("q")  # "fast ein Viertel"
        s, e = start + first, start + m.end("q")
        if any(q.start < e and s < q.end for q in found):
            continue
        qualifier = pats.qualifiers[m.group("qual")] if m.group("qual") else "eq"
        value = pats.fractions[m.group("w")]
        surface = seg[first : m.end("q")]
        more.append(Quantity(s, e, surface, value, "percent", None, qualifier))
    return sorted(found + more, key=lambda q: q.start) if more else found


# --- numbers written in digits -------------------------------------------------------


def _digit_candidates(seg: str, low: str, pats: QuantityPatterns) -> list[_Candidate]:
    found = []
    n = len(low)
    follows = pats.follows.match
    for m in DIGITS.finditer(low):
        s, e = m.span()
        if s and low[s - 1] == "/":
            continue  # the denominator of "1/2", a part of "03/04/2025"
        if e + 1 < n and low[e] in "-/" and low[e + 1].isdigit():
            fraction = FRACTION.match(low, s)
            e = fraction.end() if fraction else e
        elif e + 1 < n and low[e] in _SPACES and (low[e + 1].isdigit() or low[e + 1] in ".,"):
            e = _continued(low, s, e)
        cur = _currency_before(seg, low, s, pats) if s and _may_follow_prefix(seg, s) else None
        if cur is None:
            if s and _glued_to_word(low, s):
                continue  # "LEM1S", "A380", "Covid-19": part of a name
            if not follows(low, e) and not _percent_first(low, s, pats):
                continue  # a bare number: a year, a date, a list item
        cand = _digit_candidate(seg, low, s, e, cur, pats)
        if cand is not None:
            found.append(cand)
    return found


def _continued(low: str, s: int, e: int) -> int:
    """End of a number that goes on after a space: "12 500", "193 .3", "6 . 2"."""
    if e - s <= 3 and low[s:e].isdigit():
        groups = SPACE_GROUPS.match(low, e)
        if groups:
            return groups.end()
    tok = TOKENISED_DECIMAL.match(low, e)
    return tok.end() if tok else e


def _may_follow_prefix(seg: str, s: int) -> bool:
    """Cheap test whether a prefix currency could end before s: a symbol, or capitals."""
    k = s - 1
    if seg[k] in _SPACES:
        k -= 1
    if k < 0:
        return False
    c = seg[k]
    if c.isalpha():
        return not seg[max(0, k - 3) : k + 1].islower()  # "EUR", "Rmb"; not "in", "of"
    return not (c.isdigit() or c.isspace() or c in _PUNCTUATION)


def _currency_before(
    seg: str, low: str, s: int, pats: QuantityPatterns
) -> tuple[int, str, float] | None:
    """(start, ISO code, scale) of a currency written before the number at s."""
    m = pats.currency_before.match(reversed_window(low, s, _CURRENCY_WIDTH))
    if not m:
        return None
    key = m.group(1)[::-1]
    key_start = s - m.end(1)
    if not _written_as_prefix(seg[key_start : key_start + len(key)], key, pats):
        return None
    code, scale = pats.prefix_currencies[key]
    return key_start, code, scale


def _percent_first(low: str, s: int, pats: QuantityPatterns) -> bool:
    """Cheap test for "percent of 10": the unit written before the number."""
    return s > 1 and low[s - 2] in pats.percent_before_ends


def _glued_to_word(low: str, s: int) -> bool:
    """Digits written onto a word belong to a name: "LEM1S", "A380", "Covid-19"."""
    before = low[s - 1]
    if before.isalpha() or before == "_":
        return True
    return before == "-" and s > 1 and low[s - 2].isalpha()  # but "5-7 %" is a range


def _digit_candidate(
    seg: str, low: str, s: int, e: int, cur: tuple[int, str, float] | None, pats: QuantityPatterns
) -> _Candidate | None:
    cand = _Candidate(s, e)
    if cur is not None:
        cand.start, cand.unit, scale = cur
        cand.prefixed = True
        cand.scale = scale if scale != 1.0 else None  # "MAUD 60"
    written = seg[s:e]
    tokenised = " ." in written or " ," in written
    if tokenised and cur is None and not _unit_or_scale_at(low, e, pats):
        e = cand.end = s + written.index(" ")  # "1987 . 2" is no tokenised decimal here
        written = seg[s:e]
    if not _complete(seg, low, cand, pats, from_words=False, whole=written.isdigit()):
        return None
    bare = cand.unit is None and cand.scale is None
    if bare and (_YEAR.fullmatch(written) or not pats.link_ahead.match(low, cand.end)):
        return None  # a bare number; a year never shares a unit: "in 2009 to 50 million"
    value = parse_digits(written, pats.lang)
    if value is None:
        return None  # "12.03.2024"
    cand.value = value
    _qualify(low, cand, pats)
    return cand


def _written_as_prefix(surface: str, key: str, pats: QuantityPatterns) -> bool:
    """Letters before a number are a currency only as a code: "EUR 5", "Rmb72,5", not "dem 5"."""
    if not key.isalpha():
        return True
    code, scale = pats.prefix_currencies[key]
    if key.upper() == code or scale != 1.0:
        return surface.isupper()
    return surface[:1].isupper()


def _unit_or_scale_at(low: str, pos: int, pats: QuantityPatterns) -> bool:
    return bool(pats.scale_after.match(low, pos) or pats.unit_after.match(low, pos))


# --- numbers written in words --------------------------------------------------------


def _word_candidates(seg: str, low: str, pats: QuantityPatterns) -> list[_Candidate]:
    found = []
    for m in pats.words.finditer(low):
        verb = m.group("verb")
        if verb:  # "verdoppelt", "doubled"; "more than doubled", "nahezu halbiert"
            cand = _Candidate(m.start(), m.end(), pats.multiple_verbs[verb], unit="x")
            _qualify(low, cand, pats)
            after = pats.qualifier_after_verb.match(low, cand.end)
            if cand.qualifier == "eq" and after:
                cand.qualifier = pats.qualifiers[after.group(1)]
            cand.negative = False  # "minus" before a verb is no sign of the multiple
            found.append(cand)
            continue
        if m.group("article"):  # "a million", "eine Milliarde", "ein Prozent"
            cand = _Candidate(m.start(), m.end(), 1.0)
            if _complete(seg, low, cand, pats, from_words=True, whole=True):
                _qualify(low, cand, pats)
                found.append(cand)
            continue
        suffix = m.group("suffix")
        e = m.start("suffix") if suffix else m.end()
        s, value = _read_words(low, m.start(), e, pats)
        if value is None:
            continue
        if suffix:
            cand = _glued_multiple(low, s, m.end(), value, suffix, pats)
        else:
            cand = _Candidate(s, e, value)
            if not _complete(seg, low, cand, pats, from_words=True, whole=value == int(value)):
                continue
            if cand.unit is None and cand.scale is None:
                continue  # "drei Jahren", "one of them"
        if cand is not None:
            _qualify(low, cand, pats)
            found.append(cand)
    return found


def _read_words(low: str, s: int, e: int, pats: QuantityPatterns) -> tuple[int, float | None]:
    """Value of the number words in low[s:e]; leading words that do not fit are dropped."""
    while True:
        value = parse_number_words(low[s:e], pats.lang)
        if value is not None:
            return s, value
        space = low.find(" ", s, e)
        if space < 0:
            return s, None
        s = space + 1


def _glued_multiple(
    low: str, s: int, e: int, value: float, suffix: str, pats: QuantityPatterns
) -> _Candidate | None:
    """A multiple: "dreimal so viel", "das Dreifache", "threefold"; "dreimal" alone counts
    events."""
    cmp = pats.comparison_after.match(low, e)
    if (suffix in pats.needs_comparison and not cmp) or value <= 0:
        return None
    return _Candidate(s, cmp.end() if cmp else e, value, unit="x")


# --- what follows a number -----------------------------------------------------------


def _complete(
    seg: str, low: str, cand: _Candidate, pats: QuantityPatterns, from_words: bool, whole: bool
) -> bool:
    """Read scale, unit, multiple, count noun and cents after a number; False: a name."""
    pos = cand.end
    scale = pats.scale_after.match(low, pos)
    if scale:
        word = scale.group(1)
        # A lone "m", "k", "b" is a scale only after money: "EUR 5 m", "$5bn"; "5 m" is metres.
        if len(word) > 1 or (cand.unit is not None and not from_words):
            cand.scale = cand.scale or pats.scales[word]
            pos = scale.end(1)
            if scale.group(2) and word in pats.abbreviated_scales:
                pos += _dot_continues(seg, low, pos, pats)
    if cand.unit is None:
        pos = _unit_after(seg, low, pos, cand, pats, from_words)
    if cand.unit is None and cand.scale is not None and low[pos : pos + 1] == "-":
        return False  # "a million-dollar home", "die 5-Milliarden-Marke": part of a word
    if cand.unit is None and cand.scale is None:
        mult = pats.multiple_after.match(low, pos)
        if mult and (mult.group("cmp") or mult.group("suffix") not in pats.needs_comparison):
            cand.unit, cand.end = "x", mult.end()  # "2,5-fach", "three times as much"
            return True
        nxt = low[pos : pos + 2]
        if nxt[:1].isalpha() or nxt[:1] == "_" or (nxt[:1] == "." and nxt[1:].isalpha()):
            return False  # "3D", "01.ai"
        counted = not from_words and _count_noun_follows(seg, low, pos, pats)
        if counted and not _name_before(seg, cand):
            cand.unit = "count"  # "500 Mitarbeiter"; the noun stays out of the surface
    elif cand.unit is None and _count_noun_follows(seg, low, pos, pats):
        cand.unit = "count"  # "9 Millionen Fahrzeuge"
    cand.end = pos
    if cand.unit not in _NOT_MONEY and cand.scale is None and cand.factor == 1.0 and whole:
        _cents_after(low, cand, pats)
    return True


_LOWER_WORD = re.compile(r"\s+([a-zäöüß][a-zäöüß-]*)(?=\s)")
_NOT_ADJECTIVES = frozenset({"weniger", "mehr", "more", "fewer", "less"})  # "2024 weniger Autos"
_YEAR = re.compile(r"(?:19|20)\d\d")


def _count_noun_follows(seg: str, low: str, pos: int, pats: QuantityPatterns) -> bool:
    """ "500 Mitarbeiter", also past adjectives: "300 weitere Stellen", "1,800 salaried
    and hourly jobs"; not past a function word ("5 auf 100 Mitarbeiter")."""
    if pats.count_after.match(low, pos):
        return True
    if _YEAR.fullmatch(seg, max(0, pos - 4), pos):
        return False  # "im dritten Quartal 2024 weniger Nutzfahrzeuge"
    for _ in range(3):
        m = _LOWER_WORD.match(seg, pos)
        word = m.group(1) if m else ""
        function_word = word in pats.function_words and word not in pats.pair_joiners
        if not m or word in _NOT_ADJECTIVES or function_word:
            return False
        pos = m.end()
        if pats.count_after.match(low, pos):
            return True
    return False


def _name_before(seg: str, cand: _Candidate) -> bool:
    """Whether a product or index names the number: "iPhone 15 units", "S&P 500 stocks".

    A word with inner capitals or "&" names a
    product or index, and the number belongs to the name. Title case and capitals say
    nothing: German nouns have the one ("Kaserne 104 Menschen"), companies the other
    ("GE 6.500 Stellen")."""
    m = _WORD_BEFORE.search(seg, max(0, cand.start - 24), cand.start)
    return bool(m) and ("&" in m.group(1) or bool(_INNER_CAPITAL.search(m.group(1))))


def _dot_continues(seg: str, low: str, dot: int, pats: QuantityPatterns) -> bool:
    """Whether the full stop after "Mio" abbreviates ("5 Mio. Euro", "5 Mio. für") or ends
    the sentence ("… 41 Mio. Der Konzern")."""
    after = seg[dot + 1 : dot + 3].lstrip()
    return bool(pats.unit_after.match(low, dot + 1)) or after[:1].islower()


def _unit_after(
    seg: str, low: str, pos: int, cand: _Candidate, pats: QuantityPatterns, from_words: bool
) -> int:
    """Read a currency, cent or percent word at pos into cand; returns where it ends."""
    m = pats.unit_after.match(low, pos)
    if not m:
        if _percent_first(low, cand.start, pats):
            _percent_before(low, cand, pats)
        return pos
    word = m.group(1)
    unit = pats.units[word]
    written = seg[m.start(1) : m.end(1)]
    if unit.symbol and from_words:
        return pos  # "a $ 300 million"
    if m.group().startswith("-") and cand.scale is not None:
        return pos  # "a million-dollar home" is no amount
    if word in pats.lowercase_codes_refused and written.islower():
        return pos  # "seit 2015 dem Konzern"
    if len(word) == 1 and word.isalpha() and (m.start(1) != pos or low.startswith(".", m.end(1))):
        return pos  # "4.5p" is pence; "4.5 p" and "5 p.m." are not
    if unit.scale != 1.0:
        if not written.isupper() or cand.scale is not None:
            return pos
        cand.scale = unit.scale  # "30 MUSD"
    cand.unit, cand.factor = unit.unit, unit.factor
    pos = m.end()
    if unit.kind == "money" and cand.scale is None:
        late = pats.scale_after.match(low, pos)
        if late and len(late.group(1)) > 1:
            cand.scale = pats.scales[late.group(1)]  # "75 USD million"
            pos = late.end(1)
    return pos


def _percent_before(low: str, cand: _Candidate, pats: QuantityPatterns) -> None:
    """The unit written before the number: "percent of 10", "per cent of twenty-two"."""
    m = pats.percent_before.match(reversed_window(low, cand.start, _BEFORE_WIDTH))
    if m:
        cand.unit = "percent"
        cand.start -= m.end(1)


def _cents_after(low: str, cand: _Candidate, pats: QuantityPatterns) -> None:
    """Cents after a whole amount: "15 Dollar und 15 Cent" -> 15.15, "thirteen dollars
    forty-five", "c $ 100 and fifty"."""
    m = pats.minor_tail.match(low, cand.end)
    if not m:
        return
    num = m.group("num")
    cents = parse_digits(num, pats.lang) if num[0].isdigit() else parse_number_words(num, pats.lang)
    if cents is None or cents >= 100 or cents != int(cents):
        return
    if not m.group("minor") and not pats.minor_tail_end.match(low, m.end()):
        return  # "50 dollar 50 dollar", "$5 and 10 shares"
    cand.end = m.end()
    cand.cents = cents / 100


# --- what stands before a number -----------------------------------------------------


def _qualify(low: str, cand: _Candidate, pats: QuantityPatterns) -> None:
    """Qualifier ("über", "about") and sign ("minus", "-") before the amount, in that order."""
    window = reversed_window(low, cand.start, _BEFORE_WIDTH)
    q = pats.qualifier_before.match(window)
    if q:
        cand.qualifier = pats.qualifiers[q.group(1)[::-1]]
        cand.start -= q.end(1)
        window = window[q.end(1) :]
    sign = pats.sign_before.match(window)
    if sign:
        cand.negative = True
        cand.start -= sign.end(1) if sign.group(1) else sign.end(2)


# --- links between numbers -----------------------------------------------------------


def _link_neighbours(low: str, cands: list[_Candidate], pats: QuantityPatterns) -> list[_Candidate]:
    """Ranges, a unit named once for two numbers, and unit-less amounts after money."""
    out: list[_Candidate] = []
    for c in cands:
        prev = out[-1] if out else None
        if prev is not None:
            gap = low[prev.end : c.start]
            merged = _range(low, prev, c, gap, pats)
            if merged is not None:
                out[-1] = merged
                continue
            _share_unit(prev, c, gap, pats)
        out.append(c)
    money = None
    for c in out:
        if c.unit is None and c.scale is not None:
            if money is not None and _continues_amounts(low, money, c, pats):
                c.unit, c.factor = money.unit, money.factor
            else:
                c.unit = "count"  # "1,8 Millionen Einwohner": a scaled number stands as a count
        if c.unit not in _NOT_MONEY:
            money = c
    return [c for c in out if c.unit is not None]


_CLAUSE_GAP = 60


def _continues_amounts(low: str, money: _Candidate, c: _Candidate, pats: QuantityPatterns) -> bool:
    """ "4,1 Milliarden Euro, im Ausland bei 6,5 Milliarden": a scaled number soon after an
    amount, with no noun of its own after it, counts in the same currency."""
    gap = low[money.end : c.start]
    if len(gap) > _CLAUSE_GAP or any(ch.isdigit() for ch in gap):
        return False
    rest = low[c.end : c.end + 30].lstrip()
    word = rest.split(maxsplit=1)[0].strip(_PUNCTUATION) if rest else ""
    return not rest or not rest[0].isalnum() or word in pats.function_words


def _range(
    low: str, prev: _Candidate, c: _Candidate, gap: str, pats: QuantityPatterns
) -> _Candidate | None:
    """Two numbers as one range: "zwischen 21,6 und 21,9 Milliarden Euro", "$5-7 million",
    "between $37 billion and $38 billion"."""
    if c.unit is not None:
        if prev.unit is None and c.prefixed:
            return None  # "in 2007 to EUR 33 mn": a currency before the second is not shared
        if prev.unit not in (None, c.unit):
            return None
    elif prev.unit in _NOT_MONEY or prev.scale is not None or c.scale is None:
        return None
    if _tokenised_range(low, prev, c, gap):
        c = replace(c, negative=False)  # "3 % -5 %": the dash joins, it is no minus
    elif not pats.range_joiner.fullmatch(gap) or not _is_range(low, prev, gap, pats, c):
        return None
    scale = prev.scale or c.scale or 1.0
    if prev.unit is not None:
        lo = prev.value * scale * prev.factor + prev.cents
    else:
        lo = prev.value * scale * c.factor
    hi = c.amount()
    lo, hi = -lo if prev.negative else lo, -hi if c.negative else hi
    if hi < lo:
        return None  # "1-10 to 9.63 %" is no range
    return _Candidate(
        start=prev.start,
        end=c.end,
        value=lo,
        value_max=hi,
        unit=c.unit or prev.unit,
        qualifier="range",
    )


def _tokenised_range(low: str, prev: _Candidate, c: _Candidate, gap: str) -> bool:
    """Tokenised copy writes "growth of 3 % -5 %": both with the unit, a dash before the second."""
    return (
        c.negative
        and prev.unit is not None
        and prev.unit == c.unit
        and not prev.negative
        and not gap.strip()
        and low[c.start : c.start + 1] in ("-", "\u2013")
    )


def _share_unit(prev: _Candidate, c: _Candidate, gap: str, pats: QuantityPatterns) -> None:
    """A unit named once for two numbers: after both ("von 5 auf 7 Millionen Euro") or
    before both ("1.5 mln dlrs from 1.2 mln")."""
    if prev.unit is None and c.unit is not None and not c.prefixed:
        if pats.shared_unit_joiner.fullmatch(gap):
            prev.unit, prev.factor = c.unit, c.factor
            if prev.scale is None and c.unit not in ("percent", "pp"):
                prev.scale = c.scale
    elif (
        c.unit is None
        and c.scale is not None
        and prev.unit not in _NOT_MONEY
        and pats.back_link_joiner.fullmatch(gap)
    ):
        c.unit = prev.unit


def _is_range(
    low: str, c: _Candidate, gap: str, pats: QuantityPatterns, second: _Candidate
) -> bool:
    """Ranges: "zwischen X und Y", "X bis Y", "X-Y", "between X and Y", "grow by 13% to
    15%"; but "from X to Y" and "rose X to Y" are changes."""
    joiner = gap.strip()
    opener = pats.range_opener_before.match(reversed_window(low, c.start, 20))
    opener_word = opener.group(1)[::-1] if opener else None
    if joiner in pats.need_opener:
        return opener_word is not None and opener_word not in pats.change_from
    if joiner in pats.change_after_from:  # "rose 1.50 dlrs to 18 dlrs", "by 5 to 7 pct"
        before = pats.change_before.match(reversed_window(low, c.start, _BEFORE_WIDTH))
        if before is None:
            return True
        # "by 13% to 15%": both percentages after "by" bound one change
        window = reversed_window(low, c.start, _BEFORE_WIDTH + 10)
        expected = bool(pats.modal_by.match(window))
        return expected and c.unit in ("percent", "pp") and second.unit == c.unit
    return True


def _to_quantity(seg: str, c: _Candidate, offset: int) -> Quantity:
    value = c.value if c.value_max is not None else c.amount()
    return Quantity(
        start=c.start + offset,
        end=c.end + offset,
        surface=seg[c.start : c.end],
        value=_tidy(-value if c.negative else value),
        unit=c.unit or "count",
        value_max=None if c.value_max is None else _tidy(c.value_max),
        qualifier=c.qualifier,
    )


def _tidy(value: float) -> float:
    """523.3 * 1e6 is 523299999.99999994 in binary; 12 significant digits give 523300000."""
    return float(f"{value:.12g}")
