"""Reading inputs: discovery, sidecar metadata, JSONL corpora, rejections, doc ids,
language detection and boilerplate spans."""

from __future__ import annotations

import json
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from transforms.boilerplate import find_boilerplate
from transforms.documents import (
    Rejected,
    batched,
    build_document,
    discover_inputs,
    make_doc_id,
    read_input,
    read_inputs,
)
from transforms.language import detect_language
from transforms.schema import Document

TEXT_DE = "Der Umsatz von SAP stieg im Jahr 2024 um 10 Prozent auf 34,2 Milliarden Euro.\n"
TEXT_EN = "Revenue at Tesla rose 2 percent in 2024, the company said on Wednesday.\n"


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def read_all(path: Path | str) -> list[Document | Rejected]:
    return list(read_input(str(path)))


def one_document(path: Path | str) -> Document:
    (doc,) = read_all(path)
    assert isinstance(doc, Document), doc
    return doc


# --- discovery --------------------------------------------------------------------------


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    write(tmp_path / "b.txt", TEXT_DE)
    write(tmp_path / "a.txt", TEXT_DE)
    write(tmp_path / "a.txt.meta.toml", 'language = "de"\n')
    write(tmp_path / "sub" / "deeper" / "c.text", TEXT_EN)
    write(tmp_path / "sub" / "corpus.jsonl", '{"id": 1, "text": "x"}\n')
    write(tmp_path / "sub" / "notes.csv", "a,b\n")
    write(tmp_path / "sub" / "README.md", "# not an input\n")
    write(tmp_path / ".hidden" / "d.txt", TEXT_DE)
    write(tmp_path / "sub" / ".e.txt", TEXT_DE)
    return tmp_path


def test_discover_a_folder_recursively(tree: Path) -> None:
    found = [Path(p).relative_to(tree).as_posix() for p in discover_inputs([tree])]
    assert found == ["a.txt", "b.txt", "sub/corpus.jsonl", "sub/deeper/c.text"]


def test_discover_a_glob(tree: Path) -> None:
    found = discover_inputs([str(tree / "**" / "*.t*")])
    assert [Path(p).relative_to(tree).as_posix() for p in found] == [
        "a.txt",
        "b.txt",
        "sub/deeper/c.text",
    ]


def test_discover_a_glob_that_matches_nothing_yields_nothing(tree: Path) -> None:
    assert discover_inputs([str(tree / "*.pdf")]) == []


def test_discover_keeps_a_missing_path_so_it_can_be_rejected(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.txt")
    assert discover_inputs([missing]) == [missing]
    (rejected,) = read_all(missing)
    assert isinstance(rejected, Rejected)
    assert rejected.reason == "read.not_found"
    assert rejected.source == missing


def test_discover_lists_each_file_once(tree: Path) -> None:
    a = str(tree / "a.txt")
    found = discover_inputs([a, tree, a])
    assert found.count(a) == 1
    assert found[0] == a


def test_discover_takes_an_explicit_file_of_any_name(tree: Path) -> None:
    readme = str(tree / "sub" / "README.md")
    assert discover_inputs([readme]) == [readme]


def test_read_inputs_accounts_for_every_input(tree: Path) -> None:
    paths = discover_inputs([tree, tree / "gone.txt"])
    results = list(read_inputs(paths))
    docs = [r for r in results if isinstance(r, Document)]
    rejected = [r for r in results if isinstance(r, Rejected)]
    assert len(docs) == 4  # a, b, c and the corpus line
    assert [r.reason for r in rejected] == ["read.not_found"]


# --- text files and sidecars ------------------------------------------------------------


def test_sidecar_metadata(tmp_path: Path) -> None:
    path = write(tmp_path / "x.txt", TEXT_EN)
    write(
        tmp_path / "x.txt.meta.toml",
        'language = "en"\npublished = 2025-02-21\ntitle = "Tesla"\nfeed = "wire"\nrank = 3\n',
    )
    doc = one_document(path)
    assert doc.language == "en"
    assert doc.published == "2025-02-21"
    assert doc.title == "Tesla"
    assert doc.metadata == {"feed": "wire", "rank": 3}
    assert doc.source == str(path)
    assert doc.text == TEXT_EN


def test_sidecar_language_overrides_detection(tmp_path: Path) -> None:
    path = write(tmp_path / "x.txt", TEXT_DE)
    write(tmp_path / "x.txt.meta.toml", 'language = "en"\n')
    assert one_document(path).language == "en"


def test_sidecar_published_as_datetime_keeps_the_date(tmp_path: Path) -> None:
    path = write(tmp_path / "x.txt", TEXT_DE)
    write(tmp_path / "x.txt.meta.toml", "published = 2025-02-21T08:30:00\n")
    assert one_document(path).published == "2025-02-21"


def test_no_sidecar_means_detected_language_and_no_date(tmp_path: Path) -> None:
    doc = one_document(write(tmp_path / "x.txt", TEXT_DE))
    assert doc.language == "de"
    assert doc.published is None and doc.title is None and doc.metadata == {}


def test_sidecar_with_bad_toml_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path / "x.txt", TEXT_DE)
    write(tmp_path / "x.txt.meta.toml", "published = = 2025\n")
    (rejected,) = read_all(path)
    assert isinstance(rejected, Rejected)
    assert rejected.reason.startswith("read.bad_metadata")


