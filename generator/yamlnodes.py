"""Read YAML safely, keeping the file position of every node.

Files are composed into nodes (never constructed into objects), so a tag such
as `!!python/object` is refused rather than run, and every value the loader
takes out carries its `file:line:col` for error messages and findings.
"""

from __future__ import annotations

from dataclasses import dataclass
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


@dataclass
class YamlFile:
    """A YAML file read from disk: its path, its text and its root node."""

    path: Path
    text: str
    root: yaml.Node | None

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
            before = self.text[: node.start_mark.index + found]
            line = before.count("\n") + 1
            col = len(before) - (before.rfind("\n") + 1) + 1
            return Location(self.path, line, col)

        return locate


def read_yaml(path: Path) -> YamlFile:
    """Return the composed YAML of `path`; raise ContentError on any syntax problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError("file not found", Location(path)) from None
    except UnicodeDecodeError as exc:
        raise ContentError(f"not UTF-8 text ({exc.reason})", Location(path)) from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        raise ContentError(f"YAML syntax error: {exc.problem or exc.context}", where) from None
    except yaml.YAMLError as exc:
        raise ContentError(f"YAML error: {exc}", Location(path)) from None
    doc = YamlFile(path, text, root)
    if root is not None:
        _refuse_tags(doc, root)
    return doc


def _refuse_tags(doc: YamlFile, node: yaml.Node) -> None:
    """Raise ContentError on any explicit tag other than YAML's plain types."""
    if node.tag not in PLAIN_TAGS:
        raise ContentError(f"YAML tag '{node.tag}' is not allowed in content", doc.location(node))
    if isinstance(node, yaml.SequenceNode):
        for child in node.value:
            _refuse_tags(doc, child)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _refuse_tags(doc, key)
            _refuse_tags(doc, value)


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
            if allowed and name not in allowed:
                raise ContentError(
                    f"unknown key '{name}' in {what}; expected one of: {', '.join(allowed)}",
                    doc.location(key),
                )
            self.items[name] = (key, value)

    @property
    def location(self) -> Location:
        """Return where the mapping starts."""
        return self.doc.location(self.node)

    def __contains__(self, key: str) -> bool:
        return key in self.items and not _is_null(self.items[key][1])

    def node_of(self, key: str) -> yaml.Node:
        """Return the value node of a required key."""
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
    """Return a scalar node's text; lists and mappings are an error."""
    if not isinstance(node, yaml.ScalarNode):
        raise ContentError(f"{what} must be text, not a list or mapping", doc.location(node))
    return str(node.value)


def _is_null(node: yaml.Node) -> bool:
    """Tell whether a node is YAML's null (an empty value)."""
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"
