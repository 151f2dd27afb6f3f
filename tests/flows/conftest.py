from __future__ import annotations

import shutil
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def prefect_harness():
    """One temporary Prefect API for all flow tests (starting one costs seconds)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def seed_dir(tmp_path: Path) -> Path:
    """A copy of seeds/ so tests can add files beside the seed."""
    target = tmp_path / "seeds"
    shutil.copytree(PROJECT / "seeds", target)
    return target
