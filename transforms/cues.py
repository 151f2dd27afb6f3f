"""Cue words found in a sentence: metrics, directions, segments, forecasts, markers.

Each finder returns spans, so the extractor can pick the cue nearest to a figure.
German compounds put the meaning last ("Gesamtkapitalausgaben", "Alibaba-Aktien"),
so German metric cues also match as the tail of a longer word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

# RE2 finds any of 200 words in a text at 150-250 MB/s, where Python's engine tries its
# alternation at every letter (25-45 MB/s). It only says where metric words stand;
# Python's `re` still finds and places every cue there (see `find_metric_cues`).
import re2

from transforms.lexicons import get_lexicon, phrase_key, word_pattern
from transforms.lexicons import phrase_alternation as alternation


@dataclass(frozen=True, slots=True)
class Cue:
    start: int
    end: int
    value: str  # metric name, "up"/"down", canonical segment, ...


@dataclass(frozen=True)
class CuePatterns:
    metric: re.Pattern[str]
    metric_of: dict[str, str]
    direction: re.Pattern[str]
    direction_of: dict[str, str]
    segment: re.Pattern[str]
    segment_of: dict[str, str]
    back_reference: re.Pattern[str]
    named_segment: re.Pattern[str]  # "Division Metal Engineering", "Paper division"
    full_year: re.Pattern[str]  # "für das Gesamtjahr": guidance for the current year
    commerce: re.Pattern[str]
    domestic: re.Pattern[str]
    international: re.Pattern[str]
    forecast: re.Pattern[str]
    passive_auxiliaries: frozenset[str]  # "wird ... bewertet": no guidance
    forecast_after: re.Pattern[str]  # "1,700 jobs will be lost": guidance after the figure
    continuation: re.Pattern[str]
    loss: re.Pattern[str]
    by_before: re.Pattern[str]
    from_before: re.Pattern[str]
    to_after: re.Pattern[str]
    to_before: re.Pattern[str]  # "auf 8 Mrd.", "to 8 mln": a new level follows
    prior_before: re.Pattern[str]
    prior_direct_before: re.Pattern[str]  # "after 265 mln": a base, but for amounts only
    prior_after: re.Pattern[str]
    per_share_after: re.Pattern[str]
    per_share_before: re.Pattern[str]
    per_unit_before: re.Pattern[str]
    stake_after: re.Pattern[str]
    stake_before: re.Pattern[str]  # "its stake ... to 42 pct": a holding, not a change
    metric_after: re.Pattern[str]
    anaphora: re.Pattern[str]
    count_nouns: frozenset[str]
    percent_only: frozenset[str]  # metric cues that name a percentage: "market share"
    count_only: tuple[str, ...]  # metric cues that name a count: "passengers", "Privatkunden"
    segment_only: frozenset[str]  # a business unit, "Cloud-Sparte": revenue if nothing else
    # A count of 10,000 or more (not a year), a scaled number, a percentage or a fraction:
    # what a business volume or a unit's growth is stated with (on the lower-cased text)
    large_or_percent: re.Pattern[str]
    of_sales_after: re.Pattern[str]  # "8.9 % of net sales": a margin
    table_amount: re.Pattern[str]  # "Net loss 1,234,000 vs ...": a wire-table amount
    table_prefixes: frozenset[str]  # "Oper net 9,450,000 vs ...": words before the metric
    table_year_lines: frozenset[str]  # "Year": the rows below are for the year just ended
    table_span_lines: frozenset[str]  # "Nine mths": rows for a span with no FACTS period
    table_half_lines: frozenset[str]  # "Six mths": a half, where the table's quarter says which
    loss_words: tuple[str, ...]  # "verlust", "loss": also as the tail of a compound
    or_before: re.Pattern[str]  # ", or about": the next figure restates the one before
    blocked_cues: tuple[str, ...]  # "margin of error": no metric
    guidance_break: re.Pattern[str]  # " after ", " nachdem ": beyond a guidance word's reach
    clause_break: re.Pattern[str]  # where a clause ends: ",", ";", " und ", " while "
    prose_break: re.Pattern[str]  # the same, but not the comma of "1,700"
    year_as_period: re.Pattern[str]  # "in " before a year: the period a figure is for
    clause_joiner: re.Pattern[str]  # " and ", " while ": a new clause with its own subject
    comma_joiner: re.Pattern[str]  # ", and ", ", while ": surely a new clause ("A and B" is not)
    price_before: re.Pattern[str]  # "schloss bei 31,40 Euro": a share price may follow
    # The metric and direction cues again, compiled case-sensitive for the lower-cased
    # text: Python's engine is four times slower on a case-insensitive alternation, and
    # German compound heads are checked in code instead of by a lazy regex prefix that
    # tried every position of every capitalised word (see `find_word_cues`).
    metric_low: re.Pattern[str]
    metric_words: Any  # RE2 pattern of the metric words, for `find_metric_cues`
    direction_low: re.Pattern[str]
    compounds: bool
    direction_split: re.Pattern[str]  # "gab … nach", on the lower-cased text
    metric_split: re.Pattern[str]  # "setzte … um": a metric named by a verb and its particle
    respectively: re.Pattern[str]


NEVER = r"(?!)"  # an empty word list matches nothing


@cache
def cue_patterns(lang: str) -> CuePatterns:
    lex = get_lexicon(lang)
    metric_of = {c.lower(): m for m, cues in lex["metrics"].items() for c in cues}
    volumes = frozenset(w.lower() for w in lex["count_nouns"]["volumes"])
    metric_of |= {w: "other" for w in volumes}
    # "Die Cloud-Sparte wuchs um 27 Prozent": a business unit that grows grows in sales;
    # its name stands in for a metric only where the sentence names none
    # (the segment words that name a unit, "sparte", "business"; "revenue" is a metric)
    unit_words = [
        w.lower() for w in lex["segment_context"]["unit_words"] if w.lower() not in metric_of
    ]
    units = frozenset(
        w.lower()
        for cues in lex["segments"].values()
        for w in cues
        if any(part in w.lower() for part in unit_words) and w.lower() not in metric_of
    )
    metric_of |= {w: "revenue" for w in units}
    direction_of = {w.lower(): d for d, words in lex["directions"].items() for w in words}
    segment_of = {c.lower(): s for s, cues in lex["segments"].items() for c in cues}
    # German compounds end in their head noun ("Gesamtkapitalausgaben"); a lower-case
    # word ending in a cue is a verb ("bereitzustellen"), so the word must be capitalised.
    compound_head = r"(?:[A-ZÄÖÜ][\w-]*?)?" if lang == "de" else ""
    movement = [w for w in lex["directions"]["up"] + lex["directions"]["down"] if " " not in w]
    compound_tail = rf"(?i:{alternation(movement)})?" if lang == "de" else ""
    cm = lex["change_markers"]
    ctx = lex["figure_context"]
    # "compared with a loss of 5 mln"; but in "from a year earlier to $3.2 billion" the
    # figure after "to" is the new level
    to_words = alternation(_lower_all(cm["to"]))
    glued = r"(?:[A-ZÄÖÜ]\w*-)?" if lang == "de" else ""
    gap_words = rf"(?:(?!(?:{to_words})\s)[^\W\d]+\s+){{0,4}}" if lang == "en" else ""
    return CuePatterns(
        # "Umsatzplus", "Gewinnrückgang": a German compound may also start with the metric.
        metric=re.compile(
            rf"(?<![\w]){compound_head}((?i:{alternation(list(metric_of))}))"
            rf"{compound_tail}(?![\w])"
        ),
        metric_of=metric_of,
        direction=re.compile(
            rf"(?<![\w]){compound_head}((?i:{alternation(list(direction_of))}))(?![\w])"
        ),
        direction_of=direction_of,
        # German also glues a word before it: "im Online-Spielegeschäft"
        segment=re.compile(
            rf"(?<![\w-]){glued}({alternation(list(segment_of))})(?![\w])",
            re.I,
        ),
        segment_of=segment_of,
        back_reference=word_pattern(lex["segment_context"]["back_references"]),
        named_segment=_named_segment_pattern(lex["segment_context"]),
        full_year=word_pattern(ctx["full_year"]),
        commerce=re.compile(rf"(?:{alternation(lex['segment_context']['commerce'])})", re.I),
        domestic=word_pattern(lex["segment_context"]["domestic"]),
        international=re.compile(
            rf"(?<![\w])(?:{alternation(lex['segment_context']['international'])})", re.I
        ),
        forecast=word_pattern(lex["forecast"]["cues"]),
        passive_auxiliaries=frozenset(w.lower() for w in lex["forecast"]["passive_auxiliaries"]),
        forecast_after=word_pattern(lex["forecast"]["after_figure"]),
        continuation=re.compile(
            rf"\W*(?:{alternation(lex['continuation']['words'])})(?![\w])", re.I
        ),
        loss=word_pattern(lex["signs"]["loss_cues"]),
        by_before=re.compile(rf"(?<![\w])(?:{alternation(cm['by'])})\s+$", re.I),
        from_before=re.compile(rf"(?<![\w])(?:{alternation(cm['from'])})\s+$", re.I),
        to_before=re.compile(rf"(?<![\w])(?:{alternation(cm['to'])})\s+$", re.I),
        to_after=re.compile(rf"^\W{{0,3}}\s*(?:{alternation(cm['to'])})\s", re.I),
        # English puts a few words between the marker and the base: "vs profit 7 cts",
        # "versus a net profit of EUR 200,000".
        prior_before=re.compile(rf"(?<![\w])(?:{alternation(cm['prior'])})\s+{gap_words}$", re.I),
        prior_direct_before=re.compile(
            rf"(?<![\w])(?:{alternation(cm['prior_direct']) or NEVER})\s+$", re.I
        ),
        prior_after=re.compile(rf"\W{{0,3}}(?:{alternation(ctx['prior_after'])})(?![\w])", re.I),
        per_share_after=re.compile(rf"\s*(?:{alternation(ctx['per_share'])})(?![\w])", re.I),
        per_share_before=re.compile(
            rf"(?<![\w])(?P<phrase>{alternation(ctx['per_share_before'])})(?![\w])[^.;,\n]{{0,30}}$",
            re.I,
        ),
        # "Euro/Aktie", "je Aktie", "a share": the share is a unit there, not the stock.
        per_unit_before=re.compile(r"(?:/|\b(?:je|pro|per|a|each))\s*$", re.I),
        stake_before=re.compile(rf"(?<![\w])(?:{alternation(ctx['stake_before'])})(?![\w])", re.I),
        stake_after=re.compile(rf"\s*(?:{alternation(ctx['stake'])})(?![\w])", re.I),
        metric_after=re.compile(
            rf"\s+(?:{alternation(lex['directions']['up'] + lex['directions']['down'])})?\s*"
            rf"(?:{alternation(ctx['metric_after_links'])})\s+(?:[\w-]+\s+){{0,2}}?"
            rf"(?P<cue>{alternation(list(metric_of))})(?![\w])",
            re.I,
        ),
        anaphora=word_pattern(lex["entities"]["anaphora"]),
        count_nouns=frozenset(w.lower() for w in lex["count_nouns"]["words"]),
        percent_only=frozenset(w.lower() for w in ctx["percent_only"]),
        count_only=tuple(sorted(volumes)),
        segment_only=units,
        large_or_percent=_large_or_percent(lex),
        loss_words=tuple(w.lower() for w in lex["signs"]["loss_cues"]),
        or_before=re.compile(rf"(?<![\w])(?:{alternation(ctx['or_before'])})\s+$", re.I),
        blocked_cues=tuple(w.lower() for w in ctx["blocked_cues"]),
        guidance_break=_guidance_break(ctx["guidance_breaks"]),
        clause_break=re.compile(rf"[,;:]|\s(?:{alternation(ctx['clause_joiners'])})\s", re.I),
        clause_joiner=re.compile(rf"\s(?:{alternation(ctx['clause_joiners'])})\s", re.I),
        comma_joiner=re.compile(rf",\s*(?:{alternation(ctx['clause_joiners'])})\s", re.I),
        year_as_period=re.compile(
            rf"(?<![\w])(?:{alternation(_lower_all(lex['periods']['year_prepositions']))})\s+$",
            re.I,
        ),
        prose_break=re.compile(
            rf"(?<!\d)[,;:]|[,;:](?!\d)|\s(?:{alternation(ctx['clause_joiners'])})\s", re.I
        ),
        price_before=re.compile(rf"(?<![\w])(?:{alternation(ctx['price_before'])})\s+$", re.I),
        table_prefixes=frozenset(w.lower() for w in ctx["table_prefixes"]),
        table_year_lines=frozenset(w.lower() for w in ctx["table_year_lines"]),
        table_span_lines=frozenset(w.lower() for w in ctx["table_span_lines"]),
        table_half_lines=frozenset(w.lower() for w in ctx["table_half_lines"]),
        table_amount=re.compile(
            r"(?:loss|profit|gain)?\s*(?P<num>\d{1,3}(?:,\d{3})+)"
            rf"(?=\s+(?:{alternation(ctx['table_versus'])})(?![\w]))",
            re.I,
        ),
        of_sales_after=re.compile(rf"\s*(?:{alternation(ctx['of_sales'])})(?![\w])", re.I),
        metric_words=_metric_words(metric_of, lex["split_metrics"]),
        metric_low=_low_pattern(list(metric_of), movement if lang == "de" else None, lang == "de"),
        direction_low=_low_pattern(list(direction_of), None, lang == "de"),
        compounds=lang == "de",
        direction_split=_split_pattern(
            lex["split_directions"], abbreviations=lex["sentences"]["abbreviations"]
        ),
        metric_split=_split_pattern(
            lex["split_metrics"],
            clause_end=True,
            abbreviations=lex["sentences"]["abbreviations"],
            joiners=ctx["clause_joiners"],
        ),
        respectively=word_pattern(lex["respectively"]["markers"]),
    )


def _large_or_percent(lex) -> re.Pattern[str]:
    words = [*lex["percent"]["words"], *lex["fractions"]]
    words += [w for w in lex["scales"] if len(w) >= 3]  # "m", "bn" stand in too many words
    return re.compile(rf"\d[.,']\d{{3}}|\d{{5}}|{alternation(_lower_all(words))}")


def _lower_all(words: list[str]) -> list[str]:
    return [w.lower() for w in words]


def _guidance_break(words: list[str]) -> re.Pattern[str]:
    """Where a guidance word's reach ends: a word ("after", "nachdem") or a comma and a
    word (", and the company employed ..."; "aber" without one is a particle)."""
    plain = [w for w in words if not w.startswith(",")]
    comma = [w[1:].strip() for w in words if w.startswith(",")]
    branches = [rf"(?<![\w])(?:{alternation(plain)})"] if plain else []
    if comma:
        branches.append(rf",\s*(?:{alternation(comma)})")
    return re.compile(rf"(?:{'|'.join(branches) or NEVER})\s", re.I)


def _split_pattern(
    split: dict[str, list[str]],
    clause_end: bool = False,
    abbreviations: list[str] = (),
    joiners: list[str] = (),
) -> re.Pattern[str]:
    """ "gab … nach": the verb is the cue (group named after its value: "up", "revenue"),
    the particle must follow within the clause; with `clause_end` it must also close it
    (before a stop or a clause's `joiners`), as in "setzte 4 Mrd. Euro um." but not
    "setzte den Preis um 5 % herab"."""
    joined = alternation(_lower_all(joiners))
    close = rf"(?=\s*(?:[.,;:!?)]|$)|\s+(?:{joined})(?![\w]))" if clause_end else ""
    # a particle closing the clause may stand far off: "setzte in den ersten drei Quartalen
    # mit 1,97 Mrd. Euro um 5,2 Prozent weniger um"
    reach = 120 if clause_end else 60
    # "setzte 67,9 Mrd. Dollar um": an abbreviation's full stop ends no clause
    words = alternation([a.lower() for a in abbreviations])
    abbreviated = rf"(?<![\w])(?:{words})\.|" if abbreviations else ""
    branches = []
    for value, phrases in split.items():
        pairs: dict[str, list[str]] = {}
        for phrase in phrases:
            verb, particle = (part.strip().lower() for part in phrase.split("…"))
            pairs.setdefault(particle, []).append(verb)
        for particle, verbs in pairs.items():
            branches.append(
                rf"(?P<{value}__{len(branches)}>{alternation(verbs)})(?![\w])"
                rf"(?=(?:{abbreviated}[^.;:!?]){{1,{reach}}}?(?<![\w]){re.escape(particle)}(?![\w]){close})"
            )
    return re.compile(rf"(?<![\w])(?:{'|'.join(branches)})" if branches else NEVER)


def _metric_words(metric_of: dict[str, str], split: dict[str, list[str]]) -> Any:
    """One RE2 pattern for the metric words and the verbs of split metrics ("setzte …
    um"), these in group `head`: one pass over a text finds both."""
    words = "|".join(re2.escape(" ".join(w.split())).replace("\\ ", r"\s+") for w in metric_of)
    heads = {p.split("…")[0].strip().lower() for phrases in split.values() for p in phrases}
    if not heads:
        return re2.compile(words)
    head = "|".join(rf"\b{re2.escape(h)}\b" for h in sorted(heads, key=len))
    return re2.compile(rf"(?P<head>{head})|{words}")


def find_split_cues(pattern: re.Pattern[str], low: str, start: int, end: int) -> list[Cue]:
    return [
        Cue(m.start(), m.end(), m.lastgroup.split("__")[0])
        for m in pattern.finditer(low, start, end)
        if m.lastgroup
    ]


_SEGMENT_NAME = r"[A-Z][\w&-]*(?:\s+(?:and\s+|und\s+|&\s+)?[A-Z][\w&-]*){0,3}"


def _named_segment_pattern(ctx: dict) -> re.Pattern[str]:
    branches = []
    if ctx["named_after_word"]:
        words = alternation(ctx["named_after_word"])
        branches.append(rf"(?<![\w])(?i:{words})\s+(?P<after>{_SEGMENT_NAME})")
    if ctx["named_before_word"]:
        words = alternation(ctx["named_before_word"])
        branches.append(rf"(?<![\w])(?P<before>{_SEGMENT_NAME})\s+(?i:{words})(?![\w])")
    return re.compile("|".join(branches) or NEVER)


def _low_pattern(words: list[str], tails: list[str] | None, compounds: bool) -> re.Pattern[str]:
    """A cue as a whole word of the lower-cased text; in German also as a compound's tail."""
    lead = "" if compounds else r"(?<![\w])"
    tail = rf"(?:{alternation([t.lower() for t in tails])})?" if tails else ""
    # German nouns take a genitive ending: "des Nettogewinns", "des Betriebsergebnisses"
    genitive = r"(?:e?s)?" if compounds else ""
    words_alt = alternation([w.lower() for w in words])
    return re.compile(rf"{lead}({words_alt}){genitive}{tail}(?![\w])")


def find_cues(
    pattern: re.Pattern[str], lookup: dict[str, str], text: str, start: int, end: int
) -> list[Cue]:
    return [
        Cue(m.start(), m.end(), lookup[phrase_key(m.group(1))])
        for m in pattern.finditer(text, start, end)
    ]


_CAPITALS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜ")


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"  # what `\w` matches


def find_word_cues(
    pattern: re.Pattern[str],
    lookup: dict[str, str],
    text: str,
    low: str,
    start: int,
    end: int,
    compounds: bool,
    floor: int | None = None,
) -> list[Cue]:
    r"""Cues in text[start:end] found on `low`, the lower-cased text (same offsets).

    With `compounds` (German) a cue may end a capitalised word, "Gesamtkapitalausgaben",
    and the cue then spans the whole compound, as a `[A-ZÄÖÜ][\w-]*?` prefix would.
    """
    found = []
    for m in pattern.finditer(low, start, end):
        first = m.start()
        if compounds:
            # a compound's head may start before `start`, but not before `floor`
            first = _compound_start(text, start if floor is None else floor, first)
            if first is None:
                continue  # the tail of a lower-case word: "bereitzustellen"
        found.append(Cue(first, m.end(), lookup[phrase_key(m.group(1))]))
    return found


# Longer than any metric word with its tail ("ergebnis vor zinsen und steuern", "plus").
_CUE_REACH = 80


def find_metric_cues(cues: CuePatterns, text: str, low: str) -> list[Cue]:
    """The metric cues of a whole text, as `find_word_cues` over all of it finds them.

    RE2 finds where metric words stand; Python's `re`, slow on this alternation, then
    reads only the stretches around them. No match can start outside those stretches
    (each needs a metric word there), so the matches are the same, in the same order.
    """
    windows: list[list[int]] = []
    heads: list[int] = []
    for m in cues.metric_words.finditer(low):
        if m.lastgroup == "head":
            heads.append(m.start())  # a split metric's verb ("setzte … um")
            continue
        start, end = m.start(), min(len(low), m.start() + _CUE_REACH)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], end)
        else:
            windows.append([start, end])
    found: list[Cue] = []
    done = 0  # where the last match ended: a whole-text scan resumes there
    for start, end in windows:
        pos = max(start, done)
        for cue in find_word_cues(
            cues.metric_low, cues.metric_of, text, low, pos, end, cues.compounds, floor=0
        ):
            found.append(cue)
            done = cue.end
    for head in heads:
        m = cues.metric_split.match(low, head)
        if m and m.lastgroup:
            found.append(Cue(m.start(), m.end(), m.lastgroup.split("__")[0]))
    return sorted(found, key=lambda c: c.start) if heads else found


def _compound_start(text: str, floor: int, pos: int) -> int | None:
    """Where a word holding a cue at `pos` starts, if it may: a capital after a non-letter."""
    k = pos
    while k > floor and (_is_word_char(text[k - 1]) or text[k - 1] == "-"):
        k -= 1
    for j in range(k, pos):
        if text[j] in _CAPITALS and (j == 0 or not _is_word_char(text[j - 1])):
            return j
    return pos if pos == 0 or not _is_word_char(text[pos - 1]) else None


def nearest(cues: list[Cue], pos: int, prefer_before: bool = True) -> Cue | None:
    """The cue closest to `pos`; one before it wins over a later one when asked."""
    if not cues:
        return None
    before = [c for c in cues if c.end <= pos]
    if prefer_before and before:
        return max(before, key=lambda c: c.end)
    return min(cues, key=lambda c: min(abs(c.end - pos), abs(c.start - pos)))
