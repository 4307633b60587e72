"""Every change duplicate detection makes: runs, reviews, merges, undoing them, merge rules.

Merging moves every link to the merged record onto the survivor through the apps that own the
links: "person.merged" (taawon.core.events) calls each app's handler, which moves its own rows
and returns what it moved and what it kept behind (the contract is in taawon.people.merging;
the registry's rows are the people app's handler's). All of it is recorded in `Merge.moves`,
so that `undo_merge` has "person.unmerged" put back exactly what moved.

`moves` layout: {"previous_status": str, "moved": {label: {field: [ids]}},
"kept": {label: {field: [ids]}}, "handled_by": {label: app label | handler path},
"keep": {field group: person id}, "values_before": {attribute: the survivor's value}}:
a merge may also give the survivor values of the merged record (see choices.py), and undo
writes back the survivor's values from before.
Merges recorded before each app had its handler name "generic" as the mover of some labels;
the apps' unmerge handlers read their labels whoever moved them, so those undo all the same.
"""

from __future__ import annotations

import datetime
import time
import traceback
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from taawon.accounts.models import User
from taawon.core import audit, confirming, events
from taawon.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from taawon.core.models import AuditEvent
from taawon.lib.person_match import REASON_CODES, Reason
from taawon.people import merging
from taawon.people.models import Person

from . import blocking, choices, detection, registry, rules
from .models import DetectionRun, DuplicatePair, Merge, MergeRule

# A run still "running" after this long lost its worker; another may start.
STALE_AFTER = datetime.timedelta(hours=6)
SAME, DIFFERENT = "same", "different"
# Rules may only require evidence for, never the absence of evidence against; a number one
# digit apart is left out too, since no rule merges such a pair (rules.NEEDS_CONFIRMATION).
RULE_REASONS = tuple(
    code
    for code in REASON_CODES
    if not code.startswith("different") and code not in ("common_name", "similar_identifier")
)


# ---- Who may do what: taawon.duplicates.rules decides, these enforce ----------------------


def _check_may_change_both(user: User | None, first: Person, second: Person) -> None:
    if not rules.may_change_both(user, first, second):
        raise PermissionDenied(_("You may not change both records."))


# ---- Detection ----------------------------------------------------------------------------


@transaction.atomic
def start_detection(*, started_by: User) -> DetectionRun:
    """Queue a run over the whole registry; the task runs it after this transaction commits."""
    from .tasks import detect_duplicates

    if not rules.may_run_detection(started_by):
        raise PermissionDenied(_("You may not start duplicate detection."))
    active = DetectionRun.objects.select_for_update().filter(
        status__in=(DetectionRun.Status.QUEUED, DetectionRun.Status.RUNNING),
        started_at__gte=timezone.now() - STALE_AFTER,
    )
    if active.exists():
        raise Conflict(_("Duplicate detection is already running. Wait for it to finish."))
    run = DetectionRun.objects.create(started_by=started_by)
    audit.record(actor=started_by, action=AuditEvent.Action.CREATE, obj=run)
    transaction.on_commit(partial(detect_duplicates.enqueue, run.pk))
    return run


def _update(run: DetectionRun, **fields) -> None:
    # Outside any transaction of ours: the progress page reads it while the run goes on.
    for name, value in fields.items():
        setattr(run, name, value)
    DetectionRun.objects.filter(pk=run.pk).update(**fields)


def reasons_json(reasons: Iterable[Reason]) -> list[dict]:
    return [{"code": r.code, "points": round(r.points, 3), "detail": r.detail} for r in reasons]


