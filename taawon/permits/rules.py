"""Who may do what on work permits, and which transitions a permit's state opens to whom: the
one place that says so. The services enforce these rules; the pages, the API, the templates,
the importer and the command line ask them.

The role table (README, "Organisations, roles and scoping"), on top of `accounts.scoping`,
which decides the organisations a membership reaches:
- the cooperative's staff (administrator, manager, counsellor, data clerk; the country
  office's too) prepare applications of the permits they reach: start them, record their
  documents, submit them, withdraw (cancel) them while drafts, and start renewals of issued
  permits;
- a ministry officer (a member of a ministry) reads the permits of the country once they were
  sent to the ministry (never a draft), issues or rejects submitted applications, cancels
  issued permits and imports the ministry's lists;
- a system administrator may do both.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taawon.accounts import scoping
from taawon.accounts.models import Membership, Organisation, User
from taawon.core.exceptions import Conflict, PermissionDenied
from taawon.geo import programme

from . import queries
from .models import Permit, PermitImport, PermitStatus

DOMAIN = "permits"
Role = Membership.Role
Status = PermitStatus

PREPARING_ROLES = frozenset({Role.ADMINISTRATOR, Role.MANAGER, Role.COUNSELLOR, Role.DATA_CLERK})
DECIDING_ROLES = frozenset({Role.MINISTRY_OFFICER})
DECIDING_KINDS = frozenset({Organisation.Kind.MINISTRY})
# Every role but the ministry's reads a reachable permit in any state.
WHOLE_READING_ROLES = frozenset(Role.values) - DECIDING_ROLES

# Actions on one permit, by their stable names (the API's "actions", the page's buttons).
DOCUMENTS = "documents"
SUBMIT = "submit"
ISSUE = "issue"
REJECT = "reject"
RENEW = "renew"
CANCEL = "cancel"
ACTIONS = (DOCUMENTS, SUBMIT, ISSUE, REJECT, RENEW, CANCEL)

PREPARE = "prepare"
DECIDE = "decide"
# state -> the actions it opens -> who takes them (PREPARE: the cooperative, DECIDE: the
# ministry). A state absent, or an action absent from it, is closed to everyone.
TRANSITIONS: dict[str, dict[str, str]] = {
    Status.DRAFT: {DOCUMENTS: PREPARE, SUBMIT: PREPARE, CANCEL: PREPARE},
    Status.SUBMITTED: {ISSUE: DECIDE, REJECT: DECIDE},
    Status.ISSUED: {RENEW: PREPARE, CANCEL: DECIDE},
}
# Who takes an action in some state (a user who never may is refused before the state counts).
TAKEN_BY: dict[str, frozenset[str]] = {
    action: frozenset(
        who for opened in TRANSITIONS.values() for a, who in opened.items() if a == action
    )
    for action in ACTIONS
}
# What `queries` annotates on listed permits, so that a page of them costs no query each.
LIVE_RENEWAL = "has_live_renewal"


# ---- Reach ----------------------------------------------------------------------------------


def _preparing(user: User | None) -> scoping.Reach:
    return scoping.reach(user, scoping.CHANGE, domain=DOMAIN, roles=PREPARING_ROLES)


def _deciding(user: User | None) -> scoping.Reach:
    return scoping.reach(
        user, scoping.CHANGE, domain=DOMAIN, roles=DECIDING_ROLES, kinds=DECIDING_KINDS
    )


def sent_to_ministry() -> Q:
    """Permits the ministry has had before it: all but drafts, and but drafts withdrawn before
    they were submitted (those never left the cooperative)."""
    return ~Q(status=Status.DRAFT) & ~Q(
        status=Status.CANCELLED, submitted_on__isnull=True, issued_on__isnull=True
    )


def in_permit_country(user: User | None) -> bool:
    """Whether `user` works in a country where flexible work permits go through cooperatives
    (Jordan alone: `geo.programme`); a system administrator does everywhere."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return any(
        programme.has_feature(m.organisation.country, programme.FLEXIBLE_PERMITS)
        for m in scoping.memberships(user)
    )


def feature_off(user: User | None) -> bool:
    """Whether `user` would read permits but works only where the scheme does not exist
    (Lebanon, Iraq): their pages and API say so rather than a bare "not found"."""
    return not scoping.reach(user, scoping.READ, domain=DOMAIN).empty and not in_permit_country(
        user
    )


FEATURE_OFF_MESSAGE = gettext_lazy(
    "Flexible work permits through cooperatives exist only in Jordan: they are switched off "
    "for organisations in Lebanon and Iraq."
)


def may_read(user: User | None) -> bool:
    """Whether permits are open to `user` at all (pages, API, panels, exports, the menu);
    which permits, is `queries.permits_for`. Off for users who work only in countries
    without the scheme."""
    return not scoping.reach(user, scoping.READ, domain=DOMAIN).empty and in_permit_country(user)


