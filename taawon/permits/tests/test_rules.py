"""The role table, checked from both ends: for each state of a permit and each persona, the
actions the API and the page offer are exactly those that succeed when tried, and they are
the README's table (the cooperative prepares its drafts and renewals, the ministry decides)."""

from __future__ import annotations

import datetime

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from taawon.core.exceptions import DomainError

from .. import queries, rules, services
from ..documents import REQUIRED
from ..models import Permit
from .factories import application, issue, issued, submitted
from .test_api import Api

PREPARERS = ("admin", "officer", "admin_a", "counsellor_a", "clerk_a")
DECIDERS = ("admin", "ministry_officer")
READERS_ONLY = ("viewer_a",)
OUT_OF_REACH = ("counsellor_b", "outsider", "aggregate")
PERSONAS = tuple(dict.fromkeys((*PREPARERS, *DECIDERS, *READERS_ONLY, *OUT_OF_REACH)))

# state -> (actions the cooperative's staff have, actions the ministry has)
TABLE = {
    "draft": (["documents", "submit", "cancel"], []),
    "submitted": ([], ["issue", "reject"]),
    "issued": (["renew"], ["cancel"]),
    "expired": (["renew"], ["cancel"]),
    "renewal_under_way": ([], ["cancel"]),
    "rejected": ([], []),
    "cancelled": ([], []),
    "withdrawn": ([], []),
}
# What the ministry never reads: what the cooperative never sent it.
HIDDEN_FROM_THE_MINISTRY = {"draft", "withdrawn"}


def make(state: str, personas, world) -> Permit:
    """Khaled's permit (unit A) in `state`, every document received."""
    unit, ministry = personas.counsellor_a, personas.ministry_officer
    kwargs = {
        "person": world.khaled,
        "cooperative": world.coop_a,
        "by": unit,
        "documents_received": REQUIRED["flexible"],
    }
    today = timezone.localdate()
    if state in ("draft", "withdrawn"):
        permit = application(**kwargs)
        if state == "withdrawn":
            services.cancel_permit(permit=permit, reason="Left", cancelled_by=unit)
        return permit
    if state in ("submitted", "rejected"):
        permit = submitted(**kwargs)
        if state == "rejected":
            services.reject_permit(permit=permit, reason="Incomplete", decided_by=ministry)
        return permit
    if state == "expired":
        return issued(decided_by=ministry, **kwargs)
    permit = issued(
        decided_by=ministry,
        issued_on=today - datetime.timedelta(days=30),
        expires_on=today + datetime.timedelta(days=300),
        **kwargs,
    )
    if state == "renewal_under_way":
        services.renew_permit(permit=permit, created_by=unit)
    elif state == "cancelled":
        services.cancel_permit(permit=permit, reason="Moved", cancelled_by=ministry)
    return permit


@pytest.fixture
def api(client):
    return lambda user: Api(client, user)


def expected(state: str, name: str) -> list[str] | None:
    """The actions the table gives `name` on the permit in `state`; None: not readable."""
    if name in OUT_OF_REACH or (name == "ministry_officer" and state in HIDDEN_FROM_THE_MINISTRY):
        return None
    prepare, decide = TABLE[state]
    mine = (prepare if name in PREPARERS else []) + (decide if name in DECIDERS else [])
    return [action for action in rules.ACTIONS if action in mine]


def api_call(api: Api, pk: int, action: str):
    today = timezone.localdate()
    if action == "documents":
        return api.put(f"/{pk}/documents", {"documents": list(REQUIRED["flexible"])})
    body = {
        "submit": {},
        "issue": {
            "permit_number": "WP-RULES-1",
            "issued_on": str(today - datetime.timedelta(days=5)),
            "expires_on": str(today + datetime.timedelta(days=360)),
        },
        "reject": {"rejection_reason": "Not eligible"},
        "renew": {},
        "cancel": {"cancellation_reason": "Left the country"},
    }[action]
    return api.post(f"/{pk}/{action}", body)


