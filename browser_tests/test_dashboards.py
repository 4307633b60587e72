"""The country dashboard of the brief's quarter, for the country office and for the donor, in
English and in Arabic, on a computer and a phone: accessible, no sideways scrolling."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .conftest import Demo, check_page, log_in

QUARTER = "start=01/07/2020&end=30/09/2020"


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("username", ["officer", "donor"])
def test_the_country_dashboard(page: Page, demo: Demo, username: str, language: str) -> None:
    log_in(page, demo, username, language=language)
    page.goto(f"{demo.url}/{language}/reports/country/?{QUARTER}")

    expect(page.locator(".report-card").first).to_be_visible()
    # Each chart is drawn twice, for a wide window and for a phone; one of them shows.
    expect(page.locator(".report-chart-drawing svg:visible").first).to_be_visible()
    # The donor opens no record; the country office opens them from each card.
    links = page.locator(".report-card a")
    if username == "donor":
        expect(links).to_have_count(0)
    else:
        assert links.count() >= 4
    check_page(page, f"dashboard-{username}-{language}")