def test_non_utf8_bytes_are_rejected(tmp_path: Path) -> None:
    path = write(tmp_path / "x.txt", "Umsatz für 2024 stieg.".encode("latin-1"))
    (rejected,) = read_all(path)
    assert isinstance(rejected, Rejected)
    assert rejected.reason.startswith("read.not_utf8")
    assert rejected.source == str(path)


def test_utf8_bom_is_not_part_of_the_text(tmp_path: Path) -> None:
    path = write(tmp_path / "x.txt", b"\xef\xbb\xbf" + TEXT_DE.encode("utf-8"))
    doc = one_document(path)
    assert doc.text == TEXT_DE
    assert doc.doc_id == make_doc_id(TEXT_DE)


def test_crlf_file_is_read_as_lf(tmp_path: Path) -> None:
    path = write(tmp_path / "x.txt", TEXT_DE.replace("\n", "\r\n").encode("utf-8"))
    doc = one_document(path)
    assert "\r" not in doc.text
    assert doc.doc_id == make_doc_id(TEXT_DE)


# --- JSONL corpora ----------------------------------------------------------------------


def test_jsonl_corpus(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a1", "text": TEXT_DE, "published": "2025-02-21", "lang": "de"}),
        "",
        "{not json",
        json.dumps({"id": "a3", "title": "no text here"}),
        json.dumps({"id": "a4", "text": TEXT_EN, "title": "Tesla", "source": "wire", "x": 1}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "a6", "text": 42}),
    ]
    path = write(tmp_path / "corpus.jsonl", "\n".join(lines) + "\n")
    results = read_all(path)
    kinds = [type(r).__name__ for r in results]
    assert kinds == ["Document", "Rejected", "Rejected", "Document", "Rejected", "Rejected"]
    first, bad, no_text, fourth, a_list, not_str = results
    assert first.language == "de" and first.published == "2025-02-21"
    assert first.metadata == {"corpus_id": "a1"}
    assert first.source == f"{path}:1"
    assert bad.source == f"{path}:3" and bad.reason.startswith("read.bad_json_line")
    assert bad.payload == "{not json\n"
    assert no_text.source == f"{path}:4" and no_text.reason == "read.no_text_field"
    assert fourth.title == "Tesla" and fourth.source == "wire" and fourth.language == "en"
    assert fourth.metadata == {"x": 1, "corpus_id": "a4"}
    assert a_list.reason == "read.no_text_field" and not_str.reason == "read.no_text_field"


def test_jsonl_line_with_bad_utf8_is_rejected_with_its_line_number(tmp_path: Path) -> None:
    good = json.dumps({"id": 1, "text": TEXT_DE}).encode("utf-8")
    path = write(tmp_path / "c.jsonl", good + b"\n" + b'{"id": 2, "text": "f\xfcr"}\n')
    first, second = read_all(path)
    assert isinstance(first, Document)
    assert isinstance(second, Rejected) and second.source == f"{path}:2"


def test_jsonl_reuters_date_becomes_published(tmp_path: Path) -> None:
    line = json.dumps({"id": 7, "text": TEXT_EN, "date": "26-FEB-1987 15:17:11.20"})
    doc = one_document(write(tmp_path / "r.jsonl", line + "\n"))
    assert doc.published == "1987-02-26"


def test_jsonl_same_text_twice_gives_the_same_doc_id(tmp_path: Path) -> None:
    lines = [json.dumps({"id": i, "text": TEXT_DE}) for i in (1, 2)]
    a, b = read_all(write(tmp_path / "c.jsonl", "\n".join(lines)))
    assert a.doc_id == b.doc_id


# --- doc ids and normalisation ----------------------------------------------------------


def test_doc_id_is_pinned() -> None:
    """Stable on every machine and across releases: warehouse rows are keyed by it."""
    assert make_doc_id("Der Umsatz stieg.") == make_doc_id("Der Umsatz stieg.")
    assert make_doc_id("Der Umsatz stieg.") == "3a136ba694f37ef99f10"
    assert len(make_doc_id("")) == 20


def test_doc_id_is_equal_for_crlf_cr_and_lf() -> None:
    lf = "Zeile eins.\nZeile zwei.\n"
    assert (
        make_doc_id(lf)
        == make_doc_id(lf.replace("\n", "\r\n"))
        == make_doc_id(lf.replace("\n", "\r"))
    )


def test_doc_id_is_equal_for_nfc_and_nfd() -> None:
    text = "Börsenwert über 3 Billionen"
    assert make_doc_id(unicodedata.normalize("NFD", text)) == make_doc_id(text)


