"""Read YAML safely, keeping the file position of every node.

Files are composed into nodes (never constructed into objects), so a tag such
as `!!python/object` is refused rather than run, and every value the loader
takes out carries its `file:line:col` for error messages and findings.
"""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Iterator

import yaml

from .errors import ContentError, Location

PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}
# XML 1.0 allows tab, newline, carriage return and U+0020…U+D7FF, U+E000…U+FFFD,
# U+10000…U+10FFFF; anything else makes a DOCX (and an HTML page) unreadable.
XML_ILLEGAL = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
ACCIDENTAL_COMMENT = re.compile(r" (#)[^\s#]")
"""What follows a plain text when a " #" in it made YAML end it there."""
MAX_DEPTH = 100  # content nests a few levels; this keeps the composer far from Python's recursion limit


@dataclass
class YamlFile:
    """A YAML file read from disk: its path, its text and its root node."""

    path: Path
    text: str
    root: yaml.Node | None

    def dropped_comments(self) -> list[Location]:
        """Return where a text not in quotes seems to go on after " #", which YAML reads as a comment.

        "We are the #1 group" keeps only "We are the". A comment people mean to
        write has two spaces or none before its "#", or a space after it
        ("title: A  # the short title"); text cut by accident has one space
        before "#" and none after, as in "#1" or "#MeToo", and is more than
        one word ("numbering: continuous #TODO" is a value and a comment).
        """
        found = []
        for node in _scalars(self.root):
            if node.style or " " not in node.value.strip():  # quoted, a block, or one word (a key's value)
                continue
            start = node.end_mark.index  # the rest of its line, not of the file: a copy per value is quadratic
            line_end = self.text.find("\n", start)
            match = ACCIDENTAL_COMMENT.match(self.text, start, line_end if line_end >= 0 else len(self.text))
            if match:
                found.append(self.at(match.start(1)))
        return found

    @cached_property
    def line_starts(self) -> list[int]:
        """Return the offset in the text at which each line starts."""
        return [0, *(match.end() for match in re.finditer("\n", self.text))]

    def at(self, index: int) -> Location:
        """Return the line and column of a character offset in the text (found by bisection: a paragraph with
        thousands of notes asks this thousands of times)."""
        line = bisect.bisect_right(self.line_starts, index)
        return Location(self.path, line, index - self.line_starts[line - 1] + 1)

    def location(self, node: yaml.Node) -> Location:
        """Return where `node` starts in the file."""
        return Location(self.path, node.start_mark.line + 1, node.start_mark.column + 1)

    def locator(self, node: yaml.Node, value: str):
        """Return a function mapping an offset in a scalar's value to a file location."""
        source = self.text[node.start_mark.index : node.end_mark.index]

        def locate(offset: int) -> Location:
            snippet = value[offset : offset + 16].split("\n")[0]
            # A character never stands earlier in the file than in the value (quotes,
            # escapes and folding only add), so search from the same offset.
            found = source.find(snippet, offset) if snippet else -1
            if found < 0:
                return self.location(node)
            return self.at(node.start_mark.index + found)

        return locate


def read_yaml(path: Path) -> YamlFile:
    """Return the composed YAML of `path`; raise ContentError on any syntax problem."""
    text = _read_text(path)
    doc = YamlFile(path, text, None)
    try:
        doc.root = _compose(doc)
    except yaml.reader.ReaderError as exc:
        where = _offset_location(path, text, exc.position)
        raise ContentError(f"the file holds {_describe(exc.character)} that YAML does not allow", where) from None
    except RecursionError:
        raise ContentError("the YAML is nested too deeply", Location(path)) from None
    except yaml.MarkedYAMLError as exc:
        where = _yaml_error_location(path, exc)
        raise ContentError(f"YAML syntax error: {_yaml_problem(exc, text)}", where) from None
    except yaml.YAMLError as exc:
        raise ContentError(f"YAML error: {' '.join(str(exc).split())}", Location(path)) from None
    if doc.root is not None:
        _check_nodes(doc, doc.root)
    return doc


