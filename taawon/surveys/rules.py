"""Who may do what with surveys: the one place that says so. Services enforce these rules;
pages, the OpenRosa server, the API and templates ask them.

- Forms: an organisation's administrators and managers upload forms, new versions, and assign
  them to the organisations in their reach; a country office designs for the whole country.
- Filling: staff who change records (administrator, manager, counsellor, data clerk) of an
  organisation a form is assigned to, or of one below it, fill it; their submission belongs
  to that organisation.
- Submissions are read through scoping (their owner); administrators, managers and
  counsellors of the owner review (approve, reject) and edit them.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from taawon.accounts import scoping
from taawon.accounts.models import Membership, Organisation, User
from taawon.core.exceptions import Conflict, PermissionDenied

from .models import FormStatus, ReviewStatus, Submission, SurveyForm

DOMAIN = "surveys"
Role = Membership.Role

DESIGN_ROLES = frozenset({Role.ADMINISTRATOR, Role.MANAGER})
FILL_ROLES = frozenset({Role.ADMINISTRATOR, Role.MANAGER, Role.COUNSELLOR, Role.DATA_CLERK})
REVIEW_ROLES = frozenset({Role.ADMINISTRATOR, Role.MANAGER, Role.COUNSELLOR})

APPROVE = "approve"
REJECT = "reject"
EDIT = "edit"
ACTIONS = (APPROVE, REJECT, EDIT)
# review status -> the actions it opens
TRANSITIONS: dict[str, tuple[str, ...]] = {
    ReviewStatus.RECEIVED: (APPROVE, REJECT, EDIT),
    ReviewStatus.WAITING: (APPROVE, REJECT, EDIT),
    ReviewStatus.APPROVED: (),
    ReviewStatus.REJECTED: (APPROVE, EDIT),
}


def may_read_any(user: User | None) -> bool:
    return not scoping.reach(user, scoping.READ, domain=DOMAIN).empty


def _designing(user: User | None) -> scoping.Reach:
    return scoping.reach(user, scoping.CHANGE, domain=DOMAIN, roles=DESIGN_ROLES)


def may_design(user: User | None) -> bool:
    return not _designing(user).empty


def may_design_for(user: User | None, owner_id: int) -> bool:
    return owner_id in _designing(user)


def may_change_form(user: User | None, form: SurveyForm) -> bool:
    return form.owner_id in _designing(user)


def check_change_form(user: User | None, form: SurveyForm) -> None:
    if user is not None and not may_change_form(user, form):
        raise PermissionDenied()


def assignable(user: User | None) -> frozenset[int] | None:
    """The organisations `user` may assign forms to (None: every one)."""
    reach = _designing(user)
    return None if reach.everything else reach.organisation_ids


def _parents() -> dict[int, int | None]:
    return dict(Organisation.objects.filter(is_active=True).values_list("id", "parent_id"))


def ancestors_of_memberships(user: User | None) -> frozenset[int]:
    """The organisations above those where `user` reads surveys (theirs included)."""
    held = [
        m
        for m in scoping.memberships(user)
        if scoping.READ in scoping.ROLE_GRANTS.get(m.role, {})
        and (
            scoping.ROLE_GRANTS[m.role][scoping.READ] is scoping.ALL
            or DOMAIN in scoping.ROLE_GRANTS[m.role][scoping.READ]
        )
    ]
    if not held:
        return frozenset()
    parents = _parents()
    found: set[int] = set()
    for membership in held:
        current: int | None = membership.organisation_id
        while current is not None and current not in found:
            found.add(current)
            current = parents.get(current)
    return frozenset(found)


def filling_organisation(user: User | None, form: SurveyForm) -> Organisation | None:
    """The organisation `user` fills `form` for (their submission's owner), or None."""
    if user is None or not user.is_authenticated or form.status != FormStatus.OPEN:
        return None
    held = [m for m in scoping.memberships(user) if m.role in FILL_ROLES]
    if not held:
        return None
    assigned = set(form.assigned.order_by().values_list("id", flat=True))
    if not assigned:
        return None
    chains = _chains_up({m.organisation_id for m in held})
    for membership in held:
        if not assigned.isdisjoint(chains.get(membership.organisation_id, ())):
            return membership.organisation
    return None


# Organisations nest a few levels deep (office, cooperative, unit); one query reads this many
# levels above each, and a deeper tree is walked on from where it stopped.
_LEVELS = 4


def _chains_up(organisation_ids: set[int]) -> dict[int, list[int]]:
    """Each organisation with those above it, nearest first. An inactive organisation ends
    its chain: it passes nothing upwards (as in the scoping tree, which holds active ones)."""
    fields = ["id", "is_active"]
    for level in range(1, _LEVELS + 1):
        parent = "__".join(["parent"] * level)
        fields += [f"{parent}_id", f"{parent}__is_active"]
    chains: dict[int, list[int]] = {pk: [] for pk in organisation_ids}
    frontier: dict[int, list[int]] = {pk: [pk] for pk in organisation_ids}  # read from -> starts
    while frontier:
        following: dict[int, list[int]] = {}
        for row in Organisation.objects.filter(pk__in=frontier).order_by().values_list(*fields):
            read = [row[0]]
            active = row[1]
            for level in range(_LEVELS):
                parent_id = row[2 + 2 * level]
                if not active or parent_id is None:
                    break
                read.append(parent_id)
                active = row[3 + 2 * level]
            deeper = active and len(read) == _LEVELS + 1
            for start in frontier[row[0]]:
                chain = chains[start]
                for pk in read[:-1] if deeper else read:
                    if pk in chain:  # a loop in the tree: stop rather than go round
                        break
                    chain.append(pk)
                else:
                    if deeper and read[-1] not in chain:
                        following.setdefault(read[-1], []).append(start)
        frontier = following
    return chains


def may_fill(user: User | None, form: SurveyForm) -> bool:
    return filling_organisation(user, form) is not None


def _reviewing(user: User | None) -> scoping.Reach:
    return scoping.reach(user, scoping.CHANGE, domain=DOMAIN, roles=REVIEW_ROLES)


def may_review(user: User | None, submission: Submission) -> bool:
    return submission.owner_id in _reviewing(user)


def allowed_actions(user: User | None, submission: Submission) -> list[str]:
    if not may_review(user, submission):
        return []
    return list(TRANSITIONS.get(submission.status, ()))


def check(user: User | None, submission: Submission, action: str) -> None:
    if user is not None and not may_review(user, submission):
        raise PermissionDenied()
    if action not in TRANSITIONS.get(submission.status, ()):
        raise Conflict(
            _("This is not possible while the submission is “%(status)s”.")
            % {"status": ReviewStatus(submission.status).label}
        )
