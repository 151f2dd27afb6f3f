"""Cue words found in a sentence: metrics, directions, segments, forecasts, markers.

Each finder returns spans, so the extractor can pick the cue nearest to a figure.
German compounds put the meaning last ("Gesamtkapitalausgaben", "Alibaba-Aktien"),
so German metric cues also match as the tail of a longer word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from transforms.lexicons import alternation, get_lexicon, word_pattern


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
    commerce: re.Pattern[str]
    domestic: re.Pattern[str]
    international: re.Pattern[str]
    forecast: re.Pattern[str]
    continuation: re.Pattern[str]
    loss: re.Pattern[str]
    by_before: re.Pattern[str]
    from_before: re.Pattern[str]
    to_after: re.Pattern[str]
    prior_before: re.Pattern[str]
    anaphora: re.Pattern[str]


@cache
def cue_patterns(lang: str) -> CuePatterns:
    lex = get_lexicon(lang)
    metric_of = {c.lower(): m for m, cues in lex["metrics"].items() for c in cues}
    direction_of = {w.lower(): d for d, words in lex["directions"].items() for w in words}
    segment_of = {c.lower(): s for s, cues in lex["segments"].items() for c in cues}
    compound_head = r"[\w-]*?" if lang == "de" else ""
    cm = lex["change_markers"]
    return CuePatterns(
        metric=re.compile(
            rf"(?<![\w]){compound_head}({alternation(list(metric_of))})(?![\w])", re.I
        ),
        metric_of=metric_of,
        direction=re.compile(
            rf"(?<![\w]){compound_head}({alternation(list(direction_of))})(?![\w])", re.I
        ),
        direction_of=direction_of,
        segment=word_pattern(segment_of),
        segment_of=segment_of,
        back_reference=word_pattern(lex["segment_context"]["back_references"]),
        commerce=re.compile(rf"(?:{alternation(lex['segment_context']['commerce'])})", re.I),
        domestic=word_pattern(lex["segment_context"]["domestic"]),
        international=re.compile(
            rf"(?<![\w])(?:{alternation(lex['segment_context']['international'])})", re.I
        ),
        forecast=word_pattern(lex["forecast"]["cues"]),
        continuation=re.compile(
            rf"\W*(?:{alternation(lex['continuation']['words'])})(?![\w])", re.I
        ),
        loss=word_pattern(lex["signs"]["loss_cues"]),
        by_before=re.compile(rf"(?<![\w])(?:{alternation(cm['by'])})\s+$", re.I),
        from_before=re.compile(rf"(?<![\w])(?:{alternation(cm['from'])})\s+$", re.I),
        to_after=re.compile(rf"^\W{{0,3}}\s*(?:{alternation(cm['to'])})\s", re.I),
        prior_before=re.compile(rf"(?<![\w])(?:{alternation(cm['prior'])})\s+$", re.I),
        anaphora=word_pattern(lex["entities"]["anaphora"]),
    )


def find_cues(
    pattern: re.Pattern[str], lookup: dict[str, str], text: str, start: int, end: int
) -> list[Cue]:
    return [
        Cue(m.start(), m.end(), lookup[m.group(1).lower()])
        for m in pattern.finditer(text, start, end)
    ]


def nearest(cues: list[Cue], pos: int, prefer_before: bool = True) -> Cue | None:
    """The cue closest to `pos`; one before it wins over a later one when asked."""
    if not cues:
        return None
    before = [c for c in cues if c.end <= pos]
    if prefer_before and before:
        return max(before, key=lambda c: c.end)
    return min(cues, key=lambda c: min(abs(c.end - pos), abs(c.start - pos)))
