"""Headers and deployment: the Content Security Policy holds on every main page (no inline
script, style or handler anywhere), HSTS and the HTTPS redirect behind the TLS proxy,
`check --deploy` clean with production settings, the admin off in production, the API docs
behind a login, and JSON from the API whatever fails."""

from __future__ import annotations

import importlib
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlparse

import pytest
from django.db import OperationalError
from django.test import override_settings
from django.urls import clear_url_caches

from taawon.accounts import services as account_services
from taawon.employment.tests.conftest import build_unit
from taawon.people.tests.factories import PersonFactory
from taawon.permits.tests.factories import cooperative_of

ROOT = Path(__file__).resolve().parents[2]


class InlineFinder(HTMLParser):
    """Collects the links of a page and everything the policy would block inline."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.inline: list[str] = []
        self._script_without_src = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        for name, value in attrs:
            if name == "style" or name.startswith("on") or name.startswith("hx-on"):
                self.inline.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "action") and (value or "").startswith("javascript:"):
                self.inline.append(f"<{tag} {name}={value!r}>")
        if tag == "style":
            self.inline.append("<style>")
        if tag == "script":
            executable = names.get("type") in (None, "", "text/javascript", "module")
            self._script_without_src = executable and not names.get("src")
        if tag == "a" and names.get("href"):
            self.links.append(names["href"])

    def handle_data(self, data: str) -> None:
        if self._script_without_src and data.strip():
            self.inline.append(f"<script>{data.strip()[:60]}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script_without_src = False


@pytest.fixture
def records(personas):
    """A record of each main kind, so that the crawl reaches the detail pages."""
    PersonFactory(owner=personas.unit_a, identifiers={"national_id": "9901234567"})
    cooperative_of(personas.coop_a)
    build_unit(personas.unit_a, personas.counsellor_a)


MAX_PAGES = 150
SAME_SHAPE = 2  # pages per URL shape (ids as N): two people's pages say what all do


def shape(path: str) -> str:
    return re.sub(r"\d+", "N", path.split("?")[0])


def crawl(client, *starts: str) -> dict[str, object]:
    """GET pages reachable from `starts` by links (same site, English, no downloads or logout),
    breadth first, at most MAX_PAGES; {path: response}."""
    seen: dict[str, object] = {}
    shapes: dict[str, int] = {}
    queue = list(starts)
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen:
            continue
        response = client.get(path)
        seen[path] = response
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        finder = InlineFinder()
        finder.feed(response.content.decode())
        for link in finder.links:
            url = urlparse(urldefrag(link).url)
            if url.netloc or not url.path.startswith("/en/") or "logout" in url.path:
                continue
            if url.path.endswith((".xlsx", ".csv", ".pdf")) or "/admin/" in url.path:
                continue
            target = url.path + (f"?{url.query}" if url.query else "")
            if target in seen or target in queue or shapes.get(shape(target), 0) >= SAME_SHAPE:
                continue
            shapes[shape(target)] = shapes.get(shape(target), 0) + 1
            queue.append(target)
    return seen


def test_the_main_pages_have_no_inline_script_style_or_handler_and_send_the_policy(
    client, personas, records
):
    client.force_login(personas.admin)
    pages = crawl(client, "/en/", "/en/duplicates/")
    html_pages = {
        path: response
        for path, response in pages.items()
        if response.status_code == 200 and "text/html" in response.get("Content-Type", "")
    }
    assert len(html_pages) >= 20, sorted(pages)
    for area in (
        "/en/people/N/",
        "/en/cooperatives/N/",
        "/en/employment/vacancies/N/",
        "/en/permits/",
        "/en/duplicates/",
    ):
        assert any(shape(path).startswith(area) for path in html_pages), area
    for path, response in html_pages.items():
        finder = InlineFinder()
        finder.feed(response.content.decode())
        assert finder.inline == [], path
        policy = response["Content-Security-Policy"]
        directives = {
            part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()
        }
        assert directives["script-src"] == ["'self'"], path
        assert directives["style-src"] == ["'self'"], path
        assert directives["frame-ancestors"] == ["'none'"], path
        assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy


def test_htmx_is_told_not_to_inject_its_indicator_style(client, personas):
    client.force_login(personas.counsellor_a)
    page = client.get("/en/").content.decode()
    meta = re.search(r'<meta name="htmx-config" content=\'([^\']*)\'>', page)
    assert meta and '"includeIndicatorStyles": false' in meta.group(1)


def test_the_login_page_sends_the_policy_too(client, db):
    response = client.get("/en/accounts/login/")
    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]


# ---- HSTS, the HTTPS redirect and check --deploy, with production settings ------------------

PRODUCTION_ENV = {
    "TAAWON_SECRET_KEY": "a-long-random-production-like-secret-" + "x7Qp2Lm9Vr4Tz8Wk" * 3,
    "TAAWON_FIELD_KEYS": "Mr7c-xSzXpj38JeHrl8Hn8ZuHl2v6zuF6GHjIRTSjRE=",
    "TAAWON_ALLOWED_HOSTS": "taawon.example.org",
    "TAAWON_CSRF_TRUSTED_ORIGINS": "https://taawon.example.org",
    "TAAWON_BEHIND_TLS_PROXY": "1",
    "TAAWON_DEBUG": "0",
}


def _taawon(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("TAAWON_")}
    return subprocess.run(
        [sys.executable, "-m", "taawon", *args],
        env={**clean, "TAAWON_VAR_DIR": "/nonexistent", **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    database = f"sqlite:///{tmp_path / 'deploy.sqlite3'}"
    result = _taawon(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        TAAWON_DATABASE_URL=database,
        **PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_without_the_tls_proxy(tmp_path):
    database = f"sqlite:///{tmp_path / 'deploy.sqlite3'}"
    env = {**PRODUCTION_ENV, "TAAWON_BEHIND_TLS_PROXY": "0"}
    result = _taawon("check", "--deploy", TAAWON_DATABASE_URL=database, **env)
    assert "security.W004" in result.stderr + result.stdout
    assert "security.W008" in result.stderr + result.stdout


@override_settings(
    SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"),
    SECURE_SSL_REDIRECT=True,
    SECURE_REDIRECT_EXEMPT=[r"^healthz$"],
    SECURE_HSTS_SECONDS=31_536_000,
    SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
)
def test_behind_the_proxy_plain_http_is_redirected_and_https_gets_hsts(client, db):
    plain = client.get("/en/accounts/login/", HTTP_X_FORWARDED_PROTO="http")
    assert plain.status_code == 301
    assert plain["Location"].startswith("https://")
    secure = client.get("/en/accounts/login/", HTTP_X_FORWARDED_PROTO="https")
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    # the proxy's own health check over plain HTTP
    assert client.get("/healthz", HTTP_X_FORWARDED_PROTO="http").status_code == 200


def test_the_tls_proxy_setting_turns_on_hsts_and_the_redirect():
    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.ADMIN_ENABLED)"
    )
    result = _taawon("shell", "-v", "0", "-c", code, **PRODUCTION_ENV)
    assert result.stdout.split() == ["True", "31536000", "False"], result.stderr


# ---- The admin, and the API docs ------------------------------------------------------------


@pytest.fixture
def admin_urls(settings):
    """Reload the URLconf under the test's ADMIN_ENABLED, and put it back afterwards."""
    import taawon.urls

    def reload(enabled: bool) -> None:
        settings.ADMIN_ENABLED = enabled
        importlib.reload(taawon.urls)
        clear_url_caches()

    yield reload
    settings.ADMIN_ENABLED = False
    importlib.reload(taawon.urls)
    clear_url_caches()


