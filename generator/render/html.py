"""Render the model as HTML through the submission's Jinja template.

The same HTML serves the browser preview (`--format html`) and the PDF
(WeasyPrint, which moves each note to the bottom of its page with CSS).
Content is only ever passed to the template as data, and every piece of
text is escaped: a `<b>` written in YAML shows as `<b>`.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from ..errors import RenderError
from ..inline import citation_text, crossref_text, recommendation_label
from ..model import (
    Citation,
    CrossRef,
    Emph,
    Inline,
    Link,
    NoteCall,
    RecommendationRef,
    Strong,
    Submission,
    Text,
)
from ..labels import labels_for
from ..formatting import Block, anchor, annex_blocks
from .common import cover_lines, template_dir


class HtmlWriter:
    """Turns inline nodes into escaped HTML: one `visit_<node>` per node type."""

    def render(self, nodes: list[Inline]) -> Markup:
        """Return the HTML of a list of inline nodes."""
        return Markup("").join(self.visit(node) for node in nodes)

    def visit(self, node: Inline) -> Markup:
        """Dispatch to the method for this node's type."""
        method = getattr(self, f"visit_{type(node).__name__}", None)
        if method is None:
            raise RenderError(f"the HTML writer cannot render a {type(node).__name__}")
        return method(node)

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
        body = self.render(note.content) if not note.missing else escape(f"[note '{note.key}' is not defined]")
        return Markup(
            '<sup class="screen-call"><a href="#fn-%d">%d</a></sup>'
            '<span class="fn" id="fn-%d" data-n="%d">%s</span>'
        ) % (note.number, note.number, note.number, note.number, body)

    def visit_Citation(self, node: Citation) -> Markup:
        if node.source is None:
            return escape(citation_text(node))
        source = self.render(node.source.content)
        return source + (Markup(" ") + escape(node.pinpoint) if node.pinpoint else Markup(""))

    def visit_RecommendationRef(self, node: RecommendationRef) -> Markup:
        return Markup('<span class="rec-ref">%s</span>') % recommendation_label(node)

    def visit_CrossRef(self, node: CrossRef) -> Markup:
        if node.target is None:
            return escape(crossref_text(node))
        return Markup('<a href="#%s">%s</a>') % (anchor(node.target), node.target.number)


def make_environment(template: str, templates_root: Path | None = None) -> jinja2.Environment:
    """Return a Jinja environment that loads only the template folder, escaping everything."""
    folder = template_dir(template, templates_root)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    writer = HtmlWriter()
    env.filters["inline"] = writer.render
    env.filters["anchor"] = anchor
    return env


def render_html(submission: Submission, templates_root: Path | None = None, font_css: str = "") -> str:
    """Return the submission as one HTML document."""
    env = make_environment(submission.meta.template, templates_root)
    name = submission.meta.template
    try:
        template = env.get_template("submission.html.j2")
        css = (template_dir(name, templates_root) / "style.css").read_text(encoding="utf-8")
        return template.render(
            s=submission,
            meta=submission.meta,
            cover=cover_lines(submission),
            annex=annex_rows(submission),
            labels=labels_for(submission.meta.language),
            logos=[(org, org.logo.as_uri()) for org in submission.meta.organisations if org.logo],
            css=Markup(css),
            font_css=Markup(font_css),
        )
    except jinja2.TemplateNotFound as exc:
        raise RenderError(f"template '{name}' has no {exc.name}") from None
    except jinja2.TemplateError as exc:
        line = f", line {exc.lineno}" if getattr(exc, "lineno", None) else ""
        raise RenderError(f"template '{name}'{line}: {exc.message}") from None
    except OSError as exc:
        raise RenderError(f"template '{name}': {exc.strerror}: {exc.filename}") from None


def annex_rows(submission: Submission) -> list[Block]:
    """Return the annex table's rows as formatting.py words them, head first (empty when there is no annex)."""
    return [block for block in annex_blocks(submission) if block.kind == "annex-row"] if submission.annex else []
