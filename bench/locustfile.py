"""A counsellor's working day, for locust: run by bench/bench_load_counsellor.py in a process of
its own (locust patches the standard library with gevent on import, which nothing else of the
benchmarks should see).

Each simulated user signs in through the real login form as one of the load test's
counsellors (CSRF token from the form, session cookie), then, with 1 to 3 s of thought between
steps, does what a counsellor does all day: searches the registry by name, opens a job seeker
with its top-10 vacancies, registers a person (answering the duplicate check when it finds
candidates), refers a job seeker to one of the open vacancies the form offers, and reads the API
with a Bearer token as a field tool would.

The run's data come from the JSON file named by TAAWON_LOAD_CONFIG (written by the benchmark):
{"password", "usernames", "token", "queries", "job_seekers", "max_requests"}, and optionally
"times": a file to which every request's time, name, latency and outcome are written when the
run ends, with the moment all users had signed in, so that the benchmark can tell the sign-in
ramp from the steady state. A request fails when its status is not the expected one; the run
stops after `max_requests` requests.
"""

from __future__ import annotations

import datetime
import json
import os
import random
import re
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from locust import HttpUser, between, events, task

CONFIG = json.loads(Path(os.environ["TAAWON_LOAD_CONFIG"]).read_text(encoding="utf-8"))
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# The referral form's vacancies, as the browser sees them.
VACANCY_OPTIONS = re.compile(r'<select name="vacancy"[^>]*>(.*?)</select>', re.S)
OPTION = re.compile(r'<option value="(\d+)"')
DECISION = 'name="decision"'

_next_user = iter(range(10**9))
_lock = threading.Lock()
_requests = 0
# (seconds since the epoch when it ended, name, latency in ms, failed) of every request.
_times: list[tuple[float, str, float, bool]] = []
_signed_in = 0
_all_signed_in: float | None = None

GIVEN = (
    ("محمد", "Mohammad"),
    ("أحمد", "Ahmad"),
    ("فاطمة", "Fatima"),
    ("خالد", "Khaled"),
    ("مريم", "Maryam"),
    ("علي", "Ali"),
)
FAMILY = (("الزعبي", "Al-Zoubi"), ("الحسن", "Al-Hassan"), ("درويش", "Derwich"), ("خليل", "Khalil"))


@events.request.add_listener
def _count(name: str, response_time: float, exception=None, **_kwargs) -> None:
    """Note the request; stop the run after the configured number of requests, however long it
    has left."""
    global _requests
    with _lock:
        _requests += 1
        _times.append((time.time(), name, response_time, exception is not None))
        done = _requests >= CONFIG["max_requests"]
    if done and _environment is not None and _environment.runner is not None:
        _environment.runner.quit()


def _note_sign_in() -> None:
    """The moment the last user has signed in: the steady state begins."""
    global _signed_in, _all_signed_in
    with _lock:
        _signed_in += 1
        runner = _environment.runner if _environment is not None else None
        if runner is not None and _signed_in == runner.target_user_count:
            _all_signed_in = time.time()


@events.quitting.add_listener
def _write_times(**_kwargs) -> None:
    if CONFIG.get("times"):
        with _lock:
            record = {"all_signed_in": _all_signed_in, "ended": time.time(), "requests": _times}
        Path(CONFIG["times"]).write_text(json.dumps(record), encoding="utf-8")


_environment = None


@events.init.add_listener
def _keep_environment(environment, **_kwargs) -> None:
    global _environment
    _environment = environment


def _csrf(html: str) -> str:
    found = CSRF.search(html)
    return found.group(1) if found else ""


class Counsellor(HttpUser):
    wait_time = between(1, 3)

    def on_start(self) -> None:
        with _lock:
            index = next(_next_user)
        usernames = CONFIG["usernames"]
        self.username = usernames[index % len(usernames)]
        self.api_headers = {"Authorization": f"Bearer {CONFIG['token']}"}
        page = self.client.get("/en/accounts/login/", name="login form")
        with self.client.post(
            "/en/accounts/login/",
            data={
                "username": self.username,
                "password": CONFIG["password"],
                "csrfmiddlewaretoken": _csrf(page.text),
                "next": "/en/",
            },
            name="login",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"login answered {response.status_code}")
        _note_sign_in()

    # ---- The pages -------------------------------------------------------------------------

    @task(5)
    def search_person(self) -> None:
        q = random.choice(CONFIG["queries"])
        self.client.get(f"/en/people/?{urlencode({'q': q})}", name="person list: search")

    @task(3)
    def open_job_seeker(self) -> None:
        seeker = random.choice(CONFIG["job_seekers"])
        self.client.get(f"/en/employment/job-seekers/{seeker}/", name="job seeker with top-10")

    @task(1)
    def register_person(self) -> None:
        page = self.client.get("/en/people/new/", name="register: form")
        given_ar, given_en = random.choice(GIVEN)
        family_ar, family_en = random.choice(FAMILY)
        data = {
            "csrfmiddlewaretoken": _csrf(page.text),
            "given_name_ar": given_ar,
            "family_name_ar": family_ar,
            "given_name_en": given_en,
            "family_name_en": family_en,
            "sex": random.choice(("male", "female")),
            "birth_year": random.randint(1960, 2005),
            "nationality": "SY",
            "displacement_status": "refugee",
        }
        with self.client.post(
            "/en/people/new/",
            data=data,
            name="register: duplicate check",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code == 302:
                return
            if response.status_code != 200 or DECISION not in response.text:
                response.failure(f"registration answered {response.status_code} without a prompt")
                return
        # Candidates shown: the counsellor judges them and registers a new person.
        data["csrfmiddlewaretoken"] = _csrf(response.text) or data["csrfmiddlewaretoken"]
        with self.client.post(
            "/en/people/new/",
            data={**data, "decision": "new"},
            name="register: as a new person",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"registration answered {response.status_code}")

    @task(1)
    def refer(self) -> None:
        seeker = random.choice(CONFIG["job_seekers"])
        url = f"/en/employment/job-seekers/{seeker}/refer/"
        page = self.client.get(url, name="refer: form")
        select = VACANCY_OPTIONS.search(page.text)
        vacancies = OPTION.findall(select.group(1)) if select else []
        if not vacancies:
            return
        with self.client.post(
            url,
            data={
                "csrfmiddlewaretoken": _csrf(page.text),
                "vacancy": random.choice(vacancies[:50]),
                "referred_on": datetime.date.today().isoformat(),
                "note": "load test",
            },
            name="refer: send",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            # 200: the form answered with a field error (already referred to that vacancy).
            if response.status_code not in (200, 302):
                response.failure(f"referral answered {response.status_code}")

    # ---- The API ---------------------------------------------------------------------------

    @task(2)
    def api_search(self) -> None:
        q = random.choice(CONFIG["queries"])
        self.client.get(
            f"/api/v1/persons?{urlencode({'q': q, 'limit': 25})}",
            headers=self.api_headers,
            name="API: persons search",
        )

    @task(2)
    def api_recommended(self) -> None:
        seeker = random.choice(CONFIG["job_seekers"])
        self.client.get(
            f"/api/v1/employment/job-seekers/{seeker}/recommended-vacancies",
            headers=self.api_headers,
            name="API: recommended vacancies",
        )
