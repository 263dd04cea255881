"""Up-to-date outputs: a build whose inputs have not changed since it wrote an output leaves it alone.

What a build reads is summed up in one fingerprint: every file of the
submission folder (hidden ones aside, as the loader never reads them, and
the output folder when it lies inside), every file of the template folder,
upr's own code, the versions of the libraries that shape the outputs, and
SOURCE_DATE_EPOCH. Beside the outputs, `.NAME.upr-build.json` records for
each output the fingerprint it was written from and the digest of what was
written. An output is up to date while both still hold, so an output
edited, replaced or deleted by hand is written again.

Skipping is safe because outputs are reproducible: the same inputs give the
same bytes (tests/test_reproducible.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__

RECORD_VERSION = 1
RECORD_SUFFIX = ".upr-build.json"
LIBRARIES = ("python-docx", "lxml", "jinja2", "weasyprint", "pydyf", "fonttools", "tinycss2", "cssselect2",
             "pillow", "common-fonts")
"""The distributions whose version can change the bytes of an output."""
CODE = Path(__file__).resolve().parent


def fingerprint(folder: Path, template_folder: Path, out_dir: Path, shared: list[Path] = ()) -> str:
    """Return the digest of everything a build of `folder` with this template reads.

    `shared` are the files the submission read from outside its folder (recommendation data kept in the
    parent folder for several submissions).
    """
    digest = hashlib.sha256()
    digest.update(f"upr {__version__} record {RECORD_VERSION}\n".encode())
    digest.update(f"SOURCE_DATE_EPOCH={os.environ.get('SOURCE_DATE_EPOCH', '')}\n".encode())
    for name, version in _library_versions():
        digest.update(f"{name} {version}\n".encode())
    for label, root, skip in (("code", CODE, None), ("template", template_folder, None), ("content", folder, out_dir)):
        for path in _files(root, skip):
            digest.update(f"{label} {path.relative_to(root).as_posix()} {file_digest(path)}\n".encode())
    for path in sorted({p.resolve() for p in shared}):
        digest.update(f"shared {path} {file_digest(path)}\n".encode())
    return digest.hexdigest()


def _library_versions() -> list[tuple[str, str]]:
    """Return each library of LIBRARIES with its installed version ('-' when it is not installed).

    The versions are read from the names of the installed distributions' metadata folders
    (`weasyprint-70.0.dist-info`) on the import path, the first of each name as Python would import it:
    one directory listing per path entry, where importlib.metadata would cost a build 40 ms to import.
    """
    wanted = {_normal(name): name for name in LIBRARIES}
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:  # a zip file, or a folder that is gone
            continue
        for name in names:
            stem, dot, kind = name.rpartition(".")
            if dot and kind in ("dist-info", "egg-info"):
                distribution, _, version = stem.partition("-")
                found.setdefault(_normal(distribution), version or "?")
    return [(name, found.get(key, "-")) for key, name in wanted.items()]


def _normal(name: str) -> str:
    """Return a distribution's name as its metadata folder spells it: lower case, runs of -_. as one _."""
    return re.sub(r"[-_.]+", "_", name).lower()


def _files(root: Path, skip: Path | None) -> list[Path]:
    """Return the files under `root` in a fixed order: not hidden ones, not those under `skip`."""
    skip_at = skip.resolve() if skip is not None else None
    found: list[Path] = []
    for here, folders, files in os.walk(root):
        base = Path(here)
        folders[:] = sorted(d for d in folders if not d.startswith(".") and d != "__pycache__"
                            and (skip_at is None or (base / d).resolve() != skip_at))
        found.extend(base / f for f in sorted(files) if not f.startswith(".") and not f.endswith(".pyc"))
    return found


def file_digest(path: Path) -> str:
    """Return the SHA-256 of a file's bytes."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


@dataclass
class BuildRecord:
    """What the last builds into an output folder wrote for one submission: output name → its entry."""

    path: Path
    outputs: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def read(cls, out_dir: Path, name: str) -> "BuildRecord":
        """Return the record for submission `name` in `out_dir`; an absent or unreadable one is empty."""
        path = out_dir / f".{name}{RECORD_SUFFIX}"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            outputs = data["outputs"] if data.get("version") == RECORD_VERSION else {}
            if not isinstance(outputs, dict):
                outputs = {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            outputs = {}
        return cls(path, {k: v for k, v in outputs.items() if isinstance(v, dict)})

    def current(self, output: Path, inputs: str) -> bool:
        """Tell whether `output` was written from these inputs and is still what was written."""
        entry = self.outputs.get(output.name)
        if entry is None or entry.get("inputs") != inputs or not output.is_file():
            return False
        try:
            return entry.get("digest") == file_digest(output)
        except OSError:
            return False

    def note(self, output: Path, inputs: str) -> None:
        """Record that `output` was just written from these inputs."""
        self.outputs[output.name] = {"inputs": inputs, "digest": file_digest(output)}

    def write(self) -> None:
        """Write the record (through a temporary file); a failure only costs the next build its shortcut."""
        from .build import write_atomically
        from .errors import UprError

        text = json.dumps({"version": RECORD_VERSION, "outputs": self.outputs}, indent=1, sort_keys=True) + "\n"
        try:
            write_atomically(self.path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
        except UprError:
            pass