def run_detection(*, run: DetectionRun, workers: int | None = None) -> DetectionRun:
    """Find the possible duplicates of the whole registry and queue them for review.

    Not one transaction: pairs are written chunk by chunk with the progress, so that a page
    can follow a run of a million persons and memory stays bounded. Pairs already known keep
    their status (a rejected pair is not raised again). Then enabled merge rules apply.
    """
    clock = time.perf_counter()
    timings: dict[str, float] = {}

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[name] = round(now - clock, 3)
        clock = now

    _update(run, status=DetectionRun.Status.RUNNING, stage=DetectionRun.Stage.LOADING, error="")
    try:
        total, last_id = registry.count_persons()
        _update(run, persons_total=total, persons_done=0, pairs_compared=0, pairs_found=0)
        loaded = registry.load(last_id=last_id, expected=total)
        decided = registry.registration_decisions()
        key_share = loaded.key_share()
        lap("load_seconds")
        _update(run, stage=DetectionRun.Stage.BLOCKING, persons_total=len(loaded))
        candidates = blocking.candidate_pairs(loaded.blocking_input())
        lap("blocking_seconds")
        # Pairs that cannot score as candidates whatever their names are dropped in arrays
        # (those whose identifiers may be one digit apart are given that much more).
        near = registry.near_holders(loaded)
        candidates = detection.screen(loaded, candidates, key_share, near_holder=near)
        lap("screen_seconds")
        # Different identifiers of one kind count against: read for the pairs left only.
        registry.load_identifiers(loaded, candidates.first, candidates.second)
        lap("identifiers_seconds")
        # The pairs to compare and the time so far, for whoever follows a long run.
        _update(run, stage=DetectionRun.Stage.COMPARING, stats={**candidates.stats, **timings})
        found_count = 0

        def store(chunk: detection.Chunk, found: list[detection.Found]) -> None:
            nonlocal found_count
            pairs = []
            for f in found:
                first, second = int(loaded.ids[f.first]), int(loaded.ids[f.second])
                source = (
                    DuplicatePair.Source.REGISTRATION
                    if (first, second) in decided
                    else DuplicatePair.Source.BATCH
                )
                pairs.append(
                    DuplicatePair(
                        person_a_id=first,
                        person_b_id=second,
                        score=f.score,
                        reasons=reasons_json(f.reasons),
                        source=source,
                        run=run,
                    )
                )
            DuplicatePair.objects.bulk_create(pairs, ignore_conflicts=True, batch_size=1000)
            found_count += len(found)
            _update(
                run,
                persons_done=chunk.persons_done,
                pairs_compared=chunk.stop,
                pairs_found=found_count,
            )

        detection.compare_pairs(
            loaded, candidates, key_share=key_share, on_chunk=store, workers=workers
        )
        lap("compare_seconds")
        merges = apply_merge_rules(run=run)
        lap("rules_seconds")
    except Exception:
        _update(
            run,
            status=DetectionRun.Status.FAILED,
            stage=DetectionRun.Stage.FINISHED,
            error=traceback.format_exc(limit=5)[-4000:],
            finished_at=timezone.now(),
        )
        raise
    stats = {
        **candidates.stats,
        **timings,
        "new_pairs": run.pairs.count(),
        "automatic_merges": len(merges),
        "distinct_keys": len(loaded.keys),
    }
    _update(
        run,
        status=DetectionRun.Status.DONE,
        stage=DetectionRun.Stage.FINISHED,
        persons_done=len(loaded),
        finished_at=timezone.now(),
        stats=stats,
    )
    return run


# ---- Review -------------------------------------------------------------------------------


def _lock_persons(pair: DuplicatePair) -> tuple[Person, Person]:
    # Locked in id order, so that two merges of overlapping pairs cannot deadlock.
    locked = {
        p.pk: p
        for p in Person.objects.select_for_update().filter(pk__in=pair.person_ids).order_by("pk")
    }
    return locked[pair.person_a_id], locked[pair.person_b_id]


def _lock_pair(pair: DuplicatePair) -> DuplicatePair:
    fresh = DuplicatePair.objects.select_for_update().get(pk=pair.pk)
    pair.status, pair.reviewed_by_id, pair.reviewed_at = (
        fresh.status,
        fresh.reviewed_by_id,
        fresh.reviewed_at,
    )
    return pair


