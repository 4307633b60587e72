"""Logging in, in Arabic and in English, and the home page of each demo role."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .conftest import Demo, check_page, log_in

ROLES = (
    "admin", "officer", "coop_admin", "coop_manager", "counsellor_mafraq", "clerk_mafraq",
    "viewer_karak", "ministry", "donor",
)  # fmt: skip


def test_logging_in_in_arabic_stays_in_arabic(page: Page, demo: Demo) -> None:
    page.goto(f"{demo.url}/ar/accounts/login/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    check_page(page, "login-ar")

    log_in(page, demo, "counsellor_mafraq", language="ar")

    assert page.url.startswith(f"{demo.url}/ar/"), page.url
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    check_page(page, "home-counsellor-ar")


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("username", ROLES)
def test_the_home_page_of_each_role(page: Page, demo: Demo, username: str, language: str) -> None:
    log_in(page, demo, username, language=language)

    assert page.url.startswith(f"{demo.url}/{language}/"), page.url
    expect(page.locator("h1").first).to_be_visible()
    check_page(page, f"home-{username}" + ("" if language == "en" else f"-{language}"))


def test_logging_in_in_sorani_stays_in_sorani(page: Page, demo: Demo) -> None:
    page.goto(f"{demo.url}/ckb/accounts/login/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    check_page(page, "login-ckb")

    log_in(page, demo, "counsellor_mafraq", language="ckb")

    assert page.url.startswith(f"{demo.url}/ckb/"), page.url
    expect(page.locator("html")).to_have_attribute("lang", "ckb")
    check_page(page, "home-counsellor-ckb")
