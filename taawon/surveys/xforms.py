"""XForm instances with no database: the questions of a form (from pyxform's schema), a
submission's XML read safely into nested data, and that data flattened into table rows.

Safe reading: no DTD at all (so no external entity and no entity expansion), a size limit,
a depth limit, and a well-formed document whose root is the form's.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

MAX_XML_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 40

GROUP = "group"
REPEAT = "repeat"
META = "meta"
# Questions whose answer is a file sent with the submission.
MEDIA_TYPES = frozenset({"photo", "image", "audio", "video", "file", "background-audio"})
SELECT_ONE = "select one"
SELECT_MULTIPLE = "select all that apply"
NO_VALUE_TYPES = frozenset({"note"})


class BadSubmission(ValueError):
    """The XML is not a submission we read (malformed, too big, hostile, or no instanceID)."""


@dataclass(frozen=True)
class Question:
    path: str  # "group/name", without the root
    name: str
    type: str
    labels: dict[str, str]
    choices: tuple[tuple[str, dict[str, str]], ...] = ()
    repeat: str = ""  # the path of the innermost repeat it sits in ("" at the top)


@dataclass
class Instance:
    root: str
    form_id: str
    version: str
    instance_id: str
    deprecated_id: str
    data: dict
    digest: str
    files: list[str] = field(default_factory=list)


# What an XForm reads from the device: images, audio and video of labels, CSV files of
# select_one_from_file and pulldata, other files (jr://file/...). ODK Collect fetches each from
# the form's manifest.
_MEDIA_REFERENCE = re.compile(r"jr://(?:images|audio|video|file|file-csv)/([^\s\"'<>]+)")


def expected_media(xform: str) -> list[str]:
    """The file names an XForm refers to, sorted, each once."""
    return sorted({name for name in _MEDIA_REFERENCE.findall(xform) if "/" not in name})


def label_in(labels: dict[str, str] | str | None, language: str) -> str:
    """The label in `language` (an ISO code: en, ar, ckb) from an XLSForm label's languages
    ("Arabic (ar)", "English (en)", "default"), else the first there is."""
    if not labels:
        return ""
    if isinstance(labels, str):
        return labels
    for key, value in labels.items():
        if key.endswith(f"({language})") or key.lower() == language:
            return value
    return labels.get("default") or next(iter(labels.values()))


def questions(schema: dict) -> list[Question]:
    """Every question of a form in order, groups and repeats walked (meta left out)."""
    choices = schema.get("choices", {})
    found: list[Question] = []

    def walk(children: list[dict], prefix: str, repeat: str) -> None:
        for child in children:
            name, kind = child.get("name", ""), child.get("type", "")
            path = f"{prefix}{name}"
            if kind == GROUP and name == META and not prefix:
                continue
            if kind in (GROUP, REPEAT):
                found.append(Question(path, name, kind, _labels(child.get("label")), repeat=repeat))
                walk(child.get("children", []), f"{path}/", path if kind == REPEAT else repeat)
                continue
            listed = child.get("choices") or choices.get(child.get("itemset") or "", [])
            found.append(
                Question(
                    path,
                    name,
                    kind,
                    _labels(child.get("label")),
                    tuple((c["name"], _labels(c.get("label"))) for c in listed),
                    repeat=repeat,
                )
            )

    walk(schema.get("children", []), "", "")
    return found


def _labels(label) -> dict[str, str]:
    if not label:
        return {}
    if isinstance(label, str):
        return {"default": label}
    return dict(label)


def repeat_paths(schema: dict) -> frozenset[str]:
    return frozenset(q.path for q in questions(schema) if q.type == REPEAT)


def _strip(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _depth(element: Element, level: int = 0) -> int:
    if level > MAX_DEPTH:
        return level
    return max((_depth(child, level + 1) for child in element), default=level)


def parse(xml: bytes, *, repeats: frozenset[str] = frozenset()) -> Instance:
    """Read a submission's XML. Raises BadSubmission (with a message for the sender)."""
    if len(xml) > MAX_XML_BYTES:
        raise BadSubmission("The submission XML is larger than 2 MB.")
    try:
        root = SafeET.fromstring(xml, forbid_dtd=True, forbid_entities=True)
    except DefusedXmlException:
        raise BadSubmission("The submission XML may not declare a DTD or entities.") from None
    except (ParseError, ValueError):
        raise BadSubmission("The submission XML is not well-formed.") from None
    if _depth(root) > MAX_DEPTH:
        raise BadSubmission("The submission XML is nested too deeply.")
    form_id = root.get("id", "")
    if not form_id:
        raise BadSubmission("The submission names no form (the id attribute of its root).")
    data = _read(root, "", repeats)
    meta = data.get(META) if isinstance(data.get(META), dict) else {}
    instance_id = str(meta.get("instanceID") or "").strip()
    if not instance_id:
        raise BadSubmission("The submission has no instanceID (meta/instanceID).")
    if len(instance_id) > 100:
        raise BadSubmission("The instanceID is longer than 100 characters.")
    return Instance(
        root=_strip(root.tag),
        form_id=form_id,
        version=root.get("version", "") or "",
        instance_id=instance_id,
        deprecated_id=str(meta.get("deprecatedID") or "").strip(),
        data=data,
        digest=content_digest(data),
        files=sorted(_files(data)),
    )


