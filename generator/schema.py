"""JSON Schemas of the content files, made from contentspec.py, for editors that know YAML.

VS Code's YAML extension (and any editor using yaml-language-server) reads
the schema named on a file's first line,
`# yaml-language-server: $schema=.schemas/submission.schema.json`, and then
completes keys, shows each key's help on hover and marks mistakes while the
writer types. `upr new` writes the schemas into the submission folder and
those first lines; `upr schema FOLDER` writes them again after an upgrade.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import contentspec
from .contentspec import Key

DRAFT = "http://json-schema.org/draft-07/schema#"
FOLDER = ".schemas"
"""Where a submission keeps its schemas, beside submission.yaml."""
TEXT = {"type": ["string", "number", "boolean"]}  # YAML reads 2019 or yes as a number or flag: upr takes them as text


def schema(file: str) -> dict:
    """Return the JSON Schema of one kind of content file (a key of contentspec.FILES)."""
    body: dict
    if file in ("sources", "notes"):
        body = {"type": "object", "additionalProperties": {**TEXT, "description": contentspec.FILES[file]}}
    elif file == "assessments":
        body = {"type": "array", "items": mapping("assessment")}
    elif file == "recommendations":
        body = mapping("recommendation data")
    else:
        body = mapping(file)
    return {"$schema": DRAFT, "title": f"upr: {contentspec.FILES[file]}", **body}


def mapping(name: str) -> dict:
    """Return the schema of a mapping: its keys, the required ones, no others."""
    keys = contentspec.MAPPINGS[name]
    found = {"type": "object", "properties": {key.name: value(key) for key in keys}, "additionalProperties": False}
    required = [key.name for key in keys if key.required]
    return {**found, "required": required} if required else found


def value(key: Key) -> dict:
    """Return the schema of one key's value, with its help."""
    help_ = {"description": key.help}
    if key.kind == "number":
        return {"type": "integer", **help_}
    if key.kind == "choice":
        return {"enum": list(key.choices), **help_}
    if key.kind == "flag":
        return {"type": "boolean", **help_}
    if key.kind == "map":
        return {"type": "object", "additionalProperties": TEXT, **help_}
    if key.kind == "mapping":
        return {**mapping(key.of), **help_}
    if key.kind == "names":  # a list of names, or one name alone
        return {"anyOf": [{"type": "array", "items": TEXT}, TEXT], **help_}
    if key.kind == "list":
        return {"type": "array", "items": _item(key.of), **help_}
    return {**TEXT, **help_}


def _item(of: str) -> dict:
    """Return the schema of a list's items."""
    if of == "text":
        return TEXT
    if of == "block":  # a body entry: a paragraph, or a subsection
        return {"anyOf": [mapping("paragraph"), mapping("subsection")]}
    return mapping(of)


def write_schemas(folder: Path) -> list[Path]:
    """Write every content file's schema into `folder`/.schemas; return their paths."""
    target = folder / FOLDER
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for file in contentspec.FILES:
        path = target / f"{file}.schema.json"
        path.write_text(json.dumps(schema(file), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written


def modeline(file: str, depth: int = 0) -> str:
    """Return the first line that points an editor at a file's schema, from a file `depth` folders below
    the submission folder (a section file in sections/ is 1)."""
    return f"# yaml-language-server: $schema={'../' * depth}{FOLDER}/{file}.schema.json"
