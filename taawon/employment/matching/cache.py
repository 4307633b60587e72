"""Open vacancies as arrays, kept per process.

One job seeker's recommendations weigh every open vacancy in reach. Reading and encoding
thousands of rows per request costs far more than scoring them, so the encoded table of all
open vacancies is kept in memory and rebuilt when a stamp of the tables it is made from
changes (one small query per request): vacancies (last change, last id), placements (last
id: they fill positions), employers and workplaces (last change: they place vacancies).
Scope, referrals and the job seeker's hard constraints are applied to the arrays per
request.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from taawon.matching.tables import VacancyTable

from ..employers.models import Employer, Workplace
from ..placements.models import Placement
from ..vacancies.models import Vacancy
from .loading import V_FIELDS, VacancyInfo, open_vacancies, vacancy_table

_TABLE_FIELDS = (
    "ids", "isco", "latitude", "longitude", "sector_bit", "facilities_mask", "skills",
    "daily_wage", "min_experience_years", "start", "end", "positions", "minimum_age",
)  # fmt: skip


@dataclass(frozen=True, eq=False)
class OpenVacancies:
    stamp: tuple
    table: VacancyTable
    info: dict[int, VacancyInfo]
    owner: np.ndarray
    objects: dict[int, Vacancy]
    """What a match shows of each vacancy (title, occupation, employer's names), read-only."""


_OPEN: dict[str, OpenVacancies] = {}
SHOWN = (
    "title", "owner", "status", "employer", "occupation", "employer__name_en",
    "employer__name_ar", "occupation__code", "occupation__title_en", "occupation__title_ar",
)  # fmt: skip


def _stamp() -> tuple:
    from django.db import connection

    v, p = Vacancy._meta.db_table, Placement._meta.db_table
    e, w = Employer._meta.db_table, Workplace._meta.db_table
    # Each an index lookup or a small table: vacancies change their updated_at whenever a
    # service changes them (status included), placements are never deleted, so a new one
    # is a new largest id.
    sql = (
        f"SELECT (SELECT MAX(updated_at) FROM {v}), (SELECT MAX(id) FROM {v}), "
        f"(SELECT MAX(id) FROM {p}), (SELECT MAX(updated_at) FROM {e}), "
        f"(SELECT MAX(updated_at) FROM {w})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return (connection.alias, *cursor.fetchone())


def open_vacancy_arrays() -> OpenVacancies:
    """Every open vacancy, encoded; rebuilt when the stamp says the tables changed."""
    from django.db import connection

    stamp = _stamp()
    cached = _OPEN.get(connection.alias)
    if cached is not None and cached.stamp == stamp:
        return cached
    rows = list(open_vacancies(None).values_list(*V_FIELDS).order_by("pk"))
    table, info = vacancy_table(rows)
    owner = np.array([r[-1] for r in rows], dtype=np.int64)
    objects = {
        v.pk: v
        for v in Vacancy.objects.filter(status=Vacancy.Status.OPEN)
        .select_related("employer", "occupation")
        .only(*SHOWN)
    }
    _OPEN[connection.alias] = cached = OpenVacancies(stamp, table, info, owner, objects)
    return cached


def take(table: VacancyTable, index: np.ndarray) -> VacancyTable:
    return VacancyTable(**{name: getattr(table, name)[index] for name in _TABLE_FIELDS})
