"""Running the etl flow with the task runner the settings ask for."""

from __future__ import annotations

from typing import Any

from flows.settings import Settings


def task_runner_for(settings: Settings):
    if settings.runner == "dask":
        try:
            from prefect_dask import DaskTaskRunner
        except ImportError as exc:  # the optional extra is not installed
            raise RuntimeError("--runner dask needs the extra: pip install -e '.[dask]'") from exc
        if settings.dask_address:
            return DaskTaskRunner(address=settings.dask_address)
        return DaskTaskRunner(cluster_kwargs={"n_workers": 2, "threads_per_worker": 1})
    from prefect.task_runners import ThreadPoolTaskRunner

    return ThreadPoolTaskRunner(max_workers=2)


def run_etl(paths: list[str] | None, settings: Settings) -> dict[str, Any]:
    from flows.etl import etl

    flow = etl.with_options(task_runner=task_runner_for(settings))
    return flow(
        paths=paths,
        warehouse_path=str(settings.warehouse),
        reprocess=settings.reprocess,
        batch_size=settings.batch_size,
        gate_severity=settings.gate_severity or None,
    )
