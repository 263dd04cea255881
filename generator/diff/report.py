"""Report a SubmissionDiff: as text for the terminal, or as JSON-ready data for tools.

The text report opens with what readers between cycles want first (own
recommendations repeated, revised, new, dropped; previous recommendations
newly cited or no longer cited), then a summary per section, then each
change word by word. It never decides colours itself: the caller passes a
`Styler` (the CLI passes one built on click.style when the terminal has
colours); the default marks changes with `[-deleted-]` and `{+inserted+}`.
"""

from __future__ import annotations

from collections import Counter
from typing import Callable, Iterator

from .model import ParagraphDiff, RecommendationDiff, SectionDiff, SubmissionDiff
from .words import Atom, InlineDiff, NoteChange, Segment

Styler = Callable[[str, str], str]  # (text, kind) → text; kind: "delete", "insert" or "heading"
CONTEXT = 6  # words of unchanged text kept on each side of a change
REC_ORDER = ("repeated", "revised", "new", "dropped")


def plain_styler(text: str, kind: str) -> str:
    """Return text marked for a terminal without colours: [-deleted-], {+inserted+}."""
    if not text:
        return text
    return {"delete": f"[-{text}-]", "insert": f"{{+{text}+}}"}.get(kind, text)


def text_report(diff: SubmissionDiff, style: Styler = plain_styler) -> str:
    """Return the whole report as lines of text."""
    head = f"{diff.old_label} → {diff.new_label}"
    if not diff.changed:
        return f"{head}: no change\n"
    parts = [
        [style(head, "heading")],
        _metadata(diff, style),
        _recommendations(diff, style),
        _references(diff, style),
        _sections(diff, style),
        notes_summary(diff),
        list(_changes(diff, style)),
    ]
    return "\n\n".join("\n".join(p) for p in parts if p) + "\n"


def _metadata(diff: SubmissionDiff, style: Styler) -> list[str]:
    """Return the metadata lines."""
    if not diff.metadata:
        return []
    lines = [style("Metadata", "heading")]
    for change in diff.metadata:
        lines.append(
            f"  {change.field}: {style(change.old or '(none)', 'delete')} → {style(change.new or '(none)', 'insert')}"
        )
    return lines


def _recommendations(diff: SubmissionDiff, style: Styler) -> list[str]:
    """Return the own recommendations: counts, then each one that is not repeated unchanged."""
    if not diff.recommendations:
        return []
    counts = Counter(r.status for r in diff.recommendations)
    lines = [style("Own recommendations", "heading") + ": " + ", ".join(f"{counts[s]} {s}" for s in REC_ORDER)]
    for rec in diff.recommendations:
        if rec.changed or rec.moved:
            lines.append(f"  {rec.status:<9} [{_where(rec)}] {words_line(rec.diff, style, context=None)}")
    return lines


def _where(rec: RecommendationDiff) -> str:
    """Return the section of a recommendation, both when it moved to another one."""
    if rec.moved and rec.old_section != rec.new_section:
        return f"{rec.old_section} → {rec.new_section}"
    return (rec.new_section or rec.old_section) + (", moved" if rec.moved else "")


def _references(diff: SubmissionDiff, style: Styler) -> list[str]:
    """Return the previous-cycle recommendations newly cited and no longer cited."""
    if not diff.recommendation_refs:
        return []
    lines = [style("Previous recommendations", "heading")]
    for ref in diff.recommendation_refs:
        mark = "insert" if ref.status == "newly cited" else "delete"
        text = f": {ref.text}" if ref.text else ""
        lines.append(f"  {ref.status:<15} {style(ref.label, mark)} in {', '.join(ref.places)}{text}")
    return lines


def _sections(diff: SubmissionDiff, style: Styler) -> list[str]:
    """Return one summary line per section."""
    lines = [style("Sections", "heading")]
    for section in diff.sections:
        lines.append(f"  {section_title(section, style)}: {section_summary(section, diff)}")
    return lines


def section_title(section: SectionDiff, style: Styler) -> str:
    """Return a section's heading, its change marked."""
    if section.heading.changed:
        return words_line(section.heading, style, context=None)
    return section.title


