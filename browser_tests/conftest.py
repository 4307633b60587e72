"""Browser journeys: Playwright driving Debian's Chromium against `taawon demo`.

The session starts the demo itself (its web server and its background worker) on its own SQLite
database with the demo data at a small scale, so the pages are those a person sees after
`make demo`, jobs included. Run with `make test-browser`; `make test` does not collect this folder.
"""

from __future__ import annotations

import contextlib
import gettext
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "var" / "screenshots"
CATALOGUE = ROOT / "taawon" / "locale"
CHROMIUM = os.environ.get("TAAWON_CHROMIUM", "/usr/bin/chromium")
# No browser download, nothing fetched: Debian's Chromium, kept off the network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 360, "height": 780}}
DEMO_SCALE = "0.2"  # 324 job seekers, two of them registered twice
START_TIMEOUT = 240
AXE = Axe()
# When the page scrolls sideways: its width, the window's, and the outermost elements that stick
# out (to say what to fix).
WIDER_THAN_THE_WINDOW = """() => {
  const width = document.scrollingElement.scrollWidth;
  if (width <= window.innerWidth) return null;
  const out = [...document.body.querySelectorAll("*")].filter((element) => {
    const box = element.getBoundingClientRect();
    return box.right > window.innerWidth + 1 || box.left < -1;
  }).filter((element, _, all) => !all.includes(element.parentElement));
  const names = out.slice(0, 5).map((element) =>
    element.tagName.toLowerCase() + (element.className ? "." + element.className : ""));
  return [width, window.innerWidth, names];
}"""


@dataclass(frozen=True)
class Demo:
    url: str
    passwords: dict[str, str]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"taawon demo stopped:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    tail = log.read_text()[-3000:]
    raise RuntimeError(f"taawon demo did not answer in {START_TIMEOUT} s:\n{tail}")


@pytest.fixture(scope="session")
def demo(tmp_path_factory) -> Iterator[Demo]:
    home = tmp_path_factory.mktemp("demo")
    port = _free_port()
    env = {
        **os.environ,
        "TAAWON_DEMO": "1",
        "TAAWON_VAR_DIR": str(home),
        "TAAWON_DATABASE_URL": f"sqlite:///{home}/taawon.sqlite3",
        "TAAWON_TASK_BACKEND": "django_tasks_db.DatabaseBackend",
    }
    for name in ("TAAWON_SECRET_KEY", "TAAWON_FIELD_KEYS", "TAAWON_DEBUG"):
        env.pop(name, None)
    log = home / "demo.log"
    command = [sys.executable, "-m", "taawon", "demo", "--scale", DEMO_SCALE]
    command += ["--addrport", f"127.0.0.1:{port}"]
    with log.open("w") as out:
        process = subprocess.Popen(
            command, env=env, cwd=home, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, process, log)
        passwords = {}
        for line in (home / "demo-passwords.txt").read_text().splitlines():
            if line.strip() and not line.startswith("#"):
                username, password = line.split()
                passwords[username] = password
        yield Demo(url=url, passwords=passwords)
    finally:
        # The command treats SIGTERM as Ctrl-C: it stops the web server and the worker, waits
        # for both, and leaves no process of its session behind.
        process.send_signal(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=30)
        left = _still_running(process.pid)
        code = process.returncode
        if left or code is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert code == 0 and not left, (
        f"taawon demo stopped with {code}, leaving {left}:\n{log.read_text()[-2000:]}"
    )


def _still_running(session: int) -> list[str]:
    """The command lines of the processes still running in the demo's session."""
    left = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and os.getsid(int(entry.name)) == session:
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
                if state != "Z":
                    left.append(command)
        except (OSError, ValueError):
            continue
    return left


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request) -> str:
    return request.param


@pytest.fixture
def page(browser: Browser, viewport: str) -> Iterator[Page]:
    context = browser.new_context(viewport=VIEWPORTS[viewport], locale="en-GB")
    context.set_default_timeout(20_000)
    tab = context.new_page()
    tab.viewport_name = viewport  # type: ignore[attr-defined]
    yield tab
    context.close()


def translator(language: str) -> Callable[[str], str]:
    """The words a page shows for an English text in `language`, read from the committed
    catalogue, so that a journey written once runs in both languages."""
    if language == "en":
        return str
    return gettext.translation("django", localedir=CATALOGUE, languages=[language]).gettext


# The ids of the elements whose left and right edges lie outside the window, of those matching
# a selector.
OUTSIDE_THE_WINDOW = """(selector) => [...document.querySelectorAll(selector)]
  .filter((element) => {
    const box = element.getBoundingClientRect();
    return box.width > 0 && (box.right > window.innerWidth + 1 || box.left < -1);
  })
  .map((element) => element.textContent.trim())"""
# The distinct tops of the items of a list: one value when they sit on one line.
LINES_OF = """(selector) => new Set([...document.querySelectorAll(selector)]
  .map((element) => Math.round(element.getBoundingClientRect().top))).size"""


def assert_within_the_window(page: Page, selector: str) -> None:
    """Every element matching `selector` is shown whole within the window's width."""
    assert page.locator(selector).count(), selector
    outside = page.evaluate(OUTSIDE_THE_WINDOW, selector)
    assert not outside, f"{selector} outside the window at {page.url}: {outside}"


def assert_on_one_line(page: Page, selector: str) -> None:
    assert page.locator(selector).count(), selector
    lines = page.evaluate(LINES_OF, selector)
    assert lines == 1, f"{selector} wraps to {lines} lines at {page.url}"


def log_in(page: Page, demo: Demo, username: str, *, language: str = "en") -> None:
    page.goto(f"{demo.url}/{language}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", demo.passwords[username])
    page.locator("main form button").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def check_page(page: Page, name: str) -> None:
    """What every visited page must pass: no serious or critical accessibility violation, no
    sideways scrolling of the page itself; and a screenshot for the CI artefacts."""
    page.wait_for_load_state("load")
    viewport = page.viewport_name  # type: ignore[attr-defined]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}-{viewport}.png", full_page=True)
    too_wide = page.evaluate(WIDER_THAN_THE_WINDOW)
    assert too_wide is None, f"{name} ({viewport}) scrolls sideways: {too_wide} at {page.url}"
    results = AXE.run(page)
    serious = [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(str(node["target"]) for node in violation["nodes"][:5])
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]
    assert not serious, f"{name} ({viewport}) at {page.url}:\n" + "\n".join(serious)
