"""The country and unit dashboards and their PDF: figures in the viewer's scope, links to the
records for staff, withheld small counts and no links for the donor, no page for the ministry,
bad periods answered with a message."""

from __future__ import annotations

import pytest

from taawon.core.testing import pdf_text

QUARTER = "start=2020-07-01&end=2020-09-30"


def page(client, user, path, language="en"):
    client.force_login(user)
    return client.get(f"/{language}/reports/{path}")


def cards(html: str) -> list[str]:
    """The headline cards' values, in order."""
    import re

    return re.findall(r'<p class="report-value mb-1"><bdi dir="ltr">([^<]*)</bdi>', html)


@pytest.mark.django_db
def test_a_unit_counsellor_sees_its_units_figures_linked_to_the_records(client, personas, data_set):
    response = page(client, personas.counsellor_a, f"country/?{QUARTER}")
    assert response.status_code == 200
    html = response.content.decode()
    # registered, placed, farms visited, jobs secured, permits issued
    assert cards(html) == ["5", "2", "2", "3", "0"]
    assert "40.0% women" in html and "60.0% Syrians" in html
    assert 'href="/en/employment/job-seekers/' in html
    assert "<svg" in html and 'id="dashboard-period"' in html
    assert 'href="?start=2020-04-01&amp;end=2020-06-30"' in html
    assert 'href="?start=2020-10-01&amp;end=2020-12-31"' in html
    theirs = page(client, personas.counsellor_b, f"country/?{QUARTER}").content.decode()
    assert cards(theirs)[0] == "1"


@pytest.mark.django_db
def test_the_country_office_sees_every_unit_and_the_chart_by_unit(client, personas, data_set):
    html = page(client, personas.officer, f"country/?{QUARTER}").content.decode()
    assert cards(html)[:2] == ["6", "2"]
    assert "Jobs secured, by unit" in html and "Unit A" in html


@pytest.mark.django_db
def test_the_donor_gets_withheld_small_counts_and_no_record_links(client, personas, data_set):
    response = page(client, personas.aggregate, f"country/?{QUARTER}")
    assert response.status_code == 200
    html = response.content.decode()
    # 6 registered is published; 2 placed, 2 farms and 3 jobs are small, withheld.
    assert cards(html)[:4] == ["6", "x", "x", "x"]
    dashboard = html.split('class="report-dashboard"')[1]
    assert "<a " not in dashboard and "records behind" not in dashboard
    assert "by unit" not in html
    assert "withheld" in html
    assert page(client, personas.aggregate, "unit/").status_code == 404
    unit = page(client, personas.aggregate, f"unit/{personas.unit_a.pk}/?{QUARTER}")
    assert unit.status_code == 404
    # Whole months, quarters or years only.
    finer = page(client, personas.aggregate, "country/?start=2020-07-02&end=2020-09-30")
    assert finer.status_code == 400
    assert "whole month, quarter or year" in finer.content.decode()


@pytest.mark.django_db
def test_the_ministry_officer_and_an_outsider_get_no_dashboard(client, personas):
    assert page(client, personas.ministry_officer, "country/").status_code == 404
    assert page(client, personas.outsider, "country/").status_code == 404
    assert page(client, personas.ministry_officer, "country/report.pdf").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("start=yesterday&end=2020-09-30", "date"),
        ("start=2020-09-30&end=2020-07-01", "The period ends before it starts."),
        ("start=2020-07-01", "Give both days of the period, or neither."),
    ],
)
def test_a_bad_period_is_a_message_not_an_error(client, personas, query, message):
    response = page(client, personas.officer, f"country/?{query}")
    assert response.status_code == 400
    assert message in response.content.decode()
    pdf = page(client, personas.officer, f"country/report.pdf?{query}")
    assert pdf.status_code == 400 and pdf["Content-Type"].startswith("text/html")


@pytest.mark.django_db
def test_the_default_period_is_the_latest_quarter_with_figures(client, personas, data_set):
    from taawon.reports.dashboards import default_period

    start, end = default_period(personas.counsellor_a)
    assert start.month in (1, 4, 7, 10) and start.day == 1
    assert end > start
    response = page(client, personas.counsellor_a, "country/")
    assert response.status_code == 200
    assert 'id="dashboard-period"' in response.content.decode()


@pytest.mark.django_db
def test_the_unit_dashboard_counts_one_unit_in_the_viewers_reach(client, personas, data_set):
    response = page(client, personas.officer, f"unit/{personas.unit_a.pk}/?{QUARTER}")
    assert response.status_code == 200
    assert cards(response.content.decode())[:2] == ["5", "2"]
    unit_b = page(client, personas.officer, f"unit/{personas.unit_b.pk}/?{QUARTER}")
    assert cards(unit_b.content.decode())[0] == "1"
    # Out of reach: not found.
    other = page(client, personas.counsellor_a, f"unit/{personas.unit_b.pk}/?{QUARTER}")
    assert other.status_code == 404
    # A counsellor's picker goes straight to its one unit.
    picker = page(client, personas.counsellor_a, "unit/")
    assert picker.status_code == 302 and picker.url.endswith(f"/unit/{personas.unit_a.pk}/")
    listed = page(client, personas.officer, "unit/").content.decode()
    assert "Unit A" in listed and "Unit B" in listed


@pytest.mark.django_db
def test_the_arabic_dashboard_is_right_to_left(client, personas, data_set):
    response = page(client, personas.counsellor_a, f"country/?{QUARTER}", language="ar")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'dir="rtl"' in html
    assert cards(html)[0] == "5"


@pytest.mark.django_db
def test_the_pdf_report_is_an_attachment_holding_the_figures(client, personas, data_set):
    response = page(client, personas.counsellor_a, f"country/report.pdf?{QUARTER}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="taawon-report-2020-07-01-2020-09-30.pdf"'
    )
    assert response.content.startswith(b"%PDF-")
    text = pdf_text(response.content)
    assert "Progress report" in text
    assert "01/07/2020 – 30/09/2020" in text
    assert "Job seekers registered" in text
    assert "40.0% women" in text and "60.0% Syrians" in text
    unit = page(client, personas.officer, f"unit/{personas.unit_b.pk}/report.pdf?{QUARTER}")
    assert unit.status_code == 200 and "Unit B" in pdf_text(unit.content)


@pytest.mark.django_db
def test_the_donors_pdf_withholds_the_small_counts(client, personas, data_set):
    response = page(client, personas.aggregate, f"country/report.pdf?{QUARTER}")
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "withheld" in text
    assert "women" not in text.split("Charts and tables")[0]  # no share of a withheld count


def test_bar_labels_lose_the_words_every_unit_name_begins_with():
    from taawon.reports.dashboards import without_common_prefix

    assert without_common_prefix(
        ["Employment Unit, Al-Khalidiya", "Employment Unit, Deir Alla"]
    ) == [
        "Al-Khalidiya",
        "Deir Alla",
    ]
    arabic = ["وحدة التشغيل - جمعية الخالدية", "وحدة التشغيل - جمعية دير علا"]
    assert without_common_prefix(arabic) == ["جمعية الخالدية", "جمعية دير علا"]
    assert without_common_prefix(["Unit A", "Unit B"]) == ["Unit A", "Unit B"]
    assert without_common_prefix(["Only, one"]) == ["Only, one"]