def test_the_admin_is_off_in_production_and_on_when_asked(client, personas, admin_urls):
    client.force_login(personas.admin)
    admin_urls(False)
    assert client.get("/en/admin/").status_code == 404
    admin_urls(True)
    assert client.get("/en/admin/").status_code == 200


def test_the_api_docs_need_a_login_and_the_openapi_document_does_not(client, personas):
    response = client.get("/api/v1/docs")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert client.get("/api/v1/openapi.json").status_code == 200
    client.force_login(personas.counsellor_a)
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    assert "Content-Security-Policy" in docs


# ---- JSON errors from the API, whatever fails ----------------------------------------------


def test_a_token_request_while_the_database_is_down_gets_a_json_503(client, personas):
    token = account_services.create_token(user=personas.counsellor_a, name="test")
    with pytest.MonkeyPatch.context() as patch:
        from django.db.backends.utils import CursorWrapper

        def refuse(*args, **kwargs):
            raise OperationalError("connection refused: the server is not running")

        patch.setattr(CursorWrapper, "execute", refuse)
        response = client.get("/api/v1/persons", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json; charset=utf-8"
    body = response.json()
    assert body["detail"] and body["errors"] == {}
    assert response["Retry-After"] == "30"


def test_an_unknown_api_path_answers_json(client, db):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.json()["detail"]
