"""Shared test configuration: Hypothesis profiles and fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import defectors

# "thorough" is the default; DEFECTORS_HYPOTHESIS=fast runs a quick pass while developing.
settings.register_profile(
    "thorough",
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("fast", max_examples=20, deadline=None)
settings.load_profile(os.environ.get("DEFECTORS_HYPOTHESIS", "thorough"))

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def dataset() -> defectors.Dataset:
    """The bundled dataset."""
    return defectors.load()
