"""Sentence splitting that keeps character offsets into the document text.

Business news breaks naive splitters: abbreviations (Mrd., Inc., U.S.), decimals
(72.5), German ordinals ("im 4. Quartal"), tokenised text ("EUR 6.2 mn .") and
hard-wrapped wire copy (Reuters) whose single newlines are not sentence ends.
"""

from __future__ import annotations

import re
from functools import cache

from transforms.lexicons import get_lexicon

# A candidate end: terminal punctuation, optional closing quotes/brackets, then space.
_CANDIDATE = re.compile(r"[.!?]+[\"'”’»)]*(?=\s)")
_NEXT_START = re.compile(r"\s+[\"'“„»(]*[A-ZÄÖÜ0-9]")
_WORD_BEFORE = re.compile(r"(\S+)$")
_TERMINAL = re.compile(r"[.!?:\"'”»)]\s*$")


@cache
def _abbreviations(lang: str) -> frozenset[str]:
    return frozenset(a.lower() for a in get_lexicon(lang)["sentences"]["abbreviations"])


@cache
def _month_words(lang: str) -> frozenset[str]:
    return frozenset(get_lexicon(lang)["months"])


def _is_sentence_end(text: str, dot: int, end: int, lang: str) -> bool:
    """`dot` is where the punctuation starts, `end` where it stops."""
    if text[dot] != ".":
        return True
    following = _NEXT_START.match(text, end)
    if not following:
        return False
    # A bounded window: searching back from the text's start made splitting quadratic.
    word = _WORD_BEFORE.search(text, max(0, dot - 60), dot)
    token = word.group(1).lower().lstrip("(\"'„“") if word else ""
    if not token:
        # "EUR 6.2 mn ." — tokenised text puts the full stop on its own.
        return True
    if token in _abbreviations(lang) or token.rstrip(".") in _abbreviations(lang):
        return False
    if re.fullmatch(r"(?:[a-zäöü]\.)+[a-zäöü]", token):  # U.S, z.B, d.h
        return False
    if len(token) == 1 and token.isalpha():  # initials: "Jack M. Ma"
        return False
    # "im 4. Quartal", "am 21. Februar": German ordinals end with a full stop.
    return not (lang == "de" and token.isdigit() and len(token) <= 2)


def _is_hard_wrapped(lines: list[str]) -> bool:
    """Wire copy wraps lines at a fixed width, so most lines end mid-sentence."""
    body = [ln for ln in lines if ln.strip()]
    if len(body) < 4:
        return False
    open_ended = sum(not _TERMINAL.search(ln) for ln in body)
    return open_ended / len(body) > 0.5


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Blocks that no sentence crosses: lines, or paragraphs of hard-wrapped copy."""
    lines = text.split("\n")
    wrapped = _is_hard_wrapped(lines)
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
        if not wrapped and not _continues(line, lines[i + 1] if i + 1 < len(lines) else ""):
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
    """(start, end) offsets of sentences in `text`, leaving out the `skip` spans."""
    skip = skip or []
    sentences: list[tuple[int, int]] = []
    for block_start, block_end in _paragraph_spans(text):
        if any(s <= block_start and block_end <= e for s, e in skip):
            continue
        start = block_start
        for m in _CANDIDATE.finditer(text, block_start, block_end):
            if _is_sentence_end(text, m.start(), m.end(), lang):
                sentences.append((start, m.end()))
                start = m.end()
                while start < block_end and text[start].isspace():
                    start += 1
        if start < block_end and text[start:block_end].strip():
            sentences.append((start, len(text[:block_end].rstrip())))
    return sentences
