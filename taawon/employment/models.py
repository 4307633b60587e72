"""The employment unit's records: employers and their workplaces, farm visits, vacancies, job
seekers and their counselling, referrals, placements with their follow-ups, and awareness
sessions; seasonal campaigns, crop calendars and the crops farms grow.

Every row is owned by an employment unit. A row that hangs off another (a workplace off its
employer, a placement off its vacancy) has the same owner, so scoping one scopes the other.
Positions filled are never stored: they are the placements of a vacancy, counted.

Each model lives with the rest of its concern (employers/models.py, vacancies/models.py...);
this module gathers them for Django, whose app `employment` finds its models here.
"""

from .awareness.models import AwarenessHeadCount, AwarenessSession
from .campaigns.models import Campaign, CampaignAssignment
from .employers.models import Employer, FarmVisit, Workplace
from .placements.models import FollowUp, Placement, Referral
from .seasons.models import CropCalendar, FarmCrop
from .seekers.models import CounsellingSession, JobSeeker
from .unit.models import Currency, Located, PermitSector, WagePeriod
from .vacancies.models import Vacancy

__all__ = [
    "AwarenessHeadCount",
    "AwarenessSession",
    "Campaign",
    "CampaignAssignment",
    "CounsellingSession",
    "CropCalendar",
    "Currency",
    "Employer",
    "FarmCrop",
    "FarmVisit",
    "FollowUp",
    "JobSeeker",
    "Located",
    "Placement",
    "PermitSector",
    "Referral",
    "Vacancy",
    "WagePeriod",
    "Workplace",
]
