"""Who may do what on grants: the one place that says so. Services enforce these rules; pages,
the API and templates ask them.

- A call is run by its owner's programme staff (administrators and managers of the country
  office or partner that owns it, and the offices above): they publish it, name its panel,
  screen applications, award, sign agreements and plan, approve and pay tranches.
- An applicant organisation's staff (administrator, manager, counsellor, data clerk) apply,
  and report on their venture or initiative after the award (progress, jobs, visits); so do the
  call's programme staff.
- A reviewer (a panel member) reads the applications of the calls they review, declares a
  conflict of interest or not, and scores; a conflicted reviewer does not score.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from taawon.accounts import scoping
from taawon.accounts.models import Membership, Organisation, User
from taawon.core.exceptions import PermissionDenied

from .models import Call

DOMAIN = "grants"
Role = Membership.Role
RUNNING_ROLES = frozenset({Role.ADMINISTRATOR, Role.MANAGER})
# Calls are run by the country office, or a partner running one for it (ACTED in Lebanon).
RUNNING_KINDS = frozenset({Organisation.Kind.COUNTRY_OFFICE, Organisation.Kind.PARTNER})
APPLYING_ROLES = frozenset({Role.ADMINISTRATOR, Role.MANAGER, Role.COUNSELLOR, Role.DATA_CLERK})


def _running(user: User | None) -> scoping.Reach:
    return scoping.reach(
        user, scoping.CHANGE, domain=DOMAIN, roles=RUNNING_ROLES, kinds=RUNNING_KINDS
    )


def running_reach(user: User | None) -> scoping.Reach:
    """The organisations whose calls `user` runs (for the owner picker of a new call)."""
    return _running(user)


def applying_reach(user: User | None) -> scoping.Reach:
    return _applying(user)


def _applying(user: User | None) -> scoping.Reach:
    return scoping.reach(user, scoping.CHANGE, domain=DOMAIN, roles=APPLYING_ROLES)


def is_reviewer(user: User | None) -> bool:
    if user is None or not user.is_authenticated:
        return False
    from .models import PanelMember

    return PanelMember.objects.filter(reviewer=user).exists()


def may_read_any(user: User | None) -> bool:
    """Whether grants are open to `user` (menu, pages, API, exports): a reader of some
    organisation's grants records, or a reviewer."""
    return not scoping.reach(user, scoping.READ, domain=DOMAIN).empty or is_reviewer(user)


def may_run_any(user: User | None) -> bool:
    return not _running(user).empty


def may_run(user: User | None, call: Call) -> bool:
    return call.owner_id in _running(user)


def may_run_for(user: User | None, owner_id: int) -> bool:
    return owner_id in _running(user)


def may_apply_any(user: User | None) -> bool:
    return not _applying(user).empty


def may_apply_for(user: User | None, owner_id: int) -> bool:
    return owner_id in _applying(user)


def may_report(user: User | None, award) -> bool:
    """Progress, jobs and visits of a funded venture: its organisation's staff, or the call's."""
    return may_apply_for(user, award.application.owner_id) or may_run_for(user, award.owner_id)


def check_run(user: User | None, call: Call) -> None:
    if user is not None and not may_run(user, call):
        raise PermissionDenied(_("Only the call's programme staff may do this."))


def check_apply(user: User | None, owner_id: int) -> None:
    if user is not None and not may_apply_for(user, owner_id):
        raise PermissionDenied(_("You may not apply for this organisation."))


def check_report(user: User | None, award) -> None:
    if user is not None and not may_report(user, award):
        raise PermissionDenied()
