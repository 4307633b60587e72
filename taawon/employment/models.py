"""The employment unit's records: employers and their workplaces, farm visits, vacancies, job
seekers and their counselling, referrals, placements with their follow-ups, and awareness
sessions.

Every row is owned by an employment unit. A row that hangs off another (a workplace off its
employer, a placement off its vacancy) has the same owner, so scoping one scopes the other.
Positions filled are never stored: they are the placements of a vacancy, counted.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from taawon.core.models import OwnedModel

from . import reference


class Currency(models.TextChoices):
    JOD = "JOD", _("Jordanian dinar (JOD)")
    LBP = "LBP", _("Lebanese pound (LBP)")
    IQD = "IQD", _("Iraqi dinar (IQD)")
    USD = "USD", _("US dollar (USD)")


class WagePeriod(models.TextChoices):
    DAILY = "daily", _("per day")
    MONTHLY = "monthly", _("per month")


class PermitSector(models.TextChoices):
    """Sectors of a work permit, as the Ministry of Labour opens them to refugees."""

    AGRICULTURE = "agriculture", _("Agriculture")
    CONSTRUCTION = "construction", _("Construction")
    MANUFACTURING = "manufacturing", _("Manufacturing")
    FOOD_SERVICES = "food_services", _("Food and beverage services")
    TRANSPORT = "transport", _("Transport")
    SERVICES = "services", _("Other services")


class Located(models.Model):
    """Optional coordinates (WGS 84), both or neither, for distances in matching."""

    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(
                    latitude__gte=-90,
                    latitude__lte=90,
                    longitude__gte=-180,
                    longitude__lte=180,
                ),
                name="%(app_label)s_%(class)s_coordinates",
            ),
        ]

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class Employer(Located, OwnedModel):
    class Kind(models.TextChoices):
        FARM = "farm", _("Farm")
        BUSINESS = "business", _("Business")

    class Size(models.TextChoices):
        """Workers employed, in the bands of Jordan's Department of Statistics."""

        MICRO = "micro", _("Micro (1–4 workers)")
        SMALL = "small", _("Small (5–19 workers)")
        MEDIUM = "medium", _("Medium (20–99 workers)")
        LARGE = "large", _("Large (100 workers or more)")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    owner_name = models.CharField(_("owner's name"), max_length=200, blank=True)
    sector = models.CharField(
        _("sector (ISIC Rev.4 section)"), max_length=1, help_text=_("A letter from A to U")
    )
    size = models.CharField(_("size"), max_length=10, choices=Size.choices, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    governorate = models.ForeignKey(
        "geo.Governorate", on_delete=models.PROTECT, related_name="+", verbose_name=_("governorate")
    )
    district = models.ForeignKey(
        "geo.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        constraints = [
            *Located.Meta.constraints,
            models.CheckConstraint(
                condition=~Q(name_ar="", name_en=""), name="employer_has_a_name"
            ),
            models.CheckConstraint(
                condition=Q(sector__in=reference.ISIC_CODES), name="employer_sector_is_isic"
            ),
        ]
        indexes = [models.Index(fields=["owner", "-id"], name="employer_owner_id")]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("employment:employer_detail", args=[self.pk])

    @property
    def display_name(self) -> str:
        if get_language() == "ar":
            return self.name_ar or self.name_en
        return self.name_en or self.name_ar

    @property
    def sector_entry(self) -> reference.Entry | None:
        return reference.isic_section(self.sector)


class Workplace(Located, OwnedModel):
    """Where the work happens: a farm's fields, a packing house, a building site."""

    employer = models.ForeignKey(
        Employer, on_delete=models.PROTECT, related_name="workplaces", verbose_name=_("employer")
    )
    name = models.CharField(_("name"), max_length=200)
    governorate = models.ForeignKey(
        "geo.Governorate", on_delete=models.PROTECT, related_name="+", verbose_name=_("governorate")
    )
    district = models.ForeignKey(
        "geo.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    address = models.CharField(_("address or directions"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("workplace")
        verbose_name_plural = _("workplaces")
        ordering = ["name", "pk"]
        constraints = [
            *Located.Meta.constraints,
            models.UniqueConstraint(
                fields=["employer", "name"], name="workplace_name_per_employer"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class FarmVisit(OwnedModel):
    class Purpose(models.TextChoices):
        OUTREACH = "outreach", _("Outreach")
        VACANCY_COLLECTION = "vacancy_collection", _("Vacancy collection")
        AWARENESS = "awareness", _("OSH and labour rights awareness")
        FOLLOW_UP = "follow_up", _("Follow-up")

    employer = models.ForeignKey(
        Employer, on_delete=models.PROTECT, related_name="visits", verbose_name=_("employer")
    )
    workplace = models.ForeignKey(
        Workplace,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="visits",
        verbose_name=_("workplace"),
    )
    date = models.DateField(_("date"))
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="+", verbose_name=_("staff")
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    findings = models.TextField(_("findings"), blank=True)
    # {item code: "yes" | "no" | "na"} for items of reference.OSH_CHECKLIST; the services
    # validate it, since JSON shape is beyond a portable check constraint.
    osh_checklist = models.JSONField(_("OSH checklist"), default=dict, blank=True)
    next_steps = models.TextField(_("agreed next steps"), blank=True)

    class Meta:
        verbose_name = _("farm visit")
        verbose_name_plural = _("farm visits")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["owner", "-date"], name="visit_owner_date")]

    def __str__(self) -> str:
        return f"{self.employer} {self.date:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("employment:visit_detail", args=[self.pk])


class Vacancy(OwnedModel):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        FILLED = "filled", _("Filled")
        CLOSED = "closed", _("Closed")

    employer = models.ForeignKey(
        Employer, on_delete=models.PROTECT, related_name="vacancies", verbose_name=_("employer")
    )
    workplace = models.ForeignKey(
        Workplace,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vacancies",
        verbose_name=_("workplace"),
    )
    title = models.CharField(_("job title"), max_length=200, blank=True)
    occupation = models.ForeignKey(
        "occupations.Occupation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("occupation (ISCO-08 unit group)"),
    )
    positions = models.PositiveSmallIntegerField(_("positions"))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    wage = models.DecimalField(_("wage"), max_digits=10, decimal_places=3)
    wage_period = models.CharField(_("wage period"), max_length=10, choices=WagePeriod.choices)
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.JOD
    )
    hours_per_day = models.DecimalField(_("hours per day"), max_digits=3, decimal_places=1)
    days_per_week = models.PositiveSmallIntegerField(_("days per week"), default=6)
    skills = models.JSONField(_("skills wanted"), default=list, blank=True)
    min_experience_years = models.PositiveSmallIntegerField(
        _("experience wanted (years)"), default=0
    )
    work_permit_required = models.BooleanField(_("work permit required"), default=False)
    permit_sector = models.CharField(
        _("work permit sector"), max_length=20, choices=PermitSector.choices, blank=True
    )
    # The facilities that make the job accessible; what matching compares with a job seeker's
    # needs (never their sex or nationality: ILO Convention 111).
    offers_transport = models.BooleanField(_("transport provided"), default=False)
    offers_childcare = models.BooleanField(_("childcare provided"), default=False)
    separate_sanitation = models.BooleanField(_("separate sanitation"), default=False)
    women_in_team = models.BooleanField(_("women in the team"), default=False)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )

    class Meta:
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        constraints = [
            models.CheckConstraint(condition=Q(positions__gte=1), name="vacancy_positions_min_1"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="vacancy_ends_after_start",
            ),
            models.CheckConstraint(condition=Q(wage__gt=0), name="vacancy_wage_positive"),
            models.CheckConstraint(
                condition=Q(hours_per_day__gt=0, hours_per_day__lte=24),
                name="vacancy_hours_in_a_day",
            ),
            models.CheckConstraint(
                condition=Q(days_per_week__gte=1, days_per_week__lte=7),
                name="vacancy_days_in_a_week",
            ),
            models.CheckConstraint(
                condition=Q(work_permit_required=False) | ~Q(permit_sector=""),
                name="vacancy_permit_has_sector",
            ),
        ]
        indexes = [
            models.Index(fields=["owner", "status", "-id"], name="vacancy_owner_status_id"),
        ]

    def __str__(self) -> str:
        return self.title or str(self.occupation)

    def get_absolute_url(self) -> str:
        return reverse("employment:vacancy_detail", args=[self.pk])

    @property
    def facilities(self) -> list[str]:
        """Codes of what the job offers, as the matching library names them."""
        offered = {
            "transport": self.offers_transport,
            "childcare": self.offers_childcare,
            "separate_sanitation": self.separate_sanitation,
            "women_in_team": self.women_in_team,
        }
        return [code for code, on in offered.items() if on]


