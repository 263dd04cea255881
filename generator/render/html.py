"""Render the model as HTML through the submission's Jinja template.

The same HTML serves the browser preview (`--format html`) and the PDF
(WeasyPrint, which moves each note to the bottom of its page with CSS).
Content is only ever passed to the template as data, and every piece of
text is escaped: a `<b>` written in YAML shows as `<b>`.
"""

from __future__ import annotations

import traceback
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from ..errors import RenderError, shown_path
from ..inline import InlineVisitor, citation_content, crossref_text, note_content, recommendation_label
from ..model import Citation, CrossRef, Emph, Inline, Link, NoteCall, RecommendationRef, Strong, Submission, Text
from ..labels import labels_for
from ..formatting import Block, anchor, document_date, format_submission, review_line
from .common import data_uri, font_face_css, template_dir


class HtmlWriter(InlineVisitor[Markup]):
    """Turns inline nodes into escaped HTML: one `visit_<node>` per node type."""

    writer_name = "the HTML writer"

    def render(self, nodes: list[Inline]) -> Markup:
        """Return the HTML of a list of inline nodes."""
        return Markup("").join(self.visit(node) for node in nodes)

    def visit_Text(self, node: Text) -> Markup:
        return escape(node.text)

    def visit_Strong(self, node: Strong) -> Markup:
        return Markup("<strong>%s</strong>") % self.render(node.children)

    def visit_Emph(self, node: Emph) -> Markup:
        return Markup("<em>%s</em>") % self.render(node.children)

    def visit_Link(self, node: Link) -> Markup:
        return Markup('<a href="%s">%s</a>') % (node.url, self.render(node.children))

    def visit_NoteCall(self, node: NoteCall) -> Markup:
        note = node.note
        body = self.render(note_content(note))
        return Markup(
            '<sup class="screen-call"><a href="#fn-%d">%d</a></sup>'
            '<span class="fn" id="fn-%d" data-n="%d">%s</span>'
        ) % (note.number, note.number, note.number, note.number, body)

    def visit_Citation(self, node: Citation) -> Markup:
        return self.render(citation_content(node))

    def visit_RecommendationRef(self, node: RecommendationRef) -> Markup:
        return Markup('<span class="rec-ref">%s</span>') % recommendation_label(node)

    def visit_CrossRef(self, node: CrossRef) -> Markup:
        if node.target is None:
            return escape(crossref_text(node))
        return Markup('<a href="#%s">%s</a>') % (anchor(node.target), node.target.number)


class HtmlBody:
    """Writes the body's blocks as HTML: sections, paragraph blocks and their lists opened and closed as the
    blocks come (one method per kind, and an error for a kind it does not know)."""

    def __init__(self, writer: HtmlWriter) -> None:
        self.writer = writer
        self.out: list[Markup] = []
        self.sections: list[int] = []  # levels of the open <section>s
        self.open_list: tuple[str, str] | None = None  # the open list's tag and class
        self.in_paragraph = False

    def render(self, blocks: list[Block]) -> Markup:
        """Return the HTML of the body blocks."""
        for block in blocks:
            method = getattr(self, f"block_{block.kind.replace('-', '_')}", None)
            if method is None:
                raise RenderError(f"the HTML writer cannot render a {block.kind} block")
            method(block)
        self.close_to(0)
        return Markup("\n").join(self.out)

    def close_list(self) -> None:
        """Close the open list, if any."""
        if self.open_list:
            self.out.append(Markup("</%s>") % self.open_list[0])
            self.open_list = None

    def close_paragraph(self) -> None:
        """Close the open paragraph block (and its list)."""
        self.close_list()
        if self.in_paragraph:
            self.out.append(Markup("</div>"))
            self.in_paragraph = False

    def close_to(self, level: int) -> None:
        """Close everything inside the sections of *level* and deeper."""
        self.close_paragraph()
        while self.sections and self.sections[-1] >= level:
            self.sections.pop()
            self.out.append(Markup("</section>"))

    def open_list_as(self, tag: str, css: str) -> None:
        """Open a list of this tag and class unless it is the one open."""
        if self.open_list == (tag, css):
            return
        self.close_list()
        self.out.append(Markup('<%s class="%s">') % (tag, css))
        self.open_list = (tag, css)

    def block_heading(self, block: Block) -> None:
        self.close_to(block.level)
        self.sections.append(block.level)
        self.out.append(Markup('<section class="level-%d">') % block.level)
        text = self.writer.render(list(block.content))
        if block.level == 1:
            number = Markup('<span class="sec-num">%s.</span> ') % block.number if block.number else Markup("")
            self.out.append(Markup("<h1>%s%s</h1>") % (number, text))
        else:
            self.out.append(Markup("<h2>%s</h2>") % text)

    def block_paragraph(self, block: Block) -> None:
        self.close_to(block.level + 1)  # out of any subsection it follows
        self.in_paragraph = True
        self.out.append(Markup('<div class="para-block" id="%s">') % block.anchor)
        self.out.append(Markup('<p class="para"><span class="num">%s.</span>%s</p>')
                        % (block.number, self.writer.render(list(block.content))))

    def block_quote(self, block: Block) -> None:
        self.open_list_as("ol" if block.number else "ul", "quote")
        self.out.append(Markup("<li>%s</li>") % self.writer.render(list(block.content)))

    def block_item(self, block: Block) -> None:
        self.open_list_as("ul", "items")
        self.out.append(Markup("<li>%s</li>") % self.writer.render(list(block.content)))

    def block_recommendations_heading(self, block: Block) -> None:
        self.close_to(block.source.level + 1)  # the section's own, after its subsections
        self.out.append(Markup('<h3 class="recommendations-heading">%s</h3>') % self.writer.render(list(block.content)))

    def block_recommendation(self, block: Block) -> None:
        self.open_list_as("ul", "recommendations")
        self.out.append(Markup("<li>%s</li>") % self.writer.render(list(block.content)))


