"""What every renderer shares: where templates and fonts are, and the cover's wording."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from ..errors import RenderError
from ..model import Submission

REPO_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
FONT_PACKAGE = "common-fonts"
FONT_FAMILY = "PT Serif"
FONT_FILES = {  # (weight, style) → file in the font package
    ("normal", "normal"): "PT_Serif-Web-Regular.ttf",
    ("bold", "normal"): "PT_Serif-Web-Bold.ttf",
    ("normal", "italic"): "PT_Serif-Web-Italic.ttf",
    ("bold", "italic"): "PT_Serif-Web-BoldItalic.ttf",
}
RESPONSE_LABELS = {"supported": "Supported", "noted": "Noted", "pending": "Pending"}
ORDINALS = ["zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]


def template_dir(template: str, templates_root: Path | None = None) -> Path:
    """Return the folder of a named template; raise RenderError if there is none."""
    root = templates_root or REPO_TEMPLATES
    folder = (root / template).resolve()
    if not folder.is_relative_to(root.resolve()) or not folder.is_dir():
        raise RenderError(f"no template '{template}' in {root}")
    return folder


@lru_cache(maxsize=1)
def font_dir() -> Path:
    """Return the folder holding the PDF's font, installed as a Python dependency."""
    try:
        files = metadata.files(FONT_PACKAGE) or []
    except metadata.PackageNotFoundError:
        raise RenderError(f"the font package '{FONT_PACKAGE}' is not installed: run 'make pdf'") from None
    for entry in files:
        if entry.name == FONT_FILES[("normal", "normal")]:
            return Path(str(entry.locate())).resolve().parent
    raise RenderError(f"'{FONT_PACKAGE}' has no {FONT_FAMILY} files")


def font_face_css() -> str:
    """Return @font-face rules for the bundled serif, by file URL."""
    rules = []
    for (weight, style), name in FONT_FILES.items():
        url = (font_dir() / name).as_uri()
        rules.append(
            f'@font-face {{ font-family: "{FONT_FAMILY}"; src: url("{url}"); '
            f"font-weight: {weight}; font-style: {style}; }}"
        )
    return "\n".join(rules)


def ordinal(number: int) -> str:
    """Return "third" for 3 (or "13th" beyond ten)."""
    if 0 <= number < len(ORDINALS):
        return ORDINALS[number]
    return numeric_ordinal(number)


def join_names(names: list[str]) -> str:
    """Return "A", "A and B", or "A, B and C"."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


@dataclass(frozen=True)
class Cover:
    """The facts at the top of a submission, worded once for every renderer."""

    title: str
    submitted_by: str
    review: str
    organisations: list


def cover_lines(submission: Submission) -> Cover:
    """Return the cover: title, submitting organisations, session and State."""
    meta = submission.meta
    names = join_names([org.name for org in meta.organisations])
    session = f"{numeric_ordinal(meta.session)} session" if meta.session else "session"
    when = f", {meta.session_date}" if meta.session_date else ""
    review = f"State under review: {meta.state}. {session.capitalize()} of the UPR Working Group{when}, {ordinal(meta.cycle)} cycle"
    return Cover(meta.title, f"Submitted by {names}", review, meta.organisations)


def numeric_ordinal(number: int) -> str:
    """Return "34th" for 34."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def response_label(rec) -> str:
    """Return a recommendation's response as the annex shows it: "Supported (already implemented)"."""
    label = RESPONSE_LABELS.get(rec.response, rec.response)
    return f"{label} ({rec.category})" if rec.category else label
