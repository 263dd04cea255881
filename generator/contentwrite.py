"""Write a submission model as a content folder: submission.yaml and one section file per section.

It also holds what making a new folder takes, for `upr new` and `upr import` alike: the refusal to write
over files, the --recommendations file, and the all-or-nothing write.

For importers (`upr import` of a Word file): what they read becomes the
files a writer then edits, in the shape `upr new` writes, every text in
double quotes and its markup written by markup.py. A value the importer
guessed carries a comment that says so, for the writer to confirm.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ContentError, UprError, UsageProblem

from .formatting import section_blocks
from .markup import MarkupWriter
from .model import Assessment, Paragraph, Section, Submission
from .recommendations.data import RecommendationSet, load_recommendation_data
from .traverse import RUN_KINDS, note_calls
from .schema import modeline, write_schemas

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


@dataclass
class Folder:
    """The files of a content folder, by their path inside it, as text."""

    files: dict[str, str] = field(default_factory=dict)


def quoted(text: str) -> str:
    """Return text as a YAML double-quoted scalar (a control character as its escape)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("\t", " ")
    return '"' + CONTROL.sub(_escape_code, escaped) + '"'


def _escape_code(match: re.Match[str]) -> str:
    """Return a character YAML will not read as it is, as its escape: \\x07, \\x85, \\u2028."""
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def comment(text: str | None) -> str:
    """Return a YAML comment to put after a value ("" for none)."""
    return f"  # {' '.join(text.split())}" if text else ""


LONG_NOTE = 240
"""A note longer than this (in characters of markup) is written under `notes:`, called by key, so that the
paragraph stays readable; so is a note whose text is written more than once."""


def submission_files(submission: Submission, guesses: dict[str, str], data_files: list[str]) -> Folder:
    """Return the content files of a submission: `guesses` maps a key of submission.yaml to why it is a guess.

    Short notes stay in place (`^[…]`); long and repeated ones are written once under `notes:` in the section
    file that calls them first, and called by key (`[^note-3]`).
    """
    writer = MarkupWriter()
    folder = Folder()
    names = []
    definitions = _keyed_notes(submission, writer)
    for index, section in enumerate(submission.sections, start=1):
        name = f"sections/{index:02d}-{_slug(section.heading)}.yaml"
        names.append(name)
        folder.files[name] = section_file(section, writer, definitions.get(id(section), {}))
    folder.files["submission.yaml"] = metadata_file(submission, guesses, data_files, names)
    if submission.assessments:
        folder.files["assessments.yaml"] = assessments_file(submission.assessments, writer)
    return folder


def metadata_file(submission: Submission, guesses: dict[str, str], data_files: list[str], sections: list[str]) -> str:
    """Return submission.yaml."""
    meta = submission.meta
    lines = [modeline("submission"),
             "# Imported from a Word file. Values marked 'guessed' were read from its cover: check them."]
    values = [("title", quoted(meta.title)), ("state", quoted(meta.state)), ("cycle", str(meta.cycle))]
    if meta.session:
        values.append(("session", str(meta.session)))
    if meta.session_date:
        values.append(("session_date", quoted(meta.session_date)))
    values += [("type", meta.type), ("language", meta.language)]
    if meta.date:
        values.append(("date", quoted(meta.date)))
    values.append(("numbering", meta.numbering))
    lines += [f"{key}: {value}{comment(guesses.get(key))}" for key, value in values]
    lines.append(f"organisations:{comment(guesses.get('organisations'))}")
    for organisation in meta.organisations:
        lines.append(f"  - name: {quoted(organisation.name)}")
        for key in ("description", "contact", "website"):
            if getattr(organisation, key):
                lines.append(f"    {key}: {quoted(getattr(organisation, key))}")
    if data_files:
        lines += ["recommendation_data:", *(f"  - {quoted(name)}" for name in data_files)]
    lines += ["sections:", *(f"  - {name}" for name in sections)]
    if submission.assessments:
        lines += ["annex:", "  assessments: assessments.yaml"]
    return "\n".join(lines) + "\n"


def section_file(section: Section, writer: MarkupWriter, notes: dict[str, str] | None = None) -> str:
    """Return a section file: heading, body, recommendations, and the notes defined in it (key → markup)."""
    lines = [modeline("section", depth=1), f"heading: {quoted(section.heading)}"]
    lines += _section_body(section, writer, indent="")
    if notes:
        lines += ["notes:", *(f"  {key}: {quoted(text)}" for key, text in notes.items())]
    return "\n".join(lines) + "\n"


