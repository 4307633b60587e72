"""A permit, a vacancy and the permit list read in Arabic and English: day-first dates whose
ranges stay start → end in right-to-left text, fees as people say them, Levantine months."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from taawon.employment.tests.factories import EmployerFactory, VacancyFactory, WorkplaceFactory
from taawon.permits.tests.factories import cooperative_of, issued, person

from .display_pages import isolated_ranges, isolates, visible_text

START, END = datetime.date(2026, 12, 5), datetime.date(2027, 12, 4)
FEE = {"en": "10 JOD", "ar": "10 دينار أردني"}


@pytest.fixture
def permit(personas):
    holder = person(personas.unit_a, given_name_en="Khaled", given_name_ar="خالد", sex="male")
    return issued(
        person=holder,
        cooperative=cooperative_of(personas.coop_a),
        by=personas.counsellor_a,
        decided_by=personas.ministry_officer,
        number="WP-FMT-1",
        issued_on=START,
        expires_on=END,
    )


def get(client, lang, page, params=None):
    """`page` (an object, or a URL name) in `lang`."""
    with translation.override(lang):
        path = reverse(page) if isinstance(page, str) else page.get_absolute_url()
    response = client.get(path, params or {})
    assert response.status_code == 200
    return response.text


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_permit_reads_its_validity_start_to_end_and_its_fee(client, personas, permit, lang):
    assert permit.fee_paid == Decimal("10.000")
    client.force_login(personas.counsellor_a)
    html = get(client, lang, permit)
    assert (f'dir="{"rtl" if lang == "ar" else "ltr"}"') in html
    # Each date is its own left-to-right isolate, the start first: right to left, the reader
    # meets the start first (on the right) and neither date's digits are reordered.
    assert isolated_ranges(html) == [("05/12/2026", "04/12/2027")]
    text = visible_text(html)
    assert "05/12/2026 – 04/12/2027" in text
    assert FEE[lang] in text
    assert "10.000 JOD" not in text and "JOD 10,000" not in text
    # The history shows the recorded dates day first too, not in ISO.
    assert "2027-12-04" not in text and "04/12/2027" in text.split("05/12/2026 – 04/12/2027")[1]
    assert "2026/12" not in text and "\u200f" not in html  # no RLM inside dates (Django's ar)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_permit_list_shows_each_validity_as_an_isolated_range(client, personas, permit, lang):
    client.force_login(personas.counsellor_a)
    html = get(client, lang, "permits:permit_list")
    assert ("05/12/2026", "04/12/2027") in isolated_ranges(html)
    assert "05/12/2026 – 04/12/2027" in visible_text(html)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_vacancy_reads_its_dates_start_to_end_and_its_wage(client, personas, lang):
    employer = EmployerFactory(owner=personas.unit_a, created_by=personas.counsellor_a)
    workplace = WorkplaceFactory(employer=employer, created_by=personas.counsellor_a)
    vacancy = VacancyFactory(
        employer=employer,
        workplace=workplace,
        posted_by=personas.counsellor_a,
        start_date=START,
        end_date=END,
        wage=Decimal("12.500"),
    )
    client.force_login(personas.counsellor_a)
    html = get(client, lang, vacancy)
    assert ("05/12/2026", "04/12/2027") in isolated_ranges(html)
    text = visible_text(html)
    assert "05/12/2026 – 04/12/2027" in text
    assert {"en": "12.5 JOD", "ar": "12.5 دينار أردني"}[lang] in text
    assert "12.5" in isolates(html)


def test_long_dates_in_arabic_use_the_levantine_month_names(client, personas, permit):
    client.force_login(personas.officer)
    path = "permits:permit_report"
    text = visible_text(get(client, "ar", path, {"start": "01/01/2026", "end": "05/12/2026"}))
    assert "1 كانون الثاني 2026" in text
    assert "5 كانون الأول 2026" in text
    assert "يناير" not in text and "ديسمبر" not in text
    text = visible_text(get(client, "en", path, {"start": "01/01/2026", "end": "05/12/2026"}))
    assert "1 January 2026" in text and "5 December 2026" in text