class JobSeeker(OwnedModel):
    """What the employment unit knows of a registry person as someone looking for work."""

    class PermitStatus(models.TextChoices):
        # A field until the permits app provides the person's permits.
        NOT_NEEDED = "not_needed", _("Not needed (citizen)")
        NONE = "none", _("None")
        APPLIED = "applied", _("Applied")
        VALID = "valid", _("Valid")
        EXPIRED = "expired", _("Expired")

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


class CounsellingSession(OwnedModel):
    class Topic(models.TextChoices):
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


class Referral(OwnedModel):
    """A job seeker sent to a vacancy; owned by the vacancy's unit."""

    class Status(models.TextChoices):
        REFERRED = "referred", _("Referred")
        INTERVIEWED = "interviewed", _("Interviewed")
        HIRED = "hired", _("Hired")
        REJECTED = "rejected", _("Rejected")
        DID_NOT_ATTEND = "did_not_attend", _("Did not attend")

    job_seeker = models.ForeignKey(
        JobSeeker, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("job seeker")
    )
    vacancy = models.ForeignKey(
        Vacancy, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("vacancy")
    )
    referred_on = models.DateField(_("referred on"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.REFERRED
    )
    status_on = models.DateField(_("status since"))
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-referred_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["job_seeker", "vacancy"], name="referral_once_per_vacancy"
            ),
            models.CheckConstraint(
                condition=Q(status_on__gte=F("referred_on")), name="referral_status_after_referral"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.job_seeker} → {self.vacancy}"


