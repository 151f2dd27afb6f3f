"""Sentence splitting that keeps character offsets into the document text.

Business news breaks naive splitters: abbreviations (Mrd., Inc., U.S.), decimals
(72.5), German ordinals ("im 4. Quartal"), tokenised text ("EUR 6.2 mn .") and
hard-wrapped wire copy (Reuters) whose single newlines are not sentence ends.

This runs on every document, and wire copy has many short lines and table rows, so
the work is done in whole-text passes (str methods, `map`, one regex scan) rather
than in Python per line, block or full stop, wherever that gives the same offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from functools import cache
from itertools import chain, compress, count, repeat
from operator import itemgetter

from transforms.lexicons import get_lexicon

# A candidate end: a run of terminal punctuation, optional closing quotes/brackets, then
# space. Group 1 is that space, so it ends where the next sentence starts; group 2 is
# set when a capital, digit or opening quote follows, as a full stop needs. Punctuation
# before a blank or indented line or the end of the text always ends its block, so it
# is no candidate: the sentence ends there anyway (see `_sentence_breaks`).
_RUN_END = r"[.!?]*[\"'”’»)]*(?![^\S\n]*\n\s|\s*\Z)(?=(\s+)([\"'“„»(]*[A-ZÄÖÜ0-9])?)"
# Runs that start with a full stop, and those that start with ! or ? (the lookbehind
# keeps a match at the start of its run). Two patterns, because `re` finds one that
# starts with a literal character many times faster than one that starts with a
# character set, and ! and ? are rare in business news.
_FULL_STOP_RUN = re.compile(r"\.(?<![.!?].)" + _RUN_END)
_OTHER_RUN = re.compile(r"[!?](?<![.!?].)" + _RUN_END)
_DOTTED = re.compile(r"(?:[a-zäöü]\.)+[a-zäöü]")  # U.S, z.B, d.h
_TERMINAL = re.compile(r"[.!?:\"'”»)]\s*$")
_TERMINAL_CHAR = re.compile(r"[.!?:\"'”»)]")  # what `_TERMINAL` looks for
_LAST_CHAR = itemgetter(slice(-1, None))  # line[-1:]
# How far back the word before a full stop is read: a bound keeps splitting linear.
_WORD_WINDOW = 60
# A paragraph of hard-wrapped copy, from its first to its last non-space character:
# lines that start with a non-space run on; a blank or indented line ends it.
_WRAPPED_PARAGRAPH = re.compile(r"\S.*(?:\n\S.*)*(?<=\S)")


@cache
def _abbreviations(lang: str) -> frozenset[str]:
    return frozenset(a.lower() for a in get_lexicon(lang)["sentences"]["abbreviations"])


@cache
def _month_words(lang: str) -> frozenset[str]:
    return frozenset(get_lexicon(lang)["months"])


def _word_before(text: str, dot: int) -> str:
    """The non-space run that ends at `dot`, cut to the last `_WORD_WINDOW` characters."""
    start = max(0, dot - _WORD_WINDOW)
    # As in the regex `(\S+)$` this replaces, whose `$` also matched before a final
    # newline: a full stop that opens a line is read with the last word of the line before.
    end = dot - 1 if text[dot - 1 : dot] == "\n" else dot
    if end <= start or text[end - 1].isspace():
        return ""
    return text[start:end].rsplit(None, 1)[-1]


def _is_sentence_end(text: str, candidate: re.Match[str], lang: str) -> bool:
    """Whether a `_FULL_STOP_RUN` or `_OTHER_RUN` match ends a sentence."""
    dot = candidate.start()
    if text[dot] != ".":
        return True
    if candidate.group(2) is None:
        return False
    token = _word_before(text, dot).lower().lstrip("(\"'„“")
    if not token:
        # "EUR 6.2 mn ." — tokenised text puts the full stop on its own.
        return True
    abbreviations = _abbreviations(lang)
    if token in abbreviations or token.rstrip(".") in abbreviations:
        return False
    if "." in token and _DOTTED.fullmatch(token):
        return False
    if len(token) == 1 and token.isalpha():  # initials: "Jack M. Ma"
        return False
    # "im 4. Quartal", "am 21. Februar": German ordinals end with a full stop.
    return not (lang == "de" and token.isdigit() and len(token) <= 2)


def _sentence_breaks(text: str, lang: str, block_ends: set[int]) -> list[re.Match[str]]:
    """Sentence ends inside blocks, found by scanning the whole text, in no set order.

    A candidate holds no white space and blocks are separated by it, so a candidate
    lies within one block. One that ends where its block ends needs no decision: the
    sentence ends there either way.
    """
    candidates: Iterable[re.Match[str]] = _FULL_STOP_RUN.finditer(text)
    if "!" in text or "?" in text:
        candidates = chain(candidates, _OTHER_RUN.finditer(text))
    return [m for m in candidates if m.end() not in block_ends and _is_sentence_end(text, m, lang)]


def _is_hard_wrapped(lines: list[str]) -> bool:
    """Wire copy wraps lines at a fixed width, so most lines end mid-sentence."""
    if len(lines) < 4:
        return False
    # The last non-space character of every line that has one.
    last_chars = "".join(map(_LAST_CHAR, map(str.rstrip, lines)))
    body = len(last_chars)
    if body < 4:
        return False
    open_ended = body - len(_TERMINAL_CHAR.findall(last_chars))
    return open_ended / body > 0.5


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Blocks that no sentence crosses: lines, or paragraphs of hard-wrapped copy."""
    return _blocks(text)[0]