def tried(call) -> int:
    """The status `call()` answers, with whatever it wrote rolled back."""
    with transaction.atomic():
        status = call().status_code
        transaction.set_rollback(True)
    return status


@pytest.mark.parametrize("state", list(TABLE))
def test_the_api_lists_exactly_the_actions_that_succeed(client, personas, world, state):
    permit = make(state, personas, world)
    for name in PERSONAS:
        api = Api(client, getattr(personas, name))
        want = expected(state, name)
        response = api.get(f"/{permit.pk}")
        if want is None:
            assert response.status_code == 404, (state, name)
            assert permit.pk not in [i["id"] for i in api.get("").json().get("items", [])]
            continue
        listed = response.json()["actions"]
        assert listed == want, (state, name)
        assert [i["actions"] for i in api.get("").json()["items"] if i["id"] == permit.pk] == [
            listed
        ]
        for action in rules.ACTIONS:
            status = tried(lambda a=action, api=api: api_call(api, permit.pk, a))
            if action in listed:
                assert status in (200, 201), (state, name, action, status)
            else:
                # Refused for who they are (403, 404) or for the state (409), never for
                # the values sent.
                assert status in (403, 404, 409), (state, name, action, status)


def test_each_state_and_role_through_the_services(personas, world):
    """The same table without HTTP: each action the rules list succeeds through its service,
    each other is refused with a domain error and writes nothing."""
    today = timezone.localdate()
    calls = {
        "documents": lambda p, u: services.set_documents(
            permit=p, documents_received=REQUIRED["flexible"], updated_by=u
        ),
        "submit": lambda p, u: services.submit_application(permit=p, submitted_by=u),
        "issue": lambda p, u: issue(
            p,
            by=u,
            number="WP-RULES-2",
            issued_on=today - datetime.timedelta(days=5),
            expires_on=today + datetime.timedelta(days=360),
        ),
        "reject": lambda p, u: services.reject_permit(permit=p, reason="No", decided_by=u),
        "renew": lambda p, u: services.renew_permit(permit=p, created_by=u),
        "cancel": lambda p, u: services.cancel_permit(permit=p, reason="Left", cancelled_by=u),
    }
    for state in TABLE:
        with transaction.atomic():
            permit = make(state, personas, world)
            for name in (*PREPARERS, *DECIDERS, *READERS_ONLY):
                user = getattr(personas, name)
                fresh = Permit.objects.get(pk=permit.pk)
                listed = rules.allowed_actions(user, fresh)
                if name != "ministry_officer" or state not in HIDDEN_FROM_THE_MINISTRY:
                    assert listed == expected(state, name), (state, name)
                for action in rules.ACTIONS:
                    with transaction.atomic():
                        try:
                            calls[action](Permit.objects.get(pk=permit.pk), user)
                            succeeded = True
                        except DomainError as error:
                            succeeded = False
                            assert error.status in (403, 409), (state, name, action, error)
                        transaction.set_rollback(True)
                    assert succeeded == (action in listed), (state, name, action)
            transaction.set_rollback(True)


PAGES = {
    "documents": ("permit_documents", {"documents": list(REQUIRED["flexible"])}),
    "submit": ("permit_submit", {}),
    "issue": (
        "permit_issue",
        {"permit_number": "WP-RULES-3", "issued_on": "", "expires_on": ""},
    ),
    "reject": ("permit_reject", {"rejection_reason": "Not eligible"}),
    "renew": ("permit_renew", {}),
    "cancel": ("permit_cancel", {"cancellation_reason": "Left the country"}),
}


