"""Which business segment a sentence, or a figure in it, is about.

A segment is named in several ways, all read from the language's lexicon:
- a cue word of the [segments] table ("Cloud-Sparte", "data center");
- a segment word glued to, or before, a word for a business unit ("Halbleitersparte",
  "im Privatkundengeschäft", "subscription revenue"), translated by [segment_words];
- a name after a unit word ("in der Division Metal Engineering", "Segment Uhren und
  Schmuck"), translated word by word where the lexicon knows every word;
- e-commerce at home or abroad (Alibaba's "China Commerce", "International Commerce").
A region ("in China") is no segment: held-out annotators disagreed on it, and a market
share "in Europa" or job cuts "in Deutschland" are the company's.
"In diesem Bereich ..." refers back to the previous sentence's segment.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

import re2

from transforms.cues import Cue, cue_patterns, find_cues
from transforms.lexicons import get_lexicon
from transforms.lexicons import phrase_alternation as alternation


@dataclass(frozen=True)
class _Patterns:
    stem: re.Pattern[str]  # a segment word with its unit word: "Halbleitersparte"
    stem_of: dict[str, str]
    not_segment: frozenset[str]
    # Every word any segment name needs, for one RE2 pass over a document: most of its
    # sentences name no segment and need none of the patterns above.
    words: re2._Regexp


@cache
def _patterns(lang: str) -> _Patterns:
    lex = get_lexicon(lang)
    ctx = lex["segment_context"]
    stem_of = {k.lower(): v for k, v in lex["segment_words"].items()}
    units = alternation([w.lower() for w in ctx["unit_words"]])
    words = alternation(list(stem_of))
    if lang == "de":
        # German glues the two: "Halbleitersparte", "Polysilicium-Geschäft", and may
        # start the compound with another word: "Privatkundengeschäft"
        stem = rf"(?<![\w])(?P<stem>{words})-?(?:{units})(?:e?s)?(?![\w])"
    else:
        stem = rf"(?<![\w])(?P<stem>{words})\s+(?:{units})(?![\w])"
    cues = cue_patterns(lang)
    needed = [
        *cues.segment_of,
        *stem_of,
        *(w.lower() for w in ctx["unit_words"]),
        *(w.lower() for w in ctx["commerce"]),
        *(w.lower() for w in ctx["named_after_word"] + ctx["named_before_word"]),
    ]
    return _Patterns(
        words=re2.compile(
            "|".join(re2.escape(w).replace("\\ ", r"\s+") for w in sorted(set(needed), key=len))
        ),
        stem=re.compile(stem, re.I),
        stem_of=stem_of,
        not_segment=frozenset(w.lower() for w in ctx["not_segment_words"]),
    )


def find_segments(text: str, start: int, end: int, lang: str) -> list[Cue]:
    """The segments named in text[start:end], in text order."""
    groups = _named_by_kind(text, start, end, lang)
    return sorted((c for group in groups for c in group), key=lambda c: c.start)


def _named_by_kind(text: str, start: int, end: int, lang: str) -> list[list[Cue]]:
    """Segments by how they are named, the surest kind first."""
    cues = cue_patterns(lang)
    pats = _patterns(lang)
    words = find_cues(cues.segment, cues.segment_of, text, start, end)
    taken = [(c.start, c.end) for c in words]
    stems = [
        Cue(m.start(), m.end(), pats.stem_of[m.group("stem").lower()])
        for m in pats.stem.finditer(text, start, end)
        if not any(s < m.end() and m.start() < e for s, e in taken)
    ]
    commerce = []
    if cues.commerce.search(text, start, end):
        if cues.domestic.search(text, start, end):
            commerce.append(Cue(start, start, "China Commerce"))
        elif cues.international.search(text, start, end):
            commerce.append(Cue(start, start, "International Commerce"))
    named = []
    for m in cues.named_segment.finditer(text, start, end):
        groups = m.groupdict()
        name = groups.get("after") or groups.get("before")
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue  # "die Cloud-Sparte AWS": the lexicon's name for it wins
        if name and name.split()[0].lower() not in pats.not_segment:
            named.append(Cue(m.start(), m.end(), translate(name, lang)))
    return [words, stems, commerce, named]


_JOINERS = {"und": "and", "&": "&", "and": "and"}


def translate(name: str, lang: str) -> str:
    """ "Uhren und Schmuck" -> "Watches and Jewellery" where every word is known; else the
    name as written ("Metal Engineering" is already the segment's name)."""
    stem_of = _patterns(lang).stem_of
    words = name.split()
    if not all(w.lower() in stem_of or w.lower() in _JOINERS for w in words):
        return name
    return " ".join(_JOINERS.get(w.lower()) or stem_of[w.lower()] for w in words)


class Segments:
    """The segment each sentence is about, worked out only for sentences that need it.

    "In diesem Bereich ..." refers back to the previous sentence's segment, which may in
    turn refer back further.
    """

    def __init__(self, text: str, low: str, spans: list[tuple[int, int]], lang: str) -> None:
        self.text, self.low, self.spans, self.lang = text, low, spans, lang
        self.known: dict[int, str | None] = {}
        self._named: set[int] | None = None
        self._named_in: dict[int, list[Cue]] = {}

    def may_name(self, index: int) -> bool:
        """Whether sentence `index` holds any word a segment name needs."""
        if self._named is None:
            starts = [s for s, _ in self.spans]
            self._named = set()
            for m in _patterns(self.lang).words.finditer(self.low):
                i = bisect_right(starts, m.start()) - 1
                if i >= 0 and m.start() < self.spans[i][1]:
                    self._named.add(i)
        return index in self._named

    def named_in(self, index: int) -> list[Cue]:
        """The segments sentence `index` names, in text order (looked for once)."""
        if not self.may_name(index):
            return []
        if index not in self._named_in:
            s, e = self.spans[index]
            self._named_in[index] = find_segments(self.text, s, e, self.lang)
        return self._named_in[index]

    def __call__(self, index: int) -> str | None:
        pending = []
        value: str | None = None
        i = index
        while i >= 0 and i not in self.known:
            own, refers_back = self._own(i)
            if not refers_back:
                value = own
                break
            pending.append(i)
            i -= 1
        else:
            value = self.known.get(i) if i >= 0 else None
        self.known[i] = value
        for j in pending:
            self.known[j] = value
        return self.known[index]

    def _own(self, i: int) -> tuple[str | None, bool]:
        """(segment named in sentence i, whether it refers to the previous sentence's)."""
        s, e = self.spans[i]
        if self.may_name(i):
            for group in _named_by_kind(self.text, s, e, self.lang):
                if group:
                    return group[0].value, False
        back = cue_patterns(self.lang).back_reference
        return None, bool(back.search(self.text, s, e))
