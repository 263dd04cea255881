"""Previous-cycle recommendations: the model, the YAML data file, and search.

A data file is written once by ``upr recommendations import`` and may then be
corrected by hand, so the loader reports every problem at its line and column.
"""

from __future__ import annotations

import re
from collections import Counter
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml
from yaml.nodes import Node, ScalarNode, SequenceNode

from generator import contentspec
from generator.errors import ContentError, Location
from generator.recommendations.un_states import same_state
from generator.yamlnodes import XML_ILLEGAL, Mapping, YamlFile, read_yaml

RESPONSES = contentspec.RESPONSES  # the vocabulary of the content files, described there


@dataclass(frozen=True)
class Recommendation:
    """One recommendation of a Working Group report, as the report words it."""

    number: str
    """The number people cite, e.g. "124.4"; in cycle-1 reports paragraph.item, e.g. "95.1"."""
    text: str
    """The recommendation on one line, without page furniture or the trailing State list."""
    states: tuple[str, ...]
    """The recommending State(s), exactly as the report writes them."""
    response: str
    """One of RESPONSES: "supported", "noted", "partially supported" or "pending" (not yet given)."""
    category: str | None
    """The report's finer category, e.g. "already implemented"; None where it has none."""
    document: str
    """The symbol of the report, e.g. "A/HRC/28/10"."""
    page: int | None
    """The page of the PDF on which the item starts."""
    response_source: str | None = None
    """Where the response was given when not in the report itself, e.g. "A/HRC/28/15/Add.1, para. 3"."""
    themes: tuple[str, ...] = ()
    """The human rights themes OHCHR's matrix gives the recommendation ("Right to health")."""
    affected_persons: tuple[str, ...] = ()
    """The groups of persons the matrix names ("children", "persons with disabilities")."""
    sdgs: tuple[str, ...] = ()
    """The Sustainable Development Goals the matrix names ("16 - Peace, justice and strong institutions")."""
    location: Location | None = field(default=None, compare=False)
    """Where the entry is in the YAML data file (set by the loader)."""


@dataclass(frozen=True)
class RecommendationSet:
    """All the recommendations of one Working Group report."""

    document: str
    """The symbol of the report, e.g. "A/HRC/28/10"."""
    state_under_review: str
    """The State that was reviewed, e.g. "Kazakhstan"."""
    cycle: int | None
    """The UPR cycle of the review (1, 2, 3 …)."""
    session: int | None
    """The session of the UPR Working Group at which the review was held."""
    year: int | None
    """The year of the review."""
    recommendations: dict[str, Recommendation]
    """The recommendations by number, in report order."""
    path: Path | None = field(default=None, compare=False)
    """The data file this set was loaded from (set by the loader)."""
    source: str | None = field(default=None, compare=False)
    """The report file it was imported from (set by the importer; only a comment in the data file)."""

    def get(self, number: str) -> Recommendation | None:
        """Return the recommendation with this number, or None."""
        return self.recommendations.get(number.strip())

    def __iter__(self) -> Iterator[Recommendation]:
        """Return the recommendations in report order."""
        return iter(self.recommendations.values())

    def __len__(self) -> int:
        """Return how many recommendations the set holds."""
        return len(self.recommendations)

    def counts(self) -> dict[str, int]:
        """Return the number of recommendations per response, in the order of RESPONSES."""
        found = Counter(rec.response for rec in self.recommendations.values())
        return {response: found[response] for response in RESPONSES}

    def response_document(self, rec: Recommendation) -> str:
        """Return the symbol of the document that gave a recommendation's response: its response_source's
        ("A/HRC/28/15/Add.1" of "A/HRC/28/15/Add.1, para. 3"), else this report's."""
        return source_symbol(rec.response_source) if rec.response_source else self.document


def source_symbol(source: str) -> str:
    """Return the document of a response source: "A/HRC/28/15/Add.1, para. 3" → "A/HRC/28/15/Add.1"."""
    return source.split(",")[0].strip()


# --- State names -----------------------------------------------------------

QUOTES = str.maketrans({"‘": "'", "’": "'", "ʼ": "'", "`": "'", "´": "'", "“": '"', "”": '"', "„": '"'})
_DASHES = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2212]")
_SPACES = re.compile(r"\s+")


def normalise_state(name: str) -> str:
    """Return the key used to match State names: "The Czech  Republic" -> "czech republic"."""
    key = unicodedata.normalize("NFC", name).translate(QUOTES)
    key = _SPACES.sub(" ", _DASHES.sub("-", key)).strip().casefold()
    return key[4:] if key.startswith("the ") else key


