"""The one settings object: paths and options, overridable by env vars and CLI flags.

Precedence: CLI flag > environment variable (KPIFLOW_*) > default below.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[1]


class Settings(BaseSettings):
    """kpiflow settings. Each field reads the environment variable KPIFLOW_<FIELD>."""

    model_config = SettingsConfigDict(env_prefix="KPIFLOW_", extra="ignore")

    warehouse: Path = Field(
        default=PROJECT_ROOT / "warehouse" / "kpiflow.duckdb",
        description="DuckDB warehouse file (KPIFLOW_WAREHOUSE); created on first run.",
    )
    seeds_dir: Path = Field(
        default=PROJECT_ROOT / "seeds",
        description="What `kpiflow run` reads when given no path.",
    )
    companies_file: Path = Field(
        default=PROJECT_ROOT / "seeds" / "companies.csv",
        description="Company registry: canonical names, aliases, fiscal-year ends.",
    )
    batch_size: int = Field(
        default=250,
        ge=1,
        description="Documents per extraction task; one task per batch, never per sentence.",
    )
    runner: Literal["local", "dask"] = Field(
        default="local",
        description="Task runner for extraction: local threads, or Dask (extra 'dask').",
    )
    dask_address: str | None = Field(
        default=None,
        description="Scheduler address of an existing Dask cluster; None starts a local one.",
    )
    reprocess: bool = Field(
        default=False,
        description="Extract documents again even when their text is already loaded.",
    )
    gate_severity: dict[str, str] = Field(
        default_factory=dict,
        description='Severity overrides per expectation, e.g. {"facts.unit_known": "error"}.',
    )


def get_settings(**overrides: object) -> Settings:
    """Settings with the CLI's explicit values on top (None means 'not given')."""
    return Settings(**{k: v for k, v in overrides.items() if v is not None})
