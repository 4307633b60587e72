"""Who the demo places, and when, on the programme's calendar: the brief's quarter (1 July to
30 September 2020) with its exact figures at 1,620 job seekers (1,300 placed, of whom 299
Syrians and 454 women; 2,000 jobs secured; 140 farms visited), in proportion at other sizes.

A job seeker is registered, then referred, then hired, then starts work, all within the
quarter; some are placed twice, the second job starting after the first one ended. Plain
data and arithmetic, no database: the demo loaders turn these plans into records.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .plan import (
    END,
    FARMS_VISITED,
    JOBS_SECURED,
    PLACED,
    PLACED_SYRIANS,
    PLACED_WOMEN,
    SEEKERS,
    START,
    day,
)

# A first job followed by a second one lasts this long (days), when the quarter leaves room.
FIRST_JOB_DAYS = (7, 30)
# Job seekers registered this many days before the quarter ends are the first asked to take
# a second job: the others have little time left for two.
ROOM_FOR_TWO = 30


@dataclass(frozen=True)
class Targets:
    """The brief's figures for `seekers` job seekers (exact at 1,620)."""

    seekers: int
    farms_visited: int
    jobs_secured: int
    placed: int
    placed_syrians: int
    placed_women: int

    @classmethod
    def for_seekers(cls, seekers: int) -> Targets:
        def scaled(count: int) -> int:
            return round(count * seekers / SEEKERS)

        placed = min(scaled(PLACED), seekers)
        return cls(
            seekers=seekers,
            farms_visited=scaled(FARMS_VISITED),
            jobs_secured=min(scaled(JOBS_SECURED), 2 * placed),
            placed=placed,
            placed_syrians=min(scaled(PLACED_SYRIANS), placed),
            placed_women=min(scaled(PLACED_WOMEN), placed),
        )


@dataclass(frozen=True)
class Seeker:
    """What the plan needs to know of a job seeker (keyed by the person's id)."""

    person_id: int
    registered_on: datetime.date
    syrian: bool
    woman: bool


@dataclass(frozen=True)
class Hire:
    """One placement planned: referred, hired (the referral's status date), starting work,
    and for a first job followed by another, the day it ends."""

    person_id: int
    referred_on: datetime.date
    hired_on: datetime.date
    start: datetime.date
    end: datetime.date | None
    second: bool