# --- Search ----------------------------------------------------------------


def search(
    rsets: Iterable[RecommendationSet],
    response: str | None = None,
    text: str | None = None,
    state: str | None = None,
) -> list[Recommendation]:
    """Return the recommendations matching every criterion given, in report order.

    *text* matches when each of its words occurs in the recommendation (case
    does not matter); *state* matches a recommending State by name, also in
    its short form ("Iran" for "Iran (Islamic Republic of)").
    """
    return [
        rec
        for rset in rsets
        for rec in rset.recommendations.values()
        if _matches_response(rec, response) and _matches_text(rec, text) and _matches_state(rec, state)
    ]


def _matches_response(rec: Recommendation, response: str | None) -> bool:
    """Return True when no response is asked for or the recommendation has it."""
    return response is None or rec.response == response.strip().casefold()


def _matches_text(rec: Recommendation, text: str | None) -> bool:
    """Return True when every word of *text* occurs in the recommendation's text."""
    if not text:
        return True
    haystack = normalise_state(rec.text)
    return all(word in haystack for word in normalise_state(text).split())


def _matches_state(rec: Recommendation, state: str | None) -> bool:
    """Return True when no State is asked for or one of the recommending States is it."""
    if not state:
        return True
    return any(same_state(state, name) for name in rec.states)


# --- Loading ---------------------------------------------------------------

_TOP_KEYS = contentspec.keys("recommendation data")
_TOP_REQUIRED = contentspec.required("recommendation data")
_REC_KEYS = contentspec.keys("recommendation")
_REC_REQUIRED = contentspec.required("recommendation")
_TAG = "tag:yaml.org,2002:"


def load_recommendation_data(path: Path) -> RecommendationSet:
    """Read a recommendation data file; raise ContentError at the offending line and column.

    A file is read once per process while it is unchanged (its size, time and inode): the sets are frozen,
    so submissions sharing one, `upr watch` at every save and a batch's worker share the first reading.
    """
    try:
        state = path.stat()
        key = (str(path), state.st_size, state.st_mtime_ns, state.st_ino)
    except OSError:
        key = None  # reading it says what is wrong
    if key is not None and key in _READ:
        return _READ[key]
    rset = _read_recommendation_data(path)
    if key is not None:
        if len(_READ) >= _READ_LIMIT:
            _READ.pop(next(iter(_READ)))
        _READ[key] = rset
    return rset


_READ: dict[tuple, RecommendationSet] = {}
_READ_LIMIT = 64


def _read_recommendation_data(path: Path) -> RecommendationSet:
    """Read and check a recommendation data file."""
    root = _compose(path)
    top = _mapping(root, path, "the file", _TOP_KEYS, _TOP_REQUIRED)
    document = _string(top["document"], path, "document")
    recs = _recommendations(top["recommendations"], path, document)
    return RecommendationSet(
        document=document,
        state_under_review=_string(top["state_under_review"], path, "state_under_review"),
        cycle=_optional_int(top.get("cycle"), path, "cycle"),
        session=_optional_int(top.get("session"), path, "session"),
        year=_optional_int(top.get("year"), path, "year"),
        recommendations=recs,
        path=path,
    )


def _compose(path: Path) -> Node:
    """Return the YAML node tree of the file (no Python objects are ever constructed)."""
    root = read_yaml(path).root
    if root is None:
        raise ContentError("the recommendation data file is empty", Location(path))
    return root


def _where(node: Node, path: Path) -> Location:
    """Return the Location where a node starts (PyYAML's marks count from 0)."""
    return Location(path, node.start_mark.line + 1, node.start_mark.column + 1)


def _mapping(
    node: Node, path: Path, what: str, allowed: tuple[str, ...], required: tuple[str, ...]
) -> dict[str, Node]:
    """Return a mapping node's values by key; raise at unknown, duplicate or missing keys."""
    mapping = Mapping(YamlFile(path, "", node), node, what, allowed)
    for key in required:
        mapping.node_of(key)  # raises "… needs 'key'" at the mapping
    return {key: value for key, (_, value) in mapping.items.items()}


def _scalar_text(node: Node, path: Path, what: str) -> str | None:
    """Return a scalar as written in the file (so 124.10 stays "124.10"), or None for null."""
    if not isinstance(node, ScalarNode):
        raise ContentError(f"{what} must be a single value", _where(node, path))
    if node.tag == _TAG + "null":
        return None
    return node.value


