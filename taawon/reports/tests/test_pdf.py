"""The progress report as a PDF: produced offline, in Arabic with its Arabic title."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation
from weasyprint import HTML

from taawon.core.fonts import font_directory
from taawon.core.testing import pdf_text
from taawon.reports.pdf import STYLESHEET, LocalFetcher, render_pdf
from taawon.reports.progress import progress_report_html, progress_report_pdf
from taawon.reports.tests import samples

TITLE_AR = "تقدم وحدات التشغيل"
PERIOD = {"start": datetime.date(2020, 7, 1), "end": datetime.date(2020, 9, 30)}


def test_the_arabic_report_is_a_pdf_holding_its_arabic_title():
    with translation.override("ar"):
        html = progress_report_html(
            title=TITLE_AR, figures=samples.figures(), charts=samples.charts(), **PERIOD
        )
        pdf = progress_report_pdf(
            title=TITLE_AR, figures=samples.figures(), charts=samples.charts(), **PERIOD
        )
    assert pdf.startswith(b"%PDF-")
    assert '<html lang="ar" dir="rtl">' in html
    # The period reads from its start, each date whole, in right-to-left text.
    assert '<bdi dir="ltr">01/07/2020</bdi> – <bdi dir="ltr">30/09/2020</bdi>' in html
    text = pdf_text(pdf)
    assert TITLE_AR in text
    assert "1,620" in text
    document = HTML(string=html).render()
    assert len(document.pages) >= 2


def test_the_english_report_names_its_period_and_figures():
    with translation.override("en"):
        pdf = progress_report_pdf(
            title="Progress of the units", figures=samples.figures(), charts=[], **PERIOD
        )
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    assert "Progress of the units" in text
    assert "01/07/2020 – 30/09/2020" in text
    assert "36.5% women" in text


def test_a_report_fetches_nothing_from_the_network_nor_files_elsewhere():
    fetcher = LocalFetcher([font_directory(), STYLESHEET.parent])
    for url in ("http://example.org/x.png", "https://example.org/font.woff2", "file:///etc/passwd"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert fetcher.fetch(STYLESHEET.as_uri()) is not None


def test_an_image_from_the_network_is_left_out_not_fetched():
    html = '<html><body><p>x</p><img src="http://127.0.0.1:9/never.png" alt="remote"></body></html>'
    assert render_pdf(html).startswith(b"%PDF-")
