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
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

from transforms.lexicons import LANGUAGES, alternation, get_lexicon, load_lexicon_data
from transforms.name_scans import (
    RegistryScan,
    ticker_matches,
    with_suffix_matches,
    word_alternation,
)


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    name: str  # canonical
    # Registry, legal suffix, ticker, appositive or compound: surely a company. A bare
    # capitalised run may be a person or a place, so it only counts when nothing else does.
    strong: bool = True
    # An unknown word that may be a name ("Nordwind steigerte ..."): used only when no
    # other mention names anyone.
    guess: bool = False


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


# `re` skips ahead to where a match may start only if a pattern begins with one set of
# characters. So "no letter before" looks back from after a word's first character, not
# before it ("(?<![\w]X)" after X is "(?<![\w])" before it), and a name token is written
# as "[A-ZÄÖÜ][\w&.'-]*[\w]|[A-Z]" with the choice after its first character: the same
# matches, 2-3x faster.
_NAME_TOKEN = r"[A-ZÄÖÜ](?:[\w&.'-]*[\w]|(?<=[A-Z]))"  # a capitalised word, or a capital
_CAMEL_OR_CAPS = re.compile(r"[A-Z](?<![\w-][A-Z])(?:[A-Z]+[a-z]*|[a-z]+[A-Z][\w]*)(?![\w])")


class _Patterns(NamedTuple):
    with_suffix: re.Pattern[str]
    suffix_at: re.Pattern[str] | None  # on lower-cased text: where a legal suffix starts
    suffix_len: int
    appositive: re.Pattern[str]
    compound: re.Pattern[str]
    compound_cue: re.Pattern[str]  # cheap to search for (it starts with "-"): a gate


@cache
def _unknown_patterns(lang: str) -> _Patterns:
    ent = get_lexicon(lang)["entities"]
    words = [s for s in ent["legal_suffixes"] if s not in ("&", "group", "gruppe")]
    with_suffix = re.compile(
        rf"(?P<name>(?:{_NAME_TOKEN})(?:\s+(?:{_NAME_TOKEN}|&))*?)"
        rf"\s+(?i:{alternation(words)})(?![\w])"
    )
    # (?i) alternations are slow in `re`, but on lower-cased text a plain one does the
    # same, for ASCII words (see _with_suffix).
    suffix_at = None
    if all(w.isascii() for w in words):
        suffix_at = re.compile(rf"\s(?=(?:{alternation([w.lower() for w in words])})(?![\w]))")
    # Prose names the company after a noun for it: "der Autobauer BMW", "the carmaker BMW".
    # The cue keeps its case (German nouns are capitalised) so "Group Inc" is no appositive.
    # English capitalises the noun only to open a sentence: "Watchmaker Brevald said"
    cue_words = [
        c.capitalize() if lang == "de" else w
        for c in ent["company_cues"]
        for w in ((c.lower(), c[:1].upper() + c[1:].lower()) if lang == "en" else (c,))
    ]
    # German compounds end in the company noun: "der Kranhersteller Palfinger".
    tails = alternation([c.lower() for c in ent["company_cues"]])
    compound_cue = rf"|[A-ZÄÖÜ](?<![\w][A-ZÄÖÜ])[a-zäöüß]+(?:{tails})"
    head = word_alternation(cue_words) + (compound_cue if lang == "de" else "")
    genitive = r"(?:e?s)?" if lang == "de" else ""  # "des PC-Herstellers Lenvara"
    # the name may run on: "der Aluminiumkonzern Norsk Hydro hat"
    appositive = re.compile(
        rf"(?:{head}){genitive}\s+(?P<name>{_NAME_TOKEN}(?:[ \t]+{_NAME_TOKEN}){{0,2}})"
    )
    cues = r"-(?:Aktie|Aktien|Konzern|Gruppe|Chef|Papiere|Tochter|Sparte)(?![\w])"
    compound = re.compile(rf"(?<![\w-])(?P<name>[A-ZÄÖÜ][\w]+){cues}")
    return _Patterns(
        with_suffix, suffix_at, max(map(len, words)), appositive, compound, re.compile(cues)
    )


@cache
def _not_entities(lang: str) -> frozenset[str]:
    words = set(get_lexicon(lang)["entities"]["not_entities"])
    for other in ("de", "en"):
        words |= {w.lower() for w in get_lexicon(other)["months"]}
        words |= {w.lower() for w in get_lexicon(other)["weekdays"]}
        # "EUR", "USD", "Rmb" stand before amounts like names do.
        words |= {w.lower() for w in get_lexicon(other)["currencies"] if w.isalpha()}
    # "erwartet das Unternehmen Erlöse zwischen ...": a metric word after a company noun
    # is the object, not a name
    lex = get_lexicon(lang)
    words |= {w for cues in lex["metrics"].values() for w in cues if " " not in w}
    # "The Data Center segment nearly doubled": a segment's name names no company
    words |= {w for cues in lex["segments"].values() for w in cues}
    words |= set(lex["count_nouns"]["words"])
    return frozenset(w.lower() for w in words)


