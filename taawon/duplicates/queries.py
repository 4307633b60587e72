"""Scoped reads of duplicate detection: the review queue, pairs, merges, runs and rules.

A pair (and a merge) shows to a user who may read both of its persons: `scoping.scope` is
applied twice, once through each person's owner. A counsellor of unit A never sees a pair
with a person of unit B, even one registered twice by the two units; someone who reads both
units (the cooperative above both, the country office) reviews it.
"""

from __future__ import annotations

from django.apps import apps
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from taawon.accounts import scoping
from taawon.accounts.models import User
from taawon.people.models import Person, PersonIdentifier
from taawon.people.reasons import ShownReason, explain_all

from . import rules
from .models import DetectionRun, DuplicatePair, Merge, MergeRule

PERSON_JOINS = ("owner", "governorate", "district")
OPEN = (
    DuplicatePair.Status.PENDING,
    DuplicatePair.Status.CONFIRMED,
    DuplicatePair.Status.UNMERGED,
)


def _readable_by(queryset: QuerySet, user, first: str, second: str) -> QuerySet:
    queryset = scoping.scope(queryset, user, owner_field=f"{first}__owner")
    return scoping.scope(queryset, user, owner_field=f"{second}__owner")


def _with_persons(queryset: QuerySet, first: str, second: str) -> QuerySet:
    joins = [f"{side}__{join}" for side in (first, second) for join in PERSON_JOINS]
    return queryset.select_related(first, second, *joins)


def review_queue(user, *, status: str | None = DuplicatePair.Status.PENDING) -> QuerySet:
    """Pairs `user` may read both persons of, most likely duplicates first.

    An open pair whose person was merged since (into a third record) leaves the queue: the
    record it concerns is gone; undoing that merge brings it back.
    """
    pairs = _readable_by(DuplicatePair.objects.all(), user, "person_a", "person_b")
    if status:
        pairs = pairs.filter(status=status)
    if status in OPEN:
        pairs = pairs.exclude(
            Q(person_a__status=Person.Status.MERGED) | Q(person_b__status=Person.Status.MERGED)
        )
    return _with_persons(pairs, "person_a", "person_b").order_by("-score", "id")


def get_pair_for_user(user, pk) -> DuplicatePair:
    """One pair `user` may read both persons of, with their identifiers; else Http404."""
    ordered = PersonIdentifier.objects.order_by("kind", "pk")
    pairs = _with_persons(
        _readable_by(DuplicatePair.objects.all(), user, "person_a", "person_b"),
        "person_a",
        "person_b",
    ).prefetch_related(
        Prefetch("person_a__identifiers", queryset=ordered),
        Prefetch("person_b__identifiers", queryset=ordered),
    )
    try:
        return pairs.select_related("reviewed_by").get(pk=pk)
    except (DuplicatePair.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def reasons_of(pair: DuplicatePair) -> list[ShownReason]:
    """The matcher's reasons in words, strongest first, with each record's values as recorded."""
    return explain_all(pair.reasons, pair.person_a, pair.person_b)


def merge_list(user, *, awaiting_review: bool = False) -> QuerySet:
    """Merges `user` may read both records of, newest first."""
    merges = _readable_by(Merge.objects.all(), user, "survivor", "merged")
    if awaiting_review:
        merges = merges.filter(automatic=True, reviewed_at__isnull=True, undone_at__isnull=True)
    return (
        _with_persons(merges, "survivor", "merged")
        .select_related("performed_by", "rule", "undone_by", "reviewed_by", "pair")
        .order_by("-performed_at", "-id")
    )


def get_merge_for_user(user, pk) -> Merge:
    try:
        return merge_list(user).get(pk=pk)
    except (Merge.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def merges_of_pair(pair: DuplicatePair) -> list[Merge]:
    return list(pair.merges.select_related("performed_by", "undone_by", "rule"))


# ---- Runs and rules -----------------------------------------------------------------------


def get_run(pk: int) -> DetectionRun:
    """A run by id, for the task that runs it (no user: the worker)."""
    return DetectionRun.objects.get(pk=pk)


def run_list(user: User) -> QuerySet:
    """Runs carry counts, not persons: anyone who may start one sees them all."""
    if not rules.may_run_detection(user):
        return DetectionRun.objects.none()
    return DetectionRun.objects.select_related("started_by").order_by("-started_at", "-id")


def get_run_for_user(user: User, pk) -> DetectionRun:
    try:
        return run_list(user).get(pk=pk)
    except (DetectionRun.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def rule_list(user: User) -> QuerySet:
    if not rules.may_set_rules(user):
        return MergeRule.objects.none()
    return MergeRule.objects.select_related("created_by").order_by("name", "id")


def get_rule_for_user(user: User, pk) -> MergeRule:
    try:
        return rule_list(user).get(pk=pk)
    except (MergeRule.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def labelled_counts(counts: dict[str, int]) -> list[tuple[str, int]]:
    """{model label: count} of a merge's moves, as (the model's name in words, count)."""
    rows = []
    for label, n in sorted(counts.items()):
        try:
            meta = apps.get_model(label)._meta
        except (LookupError, ValueError):
            rows.append((label, n))
            continue
        if meta.auto_created:
            # A many-to-many's own table: named by its model and field ("sessions (participants)").
            source = meta.auto_created._meta
            field_name = label.rsplit("_", 1)[-1]
            field = source.get_field(field_name) if field_name else None
            name = source.verbose_name if n == 1 else source.verbose_name_plural
            rows.append((f"{name} ({field.verbose_name})" if field else str(name), n))
            continue
        rows.append((str(meta.verbose_name if n == 1 else meta.verbose_name_plural), n))
    return rows