@transaction.atomic
def review_pair(
    *, pair: DuplicatePair, decision: str, reviewed_by: User, confirm: str | None = None
) -> DuplicatePair:
    """ "same": confirmed (merge next); "different": rejected, not raised again.
    `confirm`, the `review_token` a user was shown, refuses a pair changed since."""
    if decision not in (SAME, DIFFERENT):
        raise ValidationFailed(field_errors={"decision": [_("Choose a valid option.")]})
    first, second = _lock_persons(pair)
    _check_may_change_both(reviewed_by, first, second)
    _lock_pair(pair)
    if pair.status not in rules.REVIEWABLE:
        raise Conflict(_("This pair was already merged or rejected."))
    if Person.Status.MERGED in (first.status, second.status):
        raise Conflict(_("One of these records was merged into another one."))
    confirming.check(confirm, review_token(pair, decision))
    before = audit.snapshot(pair, ["status"])
    pair.status = (
        DuplicatePair.Status.CONFIRMED if decision == SAME else DuplicatePair.Status.REJECTED
    )
    pair.reviewed_by = reviewed_by
    pair.reviewed_at = timezone.now()
    pair.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    audit.record(
        actor=reviewed_by,
        action=AuditEvent.Action.DECIDE,
        obj=pair,
        changes=audit.diff(before, audit.snapshot(pair, ["status"])),
    )
    return pair


def review_token(pair: DuplicatePair, decision: str) -> str:
    """The token of a review as shown: the pair, its persons and status, the decision."""
    return confirming.token("review", pair.pk, pair.person_ids, pair.status, decision)


# ---- Merge and undo -----------------------------------------------------------------------


def survivor_of(pair: DuplicatePair, person_id: int | None) -> Person:
    """The pair's person `person_id`, the one a reviewer chose to keep."""
    for person in (pair.person_a, pair.person_b):
        if person.pk == person_id:
            return person
    raise ValidationFailed(field_errors={"survivor": [_("Choose one of the two records to keep.")]})


@transaction.atomic
def merge_pair(
    *,
    pair: DuplicatePair,
    survivor: Person,
    performed_by: User,
    keep: Mapping[str, int] | None = None,
    confirm: str | None = None,
    one_person: bool = False,
) -> Merge:
    """Merge the pair into `survivor` (one of its two persons): every link moves to it and
    the other record is kept, marked merged and pointing to it.

    A pair the matcher found may be two people (siblings, two identity documents of one
    kind) is merged only once a reviewer has confirmed it is one person: confirmed before
    (`review_pair`), or now, `one_person`, which records the reviewer's decision first.

    `keep` maps a field group of `choices.GROUPS` to the id of the record whose value the
    survivor keeps; a group not named keeps the survivor's value, or the other's when the
    survivor's is empty.

    `confirm`, the token of the `preview_merge` a user was shown, undoes the merge (the
    transaction rolls back) and raises `ConfirmationChanged` when what moved is not what the
    preview said."""
    keep = choices.check_keep(keep, (pair.person_a_id, pair.person_b_id))
    _check_one_person(pair, one_person)
    if one_person and rules.merge_needs_confirmation(pair):
        review_pair(pair=pair, decision=SAME, reviewed_by=performed_by)
    merge = _merge(
        pair=pair, survivor_id=survivor.pk, performed_by=performed_by, rule=None, keep=keep
    )
    confirming.check(confirm, MergePreview.of(merge).token)
    return merge


@dataclass(frozen=True)
class MergePreview:
    """What a merge does: the records each app moves to the survivor, and those it keeps
    behind (rows the survivor may hold only once), by model label."""

    pair_id: int
    survivor_id: int
    merged_id: int
    moves: dict

    @classmethod
    def of(cls, merge: Merge) -> MergePreview:
        return cls(merge.pair_id, merge.survivor_id, merge.merged_id, merge.moves)

    @property
    def moved(self) -> dict[str, int]:
        return _counts(self.moves["moved"])

    @property
    def kept(self) -> dict[str, int]:
        return _counts(self.moves["kept"])

    @property
    def token(self) -> str:
        return confirming.token(
            "merge",
            self.pair_id,
            self.survivor_id,
            self.merged_id,
            self.moves["moved"],
            self.moves["kept"],
        )


