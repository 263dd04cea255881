"""Load a submission folder (YAML) into the document model."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Callable, TypeVar
from urllib.parse import urlsplit

import yaml

from . import contentspec
from .errors import ContentError, ContentErrors, Location, UsageProblem
from .inline import LABEL, InlineContext, parse_inline
from .model import (
    Assessment,
    Inline,
    Metadata,
    NoteDefinition,
    Organisation,
    OwnRecommendation,
    Paragraph,
    Quote,
    Section,
    Source,
    Submission,
)
from .pictures import LOGO_SUFFIXES, logo_problem
from .recommendations.data import RecommendationSet, load_recommendation_data
from .yamlnodes import Mapping, YamlFile, read_yaml, scalar

SUBMISSION_FILE = "submission.yaml"
# The keys and choices of each file are described once, in contentspec.py (the editor's schemas come from there).
SUBMISSION_KEYS = contentspec.keys("submission")
ORGANISATION_KEYS = contentspec.keys("organisation")
SECTION_KEYS = contentspec.keys("section")
SUBSECTION_KEYS = contentspec.keys("subsection")
PARAGRAPH_KEYS = contentspec.keys("paragraph")
QUOTE_KEYS = contentspec.keys("quote")
WORD_COUNT_KEYS = contentspec.keys("word_count")
ANNEX_KEYS = contentspec.keys("annex")
ANNEX_ORDERS = contentspec.choices("annex", "order")
ASSESSMENT_KEYS = contentspec.keys("assessment")
ASSESSMENT_STATUSES = contentspec.choices("assessment", "status")
T = TypeVar("T")
MAX_CYCLE = 20  # the fourth cycle runs to 2027; a cycle lasts about five years
MAX_SESSION = 999  # the Working Group held its 47th session in 2024


def load_submission(folder: Path) -> Submission:
    """Return the submission in `folder`, unresolved; raise ContentError on bad content."""
    folder = folder.resolve()
    if not (folder / SUBMISSION_FILE).is_file():
        raise ContentError(f"no {SUBMISSION_FILE} here: not a submission folder", Location(folder))
    return _Loader(folder).load()


class _Loader:
    """Reads one submission folder; keeps the files read and the note keys seen."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.files: list[Path] = []
        self.section_paths: set[Path] = set()
        self.note_definitions: dict[str, NoteDefinition] = {}
        self.dropped_comments: list[Location] = []
        self.errors: list[ContentError] = []

    def attempt(self, read: Callable[..., T], *args: object) -> T | None:
        """Return what `read` reads, or None when its content has a mistake, which is kept for the end: one
        mistake does not hide the next."""
        try:
            return read(*args)
        except ContentErrors as exc:
            self.errors += exc.errors
        except ContentError as exc:
            self.errors.append(exc)
        return None

    def read(self, relative: str, where: Location) -> YamlFile:
        """Return a YAML file named in the content, refusing paths outside the folder."""
        path = self.inside(relative, where)
        doc = read_yaml(path)
        self.files.append(path)
        self.dropped_comments += doc.dropped_comments()
        return doc

    def inside(self, relative: str, where: Location, shared: bool = False) -> Path:
        """Return `relative` as a path inside the submission folder (or, when `shared`, its parent folder)."""
        try:
            path = (self.folder / relative).resolve()
        except RuntimeError:  # Python 3.11's word for a symbolic link that leads back to itself
            raise ContentError(f"'{relative}' is a symbolic link that loops: put the file itself there", where) from None
        top = self.folder.parent if shared else self.folder
        if not path.is_relative_to(top):
            place = "the submission folder and its parent folder" if shared else "the submission folder"
            raise ContentError(f"'{relative}' is outside {place}", where)
        if not path.is_file():
            raise ContentError(f"file '{relative}' not found in {self.folder.name}/", where)
        return path

    def load(self) -> Submission:
        """Return the whole submission."""
        doc = self.read(SUBMISSION_FILE, Location(self.folder))
        if doc.root is None:
            raise ContentError("the file is empty", Location(doc.path, 1, 1))
        top = Mapping(doc, doc.root, SUBMISSION_FILE, SUBMISSION_KEYS)
        meta = self.attempt(self.metadata, top)
        sources = self.attempt(self.sources, top) or {}
        self.attempt(self.notes_file, top)
        listed = self.attempt(top.sequence, "sections") or []
        sections = [s for s in (self.attempt(self.section_file, doc, node) for node in listed) if s is not None]
        if not listed and not self.errors:
            self.errors.append(ContentError("'sections' lists no section files", top.location))
        # Data files may be shared by several submissions, in a folder beside them.
        rec_data = [
            rset for rset in (self.attempt(self.data_file, doc, n) for n in self.attempt(top.sequence, "recommendation_data") or [])
            if rset is not None
        ]
        annex, annex_title, assessments, annex_order = self.attempt(self.annex, top) or (False, None, [], "number")
        if self.errors:
            raise self.errors[0] if len(self.errors) == 1 else ContentErrors(self.errors)
        assert meta is not None
        return Submission(
            root=self.folder, meta=meta, sections=sections, sources=sources,
            note_definitions=self.note_definitions, recommendation_data=rec_data,
            assessments=assessments, annex=annex, annex_title=annex_title, annex_order=annex_order,
            files=self.files, dropped_comments=self.dropped_comments,
        )

    def data_file(self, doc: YamlFile, node: yaml.Node) -> RecommendationSet:
        """Return the recommendation data a `recommendation_data` entry names."""
        return load_recommendation_data(self.inside(scalar(doc, node, "a data file"), doc.location(node), shared=True))

    # --- metadata ---------------------------------------------------------

    def metadata(self, top: Mapping) -> Metadata:
        """Return the submission's metadata."""
        organisations = [self.organisation(top.doc, n) for n in top.sequence("organisations")]
        if not organisations:
            raise ContentError("'organisations' must name at least one organisation", top.location)
        meta = Metadata(
            title=top.required("title"),
            state=top.required("state"),
            cycle=top.integer("cycle") or 0,
            session=top.integer("session"),
            type=top.choice("type", contentspec.choices("submission", "type"), "individual"),
            language=top.choice("language", contentspec.choices("submission", "language"), "en"),
            organisations=organisations,
            location=top.location,
            session_date=top.string("session_date"),
            date=top.string("date"),
            numbering=top.choice("numbering", contentspec.choices("submission", "numbering"), "continuous"),
            template=top.string("template", "default") or "default",
        )
        if not meta.cycle:
            raise ContentError("submission.yaml needs 'cycle' (the UPR cycle, e.g. 3)", top.location)
        for key, value, most in (("cycle", meta.cycle, MAX_CYCLE), ("session", meta.session, MAX_SESSION)):
            if value is not None and not 1 <= value <= most:
                raise ContentError(f"'{key}' must be between 1 and {most}, not {value}",
                                   top.doc.location(top.node_of(key)))
        meta.value_locations = {key: top.doc.location(top.node_of(key)) for key in top.items if key in top}
        self.word_count(top, meta)
        self.checks(top, meta)
        return meta

    def organisation(self, doc: YamlFile, node: yaml.Node) -> Organisation:
        """Return one submitting organisation."""
        org = Mapping(doc, node, "an organisation", ORGANISATION_KEYS)
        return Organisation(
            name=org.required("name"), location=org.location,
            description=org.string("description"), contact=org.string("contact"),
            website=self.website(org), logo=self.logo(org),
        )

    def website(self, org: Mapping) -> str | None:
        """Return an organisation's web address; only http(s) addresses become links."""
        url = org.string("website")
        if url is None:
            return None
        parts = urlsplit(url.strip())
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c.isspace() for c in url.strip()):
            where = org.doc.location(org.node_of("website"))
            raise ContentError(f"'website' must be a web address starting with http:// or https://, not '{url}'", where)
        return url.strip()

    def logo(self, org: Mapping) -> Path | None:
        """Return an organisation's logo: an image file inside the submission folder."""
        relative = org.string("logo")
        if relative is None:
            return None
        where = org.doc.location(org.node_of("logo"))
        path = self.inside(relative, where)
        if path.suffix.lower() not in LOGO_SUFFIXES:
            kinds = f"{', '.join(LOGO_SUFFIXES[:-1])} or {LOGO_SUFFIXES[-1]}"
            raise ContentError(f"the logo must be a {kinds} file, not '{relative}'", where)
        problem = logo_problem(path)
        if problem:
            raise ContentError(f"'{relative}' {problem}", where)
        return path

    def word_count(self, top: Mapping, meta: Metadata) -> None:
        """Read the optional word-count profile override."""
        if "word_count" not in top:
            return
        wc = Mapping(top.doc, top.node_of("word_count"), "'word_count'", WORD_COUNT_KEYS)
        meta.word_limit_profile = wc.string("profile")
        meta.word_count_location = top.doc.location(wc.node_of("profile")) if "profile" in wc else wc.location
        limit = wc.integer("limit")
        if limit:
            meta.word_limits[meta.type] = limit
        if "parts" in wc:
            parts = wc.sequence("parts")
            meta.word_count_parts = [scalar(top.doc, n, "a part") for n in parts]
            meta.word_count_part_locations = [top.doc.location(n) for n in parts]

    def checks(self, top: Mapping, meta: Metadata) -> None:
        """Read the checks switched off for this submission, each with its reason."""
        if "checks" not in top:
            return
        checks = Mapping(top.doc, top.node_of("checks"), "'checks'", contentspec.keys("checks"))
        for code, key, value in checks.entries("disable"):
            reason = scalar(top.doc, value, f"the reason for disabling {code}")
            if not reason.strip():
                raise ContentError(f"say why {code} is switched off", top.doc.location(value))
            meta.disabled_checks[code] = reason
            meta.disabled_check_locations[code] = top.doc.location(key)

    # --- sources and notes --------------------------------------------------

    def sources(self, top: Mapping) -> dict[str, Source]:
        """Return the sources of `sources.yaml` (or the file `sources:` names)."""
        name = top.string("sources") or "sources.yaml"
        if not (self.folder / name).is_file() and "sources" not in top:
            return {}
        doc = self.read(name, top.location)
        found: dict[str, Source] = {}
        for key, knode, vnode in _file_entries(doc, "sources"):
            found[key] = Source(key, self.inline(doc, vnode, f"the source '{key}'", in_note=True), doc.location(knode))
        return found

    def notes_file(self, top: Mapping) -> None:
        """Read the notes of `notes.yaml` (or the file that `notes:` names), if any."""
        name = top.string("notes") or "notes.yaml"
        if not (self.folder / name).is_file() and "notes" not in top:
            return
        doc = self.read(name, top.location)
        for key, knode, vnode in _file_entries(doc, "notes"):
            self.define_note(doc, key, knode, vnode)

    def define_note(self, doc: YamlFile, key: str, knode: yaml.Node, vnode: yaml.Node) -> None:
        """Record a note defined by key; a key defined twice is an error."""
        if key in self.note_definitions:
            first = self.note_definitions[key].location
            raise ContentError(f"note '{key}' is already defined at {first}", doc.location(knode))
        content = self.inline(doc, vnode, f"the note '{key}'", in_note=True)
        self.note_definitions[key] = NoteDefinition(key, content, doc.location(knode))

    # --- sections -------------------------------------------------------------

    def section_file(self, doc: YamlFile, node: yaml.Node) -> Section:
        """Return the section in the file that `node` names."""
        relative = scalar(doc, node, "a section file")
        path = self.inside(relative, doc.location(node))
        if path in self.section_paths:
            raise ContentError(f"section file '{relative}' is listed twice", doc.location(node))
        self.section_paths.add(path)
        sdoc = self.read(relative, doc.location(node))
        if sdoc.root is None:
            raise ContentError("the section file is empty", Location(sdoc.path, 1, 1))
        top = Mapping(sdoc, sdoc.root, "a section file", SECTION_KEYS)
        for key, knode, vnode in top.entries("notes"):
            self.define_note(sdoc, key, knode, vnode)
        return self.section(top, top.required("heading"), level=1)

    def section(self, mapping: Mapping, heading: str, level: int) -> Section:
        """Return a section or subsection from its mapping."""
        body = [b for b in (self.attempt(self.block, mapping.doc, n, level) for n in mapping.sequence("body")) if b]
        recommendations = [
            rec for rec in (self.attempt(self.own_recommendation, mapping.doc, n) for n in mapping.sequence("recommendations"))
            if rec is not None
        ]
        return Section(
            heading=heading, level=level, body=body, location=mapping.location,
            recommendations=recommendations,
            recommendations_heading=mapping.string("recommendations_heading"),
        )

    def own_recommendation(self, doc: YamlFile, node: yaml.Node) -> OwnRecommendation:
        """Return one of a section's own recommendations."""
        return OwnRecommendation(self.inline(doc, node, "a recommendation"), doc.location(node))

    def block(self, doc: YamlFile, node: yaml.Node, level: int) -> Paragraph | Section:
        """Return one entry of a `body` list: a paragraph or a subsection."""
        if isinstance(node, yaml.MappingNode) and any(k.value == "subsection" for k, _ in node.value):
            if level >= 2:
                raise ContentError("a subsection cannot hold another subsection", doc.location(node))
            mapping = Mapping(doc, node, "a subsection", SUBSECTION_KEYS)
            return self.section(mapping, mapping.required("subsection"), level=2)
        if isinstance(node, yaml.ScalarNode):
            raise ContentError("write a paragraph as '- p: text'", doc.location(node))
        mapping = Mapping(doc, node, "a paragraph", PARAGRAPH_KEYS)
        text = mapping.node_of("p")
        content = self.inline(doc, text, "the text of a paragraph")
        if not content:
            raise ContentError("a paragraph cannot be empty", doc.location(text))
        return Paragraph(
            content=content,
            location=mapping.location,
            id=self.paragraph_id(mapping),
            items=[self.inline(doc, n, "an item of a paragraph") for n in mapping.sequence("items")],
            quote=self.quote(doc, mapping),
        )

    def paragraph_id(self, paragraph: Mapping) -> str | None:
        """Return a paragraph's id, which {ref …} must be able to name."""
        value = paragraph.string("id")
        if value is not None and not LABEL.fullmatch(value):
            raise ContentError(
                f"'{value}' cannot be an id: use letters, digits, '-', '_', '.' or ':', with no spaces",
                paragraph.doc.location(paragraph.node_of("id")),
            )
        return value

    def quote(self, doc: YamlFile, paragraph: Mapping) -> Quote | None:
        """Return a paragraph's quoted passage, if it has one."""
        if "quote" not in paragraph:
            return None
        mapping = Mapping(doc, paragraph.node_of("quote"), "'quote'", QUOTE_KEYS)
        numbered = (mapping.string("numbered") or "false").lower() in ("true", "yes")
        items = [self.inline(doc, n, "an item of a quote") for n in mapping.sequence("items")]
        return Quote(items=items, numbered=numbered, location=mapping.location)

    # --- annex ------------------------------------------------------------------

    def annex(self, top: Mapping) -> tuple[bool, str | None, list[Assessment], str]:
        """Return whether the annex is wanted, its title if the author gave one, the assessments and their order."""
        if "annex" not in top:
            return False, None, [], "number"
        annex = Mapping(top.doc, top.node_of("annex"), "'annex'", ANNEX_KEYS)
        title = annex.string("title")
        order = annex.choice("order", ANNEX_ORDERS, "number")
        if "assessments" not in annex:
            return True, title, [], order
        doc = self.read(annex.required("assessments"), annex.key_location("assessments"))
        nodes = doc.root.value if isinstance(doc.root, yaml.SequenceNode) else None
        if nodes is None:
            raise ContentError("the assessments file must be a list ('- number: …')", Location(doc.path, 1, 1))
        return True, title, [a for a in (self.attempt(self.assessment, doc, n) for n in nodes) if a is not None], order

    def assessment(self, doc: YamlFile, node: yaml.Node) -> Assessment:
        """Return one assessment of a previous recommendation."""
        mapping = Mapping(doc, node, "an assessment", ASSESSMENT_KEYS)
        comment = (
            self.inline(doc, mapping.node_of("comment"), "the comment of an assessment", notes_allowed=False)
            if "comment" in mapping else []
        )
        return Assessment(
            number=mapping.required("number"),
            status=mapping.choice("status", ASSESSMENT_STATUSES, "not implemented"),
            comment=comment, location=mapping.location,
        )

    # --- text -------------------------------------------------------------------

    def inline(
        self, doc: YamlFile, node: yaml.Node, what: str, in_note: bool = False, notes_allowed: bool = True
    ) -> list[Inline]:
        """Return the inline content of a text value; `what` names it in errors ("the text of a paragraph")."""
        text = scalar(doc, node, what).strip()
        context = InlineContext(doc.locator(node, text), in_note=in_note, notes_allowed=notes_allowed)
        return parse_inline(text, context)