def _scalars(node: yaml.Node | None) -> Iterator[yaml.ScalarNode]:
    """Yield the scalar values below a node (mapping keys left out), depth first."""
    if isinstance(node, yaml.ScalarNode):
        yield node
    elif isinstance(node, yaml.SequenceNode):
        for child in node.value:
            yield from _scalars(child)
    elif isinstance(node, yaml.MappingNode):
        for _, value in node.value:
            yield from _scalars(value)


def _read_text(path: Path) -> str:
    """Return the file's text; raise ContentError when it cannot be read or is not UTF-8."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ContentError("file not found", Location(path)) from None
    except OSError as exc:
        raise ContentError(f"cannot read the file ({exc.strerror or type(exc).__name__})", Location(path)) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode("utf-8")
        where = _offset_location(path, before, len(before))
        raise ContentError(f"not UTF-8 text: byte 0x{data[exc.start]:02X} ({exc.reason})", where) from None


def _offset_location(path: Path, text: str, offset: int) -> Location:
    """Return the line and column of a character offset in `text`."""
    before = text[:offset]
    return Location(path, before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1)


def _describe(character: int | str) -> str:
    """Return "a control character (U+000B)": what kind of character it is, and its code."""
    code = character if isinstance(character, int) else ord(character)
    if code < 0x20 or 0x7F <= code <= 0x9F:
        kind = "a control character"
    elif 0xD800 <= code <= 0xDFFF:
        kind = "a lone surrogate"
    else:
        kind = "a non-character"
    return f"{kind} (U+{code:04X})"


def _yaml_problem(exc: yaml.MarkedYAMLError, text: str) -> str:
    """Return the problem in one line, in plain words that say what to do for the mistakes people make
    most; PyYAML's own words otherwise."""
    if exc.context == "while scanning a quoted scalar" and _at_end(exc):
        return "this quoted text is never closed: end it with the same quote it starts with"
    advice = _advice(exc, text)
    if advice:
        return advice
    if exc.context and _at_end(exc):
        return f"{exc.problem} {exc.context}"
    return exc.problem or exc.context or "the file is not valid YAML"


def _advice(exc: yaml.MarkedYAMLError, text: str) -> str | None:
    """Return what to do about a common mistake, from PyYAML's problem and the line it is on."""
    problem = exc.problem or ""
    mark = exc.problem_mark
    lines = text.splitlines()
    line = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    value = re.sub(r"^\s*(?:-\s+)?(?:[\w.-]+:\s+)?", "", line)  # the line's text after "- " and "key: "
    if "'\\t'" in problem:
        return "a tab: indent with spaces (two for each level), not tabs"
    if "\u00a0" in line[: len(line) - len(line.lstrip(" \u00a0"))]:
        return "a no-break space in the indentation (copied from Word): indent with ordinary spaces"
    escape = re.match(r"found unknown escape character '(.)'", problem)
    if escape:
        return (f"inside double quotes a backslash starts an escape: write \\\\{escape.group(1)} for upr's "
                f"\\{escape.group(1)}, or leave the backslash out")
    if problem == "mapping values are not allowed here":
        return "a colon and a space in text that is not in quotes: put the whole text in double quotes"
    found = re.match(r"found character '(.)' that cannot start any token", problem)
    if found or "but found '*'" in problem or "but found '&'" in problem:
        first = found.group(1) if found else value[:1]
        return f"a text cannot start with {first} unless it is quoted: put the whole text in double quotes"
    if problem.startswith("expected ',' or ']'") or problem.startswith("expected ',' or '}'"):
        return "a text that starts with [ or { is read as a list: put the whole text in double quotes"
    if problem == "expected <block end>, but found '<scalar>'":
        if value[:1] in "\"'":
            quote = value[0]
            inside = 'write a straight " inside it as \\"' if quote == '"' else "write a ' inside it as ''"
            return (f"the text goes on after its closing {quote}: {inside}, or use curly quotes (“ ” ‘ ’)")
        if value[:1] in "[{":
            return "a text that starts with [ or { is read as a list: put the whole text in double quotes"
    if problem.startswith("expected <block end>, but found '<block") or problem == "did not find expected key":
        return "this line is indented differently from the lines before it: line it up with the ones it belongs with"
    if problem == "could not find expected ':'":
        return ("a line that is neither 'key: value' nor a '- ' item: add the key, or put a text that runs over "
                "several lines in double quotes")
    return None