def _string(node: Node, path: Path, what: str) -> str:
    """Return a non-empty string value."""
    value = _scalar_text(node, path, what)
    if value is None or not value.strip():
        raise ContentError(f"{what} must not be empty", _where(node, path))
    return value.strip()


def _optional_string(node: Node | None, path: Path, what: str) -> str | None:
    """Return a string value, or None when absent or null."""
    if node is None:
        return None
    value = _scalar_text(node, path, what)
    if value is None or not value.strip():
        return None
    return value.strip()


def _optional_int(node: Node | None, path: Path, what: str) -> int | None:
    """Return an integer value, or None when absent or null."""
    if node is None:
        return None
    value = _scalar_text(node, path, what)
    if value is None:
        return None
    if node.tag != _TAG + "int":
        raise ContentError(f"{what} must be a whole number, not {value!r}", _where(node, path))
    return int(value)


def _recommendations(node: Node, path: Path, document: str) -> dict[str, Recommendation]:
    """Return the recommendations of a `recommendations:` sequence, by number."""
    if not isinstance(node, SequenceNode):
        raise ContentError("recommendations must be a list", _where(node, path))
    recs: dict[str, Recommendation] = {}
    for item in node.value:
        rec = _recommendation(item, path, document)
        if rec.number in recs:
            raise ContentError(f"recommendation {rec.number} appears twice", _where(item, path))
        recs[rec.number] = rec
    return recs


def _recommendation(node: Node, path: Path, document: str) -> Recommendation:
    """Return one recommendation from its mapping node."""
    values = _mapping(node, path, "a recommendation", _REC_KEYS, _REC_REQUIRED)
    number = _string(values["number"], path, "number")
    return Recommendation(
        number=number,
        text=_string(values["text"], path, f"text of {number}"),
        states=_states(values["states"], path, number),
        response=_response(values["response"], path, number),
        category=_optional_string(values.get("category"), path, f"category of {number}"),
        document=document,
        page=_optional_int(values.get("page"), path, f"page of {number}"),
        response_source=_optional_string(values.get("response_source"), path, f"response_source of {number}"),
        themes=_names(values.get("themes"), path, f"themes of {number}"),
        affected_persons=_names(values.get("affected_persons"), path, f"affected_persons of {number}"),
        sdgs=_names(values.get("sdgs"), path, f"sdgs of {number}"),
        location=_where(node, path),
    )


def _states(node: Node, path: Path, number: str) -> tuple[str, ...]:
    """Return the recommending States: a list of names (a single name is accepted too)."""
    return _names(node, path, f"states of {number}")


def _names(node: Node | None, path: Path, what: str) -> tuple[str, ...]:
    """Return a list of names (States, themes …); a single name is accepted too, and absent is empty."""
    if node is None:
        return ()
    if isinstance(node, ScalarNode):
        value = _scalar_text(node, path, what)
        return (value.strip(),) if value and value.strip() else ()
    if not isinstance(node, SequenceNode):
        raise ContentError(f"{what} must be a list of names", _where(node, path))
    return tuple(_string(item, path, f"an entry of {what}") for item in node.value)


def _response(node: Node, path: Path, number: str) -> str:
    """Return the response, one of RESPONSES."""
    value = _string(node, path, f"response of {number}").casefold()
    if value not in RESPONSES:
        raise ContentError(
            f"response of {number} must be one of {', '.join(RESPONSES)}, not {value!r}", _where(node, path)
        )
    return value


# --- Dumping ---------------------------------------------------------------


class _FlowList(list):
    """A list written on one line, e.g. `states: [Hungary, Spain]`."""


class _Quoted(str):
    """A string written in double quotes, e.g. `number: "124.4"` (so it never reads as a float)."""


