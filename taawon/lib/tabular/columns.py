"""The columns an importer expects, and which of a file's headers holds each of them.

An importer lists its columns as ColumnSpecs. `suggest_mapping` proposes a header for each from
the file's headers (English or Arabic, spelt as people spell them), the user confirms or
changes it on the mapping step, and `validate_mapping` checks the result before any row is read.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from taawon.lib.tabular.errors import FileError
from taawon.lib.tabular.table import normalise_header

Kind = Literal["text", "int", "decimal", "date", "choice"]
KINDS: tuple[Kind, ...] = ("text", "int", "decimal", "date", "choice")


@dataclass(frozen=True)
class ColumnSpec:
    """One column an importer reads.

    `required`: the file must have the column and every row a value in it. `synonyms`: header
    spellings to recognise, English and Arabic (the key itself always matches). `choices`, for
    kind "choice": each stored value with the spellings that mean it ("female": ["F", "أنثى"]).
    `unique`: a value may appear on one row of the file only (a permit number).
    """

    key: str
    required: bool = False
    synonyms: Sequence[str] = ()
    kind: Kind = "text"
    choices: Mapping[str, Sequence[str]] = field(default_factory=dict)
    unique: bool = False

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"ColumnSpec {self.key!r}: kind must be one of {KINDS}")
        if (self.kind == "choice") != bool(self.choices):
            raise ValueError(f"ColumnSpec {self.key!r}: choices go with kind 'choice' only")

    @property
    def label(self) -> str:
        """How messages name the column when the file lacks it: its first synonym, or its key."""
        return self.synonyms[0] if self.synonyms else self.key


def suggest_mapping(headers: Sequence[str], specs: Sequence[ColumnSpec]) -> dict[str, str | None]:
    """For each spec's key, the file header that matches its key or a synonym, else None.

    Headers match in their `normalise_header` form. A spec that matches none then tries the
    headers without their bracketed hints ("Issue date (dd/mm/yyyy)"), where that leaves only
    one candidate. Specs are served in order, and a header goes to one spec at most.
    """
    taken: set[str] = set()
    mapping: dict[str, str | None] = dict.fromkeys((spec.key for spec in specs), None)
    for drop_brackets in (False, True):
        by_form: dict[str, list[str]] = {}
        for header in headers:
            form = normalise_header(header, drop_brackets=drop_brackets)
            by_form.setdefault(form, []).append(header)
        for spec in specs:
            if mapping[spec.key] is not None:
                continue
            for spelling in (spec.key, *spec.synonyms):
                candidates = by_form.get(normalise_header(spelling), [])
                free = [header for header in candidates if header not in taken]
                if len(free) == 1 or (free and not drop_brackets):
                    mapping[spec.key] = free[0]
                    taken.add(free[0])
                    break
    return mapping


def validate_mapping(
    headers: Sequence[str], mapping: Mapping[str, str | None], specs: Sequence[ColumnSpec]
) -> list[FileError]:
    """What is wrong with a mapping of spec keys to headers: missing required columns, headers
    the file does not have, a header given to two columns, keys no spec has."""
    errors = []
    keys = {spec.key for spec in specs}
    for key in mapping:
        if key not in keys:
            errors.append(
                FileError(
                    "unknown_field", f"'{key}' is not a column this import reads.", {"key": key}
                )
            )
    used: dict[str, str] = {}
    for spec in specs:
        header = mapping.get(spec.key)
        if not header:
            if spec.required:
                spellings = ", ".join(spec.synonyms) or spec.key
                errors.append(
                    FileError(
                        "missing_column",
                        f"The required column '{spec.label}' is missing; add it or choose which "
                        f"column holds it (headers such as: {spellings}).",
                        {"key": spec.key, "label": spec.label, "synonyms": list(spec.synonyms)},
                    )
                )
            continue
        if header not in headers:
            errors.append(
                FileError(
                    "unknown_header",
                    f"The file has no column headed '{header}'.",
                    {"key": spec.key, "header": header},
                )
            )
        elif header in used:
            errors.append(
                FileError(
                    "header_mapped_twice",
                    f"The column '{header}' is chosen for both '{used[header]}' and '{spec.key}'.",
                    {"header": header, "keys": [used[header], spec.key]},
                )
            )
        else:
            used[header] = spec.key
    return errors
