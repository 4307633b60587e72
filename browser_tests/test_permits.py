"""The ministry officer's permit decision, and a permit import whose check the worker finishes."""

from __future__ import annotations

import datetime
import re

from playwright.sync_api import Page, expect

from .conftest import Demo, assert_within_the_window, check_page, log_in

HEADERS = (
    "Permit number", "ID number", "Name (Arabic)", "Name (English)", "Sex", "Nationality",
    "Date of birth", "Cooperative", "Sector", "Issue date", "Expiry date", "Fee",
)  # fmt: skip
# The Mafraq cooperative of the demo, which coop_admin administers.
COOPERATIVE = "1187/1993"
# The worker takes a job within seconds; the check of three rows takes a few more.
JOB_TIMEOUT = 90_000


def _permit_file(prefix: str) -> bytes:
    today = datetime.date.today()
    rows = [",".join(HEADERS)]
    names = [
        ("سمير يوسف الحلبي", "Samir Yousef Al-Halabi"),
        ("نبيل فادي الشامي", "Nabil Fadi Al-Shami"),
    ]
    for i, (arabic, english) in enumerate(names):
        rows.append(
            ",".join(
                [
                    f"{prefix}-{i}",
                    f"{prefix}X{i:05d}",
                    arabic,
                    english,
                    "M",
                    "Syrian",
                    f"199{i}-03-1{i}",
                    COOPERATIVE,
                    "Agriculture",
                    (today - datetime.timedelta(days=30)).isoformat(),
                    (today + datetime.timedelta(days=300)).isoformat(),
                    "10",
                ]
            )  # fmt: skip
        )
    return ("\n".join(rows) + "\n").encode()


def test_a_permit_import_is_checked_by_the_worker_then_imported(page: Page, demo: Demo) -> None:
    prefix = f"BT{page.viewport_name[0].upper()}"  # type: ignore[attr-defined]
    log_in(page, demo, "ministry")
    page.goto(f"{demo.url}/en/permits/imports/new/")
    check_page(page, "permit-import-upload")

    page.set_input_files(
        "input[type=file]",
        files=[{"name": "permits.csv", "mimeType": "text/csv", "buffer": _permit_file(prefix)}],
    )
    page.get_by_role("button", name="Upload and check").click()

    importing = page.get_by_role("button", name="Import these permits")
    expect(importing).to_be_visible(timeout=JOB_TIMEOUT)
    check_page(page, "permit-import-checked")
    importing.click()
    expect(page.get_by_text("The permits are imported.")).to_be_visible(timeout=JOB_TIMEOUT)
    check_page(page, "permit-import-done")


def _apply_and_submit(page: Page, demo: Demo, offset: int) -> str:
    """coop_admin applies for a permit for one of the cooperative's people and submits it."""
    log_in(page, demo, "coop_admin")
    page.goto(f"{demo.url}/en/people/?nationality=SY")
    href = page.locator("main table tbody a[href*='/people/']").nth(offset).get_attribute("href")
    person = int(href.rstrip("/").rsplit("/", 1)[1])
    page.goto(f"{demo.url}/en/permits/people/{person}/apply/")
    check_page(page, "permit-apply")
    for select in page.locator("main form select").all():
        if not select.input_value():
            select.select_option(index=1)
    page.locator("main form button").last.click()
    # Each step waits for the next page: a click on a link does not wait for it to load.
    page.get_by_role("link", name="Documents").click()
    page.wait_for_url(re.compile(r"/documents/$"))
    boxes = page.locator("main form input[type=checkbox]")
    expect(boxes.first).to_be_visible()
    for box in boxes.all():
        box.check()
    page.locator("main form button").last.click()
    page.wait_for_url(lambda url: not url.endswith("/documents/"))
    page.get_by_role("link", name="Submit to the ministry").click()
    page.wait_for_url(re.compile(r"/submit/$"))
    check_page(page, "permit-submit")
    page.locator("main form button").last.click()
    page.wait_for_url(lambda url: not url.endswith("/submit/"))
    expect(page.get_by_role("link", name="Submit to the ministry")).to_have_count(0)
    url = page.url
    page.context.clear_cookies()
    return url


def test_the_ministry_officer_records_a_permit_decision(page: Page, demo: Demo) -> None:
    offset = 0 if page.viewport_name == "desktop" else 1  # type: ignore[attr-defined]
    application = _apply_and_submit(page, demo, offset)
    log_in(page, demo, "ministry")
    page.goto(f"{demo.url}/en/permits/?status=submitted")
    check_page(page, "permit-list")
    # On a phone too, each row shows its holder and its status without scrolling.
    assert_within_the_window(page, "main table.table-keys > thead > tr > th:last-child")
    assert_within_the_window(page, "main table.table-keys > tbody > tr > td:last-child")
    page.goto(application)
    check_page(page, "permit-detail")

    page.get_by_role("link", name="Record a rejection").click()
    check_page(page, "permit-reject")
    page.locator("main form textarea").first.fill("The employer's contract is missing.")
    page.locator("main form button").last.click()

    expect(page.get_by_role("link", name="Record a rejection")).to_have_count(0)
    expect(page.get_by_text("The employer's contract is missing.").first).to_be_visible()
    check_page(page, "permit-rejected")