class _Dumper(yaml.SafeDumper):
    """A SafeDumper that indents lists inside mappings, as people write them."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


_Dumper.add_representer(
    _FlowList, lambda dumper, data: dumper.represent_sequence(_TAG + "seq", data, flow_style=True)
)
_Dumper.add_representer(_Quoted, lambda dumper, data: dumper.represent_scalar(_TAG + "str", data, style='"'))
_ONE_LINE = 1 << 20  # a text stays on one line, as in the model: easy to find, and to compare in a diff


def without_unwritable(rset: RecommendationSet) -> tuple[RecommendationSet, list[str]]:
    """Return the set with every character no document can hold (a control character a PDF's text layer may
    carry) taken out of its text, and a line for each recommendation that held one: written as it was read,
    the data file would be refused by every later command."""
    found: dict[str, set[str]] = {}

    def clean(text: str, number: str) -> str:
        for match in XML_ILLEGAL.finditer(text):
            found.setdefault(number, set()).add(f"U+{ord(match.group()):04X}")
        return XML_ILLEGAL.sub("", text)

    recs = {number: replace(rec, text=clean(rec.text, number),
                            states=tuple(clean(state, number) for state in rec.states),
                            category=clean(rec.category, number) if rec.category else rec.category,
                            themes=tuple(clean(theme, number) for theme in rec.themes),
                            affected_persons=tuple(clean(group, number) for group in rec.affected_persons),
                            sdgs=tuple(clean(goal, number) for goal in rec.sdgs))
            for number, rec in rset.recommendations.items()}
    state = clean(rset.state_under_review, "the State under review")
    lines = [f"  {where}{_page_of(recs.get(where))}: {', '.join(sorted(codes))}" for where, codes in found.items()]
    if lines:
        lines.insert(0, "Characters no document can hold, taken out of the text (check it against the report):")
    return replace(rset, recommendations=recs, state_under_review=state), lines


def _page_of(rec: Recommendation | None) -> str:
    """Return " (page N)" for a recommendation whose page is known, else ""."""
    return f" (page {rec.page})" if rec is not None and rec.page is not None else ""


def dump_recommendation_data(rset: RecommendationSet) -> str:
    """Return the YAML text of a data file for *rset*, with a comment header saying where it came from."""
    body = yaml.dump(
        _as_plain_data(rset),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=_ONE_LINE,
    )
    return _header(rset) + body


_HEADER_START, _HEADER_MARK = "# Recommendations of ", ", imported by upr"


def _header(rset: RecommendationSet) -> str:
    """Return the comment lines that open a data file."""
    source = f" from {rset.source}" if rset.source else ""
    return (
        f"{_HEADER_START}{rset.document} ({rset.state_under_review}){_HEADER_MARK}{source}.\n"
        "# Corrections by hand are welcome; keep numbers and State names as the report writes them.\n"
    )


def _as_plain_data(rset: RecommendationSet) -> dict[str, object]:
    """Return the data file's content as plain dicts and lists, in file order."""
    return {
        "document": rset.document,
        "state_under_review": rset.state_under_review,
        "cycle": rset.cycle,
        "session": rset.session,
        "year": rset.year,
        "recommendations": [_recommendation_data(rec) for rec in rset.recommendations.values()],
    }


def _recommendation_data(rec: Recommendation) -> dict[str, object]:
    """Return one recommendation as a plain dict, leaving out empty optional keys."""
    data: dict[str, object] = {
        "number": _Quoted(rec.number),
        "text": rec.text,
        "states": _FlowList(rec.states),
        "response": rec.response,
    }
    if rec.category is not None:
        data["category"] = rec.category
    if rec.page is not None:
        data["page"] = rec.page
    if rec.response_source is not None:
        data["response_source"] = rec.response_source
    for key in ("themes", "affected_persons", "sdgs"):
        if getattr(rec, key):
            data[key] = list(getattr(rec, key))
    return data


def check_overwritable(path: Path) -> None:
    """Raise ContentError unless *path* is missing or a recommendation data file that upr wrote (its first
    line is the header _header writes): an import never overwrites a section file or anything else."""
    if not path.exists():
        return
    try:
        with path.open(encoding="utf-8", errors="replace") as file:
            first = file.readline()
    except OSError as exc:
        raise ContentError(f"cannot read it ({exc.strerror}); it is not overwritten", Location(path)) from exc
    if not (first.startswith(_HEADER_START) and _HEADER_MARK in first):
        raise ContentError("not a recommendation data file written by upr; it is not overwritten "
                           "(give another --out, or --force to overwrite it)", Location(path))


_RESPONSE_NAMES = {"supported/noted": "partially supported", "noted/supported": "partially supported",
                   "partially": "partially supported", "partially accepted": "partially supported",
                   "accepted": "supported", "rejected": "noted"}


def response_named(word: str) -> str | None:
    """Return the response a written name means, or None: "Supported/Noted", "partially-supported" and
    "partially supported" are all "partially supported" (OHCHR writes the first)."""
    key = re.sub(r"\s*/\s*", "/", " ".join(word.replace("-", " ").replace("_", " ").split())).casefold()
    key = _RESPONSE_NAMES.get(key, key)
    return key if key in RESPONSES else None
