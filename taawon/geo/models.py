"""Administrative areas: governorates (admin 1) and districts (admin 2), and the localities
(villages, towns) the programme works in.

Reference data, loaded by a data migration from `geo/data/`; not owned by an organisation.
Countries and nationalities come from pycountry (see `countries.py`), not from a table.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from taawon.core.scripts import names_in_arabic_script


class Area(models.Model):
    pcode = models.CharField(_("P-code"), max_length=20, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_ar = models.CharField(_("name (Arabic)"), max_length=100)
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name_ar if names_in_arabic_script() else self.name_en


class Governorate(Area):
    country = models.CharField(_("country"), max_length=2, db_index=True)
    iso_code = models.CharField(_("ISO 3166-2 code"), max_length=6, unique=True)

    class Meta:
        verbose_name = _("governorate")
        verbose_name_plural = _("governorates")
        ordering = ["country", "name_en"]


class District(Area):
    # Blank where no published P-code could be confirmed (Lebanon's qada, some of Iraq's
    # districts): empty rather than guessed (geo/data/README.md). Such districts are keyed by
    # their governorate and English name.
    pcode = models.CharField(_("P-code"), max_length=20, unique=True, null=True, blank=True)
    governorate = models.ForeignKey(
        Governorate,
        on_delete=models.PROTECT,
        related_name="districts",
        verbose_name=_("governorate"),
    )

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["governorate", "name_en"]
        constraints = [
            models.UniqueConstraint(
                fields=["governorate", "name_en"], name="geo_district_name_unique"
            ),
        ]


class Locality(models.Model):
    """A village or town the programme works in (SSE initiatives in Lebanon, for one).
    Loaded from `geo/data/localities.csv`; its code is empty when no official one is known."""

    governorate = models.ForeignKey(
        Governorate,
        on_delete=models.PROTECT,
        related_name="localities",
        verbose_name=_("governorate"),
    )
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="localities", verbose_name=_("district")
    )
    code = models.CharField(_("code"), max_length=20, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_ar = models.CharField(_("name (Arabic)"), max_length=100)
    other_names = models.CharField(_("other spellings"), max_length=200, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5)

    class Meta:
        verbose_name = _("locality")
        verbose_name_plural = _("localities")
        ordering = ["governorate", "name_en"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "name_en"], name="locality_once_per_district"
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name_ar if names_in_arabic_script() else self.name_en
