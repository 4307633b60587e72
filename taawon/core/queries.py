"""Reads of the audit trail. The caller has already checked the user may see `obj`."""

from django.db import models
from django.db.models import QuerySet

from .audit import object_label
from .models import AuditEvent


def history_for_object(
    obj: models.Model, *, extra_types: dict[str, list] | None = None
) -> QuerySet:
    """Audit events of `obj`, newest first, plus those of related rows named in `extra_types`
    (for example a person's identifiers and consents: {"people.consent": [ids]})."""
    condition = models.Q(object_type=object_label(obj), object_id=str(obj.pk))
    for label, ids in (extra_types or {}).items():
        condition |= models.Q(object_type=label, object_id__in=[str(i) for i in ids])
    return AuditEvent.objects.filter(condition).select_related("actor").order_by("-at", "-id")
