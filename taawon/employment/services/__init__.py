"""Every change the employment unit makes, one named function each, called by the web pages,
the API and the demo alike. Each validates all of its input first and raises
`ValidationFailed` with field errors (writing nothing), runs in one transaction and writes the
audit trail.
"""

from .awareness import record_awareness_session, update_awareness_session
from .campaigns import (
    InfeasibleFloors,
    apply_campaign,
    draft_campaign,
    propose_allocation,
    record_run_problem,
    run_campaign,
    update_campaign,
)
from .employers import (
    add_workplace,
    record_farm_visit,
    register_employer,
    update_employer,
    update_farm_visit,
    update_workplace,
)
from .placements import (
    place_job_seeker,
    record_follow_up,
    refer_job_seeker,
    set_referral_status,
    update_follow_up,
    update_placement,
)
from .seasons import (
    add_crop_calendar,
    add_farm_crop,
    send_season_notices,
    update_crop_calendar,
    update_farm_crop,
)
from .seekers import (
    record_counselling_session,
    register_job_seeker,
    update_counselling_session,
    update_job_seeker,
)
from .vacancies import close_vacancy, post_vacancy, reopen_vacancy, update_vacancy

__all__ = [
    "add_crop_calendar",
    "add_farm_crop",
    "send_season_notices",
    "update_counselling_session",
    "update_crop_calendar",
    "update_farm_crop",
    "update_follow_up",
    "InfeasibleFloors",
    "apply_campaign",
    "draft_campaign",
    "propose_allocation",
    "record_run_problem",
    "run_campaign",
    "update_campaign",
    "add_workplace",
    "close_vacancy",
    "place_job_seeker",
    "post_vacancy",
    "record_awareness_session",
    "record_counselling_session",
    "record_farm_visit",
    "record_follow_up",
    "refer_job_seeker",
    "register_employer",
    "register_job_seeker",
    "reopen_vacancy",
    "set_referral_status",
    "update_awareness_session",
    "update_employer",
    "update_farm_visit",
    "update_job_seeker",
    "update_placement",
    "update_vacancy",
    "update_workplace",
]
