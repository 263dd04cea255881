"""Up-to-date outputs: a build whose inputs have not changed since it wrote an output leaves it alone.

What a build reads is summed up in one fingerprint: every file of the
submission folder (but the outputs of this very build, when the output
folder lies inside it, and a `.git` folder), every file of the template
folder (following its links), the files the submission read from outside
its folder (data shared from the parent folder), upr's own code, Python's
version and those of the libraries that shape the outputs, and
SOURCE_DATE_EPOCH. The folder is read before the content is loaded and again
after the outputs are written; if it changed meanwhile (a save during the
build), nothing is recorded and the next build writes again.

Beside the outputs, `.NAME.upr-build.json` records for each output the
fingerprint it was written from, the digest of what was written and the
renderer's warnings, which an up-to-date build says again. An output is up
to date while both still hold, so one edited, replaced or deleted by hand is
written again.

Not in the fingerprint: the system's Pango, HarfBuzz and fontconfig, and the
fonts installed on the machine (a character missing from the bundled font is
drawn from them). After upgrading those, `upr build --rebuild`.

Skipping is safe because outputs are reproducible: the same inputs give the
same bytes (tests/test_reproducible.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__

RECORD_VERSION = 2
RECORD_SUFFIX = ".upr-build.json"
LIBRARIES = ("python-docx", "lxml", "jinja2", "markupsafe", "pyyaml", "weasyprint", "pydyf", "fonttools",
             "tinycss2", "cssselect2", "tinyhtml5", "pyphen", "pillow", "brotli", "zopfli", "common-fonts")
"""The distributions whose version can change the bytes of an output."""
CODE = Path(__file__).resolve().parent


def folder_digest(folder: Path, out_dir: Path, name: str) -> str:
    """Return the digest of every file in a submission folder, but this build's outputs and record."""
    out_at = out_dir.resolve()
    own = re.compile(rf"{re.escape(name)}\.[a-z]+|\.{re.escape(name)}\..*")
    digest = hashlib.sha256()
    for path in _files(folder, follow=False, skip_dirs=(".git",)):
        if path.parent.resolve() == out_at and own.fullmatch(path.name):
            continue
        digest.update(_entry("content", folder, path))
    return digest.hexdigest()


def fingerprint(content: str, template_folder: Path, shared: list[Path] = ()) -> str:
    """Return the digest of everything a build reads, given its folder's `folder_digest`.

    `shared` are the files the submission read from outside its folder.
    """
    digest = hashlib.sha256()
    digest.update(f"upr {__version__} record {RECORD_VERSION} python {sys.version}\n".encode())
    digest.update(f"SOURCE_DATE_EPOCH={os.environ.get('SOURCE_DATE_EPOCH', '')}\n".encode())
    for name, version in _library_versions():
        digest.update(f"{name} {version}\n".encode())
    digest.update(f"content {content}\n".encode())
    for path in _files(CODE, follow=False, skip_dirs=("__pycache__",)):
        if path.suffix == ".py":
            digest.update(_entry("code", CODE, path))
    for path in _files(template_folder, follow=True):
        digest.update(_entry("template", template_folder, path))
    for path in sorted({p.resolve() for p in shared}):
        digest.update(_entry("shared", Path("/"), path))
    return digest.hexdigest()


def _entry(label: str, root: Path, path: Path) -> bytes:
    """Return one file's line of a fingerprint: its place under `root` and what it holds."""
    name = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
    return f"{label} {name} {file_digest(path)}\n".encode("utf-8", "surrogateescape")


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


def _files(root: Path, follow: bool, skip_dirs: tuple[str, ...] = ()) -> list[Path]:
    """Return the files under `root` in a fixed order, hidden ones included; `follow` goes into linked
    folders (each real folder once, so a loop ends)."""
    found: list[Path] = []
    seen: set[str] = set()
    for here, folders, files in os.walk(root, followlinks=follow):
        real = os.path.realpath(here)
        if real in seen:
            folders[:] = []
            continue
        seen.add(real)
        folders[:] = sorted(d for d in folders if d not in skip_dirs)
        found.extend(Path(here) / f for f in sorted(files))
    return found


def file_digest(path: Path) -> str:
    """Return the SHA-256 of a file's bytes; what it is instead, for anything but a readable regular file
    (a dangling or looping link, a pipe, a file it may not read), so that a change of kind still counts."""
    try:
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):
            return f"not-a-file:{stat.S_IFMT(mode)}"
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except (OSError, RuntimeError) as exc:
        return f"unreadable:{getattr(exc, 'errno', None) or type(exc).__name__}"


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
        return cls(path, {k: v for k, v in outputs.items() if isinstance(k, str) and isinstance(v, dict)})

    def current(self, output: Path, inputs: str) -> bool:
        """Tell whether `output` was written from these inputs and is still what was written."""
        entry = self.outputs.get(output.name)
        if entry is None or entry.get("inputs") != inputs:
            return False
        return entry.get("digest") == file_digest(output)  # a missing or unreadable output has no digest

    def note(self, output: Path, inputs: str, warnings: list[str] = ()) -> None:
        """Record that `output` was just written from these inputs, with what the renderer warned of."""
        self.outputs[output.name] = {"inputs": inputs, "digest": file_digest(output), "warnings": list(warnings)}

    def warnings(self, output: Path) -> list[str]:
        """Return what the renderer warned of when it wrote `output`."""
        said = self.outputs.get(output.name, {}).get("warnings", [])
        return [w for w in said if isinstance(w, str)] if isinstance(said, list) else []

    def write(self) -> None:
        """Write the record (through a temporary file); a failure only costs the next build its shortcut."""
        from .build import write_atomically
        from .errors import UprError

        text = json.dumps({"version": RECORD_VERSION, "outputs": self.outputs}, indent=1, sort_keys=True) + "\n"
        try:
            write_atomically(self.path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
        except UprError:
            pass
