"""Rewrite answers in a submission's XML (an edit in Taawon), with no database."""

from __future__ import annotations

from xml.etree.ElementTree import Element, SubElement, register_namespace, tostring

from defusedxml import ElementTree as SafeET

register_namespace("jr", "http://openrosa.org/javarosa")
register_namespace("orx", "http://openrosa.org/xforms")


def rewrite(xml: str, changes: dict[str, str]) -> str:
    root: Element = SafeET.fromstring(xml.encode(), forbid_dtd=True)
    for path, value in changes.items():
        node = root
        for part in path.split("/"):
            child = next((c for c in node if c.tag.rsplit("}", 1)[-1] == part), None)
            node = child if child is not None else SubElement(node, part)
        node.text = value
    return tostring(root, encoding="unicode")
