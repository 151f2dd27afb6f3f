"""Prefect flows, tasks, quality gates and the `kpiflow` command line.

Importing this package switches Prefect's and GX's telemetry off unless the user has
set the variables: kpiflow runs offline and must not call out.
"""

from flows.environment import apply_offline_defaults

apply_offline_defaults()
