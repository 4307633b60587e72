"""Training and training of trainers: the catalogue of courses, events, their facilitators
and participants, attendance per session day, test scores, certificates, and the trainers a
training of trainers certifies.

An event belongs to the organisation that runs it (its owner, what scoping filters on); its
facilitators, participants, session days and attendance are read through the event. The
catalogue is reference data, the same for every organisation.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from taawon.core.models import OwnedModel


class Subject(models.TextChoices):
    """What a course teaches: the ILO cooperative tools and the programme's other subjects."""

    MY_COOP = "my_coop", _("My.Coop")
    THINK_COOP = "think_coop", _("Think.coop")
    START_COOP = "start_coop", _("Start.coop")
    OSH = "osh", _("Occupational safety and health")
    LABOUR_RIGHTS = "labour_rights", _("Labour rights")
    COVID = "covid", _("COVID-19 in the workplace")
    ENTREPRENEURSHIP = "entrepreneurship", _("Project management and entrepreneurship")


class Language(models.TextChoices):
    ARABIC = "ar", _("Arabic")
    ENGLISH = "en", _("English")


class Course(models.Model):
    """A course of the catalogue, with its completion rule and the scale of its tests."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    subject = models.CharField(_("subject"), max_length=20, choices=Subject.choices)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    # The completion rule: the share of session days attended, and a post-test score when set.
    min_attendance_percent = models.PositiveSmallIntegerField(
        _("minimum attendance (%)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    min_post_score = models.DecimalField(
        _("minimum post-test score"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    # Pre- and post-test scores are out of this.
    score_max = models.DecimalField(
        _("test scale (maximum score)"), max_digits=6, decimal_places=2, default=Decimal("100")
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["name_en"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_attendance_percent__gte=1, min_attendance_percent__lte=100),
                name="course_attendance_rule_1_to_100",
            ),
            models.CheckConstraint(condition=Q(score_max__gt=0), name="course_scale_positive"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if get_language() == "ar" and self.name_ar:
            return self.name_ar
        return self.name_en or self.name_ar


class CourseVersion(models.Model):
    """A language version of a course, and the partner who translated and adapted it."""

    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="versions", verbose_name=_("course")
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    adapted_by = models.CharField(_("adapted by"), max_length=200, blank=True)
    adapted_for = models.CharField(_("adapted to"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)

    class Meta:
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")
        ordering = ["course", "language"]
        constraints = [
            models.UniqueConstraint(fields=["course", "language"], name="course_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.course} ({self.get_language_display()})"


class EventKind(models.TextChoices):
    TRAINING = "training", _("Training")
    TOT = "tot", _("Training of trainers")
    REFRESHER = "refresher", _("Refresher")


class Mode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    BLENDED = "blended", _("Blended")


class Event(OwnedModel):
    """One run of a course, from its first to its last day."""

    course = models.ForeignKey(
        Course, on_delete=models.PROTECT, related_name="events", verbose_name=_("course")
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=EventKind.choices)
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.ARABIC
    )
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    platform = models.CharField(_("online platform"), max_length=200, blank=True)
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    partner = models.CharField(_("partner"), max_length=200, blank=True)
    planned_participants = models.PositiveIntegerField(_("planned participants"), default=0)

    class Meta:
        verbose_name = _("training event")
        verbose_name_plural = _("training events")
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="event_ends_after_start"
            ),
        ]
        indexes = [models.Index(fields=["owner", "start_date"], name="training_event_owner")]

    def __str__(self) -> str:
        return self.title or f"{self.course} · {self.start_date.isoformat()}"

    def get_absolute_url(self) -> str:
        return reverse("training:event_detail", args=[self.pk])


class SessionDay(models.Model):
    """A day the event meets; attendance is taken per session day."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="days", verbose_name=_("event")
    )
    date = models.DateField(_("date"))

    class Meta:
        verbose_name = _("session day")
        verbose_name_plural = _("session days")
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["event", "date"], name="session_day_once")]

    def __str__(self) -> str:
        return self.date.isoformat()


