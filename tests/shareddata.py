"""Where the real UN documents of shared/ are, for the tests that read them (skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
"""The Working Group reports, addenda and OHCHR matrices, as published."""

needs_reports = pytest.mark.skipif(
    not SHARED_DATA.is_dir(), reason=f"the real UN documents are not there ({SHARED_DATA})"
)
"""Skips a test when shared/data is not beside the checkout."""
