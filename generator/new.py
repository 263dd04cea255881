"""`upr new`: a new submission folder that checks clean and builds, with comments that explain each key.

The skeleton is what a writer fills in: submission.yaml with the review's
facts, one section file whose paragraph shows the markup (bold, italic, a
note, a link, a reference to a previous recommendation when data is given)
and a recommendation, the editor's schemas in `.schemas/`, and on each file
the first line that points an editor at its schema. The comments beside the
keys are the help texts of contentspec.py, as the editor shows them too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import contentspec
from .contentwrite import (Folder, comment, copy_data, data_name, new_folder, quoted, read_data_option,
                           refuse_existing, write_folder)
from .errors import UsageProblem
from .markup import rec_markup
from .recommendations.data import RecommendationSet
from .schema import modeline
from .yamlnodes import XML_ILLEGAL

TITLES = {  # (language, joint) → the title, {state} the State under review
    ("en", False): "Submission to the Universal Periodic Review of {state}",
    ("en", True): "Joint submission to the Universal Periodic Review of {state}",
    ("fr", False): "Contribution à l’Examen périodique universel : {state}",
    ("fr", True): "Contribution conjointe à l’Examen périodique universel : {state}",
    ("es", False): "Contribución al Examen Periódico Universal de {state}",
    ("es", True): "Contribución conjunta al Examen Periódico Universal de {state}",
}
EXAMPLE_TEXT = {  # the first paragraph, its note placed as each language places it
    "en": ("Write each paragraph after `- p:`, in double quotes. Mark **bold** and *italic* text, link to a "
           "[source](https://www.ohchr.org/en/hr-bodies/upr), and put a note where it belongs.^[A note's text, "
           "printed at the foot of the page.]"),
    "fr": ("Écrivez chaque paragraphe après `- p:`, entre guillemets droits. Marquez le texte en **gras** et en "
           "*italique*, liez une [source](https://www.ohchr.org/fr/hr-bodies/upr) et placez une note là où elle "
           "se rapporte^[Le texte de la note, imprimé au bas de la page]."),
    "es": ("Escriba cada párrafo después de `- p:`, entre comillas rectas. Marque el texto en **negrita** y en "
           "*cursiva*, enlace una [fuente](https://www.ohchr.org/es/hr-bodies/upr) y ponga una nota donde "
           "corresponde^[El texto de la nota, impreso al pie de la página]."),
}
HEADINGS = {"en": ("Introduction", "Recommendations"), "fr": ("Introduction", "Recommandations"),
            "es": ("Introducción", "Recomendaciones")}


@dataclass
class NewSubmission:
    """What `upr new` is told about the submission to start."""

    state: str
    cycle: int
    organisations: list[str]
    type: str = "individual"
    language: str = "en"
    numbering: str = "continuous"
    session: int | None = None
    recommendations: Path | None = None
    """A recommendation data file (from upr recommendations import) to copy in and wire up."""


def create(folder: Path, spec: NewSubmission) -> list[Path]:
    """Write a new submission folder; return the files written. Nothing is written when anything is wrong."""
    refuse_existing(folder)
    _check(spec)
    data = read_data_option(spec.recommendations) if spec.recommendations else None
    return new_folder(folder, lambda target: _write(target, spec, data))


def _check(spec: NewSubmission) -> None:
    """Raise UsageProblem for a value the loader would refuse."""
    for name, value in (("type", spec.type), ("language", spec.language), ("numbering", spec.numbering)):
        allowed = contentspec.choices("submission", name)
        if value not in allowed:
            raise UsageProblem(f"--{name} must be one of {', '.join(allowed)}, not '{value}'")
    if spec.cycle < 1:
        raise UsageProblem("--cycle must be the UPR cycle of the review: 1, 2, 3, 4 …")
    if not spec.state.strip() or not [o for o in spec.organisations if o.strip()]:
        raise UsageProblem("give the State under review (--state) and at least one organisation (--organisation)")
    for option, value in (("--state", spec.state), *(("--organisation", name) for name in spec.organisations)):
        if XML_ILLEGAL.search(value) or "\n" in value:
            raise UsageProblem(f"{option} holds a control character or a line break: give it as plain text")


def _write(folder: Path, spec: NewSubmission, data: RecommendationSet | None) -> list[Path]:
    """Write the skeleton's files into `folder`; return them."""
    given = [spec.recommendations] if data is not None and spec.recommendations is not None else []
    section = "sections/01-introduction.yaml"
    skeleton = Folder({"submission.yaml": submission_yaml(spec, section, data_name(given[0]) if given else None),
                       section: section_yaml(spec, data)})
    return write_folder(folder, skeleton) + copy_data(folder, given)