class _DryRun(Exception):
    def __init__(self, merge: Merge) -> None:
        super().__init__("dry run")
        self.merge = merge


def _check_one_person(pair: DuplicatePair, one_person: bool) -> None:
    if rules.merge_needs_confirmation(pair) and not one_person:
        raise ValidationFailed(
            field_errors={
                "one_person": [
                    _(
                        "These records may be two people (siblings, or two different identity "
                        "documents): confirm that they are one person before merging them."
                    )
                ]
            }
        )


def preview_merge(
    *,
    pair: DuplicatePair,
    survivor: Person,
    performed_by: User,
    keep: Mapping[str, int] | None = None,
    one_person: bool = False,
) -> MergePreview:
    """What merging the pair into `survivor` would move and keep, found by merging it and
    rolling the merge back: the apps' own handlers say it, so the preview cannot disagree
    with the merge. Nothing is written (work queued for after the commit is dropped too)."""
    fresh = DuplicatePair.objects.select_related("person_a", "person_b").get(pk=pair.pk)
    keep = choices.check_keep(keep, (fresh.person_a_id, fresh.person_b_id))
    _check_one_person(fresh, one_person)
    try:
        with transaction.atomic():
            merge = _merge(
                pair=fresh, survivor_id=survivor.pk, performed_by=performed_by, rule=None, keep=keep
            )
            raise _DryRun(merge)
    except _DryRun as dry:
        return MergePreview.of(dry.merge)


def _merge(
    *,
    pair: DuplicatePair,
    survivor_id: int,
    performed_by: User | None,
    rule: MergeRule | None,
    run: DetectionRun | None = None,
    keep: Mapping[str, int] | None = None,
) -> Merge:
    survivor_of(pair, survivor_id)
    first, second = _lock_persons(pair)
    _check_may_change_both(performed_by, first, second)
    _lock_pair(pair)
    if pair.status not in rules.REVIEWABLE:
        raise Conflict(_("This pair was already merged or rejected."))
    survivor, merged = (first, second) if survivor_id == first.pk else (second, first)
    if Person.Status.MERGED in (first.status, second.status):
        raise Conflict(_("One of these records was merged into another one."))
    if rule is not None and rules.looks_like_two_people(pair):
        raise Conflict(_("A merge rule never merges records that may be two people."))

    moves: dict = {"previous_status": merged.status, "moved": {}, "kept": {}, "handled_by": {}}
    # The survivor's own values that the merge replaces, for undo to put back exactly.
    moves["keep"] = dict(keep or {})
    moves["values_before"] = merging.set_values(
        person=survivor,
        values=choices.values_to_take(survivor, merged, keep or {}),
        by=performed_by,
        note=_("Values taken from record %(merged)s.") % {"merged": merged.pk},
    )
    results = events.dispatch("person.merged", survivor=survivor, merged=merged, moves=moves)
    for path, handled in results.items():
        if not isinstance(handled, merging.Moved):
            handled = merging.Moved(moved=handled or {})
        _note(moves, handled.moved, handled.kept, events.owner(path))

    note = _("Merged into record %(survivor)s.") % {"survivor": survivor.pk}
    if rule is not None:
        note += " " + _("Rule: %(rule)s.") % {"rule": rule.name}
    if run is not None:
        note += " " + _("After detection run %(run)s.") % {"run": run.pk}
    merging.mark_merged(person=merged, survivor=survivor, by=performed_by, note=note)
    audit.record(
        actor=performed_by,
        action=AuditEvent.Action.MERGE,
        obj=survivor,
        changes={"merged_records": [None, merged.pk]},
        note=_("Record %(merged)s merged into this one.") % {"merged": merged.pk},
    )
    now = timezone.now()
    pair.status = DuplicatePair.Status.MERGED
    if performed_by is not None:
        pair.reviewed_by, pair.reviewed_at = performed_by, now
    pair.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    merge = Merge.objects.create(
        pair=pair,
        survivor=survivor,
        merged=merged,
        performed_by=performed_by,
        automatic=rule is not None,
        rule=rule,
        moves=moves,
    )
    audit.record(
        actor=performed_by,
        action=AuditEvent.Action.MERGE,
        obj=merge,
        changes={"moved": [None, _counts(moves["moved"])], "kept": [None, _counts(moves["kept"])]},
        note=note,
    )
    return merge


