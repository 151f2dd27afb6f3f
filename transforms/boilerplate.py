"""Finding text around an article that is not the article: credits, reader questions.

Rules are general (a leading credit line, a trailing question addressed to the reader,
"read more" trailers) and driven by the lexicon's [boilerplate] words, so they apply to
any article, not only the seed.
"""

from __future__ import annotations

import re

from transforms.lexicons import get_lexicon

_WORD = re.compile(r"\w+", re.UNICODE)


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _outer_lines(text: str, count: int = 3) -> list[tuple[int, int]]:
    """The first and last `count` non-blank lines; only those can be boilerplate.

    Long wire stories have hundreds of lines: splitting all of them cost more than the
    rest of reading. Short texts, where first and last lines meet, get every line.
    """
    head: list[tuple[int, int]] = []
    pos = 0
    while len(head) < count:
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        if text[pos:end].strip():
            head.append((pos, end))
        if nl < 0:
            break
        pos = nl + 1
    tail: list[tuple[int, int]] = []
    end = len(text)
    while len(tail) < count and end >= 0:
        nl = text.rfind("\n", 0, end)
        if text[nl + 1 : end].strip():
            tail.append((nl + 1, end))
        if nl < 0:
            break
        end = nl
    if len(head) < count or len(tail) < count or tail[-1][0] <= head[-1][0]:
        return [(s, e) for s, e in _line_spans(text) if text[s:e].strip()]
    return head + tail[::-1]


def _is_credit(line: str, markers: list[str]) -> bool:
    stripped = line.strip()
    if not stripped or len(stripped) >= 200:
        return False  # and a whole article on one line is not lowered to find out
    low = stripped.lower()
    return any(low.startswith(m) for m in markers)


def _is_reader_question(line: str, pronouns: set[str]) -> bool:
    stripped = line.strip()
    if not stripped.endswith("?") or len(stripped) > 400:
        return False
    words = _WORD.findall(stripped)
    # Pronouns match as the lexicon writes them: German "Sie"/"Ihr" address the reader only
    # when capitalised mid-sentence ("sie" is "they", "ihr" is "her"); the first word of a
    # question is capitalised anyway, so it matches in either case.
    return any(w in pronouns for w in words[1:]) or bool(
        words and (words[0] in pronouns or words[0].lower() in pronouns)
    )


def _is_trailer(line: str, markers: list[str]) -> bool:
    low = line.lstrip()[:_MARKER_REACH].lower()  # the start is all a marker can be
    return any(low.startswith(m) for m in markers)


_MARKER_REACH = 80


def find_boilerplate(text: str, lang: str | None) -> list[tuple[int, int]]:
    """Character spans of leading credits and trailing reader questions or trailers."""
    lex = get_lexicon(lang or "de")
    credit = [m.lower() for m in lex["boilerplate"]["credit_markers"]]
    pronouns = set(lex["boilerplate"]["reader_pronouns"])
    trailers = [m.lower() for m in lex["boilerplate"]["trailer_markers"]]
    lines = _outer_lines(text)
    found: list[tuple[int, int]] = []
    head = 0
    while head < len(lines) and head < 3 and _is_credit(text[slice(*lines[head])], credit):
        found.append(lines[head])
        head += 1
    tail = len(lines) - 1
    while tail >= head and len(lines) - tail <= 3:
        line = text[slice(*lines[tail])]
        if _is_reader_question(line, pronouns) or _is_trailer(line, trailers):
            found.append(lines[tail])
            tail -= 1
        else:
            break
    return sorted(found)
