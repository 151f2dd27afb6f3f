"""The `kpiflow` command line: run, query, extract, serve, gates, queries."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from flows.environment import apply_offline_defaults

apply_offline_defaults()

app = typer.Typer(
    help="kpiflow: business news in German and English -> a DuckDB warehouse of figures.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

WarehouseOpt = Annotated[
    Path | None,
    typer.Option(
        "--warehouse",
        help="Warehouse file [env KPIFLOW_WAREHOUSE; default warehouse/kpiflow.duckdb]",
    ),
]
EXAMPLE_QUERY = "select entity, segment, metric, kind, value, unit, period from v_facts limit 20"


@app.command()
def run(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Files, folders, globs or .jsonl corpora; default seeds/"),
    ] = None,
    warehouse: WarehouseOpt = None,
    runner: Annotated[str | None, typer.Option(help="local | dask")] = None,
    dask_address: Annotated[
        str | None, typer.Option(help="Existing Dask scheduler address")
    ] = None,
    reprocess: Annotated[
        bool, typer.Option("--reprocess", help="Extract known documents again")
    ] = False,
    batch_size: Annotated[int | None, typer.Option(help="Documents per extraction task")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show Prefect's logs")] = False,
) -> None:
    """One pipeline run: read, gate, extract, gate, load, check; prints a summary."""
    import os

    if not verbose:
        import logging

        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
        # GX announces its temporary docs directory at INFO on every run.
        logging.getLogger("great_expectations").setLevel(logging.WARNING)
    from flows.gates import GateFailed
    from flows.runner import run_etl
    from flows.settings import get_settings

    settings = get_settings(
        warehouse=warehouse,
        runner=runner,
        dask_address=dask_address,
        batch_size=batch_size,
        reprocess=reprocess or None,
    )
    try:
        summary = run_etl(paths or None, settings)
    except GateFailed as exc:
        typer.echo(f"kpiflow run stopped: {exc}", err=True)
        typer.echo("Nothing was loaded; see dq_results and quarantine for this run.", err=True)
        raise typer.Exit(1) from exc
    _print_summary(summary)


def _print_summary(summary: dict) -> None:
    lines = [
        f"run {summary['run_id']}  {summary['status']}  in {summary['elapsed_seconds']:.1f} s",
        f"documents  seen {summary['docs_seen']}  new {summary['docs_new']}  "
        f"unchanged {summary['docs_unchanged']}  quarantined {summary['docs_quarantined']}",
        f"facts      extracted {summary['facts_extracted']}  loaded {summary['facts_loaded']}  "
        f"quarantined {summary['facts_quarantined']}",
        f"gates      {summary['gates_passed']} expectations passed, "
        f"{summary['gates_failed']} failed",
        f"warehouse  {summary['warehouse']}",
        "",
        "Try:",
        f'  kpiflow query "{EXAMPLE_QUERY}"',
    ]
    typer.echo("\n".join(lines))


@app.command()
def query(
    sql: Annotated[str | None, typer.Argument(help="SQL to run (read-only)")] = None,
    warehouse: WarehouseOpt = None,
    fmt: Annotated[str, typer.Option("--format", help="table | csv | json | markdown")] = "table",
    name: Annotated[
        str | None, typer.Option("--name", help="Run a named query from warehouse/queries/")
    ] = None,
    param: Annotated[
        list[str] | None, typer.Option("--param", help="NAME=VALUE for a named query")
    ] = None,
) -> None:
    """Run SQL on a read-only connection to the warehouse."""
    import warehouse as wh
    from flows.output import FORMATS, render_frame
    from flows.settings import get_settings

    if fmt not in FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(FORMATS)}")
    if (sql is None) == (name is None):
        raise typer.BadParameter("give either SQL or --name NAME (see `kpiflow queries`)")
    path = get_settings(warehouse=warehouse).warehouse
    params = dict(p.split("=", 1) for p in (param or []))
    try:
        frame = wh.run_named_query(path, name, params or None) if name else wh.run_query(path, sql)
    except wh.QueryRefused as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from exc
    except wh.WarehouseNotFoundError as exc:
        typer.echo(f"{exc}\nRun `kpiflow run` first to create it.", err=True)
        raise typer.Exit(2) from exc
    except Exception as exc:  # duckdb errors: show the message, not a traceback
        typer.echo(f"query failed: {exc}", err=True)
        raise typer.Exit(2) from exc
    render_frame(frame, fmt)


@app.command()
def queries() -> None:
    """List the named queries usable with `kpiflow query --name`."""
    import warehouse as wh

    for name, description in sorted(wh.list_named_queries().items()):
        typer.echo(f"{name:28} {description}")


@app.command()
def gates() -> None:
    """List every quality-gate expectation with its severity."""
    from flows.gates import expectation_table
    from flows.output import render_frame

    render_frame(expectation_table(), "table")


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Text files, or - for standard input")],
    lang: Annotated[str | None, typer.Option("--lang", help="de | en (default: detect)")] = None,
    published: Annotated[str | None, typer.Option("--published", help="YYYY-MM-DD")] = None,
    fmt: Annotated[str | None, typer.Option("--format", help="jsonl | table")] = None,
    quantities: Annotated[
        bool, typer.Option("--quantities", help="Print quantities, not facts")
    ] = False,
) -> None:
    """Print the facts (or quantities) of texts; writes nothing to the warehouse."""
    from flows.extract_command import run_extract

    if lang not in (None, "de", "en"):
        raise typer.BadParameter("--lang must be de or en")
    fmt = fmt or ("table" if sys.stdout.isatty() else "jsonl")
    if fmt not in ("jsonl", "table"):
        raise typer.BadParameter("--format must be jsonl or table")
    run_extract(paths, lang=lang, published=published, fmt=fmt, quantities=quantities)


@app.command()
def settings() -> None:
    """Show the settings in force (defaults, KPIFLOW_* variables)."""
    from flows.settings import get_settings

    typer.echo(json.dumps(json.loads(get_settings().model_dump_json()), indent=2))


if __name__ == "__main__":
    app()
