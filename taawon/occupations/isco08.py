"""The ISCO-08 groups the project ships, read from `occupations/data/isco08.csv`.

Data migrations call `load_groups` with their historical model, so loading works at every
point of the migration history and never imports the current model.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ISCO08_FILE = Path(__file__).resolve().parent / "data" / "isco08.csv"


@dataclass(frozen=True)
class GroupRow:
    code: str
    level: int
    parent_code: str
    title_en: str
    title_ar: str


def read_groups(path: Path = ISCO08_FILE) -> list[GroupRow]:
    with path.open(encoding="utf-8", newline="") as f:
        return [
            GroupRow(
                code=row["code"],
                level=int(row["level"]),
                parent_code=row["parent_code"],
                title_en=row["title_en"],
                title_ar=row["title_ar"],
            )
            for row in csv.DictReader(f)
        ]


def load_groups(occupation_model: Any, path: Path = ISCO08_FILE) -> None:
    """Create or update every group, keyed by code, parents first, so that it can run again."""
    saved: dict[str, Any] = {}
    for row in sorted(read_groups(path), key=lambda r: (r.level, r.code)):
        if not row.code.isdigit():
            raise ValueError(f"ISCO-08 code {row.code!r} is not all digits")
        saved[row.code], _ = occupation_model.objects.update_or_create(
            code=row.code,
            defaults={
                "level": row.level,
                "parent": saved[row.parent_code] if row.parent_code else None,
                "title_en": row.title_en,
                "title_ar": row.title_ar,
            },
        )


def unload_groups(occupation_model: Any, path: Path = ISCO08_FILE) -> None:
    """Delete the file's groups, unit groups first. Fails while any record points at one."""
    rows = read_groups(path)
    for level in (4, 3, 2, 1):
        codes = [row.code for row in rows if row.level == level]
        occupation_model.objects.filter(code__in=codes).delete()
