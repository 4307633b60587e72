"""The demo's plan of who is placed and when (no database): the brief's exact counts at 1,620
job seekers, in proportion otherwise, and every date in order inside the quarter."""

import datetime
import random
from collections import Counter

from ..demo import timeline
from ..demo.plan import END, START


def population(count: int, syrians: int, women: int, seed: int = 1) -> list[timeline.Seeker]:
    """`count` job seekers registered one after another over the quarter, the Syrians and
    women among them spread independently."""
    rng = random.Random(seed)
    syrian = [True] * syrians + [False] * (count - syrians)
    woman = [True] * women + [False] * (count - women)
    rng.shuffle(syrian)
    rng.shuffle(woman)
    days = timeline.registration_days([None] * count)
    return [timeline.Seeker(100 + i, days[i], syrian[i], woman[i]) for i in range(count)]


def test_the_targets_are_the_briefs_at_1620_job_seekers_and_scale():
    brief = timeline.Targets.for_seekers(1620)
    assert (brief.farms_visited, brief.jobs_secured, brief.placed) == (140, 2000, 1300)
    assert (brief.placed_syrians, brief.placed_women) == (299, 454)
    tenth = timeline.Targets.for_seekers(162)
    assert (tenth.farms_visited, tenth.jobs_secured, tenth.placed) == (14, 200, 130)


def test_apportion_keeps_the_total_and_the_proportions():
    assert timeline.apportion(140, [0.21, 0.19, 0.15, 0.18, 0.14, 0.13]) == [
        29,
        27,
        21,
        25,
        20,
        18,
    ]
    assert sum(timeline.apportion(7, [1, 1, 1])) == 7
    assert timeline.apportion(5, [0, 0]) == [0, 0]


def test_registration_days_keep_the_quarters_and_spread_the_others():
    inside = datetime.date(2020, 8, 3)
    days = timeline.registration_days([inside, None, datetime.date(2026, 1, 1), None])
    assert days[0] == inside
    assert all(START <= d <= END for d in days)
    assert days[1] < days[2] < days[3]


def test_the_plan_places_exactly_the_briefs_counts():
    seekers = population(1620, 389, 591)
    targets = timeline.Targets.for_seekers(len(seekers))

    hires = timeline.plan_hires(random.Random(2020), seekers, targets)

    assert len(hires) == 2000
    by_id = {s.person_id: s for s in seekers}
    placed = {h.person_id for h in hires}
    assert len(placed) == 1300
    assert sum(by_id[p].syrian for p in placed) == 299
    assert sum(by_id[p].woman for p in placed) == 454
    assert Counter(Counter(h.person_id for h in hires).values()) == {1: 600, 2: 700}


def test_every_hire_is_in_order_inside_the_quarter():
    seekers = population(1620, 389, 591)
    hires = timeline.plan_hires(
        random.Random(7), seekers, timeline.Targets.for_seekers(len(seekers))
    )
    registered = {s.person_id: s.registered_on for s in seekers}
    for hire in hires:
        assert registered[hire.person_id] <= hire.referred_on <= hire.hired_on <= hire.start
        assert START <= hire.start <= END
    jobs: dict[int, list[timeline.Hire]] = {}
    for hire in hires:
        jobs.setdefault(hire.person_id, []).append(hire)
    for first, *second in jobs.values():
        assert not first.second
        if second:
            (next_job,) = second
            assert next_job.second and first.end is not None
            assert first.start <= first.end < next_job.start <= END
            assert next_job.referred_on >= first.referred_on


def test_the_shares_are_exact_whenever_the_job_seekers_allow_it():
    seekers = population(160, 40, 60)  # fewer Syrian women than the brief's
    targets = timeline.Targets.for_seekers(len(seekers))
    placed = timeline.choose_placed(random.Random(1), seekers, targets)
    by_id = {s.person_id: s for s in seekers}
    assert len(placed) == targets.placed == 128
    assert sum(by_id[p].syrian for p in placed) == targets.placed_syrians == 30
    assert sum(by_id[p].woman for p in placed) == targets.placed_women == 45


def test_the_number_placed_holds_when_the_shares_cannot():
    # Half women: too few men for 83 of 128 placed; the number placed still holds.
    seekers = population(160, 40, 80)
    targets = timeline.Targets.for_seekers(len(seekers))
    placed = timeline.choose_placed(random.Random(1), seekers, targets)
    by_id = {s.person_id: s for s in seekers}
    assert len(placed) == 128
    assert abs(sum(by_id[p].woman for p in placed) - targets.placed_women) <= 5
    no_syrians = population(50, 0, 20)
    placed = timeline.choose_placed(random.Random(1), no_syrians, timeline.Targets.for_seekers(50))
    assert len(placed) == timeline.Targets.for_seekers(50).placed


def test_the_plan_is_the_same_from_the_same_seed():
    seekers = population(300, 72, 110)
    targets = timeline.Targets.for_seekers(len(seekers))
    assert timeline.plan_hires(random.Random(3), seekers, targets) == timeline.plan_hires(
        random.Random(3), seekers, targets
    )