def test_doc_id_differs_for_different_text() -> None:
    assert make_doc_id("Umsatz 5") != make_doc_id("Umsatz 6")


def test_build_document_normalises_the_text_it_keeps() -> None:
    raw = unicodedata.normalize("NFD", "Für 2024:\r\nUmsatz stieg.")
    doc = build_document(raw, "t", published=date(2025, 2, 21))
    assert doc.text == "Für 2024:\nUmsatz stieg."
    assert doc.doc_id == make_doc_id(raw)
    assert doc.published == "2025-02-21"
    assert doc.source == "t"


def test_build_document_ignores_an_unknown_language() -> None:
    assert build_document(TEXT_DE, "t", language="fr").language == "de"
    assert build_document(TEXT_EN, "t", language="xx").language == "en"


def test_batched() -> None:
    assert list(batched(range(5), 2)) == [[0, 1], [2, 3], [4]]
    assert list(batched([], 3)) == []


# --- language detection -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (TEXT_DE, "de"),
        (TEXT_EN, "en"),
        ("Die Aktie fiel.", "de"),
        ("The stock fell.", "en"),
        ("Börsenwert: 3 Billionen", "de"),
        ("", "de"),
        ("12,5 % | 3.200", "de"),
    ],
)
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_detect_language_default_is_used_without_evidence() -> None:
    assert detect_language("12345", default="en") == "en"


# --- boilerplate ------------------------------------------------------------------------


def boilerplate(text: str, lang: str) -> list[str]:
    spans = find_boilerplate(text, lang)
    for s, e in spans:
        assert 0 <= s < e <= len(text)
    return [text[s:e] for s, e in spans]


BOILERPLATE_CASES = [
    pytest.param(
        "de",
        "Foto: dpa/Sven Hoppe\nDer Umsatz von BMW sank.\nWie siehst du die BMW-Aktie?",
        ["Foto: dpa/Sven Hoppe", "Wie siehst du die BMW-Aktie?"],
        id="de-credit-and-reader-question",
    ),
    pytest.param(
        "de",
        "Bildquelle: Getty Images\nDer Umsatz stieg.\nWas bedeutet das für die Branche?",
        ["Bildquelle: Getty Images"],
        id="de-trailing-question-not-to-the-reader-stays",
    ),
    pytest.param(
        "de",
        "Der Umsatz stieg.\nWas halten Sie von der Aktie?",
        ["Was halten Sie von der Aktie?"],
        id="de-polite-reader-question",
    ),
    pytest.param(
        "de",
        "Der Umsatz stieg.\nLesen Sie auch: Die Zahlen von SAP",
        ["Lesen Sie auch: Die Zahlen von SAP"],
        id="de-read-more-trailer",
    ),
    pytest.param(
        "de",
        "Der Umsatz stieg. Foto: dpa",
        [],
        id="de-credit-inside-a-line-is-text",
    ),
    pytest.param(
        "de",
        "Der Chef sagte: Foto: nein.\nDer Umsatz stieg.",
        [],
        id="de-no-credit-not-at-the-start",
    ),
    pytest.param(
        "de",
        "Der Umsatz von SAP stieg.\nWerden sie die Prognose für 2025 halten?",
        [],
        id="de-lowercase-sie-means-they",
    ),
    pytest.param(
        "de",
        "Die Deutsche Bank meldete Zahlen.\nKann die Bank ihr Renditeziel halten?",
        [],
        id="de-possessive-ihr-means-her",
    ),
    pytest.param(
        "en",
        "Photo: Reuters/Dado Ruvic\nTesla's revenue rose 2 percent.\nWhat do you think?",
        ["Photo: Reuters/Dado Ruvic", "What do you think?"],
        id="en-credit-and-reader-question",
    ),
    pytest.param(
        "en",
        "Tesla's revenue rose 2 percent.\nCan the carmaker keep its margin?",
        [],
        id="en-trailing-question-not-to-the-reader-stays",
    ),
    pytest.param(
        "en",
        "Tesla's revenue rose.\nRead more: Nvidia results",
        ["Read more: Nvidia results"],
        id="en-read-more-trailer",
    ),
    pytest.param(
        "en",
        "Revenue rose.\nYou can find the report here.",
        [],
        id="en-trailing-statement-with-you-stays",
    ),
]


@pytest.mark.parametrize(("lang", "text", "expected"), BOILERPLATE_CASES)
def test_boilerplate(lang: str, text: str, expected: list[str]) -> None:
    assert boilerplate(text, lang) == expected


def test_boilerplate_spans_are_kept_in_the_document(tmp_path: Path) -> None:
    text = "Foto: dpa\nDer Umsatz stieg um 5 Prozent.\nWas meinst du?"
    doc = one_document(write(tmp_path / "x.txt", text))
    assert doc.text == text
    assert [doc.text[s:e] for s, e in doc.boilerplate] == ["Foto: dpa", "Was meinst du?"]


def test_document_without_boilerplate_has_none() -> None:
    assert build_document(TEXT_DE, "t").boilerplate == []
