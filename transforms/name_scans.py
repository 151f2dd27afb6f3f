"""Fast scans for company names: patterns run only where a match can be.

Python's `re` races ahead only to positions where a pattern's first character set
allows a start. These helpers keep exactly the matches of a plain `finditer` while
scanning less: registry aliases split by their first letter, and the legal-suffix and
ticker patterns run only in windows round the words they need (see `scan_near`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from functools import cache
from itertools import pairwise

from transforms.lexicons import alternation


def word_alternation(words: Iterable[str]) -> str:
    """`(?<![\\w])(?:alternation(words))`, the look-back after each first character."""
    tails: dict[str, set[str]] = {}
    for word in words:
        if word:
            tails.setdefault(word[0], set()).add(word[1:])
    branches = []
    for first, rest in sorted(tails.items()):
        first, optional = re.escape(first), "?" if "" in rest else ""
        branches.append(rf"{first}(?<![\w]{first})(?:{alternation(rest)}){optional}")
    return "(?:" + "|".join(branches) + ")"


@cache
def registry_pattern(aliases: frozenset[str]) -> re.Pattern[str] | None:
    if not aliases:
        return None
    # Case as written (or in capitals): "Alphabet" the company, not "das Alphabet".
    return re.compile(rf"{word_alternation(aliases)}(?=s?(?![\w])|-)")


class RegistryScan:
    """registry_pattern(aliases).finditer(), faster: a pattern that may start at a small
    letter ("adidas", "eBay") tries almost every position, so str.find() finds those few.
    A position suits one kind only: the two scans find the same unless they overlap.
    """

    def __init__(self, aliases: frozenset[str]):
        self.lower = sorted(a for a in aliases if a[:1].islower())
        self.whole = registry_pattern(aliases)
        self.capital = registry_pattern(aliases - set(self.lower))
        self.lower_pattern = registry_pattern(frozenset(self.lower))

    def finditer(self, text: str, start: int, end: int) -> list[re.Match[str]]:
        found = list(self.capital.finditer(text, start, end)) if self.capital else []
        hits = set()
        for alias in self.lower:
            i = text.find(alias, start, end)
            while i != -1:
                hits.add(i)
                i = text.find(alias, i + 1, end)
        more, last = [], start  # as lower_pattern.finditer(text, start, end) would
        for i in sorted(hits):
            if i >= last and (m := self.lower_pattern.match(text, i, end)):
                more.append(m)
                last = m.end()
        if not more:
            return found
        found = sorted(found + more, key=lambda m: m.start())
        if any(a.end() > b.start() for a, b in pairwise(found)):
            return list(self.whole.finditer(text, start, end))
        return found


def scan_near(pattern, text, start, end, anchors, reach, fresh, covered=None) -> list:
    """What pattern.finditer(text, start, end) finds, scanning only windows round anchors.

    Every match holds an anchor (ascending) and ends before reach(anchor), nothing after
    the cut changing it. A window starts where no match can run across, as `fresh` finds
    on the reversed text (a match at r is end - r) and covered() does not rule out.
    """
    rev = text[start:end][::-1]

    def fresh_at_or_before(q: int, lo: int) -> int | None:
        r, stop = end - q, min(len(rev), end - lo + 1)
        while (m := fresh.search(rev, r, stop)) is not None:
            if covered is None or not covered(end - m.start()):
                return end - m.start()
            r = m.start() + 1
        return None

    out: list[re.Match[str]] = []
    window = fresh_at_or_before(anchors[0], start)
    window = start if window is None else window
    until = reach(anchors[0])
    for q in anchors[1:]:
        if q >= until and (nxt := fresh_at_or_before(q, until)) is not None:
            out.extend(pattern.finditer(text, window, until))
            window = nxt
        until = reach(q)
    out.extend(pattern.finditer(text, window, until))
    return out


# Fresh for `with_suffix`: after a character no match holds, or a space before a word that
# cannot go on a name (not capitalised, not "&", and not a legal suffix: see `covered`).
_SUFFIX_FRESH = re.compile(r"[^\w&.'\s-]|\s(?<=[^A-ZÄÖÜ&\s]\s)")
_NON_WORD = re.compile(r"\W")


def with_suffix_matches(pats, text: str, start: int, end: int) -> list[re.Match[str]]:
    """pats.with_suffix.finditer(text, start, end), scanning only round legal suffixes.

    `pats` holds `with_suffix`, `suffix_at` (where a suffix starts in lower-cased text)
    and `suffix_len` (the longest suffix), as `transforms.entities` builds them.

    From every capital the pattern lazily extends a name over the capitalised words that
    follow, slow on all-caps wire text, while most texts hold few suffixes or none.
    """
    low = text[start:end].lower()
    # Of the characters (?i) takes for an ASCII letter only "İ" (which lower() makes two
    # characters), "ı" and "ſ" do not lower() to it; lower() keeps \w and \s as they are.
    if not pats.suffix_at or len(low) != end - start or "ı" in low or "ſ" in low:
        return list(pats.with_suffix.finditer(text, start, end))
    suffixes = [m.end() + start for m in pats.suffix_at.finditer(low)]
    if not suffixes:
        return []
    longest = pats.suffix_len

    def reach(q: int) -> int:
        # Past any suffix at q, on a non-word character: (?![\w]) after it sees the same.
        m = _NON_WORD.search(text, min(q + longest + 1, end), end)
        return m.start() if m else end

    def covered(x: int) -> bool:  # at or in a legal suffix ("co. kg" holds a space)
        i = bisect_right(suffixes, x) - 1
        return i >= 0 and x <= suffixes[i] + longest

    return scan_near(pats.with_suffix, text, start, end, suffixes, reach, _SUFFIX_FRESH, covered)


# Wire headlines name the company with its ticker: "CHAMPION PRODUCTS <CH> APPROVES".
_TICKER = re.compile(
    r"(?P<name>[A-Z][A-Z0-9&.'-]*(?:[ ][A-Z0-9&.'-]+)*?)\s*<(?P<ticker>[A-Z0-9.]{1,8})>"
)
# Fresh for `_TICKER`: after a character no match holds but at its end (">"), or after a
# line break not followed by space or "<" (names hold plain spaces only).
_TICKER_FRESH = re.compile(r"[^A-Z0-9&.'<\s-]|[^\S ](?<=[^\s<][^\S ])")
_LESS_THAN = re.compile("<")


def ticker_matches(text: str, start: int, end: int) -> list[re.Match[str]]:
    """_TICKER.finditer(text, start, end), scanning only round each "<"."""
    if text.find("<", start, end) == -1:
        return []
    anchors = [m.start() for m in _LESS_THAN.finditer(text, start, end)]

    def reach(q: int) -> int:
        return min(q + len("<12345678>"), end)

    return scan_near(_TICKER, text, start, end, anchors, reach, _TICKER_FRESH)
