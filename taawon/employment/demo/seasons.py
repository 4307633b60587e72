"""Demo crop calendars, the crops the units' farms grow, and a seasonal campaign, through the
services: what the labour demand forecast, the season notices and the campaign pages show.

Calendars follow Jordan's seasons roughly: vegetables planted in late summer and picked
through winter in the Jordan Valley, olives picked from October, wheat and barley sown in
winter and harvested in May and June.
"""

from __future__ import annotations

import contextlib
import random

from taawon.core.exceptions import DomainError

from ..campaigns import services as campaign_services
from ..employers.models import Employer
from ..seasons import services as seasons
from ..vacancies.models import Vacancy
from .plan import Unit

# crop, planting months, harvest months, workers per dunum in those months
CALENDARS = (
    ("tomatoes", (8, 9), (11, 12, 1, 2), "0.6"),
    ("cucumbers", (9,), (11, 12), "0.5"),
    ("eggplants", (8,), (10, 11, 12), "0.4"),
    ("peppers", (8, 9), (11, 12, 1), "0.4"),
    ("olives", (), (10, 11), "0.3"),
    ("wheat", (11, 12), (5, 6), "0.05"),
)
CAMPAIGN_VACANCIES = 6


def calendars_and_crops(rng: random.Random, unit: Unit) -> int:
    """The unit's crop calendars for its governorate, and two or three crops on each of its
    farms; the number of farm crops."""
    actor = unit.staff[0]
    calendars = [
        seasons.add_crop_calendar(
            owner=unit.organisation,
            crop=crop,
            governorate=unit.governorate,
            planting_months=planting,
            harvest_months=harvest,
            workers_per_dunum=per_dunum,
            created_by=actor,
        )
        for crop, planting, harvest, per_dunum in CALENDARS
    ]
    count = 0
    for employer in unit.employers:
        if employer.kind != Employer.Kind.FARM or employer.governorate_id != unit.governorate.pk:
            continue
        for calendar in rng.sample(calendars, rng.randint(2, 3)):
            seasons.add_farm_crop(
                employer=employer,
                calendar=calendar,
                dunums=rng.choice((5, 10, 15, 20, 30, 40, 60)),
                created_by=actor,
            )
            count += 1
    return count


def campaign(unit: Unit) -> bool:
    """A draft campaign of the unit's open farm vacancies, run when it can be; True if made."""
    actor = unit.staff[0]
    open_ = list(
        Vacancy.objects.filter(
            pk__in=[v.pk for v in unit.vacancies],
            status=Vacancy.Status.OPEN,
            employer__kind=Employer.Kind.FARM,
        ).order_by("pk")[:CAMPAIGN_VACANCIES]
    )
    if not open_:
        return False
    drafted = campaign_services.draft_campaign(
        owner=unit.organisation,
        name="Winter vegetable harvest",
        vacancies=open_,
        drafted_by=actor,
        women_share=20,
    )
    # A floor that cannot be met leaves the draft, for the demo to run by hand.
    with contextlib.suppress(DomainError):
        campaign_services.run_campaign(campaign=drafted, run_by=actor)
    return True