def _note(moves: dict, moved: dict, kept: dict, by: str) -> None:
    """Add rows to `moves`; empty lists are left out, so `moves` names only what changed."""
    for target, rows in (("moved", moved), ("kept", kept)):
        for label, fields in rows.items():
            for field, ids in fields.items():
                if ids:
                    moves[target].setdefault(label, {})[field] = sorted(int(pk) for pk in ids)
                    if target == "moved":
                        moves["handled_by"][label] = by


def _counts(rows: dict) -> dict[str, int]:
    return {
        label: sum(len(ids) for ids in fields.values())
        for label, fields in sorted(rows.items())
        if any(fields.values())
    }


@transaction.atomic
def undo_merge(*, merge: Merge, performed_by: User) -> Merge:
    """Put back exactly what the merge changed: the moved rows return to the merged record,
    which gets its previous status back."""
    pair = merge.pair
    survivor, merged = _lock_persons(pair)
    if survivor.pk != merge.survivor_id:
        survivor, merged = merged, survivor
    _check_may_change_both(performed_by, survivor, merged)
    merge = Merge.objects.select_for_update().get(pk=merge.pk)
    if merge.undone_at is not None:
        raise Conflict(_("This merge was already undone."))
    if merged.status != Person.Status.MERGED or merged.merged_into_id != survivor.pk:
        raise Conflict(_("The merged record has changed since; this merge cannot be undone."))
    if survivor.status == Person.Status.MERGED:
        raise Conflict(
            _("The kept record was merged into another one since. Undo that merge first.")
        )
    moves = merge.moves
    events.dispatch("person.unmerged", survivor=survivor, merged=merged, moves=moves)
    merging.set_values(
        person=survivor,
        values=moves.get("values_before", {}),
        by=performed_by,
        note=_("Values before the merge of record %(merged)s put back.") % {"merged": merged.pk},
    )
    note = _("Merge into record %(survivor)s undone.") % {"survivor": survivor.pk}
    merging.restore_from_merge(
        person=merged, previous_status=moves["previous_status"], by=performed_by, note=note
    )
    audit.record(
        actor=performed_by,
        action=AuditEvent.Action.UNMERGE,
        obj=survivor,
        changes={"merged_records": [merged.pk, None]},
        note=_("Record %(merged)s separated from this one again.") % {"merged": merged.pk},
    )
    merge.undone_by = performed_by
    merge.undone_at = timezone.now()
    merge.save(update_fields=["undone_by", "undone_at"])
    audit.record(actor=performed_by, action=AuditEvent.Action.UNMERGE, obj=merge, note=note)
    pair.status = DuplicatePair.Status.UNMERGED
    pair.save(update_fields=["status"])
    return merge


@transaction.atomic
def keep_merge(*, merge: Merge, reviewed_by: User) -> Merge:
    """A reviewer looked at an automatic merge and keeps it."""
    survivor, merged = merge.survivor, merge.merged
    _check_may_change_both(reviewed_by, survivor, merged)
    merge = Merge.objects.select_for_update().get(pk=merge.pk)
    if merge.undone_at is not None:
        raise Conflict(_("This merge was undone."))
    if not merge.awaiting_review:
        raise Conflict(_("This merge is not waiting for review."))
    merge.reviewed_by = reviewed_by
    merge.reviewed_at = timezone.now()
    merge.save(update_fields=["reviewed_by", "reviewed_at"])
    audit.record(
        actor=reviewed_by,
        action=AuditEvent.Action.DECIDE,
        obj=merge,
        changes={"reviewed": [False, True]},
    )
    return merge


