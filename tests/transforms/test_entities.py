"""Company mentions and their canonical names."""

from __future__ import annotations

import pytest

from transforms.entities import Registry, canonical_company, find_mentions


@pytest.mark.parametrize(
    ("written", "lang", "canonical"),
    [
        ("Zalando SE", "de", "Zalando"),
        ("Zalando", "de", "Zalando"),
        ("Müller Logistik AG", "de", "Müller Logistik"),
        ("Northwind Corp.", "en", "Northwind"),
        ("Fabrikam Oyj", "en", "Fabrikam"),
        ("Contoso's", "en", "Contoso"),
    ],
)
def test_legal_suffixes_and_possessives_are_dropped(written, lang, canonical):
    assert canonical_company(written, lang) == canonical


def test_registry_aliases_map_to_the_canonical_name(registry):
    text = "Die Alibaba-Gruppe und BABA meldeten, der Alibaba-Konzern investiert."
    names = {m.name for m in find_mentions(text, 0, len(text), "de", registry)}
    assert names == {"Alibaba"}


def test_registry_names_match_only_as_written_or_in_capitals():
    registry = Registry.from_rows(
        [{"canonical_name": "Alphabet", "aliases": "Google", "fiscal_year_end_month": "12"}]
    )
    text = "Kinder lernen das alphabet, Google wächst."
    found = find_mentions(text, 0, len(text), "de", registry)
    assert [m.name for m in found if m.strong] == ["Alphabet"]


@pytest.mark.parametrize(
    ("text", "lang", "weak"),
    [
        ("Nordwind steigerte den Umsatz um 8 Prozent.", "de", ["Nordwind"]),
        ("Der Umsatz von Nordwind stieg um 8 Prozent.", "de", ["Nordwind"]),
        ("Der Umsatz von Rechenzentren stieg, bei Finanzierung ebenso.", "de", []),
        ("Der Umsatz stieg um 8 Prozent.", "de", []),
        ("Fabrikam reported revenue of $2 billion.", "en", ["Fabrikam"]),
        ("Revenue rose 5 percent.", "en", []),
    ],
)
def test_unknown_names_count_weakly(text, lang, weak):
    """An unknown word opening a sentence, or after "von"/"bei", may be the company: a
    weak mention, used only when nothing surer names one."""
    found = find_mentions(text, 0, len(text), lang, None, frozenset({0}))
    assert [m.name for m in found if not m.strong] == weak


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Der Autobauer Porsche meldete am Mittwoch Zahlen.", "de", "Porsche"),
        ("Der Konzern Mittwochabend", "de", None),
        ("USAIR GROUP <U> SEES PROFIT\nUSAir Group Inc said", "en", "USAir"),
        ("Net sales rose to EUR193 .3 m.", "en", None),
    ],
)
def test_unknown_companies_by_general_cues(text, lang, expected):
    strong = [m.name for m in find_mentions(text, 0, len(text), lang) if m.strong]
    assert (strong[0] if strong else None) == expected


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Der Leverkusener Konzern verdiente mehr.", []),
        ("Der Autobauer Daimler verdiente mehr.", ["Daimler"]),
        ("Die Nordwinder AG verdiente mehr.", ["Nordwinder"]),
    ],
)
def test_a_towns_adjective_before_konzern_names_no_company(text, names):
    found = find_mentions(text, 0, len(text), "de", None, frozenset({0}))
    assert [m.name for m in found if m.strong] == names
