"""What each content file may say: its keys, which are required, their kinds, choices and meaning.

The loader takes its allowed keys and choices from here, and `schema.py`
turns the same description into the JSON Schemas an editor reads (VS Code's
YAML extension: completion, hover help and errors while typing). One
description, so the editor and `upr check` cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

RESPONSES: tuple[str, ...] = ("supported", "noted", "partially supported", "pending")
"""The responses a State under review can give, in the report's own order.

"partially supported" is OHCHR's "Supported/Noted": the State supports part
of the recommendation and notes the rest. "pending" means the report did not
give the response (the State gave it later, in an addendum).
"""


@dataclass(frozen=True)
class Key:
    """One key of a mapping in a content file."""

    name: str
    help: str
    """What it means, for the editor's hover help."""
    kind: str = "text"
    """text, number (a whole number), choice, list, names (a list, or one name alone), mapping, map (free keys to
    texts), flag (true/false)."""
    required: bool = False
    choices: tuple[str, ...] = ()
    of: str = "text"
    """For a list: what each item is (text, or the name of a mapping in MAPPINGS; "block" for a body entry).
    For a mapping: its name in MAPPINGS."""


MAPPINGS: dict[str, tuple[Key, ...]] = {
    "submission": (
        Key("title", "The submission's title, as on its cover.", required=True),
        Key("state", "The State under review, as the UN names it (\"Kazakhstan\").", required=True),
        Key("cycle", "The UPR cycle of this review (1, 2, 3, 4 …); the recommendations cited are of the one before.",
            "number", required=True),
        Key("session", "The session of the UPR Working Group (34).", "number"),
        Key("session_date", "When the session is held, as the cover says it (\"November 2019\")."),
        Key("type", "individual (one organisation) or joint (a coalition): the word limit depends on it.", "choice",
            choices=("individual", "joint")),
        Key("language", "The submission's language: en, fr or es.", "choice", choices=("en", "fr", "es")),
        Key("date", "The submission's date, 2019-03-28: on the cover and in the files' properties."),
        Key("numbering", "continuous (1, 2, 3 … through the submission) or by-section (1.1, 1.2, 2.1 …).", "choice",
            choices=("continuous", "by-section")),
        Key("template", "The look: a folder under templates/ (default: default)."),
        Key("organisations", "The submitting organisations, in the order the cover names them.", "list",
            required=True, of="organisation"),
        Key("recommendation_data", "The previous review's recommendations: data files made by "
            "`upr recommendations import`.", "list"),
        Key("sections", "The section files, in reading order, each listed once.", "list", required=True),
        Key("sources", "The file of sources cited by several notes (default: sources.yaml)."),
        Key("notes", "The file of notes used from several section files (default: notes.yaml)."),
        Key("word_count", "How the words are counted, if not as OHCHR counts them.", "mapping", of="word_count"),
        Key("checks", "Checks switched off for this submission, each with the reason.", "mapping", of="checks"),
        Key("annex", "The annex: a table of the previous recommendations cited, with your assessment.", "mapping",
            of="annex"),
    ),
    "organisation": (
        Key("name", "The organisation's name.", required=True),
        Key("description", "A line on what the organisation does, for the cover."),
        Key("contact", "An e-mail address or other contact, for the cover."),
        Key("website", "The organisation's web address (http:// or https://)."),
        Key("logo", "A .png, .jpg, .jpeg or .svg file inside the submission folder."),
    ),
    "word_count": (
        Key("profile", "ohchr-2024 (body, cover and recommendations count) or ohchr-2024-with-notes.", "choice",
            choices=("ohchr-2024", "ohchr-2024-with-notes")),
        Key("limit", "The word limit for this submission's type.", "number"),
        Key("parts", "The parts that count: body, notes, cover, recommendations, annex.", "list"),
    ),
    "checks": (
        Key("disable", "Check codes to switch off, each with the reason (N002: the note is used in the annex).",
            "map"),
    ),
    "annex": (
        Key("title", "The annex's heading, if not the usual one."),
        Key("assessments", "The file of your assessments (assessments.yaml)."),
        Key("order", "number (by recommendation number) or as-written (the order of the assessments file).",
            "choice", choices=("number", "as-written")),
    ),
    "section": (
        Key("heading", "The section's heading.", required=True),
        Key("body", "The section's paragraphs and subsections, in order.", "list", of="block"),
        Key("recommendations", "Your recommendations that close the section, a text each.", "list"),
        Key("recommendations_heading", "The heading above them, if not \"Recommendations\"."),
        Key("notes", "Notes called by key ([^key]) in this file or another: key: \"text\", the key of letters, "
            "digits, - and _.", "map"),
    ),
    "subsection": (
        Key("subsection", "The subsection's heading.", required=True),
        Key("body", "The subsection's paragraphs, in order (a subsection holds no subsection).", "list",
            of="paragraph"),
        Key("recommendations", "Your recommendations that close the subsection.", "list"),
        Key("recommendations_heading", "The heading above them, if not \"Recommendations\"."),
    ),
    "paragraph": (
        Key("p", "The paragraph's text (numbered for you). **bold**, *italic*, [link](https://…), a note ^[text] "
            "or [^key] (its text under notes:), {rec 124.4 (Brazil)}, {ref id}.", required=True),
        Key("id", "A name other paragraphs refer to it by, {ref id}: letters, digits, - _ . :"),
        Key("items", "A list under the paragraph, a text each.", "list"),
        Key("quote", "A quoted passage under the paragraph.", "mapping", of="quote"),
    ),
    "quote": (
        Key("items", "The quoted passage, an item each.", "list"),
        Key("numbered", "true to number the quoted items 1, 2, 3 …", "flag"),
    ),
    "assessment": (
        Key("number", "The number of the previous recommendation (124.4).", required=True),
        Key("status", "Your assessment.", "choice",
            choices=("not implemented", "partially implemented", "implemented", "not assessed")),
        Key("comment", "Why, with {ref id} to the paragraphs that show it."),
    ),
    "recommendation data": (
        Key("document", "The symbol of the Working Group report (A/HRC/28/10).", required=True),
        Key("state_under_review", "The State reviewed.", required=True),
        Key("cycle", "The cycle of that review.", "number"),
        Key("session", "The session of the Working Group.", "number"),
        Key("year", "The year of the review.", "number"),
        Key("recommendations", "The recommendations, in report order.", "list", required=True, of="recommendation"),
    ),
    "recommendation": (
        Key("number", "Its number in the report (124.4).", required=True),
        Key("text", "Its text.", required=True),
        Key("states", "The recommending State(s).", "names", required=True),
        Key("response", "The State's response.", "choice", required=True, choices=RESPONSES),
        Key("category", "The report's finer category (already implemented …)."),
        Key("page", "The page of the report it is on.", "number"),
        Key("response_source", "Where the response was read (the addendum's symbol …)."),
        Key("themes", "Themes, from OHCHR's matrix.", "names"),
        Key("affected_persons", "Affected persons, from OHCHR's matrix.", "names"),
        Key("sdgs", "Sustainable Development Goals, from OHCHR's matrix.", "names"),
    ),
}

FILES = {
    "submission": "the submission: submission.yaml",
    "section": "a section file: sections/*.yaml",
    "sources": "sources.yaml: key → the full reference of a source cited as [@key, p. 4]",
    "notes": "notes.yaml: key → the text of a note called as [^key]",
    "assessments": "assessments.yaml: a list of assessments of previous recommendations",
    "recommendations": "a recommendation data file made by upr recommendations import",
}
"""Every kind of content file, with what it is."""


def keys(mapping: str) -> tuple[str, ...]:
    """Return the keys a mapping may have, in order."""
    return tuple(key.name for key in MAPPINGS[mapping])


def key(mapping: str, name: str) -> Key:
    """Return one key of a mapping."""
    return next(k for k in MAPPINGS[mapping] if k.name == name)


def choices(mapping: str, name: str) -> tuple[str, ...]:
    """Return the values a choice key may take."""
    return key(mapping, name).choices


def required(mapping: str) -> tuple[str, ...]:
    """Return the keys a mapping must have."""
    return tuple(k.name for k in MAPPINGS[mapping] if k.required)
