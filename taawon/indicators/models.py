"""The logframe (outcome and output indicators with baselines and targets per period and
organisation) and the reporting periods an organisation has locked."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from taawon.core.models import OwnedModel


class LogframeItem(OwnedModel):
    """One line of an organisation's logframe (`owner`: a country office or a unit)."""

    class Level(models.TextChoices):
        OUTCOME = "outcome", _("Outcome")
        OUTPUT = "output", _("Output")

    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    indicator_code = models.CharField(_("indicator"), max_length=60)
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_ar = models.CharField(_("title (Arabic)"), max_length=300, blank=True)
    baseline_value = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)

    class Meta:
        verbose_name = _("logframe item")
        verbose_name_plural = _("logframe items")
        ordering = ["owner", "level", "title_en"]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        if get_language() == "ar" and self.title_ar:
            return self.title_ar
        return self.title_en


class Target(models.Model):
    item = models.ForeignKey(
        LogframeItem, on_delete=models.CASCADE, related_name="targets", verbose_name=_("item")
    )
    start = models.DateField(_("period start"))
    end = models.DateField(_("period end"))
    value = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["item", "start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="target_period_in_order"
            ),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="target_not_negative"),
            models.UniqueConstraint(fields=["item", "start", "end"], name="target_one_per_period"),
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.value} ({self.start} – {self.end})"


class PeriodLock(models.Model):
    """A reporting period whose figures an organisation has reported: its data are locked."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    start = models.DateField(_("period start"))
    end = models.DateField(_("period end"))
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("locked by"),
    )
    locked_at = models.DateTimeField(_("locked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("locked period")
        verbose_name_plural = _("locked periods")
        ordering = ["organisation", "-start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="lock_period_in_order"
            ),
        ]
        indexes = [models.Index(fields=["organisation", "start", "end"], name="lock_org_period")]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.start} – {self.end}"


class LockedEdit(models.Model):
    """A record dated in a locked period, created or changed after the lock, with the reason
    given: the report of that period flags it ("N edits after lock")."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    model_label = models.CharField(_("kind of record"), max_length=100)
    object_id = models.PositiveBigIntegerField(_("record"))
    date = models.DateField(_("date of the record"))
    reason = models.TextField(_("reason"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("edit after lock")
        verbose_name_plural = _("edits after lock")
        ordering = ["-at"]
        indexes = [models.Index(fields=["organisation", "date"], name="lockededit_org_date")]

    def __str__(self) -> str:
        return f"{self.model_label} {self.object_id} ({self.date}): {self.reason[:40]}"


# ---- Summary tables (indicators/summary.py) -------------------------------------------------
# Kept by the database, not by hand: triggers on the tables an indicator reads log every change
# (`Change`); the summary folds the log in before it answers, so a record saved a second ago
# is in the figures. Plain integer columns, no foreign keys: a summary row never blocks a
# deletion, and it is rebuilt from the records whenever in doubt.


class Change(models.Model):
    """A row of `source` (a table name) was inserted, updated or deleted (written by triggers)."""

    id = models.BigAutoField(primary_key=True)
    source = models.CharField(max_length=63)
    row_id = models.BigIntegerField()

    class Meta:
        db_table = "indicators_change"

    def __str__(self) -> str:
        return f"{self.source} {self.row_id}"


class Fact(models.Model):
    """What one counted row contributes to one indicator: its keys for the summarised
    dimensions, its day and its person (for unique-person counts)."""

    id = models.BigAutoField(primary_key=True)
    indicator = models.CharField(max_length=60)
    row_id = models.BigIntegerField()
    owner_id = models.BigIntegerField()
    person_id = models.BigIntegerField(null=True)
    day = models.DateField()
    sex = models.CharField(max_length=10, blank=True)
    nationality = models.CharField(max_length=10, blank=True)
    governorate = models.CharField(max_length=20, blank=True)

    class Meta:
        db_table = "indicators_fact"
        constraints = [
            models.UniqueConstraint(fields=["indicator", "row_id"], name="indicators_fact_row")
        ]
        indexes = [
            # Covering what a dashboard reads, so that a year of facts is read from the
            # index alone.
            models.Index(
                fields=[
                    "indicator",
                    "day",
                    "owner_id",
                    "sex",
                    "nationality",
                    "governorate",
                    "person_id",
                ],
                name="indicators_fact_day",
            ),
            models.Index(fields=["indicator", "person_id"], name="indicators_fact_person"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.row_id}"


class CountCell(models.Model):
    """What a cell and a unique cell share: an indicator's count in one month for one
    combination of sex, nationality and governorate."""

    id = models.BigAutoField(primary_key=True)
    indicator = models.CharField(max_length=60)
    month = models.DateField()
    sex = models.CharField(max_length=10, blank=True)
    nationality = models.CharField(max_length=10, blank=True)
    governorate = models.CharField(max_length=20, blank=True)
    value = models.BigIntegerField()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.indicator} {self.month:%Y-%m} {self.value}"


class Cell(CountCell):
    """How many rows of an additive indicator fall in one month of one owner and one
    combination of sex, nationality and governorate (the sum of its facts)."""

    owner_id = models.BigIntegerField()

    class Meta:
        db_table = "indicators_cell"
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "month", "owner_id", "sex", "nationality", "governorate"],
                name="indicators_cell_key",
            )
        ]


class UniqueCell(CountCell):
    """How many persons an indicator that counts each person once (job seekers placed) names in
    one month with one combination of sex, nationality and governorate, over every owner: a
    person placed twice in the month, or by two units, counts once."""

    class Meta:
        db_table = "indicators_uniquecell"
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "month", "sex", "nationality", "governorate"],
                name="indicators_uniquecell_key",
            )
        ]


class SummaryBuilt(models.Model):
    """The indicators whose summary holds every record (built from them, then kept by the
    change log). An indicator absent here is computed from its records."""

    indicator = models.CharField(max_length=60, primary_key=True)
    # What the summary was built as (summary.version): a definition changed since (another
    # path, rows that became additive) makes it not built until it is built again.
    version = models.CharField(max_length=64, default="")
    built_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "indicators_summarybuilt"

    def __str__(self) -> str:
        return self.indicator
