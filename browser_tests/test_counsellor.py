"""The counsellor's journey: register a job seeker (seeing the duplicate warning), match, refer,
place and follow up; in Arabic (logged in from the Arabic page) and in English."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import Page, expect

from .conftest import Demo, assert_on_one_line, check_page, log_in, translator

# The employment unit's sub-menu: on a phone one line that scrolls inside itself.
SUB_MENU = "ul.nav-underline > li.nav-item"


def _fill_required(page: Page) -> None:
    """Give every empty required field of the page's main form a plausible value."""
    today = datetime.date.today().isoformat()
    for field in page.locator("main form [required]").all():
        if not field.is_visible() or field.input_value():
            continue
        tag = field.evaluate("element => element.tagName.toLowerCase()")
        kind = field.get_attribute("type") or ""
        if tag == "select":
            field.select_option(index=1)
        elif kind == "date":
            field.fill(today)
        elif kind == "number" or field.get_attribute("inputmode") in {"numeric", "decimal"}:
            field.fill("1")
        elif kind not in {"checkbox", "radio", "hidden", "file"}:
            field.fill("Browser test")


def _submit(page: Page) -> None:
    page.locator("main form button:not(.visually-hidden)").last.click()
    page.wait_for_load_state("load")


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_counsellor_registers_matches_refers_places_and_follows_up(
    page: Page, demo: Demo, language: str
) -> None:
    _ = translator(language)
    base = f"{demo.url}/{language}"
    shot = "" if language == "en" else f"-{language}"
    log_in(page, demo, "counsellor_mafraq", language=language)
    assert page.url.startswith(f"{base}/"), page.url
    page.goto(f"{base}/people/")
    existing = page.locator("main table tbody a[href*='/people/']").first.get_attribute("href")
    page.goto(f"{demo.url}{existing}edit/")
    values = {
        name: page.locator(f"main form [name={name}]").input_value()
        for name in (
            "given_name_ar",
            "father_name_ar",
            "family_name_ar",
            "given_name_en",
            "father_name_en",
            "family_name_en",
            "sex",
            "date_of_birth",
            "birth_year",
        )  # fmt: skip
        if page.locator(f"main form [name={name}]").count()
    }

    # The same person, registered again: the registry warns before saving.
    page.goto(f"{base}/people/new/")
    check_page(page, f"person-new{shot}")
    for name, value in values.items():
        field = page.locator(f"main form [name={name}]")
        if field.evaluate("element => element.tagName.toLowerCase()") == "select":
            field.select_option(value)
        else:
            field.fill(value)
    _fill_required(page)
    _submit(page)
    expect(page.get_by_text(_("This person may already be registered"))).to_be_visible()
    check_page(page, f"person-duplicate-warning{shot}")
    page.get_by_role("button", name=_("Register as a new person")).click()
    page.wait_for_url(re.compile(r"/people/\d+/$"))
    person = int(page.url.rstrip("/").rsplit("/", 1)[1])

    # A job seeker profile, then the best vacancies for them.
    page.goto(f"{base}/employment/people/{person}/")
    check_page(page, f"job-seeker-new{shot}")
    _fill_required(page)
    _submit(page)
    page.wait_for_url(re.compile(r"/job-seekers/\d+/$"))
    check_page(page, f"job-seeker{shot}")
    if page.viewport_name == "phone":  # type: ignore[attr-defined]
        assert_on_one_line(page, SUB_MENU)

    # One click refers to a recommended vacancy; without any, the referral form does it.
    matches = page.locator("main form[action*='/refer/'] button")
    if matches.count():
        matches.first.click()
        page.wait_for_load_state("networkidle")
        page.reload()
    else:
        page.get_by_role("link", name=_("Refer to a vacancy")).click()
        check_page(page, f"referral-new{shot}")
        _fill_required(page)
        _submit(page)
    expect(page.get_by_text(_("Not referred yet."))).to_have_count(0)
    check_page(page, f"job-seeker-referred{shot}")

    # Placed in the vacancy it was referred to, then followed up.
    page.locator(f"h2:has-text('{_('Referrals')}') + ul a[href*='/vacancies/']").first.click()
    page.locator("main a[href*='/place/']").first.click()
    check_page(page, f"placement-new{shot}")
    # The form proposes the vacancy's own end, which lies in the past for the demo's vacancies.
    if page.locator("main form [name=end_date]").count():
        page.fill("main form [name=end_date]", "")
    _fill_required(page)
    _submit(page)
    page.wait_for_url(re.compile(r"/placements/\d+/$"))
    check_page(page, f"placement{shot}")
    page.get_by_role("link", name=_("Record a follow-up")).click()
    check_page(page, f"follow-up-new{shot}")
    _fill_required(page)
    page.get_by_label(_("Yes"), exact=True).check()
    _submit(page)
    page.wait_for_url(re.compile(r"/placements/\d+/$"))
    outcome = page.get_by_text(_("Still employed"), exact=True).or_(
        page.get_by_text(_("No longer employed"), exact=True)
    )
    expect(outcome.first).to_be_visible()
    check_page(page, f"placement-followed-up{shot}")
