"""Reading numbers as written: locale digit notation and number words.

Digits go through Babel's `parse_decimal(..., strict=True)`: it knows each locale's
group and decimal symbols, and in strict mode it refuses "72.5" as a German number
instead of reading it as 725 — we then try the other notation. Number words are
composed in code from the lexicon's parts ("achtundsiebzig" = acht + und + siebzig),
which text2num could also do, but text2num rewrites whole sentences (turning
"Milliarden" into digits) and would move every character offset.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from babel.numbers import NumberFormatError, parse_decimal

from transforms.lexicons import alternation, get_lexicon

_SPACE_GROUPS = re.compile(r"^\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?$")
_TOKENISED_DECIMAL = re.compile(r"^(\d+) ([.,]\d+)$")


@lru_cache(maxsize=65536)
def parse_digits(surface: str, lang: str) -> float | None:
    """Value of a digit string such as "72,5", "1.234,5", "1,234.5", "12 500" or None."""
    text = surface.strip()
    tokenised = _TOKENISED_DECIMAL.match(text)
    if tokenised:  # "193 .3" in tokenised corpora
        text = tokenised.group(1) + tokenised.group(2)
    if _SPACE_GROUPS.match(text):
        text = re.sub(r"[ \u00a0\u202f]", "", text)
    if text.isdigit():
        return float(text)
    lex = get_lexicon(lang)
    for locale in (lex.locale, lex.other_locale):
        try:
            return float(parse_decimal(text, locale=locale, strict=True))
        except NumberFormatError:
            continue
    return None


@cache
def number_word_values(lang: str) -> dict[str, float]:
    return {k.lower(): float(v) for k, v in get_lexicon(lang)["number_words"].items()}


@cache
def number_word_pattern(lang: str) -> re.Pattern[str]:
    """One or more number-word parts, glued ("achtundsiebzig") or spaced ("forty-five")."""
    parts = list(number_word_values(lang)) + get_lexicon(lang)["number_joiners"]["words"]
    part = alternation([p for p in parts if p != "-"])
    return re.compile(rf"(?<![\w-])(?:{part})(?:[\s-]?(?:{part}))*(?![\w])", re.IGNORECASE)


@cache
def _part_splitter(lang: str) -> re.Pattern[str]:
    parts = list(number_word_values(lang)) + get_lexicon(lang)["number_joiners"]["words"]
    return re.compile(rf"{alternation([p for p in parts if p != '-'])}|[\s-]+", re.IGNORECASE)


def parse_number_words(surface: str, lang: str) -> float | None:
    """Value of "acht", "achtundsiebzig", "zweihundertfünfzig", "forty-five", or None."""
    values = number_word_values(lang)
    joiners = {j.lower() for j in get_lexicon(lang)["number_joiners"]["words"]}
    tokens: list[str] = []
    pos = 0
    splitter = _part_splitter(lang)
    low = surface.lower()
    while pos < len(low):
        m = splitter.match(low, pos)
        if not m or m.end() == pos:
            return None
        if m.group().strip(" -\t\n"):
            tokens.append(m.group())
        pos = m.end()
    return _compose(tokens, values, joiners)


def _compose(tokens: list[str], values: dict[str, float], joiners: set[str]) -> float | None:
    total, current, last = 0.0, 0.0, None
    pending_unit: float | None = None  # German "acht" waiting for "und siebzig"
    for tok in tokens:
        if tok in joiners:
            if last is None or last == "joiner":
                return None
            last = "joiner"
            continue
        value = values.get(tok)
        if value is None:
            return None
        if value == 100:
            current = (current or 1) * 100
            last = "hundred"
        elif value == 1000:
            total += (current or 1) * 1000
            current, last = 0.0, "thousand"
        elif value < 1:
            return None if tokens != [tok] else value
        elif value >= 20 and value % 10 == 0:  # tens
            if last == "joiner" and pending_unit is not None:
                current += value  # unit already added: acht + und + siebzig
            elif last in (None, "hundred", "thousand"):
                current += value
            else:
                return None
            pending_unit, last = None, "ten"
        else:  # units and teens
            if last in ("unit", "ten") and not (last == "ten" and value < 10):
                return None
            current += value
            pending_unit = value if value < 10 else None
            last = "unit"
    if last == "joiner":
        return None
    return total + current
