"""Recommendations both ways over the API."""

from __future__ import annotations

from django.http import HttpRequest

from .. import matching
from ..seekers import queries as seeker_queries
from ..unit.api import router
from ..vacancies import queries as vacancy_queries
from .schemas import RecommendationsOut


@router.get(
    "/job-seekers/{int:job_seeker_id}/recommended-vacancies",
    response=RecommendationsOut,
    summary="Top 10 open vacancies for a job seeker",
    description="Best first, with each score's components in words (as on the job seeker's "
    "page). Only vacancies you may read; `can_refer` says whether you may refer to it.",
    operation_id="taawon_employment_api_campaigns_recommended_vacancies",
)
def recommended_vacancies(request: HttpRequest, job_seeker_id: int):
    seeker = seeker_queries.get_job_seeker_for_user(request.auth, job_seeker_id)
    return matching.recommend_vacancies(request.auth, seeker)


@router.get(
    "/vacancies/{int:vacancy_id}/recommended-job-seekers",
    response=RecommendationsOut,
    summary="Top 10 job seekers for a vacancy",
    description="Best first, among the job seekers you may read.",
    operation_id="taawon_employment_api_campaigns_recommended_job_seekers",
)
def recommended_job_seekers(request: HttpRequest, vacancy_id: int):
    vacancy = vacancy_queries.get_vacancy_for_user(request.auth, vacancy_id)
    return matching.recommend_job_seekers(request.auth, vacancy)
