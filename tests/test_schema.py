"""The editor's JSON Schemas accept every content file the loader accepts, and refuse what it refuses.

The schemas come from the description the loader itself takes its keys and
choices from (generator/contentspec.py); these tests hold the two together.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator import contentspec
from generator.checks.wordcount import PARTS, PROFILES
from generator.errors import ContentError
from generator.load import load_submission
from generator.schema import schema, write_schemas

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "tests" / "fixtures" / "content" / "minimal"
FOLDERS = sorted({p.parent for p in (ROOT / "tests" / "fixtures").rglob("submission.yaml")} | {ROOT / "content" / "kazakhstan-2019"})


class EditorLoader(yaml.SafeLoader):
    """YAML read as an editor's language server reads it (YAML 1.2: a date is text, not a timestamp)."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read(path: Path) -> object:
    """Return a YAML file's data as the editor sees it."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=EditorLoader)  # noqa: S506 (a safe loader)


def kind_of(path: Path, folder: Path) -> str:
    """Return which schema a content file answers to."""
    if path.name == "submission.yaml":
        return "submission"
    if path.name in ("sources.yaml", "notes.yaml", "assessments.yaml"):
        return path.stem
    return "section"


def validator(kind: str) -> jsonschema.Draft7Validator:
    """Return a validator of one kind of content file."""
    made = schema(kind)
    jsonschema.Draft7Validator.check_schema(made)
    return jsonschema.Draft7Validator(made)


def loads(folder: Path) -> bool:
    """Tell whether the loader reads the folder without an error."""
    try:
        load_submission(folder)
    except ContentError:
        return False
    return True


# W002-settings names an unknown word-count profile: the loader reads it and W002 reports it; the schema marks
# it while the writer types, which is the same finding, earlier.
READABLE = [f for f in FOLDERS if loads(f) and f.name != "W002-settings"]


@pytest.mark.parametrize("folder", READABLE, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_file_the_loader_reads_is_valid_against_its_schema(folder: Path) -> None:
    submission = load_submission(folder)
    for path in submission.files:
        data = read(path)
        errors = [e.message for e in validator(kind_of(path, folder)).iter_errors(data)]
        assert errors == [], path
    for rset in submission.recommendation_data:
        data = read(rset.path)
        assert [e.message for e in validator("recommendations").iter_errors(data)] == [], rset.path


MISTAKES = {  # file → (text replaced, its replacement): each is a mistake the loader refuses
    "unknown key": ("submission.yaml", "type: individual\n", "type: individual\nauthor: me\n"),
    "bad choice": ("submission.yaml", "type: individual\n", "type: single\n"),
    "cycle in words": ("submission.yaml", "cycle: 4\n", "cycle: four\n"),
    "no title": ("submission.yaml", "title: Submission to the Universal Periodic Review of Testland\n", ""),
    "organisation without name": ("submission.yaml", "  - name: Example Rights Watch\n", "  - contact: x@y.z\n"),
    "paragraph without p": ("sections/one.yaml", "  - p: \"Text with", "  - text: \"Text with"),
    "unknown paragraph key": ("sections/one.yaml", "    id: first\n", "    id: first\n    style: bold\n"),
    "section without heading": ("sections/one.yaml", "heading: Freedom of expression\n", "title: Freedom of expression\n"),
    "quote key": ("sections/one.yaml", "          numbered: true\n", "          numbered: true\n          order: 1\n"),
}


@pytest.mark.parametrize("name", MISTAKES)
def test_the_schema_refuses_what_the_loader_refuses(name: str, tmp_path: Path) -> None:
    file, old, new = MISTAKES[name]
    folder = tmp_path / "minimal"
    shutil.copytree(MINIMAL, folder)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError):
        load_submission(folder)
    data = read(path)
    assert list(validator(kind_of(path, folder)).iter_errors(data)) != []


def test_the_word_count_choices_are_the_word_counts_own() -> None:
    assert set(contentspec.choices("word_count", "profile")) == set(PROFILES)
    assert all(part in contentspec.key("word_count", "parts").help for part in PARTS)


def test_the_schemas_are_written_with_help_on_every_key(tmp_path: Path) -> None:
    written = write_schemas(tmp_path)
    assert sorted(p.name for p in written) == sorted(f"{kind}.schema.json" for kind in contentspec.FILES)
    for mapping in contentspec.MAPPINGS.values():
        assert all(key.help for key in mapping)
