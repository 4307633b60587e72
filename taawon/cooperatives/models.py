"""The cooperative registry: cooperatives, the value chains they work in, and their members.

A cooperative here is a registry entry, whether or not it uses Taawon. When it does, it is
linked to the accounts Organisation that represents it, whose employment_unit children are the
cooperative's employment units.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from taawon.core.models import OwnedModel
from taawon.core.scripts import names_in_arabic_script


class ValueChain(models.Model):
    """Reference data, loaded by a data migration; not owned by an organisation."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_ar = models.CharField(_("name (Arabic)"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("value chain")
        verbose_name_plural = _("value chains")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name_ar if get_language() == "ar" else self.name_en


class CooperativeType(models.TextChoices):
    AGRICULTURAL = "agricultural", _("Agricultural")
    MULTIPURPOSE = "multipurpose", _("Multipurpose")
    WOMEN = "women", _("Women's")
    LIVESTOCK = "livestock", _("Livestock")
    HOUSING = "housing", _("Housing")
    CONSUMER = "consumer", _("Consumer")
    SERVICES = "services", _("Services")
    OTHER = "other", _("Other")


class CooperativeStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    INACTIVE = "inactive", _("Inactive")
    UNDER_LIQUIDATION = "under_liquidation", _("Under liquidation")
    DISSOLVED = "dissolved", _("Dissolved")


class Cooperative(OwnedModel):
    Type = CooperativeType
    Status = CooperativeStatus

    registration_number = models.CharField(_("registration number"), max_length=50)
    country = models.CharField(
        _("country"), max_length=2, default="JO", help_text=_("ISO 3166-1 alpha-2")
    )
    name_ar = models.CharField(_("name (Arabic)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    value_chains = models.ManyToManyField(
        ValueChain, blank=True, related_name="cooperatives", verbose_name=_("value chains")
    )
    governorate = models.ForeignKey(
        "geo.Governorate",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("governorate"),
    )
    district = models.ForeignKey(
        "geo.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    founding_date = models.DateField(_("founding date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=CooperativeStatus.ACTIVE
    )
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)
    phone = models.CharField(
        _("phone"), max_length=20, blank=True, help_text=_("International format, e.g. +962…")
    )
    email = models.EmailField(_("email"), blank=True)
    address = models.TextField(_("address"), blank=True)
    organisation = models.OneToOneField(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cooperative",
        verbose_name=_("organisation in Taawon"),
        help_text=_("The organisation that represents this cooperative when it uses Taawon."),
    )
    # Archiving hides a record from lists; registry entries are never deleted, because
    # permits, ventures and placements keep pointing at them.
    is_archived = models.BooleanField(_("archived"), default=False, db_index=True)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)

    class Meta:
        verbose_name = _("cooperative")
        verbose_name_plural = _("cooperatives")
        ordering = ["country", "name_en", "name_ar", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "registration_number"],
                name="cooperative_registration_number_unique_per_country",
            ),
            models.CheckConstraint(
                condition=~models.Q(registration_number=""),
                name="cooperative_has_registration_number",
            ),
            models.CheckConstraint(
                condition=~models.Q(name_ar="", name_en=""),
                name="cooperative_has_a_name",
            ),
            models.CheckConstraint(
                condition=models.Q(type__in=CooperativeType.values), name="cooperative_type_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=CooperativeStatus.values),
                name="cooperative_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(is_archived=False, archived_at__isnull=True)
                | models.Q(is_archived=True, archived_at__isnull=False),
                name="cooperative_archived_at_iff_archived",
            ),
        ]
        indexes = [models.Index(fields=["owner", "is_archived"], name="cooperative_owner_archived")]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("cooperatives:cooperative_detail", args=[self.pk])

    @property
    def display_name(self) -> str:
        if names_in_arabic_script():
            return self.name_ar or self.name_en
        return self.name_en or self.name_ar

    @property
    def other_name(self) -> str:
        """The name in the other script, when the cooperative has both."""
        if not (self.name_ar and self.name_en):
            return ""
        return self.name_en if names_in_arabic_script() else self.name_ar


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


class MemberCount(models.Model):
    """How many members a cooperative had on a date, for one sex and nationality."""

    cooperative = models.ForeignKey(
        Cooperative,
        on_delete=models.CASCADE,
        related_name="member_counts",
        verbose_name=_("cooperative"),
    )
    as_of = models.DateField(_("as of"))
    sex = models.CharField(_("sex"), max_length=6, choices=Sex.choices)
    nationality = models.CharField(
        _("nationality"), max_length=2, help_text=_("ISO 3166-1 alpha-2")
    )
    count = models.PositiveIntegerField(_("members"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("member count")
        verbose_name_plural = _("member counts")
        ordering = ["cooperative", "-as_of", "nationality", "sex"]
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative", "as_of", "sex", "nationality"],
                name="member_count_unique_per_date_sex_nationality",
            ),
            models.CheckConstraint(
                condition=models.Q(count__gte=0), name="member_count_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(sex__in=Sex.values), name="member_count_sex_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cooperative} · {self.as_of} · {self.sex} · {self.nationality}: {self.count}"