def may_apply(user: User | None) -> bool:
    """Whether `user` prepares applications anywhere (the "apply" links)."""
    return not _preparing(user).empty


def may_prepare_for(user: User | None, owner_id: int) -> bool:
    """Whether `user` prepares applications handled by the organisation `owner_id`."""
    return owner_id in _preparing(user)


def may_prepare(user: User | None, permit: Permit) -> bool:
    return may_prepare_for(user, permit.owner_id)


def may_decide(user: User | None, permit: Permit) -> bool:
    """Whether `user` records the ministry's decisions on `permit` (a ministry officer of its
    country, or a system administrator)."""
    return permit.owner_id in _deciding(user)


def may_open_person(user: User | None, permit: Permit) -> bool:
    """Whether the holder's registry page is open to `user` (never to a ministry officer)."""
    return scoping.can(user, scoping.READ, permit.person)


def _may(user: User | None, permit: Permit, who: str) -> bool:
    return may_prepare(user, permit) if who == PREPARE else may_decide(user, permit)


def may_ever(user: User | None, permit: Permit, action: str) -> bool:
    """Whether `action` on `permit` is `user`'s to take in some state (its form is theirs to
    open; the state decides whether it succeeds now)."""
    return any(_may(user, permit, who) for who in TAKEN_BY[action])


def _renewal_under_way(permit: Permit) -> bool:
    known = getattr(permit, LIVE_RENEWAL, None)
    if known is not None:
        return known
    return queries.has_live_renewal(permit)


def allowed_actions(user: User | None, permit: Permit) -> list[str]:
    """The actions `user` may take on `permit` now, in the order of `ACTIONS`."""
    opened = TRANSITIONS.get(permit.status, {})
    allowed = [
        action for action in ACTIONS if action in opened and _may(user, permit, opened[action])
    ]
    if RENEW in allowed and _renewal_under_way(permit):
        allowed.remove(RENEW)
    return allowed


# ---- Enforcement (the services) -------------------------------------------------------------


def _refuse(who: str) -> PermissionDenied:
    if who == DECIDE:
        return PermissionDenied(
            _("Only a ministry officer or a system administrator records the ministry's decision.")
        )
    return PermissionDenied()


def _closed(permit: Permit, action: str) -> Conflict:
    if action == RENEW:
        return Conflict(_("Only an issued permit can be renewed."))
    return Conflict(
        _("This is not possible while the permit is “%(status)s”.")
        % {"status": Status(permit.status).label}
    )


def check(user: User | None, permit: Permit, action: str) -> None:
    """Raise the domain error that refuses `action` on `permit` (read under lock) to `user`:
    PermissionDenied when it is not theirs to take, Conflict when the state does not open it.
    `user` None is the system itself (the command line, the demo): only the state counts."""
    who = TRANSITIONS.get(permit.status, {}).get(action)
    if user is not None:
        if who is None:
            takers = sorted(TAKEN_BY[action])
            if not any(_may(user, permit, w) for w in takers):
                raise _refuse(takers[0])
        elif not _may(user, permit, who):
            raise _refuse(who)
    if who is None:
        raise _closed(permit, action)
    if action == RENEW and queries.has_live_renewal(permit):
        raise Conflict(_("This permit already has a renewal under way."))


def check_apply(user: User | None, *, owner_id: int, person) -> None:
    """Starting an application: the cooperative's work, for a person its user may read."""
    if user is None:
        return
    if not may_prepare_for(user, owner_id) or not scoping.can(user, scoping.READ, person):
        raise PermissionDenied()


# ---- Imports --------------------------------------------------------------------------------


# Who imports the ministry's lists: its officers, for the country. A list writes permits as
# issued, the ministry's decision, which neither a cooperative nor the country office ever
# takes (README, role table); they prepare applications through the lifecycle instead.
IMPORTING_ROLES = {
    Organisation.Kind.MINISTRY: (Role.MINISTRY_OFFICER,),
}


def import_owners(user: User | None) -> list[Organisation]:
    """The organisations on whose behalf `user` imports permits (an import's owner)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    if user.is_superuser:
        return list(
            Organisation.objects.filter(is_active=True, kind__in=list(IMPORTING_ROLES)).order_by(
                "country", "kind", "name_en", "pk"
            )
        )
    owners = {
        m.organisation.pk: m.organisation
        for m in scoping.memberships(user)
        if m.role in IMPORTING_ROLES.get(m.organisation.kind, ())
    }
    return sorted(owners.values(), key=lambda o: (o.country, o.kind, o.name_en, o.pk))


def may_import(user: User | None) -> bool:
    return bool(import_owners(user))


def may_change_import(user: User | None, batch: PermitImport) -> bool:
    """Whether `user` maps, checks and commits the import `batch`."""
    return may_import(user) and scoping.can(user, scoping.CHANGE, batch)
