"""People's rights over their data: subject-access requests, correction requests, data-sharing
agreements with partners, and the log of what was shared under them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from taawon.core.models import OwnedModel


class IdentityCheck(models.TextChoices):
    """How the counsellor made sure the person asking is the person: recorded on every request."""

    DOCUMENT = "document", _("Identity document seen")
    UNHCR_CERTIFICATE = "unhcr", _("UNHCR certificate seen")
    KNOWN_IN_PERSON = "known", _("Known to the unit in person")
    PHONE_CALLBACK = "callback", _("Called back on the registered phone")


class Language(models.TextChoices):
    ARABIC = "ar", "العربية"
    ENGLISH = "en", "English"


class AccessRequest(OwnedModel):
    """One copy of what Taawon holds about a person, handed to them (owner: the person's)."""

    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="access_requests",
        verbose_name=_("person"),
    )
    identity_check = models.CharField(
        _("identity checked by"), max_length=10, choices=IdentityCheck.choices
    )
    identity_note = models.CharField(_("note on the identity check"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)

    class Meta:
        verbose_name = _("subject-access request")
        verbose_name_plural = _("subject-access requests")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} #{self.pk}"


class CorrectionRequest(OwnedModel):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CORRECTED = "corrected", _("Corrected")
        REFUSED = "refused", _("Refused")

    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="correction_requests",
        verbose_name=_("person"),
    )
    field = models.CharField(_("what is wrong"), max_length=40)
    # What the record held when the request was made, and what the person says it should be.
    current_value = models.CharField(_("value on record"), max_length=200, blank=True)
    requested_value = models.CharField(_("what it should be"), max_length=200)
    statement = models.CharField(_("what the person says"), max_length=500, blank=True)
    identity_check = models.CharField(
        _("identity checked by"), max_length=10, choices=IdentityCheck.choices
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    refusal_reason = models.CharField(_("reason for refusal"), max_length=500, blank=True)
    # The audit event of the change made through the registry's service (events outlive rows:
    # an id, not a foreign key).
    change_event_id = models.BigIntegerField(_("change in the audit trail"), null=True, blank=True)

    class Meta:
        verbose_name = _("correction request")
        verbose_name_plural = _("correction requests")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="refused") | ~models.Q(refusal_reason=""),
                name="correction_refusal_has_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(status="open") | models.Q(decided_at__isnull=False),
                name="correction_decision_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("datarights:correction_detail", args=[self.pk])

    @property
    def field_label(self) -> str:
        from taawon.people.models import Person

        try:
            return str(Person._meta.get_field(self.field).verbose_name)
        except Exception:  # a field the registry no longer has: its name
            return self.field


class SharingAgreement(OwnedModel):
    """A signed agreement to share person-level data with a partner organisation."""

    partner = models.CharField(_("partner organisation"), max_length=200)
    purpose = models.CharField(_("purpose"), max_length=500)
    fields_shared = models.CharField(_("fields shared"), max_length=500)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    document_reference = models.CharField(_("signed document reference"), max_length=200)

    class Meta:
        verbose_name = _("data-sharing agreement")
        verbose_name_plural = _("data-sharing agreements")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="agreement_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.partner

    def get_absolute_url(self) -> str:
        return reverse("datarights:agreement_detail", args=[self.pk])

    def in_force_on(self, day) -> bool:
        return self.starts_on <= day <= self.ends_on


class PartnerExport(OwnedModel):
    """One export of person-level data to a partner, under an agreement (owner: the
    agreement's)."""

    agreement = models.ForeignKey(
        SharingAgreement,
        on_delete=models.PROTECT,
        related_name="exports",
        verbose_name=_("agreement"),
    )
    list_name = models.CharField(_("list"), max_length=40)
    format = models.CharField(_("format"), max_length=4)
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    left_out = models.PositiveIntegerField(_("persons left out (no consent)"), default=0)

    class Meta:
        verbose_name = _("partner export")
        verbose_name_plural = _("partner exports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.agreement.partner}: {self.list_name}"


class SharedPerson(models.Model):
    """A person whose record went out in a partner export: the person's "shared with" list."""

    export = models.ForeignKey(
        PartnerExport, on_delete=models.CASCADE, related_name="persons", verbose_name=_("export")
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="shares",
        verbose_name=_("person"),
    )

    class Meta:
        verbose_name = _("shared person")
        verbose_name_plural = _("shared persons")
        constraints = [
            models.UniqueConstraint(fields=["export", "person"], name="sharedperson_once"),
        ]
        indexes = [models.Index(fields=["person", "export"], name="sharedperson_person")]

    def __str__(self) -> str:
        return f"{self.export_id} / {self.person_id}"