class Facilitator(models.Model):
    """Who leads an event: a person of the registry (a trainer) or a staff member. A person
    not certified for the course leads it only with the reason recorded."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="facilitators", verbose_name=_("event")
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("staff member"),
    )
    uncertified_reason = models.CharField(
        _("reason (not certified for this course)"), max_length=500, blank=True
    )

    class Meta:
        verbose_name = _("facilitator")
        verbose_name_plural = _("facilitators")
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, user__isnull=True)
                | Q(person__isnull=True, user__isnull=False),
                name="facilitator_person_or_staff",
            ),
            models.UniqueConstraint(
                fields=["event", "person"],
                condition=Q(person__isnull=False),
                name="facilitator_person_once",
            ),
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(user__isnull=False),
                name="facilitator_staff_once",
            ),
        ]

    def __str__(self) -> str:
        if self.person_id:
            return self.person.display_name
        return self.user.get_full_name() or self.user.username


class Role(models.TextChoices):
    """The role of a participant in the cooperative or venture they represent."""

    MEMBER = "member", _("Member")
    BOARD = "board", _("Board member")
    MANAGER = "manager", _("Manager")
    STAFF = "staff", _("Staff")
    TRAINER = "trainer", _("Trainer")
    ENTREPRENEUR = "entrepreneur", _("Entrepreneur")
    OTHER = "other", _("Other")


class Participant(models.Model):
    """A person of the registry taking part in an event, for the cooperative (or venture)
    they represent; their tests, completion and certificate."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="participants", verbose_name=_("event")
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("person")
    )
    cooperative = models.ForeignKey(
        "cooperatives.Cooperative",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cooperative represented"),
    )
    # The funded venture or SSE initiative: a grant award (its application names it).
    venture = models.ForeignKey(
        "grants.Award",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="training_participants",
        verbose_name=_("venture represented"),
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.MEMBER)
    pre_score = models.DecimalField(
        _("pre-test score"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    post_score = models.DecimalField(
        _("post-test score"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    days_attended = models.PositiveSmallIntegerField(_("days attended"), default=0)
    completed = models.BooleanField(_("completed"), default=False)
    certificate_code = models.CharField(
        _("certificate code"), max_length=20, null=True, blank=True, unique=True
    )
    certificate_issued_on = models.DateField(_("certificate issued on"), null=True, blank=True)
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["event", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="participant_once"),
            models.CheckConstraint(
                condition=Q(certificate_code__isnull=True) | Q(completed=True),
                name="participant_certificate_needs_completion",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.event}"

    @property
    def gain(self) -> Decimal | None:
        if self.pre_score is None or self.post_score is None:
            return None
        return self.post_score - self.pre_score


class Attendance(models.Model):
    """A participant present on a session day (absence is the lack of a row)."""

    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="attendance",
        verbose_name=_("participant"),
    )
    day = models.ForeignKey(
        SessionDay, on_delete=models.CASCADE, related_name="+", verbose_name=_("session day")
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["participant", "day"], name="attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.participant} · {self.day}"


class CertifiedTrainer(models.Model):
    """A person certified to train a course, by completing a training of trainers of it."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("person")
    )
    course = models.ForeignKey(
        Course, on_delete=models.PROTECT, related_name="trainers", verbose_name=_("course")
    )
    tot_event = models.ForeignKey(
        Event,
        on_delete=models.PROTECT,
        related_name="certified_trainers",
        verbose_name=_("training of trainers"),
    )
    certified_on = models.DateField(_("certified on"))

    class Meta:
        verbose_name = _("certified trainer")
        verbose_name_plural = _("certified trainers")
        ordering = ["-certified_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "course"], name="trainer_once_per_course")
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.course}"


class AttendanceImport(OwnedModel):
    """A filled attendance sheet uploaded for an event: checked first (the dry run), then
    written all at once or not at all."""

    class State(models.TextChoices):
        CHECKED = "checked", _("Checked")
        FAILED = "failed", _("Has errors")
        COMMITTED = "committed", _("Written")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="imports", verbose_name=_("event")
    )
    file_name = models.CharField(_("file"), max_length=200)
    data = models.BinaryField(_("content"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices)
    # {"present": n, "absent": n, "participants": n, "days": [...]} and [{row, column, message}]
    summary = models.JSONField(_("summary"), default=dict)
    errors = models.JSONField(_("errors"), default=list)

    class Meta:
        verbose_name = _("attendance sheet upload")
        verbose_name_plural = _("attendance sheet uploads")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.file_name