def body_html(blocks: list[Block]) -> Markup:
    """Return the HTML of the body's blocks (sections, paragraphs, recommendations)."""
    return HtmlBody(HtmlWriter()).render([block for block in blocks if block.part in ("body", "recommendations")])


def make_environment(template: str, templates_root: Path | None = None) -> jinja2.Environment:
    """Return a Jinja environment for the submission's template, with its filters."""
    env = template_environment(template_dir(template, templates_root))
    writer = HtmlWriter()
    env.filters["inline"] = writer.render
    env.filters["anchor"] = anchor
    return env


def template_environment(folder: Path) -> jinja2.Environment:
    """Return a Jinja environment that loads only `folder`, escaping everything."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_template(env: jinja2.Environment, name: str, **values: object) -> str:
    """Return the template `name` rendered with `values`; a mistake in a template is a RenderError that names
    the template's file and line."""
    try:
        return env.get_template(name).render(**values)
    except jinja2.TemplateNotFound as exc:
        raise RenderError(f"{_template_folder(env)} has no {exc.name}: copy it from upr's default template") from None
    except jinja2.TemplateSyntaxError as exc:
        where = _template_place(Path(exc.filename or _template_folder(env) / name), exc.lineno)
        raise RenderError(f"{where}: template syntax error: {exc.message.rstrip('.')}: correct the template") from None
    except jinja2.TemplateError as exc:
        where = _template_place(*_failing_template_line(exc, _template_folder(env) / name))
        raise RenderError(f"{where}: {(exc.message or type(exc).__name__).rstrip('.')}: correct the template") from None


def _template_folder(env: jinja2.Environment) -> Path:
    """Return the one folder an environment of template_environment loads from."""
    assert isinstance(env.loader, jinja2.FileSystemLoader)
    return Path(env.loader.searchpath[0])


def _failing_template_line(exc: Exception, default: Path) -> tuple[Path, int | None]:
    """Return the template file and line a rendering error was raised at (Jinja writes the template's own
    lines into the traceback), or `default` and no line when none is found."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".j2"):
            return Path(frame.filename), frame.lineno
    return default, None


def _template_place(path: Path, line: int | None) -> str:
    """Return "file:line" (or the file alone) as a person would type it."""
    return f"{shown_path(path)}:{line}" if line else shown_path(path)


def render_html(submission: Submission, templates_root: Path | None = None, font_css: str = "") -> str:
    """Return the submission as one HTML document, the logos in it as data (no path of this machine, and the
    PDF names each picture by its content, not by where the folder is)."""
    env = make_environment(submission.meta.template, templates_root)
    css = _style_css(template_dir(submission.meta.template, templates_root))
    blocks = format_submission(submission)
    with_logos = [organisation for block in blocks if block.kind == "cover-logos" for organisation in block.source]
    return render_template(
        env,
        "submission.html.j2",
        s=submission,
        meta=submission.meta,
        review=review_line(submission),
        created=document_date(submission.meta.date).strftime("%Y-%m-%dT%H:%M:%SZ"),
        cover_lines=[block for block in blocks if block.kind in ("cover-title", "cover-line")],
        logos=[(organisation, data_uri(organisation.logo)) for organisation in with_logos],
        body=body_html(blocks),
        annex_heading=next((block for block in blocks if block.kind == "annex-heading"), None),
        annex=[block for block in blocks if block.kind == "annex-row"],
        labels=labels_for(submission.meta.language),
        css=Markup(css),
        font_css=Markup(font_css),
    )


def pdf_page(submission: Submission, templates_root: Path | None = None) -> str:
    """Return the page the PDF is laid out from: the HTML, with the font by file (WeasyPrint subsets it)."""
    return render_html(submission, templates_root, font_css=font_face_css())


def _style_css(folder: Path) -> str:
    """Return the template's style sheet; raise RenderError when it cannot be read as UTF-8 text."""
    path = folder / "style.css"
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RenderError(f"{shown_path(path)}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise RenderError(f"{shown_path(path)}: not UTF-8 text: save it as UTF-8") from None
