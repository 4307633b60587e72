"""The hazardous work list shipped in `data/hazardous_work.json`: occupations (ISCO-08 unit
groups) and tasks that nobody under 18 does, with their sources and labels in both languages."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import get_language

DATA = Path(__file__).resolve().parent / "data" / "hazardous_work.json"


@dataclass(frozen=True)
class Entry:
    code: str
    label_en: str
    label_ar: str
    reason_en: str = ""
    reason_ar: str = ""
    sources: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return self.label_ar if get_language() == "ar" and self.label_ar else self.label_en

    @property
    def reason(self) -> str:
        return self.reason_ar if get_language() == "ar" and self.reason_ar else self.reason_en


@cache
def _data() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


@cache
def occupations() -> dict[str, Entry]:
    """Hazardous occupations by ISCO-08 unit group code."""
    return {
        o["code"]: Entry(
            o["code"],
            o["title_en"],
            o["title_ar"],
            o["reason_en"],
            o["reason_ar"],
            tuple(o["sources"]),
        )  # fmt: skip
        for o in _data()["occupations"]
    }


@cache
def tasks() -> dict[str, Entry]:
    """Hazardous task flags a vacancy may state, by code, in the file's order."""
    return {
        t["code"]: Entry(t["code"], t["label_en"], t["label_ar"], sources=tuple(t["sources"]))
        for t in _data()["tasks"]
    }


def task_codes() -> tuple[str, ...]:
    return tuple(tasks())


def task_choices() -> list[tuple[str, str]]:
    """(code, label) in the reader's language, for a form."""
    return [(code, entry.label) for code, entry in tasks().items()]


def task_labels(codes: list[str] | tuple[str, ...]) -> list[str]:
    known = tasks()
    return [known[code].label for code in codes if code in known]


def sources() -> dict[str, str]:
    return dict(_data()["sources"])