def apportion(total: int, weights: Sequence[float]) -> list[int]:
    """`total` split in proportion to `weights`, in whole numbers that add up to it (the
    largest remainders get the units left over)."""
    whole = sum(weights)
    if total <= 0 or whole <= 0:
        return [0] * len(weights)
    exact = [total * w / whole for w in weights]
    shares = [int(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: (shares[i] - exact[i], i))
    for i in by_remainder[: total - sum(shares)]:
        shares[i] += 1
    return shares


def registration_days(
    registered: Sequence[datetime.date | None],
) -> list[datetime.date]:
    """The day each of a unit's job seekers (in registration order) was registered: the day
    their person was registered in the registry when it falls in the quarter, otherwise a
    day spread over the quarter by their place in the order (records made outside the demo's
    population, such as tests' persons)."""
    span = (END - START).days + 1
    count = len(registered)
    return [
        on
        if on is not None and START <= on <= END
        else START + datetime.timedelta(days=position * span // max(count, 1))
        for position, on in enumerate(registered)
    ]


def _cells(seekers: Sequence[Seeker], targets: Targets) -> dict[tuple[bool, bool], int]:
    """How many to place of each (Syrian, woman) group so that the placed, Syrians and
    women among them come to the targets, with Syrian women in the share chance would give."""
    have = {(s, w): 0 for s in (True, False) for w in (True, False)}
    for seeker in seekers:
        have[(seeker.syrian, seeker.woman)] += 1
    placed = min(targets.placed, len(seekers))
    syrians = min(targets.placed_syrians, have[(True, True)] + have[(True, False)], placed)
    women = min(targets.placed_women, have[(True, True)] + have[(False, True)], placed)
    low = max(0, syrians - have[(True, False)], women - have[(False, True)])
    low = max(low, syrians + women - placed)
    high = min(have[(True, True)], syrians, women)
    high = min(high, have[(False, False)] - placed + syrians + women)
    both = round(syrians * women / placed) if placed else 0
    both = min(max(both, low), max(high, low))
    wanted = {
        (True, True): both,
        (True, False): syrians - both,
        (False, True): women - both,
        (False, False): placed - syrians - women + both,
    }
    # Where the groups are too small for the targets (a tiny demo, persons unlike the
    # brief's), the shares as near as they allow, and the number placed still whole.
    cells = {cell: min(max(n, 0), have[cell]) for cell, n in wanted.items()}
    for cell in cells:
        cells[cell] += min(have[cell] - cells[cell], placed - sum(cells.values()))
    return cells


def choose_placed(rng: random.Random, seekers: Sequence[Seeker], targets: Targets) -> set[int]:
    """The persons (ids) the units place in the quarter: exactly the targets' counts of
    placed, Syrians and women where the job seekers allow it, chosen at random in each group."""
    by_cell: dict[tuple[bool, bool], list[int]] = {}
    for seeker in sorted(seekers, key=lambda s: s.person_id):
        by_cell.setdefault((seeker.syrian, seeker.woman), []).append(seeker.person_id)
    chosen: set[int] = set()
    for cell, count in sorted(_cells(seekers, targets).items(), reverse=True):
        chosen.update(rng.sample(by_cell.get(cell, []), count))
    return chosen


def choose_twice(rng: random.Random, placed: Iterable[Seeker], count: int) -> set[int]:
    """The placed persons (ids) who take a second job in the quarter: first those registered
    early enough for two jobs, then the earliest of the others, never one registered in the
    quarter's last two days."""
    ordered = sorted(placed, key=lambda s: (s.registered_on, s.person_id))
    early = [s.person_id for s in ordered if (END - s.registered_on).days >= ROOM_FOR_TWO]
    late = [s.person_id for s in ordered if 2 <= (END - s.registered_on).days < ROOM_FOR_TWO]
    chosen = set(rng.sample(early, min(count, len(early))))
    return chosen | set(late[: max(count - len(chosen), 0)])


def _after(rng: random.Random, first: datetime.date, most: int, last: datetime.date):
    return day(rng, first, max(first, min(first + datetime.timedelta(days=most), last)))


def hires_of(rng: random.Random, seeker: Seeker, *, twice: bool) -> list[Hire]:
    """The one or two placements of a placed job seeker, in the quarter and in order:
    registered, referred within ten days, hired and at work within five; a second job
    after the first ended, referred while still at the first."""
    registered = seeker.registered_on
    if not twice:
        referred = _after(rng, registered, 10, END)
        start = _after(rng, referred, 5, END)
        hired = day(rng, referred, start)
        return [Hire(seeker.person_id, referred, hired, start, None, second=False)]
    # Room for two: the first job starts by END - 2, ends by END - 1, the next by END.
    latest_first = END - datetime.timedelta(days=2)
    referred = _after(rng, registered, 7, latest_first)
    start = _after(rng, referred, 3, latest_first)
    room = (END - start).days - 1
    low, high = FIRST_JOB_DAYS
    length = rng.randint(min(low, room), min(high, room))
    end = start + datetime.timedelta(days=length)
    next_start = _after(rng, end + datetime.timedelta(days=1), 4, END)
    next_referred = day(rng, start, next_start)
    return [
        Hire(seeker.person_id, referred, day(rng, referred, start), start, end, second=False),
        Hire(
            seeker.person_id,
            next_referred,
            day(rng, next_referred, next_start),
            next_start,
            None,
            second=True,
        ),
    ]


def plan_hires(rng: random.Random, seekers: Sequence[Seeker], targets: Targets) -> list[Hire]:
    """Every placement of the quarter, for the job seekers of every unit at once (so that
    the totals, not each unit's, come to the targets), in person order."""
    placed_ids = choose_placed(rng, seekers, targets)
    placed = [s for s in seekers if s.person_id in placed_ids]
    twice = choose_twice(rng, placed, targets.jobs_secured - len(placed))
    return [
        hire
        for seeker in sorted(placed, key=lambda s: s.person_id)
        for hire in hires_of(rng, seeker, twice=seeker.person_id in twice)
    ]
