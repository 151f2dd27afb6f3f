"""split_sentences: where business news breaks naive splitters, with exact offsets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.sentences import split_sentences


def sentences(text: str, lang: str, skip=None) -> list[str]:
    spans = split_sentences(text, lang, skip)
    assert_spans_are_sound(text, spans)
    return [text[s:e] for s, e in spans]


def assert_spans_are_sound(text: str, spans: list[tuple[int, int]], trimmed: bool = True) -> None:
    """Sorted, non-overlapping, inside the text, starting (and, if `trimmed`, ending) on a
    visible character."""
    last_end = 0
    for s, e in spans:
        assert 0 <= last_end <= s < e <= len(text), spans
        assert not text[s].isspace(), (s, e, text[s:e])
        if trimmed:
            assert not text[e - 1].isspace(), (s, e, text[s:e])
        last_end = e


WRAPPED_WIRE = (
    "NORTHWIND RAISES QUARTERLY DIVIDEND\n"
    "Northwind Corp said it raised its quarterly\n"
    "dividend to 25 cts a share from 20 cts, payable\n"
    "on April 1 to holders of record March 15.\n"
    "The company also said it expects further growth\n"
    "in the second quarter of the year.\n"
)

CASES = [
    pytest.param(
        "de",
        "Der Umsatz lag bei 5,2 Mrd. Euro, der Gewinn bei 410 Mio. Euro und damit über Plan. Gut.",
        [
            "Der Umsatz lag bei 5,2 Mrd. Euro, der Gewinn bei 410 Mio. Euro und damit über Plan.",
            "Gut.",
        ],
        id="de-mrd-mio-mid-sentence",
    ),
    pytest.param(
        "de",
        "Der Gewinn stieg um 8 bzw. 9 Prozent. Die Aktie fiel.",
        ["Der Gewinn stieg um 8 bzw. 9 Prozent.", "Die Aktie fiel."],
        id="de-bzw",
    ),
    pytest.param(
        "de",
        "Der Umsatz lag bei 5,2 Milliarden Euro. Die Aktie fiel.",
        ["Der Umsatz lag bei 5,2 Milliarden Euro.", "Die Aktie fiel."],
        id="de-sentence-ends-with-euro",
    ),
    pytest.param(
        "de",
        "Der Umsatz lag bei 5,2 Milliarden Dollar. Die Aktie fiel.",
        ["Der Umsatz lag bei 5,2 Milliarden Dollar.", "Die Aktie fiel."],
        id="de-sentence-ends-with-dollar",
    ),
    pytest.param(
        "de",
        "Im 4. Quartal stieg der Umsatz. Am 21. Februar 2025 legte SAP Zahlen vor. Das war gut.",
        [
            "Im 4. Quartal stieg der Umsatz.",
            "Am 21. Februar 2025 legte SAP Zahlen vor.",
            "Das war gut.",
        ],
        id="de-ordinals",
    ),
    pytest.param(
        "de",
        "Der Umsatz stieg um 72.5 Prozent. Die Marge lag bei 12,5 Prozent.",
        ["Der Umsatz stieg um 72.5 Prozent.", "Die Marge lag bei 12,5 Prozent."],
        id="de-decimals",
    ),
    pytest.param(
        "de",
        "Laut Dr. Müller stieg der Umsatz um ca. 5 Prozent, u.a. in China. Jack M. Ma schwieg.",
        [
            "Laut Dr. Müller stieg der Umsatz um ca. 5 Prozent, u.a. in China.",
            "Jack M. Ma schwieg.",
        ],
        id="de-titles-ca-ua-initials",
    ),
    pytest.param(
        "de",
        "Die Prognose steht. Ende 2024. Das ist gut.",
        ["Die Prognose steht.", "Ende 2024.", "Das ist gut."],
        id="de-year-before-full-stop-ends",
    ),
    pytest.param(
        "de",
        'Der Chef sagte: "Wir wachsen." Danach fiel die Aktie. Wächst der Umsatz? Ja! Gut.',
        [
            'Der Chef sagte: "Wir wachsen."',
            "Danach fiel die Aktie.",
            "Wächst der Umsatz?",
            "Ja!",
            "Gut.",
        ],
        id="de-quotes-question-exclamation",
    ),
    pytest.param(
        "de",
        "Alibaba setzt groß auf KI\nCEO Eddie Wu teilte mit, dass die Investitionen steigen.",
        ["Alibaba setzt groß auf KI", "CEO Eddie Wu teilte mit, dass die Investitionen steigen."],
        id="de-headline-on-its-own-line",
    ),
    pytest.param(
        "de",
        "Der Umsatz stieg\num 5 Prozent auf 3 Milliarden Dollar. Die Aktie fiel.",
        ["Der Umsatz stieg\num 5 Prozent auf 3 Milliarden Dollar.", "Die Aktie fiel."],
        id="de-line-break-inside-a-sentence",
    ),
    pytest.param(
        "en",
        "Apple Inc. said revenue rose. Shares of Microsoft Corp. fell. Mr. Smith agreed.",
        ["Apple Inc. said revenue rose.", "Shares of Microsoft Corp. fell.", "Mr. Smith agreed."],
        id="en-inc-corp-mr",
    ),
    pytest.param(
        "en",
        "The U.S. economy grew 2.5 percent in 2024. Shares rose.",
        ["The U.S. economy grew 2.5 percent in 2024.", "Shares rose."],
        id="en-us-and-decimal",
    ),
    pytest.param(
        "en",
        "Sales fell 2 pct. The company cut jobs.",
        ["Sales fell 2 pct.", "The company cut jobs."],
        id="en-sentence-ends-with-pct",
    ),
    pytest.param(
        "en",
        "Operating profit rose to EUR 6.2 mn from EUR 4.8 mn . Net sales fell to EUR 30.1 mn .",
        [
            "Operating profit rose to EUR 6.2 mn from EUR 4.8 mn .",
            "Net sales fell to EUR 30.1 mn .",
        ],
        id="en-tokenised",
    ),
    pytest.param(
        "en",
        WRAPPED_WIRE,
        [
            "NORTHWIND RAISES QUARTERLY DIVIDEND",
            "Northwind Corp said it raised its quarterly\ndividend to 25 cts a share from 20 cts,"
            " payable\non April 1 to holders of record March 15.",
            "The company also said it expects further growth\nin the second quarter of the year.",
        ],
        id="en-hard-wrapped-wire-with-headline",
    ),
    pytest.param(
        "en",
        "Revenue rose 4.5 percent to $3.2 billion.\nShares rose.\n\nAnalysts were pleased.",
        ["Revenue rose 4.5 percent to $3.2 billion.", "Shares rose.", "Analysts were pleased."],
        id="en-lines-and-paragraphs",
    ),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_split(lang: str, text: str, expected: list[str]) -> None:
    assert sentences(text, lang) == expected


def test_offsets_point_into_the_text() -> None:
    text = "  Der Umsatz stieg.   Die Aktie fiel.\n\n  Gut so.\nAus."
    spans = split_sentences(text, "de")
    assert spans == [(2, 19), (22, 37), (41, 48), (49, 53)]
    assert [text[s:e] for s, e in spans] == [
        "Der Umsatz stieg.",
        "Die Aktie fiel.",
        "Gut so.",
        "Aus.",
    ]


def test_trailing_white_space_is_not_part_of_the_last_sentence() -> None:
    text = "Der Umsatz stieg.  \nGut so.  "
    assert sentences(text, "de") == ["Der Umsatz stieg.", "Gut so."]


def test_skip_spans_leave_out_whole_lines() -> None:
    text = "Foto: dpa\nDer Umsatz stieg.\nHast du Aktien?"
    skip = [(0, 9), (28, 43)]
    assert text[28:43] == "Hast du Aktien?"
    assert sentences(text, "de", skip) == ["Der Umsatz stieg."]


def test_no_text_no_sentences() -> None:
    assert split_sentences("", "de") == []
    assert split_sentences(" \n\n\t ", "en") == []


def test_last_sentence_without_full_stop() -> None:
    assert sentences("Der Umsatz stieg. Die Aktie fiel", "de") == [
        "Der Umsatz stieg.",
        "Die Aktie fiel",
    ]


def test_wrapped_wire_sentences_keep_their_newlines() -> None:
    spans = split_sentences(WRAPPED_WIRE, "en")
    assert [WRAPPED_WIRE[s:e].count("\n") for s, e in spans] == [0, 2, 1]


_PIECES = st.sampled_from(
    [
        "Der Umsatz stieg um 5,2 Mrd. Euro",
        "Im 4. Quartal",
        "Apple Inc.",
        "the U.S.",
        "EUR 6.2 mn .",
        " ",
        "\n",
        "\n\n",
        ". ",
        "? ",
        "! ",
        '"Ja." ',
        "72.5",
        "Foto: dpa",
        "ÄÖÜ äöü ß",
        "NORTHWIND SAYS",
        "  ",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=25).map("".join), st.sampled_from(["de", "en"]))
def test_every_visible_character_lands_in_exactly_one_sentence(text: str, lang: str) -> None:
    spans = split_sentences(text, lang)
    assert_spans_are_sound(text, spans, trimmed=True)
    covered = sum(e - s - sum(c.isspace() for c in text[s:e]) for s, e in spans)
    assert covered == sum(not c.isspace() for c in text)