# ---- Merge rules --------------------------------------------------------------------------


def _active_rules() -> list[MergeRule]:
    # A rule counts only while the administrator who set it still is one.
    return list(
        MergeRule.objects.filter(
            enabled=True, created_by__is_superuser=True, created_by__is_active=True
        ).order_by("-min_score", "id")
    )


def apply_merge_rules(*, run: DetectionRun | None = None) -> list[Merge]:
    """Merge the pending pairs that an enabled rule covers, the older record surviving.

    Every pending pair is considered, not only those `run` found, so that a rule set today
    applies to the queue at the next run. Each merge is its own transaction and is listed for
    review (Merge.awaiting_review); nothing is merged when no rule is enabled. A pair that
    cannot be merged (a record merged meanwhile) is left for a reviewer.
    """
    active = _active_rules()
    if not active:
        return []
    pending = DuplicatePair.objects.filter(status=DuplicatePair.Status.PENDING)
    merges = []
    for pair in pending.order_by("-score", "id").iterator(chunk_size=1000):
        codes = {reason["code"] for reason in pair.reasons}
        rule = next((r for r in active if r.matches(score=pair.score, reason_codes=codes)), None)
        if rule is None or rules.looks_like_two_people(pair):
            continue  # twins, siblings, two documents: a reviewer decides
        try:
            with transaction.atomic():
                merges.append(
                    _merge(
                        pair=pair,
                        survivor_id=pair.person_a_id,
                        performed_by=None,
                        rule=rule,
                        run=run,
                    )
                )
        except (Conflict, ValidationFailed):
            continue
    return merges


def _clean_rule(name: str, min_score, required_reasons: Iterable[str]) -> tuple[str, float, list]:
    errors: dict[str, list[str]] = {}
    name = " ".join(str(name or "").split())
    if not name:
        errors["name"] = [_("This field is required.")]
    elif len(name) > MergeRule._meta.get_field("name").max_length:
        errors["name"] = [_("Enter at most 100 characters.")]
    try:
        score = float(min_score)
    except (TypeError, ValueError):
        score = -1.0
    if not 0.5 <= score <= 1:
        errors["min_score"] = [_("Enter a score between 0.5 and 1.")]
    reasons = sorted(set(required_reasons or ()))
    if any(code not in RULE_REASONS for code in reasons):
        errors["required_reasons"] = [_("Choose valid reasons.")]
    elif not reasons:
        # A score alone is the matcher's opinion; a rule must name the evidence it trusts.
        errors["required_reasons"] = [_("Choose at least one reason the rule requires.")]
    if errors:
        raise ValidationFailed(field_errors=errors)
    return name, score, reasons


@transaction.atomic
def create_merge_rule(
    *, name: str, min_score: float, required_reasons: Iterable[str], created_by: User
) -> MergeRule:
    if not rules.may_set_rules(created_by):
        raise PermissionDenied(_("Only a system administrator may set merge rules."))
    name, score, reasons = _clean_rule(name, min_score, required_reasons)
    rule = MergeRule.objects.create(
        name=name, min_score=score, required_reasons=reasons, created_by=created_by
    )
    audit.record_create(created_by, rule)
    return rule


@transaction.atomic
def set_merge_rule_enabled(*, rule: MergeRule, enabled: bool, changed_by: User) -> MergeRule:
    if not rules.may_set_rules(changed_by):
        raise PermissionDenied(_("Only a system administrator may set merge rules."))
    before = audit.snapshot(rule, ["enabled"])
    rule.enabled = enabled
    rule.save(update_fields=["enabled", "updated_at"])
    audit.record_update(changed_by, rule, before)
    return rule
