"""Who may do what in duplicate detection, and what a pair's or a merge's state allows: the
one place.

Reach is decided by `taawon.accounts.scoping` alone: acting on a pair or a merge needs the
right to change both of its persons (taawon.people.rules). Services enforce these rules;
views, API handlers and templates ask them, and the API returns each record's `actions`.
"""

from __future__ import annotations

from taawon.accounts import scoping
from taawon.accounts.models import Membership, User
from taawon.people import rules as people_rules
from taawon.people.models import Person

from .models import DuplicatePair, Merge

DOMAIN = "duplicates"
# Who may start a registry-wide run (besides system administrators): it reads every record.
RUNNER_ROLES = frozenset({Membership.Role.ADMINISTRATOR, Membership.Role.MANAGER})
REVIEWABLE = (
    DuplicatePair.Status.PENDING,
    DuplicatePair.Status.CONFIRMED,
    DuplicatePair.Status.UNMERGED,
)
# Actions on a pair: "confirm" (the same person, merge next), "reject" (not the same person),
# "merge". On a merge: "undo", "keep" (an automatic merge a reviewer looked at).
CONFIRM, REJECT, MERGE = "confirm", "reject", "merge"
UNDO, KEEP = "undo", "keep"
PAIR_ACTIONS = (CONFIRM, REJECT, MERGE)
# Reasons that say the two records may well be two people (twins and siblings look like
# this, and so do two different identity documents): no merge rule merges such a pair, and
# a reviewer merges it only confirming that it is one person (services.merge_pair). A number
# one digit apart is likelier a typo, but one family's documents can be numbered in a row,
# and only a reviewer can say which number is right.
NEEDS_CONFIRMATION = frozenset(
    {"different_given_name_sibling", "different_identifier", "similar_identifier"}
)
MERGE_ACTIONS = (UNDO, KEEP)


def _active(user: User | None) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def may_read(user: User | None) -> bool:
    """Whether the duplicates' queue and merges are open to `user` at all (pages, API,
    exports)."""
    return not scoping.reach(user, scoping.READ, domain=DOMAIN).empty


def may_run_detection(user: User | None) -> bool:
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    return user.memberships.filter(role__in=RUNNER_ROLES, organisation__is_active=True).exists()


def may_set_rules(user: User | None) -> bool:
    """Merge rules act on the whole registry without a reviewer: system administrators only."""
    return _active(user) and user.is_superuser


def may_change_both(user: User | None, first: Person, second: Person) -> bool:
    """Whether `user` may act on a pair of these persons; `None` is the system itself (a merge
    rule an administrator set)."""
    if user is None:
        return True
    return _active(user) and all(
        people_rules.may_change(user, person) for person in (first, second)
    )


def pair_is_open(pair: DuplicatePair) -> bool:
    """Whether the pair may still be reviewed or merged: not decided for good, and neither
    record merged (into the other or a third one) since."""
    return pair.status in REVIEWABLE and Person.Status.MERGED not in (
        pair.person_a.status,
        pair.person_b.status,
    )


def looks_like_two_people(pair: DuplicatePair) -> bool:
    """Whether the matcher found evidence that the pair is two people (siblings, two
    documents of one kind), whatever its score."""
    return any(reason.get("code") in NEEDS_CONFIRMATION for reason in pair.reasons or ())


def merge_needs_confirmation(pair: DuplicatePair) -> bool:
    """Whether merging `pair` waits for a reviewer to confirm first that it is one person."""
    return looks_like_two_people(pair) and pair.status != DuplicatePair.Status.CONFIRMED


def pair_actions(user: User | None, pair: DuplicatePair) -> list[str]:
    """What `user` may do to `pair` now (a subset of PAIR_ACTIONS, in that order)."""
    if not pair_is_open(pair) or not may_change_both(user, pair.person_a, pair.person_b):
        return []
    return list(PAIR_ACTIONS)


def merge_can_be_undone(merge: Merge) -> bool:
    """Not undone yet, the merged record still merged into the survivor, and the survivor not
    merged into a third record since."""
    return (
        merge.undone_at is None
        and merge.merged.status == Person.Status.MERGED
        and merge.merged.merged_into_id == merge.survivor_id
        and merge.survivor.status != Person.Status.MERGED
    )


def merge_actions(user: User | None, merge: Merge) -> list[str]:
    """What `user` may do to `merge` now (a subset of MERGE_ACTIONS, in that order)."""
    if merge.undone_at is not None or not may_change_both(user, merge.survivor, merge.merged):
        return []
    actions = [UNDO] if merge_can_be_undone(merge) else []
    if merge.awaiting_review:
        actions.append(KEEP)
    return actions
