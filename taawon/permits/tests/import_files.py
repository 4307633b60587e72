"""Permit lists for the import tests, written by the tests (no binary fixtures)."""

from __future__ import annotations

import csv
import io
import zipfile

import openpyxl

HEADERS = (
    "Permit number",
    "ID number",
    "Name (Arabic)",
    "Name (English)",
    "Sex",
    "Nationality",
    "Date of birth",
    "Cooperative",
    "Sector",
    "Issue date",
    "Expiry date",
    "Fee",
)
ARABIC_HEADERS = (
    "رقم التصريح",
    "رقم الهوية",
    "الاسم",
    "الاسم بالإنجليزية",
    "الجنس",
    "الجنسية",
    "تاريخ الميلاد",
    "الجمعية",
    "القطاع",
    "تاريخ الإصدار",
    "تاريخ الانتهاء",
    "الرسوم",
)


def row(number: str, identifier: str, **changes) -> list:
    """One permit of cooperative 1187/1993, issued 2023-03-01 for a year."""
    values = {
        "Permit number": number,
        "ID number": identifier,
        "Name (Arabic)": "أحمد محمد علي الخطيب",
        "Name (English)": "Ahmad Mohammad Ali Al-Khatib",
        "Sex": "M",
        "Nationality": "Syrian",
        "Date of birth": "1990-05-17",
        "Cooperative": "1187/1993",
        "Sector": "Agriculture",
        "Issue date": "2023-03-01",
        "Expiry date": "2024-02-29",
        "Fee": "10",
    }
    values.update(changes)
    return [values[h] for h in HEADERS]


def people(count: int, *, start: int = 1, **changes) -> list[list]:
    """`count` permits of `count` different persons (names and cards differ)."""
    given = ["أحمد", "محمود", "خالد", "سمير", "يوسف", "عمر", "حسن", "زياد", "فادي", "نبيل"]
    given_en = ["Ahmad", "Mahmoud", "Khaled", "Samir", "Yousef", "Omar", "Hasan", "Ziad", "Fadi"]
    rows = []
    for i in range(start, start + count):
        rows.append(
            row(
                f"WP-{i:05d}",
                f"IMP-{i:07d}",
                **{
                    "Name (Arabic)": f"{given[i % 10]} {given[(i // 10) % 10]} الرقم {i}",
                    "Name (English)": f"{given_en[i % 9]} {given_en[(i // 9) % 9]} Number{i}",
                    **changes,
                },
            )
        )
    return rows


def csv_bytes(rows, *, headers=HEADERS, encoding="utf-8", delimiter=",") -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter)
    writer.writerow(headers)
    writer.writerows(rows)
    return text.getvalue().encode(encoding)


def xlsx_bytes(rows, *, headers=HEADERS, merges=()) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(headers))
    for values in rows:
        sheet.append(list(values))
    for cells in merges:
        sheet.merge_cells(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zip_bomb(expanded_mb: int = 64) -> bytes:
    """A small zip whose worksheet expands to `expanded_mb` MB of zeros, named like a sheet."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            for _ in range(expanded_mb):
                part.write(bytes(2**20))
    return buffer.getvalue()
