"""What of the registry's retention the permits app holds back: holders of a live permit."""

from __future__ import annotations

import datetime

from django.db.models import Q

from .models import Permit, PermitStatus


def holders_of_live_permits(*, person_ids: set[int], today: datetime.date) -> set[int]:
    """Those of `person_ids` holding an issued permit not yet expired ("person.retention_holds")."""
    live = Permit.objects.filter(person_id__in=person_ids, status=PermitStatus.ISSUED).filter(
        Q(expires_on__isnull=True) | Q(expires_on__gte=today)
    )
    return set(live.values_list("person_id", flat=True))
