"""Great Expectations quality gates between the pipeline's stages.

A gate validates one frame with a GX suite and splits it: rows failing a `warning`
expectation go to quarantine with the expectation's name as reason, a failing `error`
expectation blocks the stage (the caller stops before loading). Every expectation has a
stable name that ends up in `dq_results`, `quarantine` and the `kpiflow run` summary.

GX is imported lazily and its context and suites are built once per process: importing it
costs seconds, and most `kpiflow` commands never validate anything.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
import os
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from flows.gate_suites import EXPECTATIONS, ExpectationSpec
from warehouse.checks import RESULT_COLUMNS as DQ_RESULT_COLUMNS

__all__ = [
    "EXPECTATIONS",
    "ExpectationSpec",
    "GateFailed",
    "GateOutcome",
    "check_documents",
    "check_facts",
    "check_warehouse",
    "expectation_table",
]

SEVERITIES = ("error", "warning")
QUARANTINE_COLUMNS = ("stage", "source", "doc_id", "reason", "payload")
# The dq_results columns but the run's id and time, which the load adds.
RESULT_COLUMNS = tuple(c for c in DQ_RESULT_COLUMNS if c not in ("run_id", "checked_at"))
_PARTIAL = 5  # unexpected values kept in a result's details: enough to see the pattern


@dataclass
class GateOutcome:
    """What a gate decided: rows that go on, rows held back, one result row per expectation.

    Rows failing any expectation are quarantined (error rows too, so a blocked run still
    shows which rows blocked it); `passed` keeps the original index and columns.
    """

    stage: str
    passed: pd.DataFrame
    quarantined: pd.DataFrame
    results: pd.DataFrame
    blocking: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.blocking

    def raise_if_blocked(self) -> GateOutcome:
        if self.blocking:
            raise GateFailed(self)
        return self


class GateFailed(Exception):
    """An error-severity expectation failed; `outcome` holds everything the gate found."""

    def __init__(self, outcome: GateOutcome) -> None:
        self.outcome = outcome
        counts = outcome.results.set_index("expectation")["unexpected_count"]
        parts = []
        for name in outcome.blocking:
            n = counts.get(name)
            if n is None or pd.isna(n):
                parts.append(f"{name} (could not be evaluated)")
            else:
                parts.append(f"{name} ({int(n)} row{'' if n == 1 else 's'})")
        super().__init__(f"gate {outcome.stage!r} failed: {', '.join(parts)}")


def expectation_table() -> pd.DataFrame:
    """Every gate's expectations: stage, expectation, severity, description."""
    rows = [
        (stage, e.name, e.severity, e.description)
        for stage, checks in EXPECTATIONS.items()
        for e in checks
    ]
    return pd.DataFrame(rows, columns=["stage", "expectation", "severity", "description"])


def check_documents(
    df: pd.DataFrame, severity_overrides: Mapping[str, str] | None = None
) -> GateOutcome:
    """Gate the documents of a run (deduplicated by doc_id before this gate)."""
    return _gate("documents", df, severity_overrides, _prepare_documents)


def check_facts(
    df: pd.DataFrame, severity_overrides: Mapping[str, str] | None = None
) -> GateOutcome:
    """Gate extracted facts: FACT_FIELDS plus fact_id, fx_rate, fx_date, fx_note, source."""
    return _gate("facts", df, severity_overrides, None)


def check_warehouse(
    checks: pd.DataFrame, severity_overrides: Mapping[str, str] | None = None
) -> GateOutcome:
    """Gate the SQL checks of `warehouse.checks.run_warehouse_checks`, one row per check.

    Each check becomes one result row named by the check (prefixed "warehouse." when it
    has no stage prefix); all are errors unless overridden. Nothing is quarantined.
    """
    stage = "warehouse"
    checks = checks.copy()
    missing = [c for c in ("expectation", "success") if c not in checks.columns]
    if len(checks) and missing:
        raise ValueError(f"warehouse checks frame lacks column(s): {', '.join(missing)}")
    if len(checks):
        checks["expectation"] = [
            n if "." in str(n) else f"{stage}.{n}" for n in checks["expectation"]
        ]
    names = [str(n) for n in checks.get("expectation", [])]
    severity = _severities(stage, {n: "error" for n in names}, severity_overrides)
    flagged: dict[int, list[str]] = {}
    raised: list[str] = []
    if len(checks):
        for check, res in _validate(stage, checks[["success"]].reset_index(drop=True)):
            if res["exception"]:
                raised.append(f"{check.name}: {res['exception']}")
            for pos in res["positions"]:
                flagged.setdefault(pos, []).append(check.name)
    rows, blocking = [], []
    shown = ("expectation", "success", "unexpected_count", "element_count")
    extra = [c for c in checks.columns if c not in shown]
    for pos, (name, rec) in enumerate(zip(names, checks.to_dict("records"), strict=True)):
        success = pos not in flagged and not raised
        details = {k: _jsonable(rec[k]) for k in extra}
        details.update(failed_by=flagged.get(pos, []), exceptions=raised)
        rows.append(
            (
                stage,
                name,
                None,
                severity[name],
                success,
                _count(rec.get("unexpected_count")),
                _count(rec.get("element_count")),
                json.dumps(details, ensure_ascii=False),
            )
        )
        if not success and severity[name] == "error":
            blocking.append(name)
    ok_mask = np.array([p not in flagged for p in range(len(checks))], dtype=bool)
    return GateOutcome(
        stage=stage,
        passed=checks.iloc[ok_mask] if len(checks) else checks,
        quarantined=_empty_quarantine(),
        results=_results_frame(rows),
        blocking=blocking,
    )


