"""Administrative areas: governorates (admin 1) and districts (admin 2).

Reference data, loaded by a data migration from `geo/data/`; not owned by an organisation.
Countries and nationalities come from pycountry (see `countries.py`), not from a table.
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


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
        return self.name_ar if get_language() == "ar" else self.name_en


class Governorate(Area):
    country = models.CharField(_("country"), max_length=2, db_index=True)
    iso_code = models.CharField(_("ISO 3166-2 code"), max_length=6, unique=True)

    class Meta:
        verbose_name = _("governorate")
        verbose_name_plural = _("governorates")
        ordering = ["country", "name_en"]


class District(Area):
    # Blank where no published P-code could be confirmed (some of Iraq's districts): an empty
    # code is better than a guessed one. Such districts are keyed by governorate and name.
    pcode = models.CharField(_("P-code"), max_length=20, blank=True)
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
                fields=["pcode"], condition=~models.Q(pcode=""), name="geo_district_pcode_unique"
            ),
            models.UniqueConstraint(
                fields=["governorate", "name_en"], name="geo_district_name_unique"
            ),
        ]
