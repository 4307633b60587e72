"""The unit at a glance: counts of what a user may read, the figures the programme reports on."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import (
    Sum,
)
from django.db.models.functions import Coalesce

from taawon.accounts import scoping
from taawon.accounts.models import User

from ..awareness.models import AwarenessSession
from ..employers.models import Employer, FarmVisit
from ..placements.models import Placement
from ..placements.queries import placement_list
from ..seekers.models import JobSeeker
from ..vacancies.models import Vacancy


@dataclass
class Overview:
    employers: int
    visits: int
    open_vacancies: int
    positions_open: int
    job_seekers: int
    placed: int
    placements: int
    follow_ups_due: int
    awareness_sessions: int


def overview(user: User, *, today: datetime.date | None = None) -> Overview:
    """Counts of what `user` may read, the figures the programme reports on."""
    vacancies = scoping.scope(Vacancy.objects.filter(status=Vacancy.Status.OPEN), user)
    # An open vacancy has fewer placements than positions, so the difference of the sums is
    # the positions left.
    positions = vacancies.aggregate(total=Coalesce(Sum("positions"), 0))["total"]
    taken = Placement.objects.filter(vacancy__in=vacancies).count()
    placements = scoping.scope(Placement.objects.all(), user)
    return Overview(
        employers=scoping.scope(Employer.objects.all(), user).count(),
        visits=scoping.scope(FarmVisit.objects.all(), user).count(),
        open_vacancies=vacancies.count(),
        positions_open=positions - taken,
        job_seekers=scoping.scope(JobSeeker.objects.all(), user).count(),
        placed=placements.values("job_seeker").distinct().count(),
        placements=placements.count(),
        follow_ups_due=placement_list(user, follow_up_due=True, today=today).count(),
        awareness_sessions=scoping.scope(AwarenessSession.objects.all(), user).count(),
    )
