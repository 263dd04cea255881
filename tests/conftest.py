"""Fixtures shared by the test files: a writable copy of the minimal submission."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

MINIMAL = Path(__file__).resolve().parent / "fixtures" / "content" / "minimal"


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    """A writable copy of the minimal submission (every kind of block, nothing else)."""
    target = tmp_path / "minimal"
    shutil.copytree(MINIMAL, target)
    return target
