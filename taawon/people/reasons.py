"""Why two records may be the same person, in words a counsellor reads.

`taawon.lib.person_match` names its reasons with stable codes; this table gives each code a
translatable label for the duplicate prompt and the duplicate decisions, and `explain` says a
stored reason between two records in the reader's language: place names rather than ids, and
what each record holds for it as recorded (not the matcher's normalised keys), side by side.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import PersonIdentifier

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
    "different_given_name_sibling": _("Different given name, same family: sibling?"),
    "different_identifier": _("Different identity document number"),
    "similar_identifier": _("Identity document number one digit apart (a typo?)"),
}


def reason_label(code: str) -> str:
    """The label of `code`; an unknown code (a newer matcher) shows as itself."""
    label = REASON_LABELS.get(code)
    return str(label) if label is not None else code


# ---- Reasons as a reader sees them ---------------------------------------------------------

PART_LABELS = {
    "given": _("given name"),
    "father": _("father's name"),
    "grandfather": _("grandfather's name"),
    "family": _("family name"),
}
NAME_CODES = frozenset(
    {
        "same_name",
        "similar_name",
        "same_given_name",
        "same_family_name",
        "same_father_name",
        "common_name",
        "different_name",
        "different_given_name_sibling",
    }
)
LABELLED_PARTS = frozenset(
    {
        ("same_given_name", "given"),
        ("same_family_name", "family"),
        ("same_father_name", "father"),
        ("different_given_name_sibling", "given"),
    }
)
BIRTH_CODES = frozenset(
    {
        "same_birth_date",
        "day_month_swapped",
        "same_birth_year",
        "close_birth_year",
        "different_birth_year",
    }
)


@dataclass(frozen=True)
class ShownReason:
    """One reason of the matcher in the reader's language: `text` says it, `sides` holds what
    each of the two records has for it, as recorded (each string shown in its own direction);
    `code`, `points` and `detail` are the matcher's, for machines."""

    code: str
    label: str
    text: str
    points: float
    detail: str = ""
    sides: tuple[tuple[str, ...], tuple[str, ...]] | None = None
    ltr: bool = False
    """The values read left to right whatever the page (phone numbers): shown so."""

    @property
    def against(self) -> bool:
        return self.points < 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "label": self.label,
            "text": self.text,
            "points": self.points,
            "detail": self.detail,
            "values": [list(side) for side in self.sides] if self.sides else [],
        }


def _part_of(code: str, detail: str) -> str | None:
    """Which name part a name reason is about: the matcher writes "family: ..." for one part;
    a common name is always the given name; "same_name" is about the whole name."""
    if code == "common_name":
        return "given"
    head, sep, _rest = detail.partition(":")
    return head if sep and head in PART_LABELS else None


def _names(person, part: str | None) -> tuple[str, ...]:
    if part is None:
        spellings = (person.name_ar, person.name_en)
    else:
        spellings = (getattr(person, f"{part}_name_ar", ""), getattr(person, f"{part}_name_en", ""))
    return tuple(s for s in spellings if s)


def _birth(person) -> str:
    if person.date_of_birth:
        return formats.date_format(person.date_of_birth, "SHORT_DATE_FORMAT")
    return str(person.birth_year) if person.birth_year else ""


def _place(first, second, field: str) -> str:
    for person in (first, second):
        place = getattr(person, field, None)
        if place is not None:
            return place.display_name
    return ""


def _identifier_kind(kind: str) -> str:
    kind = kind.strip()
    return str(dict(PersonIdentifier.Kind.choices).get(kind, kind))


def explain(reason: Mapping[str, Any], first, second, *, private: bool = False) -> ShownReason:
    """`reason` (code, points, detail: as stored or sent) between two person records (saved
    or not) in words. `private`: the reader may not see the second record, so neither its
    values nor the matcher's detail are shown."""
    code = str(reason.get("code", ""))
    points = float(reason.get("points", 0))
    detail = "" if private else str(reason.get("detail", ""))
    label = reason_label(code)
    text, sides = label, None
    if private:
        return ShownReason(code, label, text, points)
    if code in NAME_CODES:
        part = _part_of(code, detail)
        sides = (_names(first, part), _names(second, part))
        # The label names the part already, except for these (and the grandfather's name,
        # which the matcher reports as the father's line).
        if part is not None and (code, part) not in LABELLED_PARTS:
            text = gettext("%(label)s (%(part)s)") % {"label": label, "part": PART_LABELS[part]}
    elif code in ("same_phone", "similar_phone"):
        sides = ((first.phone,) if first.phone else (), (second.phone,) if second.phone else ())
    elif code in BIRTH_CODES:
        sides = tuple((b,) if b else () for b in (_birth(first), _birth(second)))
    elif code == "different_sex":
        sides = tuple((p.get_sex_display(),) if p.sex else () for p in (first, second))
    elif code in ("different_identifier", "similar_identifier"):
        # The matcher names the kinds ("national_id"); the numbers are never shown here.
        kinds = [_identifier_kind(kind) for kind in detail.split(",") if kind.strip()]
        if kinds and code == "different_identifier":
            text = gettext("Different number: %(kinds)s") % {"kinds": ", ".join(kinds)}
        elif kinds:
            text = gettext("Number one digit apart: %(kinds)s") % {"kinds": ", ".join(kinds)}
    elif code in ("same_district", "same_governorate"):
        place = _place(first, second, code.removeprefix("same_"))
        if place:
            text = gettext("%(label)s: %(place)s") % {"label": label, "place": place}
    ltr = code in ("same_phone", "similar_phone")
    return ShownReason(code, label, text, points, detail, sides, ltr)  # type: ignore[arg-type]


def explain_all(reasons, first, second, *, private: bool = False) -> list[ShownReason]:
    """Every reason (as stored: dicts) in words, strongest first."""
    rows = [explain(r, first, second, private=private) for r in reasons]
    return sorted(rows, key=lambda row: -abs(row.points))