def _blocks(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """`_paragraph_spans`, and the same blocks ending at their last non-space."""
    lines = text.split("\n")
    if _is_hard_wrapped(lines):
        spans = _wrapped_paragraphs(text, lines)
        return spans, spans
    spans = _line_blocks(text, lines)
    return spans, [(s, _prev_end(text, e)) for s, e in spans]


def _wrapped_paragraphs(text: str, lines: list[str]) -> list[tuple[int, int]]:
    """Paragraphs of hard-wrapped copy: a blank or indented line or a headline ends one.

    The blocks `_line_blocks` finds reading wrapped copy line by line, found with one
    regex scan of the text between headlines.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for headline_end in [*_headline_ends(lines), len(text)]:
        spans += map(re.Match.span, _WRAPPED_PARAGRAPH.finditer(text, start, headline_end))
        start = headline_end
    return spans


def _headline_ends(lines: list[str]) -> list[int]:
    """Where headlines end that are followed by a line that would otherwise run on."""
    ends: list[int] = []
    start, line = 0, 0  # line number `line` starts at offset `start`
    for i in compress(count(), map(str.isupper, lines)):  # as `_is_headline`
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if following[:1].strip():
            start += sum(map(len, lines[line:i])) + i - line
            line = i
            ends.append(start + len(lines[i]))
    return ends


def _line_blocks(text: str, lines: list[str]) -> list[tuple[int, int]]:
    """Blocks of copy that is not hard-wrapped: a line, or lines that run on."""
    spans: list[tuple[int, int]] = []
    pos, block_start = 0, None
    for i, line in enumerate(lines):
        line_start, line_end = pos, pos + len(line)
        pos = line_end + 1
        if not line.strip():
            if block_start is not None:
                spans.append((block_start, _prev_end(text, line_start)))
                block_start = None
            continue
        starts_paragraph = (
            block_start is None or line[:1].isspace() or (i > 0 and _is_headline(lines[i - 1]))
        )
        if starts_paragraph and block_start is not None:
            spans.append((block_start, _prev_end(text, line_start)))
            block_start = None
        if block_start is None:
            block_start = line_start + (len(line) - len(line.lstrip()))
        if not _continues(line, lines[i + 1] if i + 1 < len(lines) else ""):
            spans.append((block_start, line_end))
            block_start = None
    if block_start is not None:
        spans.append((block_start, len(text.rstrip())))
    return [(s, e) for s, e in spans if e > s]


def _continues(line: str, following: str) -> bool:
    """A line without a full stop followed by one starting in lower case is one sentence."""
    nxt = following.lstrip()[:1]
    return bool(nxt) and nxt.islower() and not _TERMINAL.search(line)


def _prev_end(text: str, line_start: int) -> int:
    end = line_start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _is_headline(line: str) -> bool:
    """Wire headlines are in capitals: "CHAMPION PRODUCTS <CH> APPROVES STOCK SPLIT"."""
    return line.isupper()


def split_sentences(
    text: str, lang: str, skip: list[tuple[int, int]] | None = None
) -> list[tuple[int, int]]:
    """(start, end) offsets of sentences in `text`, leaving out the `skip` spans.

    A block is cut at each sentence end inside it, and the next sentence starts after
    the white space there. Blocks and cuts are in text order, so the sorted offsets of
    block edges and cuts, taken in pairs, are the sentences.
    """
    spans, trimmed = _blocks(text)
    breaks = _sentence_breaks(text, lang, set(map(itemgetter(1), trimmed)))
    if skip:
        trimmed, breaks = _drop_skipped(spans, trimmed, breaks, skip)
    if not breaks:
        return _outside(text, trimmed, skip) if skip else trimmed
    cuts = map(re.Match.span, breaks, repeat(1))  # from a sentence end to the next start
    offsets = iter(sorted(chain(chain.from_iterable(trimmed), chain.from_iterable(cuts))))
    found = list(zip(offsets, offsets, strict=False))
    return _outside(text, found, skip) if skip else found


def _outside(
    text: str, sentences: list[tuple[int, int]], skip: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Sentences cut where a skipped line runs inside their block ("... Euro\nHast du
    Aktien?" as the block's last line): only the parts outside it remain."""
    out = []
    for s, e in sentences:
        pieces = [(s, e)]
        for a, b in skip:
            if a < e and b > s:
                pieces = [
                    piece
                    for ps, pe in pieces
                    for piece in ((ps, min(pe, a)), (max(ps, b), pe))
                    if piece[0] < piece[1]
                ]
        for ps, pe in pieces:
            stripped = text[ps:pe]
            lead = len(stripped) - len(stripped.lstrip())
            trail = len(stripped) - len(stripped.rstrip())
            if pe - trail > ps + lead:
                out.append((ps + lead, pe - trail))
    return out


def _drop_skipped(
    spans: list[tuple[int, int]],
    trimmed: list[tuple[int, int]],
    breaks: list[re.Match[str]],
    skip: list[tuple[int, int]],
) -> tuple[list[tuple[int, int]], list[re.Match[str]]]:
    """Leave out the blocks that lie within a skipped span, and the breaks in them."""
    keep = [True] * len(spans)
    for s, e in skip:
        # Blocks are in text order, so those within the span are a run: first..stop-1.
        first = bisect_left(spans, s, key=itemgetter(0))
        stop = bisect_right(spans, e, key=itemgetter(1))
        keep[first:stop] = [False] * max(0, stop - first)
    # A break lies in the last block that starts before it.
    kept_breaks = [m for m in breaks if keep[bisect_left(trimmed, m.end(), key=itemgetter(0)) - 1]]
    return list(compress(trimmed, keep)), kept_breaks
