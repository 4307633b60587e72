"""API shapes of recommendations: each match with its score in parts and in words."""

from __future__ import annotations

from ninja import Field, Schema


class ScorePartOut(Schema):
    name: str
    label: str
    points: float
    max_points: float
    words: str


class MatchOut(Schema):
    rank: int
    job_seeker: int
    vacancy: int
    score: float = Field(description="Out of 100")
    distance_km: float
    parts: list[ScorePartOut]
    can_refer: bool

    @staticmethod
    def resolve_job_seeker(obj) -> int:
        return obj.job_seeker_id

    @staticmethod
    def resolve_vacancy(obj) -> int:
        return obj.vacancy_id


class ExcludedOut(Schema):
    code: str = Field(description="referred, no_positions, permit, conditions, dates or distance")
    count: int
    words: str


class RecommendationsOut(Schema):
    matches: list[MatchOut]
    why_none: str = Field(description="Why there can be no match at all; empty otherwise")
    considered: int
    open_vacancies: int | None = Field(
        None, description="Open vacancies you may read (recommended vacancies only)"
    )
    excluded: list[ExcludedOut] = Field(
        [],
        description=(
            "How many of those open vacancies each hard constraint left out, each vacancy "
            "counted once under the first constraint it breaks"
        ),
    )
    excluded_summary: str = Field("", description="The same in one sentence")
