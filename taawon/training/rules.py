"""Who may do what in training: the one place that says so. Services enforce these rules;
pages, the API and templates ask them.

Reading is scoping's (`queries`): an event is read by whoever reads its owning organisation's
training records. On top of reading, the staff who may change records there (administrators,
managers, counsellors, data clerks) run events: they plan them, add facilitators and
participants, take attendance, record scores and issue certificates. Viewers read.
"""

from __future__ import annotations

from taawon.accounts import scoping
from taawon.accounts.models import Organisation, User
from taawon.core.exceptions import PermissionDenied

from .models import Event

DOMAIN = "training"


def _running(user: User | None) -> scoping.Reach:
    return scoping.reach(user, scoping.CHANGE, domain=DOMAIN)


def may_read_any(user: User | None) -> bool:
    """Whether the training menu entry, pages, API and exports are `user`'s."""
    return not scoping.reach(user, scoping.READ, domain=DOMAIN).empty


def may_run(user: User | None) -> bool:
    """Whether `user` plans events somewhere (the "new event" link)."""
    return not _running(user).empty


def may_run_for(user: User | None, owner_id: int) -> bool:
    return owner_id in _running(user)


def may_change(user: User | None, event: Event) -> bool:
    """Whether `user` changes `event` (which they read, through `queries`)."""
    return event.owner_id in _running(user)


def check_change(user: User | None, event: Event) -> None:
    """Refuse (403) a change of `event` to `user`; None is the system (demo, tests)."""
    if user is not None and not may_change(user, event):
        raise PermissionDenied()


def check_run_for(user: User | None, owner_id: int) -> None:
    if user is not None and not may_run_for(user, owner_id):
        raise PermissionDenied()


def owners_for(user: User | None):
    """The organisations `user` plans events for (the owner picker)."""
    reach = _running(user)
    organisations = Organisation.objects.filter(is_active=True).exclude(
        kind__in=[Organisation.Kind.MINISTRY, Organisation.Kind.DONOR]
    )
    if reach.everything:
        return organisations.order_by("country", "name_en")
    return organisations.filter(pk__in=sorted(reach.organisation_ids)).order_by("name_en")


def event_actions(user: User | None, event: Event) -> list[str]:
    """What `user` may do on `event` now (the API's `actions`)."""
    if not may_change(user, event):
        return []
    return ["add_participant", "add_facilitator", "attendance", "scores", "certificates"]
