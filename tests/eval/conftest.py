"""Shared by the evaluation tests: a report printed at the end of the run.

Evaluation tests print pass rates and failures. Printing from a test is swallowed
unless pytest runs with -s, so the tests hand their report lines to `eval_report` and
this file prints them in the terminal summary of every run.
"""

from __future__ import annotations

import pytest

_REPORT: list[str] = []


@pytest.fixture
def eval_report():
    """Call with lines to print them now (seen with -s) and in the terminal summary."""

    def add(*lines: str) -> None:
        for line in lines:
            print(line)
            _REPORT.append(line)

    return add


def pytest_terminal_summary(terminalreporter):
    if _REPORT:
        terminalreporter.section("kpiflow evaluation")
        for line in _REPORT:
            terminalreporter.write_line(line)
