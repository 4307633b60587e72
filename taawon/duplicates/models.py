"""Duplicate detection over the whole registry: runs, the pairs they find, merges and rules.

A pair is not an owned row: it joins two persons who may belong to different organisations
(the same refugee registered by two units is what detection is for). A reviewer sees a pair
only when they may read both persons, so queries scope it twice, once through each person's
owner (see queries.py); a merge likewise through its survivor and its merged person.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class DetectionRun(models.Model):
    """One pass of batch detection over the registry, with its progress for the page that polls."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    class Stage(models.TextChoices):
        WAITING = "waiting", _("Waiting for a worker")
        LOADING = "loading", _("Reading the registry")
        BLOCKING = "blocking", _("Grouping similar names")
        COMPARING = "comparing", _("Comparing records")
        FINISHED = "finished", _("Finished")

    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    stage = models.CharField(
        _("stage"), max_length=10, choices=Stage.choices, default=Stage.WAITING
    )
    persons_total = models.PositiveIntegerField(_("persons to check"), default=0)
    # Persons whose candidate pairs have all been compared.
    persons_done = models.PositiveIntegerField(_("persons checked"), default=0)
    pairs_compared = models.PositiveBigIntegerField(_("pairs compared"), default=0)
    pairs_found = models.PositiveIntegerField(_("possible duplicates found"), default=0)
    # Counts and timings for the benchmark and for whoever tunes blocking (see detection.py).
    stats = models.JSONField(_("statistics"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("detection run")
        verbose_name_plural = _("detection runs")
        ordering = ["-started_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(persons_done__lte=F("persons_total")),
                name="detectionrun_done_within_total",
            ),
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("duplicates:run_detail", args=[self.pk])

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        if not self.persons_total:
            return 0
        return min(100, self.persons_done * 100 // self.persons_total)

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class DuplicatePair(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        CONFIRMED = "confirmed", _("Confirmed: the same person")
        REJECTED = "rejected", _("Not the same person")
        MERGED = "merged", _("Merged")
        UNMERGED = "unmerged", _("Merge undone")

    class Source(models.TextChoices):
        # Registered as a new person although the registration check raised this candidate.
        REGISTRATION = "registration", _("Registration check")
        BATCH = "batch", _("Batch detection")

    # person_a has the lower id, so that a pair has one row however it was found.
    person_a = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("first person")
    )
    person_b = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("second person")
    )
    score = models.FloatField(_("score"))
    reasons = models.JSONField(_("reasons"), default=list)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    source = models.CharField(_("found by"), max_length=12, choices=Source.choices)
    run = models.ForeignKey(
        DetectionRun,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pairs",
        verbose_name=_("detection run"),
    )
    found_at = models.DateTimeField(_("found at"), auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("possible duplicate")
        verbose_name_plural = _("possible duplicates")
        constraints = [
            models.CheckConstraint(
                condition=Q(person_a__lt=F("person_b")), name="duplicatepair_ordered"
            ),
            models.UniqueConstraint(fields=["person_a", "person_b"], name="duplicatepair_unique"),
        ]
        indexes = [
            models.Index(fields=["status", "-score", "id"], name="duplicatepair_queue"),
            models.Index(fields=["person_b"], name="duplicatepair_person_b"),
        ]

    def __str__(self) -> str:
        return f"{self.person_a_id} ~ {self.person_b_id}"

    def get_absolute_url(self) -> str:
        return reverse("duplicates:pair_detail", args=[self.pk])

    @property
    def person_ids(self) -> tuple[int, int]:
        return (self.person_a_id, self.person_b_id)


class MergeRule(models.Model):
    """When a pair may be merged without a reviewer: set by a system administrator.

    A pair matches when its score reaches `min_score` and its reasons include every code of
    `required_reasons` (codes of taawon.lib.person_match, e.g. "same_phone", "same_birth_date").
    The older record (lower id) survives. Every automatic merge stays listed for review.
    """

    name = models.CharField(_("name"), max_length=100)
    min_score = models.FloatField(_("minimum score"))
    required_reasons = models.JSONField(_("required reasons"), default=list)
    enabled = models.BooleanField(_("enabled"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("merge rule")
        verbose_name_plural = _("merge rules")
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_score__gte=0, min_score__lte=1), name="mergerule_score_range"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def matches(self, *, score: float, reason_codes: set[str]) -> bool:
        return score >= self.min_score and set(self.required_reasons) <= reason_codes


class Merge(models.Model):
    """One merge, with everything it changed so that undoing it restores the rows exactly.

    `moves` (see services.py for the layout): the merged person's previous status, and per
    model label and foreign-key field the ids of the rows moved to the survivor (and of those
    left behind because the survivor already had one).
    """

    pair = models.ForeignKey(
        DuplicatePair, on_delete=models.PROTECT, related_name="merges", verbose_name=_("pair")
    )
    survivor = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("kept record")
    )
    merged = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("merged record")
    )
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("merged by"),
    )
    performed_at = models.DateTimeField(_("merged at"), auto_now_add=True)
    automatic = models.BooleanField(_("automatic"), default=False)
    rule = models.ForeignKey(
        MergeRule,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merges",
        verbose_name=_("rule"),
    )
    moves = models.JSONField(_("what was moved"), default=dict)
    # An automatic merge waits for a person to keep it or undo it.
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("undone by"),
    )
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)

    class Meta:
        verbose_name = _("merge")
        verbose_name_plural = _("merges")
        ordering = ["-performed_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(survivor=F("merged")), name="merge_two_records"),
            models.CheckConstraint(
                condition=Q(automatic=False) | Q(rule__isnull=False),
                name="merge_automatic_has_rule",
            ),
            # One live merge per merged record: it can be merged again only once undone.
            models.UniqueConstraint(
                fields=["merged"],
                condition=Q(undone_at__isnull=True),
                name="merge_one_live_per_record",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.merged_id} → {self.survivor_id}"

    @property
    def undone(self) -> bool:
        return self.undone_at is not None

    @property
    def awaiting_review(self) -> bool:
        return self.automatic and self.reviewed_at is None and self.undone_at is None