class Placement(OwnedModel):
    """A hire: one per hired referral, and what makes a vacancy's position filled."""

    class ContractType(models.TextChoices):
        SEASONAL = "seasonal", _("Seasonal")
        DAILY = "daily", _("Daily labour")
        FIXED_TERM = "fixed_term", _("Fixed term")
        OPEN_ENDED = "open_ended", _("Open-ended")

    referral = models.OneToOneField(
        Referral, on_delete=models.PROTECT, related_name="placement", verbose_name=_("referral")
    )
    # Copies of the referral's, so that counting a vacancy's placements needs no join.
    vacancy = models.ForeignKey(
        Vacancy, on_delete=models.PROTECT, related_name="placements", verbose_name=_("vacancy")
    )
    job_seeker = models.ForeignKey(
        JobSeeker,
        on_delete=models.PROTECT,
        related_name="placements",
        verbose_name=_("job seeker"),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    contract_type = models.CharField(
        _("contract type"), max_length=12, choices=ContractType.choices
    )
    wage = models.DecimalField(_("wage"), max_digits=10, decimal_places=3)
    wage_period = models.CharField(_("wage period"), max_length=10, choices=WagePeriod.choices)
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.JOD
    )

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(wage__gt=0), name="placement_wage_positive"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="placement_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.job_seeker} @ {self.vacancy}"

    def get_absolute_url(self) -> str:
        return reverse("employment:placement_detail", args=[self.pk])


