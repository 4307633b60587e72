"""Every page of each role's menu, of the sub-menus those pages hold, and the first record each
list opens, on a phone (360 px) in Arabic: no sideways scrolling of the page itself and no
serious accessibility violation (check_page)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

from .conftest import Demo, assert_within_the_window, check_page, log_in

# Each role's menu differs; the dashboard and indicator pages are the officer's and the donor's,
# user management and merge rules the administrator's, imports and decisions the ministry's.
ROLES = ("counsellor_mafraq", "officer", "admin", "ministry", "donor")
MENU = "#mainnav a.nav-link[href]"
SUB_MENUS = "main :is(ul.nav-underline, ul.nav-tabs, ul.nav-pills) a.nav-link[href]"
FIRST_RECORD = "main table tbody tr:first-child a[href]"
# Files, not pages: downloads, exports and the API's documents.
NOT_A_PAGE = re.compile(r"\.(xlsx|csv|pdf|json)$|/export|/download|/api/|/admin/")


def _links(page: Page, selector: str, origin: str) -> list[str]:
    found = []
    for href in page.locator(selector).evaluate_all("links => links.map(link => link.href)"):
        parts = urlsplit(href)
        if f"{parts.scheme}://{parts.netloc}" != origin or NOT_A_PAGE.search(parts.path):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return list(dict.fromkeys(found))


def _shape(path: str) -> str:
    """The page a path opens, whatever record: /ar/people/12/ and /ar/people/31/ alike."""
    return re.sub(r"/\d+(?=/)", "/N", path.split("?")[0])


@pytest.mark.parametrize("viewport", ["phone"])
@pytest.mark.parametrize("username", ROLES)
def test_every_page_a_role_reaches_from_its_menu_fits_a_phone(
    page: Page, demo: Demo, username: str
) -> None:
    log_in(page, demo, username, language="ar")
    seen: set[str] = set()
    pending = ["/ar/", *_links(page, MENU, demo.url)]
    lists = 0
    while pending:
        path = pending.pop(0)
        if _shape(path) in seen:
            continue
        seen.add(_shape(path))
        response = page.goto(f"{demo.url}{path}")
        assert response is not None and response.status < 400, f"{path}: {response}"
        check_page(page, f"phone-{username}-{_shape(path).strip('/').replace('/', '-')}")
        # A list that keeps its key columns on a phone shows its last one (the status) whole.
        if page.locator("main table.table-keys > tbody > tr > td").count():
            assert_within_the_window(page, "main table.table-keys > tbody > tr > td:last-child")
        pending += _links(page, SUB_MENUS, demo.url)
        record = _links(page, FIRST_RECORD, demo.url)[:1]
        lists += bool(record)
        pending += record
    assert len(seen) >= 3, f"{username} reached only {sorted(seen)}"
    # Lists lead to records, except for the donor, who sees aggregates and opens no record.
    assert bool(lists) == (username != "donor"), sorted(seen)


def test_the_demo_compresses_its_pages_for_a_slow_line(demo: Demo) -> None:
    """`make demo` has no proxy in front of it: it compresses its own pages."""
    import gzip
    import urllib.request

    request = urllib.request.Request(
        f"{demo.url}/ar/accounts/login/", headers={"Accept-Encoding": "gzip"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read()
        assert response.headers["Content-Encoding"] == "gzip"
    html = gzip.decompress(body).decode()
    assert 'dir="rtl"' in html and len(body) < len(html) / 2


DEMO_PAGES = (
    "/ar/people/",
    "/ar/employment/job-seekers/",
    "/ar/employment/vacancies/",
    "/ar/reports/country/",
    "/ar/complaints/",
)
PAGE_BUDGET = 300 * 1024


@pytest.mark.parametrize("path", DEMO_PAGES)
def test_a_demo_page_weighs_under_300_kb_on_first_load(browser, demo: Demo, path: str) -> None:
    """Over the wire, as a counsellor on a new phone meets it: the page and everything it
    loads, compressed, with the demo's data (not the suite's small records)."""
    signing_in = browser.new_context(viewport={"width": 360, "height": 800})
    log_in(signing_in.new_page(), demo, "counsellor_mafraq", language="ar")
    cookies = signing_in.cookies()
    signing_in.close()
    # A new context: the session, but an empty cache, as on the first visit.
    context = browser.new_context(viewport={"width": 360, "height": 800})
    context.add_cookies(cookies)
    page = context.new_page()
    received: list = []
    page.on("requestfinished", lambda request: received.append(request))
    page.goto(f"{demo.url}{path}")
    page.wait_for_load_state("networkidle")
    weight = sum(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"] for r in received)
    context.close()
    assert received and weight <= PAGE_BUDGET, f"{path} weighs {weight:,} bytes"
