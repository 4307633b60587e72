"""The dashboard partials rendered from plain figures, in English and in Arabic."""

from __future__ import annotations

import re

from django.template import Context, Template
from django.utils import translation

from taawon.reports.charts import share_text
from taawon.reports.figures import Chart, HeadlineFigure
from taawon.reports.tests import samples


def render(source: str, **context) -> str:
    return Template("{% load reports %}" + source).render(Context(context))


def test_headline_cards_show_value_and_shares_of_women_and_syrians():
    figures = [HeadlineFigure("Registered", 1620, women=591, syrians=389)]
    html = render("{% headline_cards figures %}", figures=figures)
    assert ">1,620<" in html
    assert "36.5% women" in html  # 591 of 1,620, rounded half up as published
    assert "24.0% Syrians" in html


def test_a_hidden_count_shows_as_it_is_and_reveals_no_share():
    figures = [HeadlineFigure("Jobs", 2000, women="<5"), HeadlineFigure("Farms", "<5", women=2)]
    html = render("{% headline_cards figures %}", figures=figures)
    assert "women" not in html
    assert "&lt;5" in html


def test_shares_round_half_up_and_leave_out_nothing_and_hidden():
    assert share_text(454, 1300) == "34.9%"
    assert share_text(299, 1300) == "23.0%"
    assert share_text(1, 0) == share_text("<5", 10) == share_text(None, 10) == ""


def test_a_chart_comes_with_its_svg_and_its_table_in_details():
    chart = Chart(
        title="Registered by governorate and sex",
        kind="columns",
        categories=["Amman", "Irbid"],
        series=[("Women", [230, 150]), ("Men", [390, "<5"])],
        row_totals=[620, 154],
        column_totals=[380, 394],
        total=774,
        heading="Governorate",
    )
    html = render("{% chart_panel chart %}", chart=chart)
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img"' in html
    assert 'aria-label="Registered by governorate and sex"' in html
    assert "<details" in html and "<summary>" in html
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)
    cells = [
        re.findall(r"<(?:th|td)[^>]*>(?:<bdi[^>]*>)?(.*?)(?:</bdi>)?</t[hd]>", r) for r in rows
    ]
    assert cells == [
        ["Governorate", "Women", "Men", "Total"],
        ["Amman", "230", "390", "620"],
        ["Irbid", "150", "&lt;5", "154"],
        ["Total", "380", "394", "774"],
    ]


def test_in_arabic_the_chart_is_right_to_left_and_its_text_left_to_the_browser():
    with translation.override("ar"):
        chart = samples.charts()[4]
        html = render("{% chart_panel chart %}", chart=chart)
        pdf = render("{% chart_panel chart for_pdf=True %}", chart=chart)
    assert 'direction="rtl"' in html and ">البندورة<" in html  # the browser shapes it
    assert "<details" not in pdf and 'dir="ltr"' in pdf  # the table shown, the drawing shaped
    drawing, table = pdf.split("</svg>")
    assert ">البندورة<" not in drawing and "ﺓﺭﻭﺪﻨﺒﻟﺍ" in drawing
    assert ">البندورة<" in table  # HTML, which WeasyPrint shapes itself


def test_the_dashboard_brings_its_print_stylesheet_and_stacks_on_phones():
    html = render(
        "{% dashboard figures charts %}", figures=samples.figures(), charts=samples.charts()
    )
    assert "reports/reports.css" in html and "reports/reports.js" in html
    assert html.count('class="col-12 col-sm-6 col-lg-3 report-card-cell"') == 4
    assert html.count('class="col-12 col-lg-6 report-chart-cell"') == 5
    # Each chart twice: for a computer's width, and drawn for a phone's (shown below 576 px).
    assert html.count("<svg") == 10
    assert html.count('class="report-chart-drawing d-sm-none"><svg') == 5
    assert html.count('viewBox="0 0 340 ') == 5
    assert "<script>" not in html and " style=" not in html  # nothing the CSP blocks