@pytest.mark.parametrize("state", list(TABLE))
def test_the_page_shows_exactly_the_buttons_whose_forms_succeed(client, personas, world, state):
    permit = make(state, personas, world)
    today = timezone.localdate()
    PAGES["issue"][1].update(
        issued_on=str(today - datetime.timedelta(days=5)),
        expires_on=str(today + datetime.timedelta(days=360)),
    )
    for name in ("ministry_officer", "counsellor_a", "officer", "viewer_a", "counsellor_b"):
        client.force_login(getattr(personas, name))
        want = expected(state, name)
        response = client.get(permit.get_absolute_url())
        if want is None:
            assert response.status_code == 404, (state, name)
            continue
        shown = [a for a, on in response.context["actions"].items() if on]
        assert shown == want, (state, name)
        for action, (page, data) in PAGES.items():
            address = reverse(f"permits:{page}", args=[permit.pk])
            assert (address in response.text) == (action in want), (state, name, action)
            with transaction.atomic():
                answer = client.post(address, data)
                changed = Permit.objects.get(pk=permit.pk).updated_at != permit.updated_at
                transaction.set_rollback(True)
            if action in want:
                assert answer.status_code == 302, (state, name, action)
            else:
                assert answer.status_code in (200, 403, 404), (state, name, action)
                assert not changed, (state, name, action)


def test_a_draft_is_not_found_for_the_ministry(api, client, personas, world):
    draft = make("draft", personas, world)
    ministry = api(personas.ministry_officer)
    assert ministry.get(f"/{draft.pk}").status_code == 404
    assert ministry.put(f"/{draft.pk}/documents", {"documents": []}).status_code == 404
    assert ministry.post(f"/{draft.pk}/submit").status_code == 404
    assert ministry.post(f"/{draft.pk}/cancel", {"cancellation_reason": "x"}).status_code == 404
    assert draft.pk not in [item["id"] for item in ministry.get("").json()["items"]]
    client.force_login(personas.ministry_officer)
    for name in ("permit_detail", "permit_documents", "permit_submit", "permit_cancel"):
        assert client.get(reverse(f"permits:{name}", args=[draft.pk])).status_code == 404
    draft.refresh_from_db()
    assert draft.status == Permit.Status.DRAFT


def test_the_ministry_is_refused_the_paperwork_of_a_submitted_application(
    api, client, personas, world, writes_nothing
):
    permit = make("submitted", personas, world)
    ministry = api(personas.ministry_officer)
    with writes_nothing():
        documents = ministry.put(f"/{permit.pk}/documents", {"documents": []})
        submit = ministry.post(f"/{permit.pk}/submit")
        cancel = ministry.post(f"/{permit.pk}/cancel", {"cancellation_reason": "x"})
    assert (documents.status_code, submit.status_code, cancel.status_code) == (403, 403, 409)
    assert documents.json()["code"] == "permission_denied"
    client.force_login(personas.ministry_officer)
    for name in ("permit_documents", "permit_submit"):
        assert client.get(reverse(f"permits:{name}", args=[permit.pk])).status_code == 403


def test_the_cooperative_withdraws_drafts_only(api, personas, world, writes_nothing):
    permit = make("submitted", personas, world)
    unit = api(personas.counsellor_a)
    with writes_nothing():
        response = unit.post(f"/{permit.pk}/cancel", {"cancellation_reason": "x"})
    assert response.status_code == 409


def test_the_ministry_reads_what_was_sent_to_it(personas, world):
    withdrawn = make("withdrawn", personas, world)
    officer = personas.ministry_officer
    assert not queries.permits_for(officer).filter(pk=withdrawn.pk).exists()
    assert queries.permits_for(personas.counsellor_a).filter(pk=withdrawn.pk).exists()
    permit = submitted(
        person=world.mariam,
        cooperative=world.coop_b,
        by=personas.counsellor_b,
    )
    assert queries.permits_for(officer).filter(pk=permit.pk).exists()


def test_the_openapi_document_describes_the_actions(client):
    schema = client.get("/api/v1/openapi.json").json()
    actions = schema["components"]["schemas"]["PermitOut"]["properties"]["actions"]
    assert actions["type"] == "array"
    assert all(name in actions["description"] for name in rules.ACTIONS)
