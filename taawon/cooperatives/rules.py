"""Who may do what to the cooperative registry, and what a cooperative's state allows: the one
place.

Reach (which organisations' records a user may read or change) is decided by
`taawon.accounts.scoping` alone; these rules add what a cooperative's state allows: an
archived cooperative is frozen. Services enforce them; views, API handlers and templates ask
them. `None` as the user is the system itself (the demo loader, a command).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from taawon.accounts import scoping
from taawon.accounts.models import User
from taawon.core.exceptions import PermissionDenied, ValidationFailed

from .models import Cooperative

DOMAIN = "cooperatives"
CHANGE, RECORD_MEMBERS, ADD_UNIT, ARCHIVE = "change", "record_members", "add_unit", "archive"
ACTIONS = (CHANGE, RECORD_MEMBERS, ADD_UNIT, ARCHIVE)


def may_register(user: User | None) -> bool:
    """Whether `user` may register cooperatives for some organisation."""
    return user is None or not scoping.reach(user, scoping.CHANGE, domain=DOMAIN).empty


def may_register_for(user: User | None, owner_id: int) -> bool:
    return user is None or owner_id in scoping.reach(user, scoping.CHANGE, domain=DOMAIN)


def may_change(user: User | None, cooperative: Cooperative) -> bool:
    """Whether `user`'s reach covers changing `cooperative` (whatever its state)."""
    return user is None or scoping.can(user, scoping.CHANGE, cooperative)


def cooperative_actions(user: User | None, cooperative: Cooperative) -> list[str]:
    """What `user` may do to `cooperative` now: "change", "record_members", "add_unit" (an
    employment unit) and "archive"; none once it is archived (archiving it again changes
    nothing and is not offered)."""
    if cooperative.is_archived or not may_change(user, cooperative):
        return []
    return list(ACTIONS)


def check_may_change(user: User | None, cooperative: Cooperative) -> None:
    """For the services: PermissionDenied out of reach, ValidationFailed once archived."""
    if not may_change(user, cooperative):
        raise PermissionDenied()
    if cooperative.is_archived:
        raise ValidationFailed(_("An archived cooperative cannot be changed."))


def flags(actions: list[str]) -> dict[str, bool]:
    """{action: allowed} for a template's buttons."""
    return {action: action in actions for action in ACTIONS}
