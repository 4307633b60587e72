"""Access proven everywhere: every web route and every API operation, asked by every role.

The routes are found in the URL resolver and the OpenAPI document, so a new endpoint fails
here until taawon/tests/access/routes.py says how to fill its path and expected.py what each
role gets. Two organisations' worth of records (unit A, unit B in the same country, unit L in
Lebanon) are built once for the class; each request that may change something runs in a
savepoint rolled back after it.

- The role table: each role, on side A's records and on the pages without a record, gets what
  expected.py declares (README, "Organisations, roles and scoping").
- The other side: A's users asking for B's records (and the country-wide roles for Lebanon's),
  or for ids that do not exist (beyond 64 bits too), get 404 (403 where declared), never a
  5xx, and the refused writes leave the database as it was.
- The canaries: no page, list, detail or export A's users get holds a name planted in B.
"""

from __future__ import annotations

from django.conf import settings
from django.test import Client, TestCase, override_settings

from taawon.accounts.services import create_token

from .access import expected
from .access.probe import (
    api_bodies,
    api_operations,
    api_path,
    ask,
    canaries_in,
    fingerprint,
    outcome,
    readable,
    web_path,
    web_routes,
)
from .access.routes import API, GLOBAL_KINDS, WEB, WEB_NAMESPACES_AS_ONE
from .access.world import BEYOND_64_BITS, MISSING, ROLES, build_world

# Whose records each role must not reach: the units' users against unit B, the country-wide
# roles against Lebanon.
OTHER_SIDE = {
    "admin_a": "B",
    "counsellor_a": "B",
    "clerk_a": "B",
    "viewer_a": "B",
    "officer": "L",
    "ministry_officer": "L",
}
# The canaries each role must never read (the country-wide roles read unit B legitimately).
CANARIES_OF = {
    "admin_a": ("CANARYB", "كناريب", "CANARYL", "كناريل"),
    "counsellor_a": ("CANARYB", "كناريب", "CANARYL", "كناريل"),
    "clerk_a": ("CANARYB", "كناريب", "CANARYL", "كناريل"),
    "viewer_a": ("CANARYB", "كناريب", "CANARYL", "كناريل"),
    "aggregate": ("CANARYB", "كناريب", "CANARYL", "كناريل", "SIDEA", "جانبأ"),
    "outsider": ("CANARYB", "كناريب", "CANARYL", "كناريل", "SIDEA", "جانبأ"),
    "officer": ("CANARYL", "كناريل"),
    "ministry_officer": ("CANARYL", "كناريل"),
}
# Routes that act on the session itself rather than on a record.
SESSION_ROUTES = {"accounts:logout", "set_language", "accounts:login"}


def _is_api(name: str) -> bool:
    return name.startswith("api-v1:") and name not in WEB


def _own_namespace(name: str) -> bool:
    return name.split(":", 1)[0] in WEB_NAMESPACES_AS_ONE


