"""Who a figure is about: company mentions in a sentence, canonicalised.

Known companies come from the registry (seeds/companies.csv, passed in as plain data).
Unknown ones are recognised by general cues: a legal suffix ("Zalando SE", "Ohio
Mattress Co"), an appositive after a company noun ("der Autobauer BMW"), a compound
with a company word ("Alibaba-Aktie"), all-caps or CamelCase names (SAP, DeepSeek),
and in English capitalised runs that are not sentence starters.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from transforms.lexicons import alternation, get_lexicon


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    name: str  # canonical
    # Registry, legal suffix, ticker, appositive or compound: surely a company. A bare
    # capitalised run may be a person or a place, so it only counts when nothing else does.
    strong: bool = True


@dataclass(frozen=True)
class Registry:
    """Aliases (lower-case) -> canonical name, and fiscal-year end month per company."""

    aliases: Mapping[str, str]  # lower-case alias -> canonical name
    fiscal_year_end: Mapping[str, int]
    written: Mapping[str, str]  # alias as written, and in capitals -> canonical name

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, str]]) -> Registry:
        aliases: dict[str, str] = {}
        written: dict[str, str] = {}
        fiscal: dict[str, int] = {}
        for row in rows:
            name = row["canonical_name"].strip()
            fiscal[name] = int(row.get("fiscal_year_end_month") or 12)
            for alias in [name, *(row.get("aliases") or "").split("|")]:
                if alias.strip():
                    aliases[alias.strip().lower()] = name
                    written[alias.strip()] = name
                    written[alias.strip().upper()] = name
        return cls(aliases, fiscal, written)

    @classmethod
    def empty(cls) -> Registry:
        return cls({}, {}, {})


_NAME_TOKEN = r"[A-ZÄÖÜ][\w&.'-]*[\w]|[A-Z]"
_CAMEL_OR_CAPS = re.compile(r"(?<![\w-])(?:[A-Z]{2,}[a-z]*|[A-Z][a-z]+[A-Z][\w]*)(?![\w])")


@cache
def _unknown_patterns(lang: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    ent = get_lexicon(lang)["entities"]
    suffixes = alternation([s for s in ent["legal_suffixes"] if s not in ("&", "group", "gruppe")])
    with_suffix = re.compile(
        rf"(?P<name>(?:{_NAME_TOKEN})(?:\s+(?:{_NAME_TOKEN}|&))*?)\s+(?i:{suffixes})(?![\w])"
    )
    # Prose names the company after a noun for it: "der Autobauer BMW", "the carmaker BMW".
    # The cue keeps its case (German nouns are capitalised) so "Group Inc" is no appositive.
    cue_words = [c.capitalize() if lang == "de" else c.lower() for c in ent["company_cues"]]
    appositive = re.compile(rf"(?<![\w])(?:{alternation(cue_words)})\s+(?P<name>{_NAME_TOKEN})")
    compound = re.compile(
        r"(?<![\w-])(?P<name>[A-ZÄÖÜ][\w]+)-(?:Aktie|Aktien|Konzern|Gruppe|Chef|Papiere|Tochter|Sparte)(?![\w])"
    )
    return with_suffix, appositive, compound


@cache
def _not_entities(lang: str) -> frozenset[str]:
    words = set(get_lexicon(lang)["entities"]["not_entities"])
    for other in ("de", "en"):
        words |= {w.lower() for w in get_lexicon(other)["months"]}
        words |= {w.lower() for w in get_lexicon(other)["weekdays"]}
        # "EUR", "USD", "Rmb" stand before amounts like names do.
        words |= {w.lower() for w in get_lexicon(other)["currencies"] if w.isalpha()}
    return frozenset(w.lower() for w in words)


@cache
def _registry_pattern(aliases: frozenset[str]) -> re.Pattern[str] | None:
    if not aliases:
        return None
    # Case as written (or in capitals): "Alphabet" the company, not "das Alphabet".
    return re.compile(rf"(?<![\w])(?:{alternation(list(aliases))})(?=s?(?![\w])|-)")


@cache
def _legal_suffixes(lang: str) -> frozenset[str]:
    return frozenset(s.lower() for s in get_lexicon(lang)["entities"]["legal_suffixes"])


def canonical_company(name: str, lang: str, registry: Registry | None = None) -> str:
    """Trim legal suffixes so "Zalando SE" and "Zalando" are one entity."""
    if registry and name.lower() in registry.aliases:
        return registry.aliases[name.lower()]
    suffixes = _legal_suffixes(lang)
    if name.endswith(("'s", "’s")):
        name = name[:-2]
    words = name.replace(",", " ").split()
    while len(words) > 1 and words[-1].lower() in suffixes:
        words.pop()
    cleaned = " ".join(words).strip(" .,-")
    if registry and cleaned.lower() in registry.aliases:
        return registry.aliases[cleaned.lower()]
    return cleaned


def find_mentions(
    text: str,
    start: int,
    end: int,
    lang: str,
    registry: Registry | None = None,
    sentence_starts: frozenset[int] | None = None,
) -> list[Mention]:
    """Company mentions in text[start:end], earliest first, overlapping ones merged.

    `sentence_starts` lets one call cover a whole document (one pass per pattern instead
    of one per sentence) while still knowing where sentences begin.
    """
    found: list[Mention] = []
    if registry is not None:
        pattern = _registry_pattern(frozenset(registry.written))
        if pattern is not None:
            for m in pattern.finditer(text, start, end):
                found.append(Mention(m.start(), m.end(), registry.written[m.group()]))
    with_suffix, appositive, compound = _unknown_patterns(lang)
    stop = _not_entities(lang)
    for pattern in (with_suffix, appositive, compound):
        for m in pattern.finditer(text, start, end):
            name = canonical_company(_drop_leading_common(m.group("name"), stop), lang, registry)
            if _plausible_name(name, lang):
                found.append(Mention(m.start("name"), m.end(), name))
    for m in _TICKER.finditer(text, start, end):
        words = m.group("name").split()
        name_start, name = _ticker_name(text, words, m.start("name"))
        name = canonical_company(name, lang, registry)
        if _plausible_name(name, lang):
            found.append(Mention(name_start, m.end(), name))
    for m in _CAMEL_OR_CAPS.finditer(text, start, end):
        word = m.group()
        if word.lower() not in stop and len(word) <= 20:
            # All-caps words are headlines, agencies, parties and units ("US", "APA",
            # "FPÖ") as often as companies: they count only when nothing surer does.
            name = canonical_company(word, lang, registry)
            found.append(Mention(m.start(), m.end(), name, strong=not word.isupper()))
    if lang == "en":
        starts = sentence_starts if sentence_starts is not None else frozenset({start})
        found.extend(_english_runs(text, start, end, stop, registry, starts))
    return _merge(found)


# Wire headlines name the company with its ticker: "CHAMPION PRODUCTS <CH> APPROVES".
_TICKER = re.compile(
    r"(?P<name>[A-Z][A-Z0-9&.'-]*(?:[ ][A-Z0-9&.'-]+)*?)\s*<(?P<ticker>[A-Z0-9.]{1,8})>"
)


def _ticker_name(text: str, words: list[str], start: int) -> tuple[int, str]:
    """The company in "REDSTONE DETAILS SWEETENED VIACOM <VIA> OFFER" is the longest tail
    of the words before the ticker that the body also writes ("Viacom"); a headline that
    starts with the name ("HANDY AND HARMAN <HNH> ...") names it whole.
    """
    suffixes = {s.lower().rstrip(".") for s in get_lexicon("en")["entities"]["legal_suffixes"]}
    while len(words) > 1 and words[-1].lower().rstrip(".") in suffixes:
        words = words[:-1]
    for size in range(min(len(words), 5), 0, -1):
        written = _body_form(text, " ".join(words[-size:]))
        if written:
            head = " ".join(words[:-size])
            return start + len(head) + (1 if head else 0), written
    at_line_start = start == 0 or text[start - 1] == "\n"
    if at_line_start:
        return start, _headline_case(" ".join(words))
    head = " ".join(words[:-1])
    return start + len(head) + (1 if head else 0), _headline_case(words[-1])


def _headline_case(name: str) -> str:
    """ "AM INTERNATIONAL INC" -> "AM International Inc": short words stay acronyms."""
    small = {"AND": "and", "OF": "of", "THE": "the"}
    return " ".join(small.get(w, w if len(w) <= 3 else w.capitalize()) for w in name.split())


def _body_form(text: str, name: str) -> str | None:
    """How the text writes `name` as a whole word when not in capitals, if it does."""
    low_text, low_name = text.lower(), name.lower()
    pos = low_text.find(low_name)
    while pos != -1:
        end = pos + len(name)
        whole = (pos == 0 or not text[pos - 1].isalnum()) and (
            end == len(text) or not text[end].isalnum()
        )
        written = text[pos:end]
        if whole and written != written.upper():
            return written
        pos = low_text.find(low_name, pos + 1)
    return None


def harmonise_name(name: str, text: str) -> str:
    """Prefer how the body writes a name ("Brown-Forman") over a headline's capitals."""
    if not name or name.lower() == name:
        return name
    return _body_form(text, name) or name