class _Verdicts:
    """What one registry and language make of names, capitalised words and runs (() for
    nothing). The same ones recur from document to document, so this outlives a call: one
    per registry object (registries are frozen; holding one keeps its id from reuse).
    """

    def __init__(self, registry: Registry | None, lang: str):
        self.registry, self.lang = registry, lang
        # Built once: even a cache key, frozenset(aliases), costs more than the search.
        self.scan = None
        if registry is not None and registry.written:
            self.scan = RegistryScan(frozenset(registry.written))
        self.names: dict[str, str] = {}
        self.caps: dict[str, tuple[str, bool] | tuple[()]] = {}
        self.runs: dict[str, tuple[int, int, bool, str, bool] | tuple[()]] = {}

    def canonical(self, name: str) -> str:
        known = self.names.get(name)
        if known is None:
            known = self.names[name] = canonical_company(name, self.lang, self.registry)
        return known


_verdicts: dict[tuple[int, str], _Verdicts] = {}


def _verdicts_of(registry: Registry | None, lang: str) -> _Verdicts:
    verdicts = _verdicts.get((id(registry), lang))
    sizes = (len(verdicts.names) + len(verdicts.runs)) if verdicts else 0
    if verdicts is None or verdicts.registry is not registry or sizes > 1 << 17:
        if len(_verdicts) >= 8:  # start afresh: new registries, or ever new names
            _verdicts.clear()
        verdicts = _verdicts[id(registry), lang] = _Verdicts(registry, lang)
    return verdicts


@cache
def _legal_suffixes(lang: str) -> frozenset[str]:
    return frozenset(s.lower() for s in get_lexicon(lang)["entities"]["legal_suffixes"])


def canonical_company(name: str, lang: str, registry: Registry | None = None) -> str:
    """Trim legal suffixes so "Zalando SE" and "Zalando" are one entity."""
    if registry and name.lower() in registry.aliases:
        return registry.aliases[name.lower()]
    cleaned = _trim_suffixes(name, lang)
    if registry and cleaned.lower() in registry.aliases:
        return registry.aliases[cleaned.lower()]
    return cleaned


@lru_cache(maxsize=1 << 16)
def _trim_suffixes(name: str, lang: str) -> str:
    suffixes = _legal_suffixes(lang)
    if name.endswith(("'s", "’s")):
        name = name[:-2]
    words = name.replace(",", " ").split()
    while len(words) > 1 and words[-1].lower() in suffixes:
        words.pop()
    return " ".join(words).strip(" .,-")


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
    found: list[tuple[int, int, str, bool]] = []  # start, end, name, strong
    verdicts = _verdicts_of(registry, lang)
    canonical = verdicts.canonical
    if verdicts.scan:
        for m in verdicts.scan.finditer(text, start, end):
            found.append((m.start(), m.end(), registry.written[m[0]], True))
    pats = _unknown_patterns(lang)
    stop = _not_entities(lang)
    has_compound = pats.compound_cue.search(text, start, end)
    for matches in (
        with_suffix_matches(pats, text, start, end),
        pats.appositive.finditer(text, start, end),
        pats.compound.finditer(text, start, end) if has_compound else (),
    ):
        for m in matches:
            name_start, written = m.start("name"), m.group("name")
            cut = written.rfind("\n")
            if cut != -1 and written[:cut].isupper():
                # "ASHCOMBE GROUP PROFITS RISE\nAshcombe Group Plc": a headline above
                name_start, written = name_start + cut + 1, written[cut + 1 :]
            written = _drop_leading_common(written, stop)
            if lang == "de" and _place_adjective(m, written):
                continue  # "der Leverkusener Konzern" refers back; it names no company
            name = canonical(written)
            if _plausible_name(name, lang):
                found.append((name_start, m.end(), name, True))
    low_text = None  # the whole text lower-cased, for _body_form
    for m in ticker_matches(text, start, end):
        low_text = low_text or text.lower()
        words = m.group("name").split()
        name_start, name = _ticker_name(text, low_text, words, m.start("name"))
        name = canonical(name)
        if _plausible_name(name, lang):
            found.append((name_start, m.end(), name, True))
    caps = verdicts.caps
    for m in _CAMEL_OR_CAPS.finditer(text, start, end):
        word = m[0]
        hit = caps.get(word)
        if hit is None:
            # All-caps words are headlines, agencies, parties and units ("US", "APA",
            # "FPÖ") as often as companies: they count only when nothing surer does.
            ok = word.lower() not in stop and len(word) <= 20
            hit = caps[word] = (canonical(word), not word.isupper()) if ok else ()
        if hit:
            found.append((m.start(), m.end(), hit[0], hit[1]))
    starts = sentence_starts if sentence_starts is not None else frozenset({start})
    if lang == "en":
        found.extend(_english_runs(text, start, end, starts, verdicts))
    else:
        found.extend(_unknown_names(text, start, end, lang, starts, verdicts))
    return [
        Mention(m.start, m.end, m.name, False, m.guess) if _names_a_parent(text, m) else m
        for m in _merge(found)
    ]


