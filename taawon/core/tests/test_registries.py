"""What the apps register with core: navigation entries and home-page panels."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe

from taawon.core import navigation, panels
from taawon.core.testing import PASSWORD

MENU = re.compile(r'<a class="nav-link[^"]*" href="[^"]+"[^>]*>([^<]+)</a>')


def home(client, user) -> str:
    assert client.login(username=user.username, password=PASSWORD)
    with translation.override("en"):
        return client.get(reverse("home")).content.decode()


def menu(client, user) -> list[str]:
    html = home(client, user)
    return [label for label in MENU.findall(html) if label != user.username]


def welcome_panel(*, request) -> str:
    if not request.user.is_superuser:
        return ""
    return mark_safe('<section id="welcome-panel">Hello</section>')


def test_the_menu_lists_the_apps_in_their_order(client, personas):
    assert menu(client, personas.admin) == [
        "People",
        "Duplicates",
        "Merge rules",
        "Data rights",
        "Cooperatives",
        "Employment",
        "Unit indicators",
        "Dashboard",
        "Programme indicators",
        "Work permits",
        "Permit imports",
        "Surveys",
        "Complaints",
        "Grants",
        "Training",
        "Users",
        "Access log",
    ]
    assert menu(client, personas.counsellor_a) == [
        "People",
        "Duplicates",
        "Data rights",
        "Cooperatives",
        "Employment",
        "Unit indicators",
        "Dashboard",
        "Programme indicators",
        "Work permits",
        "Surveys",
        "Complaints",
        "Grants",
        "Training",
    ]
    assert menu(client, personas.ministry_officer) == ["Work permits", "Permit imports"]
    assert menu(client, personas.aggregate) == [
        "Unit indicators",
        "Dashboard",
        "Programme indicators",
    ]


def test_entries_are_ordered_by_their_number_not_by_who_registered_first(monkeypatch):
    monkeypatch.setattr(navigation, "ENTRIES", {})
    navigation.register_navigation(order=20, url_name="b:list", label="B", domain="b")
    navigation.register_navigation(order=10, url_name="a:list", label="A", domain="a")
    assert [entry.url_name for entry in navigation.entries()] == ["a:list", "b:list"]


@pytest.mark.parametrize("shown", [True, False])
def test_a_registered_home_panel_shows_to_whom_it_has_something(
    client, personas, monkeypatch, shown
):
    monkeypatch.setattr(panels, "HOME_PANELS", {})
    panels.register_home_panel(order=10, dotted_path=f"{__name__}.welcome_panel")
    user = personas.admin if shown else personas.counsellor_a
    html = home(client, user)
    assert ('<section id="welcome-panel">Hello</section>' in html) is shown
