"""Per-language word lists (de.toml, en.toml) and the small patterns built from them.

The data files hold words only; every regular expression is assembled here, once per
language and process, so each pattern stays small, named and testable on its own.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

LANGUAGES = ("de", "en")


@cache
def load_lexicon_data(lang: str) -> dict[str, Any]:
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; expected one of {LANGUAGES}")
    text = resources.files(__package__).joinpath(f"{lang}.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def trie_alternation(words, space: str = r"\ ") -> str:
    """Regex source for any of `words`, factored by common prefixes ("t(?:en|hree|wo)").

    It matches what a longest-first alternation matches ("mehr als" before "mehr": each
    optional tail is greedy), but the engine compares each character once instead of
    trying every word in turn, which matters for lists of hundreds of cues and names.
    """
    trie: dict = {}
    for word in {w for w in words if w}:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [
            (space if ch == " " else re.escape(ch)) + build(node[ch]) for ch in sorted(node) if ch
        ]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        body = "(?:" + "|".join(branches) + ")"
        return body + "?" if "" in node else body

    return build(trie)


def alternation(words: list[str] | set[str] | tuple[str, ...]) -> str:
    """Any of the words; a longer word wins over its prefix ("mehr als" over "mehr")."""
    return trie_alternation(words)


def phrase_alternation(words: list[str] | set[str] | tuple[str, ...]) -> str:
    """Like `alternation`, but a space matches any white space: wire copy wraps anywhere.

    Look matches up with `phrase_key`, which folds the white space back.
    """
    return trie_alternation(words, space=r"\s+")


def phrase_key(matched: str) -> str:
    return " ".join(matched.lower().split())


def word_pattern(words: Any, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """Match any of the words as whole words (letters may not touch either side)."""
    return re.compile(rf"(?<![\w-])({phrase_alternation(list(words))})(?![\w])", flags)


@dataclass(frozen=True)
class Lexicon:
    lang: str
    data: dict[str, Any]

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    @property
    def locale(self) -> str:
        return self.data["meta"]["locale"]

    @property
    def other_locale(self) -> str:
        return self.data["meta"]["other_locale"]

    def words(self, section: str, key: str = "words") -> list[str]:
        return list(self.data[section][key])

    def mapping(self, section: str) -> dict[str, Any]:
        return dict(self.data[section])


@cache
def get_lexicon(lang: str) -> Lexicon:
    return Lexicon(lang, load_lexicon_data(lang))