def _file_entries(doc: YamlFile, what: str):
    """Yield (key, key node, value node) of a whole-file mapping such as sources.yaml."""
    if doc.root is None:
        return
    mapping = Mapping(doc, doc.root, f"the {what} file", ())
    for key, (knode, vnode) in mapping.items.items():
        yield key, knode, vnode


def submission_folder(path: Path) -> Path:
    """Return the submission folder a path names, or say what is wrong with it."""
    if path.name == "submission.yaml" and path.is_file():
        return path.parent
    if path.is_dir() and not (path / SUBMISSION_FILE).is_file():
        inside = sorted(p.parent.name for p in path.glob(f"*/{SUBMISSION_FILE}"))
        if inside:
            raise UsageProblem(f"'{path}' holds submission folders, not a submission: name one of them "
                               f"({', '.join(inside[:3])}{' …' if len(inside) > 3 else ''}), or give none for all")
        raise UsageProblem(f"'{path}' has no {SUBMISSION_FILE}: it is not a submission folder (upr new starts one)")
    if path.is_dir():
        return path
    if path.exists():
        raise UsageProblem(f"'{path}' is a file, not a submission folder: give the folder that holds submission.yaml")
    near = difflib.get_close_matches(path.name, [p.name for p in _siblings(path)], n=1)
    hint = f": did you mean '{path.parent / near[0]}'?" if near else ""
    raise UsageProblem(f"there is no folder '{path}'{hint}")


def _siblings(path: Path) -> list[Path]:
    """Return the folders beside where `path` would be."""
    parent = path.parent if str(path.parent) else Path(".")
    return [p for p in parent.iterdir() if p.is_dir()] if parent.is_dir() else []
