"""Validate a .docx against the ISO/IEC 29500 Transitional schemas, as a reader that upr did not write.

The schemas are copied in `tests/ooxml-schemas/` (see its README). Each XML
part of the package is first read the way Word reads it (markup
compatibility, ECMA-376 part 3): elements and attributes of the namespaces a
part lists in `mc:Ignorable` are dropped, and `mc:AlternateContent` is
replaced by its `mc:Fallback`. The part is then validated against one
schema that imports the schema of every namespace a .docx may use.
"""

from __future__ import annotations

import zipfile
from functools import cache
from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).resolve().parent / "ooxml-schemas"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
NAMESPACE_SCHEMAS = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main": "ISO-IEC29500-4_2016/wml.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties":
        "ISO-IEC29500-4_2016/shared-documentPropertiesExtended.xsd",
    "http://schemas.openxmlformats.org/package/2006/content-types": "ecma/fouth-edition/opc-contentTypes.xsd",
    "http://schemas.openxmlformats.org/package/2006/relationships": "ecma/fouth-edition/opc-relationships.xsd",
    "http://schemas.openxmlformats.org/package/2006/metadata/core-properties": "dc/core-local.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/main": "ISO-IEC29500-4_2016/dml-main.xsd",
}


@cache
def schema() -> etree.XMLSchema:
    """Return one schema importing every namespace's schema by its path."""
    imports = "".join(
        f'<xs:import namespace="{namespace}" schemaLocation="{(SCHEMAS / path).as_uri()}"/>'
        for namespace, path in NAMESPACE_SCHEMAS.items()
    )
    wrapper = f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>'
    return etree.XMLSchema(etree.fromstring(wrapper.encode(), base_url=SCHEMAS.as_uri() + "/"))


def as_word_reads_it(root: etree._Element) -> etree._Element:
    """Return the part after the markup-compatibility step (in place)."""
    ignorable: set[str] = set()
    for element in root.iter():
        value = element.get(f"{{{MC}}}Ignorable")
        if value:
            ignorable |= {element.nsmap.get(prefix) for prefix in value.split()} - {None}
    for alternate in list(root.iter(f"{{{MC}}}AlternateContent")):
        fallback = alternate.find(f"{{{MC}}}Fallback")
        parent = alternate.getparent()
        index = parent.index(alternate)
        parent.remove(alternate)
        for offset, child in enumerate(list(fallback) if fallback is not None else []):
            parent.insert(index + offset, child)
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        if etree.QName(element).namespace in ignorable and element.getparent() is not None:
            element.getparent().remove(element)
            continue
        for name in list(element.attrib):
            namespace = etree.QName(name).namespace
            if namespace in ignorable or namespace == MC:
                del element.attrib[name]
    return root


def schema_errors(docx: Path) -> list[str]:
    """Return "part:line: message" for every schema error of every XML part (empty when valid)."""
    errors: list[str] = []
    with zipfile.ZipFile(docx) as archive:
        for name in sorted(archive.namelist()):
            if not (name.endswith(".xml") or name.endswith(".rels")):
                continue
            root = as_word_reads_it(etree.fromstring(archive.read(name)))
            if etree.QName(root).namespace not in NAMESPACE_SCHEMAS:
                errors.append(f"{name}: no schema for the namespace of <{etree.QName(root).localname}>")
                continue
            validator = schema()
            if not validator.validate(root):
                errors += [f"{name}:{error.line}: {error.message}" for error in validator.error_log]
    return errors
