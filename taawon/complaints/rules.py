"""Who may do what on complaints, and which steps a complaint's status opens: the one place
that says so. Services enforce these rules; pages, the API and templates ask them.

Reading is `queries` (scoping, then the sensitivity rule). On top of reading:
- the unit's staff who handle cases (administrator, manager, counsellor; the country office's
  too) record complaints in person and take the steps of those they read;
- a unit's administrator or manager (or the country office's) designates its focal points.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from taawon.accounts import scoping
from taawon.accounts.models import Membership, Organisation, User
from taawon.core.exceptions import Conflict, PermissionDenied

from .models import Complaint, ComplaintStatus

DOMAIN = "complaints"
Role = Membership.Role
Status = ComplaintStatus

HANDLING_ROLES = frozenset({Role.ADMINISTRATOR, Role.MANAGER, Role.COUNSELLOR})
DESIGNATING_ROLES = frozenset({Role.ADMINISTRATOR, Role.MANAGER})
# The country office's programme staff read sensitive complaints of the whole country.
OFFICE_KINDS = frozenset({Organisation.Kind.COUNTRY_OFFICE})
OFFICE_ROLES = frozenset({Role.ADMINISTRATOR, Role.MANAGER})

# Steps, by their stable names (the API's "actions", the page's buttons).
ACKNOWLEDGE = "acknowledge"
START = "start"
REFER = "refer"
RESOLVE = "resolve"
CLOSE = "close"
NOTE = "note"
ACTIONS = (ACKNOWLEDGE, START, REFER, RESOLVE, CLOSE, NOTE)

# status -> the steps it opens
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.RECEIVED: (ACKNOWLEDGE, START, REFER, RESOLVE, CLOSE, NOTE),
    Status.ACKNOWLEDGED: (START, REFER, RESOLVE, CLOSE, NOTE),
    Status.IN_PROGRESS: (REFER, RESOLVE, CLOSE, NOTE),
    Status.REFERRED: (START, RESOLVE, CLOSE, NOTE),
    Status.RESOLVED: (CLOSE, NOTE),
    Status.CLOSED: (),
}
# The status a step leads to (a note leaves it as it is).
LEADS_TO: dict[str, str] = {
    ACKNOWLEDGE: Status.ACKNOWLEDGED,
    START: Status.IN_PROGRESS,
    REFER: Status.REFERRED,
    RESOLVE: Status.RESOLVED,
    CLOSE: Status.CLOSED,
}


def _handling(user: User | None) -> scoping.Reach:
    return scoping.reach(user, scoping.CHANGE, domain=DOMAIN, roles=HANDLING_ROLES)


def may_read_any(user: User | None) -> bool:
    """Whether the complaints menu entry is `user`'s (a reader of some unit's complaints)."""
    return not scoping.reach(user, scoping.READ, domain=DOMAIN).empty


def may_record(user: User | None) -> bool:
    """Whether `user` records complaints in person somewhere (the "record" link)."""
    return not _handling(user).empty


def may_record_for(user: User | None, owner_id: int) -> bool:
    return owner_id in _handling(user)


def may_handle(user: User | None, complaint: Complaint) -> bool:
    """Whether `user` takes steps on `complaint`, which they read (through `queries`)."""
    return complaint.owner_id in _handling(user)


def allowed_actions(user: User | None, complaint: Complaint) -> list[str]:
    """The steps `user` may take on `complaint` now, in the order of `ACTIONS`."""
    if not may_handle(user, complaint):
        return []
    opened = TRANSITIONS.get(complaint.status, ())
    return [action for action in ACTIONS if action in opened]


def check(user: User | None, complaint: Complaint, action: str) -> None:
    """Raise the domain error refusing `action` on `complaint` to `user` (None: the system)."""
    if user is not None and not may_handle(user, complaint):
        raise PermissionDenied()
    if action not in TRANSITIONS.get(complaint.status, ()):
        raise Conflict(
            _("This is not possible while the complaint is “%(status)s”.")
            % {"status": Status(complaint.status).label}
        )


def check_record(user: User | None, *, owner_id: int) -> None:
    if user is not None and not may_record_for(user, owner_id):
        raise PermissionDenied()


# ---- Focal points ---------------------------------------------------------------------------


def _designating(user: User | None) -> scoping.Reach:
    return scoping.reach(user, scoping.CHANGE, domain=DOMAIN, roles=DESIGNATING_ROLES)


def may_designate(user: User | None) -> bool:
    return not _designating(user).empty


def may_designate_for(user: User | None, owner_id: int) -> bool:
    return owner_id in _designating(user)


def units_for_recording(user: User | None):
    """The employment units `user` records complaints for."""
    return _units(_handling(user))


def units_for_designation(user: User | None):
    """The employment units whose focal points `user` designates."""
    return _units(_designating(user))


def _units(reach: scoping.Reach):
    units = Organisation.objects.filter(is_active=True, kind=Organisation.Kind.EMPLOYMENT_UNIT)
    if reach.everything:
        return units
    return units.filter(pk__in=sorted(reach.organisation_ids))
