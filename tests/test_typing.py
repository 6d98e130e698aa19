"""The library type-checks under mypy --strict (the pyproject settings)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import ROOT


def test_library_passes_mypy_strict() -> None:
    """mypy finds no issue in src/ (skipped where mypy is not installed)."""
    pytest.importorskip("mypy", reason="install the test extra: pip install -e '.[test]'")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "src"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