class FollowUp(OwnedModel):
    class Checkpoint(models.IntegerChoices):
        ONE_MONTH = 1, _("after 1 month")
        THREE_MONTHS = 3, _("after 3 months")

    class Reason(models.TextChoices):
        CONTRACT_ENDED = "contract_ended", _("Contract or season ended")
        RESIGNED_WAGE = "resigned_wage", _("Resigned: wage too low or unpaid")
        RESIGNED_CONDITIONS = "resigned_conditions", _("Resigned: working conditions")
        TRANSPORT = "transport", _("Transport")
        CARE_DUTIES = "care_duties", _("Family or care duties")
        HEALTH = "health", _("Health or injury")
        DISMISSED = "dismissed", _("Dismissed")
        MOVED = "moved", _("Moved away")
        PERMIT = "permit", _("Work permit problem")
        OTHER = "other", _("Other")

    placement = models.ForeignKey(
        Placement, on_delete=models.PROTECT, related_name="follow_ups", verbose_name=_("placement")
    )
    checkpoint = models.PositiveSmallIntegerField(_("follow-up"), choices=Checkpoint.choices)
    date = models.DateField(_("date"))
    still_employed = models.BooleanField(_("still employed"))
    reason = models.CharField(
        _("reason, if not employed"), max_length=20, choices=Reason.choices, blank=True
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["placement", "checkpoint"]
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "checkpoint"], name="followup_once_per_checkpoint"
            ),
            models.CheckConstraint(
                condition=Q(still_employed=True, reason="")
                | Q(still_employed=False, reason__gt=""),
                name="followup_reason_iff_not_employed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.placement} {self.get_checkpoint_display()}"


class AwarenessSession(OwnedModel):
    class Topic(models.TextChoices):
        LABOUR_LAW = "labour_law", _("Labour law")
        OSH = "osh", _("Occupational safety and health")
        COVID19 = "covid19", _("COVID-19 in the workplace")
        WORK_PERMITS = "work_permits", _("Work permits")
        OTHER = "other", _("Other")

    topic = models.CharField(_("topic"), max_length=16, choices=Topic.choices)
    topic_detail = models.CharField(_("topic, in a few words"), max_length=200, blank=True)
    date = models.DateField(_("date"))
    governorate = models.ForeignKey(
        "geo.Governorate", on_delete=models.PROTECT, related_name="+", verbose_name=_("governorate")
    )
    district = models.ForeignKey(
        "geo.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    venue = models.CharField(_("place"), max_length=200)
    facilitator = models.CharField(_("facilitator"), max_length=200)
    participants = models.ManyToManyField(
        "people.Person", blank=True, related_name="+", verbose_name=_("registered participants")
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("awareness session")
        verbose_name_plural = _("awareness sessions")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(topic="other") | ~Q(topic_detail=""),
                name="awareness_other_topic_described",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_topic_display()} {self.date:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("employment:awareness_detail", args=[self.pk])


class AwarenessHeadCount(models.Model):
    """Participants who were not registered, counted by sex and nationality."""

    class Sex(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")

    session = models.ForeignKey(
        AwarenessSession, on_delete=models.CASCADE, related_name="head_counts"
    )
    sex = models.CharField(_("sex"), max_length=6, choices=Sex.choices)
    nationality = models.CharField(
        _("nationality"), max_length=2, help_text=_("ISO 3166-1 alpha-2")
    )
    count = models.PositiveIntegerField(_("count"))

    class Meta:
        verbose_name = _("head count")
        verbose_name_plural = _("head counts")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "sex", "nationality"], name="headcount_once_per_group"
            ),
            models.CheckConstraint(condition=Q(count__gte=1), name="headcount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.sex}/{self.nationality}: {self.count}"
