"""Grant calculations without the database: weighted scores and ranking, whether a panel's
scores may be shown, and survival of ventures. `queries` loads the inputs."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def weighted_score(
    scores: Mapping[int, int], weights: Mapping[int, int], score_max: int
) -> Decimal | None:
    """One reviewer's score of an application out of 100: each criterion's score over the
    scale, weighted (weights sum to 100). None until every criterion is scored."""
    if not weights or any(criterion not in scores for criterion in weights):
        return None
    total = sum(Decimal(scores[c]) * weights[c] for c in weights) / Decimal(score_max)
    return total.quantize(CENT, ROUND_HALF_UP)


def panel_average(per_reviewer: Iterable[Decimal | None]) -> Decimal | None:
    """The mean of the reviewers' complete scores; None when no reviewer has finished."""
    done = [value for value in per_reviewer if value is not None]
    if not done:
        return None
    return (sum(done) / len(done)).quantize(CENT, ROUND_HALF_UP)


def all_scores_in(panel: Iterable[int], conflicted: Iterable[int], complete: Iterable[int]) -> bool:
    """Whether every panel member who may score (not conflicted) has scored every criterion:
    until then no reviewer sees another's scores."""
    expected = set(panel) - set(conflicted)
    return bool(expected) and expected <= set(complete)


@dataclass(frozen=True)
class Ranked:
    application_id: int
    score: Decimal | None
    rank: int | None  # None: not eligible, or not yet scored


def rank(scores: Sequence[tuple[int, Decimal | None, bool]]) -> list[Ranked]:
    """(application id, panel average, eligible) -> ranked, best first; equal scores share a
    rank (1, 2, 2, 4). Ineligible or unscored applications come last, without a rank."""
    ranked = sorted((s for s in scores if s[2] and s[1] is not None), key=lambda s: (-s[1], s[0]))
    result: list[Ranked] = []
    previous: Decimal | None = None
    current = 0
    for position, (pk, score, _eligible) in enumerate(ranked, start=1):
        if score != previous:
            current, previous = position, score
        result.append(Ranked(pk, score, current))
    rest = sorted((s for s in scores if not (s[2] and s[1] is not None)), key=lambda s: s[0])
    result.extend(Ranked(pk, score if eligible else None, None) for pk, score, eligible in rest)
    return result


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    last = [
        31,
        29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28,
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ][month - 1]
    return datetime.date(year, month, min(day.day, last))


def status_on(changes: Sequence[tuple[datetime.date, str]], day: datetime.date) -> str | None:
    """The status in force on `day`, from (from-date, status) changes; None before the first."""
    current = None
    for as_of, status in sorted(changes):
        if as_of <= day:
            current = status
    return current


@dataclass(frozen=True)
class Survival:
    months: int
    followed: int  # ventures funded at least `months` ago
    surviving: int  # of those, operating or paused (not closed) `months` after the award

    @property
    def percent(self) -> Decimal | None:
        if not self.followed:
            return None
        return (Decimal(100) * self.surviving / self.followed).quantize(Decimal("0.1"))


def survival(
    ventures: Iterable[tuple[datetime.date, Sequence[tuple[datetime.date, str]]]],
    months: int,
    today: datetime.date,
) -> Survival:
    """Of the ventures awarded at least `months` before `today`, those still operating or
    paused `months` after their award (a venture with no status recorded then is not counted
    as surviving: its follow-up is missing)."""
    followed = surviving = 0
    for awarded_on, changes in ventures:
        checkpoint = add_months(awarded_on, months)
        if checkpoint > today:
            continue
        followed += 1
        if status_on(changes, checkpoint) in ("operating", "paused"):
            surviving += 1
    return Survival(months=months, followed=followed, surviving=surviving)
