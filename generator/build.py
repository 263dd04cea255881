"""Build a submission: load, resolve, then write each output atomically."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .errors import UprError
from .load import load_submission
from .model import Submission
from .render.common import font_face_css
from .render.docx import render_docx
from .render.html import render_html
from .resolve import resolve

FORMATS = ("docx", "pdf", "html")


@dataclass
class BuildResult:
    """What a build wrote, and what the PDF renderer refused to fetch."""

    submission: Submission
    outputs: list[Path] = field(default_factory=list)
    refused_urls: list[str] = field(default_factory=list)


def load_resolved(folder: Path) -> Submission:
    """Return the submission in `folder`, loaded and resolved."""
    return resolve(load_submission(folder))


def build_submission(
    submission: Submission, out_dir: Path, formats: tuple[str, ...] = ("docx", "pdf"), templates_root: Path | None = None
) -> BuildResult:
    """Write the requested outputs of a resolved submission into `out_dir`."""
    result = BuildResult(submission)
    out_dir.mkdir(parents=True, exist_ok=True)
    writers: dict[str, Callable[[Path], None]] = {
        "docx": lambda tmp: render_docx(submission, tmp, templates_root),
        "pdf": lambda tmp: result.refused_urls.extend(_render_pdf(submission, tmp, templates_root)),
        "html": lambda tmp: tmp.write_text(render_html(submission, templates_root, font_face_css()), encoding="utf-8"),
    }
    for fmt in formats:
        target = out_dir / f"{submission.name}.{fmt}"
        write_atomically(target, writers[fmt])
        result.outputs.append(target)
    return result


def _render_pdf(submission: Submission, target: Path, templates_root: Path | None) -> list[str]:
    """Write the PDF; WeasyPrint is imported here, so check and diff start without it."""
    from .render.pdf import render_pdf

    return render_pdf(submission, target, templates_root)


def write_atomically(target: Path, write: Callable[[Path], None]) -> None:
    """Write `target` through a temporary file, so a failure leaves nothing half-written."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        tmp.chmod(0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def parse_formats(text: str) -> tuple[str, ...]:
    """Return the formats named in "docx,pdf"; raise UprError on an unknown one."""
    formats = tuple(f.strip().lower() for f in text.split(",") if f.strip())
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise UprError(f"unknown format '{','.join(unknown)}': choose from {', '.join(FORMATS)}")
    return formats


def _umask() -> int:
    """Return the process's umask (the mode new files would get)."""
    current = os.umask(0)
    os.umask(current)
    return current
