"""Matching wired in: the employment unit's records as the matching library's arrays, and the
library's answers as what the pages and the API show.

This is the read side (STYLE rule 7): it loads open vacancies and job seekers in the user's
reach with a few bulk `values_list` queries, encodes them as `taawon.matching` tables and asks
the library; storing results (a campaign's proposal) is campaigns/services.py.

How records become the library's inputs:
- a vacancy is located at its workplace, else its employer, else the district and then the
  governorate of either; a job seeker has no coordinates of their own: their district's
  centroid, else their governorate's;
- sectors are the work permit sectors plus "no permit needed": a vacancy that requires no
  permit is in that pseudo-sector, which every job seeker may take; a citizen ("not needed")
  may take any sector; a valid permit adds its own sector;
- facilities and needs are the library's codes (transport, childcare, separate sanitation,
  women in the team); skills are `reference.SKILLS` codes, one bit each;
- wages are compared per day (a monthly wage is 26 days), as numbers: a unit works in one
  currency;
- a job seeker with a placement that has not ended (no end date, or one not yet past, and no
  follow-up saying they left) is placed, and gets no recommendations;
- a job seeker's age (today) meets a vacancy's minimum age: 18 for hazardous work, else the
  minimum working age of the vacancy's country (taawon.protection); with no birth recorded a
  person counts as `protection.UNKNOWN_AGE` (17): kept out of hazardous work only;
- a job seeker with several occupations is one library row per occupation; their score for a
  vacancy is their best row's.

Before the library sees them, rows that surely break a hard constraint are left out (status,
reach, distance by a bounding box or by area, dates, permit, needs, positions, and pairs
already referred): in SQL for job seekers, and on the arrays of every open vacancy, kept in
memory between requests, for vacancies (see "Open vacancies as arrays"). Each of those
filters is implied by a hard constraint the library applies anyway,
so the answer is the library's answer over all open vacancies. Sex and nationality are never
read to filter or score; they go to the library only as campaign floor groups.
"""

from .campaigns import CampaignInput, campaign_input, campaign_pool
from .loading import job_seekers, open_vacancies, placed_now
from .prefilter import within_travel
from .recommend import Match, Recommendations, recommend_job_seekers, recommend_vacancies
from .wording import ScorePart, floor_effects

__all__ = [
    "CampaignInput",
    "Match",
    "Recommendations",
    "ScorePart",
    "campaign_input",
    "campaign_pool",
    "floor_effects",
    "job_seekers",
    "open_vacancies",
    "placed_now",
    "recommend_job_seekers",
    "recommend_vacancies",
    "within_travel",
]
