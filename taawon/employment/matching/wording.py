"""A score in words: each component in points out of 100 and in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.utils import formats
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from taawon import matching as engine
from taawon.matching.exclusion_counts import ExclusionCounts

from .loading import SeekerInfo, VacancyInfo

COMPONENT_LABELS = {
    "occupation": gettext_lazy("Occupation"),
    "skills": gettext_lazy("Skills"),
    "distance": gettext_lazy("Distance"),
    "wage": gettext_lazy("Wage"),
    "experience": gettext_lazy("Experience"),
}


@dataclass(frozen=True)
class ScorePart:
    """One component of a score, in points out of 100 and in words."""

    name: str
    label: str
    value: float
    points: float
    max_points: float
    words: str


@lru_cache(maxsize=8)
def _decimal_separator(language: str) -> str:
    return str(formats.get_format("DECIMAL_SEPARATOR", language or None))


def _number(value: float, places: int = 0) -> str:
    """`value` with `places` decimals in the reader's notation (as number_format, without its
    per-call lookups: a page words fifty of these)."""
    text = f"{round(value, places):.{places}f}"
    return text.replace(".", _decimal_separator(get_language() or "")) if places else text


def _occupation_words(match: engine.OccupationMatch, code: str) -> str:
    words = {
        engine.OccupationMatch.UNIT: _("the occupation sought (%(code)s)"),
        engine.OccupationMatch.MINOR: _("a close occupation (%(code)s, same minor group)"),
        engine.OccupationMatch.SUB_MAJOR: _(
            "a related occupation (%(code)s, same sub-major group)"
        ),
        engine.OccupationMatch.NONE: _("another occupation (%(code)s)"),
    }
    return words[match] % {"code": code}


def score_parts(
    rec: engine.Recommendation, seeker: SeekerInfo, vacancy: VacancyInfo, code: str
) -> list[ScorePart]:
    """The score of a pair, component by component, in points and in words."""
    asked = len(vacancy.skills)
    words = {
        "occupation": _occupation_words(rec.occupation_match, code),
        "skills": _("%(have)s of the %(asked)s skills asked")
        % {"have": len(seeker.skills & vacancy.skills), "asked": asked}
        if asked
        else _("no particular skill asked"),
        "distance": _("%(km)s km away; travels up to %(max)s km")
        % {"km": _number(rec.distance_km, 1), "max": seeker.max_travel_km},
        "wage": _("offers %(offer)s a day; expects %(expected)s")
        % {"offer": _number(vacancy.daily_wage, 2), "expected": _number(seeker.daily_wage, 2)}
        if seeker.daily_wage
        else _("offers %(offer)s a day; no expected wage recorded")
        % {"offer": _number(vacancy.daily_wage, 2)},
        "experience": _("%(years)s years; %(asked)s asked")
        % {"years": seeker.experience_years, "asked": vacancy.min_experience_years}
        if vacancy.min_experience_years
        else _("no experience asked"),
    }
    return [
        ScorePart(
            name=c.name,
            label=str(COMPONENT_LABELS[c.name]),
            value=c.value,
            points=c.points * 100,
            max_points=c.weight * 100,
            words=words[c.name],
        )
        for c in rec.components
    ]


@dataclass(frozen=True)
class Excluded:
    """Open vacancies a hard constraint left out for a job seeker, counted and in words."""

    code: str
    count: int
    words: str


def _excluded_words(code: str, count: int, max_travel_km: int) -> str:
    if code == "referred":
        return ngettext(
            "%(count)s already referred to",
            "%(count)s already referred to",
            count,
        ) % {"count": count}
    if code == engine.ExclusionCode.NO_POSITIONS:
        return ngettext(
            "%(count)s with every position filled",
            "%(count)s with every position filled",
            count,
        ) % {"count": count}
    if code == engine.ExclusionCode.PERMIT:
        return ngettext(
            "%(count)s in a sector the work permit does not cover",
            "%(count)s in sectors the work permit does not cover",
            count,
        ) % {"count": count}
    if code == engine.ExclusionCode.CONDITIONS:
        return ngettext(
            "%(count)s without a condition this person needs (transport, childcare...)",
            "%(count)s without a condition this person needs (transport, childcare...)",
            count,
        ) % {"count": count}
    if code == engine.ExclusionCode.DATES:
        return ngettext(
            "%(count)s outside the dates this person is available",
            "%(count)s outside the dates this person is available",
            count,
        ) % {"count": count}
    return ngettext(
        "%(count)s too far (beyond the %(km)s km this person can travel)",
        "%(count)s too far (beyond the %(km)s km this person can travel)",
        count,
    ) % {"count": count, "km": max_travel_km}


def _age_words(code: str, count: int, age: int | None) -> str:
    if code == MINIMUM_AGE:
        return ngettext(
            "%(count)s closed to this person's age (%(age)s, below the minimum working age)",
            "%(count)s closed to this person's age (%(age)s, below the minimum working age)",
            count,
        ) % {"count": count, "age": age}
    if age is None:
        return ngettext(
            "%(count)s hazardous, closed until a date of birth shows 18 or over",
            "%(count)s hazardous, closed until a date of birth shows 18 or over",
            count,
        ) % {"count": count}
    return ngettext(
        "%(count)s hazardous, closed to anyone under 18 (this person is %(age)s)",
        "%(count)s hazardous, closed to anyone under 18 (this person is %(age)s)",
        count,
    ) % {"count": count, "age": age}


MINIMUM_AGE, HAZARDOUS = "minimum_age", "hazardous"


def excluded_parts(
    counts: ExclusionCounts,
    *,
    referred: int,
    max_travel_km: int,
    by_age: tuple[int, int] = (0, 0),
    age: int | None = None,
) -> list[Excluded]:
    """Each hard constraint that left open vacancies out, with how many, in words; vacancies
    already referred to first (they are out whatever else). `by_age`: of those the age
    constraint left out, how many for the minimum working age and how many as hazardous work
    (`age`: the person's, None when no birth is recorded)."""
    found = [("referred", referred)] if referred else []
    for code, n in counts.by_constraint.items():
        if code == engine.ExclusionCode.AGE:
            found += [(c, k) for c, k in zip((MINIMUM_AGE, HAZARDOUS), by_age, strict=True) if k]
        else:
            found.append((str(code), n))
    return [
        Excluded(code, n, _age_words(code, n, age))
        if code in (MINIMUM_AGE, HAZARDOUS)
        else Excluded(code, n, _excluded_words(code, n, max_travel_km))
        for code, n in found
    ]


def excluded_summary(open_vacancies: int, excluded: list[Excluded]) -> str:
    """ "12 open vacancies: 7 too far (...), 3 in sectors the work permit does not cover"."""
    head = ngettext("%(count)s open vacancy", "%(count)s open vacancies", open_vacancies) % {
        "count": open_vacancies
    }
    if not excluded:
        return head
    return _("%(head)s: %(reasons)s") % {
        "head": head,
        "reasons": _(", ").join(e.words for e in excluded),
    }


def floor_effects(rows: list[dict], positions: int) -> list[dict]:
    """One entry per floor of a campaign's stored floor report (rows as campaigns store them,
    with "floor_left_empty"): the positions it left empty, in number and in words. Rows of a
    run made before floors were measured have no such key and give nothing."""
    groups = {"women": _("women"), "refugees": _("refugees")}
    seen: dict[tuple, dict] = {}
    for row in rows:
        if "floor_left_empty" not in row:
            continue
        key = (row["group"], row["scope"], row["share"])
        if key in seen:
            continue
        values = {
            "share": round(row["share"] * 100),
            "group": groups.get(row["group"], row["group"]),
            "empty": row["floor_left_empty"],
            "positions": positions,
            "percent": round(100 * row["floor_left_empty"] / positions) if positions else 0,
        }
        if row["scope"] == "vacancy":
            floor = _("At least %(share)s%% %(group)s in each vacancy") % values
        else:
            floor = _("At least %(share)s%% %(group)s over the campaign") % values
        if values["empty"]:
            effect = (
                ngettext(
                    "left %(empty)s of the %(positions)s positions empty (%(percent)s%%) that "
                    "could be filled without it.",
                    "left %(empty)s of the %(positions)s positions empty (%(percent)s%%) that "
                    "could be filled without it.",
                    values["empty"],
                )
                % values
            )
        else:
            effect = _("left no position empty.")
        seen[key] = {
            "group": row["group"],
            "scope": row["scope"],
            "share": row["share"],
            "left_empty": row["floor_left_empty"],
            "positions": positions,
            "text": f"{floor}: {effect}",
        }
    return list(seen.values())
