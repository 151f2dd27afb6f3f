"""Rendering results for the terminal: tables, CSV, JSON lines, Markdown."""

from __future__ import annotations

import json
import math
import sys
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:  # pandas costs a quarter second to import; `extract` rarely needs it
    import pandas as pd

FORMATS = ("table", "csv", "json", "markdown")


def _plain(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return value.date().isoformat()  # DATE columns arrive as midnight timestamps
    if isinstance(value, datetime | date):
        return value.isoformat()
    if hasattr(value, "tolist"):
        return value.tolist()
    if type(value).__name__ in ("NAType", "NaTType"):  # pandas' missing values
        return None
    return value


def json_line(record: dict[str, Any]) -> str:
    return json.dumps({k: _plain(v) for k, v in record.items()}, ensure_ascii=False, default=str)


def render_frame(frame: pd.DataFrame, fmt: str, out: TextIO = sys.stdout) -> None:
    if fmt == "csv":
        frame.to_csv(out, index=False)
    elif fmt == "json":
        for record in frame.to_dict("records"):
            out.write(json_line(record) + "\n")
    elif fmt == "markdown":
        out.write(_markdown(frame) + "\n")
    else:
        _rich_table(frame, out)


def _cell(value: Any) -> str:
    value = _plain(value)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float):
        # Base-unit amounts are large: 72,500,000,000 reads better than 7.25e+10.
        if abs(value) >= 1e5 and abs(value) < 1e18:
            return f"{value:,.0f}"
        return f"{value:,.6g}" if abs(value) >= 1e6 else f"{value:g}"
    return str(value)


def _markdown(frame: pd.DataFrame) -> str:
    head = "| " + " | ".join(map(str, frame.columns)) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    rows = [
        "| " + " | ".join(_cell(v).replace("|", "\\|") for v in row) + " |"
        for row in frame.itertuples(index=False)
    ]
    return "\n".join([head, rule, *rows])


def _rich_table(frame: pd.DataFrame, out: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False, header_style="bold")
    for column in frame.columns:
        table.add_column(str(column), overflow="fold")
    for row in frame.itertuples(index=False):
        table.add_row(*(_cell(v) for v in row))
    console = Console(file=out, width=None if out.isatty() else 200)
    console.print(table)
    console.print(f"({len(frame)} row{'s' if len(frame) != 1 else ''})")
