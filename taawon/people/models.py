"""The person registry: persons, their encrypted identifiers, consents, and duplicate decisions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from taawon.core.models import OwnedModel
from taawon.core.scripts import names_in_arabic_script


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


class DisplacementStatus(models.TextChoices):
    HOST_COMMUNITY = "host_community", _("Host community")
    REFUGEE = "refugee", _("Refugee registered with UNHCR")
    ASYLUM_SEEKER = "asylum_seeker", _("Asylum seeker")
    OTHER = "other", _("Other")


class EducationLevel(models.TextChoices):
    NONE = "none", _("No formal education")
    PRIMARY = "primary", _("Primary")
    LOWER_SECONDARY = "lower_secondary", _("Lower secondary")
    UPPER_SECONDARY = "upper_secondary", _("Upper secondary")
    VOCATIONAL = "vocational", _("Vocational")
    UNIVERSITY = "university", _("University")
    POSTGRADUATE = "postgraduate", _("Postgraduate")


class Difficulty(models.IntegerChoices):
    """Washington Group short set answer scale."""

    NONE = 1, _("No difficulty")
    SOME = 2, _("Some difficulty")
    A_LOT = 3, _("A lot of difficulty")
    CANNOT = 4, _("Cannot do at all")


WASHINGTON_GROUP_DOMAINS = [
    "seeing",
    "hearing",
    "walking",
    "cognition",
    "self_care",
    "communication",
]


class Person(OwnedModel):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        ARCHIVED = "archived", _("Archived")
        MERGED = "merged", _("Merged into another record")

    # Names in both scripts; Arabic name order: given, father, grandfather, family.
    given_name_ar = models.CharField(_("given name (Arabic)"), max_length=100, blank=True)
    father_name_ar = models.CharField(_("father's name (Arabic)"), max_length=100, blank=True)
    grandfather_name_ar = models.CharField(
        _("grandfather's name (Arabic)"), max_length=100, blank=True
    )
    family_name_ar = models.CharField(_("family name (Arabic)"), max_length=100, blank=True)
    given_name_en = models.CharField(_("given name (Latin)"), max_length=100, blank=True)
    father_name_en = models.CharField(_("father's name (Latin)"), max_length=100, blank=True)
    grandfather_name_en = models.CharField(
        _("grandfather's name (Latin)"), max_length=100, blank=True
    )
    family_name_en = models.CharField(_("family name (Latin)"), max_length=100, blank=True)

    sex = models.CharField(_("sex"), max_length=6, choices=Sex.choices)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"), null=True, blank=True, db_index=True
    )
    birth_year_estimated = models.BooleanField(_("year of birth is estimated"), default=False)
    nationality = models.CharField(
        _("nationality"), max_length=2, blank=True, db_index=True, help_text=_("ISO 3166-1 alpha-2")
    )
    displacement_status = models.CharField(
        _("displacement status"), max_length=20, choices=DisplacementStatus.choices
    )
    governorate = models.ForeignKey(
        "geo.Governorate",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
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
    phone = models.CharField(_("phone"), max_length=20, blank=True, db_index=True)
    education_level = models.CharField(
        _("education level"), max_length=20, choices=EducationLevel.choices, blank=True
    )
    # Washington Group short set, one answer per domain (null: not asked).
    wg_seeing = models.PositiveSmallIntegerField(
        _("difficulty seeing"), choices=Difficulty.choices, null=True, blank=True
    )
    wg_hearing = models.PositiveSmallIntegerField(
        _("difficulty hearing"), choices=Difficulty.choices, null=True, blank=True
    )
    wg_walking = models.PositiveSmallIntegerField(
        _("difficulty walking or climbing steps"), choices=Difficulty.choices, null=True, blank=True
    )
    wg_cognition = models.PositiveSmallIntegerField(
        _("difficulty remembering or concentrating"),
        choices=Difficulty.choices,
        null=True,
        blank=True,
    )
    wg_self_care = models.PositiveSmallIntegerField(
        _("difficulty with self-care"), choices=Difficulty.choices, null=True, blank=True
    )
    wg_communication = models.PositiveSmallIntegerField(
        _("difficulty communicating"), choices=Difficulty.choices, null=True, blank=True
    )

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE, db_index=True
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_records",
        verbose_name=_("merged into"),
    )
    # Set once by `anonymise_person` (retention or erasure on request): the row stays so that
    # aggregates keep counting the person, without anything that identifies them.
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(birth_year__isnull=True)
                | models.Q(birth_year__gte=1900, birth_year__lte=2100),
                name="person_birth_year_plausible",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="merged") | models.Q(merged_into__isnull=False),
                name="person_merged_has_target",
            ),
            models.CheckConstraint(
                condition=~models.Q(given_name_ar="", given_name_en=""),
                name="person_has_a_given_name",
            ),
        ]
        indexes = [
            models.Index(fields=["owner", "status", "-id"], name="person_owner_status_id"),
            models.Index(fields=["governorate", "status", "-id"], name="person_gov_status_id"),
            # The duplicate check reads the persons born on a date (and on its near dates),
            # and the birth years of a name's holders by id: both from the index alone.
            models.Index(fields=["date_of_birth", "id"], name="person_born_id"),
            models.Index(fields=["id", "birth_year"], name="person_id_birth_year"),
        ]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("people:person_detail", args=[self.pk])

    @property
    def name_ar(self) -> str:
        parts = [
            self.given_name_ar,
            self.father_name_ar,
            self.grandfather_name_ar,
            self.family_name_ar,
        ]
        return " ".join(p for p in parts if p)

    @property
    def name_en(self) -> str:
        parts = [
            self.given_name_en,
            self.father_name_en,
            self.grandfather_name_en,
            self.family_name_en,
        ]
        return " ".join(p for p in parts if p)

    @property
    def display_name(self) -> str:
        if names_in_arabic_script():
            return self.name_ar or self.name_en
        return self.name_en or self.name_ar

    @property
    def has_disability(self) -> bool:
        """Washington Group cut-off: 'a lot of difficulty' or worse in at least one domain."""
        return any(
            (getattr(self, f"wg_{d}") or 0) >= Difficulty.A_LOT for d in WASHINGTON_GROUP_DOMAINS
        )


class NameKey(models.Model):
    """Search and blocking keys of a person's names, one row per key.

    `key` is a normalised name token or a phonetic key (see taawon.lib.names); an index on
    (key, person) serves name search and duplicate blocking without scanning the registry.
    """

    # (person, key) below serves the per-person probes of search; no separate FK index.
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="name_keys", db_index=False
    )
    key = models.CharField(max_length=40)

    class Meta:
        constraints = [
            # Pattern operators let PostgreSQL answer `key LIKE 't:moh%'` from this index
            # whatever the database collation; other databases ignore opclasses.
            models.UniqueConstraint(
                fields=["key", "person"],
                name="namekey_key_person",
                opclasses=["varchar_pattern_ops", "int8_ops"],
            ),
        ]
        indexes = [models.Index(fields=["person", "key"], name="namekey_person_key")]

    def __str__(self) -> str:
        return self.key


class PersonIdentifier(OwnedModel):
    class Kind(models.TextChoices):
        NATIONAL_ID = "national_id", _("National ID")
        MOI_SERVICE_CARD = "moi_card", _("Ministry of Interior service card")
        UNHCR_CASE = "unhcr_case", _("UNHCR case number")
        PASSPORT = "passport", _("Passport")

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="identifiers", verbose_name=_("person")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    value_encrypted = models.TextField(_("encrypted value"))
    blind_index = models.CharField(_("blind index"), max_length=64)
    # FieldCipher.near_indexes: for the matcher only (a number one digit off is a typo).
    near_indexes = models.TextField(_("near blind indexes"), blank=True, default="")

    class Meta:
        verbose_name = _("identifier")
        verbose_name_plural = _("identifiers")
        constraints = [
            models.UniqueConstraint(fields=["kind", "blind_index"], name="identifier_unique_value"),
            models.UniqueConstraint(fields=["person", "kind"], name="identifier_one_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} •••"


class Consent(OwnedModel):
    class Purpose(models.TextChoices):
        REGISTRATION = "registration", _("Registration and employment services")
        DATA_SHARING = "data_sharing", _("Sharing data with programme partners")
        SMS = "sms", _("Contact by SMS")
        PHOTOS = "photos", _("Photos and stories")

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="consents", verbose_name=_("person")
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    given = models.BooleanField(_("consent given"))
    date = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()}: {self.given}"


class DuplicateDecision(models.Model):
    """What a user decided when registration found possible duplicates."""

    class Decision(models.TextChoices):
        NEW_PERSON = "new", _("New person")
        SAME_PERSON = "same", _("Same person")

    # Empty when the user decided "same person": nothing new was registered.
    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered person"),
    )
    candidate = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="+", verbose_name=_("candidate")
    )
    decision = models.CharField(_("decision"), max_length=4, choices=Decision.choices)
    score = models.FloatField(_("score"))
    reasons = models.JSONField(_("reasons"), default=list)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)

    class Meta:
        verbose_name = _("duplicate decision")
        verbose_name_plural = _("duplicate decisions")

    def __str__(self) -> str:
        return f"{self.person_id} / {self.candidate_id}: {self.decision}"


class KeyRotation(models.Model):
    """Progress of `taawon rotate-keys` towards one index key, so an interrupted run resumes.

    Not a domain record: it holds no personal data, only how far the rewrite has gone.
    """

    key_fingerprint = models.CharField(_("key fingerprint"), max_length=64, unique=True)
    last_identifier = models.BigIntegerField(_("last identifier rewritten"), default=0)
    rewritten = models.PositiveIntegerField(_("rows rewritten"), default=0)
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("key rotation")
        verbose_name_plural = _("key rotations")

    def __str__(self) -> str:
        return self.key_fingerprint[:12]