def section_summary(section: SectionDiff, diff: SubmissionDiff) -> str:
    """Return "2 changed, 1 moved; notes: 1 added; recommendations: 1 revised" for a section."""
    counts = section_counts(section, diff)
    groups = []
    for name, keys in (
        ("paragraphs", ("changed", "moved", "moved in", "moved out", "added", "removed")),
        ("notes", ("changed", "added", "removed")),
        ("recommendations", ("revised", "new", "dropped", "moved")),
    ):
        found = [f"{counts[name][k]} {k}" for k in keys if counts[name][k]]
        if found:
            groups.append(f"{name}: {', '.join(found)}")
    if section.moved:
        groups.insert(0, "section moved here" if section.new else "section moved away")
    elif section.status in ("added", "removed"):
        groups.insert(0, f"section {section.status}")
    elif section.heading.changed:
        groups.insert(0, "heading changed")
    return "; ".join(groups) or "no change"


def section_counts(section: SectionDiff, diff: SubmissionDiff) -> dict[str, Counter]:
    """Return counts of paragraph, note and recommendation changes within a section."""
    here = {id(p) for p in section.paragraphs()}
    left = {id(m.target) for m in section.moved_away() if isinstance(m.target, ParagraphDiff)}
    paragraphs = Counter(
        ("moved" if id(p) in left else "moved in") if p.moved else p.status for p in section.paragraphs()
    )
    paragraphs["changed"] += sum(1 for p in section.paragraphs() if p.moved and p.status == "changed")
    paragraphs["moved out"] = len(left - here)
    mine = {id(n) for change in section.notes() for n in (change.old, change.new) if n is not None}
    notes = Counter(n.status for n in diff.notes if id(n.new or n.old) in mine)
    recs = Counter(r.status for r in section.own_recommendations())
    recs["moved"] = sum(1 for r in section.own_recommendations() if r.moved)
    return {"paragraphs": paragraphs, "notes": notes, "recommendations": recs}


def notes_summary(diff: SubmissionDiff) -> list[str]:
    """Return one line counting the notes by what happened to them."""
    counts = Counter(n.status for n in diff.notes)
    renumbered = sum(1 for n in diff.notes if n.renumbered)
    found = [f"{counts[k]} {k}" for k in ("changed", "added", "removed") if counts[k]]
    if renumbered:
        found.append(f"{renumbered} renumbered (no change)")
    return [f"Notes: {', '.join(found)}"] if found else []


# --- the changes, word by word ----------------------------------------------------------------


def _changes(diff: SubmissionDiff, style: Styler) -> Iterator[str]:
    """Yield the changed paragraphs, then the changed notes, word by word."""
    changed = [p for p in diff.paragraphs() if p.moved or p.status != "unchanged"]
    notes = [n for n in diff.notes if n.status != "unchanged"]
    if not changed and not notes:
        return
    yield style("Changes", "heading")
    for paragraph in changed:
        yield f"  {paragraph_title(paragraph)}"
        for line in _paragraph_lines(paragraph, style):
            yield f"      {line}"
    for note in notes:
        yield f"  {note_title(note)}"
        yield f"      {words_line(note.diff, style, context=None if note.status != 'changed' else CONTEXT)}"


def paragraph_title(p: ParagraphDiff) -> str:
    """Return "¶ 12 (was ¶ 11) changed, moved from Media Freedom" and the like."""
    if p.status == "added":
        title = f"¶ {p.new_number} added"
    elif p.status == "removed":
        title = f"¶ {p.old_number} removed"
    else:
        was = f" (was ¶ {p.old_number})" if p.old_number != p.new_number else ""
        what = ", ".join(x for x in ("moved" if p.moved else "", "changed" if p.status == "changed" else "") if x)
        title = f"¶ {p.new_number}{was} {what}"
    if p.moved and p.old_section != p.new_section:
        title += f" from {p.old_section}"
    section = p.new_section or p.old_section
    return f"{title} [{section}]" + (f" ({p.label})" if p.label else "")


def _paragraph_lines(p: ParagraphDiff, style: Styler) -> Iterator[str]:
    """Yield the word-level changes of a paragraph: its text, then each changed line."""
    whole = p.status in ("added", "removed")
    if whole or p.content.text_changed:
        yield words_line(p.content, style, context=None if whole else CONTEXT)
    elif p.content.changed:
        changed = [n.new_number for n in p.content.notes if n.status == "changed"]
        yield f"(the text is the same; note {', '.join(map(str, changed))} changed)"
    for kind, lines in (("quote", p.quote), ("item", p.items)):
        for line in lines:
            if whole or line.status != "unchanged":
                prefix = f"{kind} {line.status}: " if not whole else f"{kind}: "
                yield prefix + words_line(line.diff, style, context=None if line.status != "changed" else CONTEXT)


