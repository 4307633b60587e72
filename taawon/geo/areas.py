"""The governorates and districts the project ships, read from `geo/data/areas.csv`.

The file is the source of truth; data migrations call `load_areas` with their historical
models, so loading works at every point of the migration history and never imports the
current models.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

AREAS_FILE = Path(__file__).resolve().parent / "data" / "areas.csv"


@dataclass(frozen=True)
class AreaRow:
    kind: str  # "governorate" or "district"
    country: str
    iso_code: str  # ISO 3166-2, governorates only
    pcode: str  # empty for a district whose P-code could not be confirmed
    parent_pcode: str  # the governorate's P-code, districts only
    name_en: str
    name_ar: str
    latitude: Decimal
    longitude: Decimal


def read_areas(path: Path = AREAS_FILE) -> list[AreaRow]:
    with path.open(encoding="utf-8", newline="") as f:
        return [
            AreaRow(
                kind=row["kind"],
                country=row["country"],
                iso_code=row["iso_code"],
                pcode=row["pcode"],
                parent_pcode=row["parent_pcode"],
                name_en=row["name_en"],
                name_ar=row["name_ar"],
                latitude=Decimal(row["latitude"]),
                longitude=Decimal(row["longitude"]),
            )
            for row in csv.DictReader(f)
        ]


def load_areas(governorate_model: Any, district_model: Any, path: Path = AREAS_FILE) -> None:
    """Create or update every area in the file, keyed by P-code, so that it can run again."""
    rows = read_areas(path)
    governorates = {}
    for row in rows:
        if row.kind == "governorate":
            governorates[row.pcode], _ = governorate_model.objects.update_or_create(
                pcode=row.pcode,
                defaults={
                    "country": row.country,
                    "iso_code": row.iso_code,
                    "name_en": row.name_en,
                    "name_ar": row.name_ar,
                    "latitude": row.latitude,
                    "longitude": row.longitude,
                },
            )
    # Before migration 0003 a district's P-code could not be empty: those rows wait for it.
    blank_pcodes = district_model._meta.get_field("pcode").blank
    for row in rows:
        if row.kind == "district" and (row.pcode or blank_pcodes):
            # A district without a P-code (left empty rather than guessed) is keyed by its
            # governorate and English name instead.
            key = (
                {"pcode": row.pcode}
                if row.pcode
                else {"governorate": governorates[row.parent_pcode], "name_en": row.name_en}
            )
            district_model.objects.update_or_create(
                **key,
                defaults={
                    "pcode": row.pcode,
                    "governorate": governorates[row.parent_pcode],
                    "name_en": row.name_en,
                    "name_ar": row.name_ar,
                    "latitude": row.latitude,
                    "longitude": row.longitude,
                },
            )


def unload_areas(governorate_model: Any, district_model: Any, path: Path = AREAS_FILE) -> None:
    """Delete the file's areas. Fails (ProtectedError) while any record still points at one."""
    rows = read_areas(path)
    pcodes = [row.pcode for row in rows if row.pcode]
    district_model.objects.filter(pcode__in=pcodes).delete()
    for row in rows:
        if row.kind == "district" and not row.pcode:
            district_model.objects.filter(
                pcode="", governorate__pcode=row.parent_pcode, name_en=row.name_en
            ).delete()
    governorate_model.objects.filter(pcode__in=pcodes).delete()
