"""Grants: calls for proposals, applications and their screening and panel scoring, awards,
disbursement tranches, and what the funded ventures and SSE initiatives become.

Money is Decimal with its currency: a call's budget, its awards and its tranches are in the
call's currency; a tranche paid in another currency also keeps what was paid, the rate of that
day and its source. The ceilings (awarded <= budget, tranches <= awarded) are the services'
rules, checked under a row lock (see `services`); the database holds what one row can.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from taawon.core.models import OwnedModel
from taawon.geo.countries import country_name

MONEY = {"max_digits": 18, "decimal_places": 3}


class Currency(models.TextChoices):
    JOD = "JOD", _("Jordanian dinar")
    USD = "USD", _("US dollar")
    LBP = "LBP", _("Lebanese pound")
    IQD = "IQD", _("Iraqi dinar")


class CallKind(models.TextChoices):
    VENTURE = "venture", _("Joint business ventures")
    SSE = "sse", _("Social and solidarity economy initiatives")


class Sector(models.TextChoices):
    AGRICULTURE = "agriculture", _("Agriculture")
    CONSTRUCTION = "construction", _("Construction")
    AGRO_FOOD = "agro_food", _("Agro-food processing")
    SERVICES = "services", _("Services")
    OTHER = "other", _("Other")


class Call(OwnedModel):
    """A call for proposals, owned by the country office (or partner) that runs it."""

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=CallKind.choices)
    country = models.CharField(_("country"), max_length=2)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    budget = models.DecimalField(_("budget"), **MONEY)
    max_grant = models.DecimalField(_("maximum grant"), **MONEY)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    scoring_closes_on = models.DateField(_("scoring closes on"))
    score_max = models.PositiveSmallIntegerField(_("highest score of a criterion"), default=10)
    published = models.BooleanField(_("published"), default=False)

    class Meta:
        verbose_name = _("call for proposals")
        verbose_name_plural = _("calls for proposals")
        ordering = ["-opens_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(budget__gt=0), name="call_budget_positive"),
            models.CheckConstraint(
                condition=Q(max_grant__gt=0, max_grant__lte=models.F("budget")),
                name="call_max_grant_within_budget",
            ),
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on"))
                & Q(scoring_closes_on__gte=models.F("closes_on")),
                name="call_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("grants:call_detail", args=[self.pk])


class EligibilityCriterion(models.Model):
    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="eligibility", verbose_name=_("call")
    )
    text = models.CharField(_("criterion"), max_length=300)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("eligibility criterion")
        verbose_name_plural = _("eligibility criteria")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class ScoringCriterion(models.Model):
    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("call")
    )
    name = models.CharField(_("criterion"), max_length=200)
    weight = models.PositiveSmallIntegerField(_("weight (%)"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("scoring criterion")
        verbose_name_plural = _("scoring criteria")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__gte=1, weight__lte=100), name="criterion_weight_1_to_100"
            )
        ]

    def __str__(self) -> str:
        return self.name


class PanelMember(models.Model):
    """A reviewer of a call's applications."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="panel", verbose_name=_("call")
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("reviewer"),
    )

    class Meta:
        verbose_name = _("panel member")
        verbose_name_plural = _("panel members")
        constraints = [
            models.UniqueConstraint(fields=["call", "reviewer"], name="panel_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} · {self.call}"


class Eligibility(models.TextChoices):
    PENDING = "pending", _("Not yet screened")
    ELIGIBLE = "eligible", _("Eligible")
    INELIGIBLE = "ineligible", _("Not eligible")


class Application(OwnedModel):
    """A proposal to a call: a joint venture of a cooperative with refugee and host-community
    members, or a youth-led SSE initiative of a village. The owner is the applicant's
    organisation (the cooperative, or the partner that supports the initiative)."""

    call = models.ForeignKey(
        Call, on_delete=models.PROTECT, related_name="applications", verbose_name=_("call")
    )
    name = models.CharField(_("name of the venture or initiative"), max_length=200)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    governorate = models.ForeignKey(
        "geo.Governorate", on_delete=models.PROTECT, related_name="+", verbose_name=_("governorate")
    )
    locality = models.ForeignKey(
        "geo.Locality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("village or locality"),
    )
    summary = models.TextField(_("business plan summary"))
    amount_requested = models.DecimalField(_("amount requested"), **MONEY)
    # Jobs the plan promises, by sex and nationality group (host community or refugee).
    planned_men_host = models.PositiveIntegerField(_("men, host community"), default=0)
    planned_women_host = models.PositiveIntegerField(_("women, host community"), default=0)
    planned_men_refugee = models.PositiveIntegerField(_("men, refugees"), default=0)
    planned_women_refugee = models.PositiveIntegerField(_("women, refugees"), default=0)
    submitted_on = models.DateField(_("submitted on"))
    eligibility = models.CharField(
        _("eligibility"), max_length=12, choices=Eligibility.choices, default=Eligibility.PENDING
    )
    eligibility_reasons = models.TextField(_("reasons"), blank=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["call", "name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_requested__gt=0), name="application_amount_positive"
            ),
            models.UniqueConstraint(fields=["call", "name"], name="application_name_once_per_call"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("grants:application_detail", args=[self.pk])

    @property
    def jobs_planned(self) -> int:
        return (
            self.planned_men_host
            + self.planned_women_host
            + self.planned_men_refugee
            + self.planned_women_refugee
        )


class ApplicationMember(models.Model):
    """A member of the venture or initiative, from the person registry."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="members", verbose_name=_("application")
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("person")
    )
    role = models.CharField(_("role"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        constraints = [
            models.UniqueConstraint(fields=["application", "person"], name="member_once")
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.application}"


class EligibilityCheck(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="checks", verbose_name=_("application")
    )
    criterion = models.ForeignKey(
        EligibilityCriterion,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("criterion"),
    )
    met = models.BooleanField(_("met"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("eligibility check")
        verbose_name_plural = _("eligibility checks")
        constraints = [
            models.UniqueConstraint(fields=["application", "criterion"], name="check_once")
        ]

    def __str__(self) -> str:
        return f"{self.application_id} · {self.criterion_id}"


class ConflictDeclaration(models.Model):
    """A reviewer's declaration on one application, before scoring it: a conflicted reviewer
    does not score it."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="declarations",
        verbose_name=_("application"),
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("reviewer"),
    )
    conflicted = models.BooleanField(_("conflict of interest"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    declared_at = models.DateTimeField(_("declared at"), auto_now_add=True)

    class Meta:
        verbose_name = _("declaration of interest")
        verbose_name_plural = _("declarations of interest")
        constraints = [
            models.UniqueConstraint(fields=["application", "reviewer"], name="declaration_once")
        ]

    def __str__(self) -> str:
        return f"{self.reviewer_id} · {self.application_id}"


class Score(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="scores", verbose_name=_("application")
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("reviewer"),
    )
    criterion = models.ForeignKey(
        ScoringCriterion, on_delete=models.CASCADE, related_name="+", verbose_name=_("criterion")
    )
    value = models.PositiveSmallIntegerField(_("score"))
    scored_at = models.DateTimeField(_("scored at"), auto_now=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer", "criterion"], name="score_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reviewer_id} · {self.application_id} · {self.criterion_id}: {self.value}"


class Award(OwnedModel):
    """The decision to fund an application, in the call's currency, and its grant agreement.
    The owner is the call's."""

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="award", verbose_name=_("application")
    )
    call = models.ForeignKey(
        Call, on_delete=models.PROTECT, related_name="awards", verbose_name=_("call")
    )
    amount = models.DecimalField(_("amount awarded"), **MONEY)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    decided_on = models.DateField(_("decided on"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    rank = models.PositiveIntegerField(_("rank at the decision"), null=True, blank=True)
    # An award that passes over a better-ranked eligible application, with the manager's reason.
    departs_from_ranking = models.BooleanField(_("departs from the ranking"), default=False)
    departure_reason = models.TextField(_("reason for the departure"), blank=True)
    agreement_reference = models.CharField(_("grant agreement"), max_length=100, blank=True)
    agreement_signed_on = models.DateField(_("agreement signed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["-decided_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="award_amount_positive"),
            models.CheckConstraint(
                condition=Q(departs_from_ranking=False) | ~Q(departure_reason=""),
                name="award_departure_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} · {self.amount} {self.currency}"

    def get_absolute_url(self) -> str:
        return reverse("grants:award_detail", args=[self.pk])


class TrancheStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    APPROVED = "approved", _("Approved")
    PAID = "paid", _("Paid")


class RateSource(models.TextChoices):
    OFFICIAL = "official", _("Official rate")
    BANK_PLATFORM = "bank_platform", _("Banks' platform rate")
    MARKET = "market", _("Market rate")


class Tranche(OwnedModel):
    """A part of an award, in the award's currency. Paid in another currency, it keeps the
    amount paid in that currency, the exchange rate of the day (units of the payment's
    currency for one unit of the award's) and where the rate came from."""

    award = models.ForeignKey(
        Award, on_delete=models.PROTECT, related_name="tranches", verbose_name=_("award")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    amount = models.DecimalField(_("amount"), **MONEY)
    status = models.CharField(
        _("status"), max_length=10, choices=TrancheStatus.choices, default=TrancheStatus.PLANNED
    )
    planned_on = models.DateField(_("planned for"))
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    reference = models.CharField(_("payment reference"), max_length=100, blank=True)
    paid_currency = models.CharField(
        _("currency paid"), max_length=3, choices=Currency.choices, blank=True
    )
    paid_amount = models.DecimalField(_("amount paid"), null=True, blank=True, **MONEY)
    exchange_rate = models.DecimalField(
        _("exchange rate"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    rate_source = models.CharField(
        _("source of the rate"), max_length=16, choices=RateSource.choices, blank=True
    )

    class Meta:
        verbose_name = _("tranche")
        verbose_name_plural = _("tranches")
        ordering = ["award", "number"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="tranche_amount_positive"),
            models.UniqueConstraint(fields=["award", "number"], name="tranche_number_once"),
            models.CheckConstraint(
                condition=~Q(status="paid") | Q(paid_on__isnull=False, paid_amount__isnull=False),
                name="tranche_paid_has_date_and_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.award.application} · {self.number}"


class VentureStatus(models.TextChoices):
    OPERATING = "operating", _("Operating")
    PAUSED = "paused", _("Paused")
    CLOSED = "closed", _("Closed")


class StatusChange(models.Model):
    """A funded venture's (or initiative's) business status from a date on."""

    award = models.ForeignKey(
        Award, on_delete=models.CASCADE, related_name="statuses", verbose_name=_("award")
    )
    status = models.CharField(_("status"), max_length=10, choices=VentureStatus.choices)
    as_of = models.DateField(_("from"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["as_of", "id"]

    def __str__(self) -> str:
        return f"{self.status} · {self.as_of}"


class ProgressReport(models.Model):
    """What a venture or initiative reports for a period: revenue, results."""

    award = models.ForeignKey(
        Award, on_delete=models.CASCADE, related_name="reports", verbose_name=_("award")
    )
    period_end = models.DateField(_("period ending"))
    revenue = models.DecimalField(_("revenue"), null=True, blank=True, **MONEY)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    results = models.TextField(_("results"), blank=True)

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["period_end", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(revenue__isnull=True) | Q(revenue__gte=0),
                name="report_revenue_not_negative",
            )
        ]

    def __str__(self) -> str:
        return f"{self.award_id} · {self.period_end}"


class NationalityGroup(models.TextChoices):
    HOST = "host", _("Host community")
    REFUGEE = "refugee", _("Refugee")


class JobRecord(OwnedModel):
    """Jobs a venture created: one worker placed through the employment app (the placement
    says who, so sex and nationality are the person's), or a head count of workers who are not
    in the registry. Counted like every other job in Taawon: a placement is one job."""

    award = models.ForeignKey(
        Award, on_delete=models.CASCADE, related_name="jobs", verbose_name=_("award")
    )
    placement = models.OneToOneField(
        "employment.Placement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("placement"),
    )
    recorded_on = models.DateField(_("recorded on"))
    sex = models.CharField(
        _("sex"), max_length=6, choices=[("female", _("Female")), ("male", _("Male"))]
    )
    nationality = models.CharField(_("nationality"), max_length=2)
    count = models.PositiveIntegerField(_("workers"), default=1)

    class Meta:
        verbose_name = _("jobs created")
        verbose_name_plural = _("jobs created")
        ordering = ["recorded_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(count__gte=1), name="job_record_count_positive"),
            models.CheckConstraint(
                condition=Q(placement__isnull=True) | Q(count=1),
                name="job_record_placement_is_one",
            ),
        ]

    @property
    def nationality_name(self) -> str:
        return country_name(self.nationality)


class VisitKind(models.TextChoices):
    MENTORING = "mentoring", _("Mentoring")
    COACHING = "coaching", _("Coaching")
    TRAINING = "training", _("Training")
    FOLLOW_UP = "follow_up", _("Follow-up")


class MentoringVisit(models.Model):
    award = models.ForeignKey(
        Award, on_delete=models.CASCADE, related_name="visits", verbose_name=_("award")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=VisitKind.choices)
    date = models.DateField(_("date"))
    mentor = models.CharField(_("mentor"), max_length=200)
    topics = models.TextField(_("topics"))
    follow_up_actions = models.TextField(_("follow-up actions"), blank=True)

    class Meta:
        verbose_name = _("mentoring visit")
        verbose_name_plural = _("mentoring visits")
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"{self.kind} · {self.date}"
