"""The small, named regular expressions the quantity recogniser uses, built per language.

Each pattern matches one thing (a number, a scale word, a unit after a number, a
currency or qualifier before it, the joiner between two numbers) and is anchored where
it is used, so none of them grows into an unreviewable composite. The one exception is
the number-word scanner, which must find numbers, multiple verbs and articles in one
pass over the text; its four branches are built and commented one by one.

All patterns run on lower-cased text (`lower_keep_offsets` keeps offsets): a
case-insensitive regex is two to three times slower. Patterns for what stands *before*
a number run on the reversed window before it (`reversed_window`), so that they are
anchored with `match` instead of searching a window for a match at its end.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from transforms.lexicons import LANGUAGES, Lexicon, get_lexicon
from transforms.lexicons import trie_alternation as alternation
from transforms.numbers import number_word_values, scale_values

# A run of digits, maybe grouped or with decimals: "12", "72,5", "1.234,5", "12,34,567.89".
# It starts with a digit so the regex engine can skip ahead to digits quickly.
DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
# Continuations of a digit run: "12 500" (space groups); in tokenised corpora "193 .3",
# "6 . 2" and "700 ,000" (accepted only when a unit or scale follows).
SPACE_GROUPS = re.compile(r"(?:[ \u00a0\u202f]\d{3}(?!\d))+(?:,\d+)?(?![\d.,]\d)")
FRACTION = re.compile(r"(?:\d+-)?\d+/\d+(?![/\d])")  # "27-1/2 cts", "3/4 pct"; not dates
TOKENISED_DECIMAL = re.compile(r" (?:\. ?\d+|,\d{3})(?![\d.,]\d)")  # "193 .3", "700 ,000"

# Prefixes written before an ISO code that scale it: "MEUR 5" (million), "TEUR 500".
# Notation of Nordic and German reports, not of one language, so it lives here.
CODE_SCALE_PREFIXES = {"m": 1e6, "t": 1e3}


def lower_keep_offsets(text: str) -> str:
    """`text.lower()` with the same length: only U+0130 ("İ") grows when lower-cased."""
    return (text.replace("\u0130", "I") if "\u0130" in text else text).lower()


def reversed_window(low: str, pos: int, width: int) -> str:
    """The `width` characters before `pos`, reversed, for the `*_before` patterns."""
    return low[pos - width if pos > width else 0 : pos][::-1]


def _lower(*lists: Iterable[str]) -> list[str]:
    return [w.lower() for words in lists for w in words]


def _before(words: Iterable[str], gap: str = r"\s+") -> re.Pattern[str]:
    """Words standing before a number (or currency), matched on the reversed window."""
    return re.compile(rf"{gap}({alternation([w[::-1] for w in words])})(?!\w)")


def _is_code(key: str, code: str) -> bool:
    return len(key) == 3 and key.upper() == code


@dataclass(frozen=True)
class Unit:
    """What a word after a number makes of it."""

    unit: str  # ISO code, "percent" or "pp"
    factor: float  # 0.01 for cents and basis points
    kind: str  # "money", "minor" or "percent"
    symbol: bool  # "$", "€": not after number words ("a $ 300 million" is no 1 dollar)
    scale: float = 1.0  # "MEUR", "TEUR": only when written in capitals


@dataclass(frozen=True)
class QuantityPatterns:
    lang: str
    # scanning: number words (digits use DIGITS), and a quick test of what follows
    words: re.Pattern[str]
    multiple_verbs: dict[str, float]
    follows: re.Pattern[str]
    # after a number
    scale_after: re.Pattern[str]
    scales: dict[str, float]
    abbreviated_scales: frozenset[str]
    unit_after: re.Pattern[str]
    units: dict[str, Unit]
    lowercase_codes_refused: frozenset[str]
    count_after: re.Pattern[str]
    multiple_after: re.Pattern[str]
    comparison_after: re.Pattern[str]
    needs_comparison: frozenset[str]
    minor_tail: re.Pattern[str]
    minor_tail_end: re.Pattern[str]
    # before a number (reversed windows)
    currency_before: re.Pattern[str]
    prefix_currencies: dict[str, tuple[str, float]]
    qualifier_before: re.Pattern[str]
    qualifiers: dict[str, str]
    sign_before: re.Pattern[str]
    percent_before: re.Pattern[str]
    percent_before_ends: frozenset[str]
    # between two numbers
    link_ahead: re.Pattern[str]
    range_joiner: re.Pattern[str]
    range_opener_before: re.Pattern[str]
    need_opener: frozenset[str]
    change_after_from: frozenset[str]
    change_from: frozenset[str]
    change_before: re.Pattern[str]
    by_markers: frozenset[str]  # "um", "by": a change's amount follows
    modal_by: re.Pattern[str]  # "to grow by", "will rise by", on the reversed text
    shared_unit_joiner: re.Pattern[str]
    qualifier_after_verb: re.Pattern[str]
    fraction: re.Pattern[str]  # "um ein Fünftel", "by a third": a percentage change
    fractions: dict[str, float]
    pair_joiners: frozenset[str]  # "und", "and": between two adjectives of a count
    function_words: frozenset[str]
    back_link_joiner: re.Pattern[str]


def _units(lex: Lexicon) -> dict[str, Unit]:
    """Currency, minor-unit and percent words that may follow a number."""
    units: dict[str, Unit] = {}
    for key, code in lex["currencies"].items():
        key = key.lower()
        units[key] = Unit(code, 1.0, "money", not key.replace(" ", "").isalpha())
        if _is_code(key, code):
            for prefix, scale in CODE_SCALE_PREFIXES.items():
                units.setdefault(prefix + key, Unit(code, 1.0, "money", False, scale))
    for key, code in lex["minor_units"].items():
        units[key.lower()] = Unit(code, 0.01, "minor", not key.isalpha())
    points = {k.lower(): float(v) for k, v in lex["percentage_points"].items()}
    for word in _lower(lex["percent"]["words"]):
        unit = "pp" if word in points else "percent"
        units[word] = Unit(unit, points.get(word, 1.0), "percent", False)
    return units


def _prefix_currencies(lex: Lexicon) -> dict[str, tuple[str, float]]:
    """Currency forms that stand before a number, with the scale a prefix like "M" gives.

    Symbols ("$", "hk$"), codes and short abbreviations ("eur", "rmb") qualify; words
    ("dollar") do not. Whether a code is written as one (in capitals) is checked in code.
    """
    found: dict[str, tuple[str, float]] = {}
    number_words = set(number_word_values(lex.lang))
    for key, code in lex["currencies"].items():
        key = key.lower()
        if key.replace(" ", "").isalpha() and len(key) > 3:
            continue
        found[key] = (code, 1.0)
        if _is_code(key, code):
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


def _number_word_scanner(lex: Lexicon, scales: Iterable[str]) -> re.Pattern[str]:
    """Number words, multiple verbs and counted articles, in one pass over the text."""
    joiners = lex["number_joiners"]
    articles = _lower(joiners["articles"])
    values = number_word_values(lex.lang)
    verbs = _lower(lex["multiples"])
    article = alternation(articles)
    fraction = alternation([w for w, v in values.items() if v < 1])
    # What an article needs after it to be read as 1: "a million", "ein Prozent".
    counted = alternation([w for w in (*scales, *_lower(lex["percent"]["words"])) if len(w) > 1])
    first = "".join(sorted({w[0] for w in (*values, *verbs)}))
    suffix = alternation(_lower(lex["multiple_markers"]["suffixes"]))
    return re.compile(
        # "\b" and a first letter up front let the engine skip most positions quickly.
        rf"\b(?=[{re.escape(first)}])(?:"
        # "verdoppelt", "tripled"
        rf"(?P<verb>{alternation(verbs)})"
        # "half a billion": the article adds nothing
        rf"|(?:{fraction})\s+(?:{article})(?=\s+(?:{counted})(?!\w))"
        # "achtundsiebzig", "a quarter", "two and a half", maybe glued to "-mal", "fold"
        rf"|(?:(?:{article})[\s-]+(?=(?:{fraction})(?!\w)))?{number_word_sequence(lex.lang)}"
        rf"(?P<suffix>{suffix})?"
        # "a million", "eine Milliarde", "ein Prozent" — not "einem Jahr"
        rf"|(?P<article>{article})(?=[\s-]+(?:{counted})(?!\w))"
        rf")(?!\w)"
    )


@cache
def number_word_sequence(lang: str) -> str:
    """Regex source for a run of number words: "fünfundvierzig", "two hundred and fifty"."""
    joiners = get_lexicon(lang)["number_joiners"]
    articles = _lower(joiners["articles"])
    word = alternation([w for w in number_word_values(lang) if w not in articles])
    inner = alternation([w for w in _lower(joiners["words"], joiners["decimal"]) if w != "-"])
    article = alternation(articles)
    return (
        rf"(?:{word})(?:[\s-]{{0,2}}(?:(?:{inner})[\s-]{{1,2}}(?:(?:{article})\s+)?|(?:{inner}))?"
        rf"(?:{word}))*"
    )


def _sign_before(lex: Lexicon) -> re.Pattern[str]:
    """A sign word ("minus 5") or a sign glued to the number ("-5", "−$5m"), after a space,
    a bracket or the start — a spaced dash ("notes - $ 75 million") is punctuation."""
    signs = lex["signs"]["negative_before"]
    words = alternation([s[::-1] for s in _lower(signs) if s.isalpha()])
    symbols = alternation([s[::-1] for s in signs if not s.isalpha()])
    return re.compile(rf"(?:\s+({words})|({symbols}))(?:\s|\(|$)")


@cache
def quantity_patterns(lang: str) -> QuantityPatterns:
    lex = get_lexicon(lang)
    scales = scale_values(lang)
    units = _units(lex)
    qualifiers = {k.lower(): v for k, v in lex["qualifiers"].items()}
    markers = lex["multiple_markers"]
    change = lex["change_markers"]
    ranges = lex["ranges"]
    link_words = [j for j in _lower(ranges["joiners"]) if j.isalpha()]
    shared = lex["respectively"]["joiners"]  # "10,6 bzw. 0,5 Mrd. Euro"
    unit_joiners = alternation(_lower(ranges["joiners"], change["to"], change["from"], shared))
    link_words += [j for j in _lower(shared) if j not in link_words]
    pair_words = alternation(_lower(ranges["need_opener"]))  # "und", "and"
    qual = alternation(list(qualifiers))
    count_nouns = _lower(lex["count_nouns"]["words"], lex["count_nouns"]["self_named"])
    fractions = {k.lower(): float(v) for k, v in lex["fractions"].items()}
    stopwords = set(_lower(*(get_lexicon(other)["stopwords"]["words"] for other in LANGUAGES)))
    back_words = alternation([*link_words, *_lower(change["to"], change["from"], change["prior"])])
    follow_words = [
        *scales,
        *units,
        *count_nouns,
        *_lower(markers["suffixes"], change["to"], change["from"]),
        *link_words,
    ]
    return QuantityPatterns(
        lang=lang,
        words=_number_word_scanner(lex, scales),
        multiple_verbs={k.lower(): float(v) for k, v in lex["multiples"].items()},
        # Whether anything a number can take follows it; most numbers (years, dates)
        # fail this one test and are dropped.
        follows=re.compile(
            rf"[\s-]*(?:{alternation(follow_words)})(?!\w)|\s*[-\u2013]"
            # "300 weitere Stellen", "1,800 salaried and hourly jobs"
            rf"|(?:\s+[a-zäöüß][a-zäöüß-]*){{1,3}}\s+(?:{alternation(count_nouns)})(?!\w)"
            + (rf"|\s[a-zäöüß]+(?:{alternation(count_nouns)})(?!\w)" if lang == "de" else "")
        ),
        # A line break may fall between a number and its scale or unit in wrapped texts.
        scale_after=re.compile(rf"\s?({alternation(list(scales))})(\.(?!\d))?(?!\w)"),
        scales=scales,
        # "Mrd.", "Mio." keep their full stop (when the sentence goes on).
        abbreviated_scales=frozenset(
            a for a in _lower(lex["sentences"]["abbreviations"]) if a in scales
        ),
        unit_after=re.compile(rf"[\s-]?({alternation(list(units))})(?!\w)"),
        units=units,
        # "seit 2015 dem Konzern": a code that is also a function word needs capitals.
        lowercase_codes_refused=frozenset(
            k for k, u in units.items() if _is_code(k, u.unit) and k in stopwords
        ),
        # German glues what it counts into compounds: "766 Verkehrsflugzeuge"
        count_after=re.compile(
            rf"\s{'[a-zäöüß]*?' if lang == 'de' else ''}({alternation(count_nouns)})(?!\w)"
        ),
        multiple_after=re.compile(
            rf"[\s-]?(?P<suffix>{alternation(_lower(markers['suffixes']))})"
            rf"(?P<cmp>\s+(?:{alternation(_lower(markers['comparisons']))}))?(?!\w)"
        ),
        comparison_after=re.compile(rf"\s+(?:{alternation(_lower(markers['comparisons']))})(?!\w)"),
        needs_comparison=frozenset(_lower(markers["need_comparison"])),
        # "15 Dollar und 15 Cent", "thirteen dollars forty-five", "c $ 100 and fifty".
        minor_tail=re.compile(
            rf"\s+(?:(?:{pair_words})\s+)?"
            rf"(?P<num>\d{{1,2}}(?!\d|[.,]\d)|{number_word_sequence(lang)})"
            rf"(?:[\s-]+(?P<minor>{alternation(_lower(lex['minor_units']))}))?(?!\w)"
        ),
        # Cents without "Cent" end the amount: "15 Dollar 50." but not "50 dollar 50 dollar".
        minor_tail_end=re.compile(rf"\s*(?:[.!?;:,)]|$)|\s+(?:{pair_words})(?!\w)"),
        currency_before=_before(_prefix_currencies(lex), gap=r"[ \u00a0]?"),
        prefix_currencies=_prefix_currencies(lex),
        qualifier_before=_before(qualifiers),
        # "verdoppelte sich nahezu": a multiple's verb takes its qualifier after it
        qualifier_after_verb=re.compile(rf"\s+(?:sich\s+)?({qual})(?!\w)"),
        fraction=re.compile(
            rf"(?<!\w)(?:{alternation(_lower(change['by']))})\s+(?:(?P<qual>{qual})\s+)?"
            rf"(?P<q>(?:ein|einem|a|one)[\s-]+(?P<w>{alternation(list(fractions))}))(?!\w)"
        ),
        fractions=fractions,
        pair_joiners=frozenset(_lower(ranges["need_opener"])),
        qualifiers=qualifiers,
        sign_before=_sign_before(lex),
        percent_before=_before(_lower(lex["percent"]["before"])),
        percent_before_ends=frozenset(w[-1] for w in _lower(lex["percent"]["before"])),
        # A bare number is kept for linking only when a joiner follows it.
        link_ahead=re.compile(
            rf"\s*(?:(?:{alternation([*link_words, *_lower(change['to'], change['from'])])})\s"
            rf"|[-\u2013])"
        ),
        range_joiner=re.compile(rf"\s*(?:{alternation(_lower(ranges['joiners']))})\s*"),
        range_opener_before=_before(_lower(ranges["openers"])),
        need_opener=frozenset(_lower(ranges["need_opener"])),
        change_after_from=frozenset(_lower(ranges["change_after_from"])),
        change_from=frozenset(_lower(change["from"])),
        # A change stands before "X to Y": "from", "by", or a verb ("rose", "fell").
        by_markers=frozenset(_lower(change["by"])),
        modal_by=re.compile(
            rf"\s*(?:{alternation([w[::-1] for w in _lower(change['by'])])})\s+[^\W\d]+\s+"
            rf"(?:{alternation([w[::-1] for w in _lower(ranges['range_modals'])])})(?![\w])"
        ),
        change_before=_before(
            _lower(change["from"], change["by"], lex["directions"]["up"], lex["directions"]["down"])
        ),
        # "von 5 auf 7 Millionen Euro": the unit after the second number serves both.
        function_words=frozenset(stopwords),
        shared_unit_joiner=re.compile(
            rf"\s*(?:{unit_joiners})"
            rf"\s+(?:(?:{qual})\s+)?"
        ),
        # "1.5 mln dlrs from 1.2 mln", "Net 5.1 mln dlrs vs 4.3 mln": the unit before serves.
        back_link_joiner=re.compile(rf"[\s,;]*(?:{back_words})\s+(?:(?:{qual})\s+)?"),
    )
