"""The counsellor's journey: register a job seeker (seeing the duplicate warning), match, refer,
place and follow up."""

from __future__ import annotations

import datetime
import re

from playwright.sync_api import Page, expect

from .conftest import Demo, check_page, log_in


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


def test_the_counsellor_registers_matches_refers_places_and_follows_up(
    page: Page, demo: Demo
) -> None:
    log_in(page, demo, "counsellor_mafraq")
    page.goto(f"{demo.url}/en/people/")
    existing = page.locator("main table tbody a[href*='/people/']").first.get_attribute("href")
    page.goto(f"{demo.url}{existing}edit/")
    values = {
        name: page.locator(f"main form [name={name}]").input_value()
        for name in (
            "given_name_ar", "father_name_ar", "family_name_ar",
            "given_name_en", "father_name_en", "family_name_en", "sex", "date_of_birth",
            "birth_year",
        )  # fmt: skip
        if page.locator(f"main form [name={name}]").count()
    }

    # The same person, registered again: the registry warns before saving.
    page.goto(f"{demo.url}/en/people/new/")
    check_page(page, "person-new")
    for name, value in values.items():
        field = page.locator(f"main form [name={name}]")
        if field.evaluate("element => element.tagName.toLowerCase()") == "select":
            field.select_option(value)
        else:
            field.fill(value)
    _fill_required(page)
    _submit(page)
    expect(page.get_by_text("This person may already be registered")).to_be_visible()
    check_page(page, "person-duplicate-warning")
    page.get_by_role("button", name="Register as a new person").click()
    page.wait_for_url(re.compile(r"/people/\d+/$"))
    person = int(page.url.rstrip("/").rsplit("/", 1)[1])

    # A job seeker profile, then the best vacancies for them.
    page.goto(f"{demo.url}/en/employment/people/{person}/")
    check_page(page, "job-seeker-new")
    _fill_required(page)
    _submit(page)
    page.wait_for_url(re.compile(r"/job-seekers/\d+/$"))
    check_page(page, "job-seeker")

    # One click refers to a recommended vacancy; without any, the referral form does it.
    matches = page.locator("main form[action*='/refer/'] button")
    if matches.count():
        matches.first.click()
        page.wait_for_load_state("networkidle")
        page.reload()
    else:
        page.get_by_role("link", name="Refer to a vacancy").click()
        check_page(page, "referral-new")
        _fill_required(page)
        _submit(page)
    expect(page.get_by_text("Not referred yet.")).to_have_count(0)
    check_page(page, "job-seeker-referred")

    # Placed in the vacancy it was referred to, then followed up.
    page.locator("h2:has-text('Referrals') + ul a[href*='/vacancies/']").first.click()
    page.locator("main a[href*='/place/']").first.click()
    check_page(page, "placement-new")
    # The form proposes the vacancy's own end, which lies in the past for the demo's vacancies.
    if page.locator("main form [name=end_date]").count():
        page.fill("main form [name=end_date]", "")
    _fill_required(page)
    _submit(page)
    page.wait_for_url(re.compile(r"/placements/\d+/$"))
    check_page(page, "placement")
    page.get_by_role("link", name="Record a follow-up").click()
    check_page(page, "follow-up-new")
    _fill_required(page)
    page.get_by_label("Yes").check()
    _submit(page)
    page.wait_for_url(re.compile(r"/placements/\d+/$"))
    outcome = page.get_by_text("Still employed").or_(page.get_by_text("No longer employed"))
    expect(outcome.first).to_be_visible()
    check_page(page, "placement-followed-up")