def note_title(note: NoteChange) -> str:
    """Return "note 14 (was 13) changed: pinpoint" and the like."""
    if note.status == "added":
        return f"note {note.new_number} added"
    if note.status == "removed":
        return f"note {note.old_number} removed"
    was = f" (was {note.old_number})" if note.old_number != note.new_number else ""
    return f"note {note.new_number}{was} changed: {', '.join(note.kinds)}"


def words_line(diff: InlineDiff, style: Styler, context: int | None = CONTEXT) -> str:
    """Return a comparison on one line: changes marked, long unchanged stretches cut to `context` words."""
    out: list[str] = []
    segments = diff.segments
    for index, seg in enumerate(segments):
        if seg.op == "equal":
            out.append(_equal_text(seg, context, first=index == 0, last=index == len(segments) - 1))
        else:
            side = seg.old if seg.op == "delete" else seg.new
            out.append(style(_atoms_text(side), seg.op))
    return " ".join("".join(out).split())


def _equal_text(seg: Segment, context: int | None, first: bool, last: bool) -> str:
    """Return an unchanged stretch, cut to its first and last `context` words."""
    text = _atoms_text(seg.new)
    if context is None:
        return text
    tokens = text.split(" ")
    keep_head = 0 if first else context
    keep_tail = 0 if last else context
    if len(tokens) <= keep_head + keep_tail + 1:
        return text
    head = " ".join(tokens[:keep_head])
    tail = " ".join(tokens[len(tokens) - keep_tail :]) if keep_tail else ""
    return f"{head} … {tail}" if head or tail else " … "


def _atoms_text(side: list[Atom]) -> str:
    """Return atoms as text, a note call written [^N]."""
    return "".join(f"[^{a.note.number}]" if a.note is not None else a.text for a in side)


# --- JSON -------------------------------------------------------------------------------------------


def json_report(diff: SubmissionDiff) -> dict:
    """Return the comparison as plain data, for `--format json`."""
    return {
        "old": diff.old_label,
        "new": diff.new_label,
        "changed": diff.changed,
        "metadata": [{"field": m.field, "old": m.old, "new": m.new} for m in diff.metadata],
        "recommendations": [_json_recommendation(r) for r in diff.recommendations],
        "recommendation_refs": [
            {"number": r.number, "status": r.status, "label": r.label, "text": r.text, "places": r.places}
            for r in diff.recommendation_refs
        ],
        "sections": [_json_section(s, diff) for s in diff.sections],
        "paragraphs": [_json_paragraph(p) for p in diff.paragraphs() if p.moved or p.status != "unchanged"],
        "notes": [_json_note(n) for n in diff.notes if n.status != "unchanged" or n.renumbered],
    }


def _json_recommendation(rec: RecommendationDiff) -> dict:
    """Return one own recommendation as data."""
    return {
        "status": rec.status,
        "moved": rec.moved,
        "similarity": round(rec.similarity, 3),
        "old_section": rec.old_section or None,
        "new_section": rec.new_section or None,
        "old": rec.diff.old_text or None,
        "new": rec.diff.new_text or None,
        "changes": json_segments(rec.diff),
    }


def _json_section(section: SectionDiff, diff: SubmissionDiff) -> dict:
    """Return one section's summary as data."""
    counts = section_counts(section, diff)
    return {
        "heading": section.title,
        "old_heading": section.old.heading if section.old else None,
        "status": section.status,
        **{name: {k: v for k, v in c.items() if v} for name, c in counts.items()},
    }


def _json_paragraph(p: ParagraphDiff) -> dict:
    """Return one changed, moved, added or removed paragraph as data."""
    return {
        "status": p.status,
        "moved": p.moved,
        "id": p.label,
        "old_number": p.old_number or None,
        "new_number": p.new_number or None,
        "old_section": p.old_section or None,
        "new_section": p.new_section or None,
        "similarity": round(p.similarity, 3),
        "changes": json_segments(p.content),
        "quote": [{"status": line.status, "changes": json_segments(line.diff)} for line in p.quote],
        "items": [{"status": line.status, "changes": json_segments(line.diff)} for line in p.items],
    }


def _json_note(note: NoteChange) -> dict:
    """Return one note as data."""
    return {
        "status": note.status,
        "kinds": note.kinds,
        "old_number": note.old_number,
        "new_number": note.new_number,
        "changes": json_segments(note.diff),
    }


def json_segments(diff: InlineDiff) -> list[dict]:
    """Return a comparison as [{"op": "equal" | "delete" | "insert", "text": …}]."""
    return [{"op": s.op, "text": _atoms_text(s.new if s.op != "delete" else s.old)} for s in diff.segments]