def _comment(mapping: str, name: str) -> str:
    """Return a key's help as a YAML comment."""
    return comment(contentspec.key(mapping, name).help)


def submission_yaml(spec: NewSubmission, section: str, data: str | None) -> str:
    """Return the new submission.yaml, each key with its help."""
    joint = spec.type == "joint" or len(spec.organisations) > 1
    kind = "joint" if joint else spec.type
    title = TITLES[(spec.language, joint)].format(state=spec.state)
    lines = [
        modeline("submission"),
        "# The submission as a whole. Each key's meaning is in the comment beside it; in VS Code with the YAML",
        "# extension, hovering over a key shows it too, and mistakes are marked as you type.",
        f"title: {quoted(title)}{_comment('submission', 'title')}",
        f"state: {quoted(spec.state)}{_comment('submission', 'state')}",
        f"cycle: {spec.cycle}{_comment('submission', 'cycle')}",
    ]
    if spec.session:
        lines.append(f"session: {spec.session}{_comment('submission', 'session')}")
    lines += [
        f"type: {kind}{_comment('submission', 'type')}",
        f"language: {spec.language}{_comment('submission', 'language')}",
        f"numbering: {spec.numbering}{_comment('submission', 'numbering')}",
        f"organisations:{_comment('submission', 'organisations')}",
        *(f"  - name: {quoted(name.strip())}" for name in spec.organisations if name.strip()),
    ]
    if data:
        lines += [f"recommendation_data:{_comment('submission', 'recommendation_data')}", f"  - {quoted(data)}"]
    else:
        lines += ["# recommendation_data:  # the previous review's recommendations: make the file with",
                  "#   - recommendations/A-HRC-NN-NN.yaml  # upr recommendations import REPORT.pdf --out …"]
    lines += [f"sections:{_comment('submission', 'sections')}", f"  - {section}", ""]
    return "\n".join(lines)


def section_yaml(spec: NewSubmission, data: RecommendationSet | None) -> str:
    """Return the first section file: a heading, a paragraph showing the markup, and a recommendation."""
    heading, _ = HEADINGS[spec.language]
    lines = [
        modeline("section", depth=1),
        "# One section of the submission. Paragraphs are numbered for you: do not type the numbers.",
        f"heading: {quoted(heading)}{_comment('section', 'heading')}",
        f"body:{_comment('section', 'body')}",
        f"  - p: {quoted(EXAMPLE_TEXT[spec.language])}",
        "    id: introduction  # other paragraphs can refer to this one as {ref introduction}",
    ]
    first = next(iter(data.recommendations.values()), None) if data else None
    if first is not None:
        lines.append(f"  - p: {quoted(_previous(spec.language, rec_markup(first.number, first.states)))}")
    lines += [
        f"recommendations:{_comment('section', 'recommendations')}",
        f"  - {quoted(_own(spec.language, spec.state))}",
        "",
    ]
    return "\n".join(lines)


def _previous(language: str, ref: str) -> str:
    """Return a paragraph citing a previous recommendation (`ref`, its markup), as {rec …} checks it."""
    return {
        "en": f"Cite a previous recommendation by its number, as {ref}: upr checks the number and the State.",
        "fr": f"Citez une recommandation précédente par son numéro, comme {ref} : upr vérifie le numéro et l’État.",
        "es": f"Cite una recomendación anterior por su número, como {ref}: upr verifica el número y el Estado.",
    }[language]


def _own(language: str, state: str) -> str:
    """Return an example of the organisations' own recommendation."""
    return {
        "en": f"Write your recommendations to {state} here, one per item.",
        "fr": f"Écrivez ici vos recommandations à l’État examiné ({state}), une par élément.",
        "es": f"Escriba aquí sus recomendaciones al Estado examinado ({state}), una por elemento.",
    }[language]