@override_settings(
    PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    TWO_FACTOR_REQUIRED=False,
    STORAGES={
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    },
)
class AccessMatrix(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = build_world()
        cls.bodies = api_bodies(Client(), cls.world.sides["A"].pk)

    def client_of(self, role: str) -> Client:
        client = Client()
        if role != "anonymous":
            client.force_login(self.user(role))
        return client

    def user(self, role: str):
        return getattr(self.world.personas, role)

    def api_headers(self, role: str) -> dict[str, str]:
        if role == "anonymous":
            return {}
        return {"Authorization": f"Bearer {self.world.tokens[role]}"}

    # -- every route is known ------------------------------------------------------------

    def test_every_route_and_operation_has_an_entry(self):
        routes = web_routes()
        web = [
            name
            for name in routes
            if not _is_api(name) and not _own_namespace(name) and not name.startswith("en/admin")
        ]
        unknown = sorted(set(web) - set(WEB)) + sorted(set(api_operations(Client())) - set(API))
        stale = sorted(set(WEB) - set(routes)) + sorted(set(API) - set(api_operations(Client())))
        undeclared = sorted(
            route
            for route in [*WEB, *API]
            if route not in expected.ROLE_TABLE and route not in SESSION_ROUTES
        )
        assert not unknown, (
            "Routes the access matrix does not know; add them to taawon/tests/access/routes.py "
            f"and expected.py: {unknown}"
        )
        assert not stale, f"Entries of the access matrix for routes that are gone: {stale}"
        assert not undeclared, f"Routes without the roles' expected answers: {undeclared}"

    # -- the role table --------------------------------------------------------------------

    def test_each_role_gets_what_the_role_table_says(self):
        own = self.world.sides["A"].pk
        differences = []
        for role in ROLES:
            client = self.client_of(role)
            headers = self.api_headers(role)
            for name, kinds in WEB.items():
                if name in SESSION_ROUTES:
                    continue
                path = web_path(name, kinds, own)
                got = [
                    outcome(ask(client, m, path, api=False, rollback=True)) for m in ("get", "post")
                ]
                differences += self._compare(name, role, got)
            for operation, kinds in API.items():
                method, path = api_path(operation, kinds, own)
                got = [
                    outcome(
                        ask(
                            client,
                            method,
                            path,
                            api=True,
                            headers=headers,
                            rollback=True,
                            body=self.bodies.get(operation),
                        )
                    )
                ]
                differences += self._compare(operation, role, got)
        assert not differences, "\n".join(differences)

    def _compare(self, route: str, role: str, got: list[str]) -> list[str]:
        want = expected.answers(route, role)
        if expected.matches([expected.kind_of(code) for code in got], want):
            return []
        return [f"{route} as {role}: expected {want}, got {got}"]

    def test_the_django_admin_is_off_for_everyone(self):
        # Off in production unless TAAWON_ADMIN_ENABLED (taawon/tests/test_security_headers.py
        # checks the switch): no admin route exists, and /admin/ is not found by any role.
        assert not [name for name in web_routes() if name.startswith("admin:")]
        wrong = []
        for role in ROLES:
            got = self.client_of(role).get("/admin/").status_code
            if got != 404:
                wrong.append(f"/admin/ as {role}: {got}")
        assert not wrong, wrong

    # -- the other side --------------------------------------------------------------------

    def test_the_other_sides_records_are_not_found_and_stay_unchanged(self):
        findings = []
        for role, side in OTHER_SIDE.items():
            theirs = self.world.sides[side].pk
            client = self.client_of(role)
            headers = self.api_headers(role)
            before = fingerprint()
            for name, kinds in WEB.items():
                if not kinds or set(kinds.values()) & GLOBAL_KINDS:
                    continue
                path = web_path(name, kinds, theirs)
                for method in ("get", "post"):
                    response = ask(client, method, path, api=False, rollback=False)
                    findings += self._refused(name, role, method, response, side)
            for operation, kinds in API.items():
                if not kinds or set(kinds.values()) & GLOBAL_KINDS:
                    continue
                method, path = api_path(operation, kinds, theirs)
                response = ask(
                    client,
                    method,
                    path,
                    api=True,
                    headers=headers,
                    rollback=False,
                    body=self.bodies.get(operation),
                )
                findings += self._refused(operation, role, method, response, side)
            assert fingerprint() == before, f"a refused write as {role} changed the database"
        assert not findings, "\n".join(findings)

    def _refused(self, route, role, method, response, side) -> list[str]:
        allowed = expected.OTHER_SIDE_ANSWERS.get((route, role, method.upper()), {"404"})
        if method == "get" and not route.startswith(("GET", "POST", "PUT", "PATCH", "DELETE")):
            allowed = allowed | {"405"}  # a page that only acts answers GET with 405
        got = outcome(response)
        found = canaries_in(readable(response), CANARIES_OF[role])
        if got in allowed and not found:
            return []
        return [f"{method.upper()} {route} on side {side} as {role}: {got} {found}"]

    def test_ids_that_do_not_exist_are_not_found(self):
        nowhere = self._every_kind(MISSING)
        beyond = self._every_kind(BEYOND_64_BITS)
        findings = []
        for role in ("counsellor_a", "admin"):
            client = self.client_of(role)
            headers = self.api_headers(role)
            before = fingerprint()
            for pks in (nowhere, beyond):
                for name, kinds in WEB.items():
                    if not kinds:
                        continue
                    path = web_path(name, kinds, pks)
                    for method in ("get", "post"):
                        got = outcome(ask(client, method, path, api=False, rollback=False))
                        if got not in ("404", "405" if method == "get" else "404"):
                            findings.append(f"{method} {path} as {role}: {got}")
                for operation, kinds in API.items():
                    if not kinds:
                        continue
                    method, path = api_path(operation, kinds, pks)
                    response = ask(
                        client,
                        method,
                        path,
                        api=True,
                        headers=headers,
                        rollback=False,
                        body=self.bodies.get(operation),
                    )
                    if outcome(response) != "404":
                        findings.append(f"{method} {path} as {role}: {outcome(response)}")
            assert fingerprint() == before
        assert not findings, "\n".join(findings)

    def _every_kind(self, pk: int) -> dict[str, int]:
        return dict.fromkeys(self.world.sides["A"].pk, pk)

    # -- the canaries ----------------------------------------------------------------------

    def test_no_answer_to_side_a_holds_a_canary_of_the_other_side(self):
        own = self.world.sides["A"].pk
        findings = []
        for role, canaries in CANARIES_OF.items():
            client = self.client_of(role)
            headers = self.api_headers(role)
            for name, kinds in WEB.items():
                if name in SESSION_ROUTES:
                    continue
                for lang in ("en", "ar") if role == "counsellor_a" else ("en",):
                    response = client.get(web_path(name, kinds, own, lang))
                    found = canaries_in(readable(response), canaries)
                    if found or response.status_code >= 500:
                        findings.append(f"{name} ({lang}) as {role}: {found}")
            for operation, kinds in API.items():
                if not operation.startswith("GET "):
                    continue
                _method, path = api_path(operation, kinds, own)
                response = client.get(path, headers=headers)
                found = canaries_in(readable(response), canaries)
                if found or response.status_code >= 500:
                    findings.append(f"{operation} as {role}: {found}")
        assert not findings, "\n".join(findings)

    def test_the_canaries_are_where_the_other_side_reads_them(self):
        # Without this, a canary misspelt in the world would make the test above pass.
        client = self.client_of("counsellor_b")
        for name in ("people:person_list", "employment:employer_list", "employment:vacancy_list"):
            assert "CANARYB" in canaries_in(readable(client.get(web_path(name, {}, {}))))
        assert "كناريب" in canaries_in(readable(client.get(web_path("people:person_list", {}, {}))))
        token = create_token(user=self.world.personas.counsellor_b)
        listed = client.get("/api/v1/persons", headers={"Authorization": f"Bearer {token}"})
        assert "CANARYB" in canaries_in(readable(listed))

    def test_the_ministry_never_finds_a_draft(self):
        draft = self.world.sides["A"].pk["permit_draft"]
        client = self.client_of("ministry_officer")
        headers = self.api_headers("ministry_officer")
        page = web_path("permits:permit_detail", {"pk": "permit_draft"}, {"permit_draft": draft})
        listed = client.get("/api/v1/permits?limit=100", headers=headers).json()["items"]

        assert client.get(page).status_code == 404
        assert client.get(f"/api/v1/permits/{draft}", headers=headers).status_code == 404
        assert draft not in [permit["id"] for permit in listed]
        assert self.world.sides["A"].pk["permit_submitted"] in [p["id"] for p in listed]
