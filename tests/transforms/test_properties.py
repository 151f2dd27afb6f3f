"""Properties that hold for any text: extraction never raises, offsets are exact, values
are finite and every field stays inside the contract's vocabularies."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transforms.documents import build_document
from transforms.extract import extract_facts, extract_quantities
from transforms.schema import (
    DIRECTIONS,
    KINDS,
    METRICS,
    QUALIFIERS,
    is_money,
    is_valid_unit,
)

# Pieces of business news, so that generated texts reach deep into the extractor
# instead of stopping at "no number here".
FRAGMENTS = [
    "Der Umsatz von SAP stieg um 8 Prozent auf 3,2 Milliarden Euro",
    "Die Aktie fiel am Freitag um 12,6 Prozent",
    "zwischen 21,6 und 21,9 Milliarden Euro",
    "dreimal so viel wie im Vorjahr",
    "verdoppelt",
    "Rmb72,5 Milliarden (10 Milliarden Euro)",
    "einen Verlust von 41 Millionen Euro",
    "im ersten Halbjahr 2024",
    "im 4. Quartal",
    "rund 320.000 Mitarbeiter",
    "über 3 Billionen Dollar",
    "um achtundzwanzig Prozent",
    "Die Cloud-Sparte",
    "Revenue rose 8 percent to $3.2 billion in the third quarter of 2023",
    "between $37 billion and $38 billion",
    "a net loss of $12.5 million",
    "EUR 6.2 mn .",
    "doubled",
    "three times as much",
    "more than 3 percent on Monday",
    "nearly 1.6 million people",
    "45.6 mln dlrs",
    "25 cts a share",
    "1.5 Prozentpunkte",
    "15 basis points",
    "Windows 11",
    "01.ai",
    "+49 89 636 12345",
    "Foto: dpa",
    "Hast du Aktien?",
    "2024",
    "-",
    "−5",
    "(",
    ")",
    ".",
    ",",
    ". ",
    "\n",
    "\n\n",
    " ",
    "und",
    "bis",
    "to",
    "von",
    "auf",
    "um",
    "zwischen",
    "€",
    "$",
    "%",
    "Mrd.",
    "Mio.",
    "bn",
    "Milliarden",
]

_PIECES = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=14)
TEXTS = st.one_of(
    _PIECES.map(" ".join),
    _PIECES.map("".join),
    _PIECES.map(". ".join),
    _PIECES.map("\n".join),
    st.text(
        alphabet=st.sampled_from(list("0123456789.,%$€ -–()\nMrdioEURbnkmProzentauf")),
        max_size=60,
    ),
    st.text(max_size=80),
)

SETTINGS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def _finite(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


@SETTINGS
@given(
    text=TEXTS,
    lang=st.sampled_from(["de", "en", None]),
    published=st.sampled_from([None, "2025-02-21"]),
)
def test_facts_respect_the_contract_for_any_text(text, lang, published, registry) -> None:
    doc = build_document(text, "t", language=lang, published=published)
    facts = extract_facts(doc, registry)
    for f in facts:
        assert doc.text[f.start : f.end] == f.surface, f
        assert f.doc_id == doc.doc_id
        assert f.language in ("de", "en")
        assert f.metric in METRICS, f
        assert f.kind in KINDS, f
        assert f.qualifier in QUALIFIERS, f
        assert f.direction is None or f.direction in DIRECTIONS, f
        assert is_valid_unit(f.unit), f
        assert _finite(f.value), f
        assert f.value_max is None or _finite(f.value_max), f
        assert (f.qualifier == "range") == (f.value_max is not None), f
        assert f.kind != "ratio" or f.unit == "x", f
        assert f.value_eur is None or _finite(f.value_eur), f
        assert f.value_eur is None or is_money(f.unit), f
        assert isinstance(f.is_forecast, bool)
        for alt in f.alt_values:
            assert _finite(alt["value"]) and is_valid_unit(alt["unit"]), f
        assert (f.period_start is None) == (f.period is None), f
        if f.period_start is not None:
            assert f.period_start <= f.period_end, f
        for span_start, span_end in doc.boilerplate:
            assert f.end <= span_start or f.start >= span_end, f


@SETTINGS
@given(text=TEXTS, lang=st.sampled_from(["de", "en"]))
def test_quantities_respect_the_contract_for_any_text(text, lang) -> None:
    doc = build_document(text, "t", language=lang)
    quantities = extract_quantities(doc)
    for q in quantities:
        assert doc.text[q.start : q.end] == q.surface, q
        assert q.surface.strip() == q.surface and q.surface, q
        assert is_valid_unit(q.unit), q
        assert q.qualifier in QUALIFIERS, q
        assert _finite(q.value), q
        assert q.value_max is None or _finite(q.value_max), q
    spans = sorted((q.start, q.end) for q in quantities)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False)), spans


@SETTINGS
@given(text=TEXTS)
def test_extraction_is_deterministic(text, registry) -> None:
    doc = build_document(text, "t", language="de", published="2025-02-21")
    first = [f.to_dict() for f in extract_facts(doc, registry)]
    second = [f.to_dict() for f in extract_facts(doc, registry)]
    assert first == second