# --- the generic gate --------------------------------------------------------------------


def _gate(
    stage: str,
    df: pd.DataFrame,
    overrides: Mapping[str, str] | None,
    prepare: Callable[[pd.DataFrame], pd.DataFrame] | None,
) -> GateOutcome:
    checks = EXPECTATIONS[stage]
    severity = _severities(stage, {e.name: e.severity for e in checks}, overrides)
    if len(df) == 0:
        # Nothing to validate: skip GX (and its import) but still report every expectation.
        rows = [
            (stage, e.name, e.column, severity[e.name], True, 0, 0, _details(e, {})) for e in checks
        ]
        return GateOutcome(stage, df, _empty_quarantine(), _results_frame(rows), [])
    needed = sorted({c for e in checks for c in e.source_columns})
    missing = [c for c in needed if c not in df.columns]
    if missing:
        raise ValueError(f"{stage} frame lacks column(s): {', '.join(missing)}")
    # GX reports positions of a fresh RangeIndex; map them back with iloc so duplicate or
    # non-integer labels of the caller's index cannot confuse the split.
    work = df.loc[:, needed].reset_index(drop=True)
    if prepare is not None:
        work = prepare(work)
    for e in checks:
        if e.derive is not None:
            work[e.column] = e.derive(work)
    reasons: dict[int, list[str]] = {}
    rows, blocking = [], []
    for check, res in _validate(stage, work):
        failed = not res["success"]
        for pos in res["positions"]:
            reasons.setdefault(pos, []).append(check.name)
        if failed and (severity[check.name] == "error" or res["exception"]):
            # An expectation that could not run cannot quarantine rows, so it blocks.
            blocking.append(check.name)
        rows.append(
            (
                stage,
                check.name,
                check.column,
                severity[check.name],
                not failed,
                res["unexpected_count"],
                res["element_count"],
                _details(check, res),
            )
        )
    bad = np.zeros(len(df), dtype=bool)
    bad[list(reasons)] = True
    return GateOutcome(
        stage=stage,
        passed=df.iloc[~bad],
        quarantined=_quarantine(stage, df, reasons),
        results=_results_frame(rows),
        blocking=blocking,
    )


def _prepare_documents(work: pd.DataFrame) -> pd.DataFrame:
    # Metadata readers (YAML front matter, pandas) may hand over dates, not ISO strings;
    # GX's strftime check raises on non-strings, and a date object is a valid date.
    work["published"] = work["published"].map(
        lambda v: v.strftime("%Y-%m-%d") if isinstance(v, dt.date) and not pd.isna(v) else v
    )
    return work


def _severities(
    stage: str, defaults: Mapping[str, str], overrides: Mapping[str, str] | None
) -> dict[str, str]:
    """Effective severity per name; names of other stages are ignored so that one overrides
    mapping can be handed to every gate, but a name this stage does not know is an error."""
    overrides = dict(overrides or {})
    other_stages = tuple(f"{s}." for s in EXPECTATIONS if s != stage)
    unknown = [n for n in overrides if n not in defaults and not n.startswith(other_stages)]
    if unknown:
        raise ValueError(f"unknown expectation(s) for gate {stage!r}: {', '.join(unknown)}")
    bad = {n: s for n, s in overrides.items() if s not in SEVERITIES}
    if bad:
        raise ValueError(f"severity must be one of {SEVERITIES}, got {bad}")
    return {n: overrides.get(n, s) for n, s in defaults.items()}


# --- GX --------------------------------------------------------------------------------

_LOCK = threading.Lock()  # Prefect's thread pool may run gates concurrently in one process


