from django.urls import path

from . import search
from .awareness import views as awareness
from .campaigns import views as campaigns
from .employers import views as employers
from .matching import views as matching
from .placements import views as placements
from .seasons import views as seasons
from .seekers import views as seekers
from .unit import views as unit
from .vacancies import views as vacancies

app_name = "employment"

urlpatterns = [
    path("", unit.overview, name="overview"),
    # Employers, workplaces, visits
    path("employers/", employers.employer_list, name="employer_list"),
    path("employers/search/", search.employer_search, name="employer_search"),
    path("job-seekers/search/", search.job_seeker_search, name="job_seeker_search"),
    path("vacancies/search/", search.vacancy_search, name="vacancy_search"),
    path("employers/new/", employers.employer_create, name="employer_create"),
    path("employers/<int:pk>/", employers.employer_detail, name="employer_detail"),
    path("employers/<int:pk>/edit/", employers.employer_edit, name="employer_edit"),
    path(
        "employers/<int:pk>/workplaces/new/",
        employers.workplace_create,
        name="workplace_create",
    ),
    path("workplaces/<int:pk>/edit/", employers.workplace_edit, name="workplace_edit"),
    path("employers/<int:pk>/visits/new/", employers.visit_create, name="visit_create"),
    path("employers/<int:pk>/vacancies/new/", vacancies.vacancy_create, name="vacancy_create"),
    path("visits/", employers.visit_list, name="visit_list"),
    path("visits/<int:pk>/", employers.visit_detail, name="visit_detail"),
    path("visits/<int:pk>/edit/", employers.visit_edit, name="visit_edit"),
    # Vacancies
    path("vacancies/", vacancies.vacancy_list, name="vacancy_list"),
    path("vacancies/<int:pk>/", vacancies.vacancy_detail, name="vacancy_detail"),
    path("vacancies/<int:pk>/edit/", vacancies.vacancy_edit, name="vacancy_edit"),
    path("vacancies/<int:pk>/close/", vacancies.vacancy_close, name="vacancy_close"),
    path("vacancies/<int:pk>/reopen/", vacancies.vacancy_reopen, name="vacancy_reopen"),
    path("vacancies/<int:pk>/refer/", vacancies.vacancy_refer, name="vacancy_refer"),
    # Job seekers
    path("job-seekers/", seekers.job_seeker_list, name="job_seeker_list"),
    path("people/<int:person_pk>/", seekers.job_seeker_of_person, name="job_seeker_of_person"),
    path(
        "people/<int:person_pk>/job-seeker/new/",
        seekers.job_seeker_create,
        name="job_seeker_create",
    ),
    path("job-seekers/<int:pk>/", seekers.job_seeker_detail, name="job_seeker_detail"),
    path("job-seekers/<int:pk>/edit/", seekers.job_seeker_edit, name="job_seeker_edit"),
    path(
        "job-seekers/<int:pk>/counselling/new/",
        seekers.counselling_create,
        name="counselling_create",
    ),
    path("job-seekers/<int:pk>/refer/", seekers.job_seeker_refer, name="job_seeker_refer"),
    # Referrals, placements, follow-ups
    path("refer/", matching.refer_match, name="refer_match"),
    path("referrals/<int:pk>/status/", placements.referral_status, name="referral_status"),
    path("referrals/<int:pk>/place/", placements.placement_create, name="placement_create"),
    path("placements/", placements.placement_list, name="placement_list"),
    path("placements/<int:pk>/", placements.placement_detail, name="placement_detail"),
    path("young-workers/", placements.young_workers, name="young_workers"),
    path("placements/<int:pk>/follow-up/", placements.follow_up_create, name="follow_up_create"),
    # Seasonal campaigns
    path("campaigns/", campaigns.campaign_list, name="campaign_list"),
    path("campaigns/new/", campaigns.campaign_create, name="campaign_create"),
    path("campaigns/<int:pk>/", campaigns.campaign_detail, name="campaign_detail"),
    path("campaigns/<int:pk>/edit/", campaigns.campaign_edit, name="campaign_edit"),
    path("campaigns/<int:pk>/run/", campaigns.campaign_run, name="campaign_run"),
    path("campaigns/<int:pk>/apply/", campaigns.campaign_apply, name="campaign_apply"),
    # Seasonal labour demand
    path("crop-calendars/", seasons.crop_calendar_list, name="crop_calendar_list"),
    path("crop-calendars/new/", seasons.crop_calendar_create, name="crop_calendar_create"),
    path("crop-calendars/<int:pk>/edit/", seasons.crop_calendar_edit, name="crop_calendar_edit"),
    path("employers/<int:pk>/crops/new/", seasons.farm_crop_create, name="farm_crop_create"),
    path("farm-crops/<int:pk>/edit/", seasons.farm_crop_edit, name="farm_crop_edit"),
    path("labour-demand/", seasons.labour_forecast, name="labour_forecast"),
    path("labour-demand/notices/", seasons.season_notice_send, name="season_notice_send"),
    # Unit indicators
    path("indicators/", unit.unit_indicators, name="unit_indicators"),
    # Awareness sessions
    path("awareness/", awareness.awareness_list, name="awareness_list"),
    path("awareness/new/", awareness.awareness_create, name="awareness_create"),
    path("awareness/<int:pk>/", awareness.awareness_detail, name="awareness_detail"),
    path("awareness/<int:pk>/edit/", awareness.awareness_edit, name="awareness_edit"),
    path(
        "awareness/<int:pk>/participants/",
        awareness.awareness_participant,
        name="awareness_participant",
    ),
    path(
        "awareness/<int:pk>/participants/add/",
        awareness.awareness_participants_add,
        name="awareness_participants_add",
    ),
]
