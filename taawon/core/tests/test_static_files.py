"""Every static file a page links to is served, as in the demo and as in production, and pages
stay light enough for a slow line."""

from __future__ import annotations

import gzip
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from taawon.core.fonts import FONT_PATH

PAGES = [
    "/{language}/",
    "/{language}/people/",
    "/{language}/people/new/",
    "/{language}/employment/",
    "/{language}/employment/vacancies/",
    "/{language}/permits/",
    "/{language}/duplicates/",
    "/{language}/employment/job-seekers/",
    "/{language}/employment/placements/",
    "/{language}/employment/labour-demand/",
    "/{language}/permits/expiring/",
    "/{language}/reports/country/",
    "/{language}/indicators/",
]
LANGUAGES = ("en", "ar")
# The most a page may weigh on its first load, compressed: its HTML and everything it links.
PAGE_BUDGET = 300 * 1024
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")


class _StaticLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("href", "src"):
            url = values.get(name) or ""
            if tag in {"link", "script", "img", "source"} and url.startswith("/static/"):
                self.urls.append(url)


def _static_urls(html: str) -> list[str]:
    parser = _StaticLinks()
    parser.feed(html)
    return parser.urls


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def _fetch_page_and_assets(client: Client, url: str) -> dict[str, bytes]:
    """The page and every static file it links, and the files those stylesheets name."""
    page = client.get(url)
    assert page.status_code == 200, url
    fetched = {url: page.content}
    pending = _static_urls(page.content.decode())
    assert pending, f"{url} links no static file"
    while pending:
        asset = pending.pop()
        if asset in fetched:
            continue
        response = client.get(asset)
        assert response.status_code == 200, f"{asset}, linked from {url}"
        fetched[asset] = _body(response)
        if asset.endswith(".css"):
            base = asset.rsplit("/", 1)[0]
            for found in CSS_URL.findall(fetched[asset].decode()):
                if not found.startswith(("data:", "#", "http:", "https:", "/")):
                    pending.append(f"{base}/{found}".split("?")[0].split("#")[0])
    return fetched


def _pages(client: Client) -> list[str]:
    return [page.format(language=language) for language in LANGUAGES for page in PAGES]


@pytest.fixture
def logged_in(client, personas):
    client.force_login(personas.officer)
    return client


def test_every_static_file_a_page_links_is_served_from_the_apps(logged_in, settings):
    settings.WHITENOISE_USE_FINDERS = True  # as in the demo and with DEBUG
    client = Client()
    client.cookies = logged_in.cookies

    fetched = {}
    for page in _pages(client):
        fetched.update(_fetch_page_and_assets(client, page))

    assert "/static/taawon/taawon.css" in fetched
    assert f"/static/{FONT_PATH}" in fetched
    assert "/static/bootstrap/css/bootstrap.rtl.min.css" in fetched


def test_the_login_page_links_its_styles_before_logging_in(client, personas, settings):
    settings.WHITENOISE_USE_FINDERS = True

    for language in LANGUAGES:
        fetched = _fetch_page_and_assets(client, f"/{language}/accounts/login/")
        assert any(url.endswith(".css") for url in fetched)


@pytest.fixture
def collected(settings, tmp_path: Path) -> Path:
    """The production path: `collectstatic` into a fresh STATIC_ROOT, hashed and compressed."""
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = False
    call_command("collectstatic", interactive=False, verbosity=0)
    return tmp_path


def test_after_collectstatic_pages_link_hashed_files_cached_for_a_year(collected, logged_in):
    client = Client()
    client.cookies = logged_in.cookies

    fetched = {}
    for page in _pages(client):
        fetched.update(_fetch_page_and_assets(client, page))

    assets = [url for url in fetched if url.startswith("/static/")]
    assert any(url.startswith("/static/taawon/fonts/noto-sans-arabic.") for url in assets)
    for asset in assets:
        assert re.search(r"\.[0-9a-f]{12}\.\w+$", asset), asset
        response = client.get(asset, HTTP_ACCEPT_ENCODING="gzip")
        assert "immutable" in response["Cache-Control"], asset
        assert "max-age=315360000" in response["Cache-Control"], asset
    stylesheet = next(url for url in assets if "bootstrap.rtl.min" in url)
    compressed = client.get(stylesheet, HTTP_ACCEPT_ENCODING="gzip")
    assert compressed["Content-Encoding"] == "gzip"


def test_no_page_weighs_more_than_300_kb_compressed_on_first_load(logged_in, settings):
    settings.WHITENOISE_USE_FINDERS = True
    client = Client()
    client.cookies = logged_in.cookies

    for page in _pages(client):
        fetched = _fetch_page_and_assets(client, page)
        weight = sum(len(gzip.compress(body)) for body in fetched.values())
        assert weight <= PAGE_BUDGET, f"{page} weighs {weight:,} bytes compressed"
