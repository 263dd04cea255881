"""What every renderer shares: where templates and fonts are, and the cover's wording."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from ..errors import RenderError
from ..labels import labels_for
from ..model import Submission
from ..recommendations.data import Recommendation

REPO_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
FONT_PACKAGE = "common-fonts"
FONT_FAMILY = "PT Serif"
FONT_FILES = {  # (weight, style) → file in the font package
    ("normal", "normal"): "PT_Serif-Web-Regular.ttf",
    ("bold", "normal"): "PT_Serif-Web-Bold.ttf",
    ("normal", "italic"): "PT_Serif-Web-Italic.ttf",
    ("bold", "italic"): "PT_Serif-Web-BoldItalic.ttf",
}


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


def join_names(names: list[str], and_: str = "and") -> str:
    """Return "A", "A and B", or "A, B and C" (with the language's "and")."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {and_} " + names[-1]


@dataclass(frozen=True)
class OrganisationLine:
    """An organisation's details on the cover: what it is, its website, its contact."""

    name: str
    description: str | None
    website: str | None
    contact: str | None  # already labelled: "Contact: …"

    @property
    def details(self) -> str:
        """Return the details as one line of text."""
        return " ".join(x for x in (self.description, self.website, self.contact) if x)


@dataclass(frozen=True)
class Cover:
    """The facts at the top of a submission, worded once for every renderer."""

    title: str
    submitted_by: str
    review: str
    organisations: list
    organisation_lines: list[OrganisationLine]


def cover_lines(submission: Submission) -> Cover:
    """Return the cover: title, submitting organisations, session and State."""
    meta = submission.meta
    labels = labels_for(meta.language)
    names = join_names([org.name for org in meta.organisations], labels.and_)
    session = labels.session_text(meta.session) if meta.session else None
    details = ", ".join(x for x in (session, meta.session_date, labels.cycle_text(meta.cycle)) if x)
    review = f"{labels.state_under_review}{labels.colon}{meta.state}. {details[:1].upper()}{details[1:]}"
    lines = [
        OrganisationLine(org.name, org.description, org.website,
                         f"{labels.contact}{labels.colon}{org.contact}" if org.contact else None)
        for org in meta.organisations
        if org.description or org.website or org.contact
    ]
    return Cover(meta.title, f"{labels.submitted_by} {names}", review, meta.organisations, lines)


def response_label(rec: Recommendation, language: str = "en") -> str:
    """Return a recommendation's response as the annex shows it: "Supported (already implemented)"."""
    label = labels_for(language).responses.get(rec.response, rec.response)
    return f"{label} ({rec.category})" if rec.category else label