_EN_RUN = re.compile(rf"(?<![\w])(?:{_NAME_TOKEN})(?:\s+(?:{_NAME_TOKEN}|&|of|de))*")


_POSSESSIVE = re.compile(r" ?['’]s\b")


def _english_runs(text, start, end, stop, registry, starts) -> list[Mention]:
    out = []
    for m in _EN_RUN.finditer(text, start, end):
        words = m.group().split()
        s = m.start()
        # A run at the sentence start begins with an ordinary word more often than not.
        while words and words[0].lower() in stop:
            s += len(words[0]) + 1
            words = words[1:]
        while words and words[-1].lower() in ("of", "de", "&"):
            words = words[:-1]
        # A possessive names its owner even at the start: "Fabrikam's sales", "Fabrikam 's".
        possessive = bool(_POSSESSIVE.match(text, s + len(" ".join(words))))
        single_start = s in starts and len(words) == 1 and not _looks_named(words[0])
        if not words or (single_start and not possessive):
            continue
        if words[0].isupper() and len(words) > 3:
            continue  # an all-caps headline, not a name
        name = " ".join(words)
        if not _plausible_name(name, "en"):
            continue
        known = registry is not None and name.lower() in registry.aliases
        out.append(Mention(s, s + len(name), canonical_company(name, "en", registry), known))
    return out


