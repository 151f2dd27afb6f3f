"""find_periods (mentions and labels, relative to the publication date) and period_bounds."""

from __future__ import annotations

import pytest

from transforms.periods import find_periods, period_bounds

FRIDAY = "2025-02-21"  # the seed's publication date, a Friday


def labels(text: str, lang: str, published: str | None = None) -> list[tuple[str, str | None]]:
    """(surface, label) of every mention, checking that offsets point into the text."""
    found = find_periods(text, 0, len(text), lang, published)
    for p in found:
        assert 0 <= p.start < p.end <= len(text)
    return [(text[p.start : p.end], p.label) for p in found]


def only(text: str, lang: str, published: str | None = None):
    found = find_periods(text, 0, len(text), lang, published)
    assert len(found) == 1, found
    return found[0]


def xfail(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


FIND_CASES = [
    # a month without a year: the latest such month up to publication
    ("de", "Im Oktober sank der Absatz.", "2024-11-01", [("Oktober", "2024-10")]),
    ("de", "im Dezember", "2025-01-02", [("Dezember", "2024-12")]),
    ("de", "Nio lieferte im Dezember 31.138 Autos aus.", "2025-01-02", [("Dezember", "2024-12")]),
    ("en", "Sales rose in March.", "2025-03-20", [("March", "2025-03")]),
    ("de", "im Oktober", None, []),  # no date to count back from
    ("de", "von Oktober bis Dezember", "2025-01-10", [("Oktober bis Dezember", "2024-Q4")]),
    # a fiscal year named by the month it ends in
    (
        "en",
        "for the fiscal year ending March 2025",
        None,
        [("fiscal year ending March 2025", "FY2025")],
    ),
    (
        "de",
        "im Geschäftsjahr bis Ende März 2025",
        None,
        [("Geschäftsjahr bis Ende März 2025", "FY2025")],
    ),
    ("de", "im Schlussquartal 2024", None, [("Schlussquartal 2024", "2024-Q4")]),
    # explicit periods
    ("de", "Im Jahr 2024 stieg der Umsatz.", None, [("2024", "2024")]),
    ("de", "im vierten Quartal 2024", None, [("vierten Quartal 2024", "2024-Q4")]),
    ("de", "im 4. Quartal 2024", None, [("4. Quartal 2024", "2024-Q4")]),
    ("de", "im letzten Quartal 2024", None, [("letzten Quartal 2024", "2024-Q4")]),
    ("de", "im ersten Halbjahr 2024", None, [("ersten Halbjahr 2024", "2024-H1")]),
    ("de", "in der zweiten Jahreshälfte 2023", None, [("zweiten Jahreshälfte 2023", "2023-H2")]),
    ("de", "im März 2024", None, [("März 2024", "2024-03")]),
    ("de", "am 21. Februar 2025", None, [("21. Februar 2025", "2025-02-21")]),
    ("de", "im Geschäftsjahr 2025", None, [("Geschäftsjahr 2025", "FY2025")]),
    ("de", "im Geschäftsjahr 2024/25", None, [("Geschäftsjahr 2024/25", "FY2025")]),
    ("de", "Umsatz im Q3 2024", None, [("Q3 2024", "2024-Q3")]),
    ("de", "Umsatz im Q3/24", None, [("Q3/24", "2024-Q3")]),
    ("en", "in the third quarter of 2023", None, [("third quarter of 2023", "2023-Q3")]),
    ("en", "in the first half of 2024", None, [("first half of 2024", "2024-H1")]),
    ("en", "in March 2024", None, [("March 2024", "2024-03")]),
    ("en", "in fiscal 2025", None, [("fiscal 2025", "FY2025")]),
    ("en", "in FY25", None, [("FY25", "FY2025")]),
    ("en", "in fiscal year 2025", None, [("fiscal year 2025", "FY2025")]),
    ("en", "the 2024Q3 figures", None, [("2024Q3", "2024-Q3")]),
    # relative to the publication date
    ("de", "im letzten Quartal", FRIDAY, [("letzten Quartal", "2024-Q4")]),
    ("de", "im dritten Quartal", FRIDAY, [("dritten Quartal", "2024-Q3")]),
    ("de", "am Freitag", FRIDAY, [("Freitag", "2025-02-21")]),
    ("de", "am Freitag", "2025-02-22", [("Freitag", "2025-02-21")]),
    ("de", "am Montag", FRIDAY, [("Montag", "2025-02-17")]),
    ("de", "am 21. Februar", "2025-03-01", [("21. Februar", "2025-02-21")]),
    ("de", "seit Jahresbeginn", FRIDAY, [("seit Jahresbeginn", "2025-YTD")]),
    ("de", "im Vorjahr", FRIDAY, [("im Vorjahr", "2024")]),
    ("de", "im laufenden Jahr", FRIDAY, [("im laufenden Jahr", "2025")]),
    ("de", "im kommenden Jahr", FRIDAY, [("im kommenden Jahr", "2026")]),
    ("de", "gestern", FRIDAY, [("gestern", "2025-02-20")]),
    ("de", "heute", FRIDAY, [("heute", "2025-02-21")]),
    ("en", "in the fourth quarter", FRIDAY, [("fourth quarter", "2024-Q4")]),
    ("en", "last year", FRIDAY, [("last year", "2024")]),
    ("en", "so far this year", FRIDAY, [("so far this year", "2025-YTD")]),
    ("en", "year to date", FRIDAY, [("year to date", "2025-YTD")]),
    ("en", "yesterday", FRIDAY, [("yesterday", "2025-02-20")]),
    ("en", "on Friday", FRIDAY, [("Friday", "2025-02-21")]),
    # nothing invented without a publication date
    ("de", "am Freitag", None, [("Freitag", None)]),
    ("de", "im Vorjahr", None, [("im Vorjahr", None)]),
    ("en", "last year", None, [("last year", None)]),
    # not periods
    ("de", "um 2024 Prozent", None, []),
    ("de", "2.024,5 Euro", None, []),
    ("de", "in den kommenden drei Jahren", None, []),
    pytest.param(
        "de",
        "im Jahr 2024, so der Vorstand",
        None,
        [("2024", "2024")],
    ),
    pytest.param(
        "en",
        "in 2024, while costs rose",
        None,
        [("2024", "2024")],
    ),
    pytest.param(
        "de",
        "von Januar bis Juni 2024",
        None,
        [("Januar bis Juni 2024", "2024-H1")],
    ),
]


@pytest.mark.parametrize(("lang", "text", "published", "expected"), FIND_CASES)
def test_find_periods(lang: str, text: str, published: str | None, expected: list) -> None:
    assert labels(text, lang, published) == expected


def test_most_specific_mention_wins_over_the_year_inside_it() -> None:
    assert labels("Im vierten Quartal 2024 und im Jahr 2023.", "de") == [
        ("vierten Quartal 2024", "2024-Q4"),
        ("2023", "2023"),
    ]


def test_search_stays_inside_the_given_span() -> None:
    text = "Im Jahr 2023 sank er. Im Jahr 2024 stieg er."
    found = find_periods(text, 22, len(text), "de", None)
    assert [(text[p.start : p.end], p.label) for p in found] == [("2024", "2024")]


@pytest.mark.parametrize(
    ("lang", "text", "granularity"),
    [
        ("de", "im Jahr 2024", "year"),
        ("de", "im vierten Quartal 2024", "quarter"),
        ("de", "im ersten Halbjahr 2024", "half"),
        ("de", "im März 2024", "month"),
        ("de", "am 21. Februar 2025", "day"),
        ("de", "seit Jahresbeginn", "ytd"),
        ("en", "on Friday", "day"),
        pytest.param(
            "de",
            "Januar-März 2024",
            "quarter",
        ),
    ],
)
def test_granularity(lang: str, text: str, granularity: str) -> None:
    assert only(text, lang, FRIDAY).granularity == granularity


@pytest.mark.parametrize(
    ("lang", "text", "comparison"),
    [
        ("de", "dreimal so viel wie im Vorjahr", True),
        ("de", "gegenüber dem Vorjahr", True),
        ("de", "im Vorjahr", False),
        ("en", "than a year earlier", True),
        ("en", "compared with last year", True),
        ("en", "last year", False),
        ("de", "Die Aktie stieg am Freitag", False),
        pytest.param(
            "en",
            "The shares rose 3 percent on Friday",
            False,
        ),
        pytest.param(
            "en",
            "The results are due on March 3, 2025",
            False,
        ),
    ],
)
def test_comparison_base(lang: str, text: str, comparison: bool) -> None:
    assert only(text, lang, FRIDAY).comparison is comparison


BOUNDS_CASES = [
    (("2024",), ("2024-01-01", "2024-12-31")),
    (("2024-Q1",), ("2024-01-01", "2024-03-31")),
    (("2024-Q4",), ("2024-10-01", "2024-12-31")),
    (("2024-H1",), ("2024-01-01", "2024-06-30")),
    (("2024-H2",), ("2024-07-01", "2024-12-31")),
    (("2024-02",), ("2024-02-01", "2024-02-29")),
    (("2023-02",), ("2023-02-01", "2023-02-28")),
    (("2025-02-21",), ("2025-02-21", "2025-02-21")),
    (("2025-YTD", FRIDAY), ("2025-01-01", FRIDAY)),
    (("2025-YTD", "2026-01-05"), ("2025-01-01", "2025-12-31")),
    # fiscal years named after the year they end in
    (("FY2025", None, 3), ("2024-04-01", "2025-03-31")),
    (("FY2025", None, 12), ("2025-01-01", "2025-12-31")),
    (("FY2025", None, 9), ("2024-10-01", "2025-09-30")),
    (("FY2025-Q1", None, 3), ("2024-04-01", "2024-06-30")),
    (("FY2025-H1", None, 3), ("2024-04-01", "2024-09-30")),
    (("FY2025-Q2", None, 6), ("2024-10-01", "2024-12-31")),
    (("FY2024-Q3", None, 1), ("2023-08-01", "2023-10-31")),
    # a calendar label ignores the fiscal year
    (("2025", None, 3), ("2025-01-01", "2025-12-31")),
    (("2025-Q1", None, 3), ("2025-01-01", "2025-03-31")),
    # unknown
    ((None,), (None, None)),
    (("",), (None, None)),
    (("Q4",), (None, None)),
    (("last year",), (None, None)),
    pytest.param(("2024-13",), (None, None), id="month-13-is-no-period"),
    pytest.param(("2024-00",), (None, None), id="month-00-is-no-period"),
    pytest.param(("2024-02-30",), (None, None), id="impossible-day-is-no-period"),
]


@pytest.mark.parametrize(("args", "expected"), BOUNDS_CASES)
def test_period_bounds(args: tuple, expected: tuple) -> None:
    assert period_bounds(*args) == expected


@pytest.mark.parametrize(
    ("lang", "text", "published", "bounds"),
    [
        ("de", "im letzten Quartal", FRIDAY, ("2024-10-01", "2024-12-31")),
        ("de", "am Freitag", "2025-02-23", ("2025-02-21", "2025-02-21")),
        ("de", "seit Jahresbeginn", FRIDAY, ("2025-01-01", FRIDAY)),
        ("en", "last year", FRIDAY, ("2024-01-01", "2024-12-31")),
        ("en", "in the first half of 2024", None, ("2024-01-01", "2024-06-30")),
    ],
)
def test_found_label_resolves_to_bounds(lang, text, published, bounds) -> None:
    mention = only(text, lang, published)
    assert period_bounds(mention.label, published) == bounds