_DAUGHTER = ("-Tochter", "-Töchter")


def _names_a_parent(text: str, m: Mention) -> bool:
    """ "die VW-Tochter Audi", "die Lufthansa-Tochter AUA": the parent is not the subject,
    whether the compound ("Lufthansa-Tochter") or the registry ("VW") found it."""
    return m.strong and (
        text.startswith(_DAUGHTER, m.end) or text[m.start : m.end].endswith(_DAUGHTER)
    )


def _place_adjective(m: re.Match[str], name: str) -> bool:
    """ "Leverkusener Konzern", "Münchner Autobauer": a town's adjective, not a name."""
    if m.start("name") != m.start() or " " in name or not name.endswith("er"):
        return False  # the name follows a company noun ("der Autobauer Daimler")
    return not m.string[m.end() - 1].isupper()  # "Bayer AG" is a name


@cache
def _ticker_suffixes() -> frozenset[str]:
    return frozenset(s.lower().rstrip(".") for s in get_lexicon("en")["entities"]["legal_suffixes"])


def _ticker_name(text: str, low_text: str, words: list[str], start: int) -> tuple[int, str]:
    """The company in "REDSTONE DETAILS SWEETENED VIACOM <VIA> OFFER" is the longest tail
    of the words before the ticker that the body also writes ("Viacom"); a headline that
    starts with the name ("HANDY AND HARMAN <HNH> ...") names it whole.
    """
    suffixes = _ticker_suffixes()
    while len(words) > 1 and words[-1].lower().rstrip(".") in suffixes:
        words = words[:-1]
    for size in range(min(len(words), 5), 0, -1):
        written = _body_form(text, " ".join(words[-size:]), low_text)
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


def _body_form(text: str, name: str, low_text: str | None = None) -> str | None:
    """How the text writes `name` as a whole word when not in capitals, if it does."""
    low_text = text.lower() if low_text is None else low_text
    low_name = name.lower()
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


_EN_RUN = re.compile(
    rf"[A-ZÄÖÜ](?<![\w][A-ZÄÖÜ])(?:[\w&.'-]*[\w]|(?<=[A-Z]))(?:\s+(?:{_NAME_TOKEN}|&|of|de))*"
)


_POSSESSIVE = re.compile(r" ?['’]s\b")


def _english_runs(text, start, end, starts, verdicts: _Verdicts) -> list[tuple]:
    """Capitalised runs as (start, end, name, strong)."""
    out = []
    seen, registry = verdicts.runs, verdicts.registry  # a run's verdict, wherever it stands
    for m in _EN_RUN.finditer(text, start, end):
        run = m[0]
        info = seen.get(run)
        if info is None:
            info = seen[run] = _run_name(run) or ()
            if info:
                shift, name, single = info
                known = registry is not None and name.lower() in registry.aliases
                info = seen[run] = (shift, len(name), single, verdicts.canonical(name), known)
        if not info:
            continue
        s = m.start() + info[0]
        # A run at the sentence start that is one ordinary word is a sentence starter, but
        # a possessive names its owner even there: "Fabrikam's sales", "Fabrikam 's".
        if info[2] and s in starts and not _POSSESSIVE.match(text, s + info[1]):
            # ... yet an unknown word there ("Fabrikam reported") may be the company:
            # weak, it counts only when nothing surer does.
            if _may_be_unknown_name(text[s : s + info[1]], "en"):
                out.append((s, s + info[1], info[3], False, True))
            continue
        # A possessive ("Contoso 's Packaging division") marks the owner: surely a name.
        strong = info[4] or bool(_POSSESSIVE.match(text, s + info[1]))
        out.append((s, s + info[1], info[3], strong))
    return out


@cache
def _vocabulary() -> frozenset[str]:
    """Every word the lexicons hold, in both languages: none of them is an unknown name."""
    words: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            words.update(_LETTERS.findall(value.lower()))
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(key)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for lang in LANGUAGES:
        walk(load_lexicon_data(lang))
    return frozenset(words)


