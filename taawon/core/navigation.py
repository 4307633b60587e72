"""The site's navigation: an empty registry that each app fills from its `AppConfig.ready()`.

An entry names a URL, its label and the domain the user must be able to read (see
taawon.accounts.scoping); entries are shown by their `order`, whatever order the apps register
them in, so that the menu does not change when INSTALLED_APPS does.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class Entry:
    order: int
    url_name: str
    label: str | Promise
    domain: str
    # What the user must be able to do in `domain` to see the entry ("read"; "manage_users"
    # for administrators' pages).
    action: str = "read"


ENTRIES: dict[str, Entry] = {}


def register_navigation(
    *, order: int, url_name: str, label: str | Promise, domain: str, action: str = "read"
) -> None:
    """Add (or replace, keyed by `url_name`) an entry of the menu and of the home page."""
    ENTRIES[url_name] = Entry(
        order=order, url_name=url_name, label=label, domain=domain, action=action
    )


def entries() -> list[Entry]:
    return sorted(ENTRIES.values(), key=lambda entry: (entry.order, entry.url_name))
