"""The YAML mistakes people make most are told in plain words that say what to do, at the right place."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import ContentError
from generator.yamlnodes import read_yaml

QUOTES = "put the whole text in double quotes"
INDENT = "this line is indented differently from the lines before it: line it up with the ones it belongs with"
CASES = {
    "tab": ("title: A\n\tstate: B\n", "2:1", "a tab: indent with spaces (two for each level), not tabs"),
    "colon": ("body:\n  - p: The law says: no\n", "2:20", f"a colon and a space in text that is not in quotes: {QUOTES}"),
    "straight-quote": ('body:\n  - p: "He said "no" to it"\n', "2:18",
                       'the text goes on after its closing ": write a straight " inside it as \\", '
                       "or use curly quotes (“ ” ‘ ’)"),
    "apostrophe": ("body:\n  - p: 'It's here'\n", "2:12",
                   "the text goes on after its closing ': write a ' inside it as '', or use curly quotes (“ ” ‘ ’)"),
    "bracket": ("body:\n  - p: [Article 5] says\n", "2:20", f"a text that starts with [ or {{ is read as a list: {QUOTES}"),
    "unclosed-bracket": ("body:\n  - p: [Article 5 says\n", "2:8",
                         f"a text that starts with [ or {{ is read as a list: {QUOTES}"),
    "star": ("body:\n  - p: *bold* text\n", "2:13", f"a text cannot start with * unless it is quoted: {QUOTES}"),
    "at": ("body:\n  - p: @user said\n", "2:8", f"a text cannot start with @ unless it is quoted: {QUOTES}"),
    "indent": ('body:\n  - p: "ok"\n   - p: "bad"\n', "3:4", INDENT),
    "no-key": ("title: A\nstate\n", "3:1", "a line that is neither 'key: value' nor a '- ' item: add the key, or put a "
               "text that runs over several lines in double quotes"),
    "backslash": ('heading: A\nbody:\n  - p: "\\*not italic"\n', "3:10",
                  "inside double quotes a backslash starts an escape: write \\\\* for upr's \\*, or leave the "
                  "backslash out"),
    "unclosed-quote": ('body:\n  - p: "unclosed\n', "2:8",
                       "this quoted text is never closed: end it with the same quote it starts with"),
}


@pytest.mark.parametrize("name", CASES)
def test_a_common_mistake_is_told_in_plain_words(name: str, tmp_path: Path) -> None:
    text, where, message = CASES[name]
    path = tmp_path / "section.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        read_yaml(path)
    assert str(caught.value) == f"{path}:{where}: YAML syntax error: {message}"