@lru_cache(maxsize=1)
def _gx() -> tuple[Any, dict[str, Any]]:
    """One ephemeral context, one pandas batch definition, one suite per stage."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    # The ephemeral context announces a temporary docs folder at INFO on every run (the
    # module sets its own logger to INFO, so the parent's level does not reach it).
    logging.getLogger("great_expectations.data_context.types.base").setLevel(logging.WARNING)
    ctx = gx.get_context(mode="ephemeral")
    ctx.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    asset = ctx.data_sources.add_pandas("kpiflow").add_dataframe_asset("frame")
    batch_definition = asset.add_batch_definition_whole_dataframe("whole")
    suites = {}
    for stage, checks in EXPECTATIONS.items():
        suite = ctx.suites.add(gx.ExpectationSuite(name=f"kpiflow.{stage}"))
        for e in checks:
            kwargs = {k: v() if callable(v) else v for k, v in e.kwargs.items()}
            meta = {"name": e.name, "severity": e.severity, "description": e.description}
            suite.add_expectation(getattr(gx.expectations, e.gx_type)(**kwargs, meta=meta))
        suites[stage] = suite
    return batch_definition, suites


def _validate(stage: str, work: pd.DataFrame) -> list[tuple[ExpectationSpec, dict[str, Any]]]:
    """Run the stage's suite; per expectation (in EXPECTATIONS order) the failing positions."""
    with _LOCK:
        batch_definition, suites = _gx()
        batch = batch_definition.get_batch(batch_parameters={"dataframe": work})
        validation = batch.validate(suites[stage], result_format={"result_format": "COMPLETE"})
    by_name = {r.expectation_config.meta["name"]: r for r in validation.results}
    out = []
    for check in EXPECTATIONS[stage]:
        r = by_name[check.name]
        result = dict(r.result or {})
        exception = _exception_message(r.exception_info)
        positions = [int(i) for i in result.get("unexpected_index_list") or [] if _is_int(i)]
        count = result.get("unexpected_count")
        if not r.success and not exception and "unexpected_index_list" not in result:
            # A column-level failure (e.g. a bool column of the wrong dtype) is every row's.
            positions, count = list(range(len(work))), len(work)
        elif r.success and count is None:
            count = 0
        out.append(
            (
                check,
                {
                    "success": bool(r.success) and not exception,
                    "exception": exception,
                    "positions": positions,
                    "unexpected_count": None if exception else count,
                    "element_count": result.get("element_count", len(work)),
                    "partial": (result.get("partial_unexpected_list") or [])[:_PARTIAL],
                    "observed_value": result.get("observed_value"),
                },
            )
        )
    return out


def _exception_message(info: Any) -> str | None:
    # GX reports either one {raised_exception, exception_message} dict or one per metric.
    if not isinstance(info, Mapping):
        return None
    if "raised_exception" in info:
        return str(info.get("exception_message")) if info.get("raised_exception") else None
    messages = [_exception_message({"raised_exception": True, **v}) for v in info.values()]
    return "; ".join(m for m in messages if m) or None


# --- frames ----------------------------------------------------------------------------


def _quarantine(stage: str, df: pd.DataFrame, reasons: Mapping[int, list[str]]) -> pd.DataFrame:
    if not reasons:
        return _empty_quarantine()
    rows = []
    for pos in sorted(reasons):
        record = {str(k): _jsonable(v) for k, v in df.iloc[pos].items()}
        rows.append(
            (
                stage,
                record.get("source"),
                record.get("doc_id"),
                "; ".join(reasons[pos]),
                json.dumps(record, ensure_ascii=False),
            )
        )
    return pd.DataFrame(rows, columns=list(QUARANTINE_COLUMNS), index=df.index[sorted(reasons)])


def _empty_quarantine() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype=object) for c in QUARANTINE_COLUMNS})


def _results_frame(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(RESULT_COLUMNS))
    frame["success"] = frame["success"].astype(bool)
    for c in ("unexpected_count", "element_count"):
        frame[c] = frame[c].astype("Int64")
    return frame


def _details(check: ExpectationSpec, res: Mapping[str, Any]) -> str:
    details = {"description": check.description, "gx_type": check.gx_type}
    for key in ("partial", "observed_value", "exception"):
        if res.get(key) not in (None, []):
            details[key] = _jsonable(res[key])
    return json.dumps(details, ensure_ascii=False)


def _count(value: Any) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _is_int(value: Any) -> bool:
    return isinstance(value, int | np.integer) and not isinstance(value, bool)


def _jsonable(value: Any) -> Any:
    """Plain JSON data for a payload; infinities as strings because they are often the
    very reason a row was quarantined and JSON has no literal for them."""
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset | np.ndarray):
        return [_jsonable(v) for v in value]
    if value is None or pd.isna(value):
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)