def _at_end(exc: yaml.MarkedYAMLError) -> bool:
    """Tell whether PyYAML ran out of file inside a token or a [ list ] (the end of the file is then a useless
    place: where the token or list began is the one to show)."""
    if exc.context_mark is None:
        return False
    return exc.problem == "found unexpected end of stream" or "but got '<stream end>'" in (exc.problem or "")


def _yaml_error_location(path: Path, exc: yaml.MarkedYAMLError) -> Location:
    """Return where a YAML error is: what was left open when the file ended, else the problem."""
    mark = exc.context_mark if _at_end(exc) else exc.problem_mark or exc.context_mark
    return Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)


FAST_LOADER = getattr(yaml, "CSafeLoader", None)  # libyaml, when PyYAML was built with it


def _compose(doc: YamlFile) -> yaml.Node | None:
    """Return the root node, refusing aliases and deep nesting before anything is built.

    libyaml composes some forty times faster than PyYAML's own composer (it
    matters for the recommendation data), so it reads first; a file it finds
    anything wrong with, or that holds an alias or nests too deep, is read
    again by PyYAML's composer, whose messages and places are the ones upr
    reports.
    """
    if FAST_LOADER is not None:
        try:
            return _compose_fast(doc.text)
        except (yaml.YAMLError, ValueError, UnicodeError, _Careful):
            pass
    return _ContentLoader(doc).get_single_node()


class _Careful(Exception):
    """A file the fast reader leaves to PyYAML's composer, for its error messages."""


def _compose_fast(text: str) -> yaml.Node | None:
    """Return the root node composed by libyaml; raise _Careful at an alias or deep nesting."""
    depth = 0
    for event in yaml.parse(text, Loader=FAST_LOADER):
        if isinstance(event, yaml.AliasEvent):
            raise _Careful
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth >= MAX_DEPTH:
                raise _Careful
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return yaml.compose(text, Loader=FAST_LOADER)


class _ContentLoader(yaml.SafeLoader):
    """PyYAML's safe composer, refusing aliases and deep nesting as it reads.

    An alias makes two places share one node, so a few lines of aliases to
    aliases can stand for an exponential tree: content never needs them.
    """

    def __init__(self, doc: YamlFile) -> None:
        super().__init__(doc.text)
        self.doc = doc
        self.depth = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node:
        """Return the next node; raise ContentError at an alias or past MAX_DEPTH levels."""
        event = self.peek_event()
        where = Location(self.doc.path, event.start_mark.line + 1, event.start_mark.column + 1)
        if isinstance(event, yaml.AliasEvent):
            raise ContentError(f"YAML aliases (*{event.anchor}) are not allowed in content", where)
        if self.depth >= MAX_DEPTH:
            raise ContentError("the YAML is nested too deeply", where)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _check_nodes(doc: YamlFile, root: yaml.Node) -> None:
    """Raise ContentError on an explicit tag other than YAML's plain types, or on text no document can hold."""
    pending = [root]
    while pending:
        node = pending.pop()
        if node.tag not in PLAIN_TAGS:
            raise ContentError(f"YAML tag '{node.tag}' is not allowed in content", doc.location(node))
        if isinstance(node, yaml.ScalarNode):
            check_characters(doc, node)
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            pending.extend(child for pair in reversed(node.value) for child in reversed(pair))


def check_characters(doc: YamlFile, node: yaml.ScalarNode) -> None:
    """Raise ContentError when a scalar holds a character that XML, hence DOCX, cannot contain."""
    found = XML_ILLEGAL.search(node.value)
    if found is None:
        return
    where = doc.locator(node, node.value)(found.start())
    raise ContentError(f"text holds {_describe(found.group())} that documents cannot contain", where)