_LETTERS = re.compile(r"[^\W\d_]+")
# A capitalised word before a lower-case one: "Nordwind steigerte", "Fabrikam reported".
_OPENING_WORD = re.compile(r"[A-ZÄÖÜ][\w-]*[\w](?=[ \t]+[a-zäöüß])")


@lru_cache(maxsize=1 << 14)
def _may_be_unknown_name(word: str, lang: str) -> bool:
    low = word.lower()
    ent = get_lexicon(lang)["entities"]
    return (
        len(word) >= 3
        and low not in _not_entities(lang)
        and not any(part in _vocabulary() for part in _LETTERS.findall(low))
        and not low.endswith(tuple(ent["common_endings"]))
        and _plausible_name(word, lang)
    )


@cache
def _after_preposition(lang: str) -> re.Pattern[str]:
    words = get_lexicon(lang)["entities"]["name_prepositions"]
    # "Bei Arvola stieg ...", "bei der Tellbank": the preposition may open the sentence,
    # and a German article may follow it
    article = r"(?:(?:der|dem|den)\s+)?" if lang == "de" else ""
    return re.compile(
        rf"(?<![\w])(?i:{alternation(words)})\s+{article}(?P<name>[A-ZÄÖÜ][\w-]*[\w])(?![\w-])"
    )


def _unknown_names(text, start, end, lang, starts, verdicts: _Verdicts) -> list[tuple]:
    """Weak mentions of names no rule knows: an unknown word opening a sentence before a
    lower-case word, or after "von", "bei" ("der Umsatz von Nordwind")."""
    out = []
    for s in starts:
        m = _OPENING_WORD.match(text, s, end) if start <= s < end else None
        if m and _may_be_unknown_name(m[0], lang):
            out.append((m.start(), m.end(), verdicts.canonical(m[0]), False, True))
    for m in _after_preposition(lang).finditer(text, start, end):
        if _may_be_unknown_name(m["name"], lang):
            out.append((m.start("name"), m.end(), verdicts.canonical(m["name"]), False, True))
    return out


@lru_cache(maxsize=1 << 16)
def _run_name(run: str) -> tuple[int, str, bool] | None:
    """(where in the run the name starts, the name, is it one plain word?) or None."""
    stop = _not_entities("en")
    words = run.split()
    shift = 0
    # A run at the sentence start begins with an ordinary word more often than not.
    while words and words[0].lower() in stop:
        shift += len(words[0]) + 1
        words = words[1:]
    while words and words[-1].lower() in ("of", "de", "&"):
        words = words[:-1]
    if words and words[-1].endswith(("'s", "’s")) and len(words[-1]) > 2:
        words[-1] = words[-1][:-2]  # "Fabrikam's": the owner, without the possessive
    if not words or (words[0].isupper() and len(words) > 3):
        return None  # nothing left, or an all-caps headline rather than a name
    name = " ".join(words)
    if not _plausible_name(name, "en"):
        return None
    return shift, name, len(words) == 1 and not _looks_named(words[0])


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


@lru_cache(maxsize=1 << 16)
def _plausible_name(name: str, lang: str) -> bool:
    low = name.lower()
    stop = _not_entities(lang)
    if len(name) < 2 or low in stop or low in _legal_suffixes(lang):
        return False
    if "-" in low and low.rsplit("-", 1)[1] in stop:
        return False  # "erwartet das Unternehmen Cloud-Erlöse": a compound metric word
    if any(map(str.isdigit, name)):
        return False  # "EUR193", "EUR41m", "AFE1V": amounts and tickers, not names
    if low.endswith(("-based", "-listed")):
        return False  # "the Ohio-based software maker" describes a company it does not name
    # "Konzern Mittwochabend": a day or month named after a company noun is no company.
    return not low.startswith(_calendar_words())


def _looks_named(word: str) -> bool:
    return any(map(str.isupper, word[1:])) or any(map(str.isdigit, word))


def _merge(found: list[tuple]) -> list[Mention]:
    """Earliest first; where mentions overlap the surer one wins, then the longer."""
    found.sort(key=lambda m: (m[0], m[0] - m[1]))  # stable: ties keep their order
    merged: list[tuple] = []
    last_end = -1
    for m in found:
        if m[0] < last_end:
            if _sureness(m) > _sureness(merged[-1]):
                merged[-1] = m
                last_end = m[1]
            continue
        merged.append(m)
        last_end = m[1]
    return [Mention(*m) for m in merged]


def _sureness(m: tuple) -> tuple[bool, bool]:
    return m[3], not (len(m) > 4 and m[4])


def load_registry(path: str | Path) -> Registry:
    """Read the company registry CSV; a missing file gives an empty registry."""
    path = Path(path)
    if not path.exists():
        return Registry.empty()
    with path.open(encoding="utf-8", newline="") as fh:
        return Registry.from_rows(csv.DictReader(fh))
