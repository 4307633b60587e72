"""Forms of the employment pages, one module per part of the unit's work."""

from .awareness import (
    AwarenessFilterForm,
    AwarenessForm,
    HeadCountFormSet,
    ParticipantSearchForm,
    head_count_rows,
    head_counts_from,
)
from .campaigns import CampaignForm
from .employers import EmployerFilterForm, EmployerForm, FarmVisitForm, WorkplaceForm
from .placements import FollowUpForm, PlacementForm, ReferralForm, ReferralStatusForm
from .seasons import (
    CropCalendarForm,
    FarmCropForm,
    ForecastFilterForm,
    IndicatorFilterForm,
    SeasonNoticeForm,
)
from .seekers import CounsellingForm, JobSeekerFilterForm, JobSeekerForm
from .vacancies import VacancyFilterForm, VacancyForm

__all__ = [
    "AwarenessFilterForm",
    "AwarenessForm",
    "CampaignForm",
    "CounsellingForm",
    "CropCalendarForm",
    "FarmCropForm",
    "ForecastFilterForm",
    "IndicatorFilterForm",
    "SeasonNoticeForm",
    "EmployerFilterForm",
    "EmployerForm",
    "FarmVisitForm",
    "FollowUpForm",
    "HeadCountFormSet",
    "JobSeekerFilterForm",
    "JobSeekerForm",
    "ParticipantSearchForm",
    "PlacementForm",
    "ReferralForm",
    "ReferralStatusForm",
    "VacancyFilterForm",
    "VacancyForm",
    "WorkplaceForm",
    "head_count_rows",
    "head_counts_from",
]
