"""Why two records may be the same person, in words a counsellor reads.

`taawon.lib.person_match` names its reasons with stable codes; this table gives each code a
translatable label for the duplicate prompt and the duplicate decisions.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

REASON_LABELS = {
    "same_identifier": _("Same identity document number"),
    "same_phone": _("Same phone number"),
    "similar_phone": _("Similar phone number"),
    "same_name": _("Same full name"),
    "similar_name": _("Similar name"),
    "same_given_name": _("Same given name"),
    "same_family_name": _("Same family name"),
    "same_father_name": _("Same father's name"),
    "common_name": _("A very common name (counts for less)"),
    "same_birth_date": _("Same date of birth"),
    "day_month_swapped": _("Date of birth with day and month swapped"),
    "same_birth_year": _("Same year of birth"),
    "close_birth_year": _("Close year of birth"),
    "different_birth_year": _("Different year of birth"),
    "different_sex": _("Different sex"),
    "same_district": _("Same district"),
    "same_governorate": _("Same governorate"),
    "different_name": _("Different name"),
}

# Codes whose matcher detail is an internal code (place ids, a count), not worth showing.
OPAQUE_DETAILS = frozenset({"same_identifier", "same_district", "same_governorate"})


def reason_label(code: str) -> str:
    """The label of `code`; an unknown code (a newer matcher) shows as itself."""
    label = REASON_LABELS.get(code)
    return str(label) if label is not None else code
