"""find_quantities and the number readers behind it.

The case tables (cases/quantities_de.yaml, cases/quantities_en.yaml) list texts with
every quantity they hold; a case marked `xfail` is a known failure and must keep
failing (xfail_strict) until it is fixed. The property tests throw arbitrary and
number-laden text at the recogniser.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.numbers import parse_digits, parse_number, parse_number_words
from transforms.quantities import find_quantities

CASES = Path(__file__).parent / "cases"
SEED = Path(__file__).parents[2] / "seeds" / "000_afe427c5a2169e78.txt"
CASE_KEYS = {"name", "text", "expect", "xfail"}
EXPECT_KEYS = {"surface", "value", "unit", "qualifier", "value_max"}


def _load_cases() -> list:
    params = []
    for lang in ("de", "en"):
        cases = yaml.safe_load((CASES / f"quantities_{lang}.yaml").read_text(encoding="utf-8"))
        for case in cases:
            marks = (
                [pytest.mark.xfail(reason=case["xfail"], strict=True)] if "xfail" in case else []
            )
            params.append(pytest.param(lang, case, id=f"{lang}-{case['name']}", marks=marks))
    return params


def _close(got: float | None, want: float | None) -> bool:
    if want is None or got is None:
        return got is None and want is None
    return math.isclose(got, float(want), rel_tol=1e-9, abs_tol=1e-9)


@pytest.mark.parametrize(("lang", "case"), _load_cases())
def test_case(lang: str, case: dict) -> None:
    assert set(case) <= CASE_KEYS, f"unknown keys {set(case) - CASE_KEYS}"
    text = case["text"]
    got = find_quantities(text, lang)
    found = [(q.surface, q.value, q.unit, q.qualifier, q.value_max) for q in got]
    expect = case["expect"] or []
    assert len(got) == len(expect), f"{text!r}\n got {found}"
    for q, want in zip(got, expect, strict=True):
        assert set(want) <= EXPECT_KEYS, f"unknown keys {set(want) - EXPECT_KEYS}"
        assert text[q.start : q.end] == q.surface
        assert q.surface == want["surface"], f"{text!r}\n got {found}"
        assert _close(q.value, want["value"]), f"{text!r}\n got {found}"
        assert q.unit == want["unit"], f"{text!r}\n got {found}"
        assert q.qualifier == want.get("qualifier", "eq"), f"{text!r}\n got {found}"
        assert _close(q.value_max, want.get("value_max")), f"{text!r}\n got {found}"


def test_case_names_are_unique() -> None:
    for lang in ("de", "en"):
        cases = yaml.safe_load((CASES / f"quantities_{lang}.yaml").read_text(encoding="utf-8"))
        names = [c["name"] for c in cases]
        assert len(names) == len(set(names)), f"{lang}: duplicate case names"


# The seed article: exactly these quantities, and nothing from "01.ai", "2020",
# "drei Jahren" or "einem Jahr".
SEED_QUANTITIES = [
    ("12,6 Prozent", 12.6, "percent", "eq"),
    ("über 60 Prozent", 60, "percent", "gt"),
    ("Rmb72,5 Milliarden", 72.5e9, "CNY", "eq"),
    ("10 Milliarden Euro", 10e9, "EUR", "eq"),
    ("dreimal so viel", 3, "x", "eq"),
    ("acht Prozent", 8, "percent", "eq"),
    ("Rmb280 Milliarden", 280e9, "CNY", "eq"),
    ("13 Prozent", 13, "percent", "eq"),
    ("Rmb31,7 Milliarden", 31.7e9, "CNY", "eq"),
    ("mehr als neun Prozent", 9, "percent", "gt"),
    ("mehr als 50 Prozent", 50, "percent", "gt"),
    ("32 Prozent", 32, "percent", "eq"),
    ("Rmb37,8 Milliarden", 37.8e9, "CNY", "eq"),
    ("fünf Prozent", 5, "percent", "eq"),
    ("Rmb136 Milliarden", 136e9, "CNY", "eq"),
]


def test_seed_article_quantities() -> None:
    text = SEED.read_text(encoding="utf-8")
    got = [(q.surface, q.value, q.unit, q.qualifier) for q in find_quantities(text, "de")]
    assert len(got) == len(SEED_QUANTITIES), got
    for (surface, value, unit, qualifier), want in zip(got, SEED_QUANTITIES, strict=True):
        assert (surface, unit, qualifier) == (want[0], want[2], want[3])
        assert math.isclose(value, want[1], rel_tol=1e-9)


def test_offsets_point_into_the_whole_text_when_a_span_is_given() -> None:
    text = "Vorwort. Der Umsatz stieg um 8 Prozent. Nachwort mit 5 Prozent."
    start = text.index("Der")
    end = text.index("Nachwort")
    (q,) = find_quantities(text, "de", start, end)
    assert (q.surface, text[q.start : q.end]) == ("8 Prozent", "8 Prozent")


@pytest.mark.parametrize(
    ("surface", "lang", "value"),
    [
        ("72,5", "de", 72.5),
        ("72.5", "de", 72.5),  # the other notation, when no group of three follows
        ("94.000", "de", 94000),
        ("1.234,5", "de", 1234.5),
        ("1.000.000,00", "de", 1e6),
        ("0.500", "de", 0.5),
        ("12 500", "de", 12500),
        ("1,015", "de", 1.015),
        ("94,000", "en", 94000),
        ("1,015", "en", 1015),
        ("72,5", "en", 72.5),
        ("12,34,567.89", "en", 1234567.89),
        ("193 .3", "en", 193.3),
        ("0033", "de", 33),
        (",77", "de", 0.77),
        ("12.03.2024", "de", None),
        ("1,2,3", "en", None),
    ],
)
def test_parse_digits(surface: str, lang: str, value: float | None) -> None:
    assert _close(parse_digits(surface, lang), value)


@pytest.mark.parametrize(
    ("surface", "lang", "value"),
    [
        ("achtundsiebzig", "de", 78),
        ("zweihundertfünfzig", "de", 250),
        ("achtzehnhundertzweiundfünfzig", "de", 1852),
        ("siebenhunderteinundzwanzigtausendundzwölf", "de", 721012),
        ("zweieinhalb", "de", 2.5),
        ("dreiviertel", "de", 0.75),
        ("einunddreißig Millionen zweihunderttausend", "de", 31.2e6),
        ("tausendvierhundertsechzehn Komma fünfzehn", "de", 1416.15),
        ("forty-five", "en", 45),
        ("two hundred and fifty", "en", 250),
        ("a quarter", "en", 0.25),
        ("three quarters", "en", 0.75),
        ("two and a half", "en", 2.5),
        ("one and one", "en", None),
        ("zwei drei", "de", None),
        ("Millionen", "de", None),
        ("und", "de", None),
    ],
)
def test_parse_number_words(surface: str, lang: str, value: float | None) -> None:
    assert _close(parse_number_words(surface, lang), value)


@pytest.mark.parametrize(
    ("surface", "value"),
    [
        ("5 tausend", 5000),
        ("1,2M", 1.2e6),
        ("100k", 1e5),
        ("drei Millionen", 3e6),
        ("1 komma 1", 1.1),
    ],
)
def test_parse_number_with_scale(surface: str, value: float) -> None:
    assert _close(parse_number(surface, "de"), value)


# --- properties ----------------------------------------------------------------------

FRAGMENTS = [
    "12,6",
    "1.234,5",
    "94,000",
    "193 .3",
    "6 . 2",
    "12 500",
    "2024",
    "01.ai",
    "-",
    "−",
    "Prozent",
    "%",
    "pct",
    "per cent",
    "Prozentpunkte",
    "basis points",
    "Mrd.",
    "Mio.",
    "m",
    "bn",
    "k",
    "Millionen",
    "billion",
    "lakh",
    "Euro",
    "EUR",
    "$",
    "c $",
    "Rmb",
    "MUSD",
    "dlrs",
    "Cent",
    "cents",
    "und",
    "and",
    "bis",
    "to",
    "from",
    "vs",
    "zwischen",
    "between",
    "über",
    "more than",
    "minus",
    "a",
    "eine",
    "halbe",
    "half",
    "quarter",
    "drei",
    "twenty-five",
    "achtundsiebzig",
    "fach",
    "-fold",
    "mal so viel",
    "times as much",
    "verdoppelt",
    "Mitarbeiter",
    "vehicles",
    "(",
    ")",
    ".",
    ",",
    " ",
    "\n",
    "İ",
    "ß",
    "Windows 11",
    "Covid-19",
    "9" * 400,
]
number_ish = st.lists(st.sampled_from(FRAGMENTS), max_size=25).map(" ".join)
glued = st.lists(st.sampled_from(FRAGMENTS), max_size=25).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.text(max_size=200), number_ish, glued), lang=st.sampled_from(["de", "en"]))
def test_quantities_hold_their_promises_for_any_text(text: str, lang: str) -> None:
    quantities = find_quantities(text, lang)
    last_end = 0
    for q in quantities:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.surface
        assert math.isfinite(q.value)
        assert q.value_max is None or math.isfinite(q.value_max)
        assert q.start >= last_end, "quantities overlap or are not sorted"
        last_end = q.end


@settings(max_examples=150, deadline=None)
@given(text=number_ish, lang=st.sampled_from(["de", "en"]), data=st.data())
def test_a_span_yields_quantities_inside_it(text: str, lang: str, data) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    for q in find_quantities(text, lang, start, end):
        assert start <= q.start < q.end <= end
        assert text[q.start : q.end] == q.surface
