"""Environment defaults applied before Prefect or GX is imported."""

from __future__ import annotations

import os

# Telemetry off unless the user chose otherwise: nothing may call out at run time.
OFFLINE_DEFAULTS = {
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "GX_ANALYTICS_ENABLED": "false",
    # Prefect's update and news checks are network calls as well.
    "PREFECT_CLOUD_ENABLE_ORCHESTRATION_TELEMETRY": "false",
}


def apply_offline_defaults() -> dict[str, str]:
    """Set each default only where the user has not; returns what is in force."""
    for key, value in OFFLINE_DEFAULTS.items():
        os.environ.setdefault(key, value)
    return {key: os.environ[key] for key in OFFLINE_DEFAULTS}
