"""Batch duplicate detection run by the demo's worker, then a review with merge and undo."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .conftest import Demo, check_page, log_in

JOB_TIMEOUT = 120_000


def test_a_reviewer_finds_duplicates_merges_a_pair_and_undoes_it(page: Page, demo: Demo) -> None:
    log_in(page, demo, "officer")
    page.goto(f"{demo.url}/en/duplicates/")
    check_page(page, "duplicates-queue")

    page.get_by_role("button", name="Look for duplicates in the whole registry").click()
    review = page.get_by_role("link", name="Review the possible duplicates")
    expect(review).to_be_visible(timeout=JOB_TIMEOUT)
    check_page(page, "duplicates-run")
    review.click()
    page.get_by_role("link", name="Review").first.click()
    check_page(page, "duplicates-pair")

    page.locator("input[name=survivor]").first.check()
    page.get_by_role("button", name="Confirm and merge").click()
    # The confirmation says what the merge moves before anything is written.
    expect(page.locator("#merge-summary")).to_be_visible()
    check_page(page, "duplicates-merge-confirm")
    page.get_by_role("button", name="Merge", exact=True).click()
    expect(page.locator(".alert").first).to_be_visible()
    page.goto(f"{demo.url}/en/duplicates/merges/")
    check_page(page, "duplicates-merges")
    page.get_by_role("button", name="Undo").first.click()

    expect(page.locator(".alert").first).to_be_visible()
    check_page(page, "duplicates-undone")
