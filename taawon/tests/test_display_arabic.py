"""Arabic as a reader in Jordan expects it beyond the permit and vacancy pages: Levantine month
names wherever a month is named (home panels, indicator periods), the Arabic comma between the
items of a list, and no ISO date in a message."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import dates, timezone, translation

from taawon.accounts.models import Membership
from taawon.formats.ar.formats import MONTH_NAMES
from taawon.indicators.dimensions import DIMENSIONS, Viewer
from taawon.permits.tests.factories import application, cooperative_of, person

from .display_pages import visible_text

TEMPLATES = Path(__file__).resolve().parent.parent
# Django's `date` filter takes its month names from Django's Arabic catalogue (يناير …); the
# project's `longdate` filter from taawon/formats/ar (كانون الثاني …).
DATE_FILTER = re.compile(r"""\|date\b(?::\s*["']([^"']*)["'])?""")
# The format settings that name the month (SHORT_DATE_FORMAT and SHORT_DATETIME_FORMAT do not).
NAMING_THE_MONTH = {"DATE_FORMAT", "DATETIME_FORMAT", "YEAR_MONTH_FORMAT", "MONTH_DAY_FORMAT"}


def names_the_month(fmt: str | None) -> bool:
    if not fmt:
        return True  # DATE_FORMAT
    if re.fullmatch(r"[A-Z_]+", fmt):
        return fmt in NAMING_THE_MONTH
    return bool(re.search(r"(?<!\\)[FEMNb]", fmt))


def egyptian(month: int) -> str:
    with translation.override("ar"):
        return str(dates.MONTHS[month])


def home_in_arabic(client, user) -> str:
    client.force_login(user)
    with translation.override("ar"):
        response = client.get(reverse("home"))
    assert response.status_code == 200
    return visible_text(response.text)


def test_no_template_names_a_month_through_django_s_date_filter():
    offending = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0)}"
        for path in TEMPLATES.rglob("*.html")
        for match in DATE_FILTER.finditer(path.read_text())
        if names_the_month(match.group(1))
    ]
    assert not offending, "use |longdate for month names:\n" + "\n".join(offending)


def test_the_home_panels_name_the_months_in_levantine_arabic(client, personas):
    manager = personas.viewer_a
    Membership.objects.create(user=manager, organisation=personas.coop_a, role="manager")
    this_month = timezone.localdate().month
    last_month = (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).month

    unit = home_in_arabic(client, manager)
    country = home_in_arabic(client, personas.officer)

    assert MONTH_NAMES[this_month - 1] in unit and MONTH_NAMES[last_month - 1] in unit
    assert MONTH_NAMES[this_month - 1] in country
    for text in (unit, country):
        assert egyptian(this_month) not in text and egyptian(last_month) not in text


def test_a_monthly_indicator_period_is_named_in_levantine_arabic():
    july, august = datetime.date(2020, 7, 1), datetime.date(2020, 8, 31)
    with translation.override("ar"):
        keys = DIMENSIONS["month"].keys(july, august, Viewer(("JO",), None))
    assert [str(label) for _, label in keys] == ["تموز 2020", "آب 2020"]


@pytest.fixture
def draft(personas):
    holder = person(personas.unit_a, given_name_en="Khaled", given_name_ar="خالد", sex="male")
    return application(
        person=holder, cooperative=cooperative_of(personas.coop_a), by=personas.counsellor_a
    )


def test_the_documents_an_application_needs_are_listed_with_the_arabic_comma(
    client, personas, draft
):
    client.force_login(personas.counsellor_a)
    with translation.override("ar"):
        response = client.get(reverse("permits:permit_documents", args=[draft.pk]))
        photo, medical = (
            str(translation.gettext(text))
            for text in ("Personal photograph", "Medical examination certificate")
        )
    assert response.status_code == 200
    assert f"{photo}، {medical}" in visible_text(response.text)
    assert f"{photo}, {medical}" not in response.text


def test_a_missing_document_message_lists_them_with_the_arabic_comma(client, personas, draft):
    client.force_login(personas.counsellor_a)
    with translation.override("ar"):
        response = client.post(reverse("permits:permit_submit", args=[draft.pk]), {})
    assert response.status_code == 200
    text = visible_text(response.text)
    assert "، " in text.split(str(translation.gettext("Missing: %(documents)s.")).split("%")[0])[-1]
