"""Who may be matched, referred, allocated or placed where, by age: the one place that says so.

- Nobody below the minimum working age of the vacancy's country (`settings.MINIMUM_WORKING_AGE`)
  is recommended, referred, allocated in a campaign or placed, whatever the work.
- Nobody under 18 (`ADULT_AGE`) goes to a hazardous vacancy: one whose occupation is on the
  list, or that states a hazardous task (`is_hazardous`, reference data with its sources).
- An age is the person's age on the day of the decision (for a placement, on the earlier of the
  start date and today). With only a year of birth, the person counts as born on 31 December of
  that year (the youngest they can be). With no birth recorded at all, the minimum age cannot be
  checked, so it does not refuse; a hazardous vacancy does, until an age of 18 is recorded.

Employment's services, its matching adapter and its campaign allocation all ask `refusal` or
`minimum_age_for`; the matching library gets the same answer as arrays (an age per job seeker,
a minimum age per vacancy).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from . import reference

ADULT_AGE = 18
"""Under this, no hazardous work anywhere (ILO C138 art. 3, C182 art. 3(d))."""
UNKNOWN_AGE = ADULT_AGE - 1
"""The age the matching arrays give a person with no birth recorded: old enough for work the
law allows from the minimum age (at most 16 in the countries served), never for hazardous work."""

MINIMUM_AGE, HAZARDOUS, AGE_UNKNOWN = "minimum_age", "hazardous", "age_unknown"


def minimum_working_age(country: str) -> int:
    """The minimum age for any work in `country` (ISO 3166-1 alpha-2)."""
    ages = getattr(settings, "MINIMUM_WORKING_AGE", {})
    return int(ages.get((country or "").upper(), settings.MINIMUM_WORKING_AGE_DEFAULT))


def is_hazardous(occupation_code: str, tasks: Iterable[str] = ()) -> bool:
    """Whether work in `occupation_code` (ISCO-08 unit group) with `tasks` is hazardous."""
    return occupation_code in reference.occupations() or any(
        task in reference.tasks() for task in tasks or ()
    )


def hazards(occupation_code: str, tasks: Iterable[str] = ()) -> list[str]:
    """What makes the work hazardous, in the reader's language (empty when it is not)."""
    found = []
    occupation = reference.occupations().get(occupation_code)
    if occupation is not None:
        found.append(occupation.reason)
    found += reference.task_labels([t for t in reference.task_codes() if t in set(tasks or ())])
    return found


def minimum_age_for(*, country: str, occupation_code: str, tasks: Iterable[str] = ()) -> int:
    """The youngest age at which someone may take this work."""
    if is_hazardous(occupation_code, tasks):
        return ADULT_AGE
    return minimum_working_age(country)


def age_on(
    day: datetime.date, *, date_of_birth: datetime.date | None, birth_year: int | None
) -> int | None:
    """Completed years on `day`; None when no birth is recorded."""
    if date_of_birth is not None:
        born = date_of_birth
    elif birth_year:
        born = datetime.date(birth_year, 12, 31)
    else:
        return None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


@dataclass(frozen=True)
class Refusal:
    code: str
    """MINIMUM_AGE, HAZARDOUS or AGE_UNKNOWN."""
    message: str


def refusal(
    *,
    date_of_birth: datetime.date | None,
    birth_year: int | None,
    country: str,
    occupation_code: str,
    tasks: Iterable[str] = (),
    on: datetime.date,
) -> Refusal | None:
    """Why this person may not be referred to or placed in this work on `on`, translated into
    the active language; None when they may."""
    age = age_on(on, date_of_birth=date_of_birth, birth_year=birth_year)
    minimum = minimum_working_age(country)
    if age is not None and age < minimum:
        return Refusal(
            MINIMUM_AGE,
            _(
                "This person is %(age)s: below the minimum working age of %(minimum)s, nobody "
                "is matched, referred or placed."
            )
            % {"age": age, "minimum": minimum},
        )
    if not is_hazardous(occupation_code, tasks):
        return None
    what = "; ".join(hazards(occupation_code, tasks))
    if age is None:
        return Refusal(
            AGE_UNKNOWN,
            _(
                "This is hazardous work (%(what)s): record the person's date or year of birth "
                "first; nobody under 18 may do it."
            )
            % {"what": what},
        )
    if age < ADULT_AGE:
        return Refusal(
            HAZARDOUS,
            _("This person is %(age)s: nobody under 18 may do hazardous work (%(what)s).")
            % {"age": age, "what": what},
        )
    return None
