"""The small, named regular expressions the quantity recogniser uses, built per language.

Each pattern matches one thing (a number, a scale word, a unit after a number, a
currency or qualifier before it, the joiner between two numbers) and is anchored where
it is used, so none of them grows into an unreviewable composite.

All patterns run on lower-cased text (lower-casing keeps offsets; see `lower_keep_offsets`):
a case-insensitive regex is two to three times slower. Patterns for what stands
*before* a number run on the reversed window before it (`reversed_window`), so they
can be anchored with `match` instead of searching a window for a match at its end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from transforms.lexicons import get_lexicon
from transforms.numbers import number_word_values, scale_values
from transforms.numbers import trie_alternation as alternation

# A run of digits, maybe grouped or with decimals: "12", "72,5", "1.234,5", "12,34,567.89".
# It starts with a digit so the regex engine can skip ahead to digits quickly.
DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
# Continuations of a digit run: "12 500" (space groups), "193 .3" and "6 . 2" (tokenised).
SPACE_GROUPS = re.compile(r"(?:[ \u00a0\u202f]\d{3}(?![\d]))+(?:,\d+)?(?![\d.,]\d)")
TOKENISED_DECIMAL = re.compile(r" ?[.,] ?\d+(?![\d.,]\d)")
SPACE = re.compile(r"[ \u00a0]?")
# What may stand between a number and its currency, unit or scale.
_GAP = r"[ \u00a0]?"

# Prefixes written before an ISO code that scale it: "MEUR 5" (million), "TEUR 500".
# Notation of Nordic and German reports, not of one language, so it lives here.
CODE_SCALE_PREFIXES = {"m": 1e6, "t": 1e3}
# German currency adjectives agree with their noun: "kanadische", "kanadischen" Dollar.
_ADJECTIVE_ENDINGS = ("n", "r", "s")


def lower_keep_offsets(text: str) -> str:
    """`text.lower()` with the same length: only U+0130 ("İ") grows when lower-cased."""
    return (text.replace("\u0130", "I") if "\u0130" in text else text).lower()


def reversed_window(low: str, pos: int, width: int) -> str:
    """The `width` characters before `pos`, reversed, for the `*_before` patterns."""
    return low[max(0, pos - width) : pos][::-1]


def _reversed_alternation(words) -> str:
    return alternation([w[::-1] for w in words])


def _before(words, gap: str = r"\s+") -> re.Pattern[str]:
    """Words standing before a number (or currency), matched on the reversed window."""
    return re.compile(rf"{gap}({_reversed_alternation(words)})(?!\w)")


def _prefix_key(key: str) -> bool:
    """Symbols ("$", "hk$"), codes and short abbreviations ("eur", "rmb") may precede a number."""
    return not key.replace(" ", "").isalpha() or len(key) <= 3


@dataclass(frozen=True)
class Unit:
    unit: str  # ISO code, "percent" or "pp"
    factor: float  # 0.01 for cents and basis points
    kind: str  # "money", "minor", "percent"
    symbol: bool  # "$", "€": not after number words ("a $ 300 million" is no 1 dollar)
    scale: float = 1.0  # "MEUR": written in capitals only


@dataclass(frozen=True)
class QuantityPatterns:
    lang: str
    words: re.Pattern[str]
    follows: re.Pattern[str]
    percent_before_ends: frozenset[str]
    multiple_verbs: dict[str, float]
    articles: frozenset[str]
    scale_after: re.Pattern[str]
    scales: dict[str, float]
    abbreviated_scales: frozenset[str]
    unit_after: re.Pattern[str]
    units: dict[str, Unit]
    lowercase_codes_refused: frozenset[str]
    currency_before: re.Pattern[str]
    prefix_currencies: dict[str, tuple[str, float]]
    count_after: re.Pattern[str]
    qualifier_before: re.Pattern[str]
    qualifiers: dict[str, str]
    sign_before: re.Pattern[str]
    percent_before: re.Pattern[str]
    range_opener_before: re.Pattern[str]
    need_opener: frozenset[str]
    change_after_from: frozenset[str]
    change_from: frozenset[str]
    range_joiner: re.Pattern[str]
    shared_unit_joiner: re.Pattern[str]
    back_link_joiner: re.Pattern[str]
    link_ahead: re.Pattern[str]
    multiple_after: re.Pattern[str]
    comparison_after: re.Pattern[str]
    needs_comparison: frozenset[str]
    minor_tail: re.Pattern[str]
    minor_tail_end: re.Pattern[str]


def _units(lex) -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    for key, code in lex["currencies"].items():
        key = key.lower()
        units[key] = Unit(code, 1.0, "money", not key.replace(" ", "").isalpha())
        first, _, rest = key.partition(" ")
        if rest and first.endswith("e") and lex["meta"]["language"] == "de":
            for ending in _ADJECTIVE_ENDINGS:
                units.setdefault(f"{first}{ending} {rest}", units[key])
        if len(key) == 3 and key.upper() == code:
            for prefix, scale in CODE_SCALE_PREFIXES.items():
                units.setdefault(prefix + key, Unit(code, 1.0, "money", False, scale))
    for key, code in lex["minor_units"].items():
        units[key.lower()] = Unit(code, 0.01, "minor", False)
    points = {k.lower(): float(v) for k, v in lex["percentage_points"].items()}
    for word in lex["percent"]["words"]:
        word = word.lower()
        unit = "pp" if word in points else "percent"
        units[word] = Unit(unit, points.get(word, 1.0), "percent", False)
    return units


def _prefix_currencies(lex) -> dict[str, tuple[str, float]]:
    """Currency forms that stand before a number, with the scale a prefix like "M" gives."""
    found: dict[str, tuple[str, float]] = {}
    number_words = set(number_word_values(lex["meta"]["language"]))
    for key, code in lex["currencies"].items():
        key = key.lower()
        if not _prefix_key(key):
            continue
        found[key] = (code, 1.0)
        if len(key) == 3 and key.upper() == code:
            found[key + "$"] = (code, 1.0)  # "usd$ 15", "nzd$15"
            for prefix, scale in CODE_SCALE_PREFIXES.items():
                found[prefix + key] = (code, scale)
        head = key[:-1].rstrip()
        if key.endswith("$") and head.replace(".", "").isalpha():
            # Tokenised corpora split "C$" into "c $" and "U.S. $" into "u.s $"; but
            # "a $ 300 million" is an article and a dollar, not Australian dollars.
            for variant in {head, head.rstrip(".")} - number_words:
                found.setdefault(f"{variant} $", (code, 1.0))
                found.setdefault(f"{variant}$", (code, 1.0))
    return found


@cache
def quantity_patterns(lang: str) -> QuantityPatterns:
    lex = get_lexicon(lang)
    scales = scale_values(lang)
    units = _units(lex)
    joiners = lex["number_joiners"]
    qualifiers = {k.lower(): v for k, v in lex["qualifiers"].items()}
    markers = lex["multiple_markers"]
    multiple_verbs = {k.lower(): float(v) for k, v in lex["multiples"].items()}
    prefix = _prefix_currencies(lex)
    articles = [a.lower() for a in joiners["articles"]]
    values = number_word_values(lang)
    word = alternation([w for w in values if w not in articles])
    article = alternation(articles)
    fraction = alternation([w for w, v in values.items() if v < 1])
    inner = alternation([w for w in (*joiners["words"], *joiners["decimal"]) if w != "-"])
    # A sequence of number words: "fünfundvierzig", "forty-five", "two and a half".
    sequence = (
        rf"(?:{word})(?:[\s-]{{0,2}}(?:(?:{inner})[\s-]{{1,2}}(?:(?:{article})\s+)?|(?:{inner}))?"
        rf"(?:{word}))*"
    )
    # What an article needs after it to be read as 1: "a million", "ein Prozent".
    counted = alternation([w for w in (*scales, *lex["percent"]["words"]) if len(w) > 1])
    first = "".join(sorted({w[0] for w in (*values, *multiple_verbs)}))
    stopwords = {w.lower() for other in ("de", "en") for w in get_lexicon(other)["stopwords"]["words"]}
    link_words = [j for j in lex["ranges"]["joiners"] if j.isalpha()]
    change = lex["change_markers"]
    qual = alternation(list(qualifiers))
    minor_words = alternation(list(lex["minor_units"]))
    count_nouns = [w.lower() for w in lex["count_nouns"]["words"]]
    after_words = [
        *scales,
        *units,
        *count_nouns,
        *markers["suffixes"],
        *link_words,
        *change["to"],
        *change["from"],
    ]
    return QuantityPatterns(
        lang=lang,
        # Number words, glued ("achtundsiebzig") or spaced ("forty-five", "one hundred"),
        # maybe with a multiple suffix ("dreimal", "Dreifache"); a multiple verb; or an
        # article before a scale or percent. "\b" first lets the engine skip ahead fast.
        words=re.compile(
            rf"\b(?=[{re.escape(first)}])(?:"
            rf"(?P<verb>{alternation(list(multiple_verbs))})"
            rf"|(?:(?:{article})[\s-]+(?=(?:{fraction})(?!\w)))?{sequence}"
            rf"(?P<suffix>{alternation(markers['suffixes'])})?"
            rf"|(?P<article>{article})(?=[\s-]+(?:{counted})(?!\w))"
            rf")(?!\w)"
        ),
        # Whether anything a number can take follows it; most numbers (years, dates)
        # fail this one test and are dropped.
        follows=re.compile(rf"[\s-]*(?:{alternation(after_words)})(?!\w)|\s*[-\u2013]"),
        percent_before_ends=frozenset(w[-1] for w in lex["percent"]["before"]),
        multiple_verbs=multiple_verbs,
        articles=frozenset(a.lower() for a in joiners["articles"]),
        # "Mrd." and "Mio." keep their full stop; "m", "k", "b" count only after money.
        scale_after=re.compile(rf"{_GAP}({alternation(list(scales))})(\.(?![\d]))?(?!\w)"),
        scales=scales,
        abbreviated_scales=frozenset(
            a.lower() for a in lex["sentences"]["abbreviations"] if a.lower() in scales
        ),
        unit_after=re.compile(rf"[ \u00a0-]?({alternation(list(units))})(?!\w)"),
        units=units,
        lowercase_codes_refused=frozenset(
            k for k, u in units.items() if u.unit == k.upper() and k in stopwords
        ),
        currency_before=_before(prefix, gap=r"[ \u00a0]?"),
        prefix_currencies=prefix,
        count_after=re.compile(rf"\s({alternation(count_nouns)})(?!\w)"),
        qualifier_before=_before(qualifiers),
        qualifiers=qualifiers,
        # A sign glued to the number ("-5", "−$5m"); a spaced dash is punctuation.
        sign_before=re.compile(
            rf"(?:\s+({_reversed_alternation([s for s in lex['signs']['negative_before'] if s.isalpha()])})"
            rf"|({_reversed_alternation([s for s in lex['signs']['negative_before'] if not s.isalpha()])}))"
            rf"(?:\s|\(|$)"
        ),
        percent_before=_before([w.lower() for w in lex["percent"]["before"]]),
        range_opener_before=_before([w.lower() for w in lex["ranges"]["openers"]]),
        need_opener=frozenset(lex["ranges"]["need_opener"]),
        change_after_from=frozenset(lex["ranges"]["change_after_from"]),
        change_from=frozenset(w.lower() for w in change["from"]),
        range_joiner=re.compile(rf"\s*(?:{alternation(lex['ranges']['joiners'])})\s*"),
        shared_unit_joiner=re.compile(
            rf"\s*(?:{alternation([*lex['ranges']['joiners'], *change['to'], *change['from']])})"
            rf"\s+(?:(?:{qual})\s+)?"
        ),
        back_link_joiner=re.compile(
            rf"[\s,;]*(?:{alternation([*link_words, *change['to'], *change['from'], *change['prior']])})"
            rf"\s+(?:(?:{qual})\s+)?"
        ),
        # A bare number is kept for linking only when such a joiner follows it.
        link_ahead=re.compile(
            rf"\s*(?:(?:{alternation([*link_words, *change['to'], *change['from']])})\s|[-\u2013])"
        ),
        multiple_after=re.compile(
            rf"[\s-]?(?P<suffix>{alternation(markers['suffixes'])})"
            rf"(?P<cmp>\s+(?:{alternation(markers['comparisons'])}))?(?!\w)"
        ),
        comparison_after=re.compile(rf"\s+(?:{alternation(markers['comparisons'])})(?!\w)"),
        needs_comparison=frozenset(markers["need_comparison"]),
        # "15 Dollar und 15 Cent", "thirteen dollars forty-five", "c $ 100 and fifty".
        minor_tail=re.compile(
            rf"\s+(?:(?:{alternation(lex['ranges']['need_opener'])})\s+)?"
            rf"(?P<num>\d{{1,2}}(?![\d]|[.,]\d)|{sequence})"
            rf"(?:[\s-]+(?P<minor>{minor_words}))?(?!\w)"
        ),
        minor_tail_end=re.compile(
            rf"\s*(?:[.!?;:,)]|$)|\s+(?:{alternation(lex['ranges']['need_opener'])})(?!\w)"
        ),
    )
