"""Reading numbers as written: locale digit notation and number words.

Digits are read with the language's decimal and group symbols (from Babel's locale
data), and, when the text plainly uses the other notation ("72.5" in a German text,
where a group would need three digits), with the other language's. We do not call
Babel's `parse_decimal` per number: it costs some 50 µs a call, and the rules it
applies in strict mode are the few below. Number words are composed in code from the
lexicon's parts ("achtundsiebzig" = acht + und + siebzig); text2num could do that too,
but it rewrites whole sentences (turning "Milliarden" into digits) and would move
every character offset.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from babel.numbers import get_decimal_symbol

from transforms.lexicons import get_lexicon, trie_alternation

_SPACES = re.compile(r"[ \u00a0\u202f]")
# "27-1/2" and "3/4", as wire copy writes prices and rates.
_FRACTION = re.compile(r"^(?:(\d+)-)?(\d+)/(\d+)$")
# A run of digits split by "." and ",": "1.234,5", "12,34,567.89", ",77".
_DIGIT_GROUPS = re.compile(r"^(\d*)((?:[.,]\d+)*)$")


@cache
def decimal_symbol(lang: str) -> str:
    return get_decimal_symbol(get_lexicon(lang).locale)


@lru_cache(maxsize=65536)
def parse_digits(surface: str, lang: str) -> float | None:
    """Value of a digit string such as "72,5", "1.234,5", "1,234.5", "12 500", "7-3/4"."""
    text = _SPACES.sub("", surface.strip())  # "12 500", and "193 .3" from tokenised corpora
    if text.isdecimal():
        return float(text)
    fraction = _FRACTION.match(text)
    if fraction:
        whole, num, den = fraction.groups()
        return None if int(den) == 0 else int(whole or 0) + int(num) / int(den)
    m = _DIGIT_GROUPS.match(text)
    if not m or not text:
        return None
    head, tail = m.group(1), m.group(2)
    seps = [c for c in tail if c in ".,"]
    parts = re.split(r"[.,]", tail)[1:]
    if len(set(seps)) == 2:
        # Both symbols: the last one is the decimal, the other groups ("1.234.567,89").
        if seps.count(seps[-1]) != 1 or not _grouped(head, parts[:-1]):
            return None
        return float(head + "".join(parts[:-1]) + "." + parts[-1])
    sep = seps[0]
    if len(seps) > 1:  # "1.000.000" or "12,34,567": groups only
        return float(head + "".join(parts)) if _grouped(head, parts) else None
    if not head:  # ",77"
        return float("0." + parts[0])
    if sep != decimal_symbol(lang) and _grouped(head, parts):
        return float(head + parts[0])  # "94.000" in German, "94,000" in English
    return float(head + "." + parts[0])  # "72,5" in German, "72.5" in either


def _grouped(head: str, groups: list[str]) -> bool:
    """Thousands groups: 1-3 leading digits, then threes (Indian "12,34,567": twos, then three)."""
    if not groups or not 1 <= len(head) <= 3 or head == "0":
        return not groups
    if len(groups[-1]) != 3:
        return False
    return all(len(g) in (2, 3) for g in groups[:-1]) and (
        len({len(g) for g in groups}) == 1 or len(head) <= 2
    )


@cache
def number_word_values(lang: str) -> dict[str, float]:
    return {k.lower(): float(v) for k, v in get_lexicon(lang)["number_words"].items()}


@cache
def scale_values(lang: str) -> dict[str, float]:
    return {k.lower(): float(v) for k, v in get_lexicon(lang)["scales"].items()}


@cache
def _joiners(lang: str) -> dict[str, set[str]]:
    data = get_lexicon(lang)["number_joiners"]
    return {key: {w.lower() for w in data[key]} for key in ("words", "articles", "decimal")}


@cache
def _part_splitter(lang: str) -> re.Pattern[str]:
    joiners = _joiners(lang)
    parts = [*number_word_values(lang), *scale_values(lang), *joiners["words"], *joiners["decimal"]]
    return re.compile(rf"{trie_alternation([p for p in parts if p != '-'])}|[\s-]+")


@lru_cache(maxsize=16384)
def parse_number_words(surface: str, lang: str) -> float | None:
    """Value of "acht", "achtundsiebzig", "zweieinhalb", "forty-five", "a quarter", or None.

    Scale words inside ("einunddreißig Millionen zweihunderttausend") multiply what
    stands before them; a decimal word ("Komma", "point") reads the rest as decimals.
    """
    tokens: list[str] = []
    low = surface.lower()
    splitter = _part_splitter(lang)
    pos = 0
    while pos < len(low):
        m = splitter.match(low, pos)
        if not m or m.end() == pos:
            return None
        if m.group().strip(" -\t\n"):
            tokens.append(m.group())
        pos = m.end()
    decimal = _joiners(lang)["decimal"]
    cut = next((i for i, t in enumerate(tokens) if t in decimal), None)
    if cut is None:
        return _compose(tokens, lang)
    whole, fraction = _compose(tokens[:cut], lang), _decimals(tokens[cut + 1 :], lang)
    return None if whole is None or fraction is None else whole + fraction


def _decimals(tokens: list[str], lang: str) -> float | None:
    """Decimals said in words: "Komma fünfzehn" -> .15, "point two five" -> .25."""
    values = [number_word_values(lang).get(t) for t in tokens]
    if not values or any(v is None or v != int(v) for v in values):
        return None
    if len(values) == 1:
        digits = str(int(values[0]))
    elif all(v < 10 for v in values):
        digits = "".join(str(int(v)) for v in values)
    else:
        return None
    return float("0." + digits)


def _compose(tokens: list[str], lang: str) -> float | None:
    """Add up number-word parts; None when they do not form one number ("zwei drei")."""
    values = number_word_values(lang)
    scales = scale_values(lang)
    joiners = _joiners(lang)
    total, current, last = 0.0, 0.0, None
    pending_unit: float | None = None  # German "acht" waiting for "und siebzig"
    joined = None  # what stood before a joiner: "hundred and five", "tausendundzwölf"
    for i, tok in enumerate(tokens):
        if tok in joiners["words"]:
            if last is None or last == "joiner":
                return None
            joined, last = last, "joiner"
            continue
        if tok in joiners["articles"] and last == "fraction" and i == len(tokens) - 1:
            continue  # "half a" (billion)
        if tok in joiners["articles"] and i + 1 < len(tokens) and values.get(tokens[i + 1], 1) < 1:
            if last not in (None, "joiner"):
                return None
            last = "article"  # "a quarter", "two and a half": the article is no 1
            continue
        value = values.get(tok)
        if value is None:
            scale = scales.get(tok)
            if scale is None or scale < 1e5 or len(tok) < 2 or last in (None, "joiner", "scale"):
                return None  # "Millionen" alone; "tausend" is a number word
            total += current * scale
            current, last = 0.0, "scale"
            continue
        if value < 1 or value != int(value):
            if last in (None, "article") and current == 0 and total == 0:
                current = value  # "halb", "a quarter", "eineinhalb"
            elif last in ("joiner", "article") or (value == 0.5 and last in ("unit", "ten")):
                current += value  # "two and a half", "zweieinhalb"
            elif value < 1 and last in ("unit", "ten"):
                current *= value  # "three quarters", "dreiviertel"
            else:
                return None
            last = "fraction"
        elif value == 100:
            current = (current or 1) * 100
            last = "hundred"
        elif value == 1000:
            total += (current or 1) * 1000
            current, last = 0.0, "thousand"
        elif value >= 20 and value % 10 == 0:  # tens
            if last == "joiner" and joined == "unit" and pending_unit is not None:
                current += value  # unit already added: acht + und + siebzig
            elif last in (None, "hundred", "thousand", "scale") or (
                last == "joiner" and joined in ("hundred", "thousand", "scale")
            ):
                current += value
            else:
                return None
            pending_unit, last = None, "ten"
        else:  # units and teens
            if last in ("unit", "ten", "fraction") and not (last == "ten" and value < 10):
                return None
            if last == "joiner" and joined not in ("hundred", "thousand", "scale"):
                return None  # "one and one" is two numbers
            current += value
            pending_unit = value if value < 10 else None
            last = "unit"
    if last in ("joiner", "article", None):
        return None
    return total + current


@cache
def _number_with_scale(lang: str) -> re.Pattern[str]:
    scales = trie_alternation(list(scale_values(lang)))
    return re.compile(rf"^(?P<num>.*?)[ \u00a0]?(?P<scale>{scales})\.?$")


@cache
def _decimal_word(lang: str) -> re.Pattern[str]:
    return re.compile(rf"\s+(?:{trie_alternation(_joiners(lang)['decimal'])})\s+")


def parse_number(surface: str, lang: str) -> float | None:
    """Digits or words, maybe with a scale after them: "5 tausend", "1,2M", "1 komma 1"."""
    text = surface.strip()
    parts = _decimal_word(lang).split(text.lower(), maxsplit=1)
    if len(parts) == 2 and parts[1].isdecimal():
        head = _parse_plain(parts[0], lang)
        return None if head is None else head + float("0." + parts[1])  # "1 komma 1"
    plain = _parse_plain(text, lang)
    if plain is not None:
        return plain
    m = _number_with_scale(lang).match(text.lower())
    if not m or not m.group("num"):
        return None
    value = _parse_plain(m.group("num").strip(), lang)
    return None if value is None else value * scale_values(lang)[m.group("scale")]


def _parse_plain(text: str, lang: str) -> float | None:
    if text[:1].isdigit() or text[:1] in ".,":
        return parse_digits(text, lang)
    return parse_number_words(text, lang)
