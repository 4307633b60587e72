"""What of the registry's retention employment holds back: persons with a record still open."""

from __future__ import annotations

import datetime

from django.db.models import Q

from .placements.models import Placement, Referral, ReferralStatus

OPEN_REFERRAL = (ReferralStatus.REFERRED, ReferralStatus.INTERVIEWED)


def persons_with_open_records(*, person_ids: set[int], today: datetime.date) -> set[int]:
    """Those of `person_ids` with a referral awaiting its outcome, or a placement still
    running (its follow-ups are due), for "person.retention_holds"."""
    referred = Referral.objects.filter(
        job_seeker__person_id__in=person_ids, status__in=OPEN_REFERRAL
    ).values_list("job_seeker__person_id", flat=True)
    placed = (
        Placement.objects.filter(job_seeker__person_id__in=person_ids)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .values_list("job_seeker__person_id", flat=True)
    )
    return set(referred) | set(placed)