class Mapping:
    """A YAML mapping node with checked keys: unknown and repeated keys are errors."""

    def __init__(self, doc: YamlFile, node: yaml.Node, what: str, allowed: tuple[str, ...]) -> None:
        if not isinstance(node, yaml.MappingNode):
            raise ContentError(f"{what} must be a mapping of 'key: value' lines", doc.location(node))
        self.doc = doc
        self.node = node
        self.what = what
        self.items: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else ""
            if name in self.items:
                raise ContentError(f"'{name}' is given twice in {what}", doc.location(key))
            if name[:1].isspace():  # a no-break space Word left at the start of a line is no indentation to YAML
                raise ContentError("this line starts with a no-break space (copied from Word): indent with ordinary "
                                   "spaces", doc.location(key))
            if allowed and name not in allowed:
                near = difflib.get_close_matches(name, allowed, n=1, cutoff=0.75)
                hint = f": did you mean '{near[0]}'?" if near else f"; expected one of: {', '.join(allowed)}"
                raise ContentError(f"unknown key '{name}' in {what}{hint}", doc.location(key))
            self.items[name] = (key, value)

    @property
    def location(self) -> Location:
        """Return where the mapping starts."""
        return self.doc.location(self.node)

    def __contains__(self, key: str) -> bool:
        return key in self.items and not _is_null(self.items[key][1])

    def node_of(self, key: str) -> yaml.Node:
        """Return the value node of a required key."""
        if key in self.items and key not in self:  # written, but with nothing after it
            raise ContentError(f"'{key}' in {self.what} has no value: write it after '{key}: ' (in double quotes "
                               "when it starts with '#' or holds ' #', which YAML reads as a comment)",
                               self.key_location(key))
        if key not in self:
            raise ContentError(f"{self.what} needs '{key}'", self.location)
        return self.items[key][1]

    def key_location(self, key: str) -> Location:
        """Return where `key` is written."""
        return self.doc.location(self.items[key][0])

    def string(self, key: str, default: str | None = None) -> str | None:
        """Return a scalar value as text (None or `default` when absent)."""
        if key not in self:
            return default
        return scalar(self.doc, self.items[key][1], f"'{key}' in {self.what}")

    def required(self, key: str) -> str:
        """Return a required scalar value as text."""
        return scalar(self.doc, self.node_of(key), f"'{key}' in {self.what}")

    def integer(self, key: str) -> int | None:
        """Return a whole-number value (None when absent)."""
        text = self.string(key)
        if text is None:
            return None
        if not text.strip().isdigit():
            raise ContentError(f"'{key}' must be a whole number, not '{text}'", self.doc.location(self.items[key][1]))
        return int(text)

    def choice(self, key: str, choices: tuple[str, ...], default: str) -> str:
        """Return a value that must be one of `choices`."""
        text = self.string(key, default) or default
        if text not in choices:
            where = self.doc.location(self.items[key][1])
            raise ContentError(f"'{key}' must be one of {', '.join(choices)}, not '{text}'", where)
        return text

    def sequence(self, key: str) -> list[yaml.Node]:
        """Return the items of a list value ([] when absent)."""
        if key not in self:
            return []
        node = self.items[key][1]
        if not isinstance(node, yaml.SequenceNode):
            raise ContentError(f"'{key}' in {self.what} must be a list ('- ' lines)", self.doc.location(node))
        return list(node.value)

    def entries(self, key: str) -> Iterator[tuple[str, yaml.Node, yaml.Node]]:
        """Yield (name, key node, value node) of a mapping value."""
        if key not in self:
            return
        sub = Mapping(self.doc, self.items[key][1], f"'{key}'", ())
        for name, (knode, vnode) in sub.items.items():
            yield name, knode, vnode


def scalar(doc: YamlFile, node: yaml.Node, what: str) -> str:
    """Return a scalar node's text; lists, mappings and characters no document can hold are errors."""
    if not isinstance(node, yaml.ScalarNode):
        shape = "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"
        hint = ""
        if isinstance(node, yaml.MappingNode) and len(node.value) == 1:
            hint = (": a ': ' in text without quotes makes it a 'key: value' pair, so put the whole text in "
                    "double quotes")
        raise ContentError(f"{what} must be text, not {shape}{hint}", doc.location(node))
    check_characters(doc, node)
    return str(node.value)


def _is_null(node: yaml.Node) -> bool:
    """Tell whether a node is YAML's null (an empty value)."""
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"
