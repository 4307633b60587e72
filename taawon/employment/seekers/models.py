"""Job seekers (a registry person's profile with a unit) and their counselling."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from taawon.core.models import OwnedModel

from ..unit.models import Currency, PermitSector, WagePeriod


class JobSeekerPermitStatus(models.TextChoices):
    """A job seeker's work permit as the unit knows it (not the permits app's)."""

    # A field until the permits app provides the person's permits.
    NOT_NEEDED = "not_needed", _("Not needed (citizen)")
    NONE = "none", _("None")
    APPLIED = "applied", _("Applied")
    VALID = "valid", _("Valid")
    EXPIRED = "expired", _("Expired")


class JobSeeker(OwnedModel):
    """What the employment unit knows of a registry person as someone looking for work."""

    # Defined apart under a name of its own: the OpenAPI document names an enum by its class.
    PermitStatus = JobSeekerPermitStatus

    person = models.OneToOneField(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="job_seeker",
        verbose_name=_("person"),
    )
    occupations = models.ManyToManyField(
        "occupations.Occupation",
        related_name="+",
        verbose_name=_("occupations sought"),
    )
    skills = models.JSONField(_("skills"), default=list, blank=True)
    experience_years = models.PositiveSmallIntegerField(_("years of experience"), default=0)
    preferred_governorates = models.ManyToManyField(
        "geo.Governorate", blank=True, related_name="+", verbose_name=_("preferred governorates")
    )
    max_travel_km = models.PositiveSmallIntegerField(_("can travel up to (km)"), default=25)
    available_from = models.DateField(_("available from"), null=True, blank=True)
    available_until = models.DateField(_("available until"), null=True, blank=True)
    expected_wage = models.DecimalField(
        _("expected wage"), max_digits=10, decimal_places=3, null=True, blank=True
    )
    expected_wage_period = models.CharField(
        _("expected wage period"),
        max_length=10,
        choices=WagePeriod.choices,
        default=WagePeriod.DAILY,
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.JOD
    )
    work_permit_status = models.CharField(
        _("work permit"), max_length=12, choices=PermitStatus.choices, default=PermitStatus.NONE
    )
    work_permit_sector = models.CharField(
        _("work permit sector"), max_length=20, choices=PermitSector.choices, blank=True
    )
    needs_transport = models.BooleanField(_("needs transport"), default=False)
    needs_childcare = models.BooleanField(_("needs childcare"), default=False)
    needs_separate_sanitation = models.BooleanField(_("needs separate sanitation"), default=False)
    needs_women_in_team = models.BooleanField(_("needs women in the team"), default=False)
    notes = models.TextField(_("notes"), blank=True)
    language = models.CharField(
        _("language for messages"),
        max_length=5,
        choices=settings.LANGUAGES,
        default="ar",
        help_text=_("SMS to the job seeker (season notices) are written in this language."),
    )
    # The day the unit registered the person as a job seeker, which the indicators count by;
    # not created_at, because paper forms and ODK submissions are often entered days later.
    registered_on = models.DateField(_("registered on"), default=timezone.localdate)

    class Meta:
        verbose_name = _("job seeker")
        verbose_name_plural = _("job seekers")
        constraints = [
            models.CheckConstraint(
                condition=Q(available_from__isnull=True)
                | Q(available_until__isnull=True)
                | Q(available_until__gte=F("available_from")),
                name="jobseeker_available_until_after_from",
            ),
            models.CheckConstraint(
                condition=Q(expected_wage__isnull=True) | Q(expected_wage__gt=0),
                name="jobseeker_expected_wage_positive",
            ),
            models.CheckConstraint(
                condition=Q(experience_years__lte=70), name="jobseeker_experience_plausible"
            ),
        ]
        indexes = [models.Index(fields=["owner", "-id"], name="jobseeker_owner_id")]

    def __str__(self) -> str:
        return str(self.person)

    def get_absolute_url(self) -> str:
        return reverse("employment:job_seeker_detail", args=[self.pk])

    @property
    def needs(self) -> list[str]:
        """Codes of the facilities this person needs, as the matching library names them."""
        needed = {
            "transport": self.needs_transport,
            "childcare": self.needs_childcare,
            "separate_sanitation": self.needs_separate_sanitation,
            "women_in_team": self.needs_women_in_team,
        }
        return [code for code, on in needed.items() if on]


class CounsellingTopic(models.TextChoices):
    """What a counselling session covered."""

    CAREER_GUIDANCE = "career_guidance", _("Career guidance")
    CV = "cv", _("CV writing")
    JOB_SEARCH = "job_search", _("Job search")
    INTERVIEW = "interview", _("Interview preparation")
    WORK_PERMIT = "work_permit", _("Work permits")
    LABOUR_RIGHTS = "labour_rights", _("Labour rights")
    OSH = "osh", _("Safety and health at work")
    TRAINING = "training", _("Training and skills")
    SELF_EMPLOYMENT = "self_employment", _("Self-employment")
    OTHER = "other", _("Other")


class CounsellingSession(OwnedModel):
    # Defined apart under a name of its own: the OpenAPI document names an enum by its class.
    Topic = CounsellingTopic

    job_seeker = models.ForeignKey(
        JobSeeker,
        on_delete=models.PROTECT,
        related_name="counselling_sessions",
        verbose_name=_("job seeker"),
    )
    date = models.DateField(_("date"))
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("counsellor"),
    )
    topics = models.JSONField(_("topics"), default=list)
    notes = models.TextField(_("notes"), blank=True)
    action_plan = models.TextField(_("action plan"), blank=True)

    class Meta:
        verbose_name = _("counselling session")
        verbose_name_plural = _("counselling sessions")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.job_seeker} {self.date:%Y-%m-%d}"

    @property
    def topic_labels(self) -> list[str]:
        labels = dict(self.Topic.choices)
        return [str(labels[code]) for code in self.topics if code in labels]
