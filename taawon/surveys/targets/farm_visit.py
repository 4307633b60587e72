"""Target: a visit to an employer's farm (employment's `record_farm_visit`)."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from taawon.core.exceptions import ValidationFailed
from taawon.employment.employers.queries import employer_list
from taawon.employment.employers.services import record_farm_visit

from . import Outcome

PARAMETERS = ("employer", "date", "purpose", "findings", "next_steps")


def apply(params: dict, *, submission, by, decision: str = "") -> Outcome:
    reference = str(params.get("employer") or "").strip()
    employer = None
    if reference.isdigit():
        employer = employer_list(by).filter(pk=int(reference)).first()
    if employer is None:
        raise ValidationFailed(field_errors={"employer": [_("Unknown employer.")]})
    try:
        day = datetime.date.fromisoformat(str(params.get("date") or "")[:10])
    except ValueError:
        raise ValidationFailed(field_errors={"date": [_("Enter a date.")]}) from None
    visit = record_farm_visit(
        employer=employer,
        date=day,
        purpose=str(params.get("purpose") or "other"),
        staff=[submission.submitted_by or by],
        recorded_by=by,
        findings=str(params.get("findings") or ""),
        next_steps=str(params.get("next_steps") or ""),
    )
    return Outcome(records={"visit": visit.pk})
