"""The site's navigation: an empty registry that each app fills from its `AppConfig.ready()`.

An entry names a URL, its label and the domain the user must be able to read (see
taawon.accounts.scoping); entries are shown by their `order`, whatever order the apps register
them in, so that the menu does not change when INSTALLED_APPS does.

An entry for a feature only some roles may use (importing, user management, merge rules) also
names `visible`, the dotted path of the owning app's rule `may_...(user) -> bool`: the app
decides who sees its entry, core names no app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Entry:
    order: int
    url_name: str
    label: str | Promise
    domain: str
    visible: str | None = None
    action: str = "read"

    def shown_to(self, user) -> bool:
        """Whether the app's rule lets `user` use the feature (the domain aside)."""
        if self.visible is None:
            return True
        rule: Callable[..., bool] = import_string(self.visible)
        return bool(rule(user))


ENTRIES: dict[str, Entry] = {}


def register_navigation(
    *,
    order: int,
    url_name: str,
    label: str | Promise,
    domain: str,
    visible: str | None = None,
    action: str = "read",
) -> None:
    """Add (or replace, keyed by `url_name`) an entry of the menu and of the home page.

    The user must be able to `action` ("read", "manage_users": see taawon.accounts.scoping)
    records of `domain`; `visible`: dotted path of `rule(user) -> bool`, asked on top.
    """
    ENTRIES[url_name] = Entry(
        order=order, url_name=url_name, label=label, domain=domain, visible=visible, action=action
    )


def entries() -> list[Entry]:
    return sorted(ENTRIES.values(), key=lambda entry: (entry.order, entry.url_name))