def _keyed_notes(submission: Submission, writer: MarkupWriter) -> dict[int, dict[str, str]]:
    """Give long and repeated notes a key (in place); return section → its notes' definitions (key → markup)."""
    calls = [(section, call) for section in submission.sections
             for call in note_calls(block.content for block in section_blocks(section) if block.kind in RUN_KINDS)
             if call.note.key is None]
    texts = [writer.write(call.note.content) for _, call in calls]
    seen = Counter(texts)
    keys: dict[str, str] = {}
    definitions: dict[int, dict[str, str]] = {}
    for (section, call), text in zip(calls, texts):
        if seen[text] < 2 and len(text) <= LONG_NOTE:
            continue
        if text not in keys:
            keys[text] = f"note-{len(keys) + 1}"
            definitions.setdefault(id(section), {})[keys[text]] = text
        call.note.key = keys[text]
    return definitions


def _section_body(section: Section, writer: MarkupWriter, indent: str) -> list[str]:
    """Return the `body:` and `recommendations:` lines of a section or subsection."""
    lines = []
    if section.body:
        lines.append(f"{indent}body:")
        for block in section.body:
            if isinstance(block, Paragraph):
                lines += _paragraph(block, writer, indent + "  ")
            else:
                lines.append(f"{indent}  - subsection: {quoted(block.heading)}")
                lines += _section_body(block, writer, indent + "    ")
    if section.recommendations:
        lines.append(f"{indent}recommendations:")
        lines += [f"{indent}  - {quoted(writer.write(rec.content))}" for rec in section.recommendations]
    if section.recommendations_heading:
        lines.append(f"{indent}recommendations_heading: {quoted(section.recommendations_heading)}")
    return lines


def _paragraph(paragraph: Paragraph, writer: MarkupWriter, indent: str) -> list[str]:
    """Return a paragraph's lines: its text, id, quoted passage and items."""
    lines = [f"{indent}- p: {quoted(writer.write(paragraph.content))}"]
    if paragraph.id:
        lines.append(f"{indent}  id: {paragraph.id}")
    if paragraph.quote and paragraph.quote.items:
        lines += [f"{indent}  quote:", f"{indent}    numbered: {'true' if paragraph.quote.numbered else 'false'}",
                  f"{indent}    items:"]
        lines += [f"{indent}      - {quoted(writer.write(item))}" for item in paragraph.quote.items]
    if paragraph.items:
        lines.append(f"{indent}  items:")
        lines += [f"{indent}    - {quoted(writer.write(item))}" for item in paragraph.items]
    return lines


def assessments_file(assessments: list[Assessment], writer: MarkupWriter) -> str:
    """Return assessments.yaml."""
    lines = [modeline("assessments")]
    for assessment in assessments:
        lines += [f"- number: {quoted(assessment.number)}", f"  status: {assessment.status}"]
        if assessment.comment:
            lines.append(f"  comment: {quoted(writer.write(assessment.comment))}")
    return "\n".join(lines) + "\n"


def write_folder(folder: Path, files: Folder) -> list[Path]:
    """Write the files, and the editor's schemas, into `folder` (which must not hold a submission yet)."""
    written = write_schemas(folder)
    for name, text in files.files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def data_name(path: Path) -> str:
    """Return where a recommendation data file given to upr new or upr import is kept in the submission."""
    return f"recommendations/{path.name}"


def copy_data(folder: Path, paths: list[Path]) -> list[Path]:
    """Copy recommendation data files into the submission `folder`, each to its `data_name`; return them."""
    written = []
    for path in paths:
        target = folder / data_name(path)
        target.parent.mkdir(exist_ok=True)
        shutil.copyfile(path, target)
        written.append(target)
    return written


def _slug(heading: str) -> str:
    """Return a file name's part from a heading: "Legal framework" → "legal-framework"."""
    words = re.findall(r"[^\W_]+", heading.lower())
    return "-".join(words[:5])[:40] or "section"


def refuse_existing(folder: Path) -> None:
    """Raise UsageProblem unless `folder` is new (or empty): a new submission never lands on files."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise UsageProblem(f"'{folder}' already exists and is not empty: choose a new folder for the submission")


def read_data_option(path: Path) -> RecommendationSet:
    """Return the data file given with --recommendations; a file that is not one is a usage problem."""
    try:
        return load_recommendation_data(path.resolve())
    except ContentError as exc:
        raise UsageProblem(f"--recommendations: {exc}") from None


def new_folder(folder: Path, fill: Callable[[Path], list[Path]]) -> list[Path]:
    """Make `folder` all at once: `fill` writes into a staging folder beside it (its own folder to make), which
    then takes the folder's place; on any failure nothing is left. Return the files written, in `folder`."""
    parent = folder.parent if str(folder.parent) else Path(".")
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=parent))
    target = staging / "new"
    try:
        written = fill(target)
        if folder.exists():
            folder.rmdir()
        os.replace(target, folder)
    except OSError as exc:
        raise UprError(f"cannot write {folder}: {exc.strerror or exc}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [folder / path.relative_to(target) for path in written]
