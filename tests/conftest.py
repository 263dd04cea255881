"""Fixtures shared by the test files: a writable copy of the minimal submission, and a logo for it."""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import pytest

MINIMAL = Path(__file__).resolve().parent / "fixtures" / "content" / "minimal"


def pytest_sessionstart(session: pytest.Session) -> None:
    """Stop with one line when a system library the PDF tests need is missing, rather than fail them one by one."""
    from generator.errors import RenderError

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # WeasyPrint warns when HarfBuzz's subsetter is missing: asked below
        try:
            from generator.render.pdf import SYSTEM_LIBRARIES
            from weasyprint.text import ffi
        except RenderError as exc:
            pytest.exit(f"upr's tests cannot run: {exc}", returncode=3)
    if ffi.harfbuzz_subset is None:
        pytest.exit("upr's tests cannot run: WeasyPrint cannot load HarfBuzz's font subsetter, without which the "
                    f"PDF differs; on Debian or Ubuntu: apt-get install {SYSTEM_LIBRARIES}", returncode=3)


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
