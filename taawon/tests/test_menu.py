"""Every feature is reachable from the menu, for the roles that may use it, and no menu link
leads to a page its user may not open."""

import pytest
from django.urls import reverse
from django.utils import translation

from taawon.core.testing import PASSWORD

PERSONAS = (
    "admin",
    "officer",
    "ministry_officer",
    "admin_a",
    "counsellor_a",
    "counsellor_b",
    "clerk_a",
    "viewer_a",
    "aggregate",
    "outsider",
)

# feature page -> the personas whose menu leads to it (and only theirs)
FEATURES = {
    "people:person_list": {
        "admin",
        "officer",
        "admin_a",
        "counsellor_a",
        "counsellor_b",
        "clerk_a",
        "viewer_a",
    },
    "duplicates:queue": {
        "admin",
        "officer",
        "admin_a",
        "counsellor_a",
        "counsellor_b",
        "clerk_a",
        "viewer_a",
    },
    "duplicates:rule_list": {"admin"},
    "surveys:form_list": {
        "admin",
        "officer",
        "admin_a",
        "counsellor_a",
        "counsellor_b",
        "clerk_a",
        "viewer_a",
    },
    "datarights:overview": {
        "admin",
        "officer",
        "admin_a",
        "counsellor_a",
        "counsellor_b",
        "clerk_a",
        "viewer_a",
    },
    "employment:unit_indicators": {
        "admin",
        "officer",
        "admin_a",
        "counsellor_a",
        "counsellor_b",
        "clerk_a",
        "viewer_a",
        "aggregate",
    },
    "permits:permit_list": {
        "admin",
        "officer",
        "ministry_officer",
        "admin_a",
        "counsellor_a",
        "counsellor_b",
        "clerk_a",
        "viewer_a",
    },
    # Only the ministry imports its lists (the others may still read the imports of their reach).
    "permits:import_list": {"admin", "ministry_officer"},
    "complaints:complaint_list": {
        "admin",
        "officer",
        "admin_a",
        "counsellor_a",
        "counsellor_b",
        "clerk_a",
        "viewer_a",
    },
    "training:event_list": {
        "admin",
        "officer",
        "admin_a",
        "counsellor_a",
        "counsellor_b",
        "clerk_a",
        "viewer_a",
    },
    "accounts:organisation_list": {"admin", "admin_a"},
}

# Lists any reader may open, empty or read-only for those who may not act there: the
# organisations whose users one manages, the permit imports of one's reach.
LISTS_OPEN_TO_READERS = {"accounts:organisation_list", "permits:import_list"}


@pytest.fixture(autouse=True)
def english():
    """URLs and names are read in English, whatever language an earlier test left active."""
    with translation.override("en"):
        yield


def menu_of(client, user) -> list[str]:
    assert client.login(username=user.username, password=PASSWORD)
    with translation.override("en"):
        response = client.get(reverse("home"))
    assert response.status_code == 200
    return [item["url"] for item in response.context["navigation"]]


@pytest.mark.parametrize("name", PERSONAS)
def test_every_link_of_each_personas_menu_opens(client, personas, name):
    user = getattr(personas, name)
    urls = menu_of(client, user)
    with translation.override("en"):
        for url in urls:
            assert client.get(url).status_code == 200, url
        features = {feature: reverse(feature) for feature in FEATURES}
    shown = {feature for feature, url in features.items() if url in urls}
    assert shown == {feature for feature, users in FEATURES.items() if name in users}


@pytest.mark.parametrize("name", PERSONAS)
def test_features_left_out_of_a_menu_are_closed_to_its_user(client, personas, name):
    """A feature is left out of a menu because its user may not use it, not by oversight."""
    user = getattr(personas, name)
    menu_of(client, user)
    with translation.override("en"):
        for feature, users in FEATURES.items():
            if name not in users and feature not in LISTS_OPEN_TO_READERS:
                assert client.get(reverse(feature)).status_code in (403, 404), feature


def test_the_aggregate_viewer_has_a_menu_and_a_home_page(client, personas):
    urls = menu_of(client, personas.aggregate)
    with translation.override("en"):
        # The units' quarterly table, the country dashboard and the programme's indicators
        # (the engine's table): aggregates only.
        assert urls == [
            reverse("employment:unit_indicators"),
            reverse("reports:country_dashboard"),
            reverse("indicators:indicator_table"),
        ]
