"""Submissions of the shipped registry forms, as ODK Collect writes them."""

from __future__ import annotations

import uuid


def job_seeker_xml(**answers: str) -> bytes:
    values = {
        "given_name_ar": "سلمى",
        "father_name_ar": "أحمد",
        "family_name_ar": "الخطيب",
        "given_name_en": "Salma",
        "family_name_en": "Khatib",
        "sex": "female",
        "birth_year": "1994",
        "nationality": "SY",
        "displacement_status": "refugee",
        "governorate": "JO-MA",
        "phone": "",
        "occupations": "9211 6111",
        "experience_years": "3",
        "needs_transport": "yes",
        "photo": "",
    }
    values.update(answers)
    body = "".join(f"<{k}>{v}</{k}>" for k, v in values.items())
    return (
        '<data id="job_seeker_registration" version="2026120101">'
        f"{body}<meta><instanceID>uuid:{uuid.uuid4()}</instanceID></meta></data>"
    ).encode()


def farm_visit_xml(employer: int, date: str = "2026-11-30") -> bytes:
    return (
        '<data id="farm_visit" version="2026120101">'
        f"<employer>{employer}</employer><visit_date>{date}</visit_date>"
        "<purpose>outreach</purpose><findings>Ten workers picking tomatoes</findings>"
        f"<next_steps>Return in March</next_steps><photo/>"
        f"<meta><instanceID>uuid:{uuid.uuid4()}</instanceID></meta></data>"
    ).encode()