def _read(element: Element, prefix: str, repeats: frozenset[str]) -> dict:
    data: dict = {}
    for child in element:
        name = _strip(child.tag)
        path = f"{prefix}{name}"
        if len(child):
            value: object = _read(child, f"{path}/", repeats)
        else:
            value = (child.text or "").strip()
        if path in repeats:
            data.setdefault(name, []).append(value)
        elif name in data:
            # An element repeated where the form declares no repeat: keep every copy.
            existing = data[name]
            data[name] = (existing if isinstance(existing, list) else [existing]) + [value]
        else:
            data[name] = value
    return data


def _files(data: dict) -> set[str]:
    # File names ODK Collect writes as answers of media questions; which leaves are media is
    # the form's business, so the caller intersects this with the parts actually sent.
    found: set[str] = set()
    for value in data.values():
        if isinstance(value, dict):
            found |= _files(value)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    found |= _files(item)
        elif isinstance(value, str) and "." in value and "/" not in value and " " not in value:
            found.add(value)
    return found


def media_answers(data: dict, schema: dict, *, media: frozenset[str] | None = None) -> set[str]:
    """The file names the submission gives as answers to the form's media questions (their
    paths `media`, when already known)."""
    if media is None:
        media = frozenset(q.path for q in questions(schema) if q.type in MEDIA_TYPES)
    names: set[str] = set()

    def walk(node: dict, prefix: str) -> None:
        for key, value in node.items():
            path = f"{prefix}{key}"
            if isinstance(value, dict):
                walk(value, f"{path}/")
            elif isinstance(value, list):
                for item in value:
                    if isinstance(item, dict):
                        walk(item, f"{path}/")
            elif path in media and value:
                names.add(value)

    walk(data, "")
    return names


def content_digest(data: dict) -> str:
    """A digest of what the submission says (not of its bytes): the same answers sent again
    with other whitespace or attribute order are the same submission."""
    import json

    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def value_at(data: dict, path: str):
    node: object = data
    for part in path.split("/"):
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node


@dataclass
class Table:
    """Rows of one sheet: the submissions, or one repeat's entries."""

    name: str
    columns: list[str]
    rows: list[dict] = field(default_factory=list)


def flatten(schema: dict, submissions: list[tuple[str, dict]]) -> list[Table]:
    """Tables of `(key, data)` submissions: the first a row per submission (groups flattened
    to "group/question" columns), then one per repeat, a row per entry, each with the key of
    its submission and the position of its parent entry."""
    qs = questions(schema)
    value_questions = [q for q in qs if q.type not in (GROUP, REPEAT, *NO_VALUE_TYPES)]
    repeats = [q for q in qs if q.type == REPEAT]
    main = Table("submissions", ["_key", *[q.path for q in value_questions if not q.repeat]])
    tables = {q.path: Table(q.path, ["_key", "_parent", "_index"]) for q in repeats}
    for q in value_questions:
        if q.repeat:
            tables[q.repeat].columns.append(q.path)
    for key, data in submissions:
        main.rows.append({"_key": key, **_leaves(data, "", set(tables))})
        _repeat_rows(data, "", key, "", tables)
    return [main, *tables.values()]


def _leaves(node: dict, prefix: str, repeats: set[str]) -> dict:
    row: dict = {}
    for name, value in node.items():
        path = f"{prefix}{name}"
        if path in repeats:
            continue
        if isinstance(value, dict):
            row.update(_leaves(value, f"{path}/", repeats))
        elif isinstance(value, list):
            row[path] = " ".join(str(v) for v in value if not isinstance(v, dict))
        else:
            row[path] = value
    return row


def _repeat_rows(node: dict, prefix: str, key: str, parent: str, tables: dict) -> None:
    for name, value in node.items():
        path = f"{prefix}{name}"
        if path in tables and isinstance(value, list):
            for index, entry in enumerate(value, start=1):
                if not isinstance(entry, dict):
                    continue
                here = f"{parent}{path}[{index}]"
                row = {"_key": key, "_parent": parent or key, "_index": index}
                row.update(_leaves(entry, f"{path}/", set(tables)))
                tables[path].rows.append(row)
                _repeat_rows(entry, f"{path}/", key, f"{here}/", tables)
        elif isinstance(value, dict):
            _repeat_rows(value, f"{path}/", key, parent, tables)
