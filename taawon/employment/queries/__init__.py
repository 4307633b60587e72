"""Scoped reads of the employment unit's records, for the web pages, the API and indicators.

Every read goes through `accounts.scoping`: a record is visible when its owning employment unit
is in the user's reach. List queries come with what a list row shows already joined, so their
query count does not grow with the rows (tests pin it).
"""

from __future__ import annotations

from .access import (  # noqa: F401
    CHANGE,
    READ,
    STAFF_ROLES,
    can_change,
    find_people,
    get_person_for_user,
    may_add,
    may_read,
    readable_units,
    staff_choices,
    unit_choices,
)
from .awareness import (  # noqa: F401
    awareness_list,
    get_awareness_for_user,
)
from .campaigns import (  # noqa: F401
    CampaignTotals,
    assignments_of,
    campaign_list,
    campaign_totals,
    campaign_vacancies,
    campaign_vacancy_choices,
    get_campaign_for_user,
)
from .employers import (  # noqa: F401
    employer_list,
    get_employer_for_user,
    get_visit_for_user,
    get_workplace_for_user,
    visit_list,
    workplaces_of,
)
from .job_seekers import (  # noqa: F401
    counselling_of,
    get_counselling_for_user,
    get_job_seeker_for_user,
    job_seeker_list,
    job_seeker_of,
    referable_job_seekers,
    referrals_of_job_seeker,
)
from .overview import (  # noqa: F401
    Overview,
    overview,
)
from .placements import (  # noqa: F401
    FOLLOW_UP_DAYS,
    follow_ups_missing,
    get_follow_up_for_user,
    get_placement_for_user,
    get_referral_for_user,
    placement_list,
    referral_list,
)
from .seasons import (  # noqa: F401
    AGRICULTURE_ISCO,
    Forecast,
    ForecastRow,
    calendar_choices,
    crop_areas,
    crop_calendar_list,
    farm_crop_list,
    get_crop_calendar_for_user,
    get_farm_crop_for_user,
    labour_forecast,
    season_candidates,
)
from .vacancies import (  # noqa: F401
    _with_filled,
    get_vacancy_for_user,
    open_vacancies_for,
    referrals_of_vacancy,
    vacancy_list,
)
