"""The small, named regular expressions the quantity recogniser uses, built per language.

Each pattern matches one thing (a number, a scale word, a currency before or after a
number, a qualifier, a percent word ...) and is anchored where it is used, so none of
them grows into an unreviewable composite.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from transforms.lexicons import alternation, get_lexicon
from transforms.numbers import number_word_values

# Digit numbers: space-grouped ("12 500"), tokenised ("193 .3"), grouped, plain.
DIGITS = re.compile(
    r"(?<![\d.,])(?:"
    r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?(?![\d.])"
    r"|\d+ \.\d+"
    r"|\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?"
    r"|\d+(?:[.,]\d+)?"
    r")(?!\d)"
)
# A number glued to letters that are no unit is part of a name: "01.ai", "LEM1S", "3D".
NAME_AFTER = re.compile(r"(?:\.[A-Za-z]|[A-Za-z_])")
LETTER_BEFORE = re.compile(r"[\w][\-]?$")
MINUS_BEFORE = re.compile(r"(?:^|(?<=[\s(]))[-−–]\s?$")
OPEN_SPACE = re.compile(r"\s{0,2}")


@dataclass(frozen=True)
class QuantityPatterns:
    lang: str
    scale: re.Pattern[str]
    scale_values: dict[str, float]
    currency_after: re.Pattern[str]
    currency_before: re.Pattern[str]
    currencies: dict[str, str]
    minor_after: re.Pattern[str]
    minor_units: dict[str, str]
    percent_after: re.Pattern[str]
    percentage_points: dict[str, float]
    count_after: re.Pattern[str]
    qualifier_before: re.Pattern[str]
    qualifiers: dict[str, str]
    negative_word_before: re.Pattern[str]
    multiple_word: re.Pattern[str]
    multiples: dict[str, float]
    multiple_suffix: re.Pattern[str]
    range_opener_before: re.Pattern[str]
    range_joiner: re.Pattern[str]
    shared_unit_joiner: re.Pattern[str]
    number_words: re.Pattern[str]


def _prefix_currency(key: str) -> bool:
    """Codes and symbols may stand before a number ("EUR 5", "Rmb72,5", "$5"); words may not."""
    return not key.isalpha() or (len(key) == 3 and key != "try") or key in ("rmb", "dm", "stg")


@cache
def quantity_patterns(lang: str) -> QuantityPatterns:
    lex = get_lexicon(lang)
    scales = {k.lower(): float(v) for k, v in lex["scales"].items()}
    currencies = {k.lower(): v for k, v in lex["currencies"].items()}
    minor = {k.lower(): v for k, v in lex["minor_units"].items()}
    percent_words = [w.lower() for w in lex["percent"]["words"]]
    points = {k.lower(): float(v) for k, v in lex["percentage_points"].items()}
    qualifiers = {k.lower(): v for k, v in lex["qualifiers"].items()}
    multiples = {k.lower(): float(v) for k, v in lex["multiples"].items()}
    markers = lex["multiple_markers"]
    word_part = alternation(list(number_word_values(lang)))
    prefix = [k for k in currencies if _prefix_currency(k)]
    return QuantityPatterns(
        lang=lang,
        # "Mrd.", "Mio." keep their full stop; "m"/"k"/"b" only glued or spaced in short form.
        scale=re.compile(rf"\s?({alternation(list(scales))})(\.(?!\d))?(?![\w$€£¥])", re.I),
        scale_values=scales,
        currency_after=re.compile(
            rf"\s?({alternation(list(currencies))})(?![\w$€£¥])", re.I
        ),
        currency_before=re.compile(rf"(?:^|(?<![\w]))({alternation(prefix)})\s?$", re.I),
        currencies=currencies,
        minor_after=re.compile(rf"\s?({alternation(list(minor))})(?![\w])", re.I),
        minor_units=minor,
        percent_after=re.compile(rf"\s?({alternation(percent_words)})(?![\w])", re.I),
        percentage_points=points,
        count_after=re.compile(
            rf"\s({alternation([w.lower() for w in lex['count_nouns']['words']])})(?![\w])", re.I
        ),
        qualifier_before=re.compile(rf"(?<![\w])({alternation(list(qualifiers))})\s+$", re.I),
        qualifiers=qualifiers,
        negative_word_before=re.compile(
            rf"(?<![\w])({alternation(lex['signs']['negative_before'])})\s+$", re.I
        ),
        multiple_word=re.compile(rf"(?<![\w])({alternation(list(multiples))})(?![\w])", re.I),
        multiples=multiples,
        multiple_suffix=re.compile(
            rf"(?<![\w])(?P<num>\d+(?:[.,]\d+)?|(?:{word_part})+)[\s-]?"
            rf"(?P<suffix>{alternation(markers['suffixes'])})"
            rf"(?P<cmp>\s+(?:{alternation(markers['comparisons'])}))?(?![\w])",
            re.I,
        ),
        range_opener_before=re.compile(
            rf"(?<![\w])({alternation(lex['ranges']['openers'])})\s+$", re.I
        ),
        range_joiner=re.compile(rf"^\s*({alternation(lex['ranges']['joiners'])})\s*$", re.I),
        shared_unit_joiner=re.compile(
            rf"^\s*({alternation(lex['ranges']['joiners'] + lex['change_markers']['to'] + lex['change_markers']['from'])})\s+"
            rf"(?:(?:{alternation(list(qualifiers))})\s+)?$",
            re.I,
        ),
        number_words=re.compile(
            rf"(?<![\w-])(?:{word_part})(?:[\s-]?(?:{alternation([*number_word_values(lang), *lex['number_joiners']['words']])}))*(?![\w])",
            re.I,
        ),
    )
