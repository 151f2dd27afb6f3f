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


@dataclass(frozen=True)
class Registry:
    """Aliases (lower-case) -> canonical name, and fiscal-year end month per company."""

    aliases: Mapping[str, str]
    fiscal_year_end: Mapping[str, int]

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, str]]) -> Registry:
        aliases: dict[str, str] = {}
        fiscal: dict[str, int] = {}
        for row in rows:
            name = row["canonical_name"].strip()
            fiscal[name] = int(row.get("fiscal_year_end_month") or 12)
            for alias in [name, *(row.get("aliases") or "").split("|")]:
                if alias.strip():
                    aliases[alias.strip().lower()] = name
        return cls(aliases, fiscal)

    @classmethod
    def empty(cls) -> Registry:
        return cls({}, {})


_NAME_TOKEN = r"[A-ZÄÖÜ][\w&.'-]*[\w]|[A-Z]"
_CAMEL_OR_CAPS = re.compile(r"(?<![\w-])(?:[A-Z]{2,}[a-z]*|[A-Z][a-z]+[A-Z][\w]*)(?![\w])")


@cache
def _unknown_patterns(lang: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    ent = get_lexicon(lang)["entities"]
    suffixes = alternation([s for s in ent["legal_suffixes"] if s not in ("&", "group", "gruppe")])
    cues = alternation(ent["company_cues"])
    with_suffix = re.compile(
        rf"(?P<name>(?:{_NAME_TOKEN})(?:\s+(?:{_NAME_TOKEN}|&))*?)\s+(?:{suffixes})(?![\w])"
    )
    appositive = re.compile(rf"(?<![\w])(?i:{cues})\s+(?P<name>{_NAME_TOKEN})")
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
    return frozenset(w.lower() for w in words)


@cache
def _registry_pattern(aliases: frozenset[str]) -> re.Pattern[str] | None:
    if not aliases:
        return None
    return re.compile(rf"(?<![\w])(?:{alternation(list(aliases))})(?=s?(?![\w])|-)", re.I)


def canonical_company(name: str, lang: str, registry: Registry | None = None) -> str:
    """Trim legal suffixes so "Zalando SE" and "Zalando" are one entity."""
    if registry and name.lower() in registry.aliases:
        return registry.aliases[name.lower()]
    suffixes = {s.lower() for s in get_lexicon(lang)["entities"]["legal_suffixes"]}
    words = name.replace(",", " ").split()
    while len(words) > 1 and words[-1].lower() in suffixes:
        words.pop()
    cleaned = " ".join(words).strip(" .,-")
    if registry and cleaned.lower() in registry.aliases:
        return registry.aliases[cleaned.lower()]
    return cleaned


def find_mentions(
    text: str, start: int, end: int, lang: str, registry: Registry | None = None
) -> list[Mention]:
    """Company mentions in text[start:end], earliest first, overlapping ones merged."""
    found: list[Mention] = []
    if registry is not None:
        pattern = _registry_pattern(frozenset(registry.aliases))
        if pattern is not None:
            for m in pattern.finditer(text, start, end):
                found.append(Mention(m.start(), m.end(), registry.aliases[m.group().lower()]))
    with_suffix, appositive, compound = _unknown_patterns(lang)
    stop = _not_entities(lang)
    for pattern in (with_suffix, appositive, compound):
        for m in pattern.finditer(text, start, end):
            name = m.group("name")
            if name.lower() not in stop and not name.isdigit():
                found.append(
                    Mention(m.start("name"), m.end(), canonical_company(name, lang, registry))
                )
    for m in _CAMEL_OR_CAPS.finditer(text, start, end):
        if m.group().lower() not in stop and len(m.group()) <= 20:
            found.append(Mention(m.start(), m.end(), canonical_company(m.group(), lang, registry)))
    if lang == "en":
        found.extend(_english_runs(text, start, end, stop, registry))
    return _merge(found)


_EN_RUN = re.compile(rf"(?<![\w])(?:{_NAME_TOKEN})(?:\s+(?:{_NAME_TOKEN}|&|of|de))*")


def _english_runs(text, start, end, stop, registry) -> list[Mention]:
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
        if not words or (s == start and len(words) == 1 and not _looks_named(words[0])):
            continue
        if words[0].isupper() and len(words) > 3:
            continue  # an all-caps headline, not a name
        name = " ".join(words)
        if name.lower() in stop:
            continue
        out.append(Mention(s, s + len(name), canonical_company(name, "en", registry)))
    return out


def _looks_named(word: str) -> bool:
    return any(c.isupper() for c in word[1:]) or any(c.isdigit() for c in word)


def _merge(found: list[Mention]) -> list[Mention]:
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    merged: list[Mention] = []
    for m in found:
        if merged and m.start < merged[-1].end:
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
