"""The employment unit's records: employers and their workplaces, farm visits, vacancies, job
seekers and their counselling, referrals, placements with their follow-ups, and awareness
sessions; seasonal campaigns, crop calendars and the crops farms grow.

Every row is owned by an employment unit. A row that hangs off another (a workplace off its
employer, a placement off its vacancy) has the same owner, so scoping one scopes the other.
Positions filled are never stored: they are the placements of a vacancy, counted.
"""

from .awareness import AwarenessHeadCount, AwarenessSession
from .campaigns import Campaign, CampaignAssignment
from .common import Currency, Located, PermitSector, WagePeriod
from .employers import Employer, FarmVisit, Workplace
from .placements import FollowUp, Placement, Referral
from .seasons import CropCalendar, FarmCrop
from .seekers import CounsellingSession, JobSeeker
from .vacancies import Vacancy

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