@cache
def _calendar_words() -> tuple[str, ...]:
    words = set()
    for lang in ("de", "en"):
        words |= {w.lower() for w in get_lexicon(lang)["weekdays"]}
        words |= {w.lower() for w in get_lexicon(lang)["months"] if len(w) > 3}
    return tuple(sorted(words))


def _drop_leading_common(name: str, stop: frozenset[str]) -> str:
    """ "Finnish Suominen Corporation" -> "Suominen": adjectives before a name are no part of it."""
    words = name.split()
    while len(words) > 1 and words[0].lower() in stop:
        words = words[1:]
    return " ".join(words)


def _plausible_name(name: str, lang: str) -> bool:
    low = name.lower()
    if len(name) < 2 or low in _not_entities(lang) or low in _legal_suffixes(lang):
        return False
    if any(c.isdigit() for c in name):
        return False  # "EUR193", "EUR41m", "AFE1V": amounts and tickers, not names
    # "Konzern Mittwochabend": a day or month named after a company noun is no company.
    return not low.startswith(_calendar_words())


def _looks_named(word: str) -> bool:
    return any(c.isupper() for c in word[1:]) or any(c.isdigit() for c in word)


def _merge(found: list[Mention]) -> list[Mention]:
    """Earliest first; where mentions overlap the surer one wins, then the longer."""
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    merged: list[Mention] = []
    for m in found:
        if merged and m.start < merged[-1].end:
            if m.strong and not merged[-1].strong:
                merged[-1] = m
            continue
        merged.append(m)
    return merged


def load_registry(path: str | Path) -> Registry:
    """Read the company registry CSV; a missing file gives an empty registry."""
    path = Path(path)
    if not path.exists():
        return Registry.empty()
    with path.open(encoding="utf-8", newline="") as fh:
        return Registry.from_rows(csv.DictReader(fh))
