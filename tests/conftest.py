"""Fixtures shared by the test files: a writable copy of the minimal submission, and a logo for it."""

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


def give_logo(folder: Path, name: str = "logo.png") -> Path:
    """Give the minimal submission's organisation a logo: a small PNG, or an empty SVG for a .svg name."""
    logo = folder / name
    if logo.suffix == ".svg":
        logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="30" height="12"/>', encoding="utf-8")
    else:
        from PIL import Image  # Pillow comes with WeasyPrint

        Image.new("RGB", (30, 12), (11, 79, 138)).save(logo)
    meta = folder / "submission.yaml"
    line = "    description: A test organisation.\n"
    meta.write_text(meta.read_text(encoding="utf-8").replace(line, f"{line}    logo: {name}\n"), encoding="utf-8")
    return logo
