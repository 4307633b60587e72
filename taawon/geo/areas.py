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
LOCALITIES_FILE = Path(__file__).resolve().parent / "data" / "localities.csv"


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
    # Districts without a P-code (Lebanon's qada, see data/README.md) are keyed by their
    # governorate and English name; before migration 0003 the column could not be empty, so
    # those rows wait for it.
    unkeyed = district_model._meta.get_field("pcode").null
    for row in rows:
        if row.kind == "district" and (row.pcode or unkeyed):
            key = (
                {"pcode": row.pcode}
                if row.pcode
                else {
                    "pcode": None,
                    "governorate": governorates[row.parent_pcode],
                    "name_en": row.name_en,
                }
            )
            district_model.objects.update_or_create(
                **key,
                defaults={
                    "pcode": row.pcode or None,
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
    for row in rows:
        if row.kind == "district" and not row.pcode:
            district_model.objects.filter(
                pcode__isnull=True, governorate__pcode=row.parent_pcode, name_en=row.name_en
            ).delete()
    district_model.objects.filter(pcode__in=pcodes).delete()
    governorate_model.objects.filter(pcode__in=pcodes).delete()


@dataclass(frozen=True)
class LocalityRow:
    country: str
    governorate_pcode: str
    district_name_en: str
    code: str
    name_en: str
    name_ar: str
    other_names: str
    latitude: Decimal
    longitude: Decimal


def read_localities(path: Path = LOCALITIES_FILE) -> list[LocalityRow]:
    with path.open(encoding="utf-8", newline="") as f:
        return [
            LocalityRow(
                **{
                    **row,
                    "latitude": Decimal(row["latitude"]),
                    "longitude": Decimal(row["longitude"]),
                }
            )
            for row in csv.DictReader(f)
        ]


def load_localities(
    governorate_model: Any, district_model: Any, locality_model: Any, path: Path = LOCALITIES_FILE
) -> None:
    """Create or update every locality in the file, keyed by district and English name."""
    for row in read_localities(path):
        governorate = governorate_model.objects.get(pcode=row.governorate_pcode)
        district = district_model.objects.get(governorate=governorate, name_en=row.district_name_en)
        locality_model.objects.update_or_create(
            district=district,
            name_en=row.name_en,
            defaults={
                "governorate": governorate,
                "code": row.code,
                "name_ar": row.name_ar,
                "other_names": row.other_names,
                "latitude": row.latitude,
                "longitude": row.longitude,
            },
        )
