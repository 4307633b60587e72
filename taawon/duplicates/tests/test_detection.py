"""Batch detection over the registry: what it finds, what it leaves alone, its progress."""

import datetime

import numpy as np
import pytest

from taawon.duplicates import detection, registry, services
from taawon.duplicates.blocking import Candidates
from taawon.duplicates.models import DetectionRun, DuplicatePair
from taawon.lib.pair_scoring import TOLERANCE
from taawon.lib.person_match import OFFSET, compare
from taawon.people.models import Person

from .factories import PersonFactory, khaled, pair_of


def run(by, **kwargs) -> DetectionRun:
    return services.run_detection(run=DetectionRun.objects.create(started_by=by), **kwargs)


def found(run_: DetectionRun) -> set[frozenset[int]]:
    return {frozenset(p.person_ids) for p in DuplicatePair.objects.filter(run=run_)}


@pytest.fixture
def planted(personas):
    """Three persons registered twice by the two units, written differently each time, and
    three different men who share a very common name."""
    a, b = personas.unit_a, personas.unit_b
    by = {a: personas.counsellor_a, b: personas.counsellor_b}
    arabic = khaled(
        a, by[a], given_name_en="", father_name_en="", family_name_en="", phone="+962791111111"
    )
    latin = khaled(
        b, by[b], given_name_ar="", father_name_ar="", family_name_ar="", phone="+962791111111"
    )
    born = datetime.date(1987, 5, 9)
    swapped_one = PersonFactory(
        owner=a,
        registered_by=by[a],
        given_name_ar="فاطمة",
        father_name_ar="حسن",
        family_name_ar="العمري",
        given_name_en="Fatima",
        father_name_en="Hassan",
        family_name_en="Al-Omari",
        sex="female",
        date_of_birth=born,
    )
    swapped_two = PersonFactory(
        owner=b,
        registered_by=by[b],
        given_name_ar="فاطمه",
        father_name_ar="حسن",
        family_name_ar="العمري",
        given_name_en="Fatma",
        father_name_en="Hasan",
        family_name_en="Al Omari",
        sex="female",
        date_of_birth=born.replace(day=born.month, month=born.day),
    )
    phone_one = PersonFactory(
        owner=a,
        registered_by=by[a],
        given_name_ar="يوسف",
        father_name_ar="سليمان",
        family_name_ar="الحوراني",
        given_name_en="Youssef",
        father_name_en="Suleiman",
        family_name_en="Al-Hourani",
        sex="male",
        birth_year=1979,
        phone="+962795550123",
    )
    phone_two = PersonFactory(
        owner=b,
        registered_by=by[b],
        given_name_ar="يوسف",
        father_name_ar="سليمان",
        family_name_ar="حوراني",
        given_name_en="Yousef",
        father_name_en="Sulaiman",
        family_name_en="Hourani",
        sex="male",
        birth_year=1979,
        phone="+962795550124",
    )
    namesakes = [
        PersonFactory(
            owner=owner,
            registered_by=by[owner],
            given_name_ar="محمد",
            father_name_ar=father_ar,
            family_name_ar="المصري",
            given_name_en="Mohammad",
            father_name_en=father_en,
            family_name_en="Al-Masri",
            sex="male",
            date_of_birth=born_on,
            phone=phone,
        )
        for owner, father_ar, father_en, born_on, phone in [
            (a, "أحمد", "Ahmad", datetime.date(1968, 1, 20), "+962781000001"),
            (b, "علي", "Ali", datetime.date(1983, 7, 2), "+962781000002"),
            (a, "محمود", "Mahmoud", datetime.date(1999, 11, 15), "+962781000003"),
        ]
    ]
    # Everyone else: the factory's mix of names, so that blocks hold more than the planted.
    others = [PersonFactory(owner=owner, registered_by=by[owner]) for owner in [a, b] * 15]
    return {
        "duplicates": [
            frozenset({arabic.pk, latin.pk}),
            frozenset({swapped_one.pk, swapped_two.pk}),
            frozenset({phone_one.pk, phone_two.pk}),
        ],
        "namesakes": [p.pk for p in namesakes],
        "others": others,
    }


def test_it_finds_duplicates_written_in_another_script_with_swapped_dates_or_a_mistyped_phone(
    personas, planted
):
    result = found(run(personas.officer))
    for duplicate in planted["duplicates"]:
        assert duplicate in result


def test_it_does_not_pair_different_people_who_share_a_very_common_name(personas, planted):
    result = found(run(personas.officer))
    namesakes = set(planted["namesakes"])
    assert not [pair for pair in result if pair <= namesakes]


def test_pairs_come_with_the_matchers_reasons_and_lower_id_first(personas, planted):
    run_ = run(personas.officer)
    pair = DuplicatePair.objects.get(run=run_, person_a__in=planted["duplicates"][1])
    assert pair.person_a_id < pair.person_b_id
    assert pair.status == DuplicatePair.Status.PENDING
    assert "day_month_swapped" in {r["code"] for r in pair.reasons}
    assert pair.score >= 0.5


def test_progress_reaches_the_total_and_the_run_is_done(personas, planted):
    run_ = run(personas.officer)
    run_.refresh_from_db()
    assert run_.status == DetectionRun.Status.DONE
    assert run_.persons_total == Person.objects.count()
    assert run_.persons_done == run_.persons_total
    assert run_.percent == 100
    assert run_.pairs_found >= 3
    assert run_.finished_at is not None
    assert run_.stats["pairs"] >= run_.pairs_found


def test_comparing_on_two_processes_finds_the_same_pairs(personas, planted):
    in_parallel = found(run(personas.officer, workers=2))
    DuplicatePair.objects.all().delete()
    assert in_parallel == found(run(personas.officer, workers=1))
    assert planted["duplicates"][0] in in_parallel


def test_a_pair_registered_despite_the_registration_check_is_marked_as_such(personas, planted):
    run(personas.officer)
    # The factory registers with "new person" whenever the check raises candidates.
    latin_pair = DuplicatePair.objects.get(person_a__in=planted["duplicates"][0])
    assert latin_pair.source == DuplicatePair.Source.REGISTRATION


def test_a_second_run_raises_no_pair_again_and_keeps_rejected_pairs_rejected(personas, planted):
    first = run(personas.officer)
    pair = DuplicatePair.objects.filter(run=first).first()
    services.review_pair(pair=pair, decision="different", reviewed_by=personas.officer)
    second = run(personas.officer)
    pair.refresh_from_db()
    assert pair.status == DuplicatePair.Status.REJECTED
    assert second.stats["new_pairs"] == 0
    assert second.pairs_found == first.pairs_found


def test_merged_records_are_left_out_of_the_next_run(personas, planted):
    first = run(personas.officer)
    pair = DuplicatePair.objects.get(run=first, person_a__in=planted["duplicates"][0])
    merge = services.merge_pair(pair=pair, survivor=pair.person_a, performed_by=personas.officer)
    second = run(personas.officer)
    assert second.persons_total == Person.objects.count() - 1
    assert not DuplicatePair.objects.filter(run=second, person_b=merge.merged).exists()


def test_a_failing_run_is_marked_failed_with_the_error(personas):
    a = khaled(personas.unit_a, personas.counsellor_a)
    pair_of(a, khaled(personas.unit_b, personas.counsellor_b))
    run_ = DetectionRun.objects.create(started_by=personas.officer)
    run_.persons_done = 0
    with pytest.raises(TypeError):
        services.run_detection(run=run_, workers="two")
    run_.refresh_from_db()
    assert run_.status == DetectionRun.Status.FAILED
    assert "TypeError" in run_.error


def test_the_screen_drops_pairs_but_none_the_matcher_would_raise(personas, planted):
    total, last = registry.count_persons()
    loaded = registry.load(last_id=last, expected=total)
    key_share = loaded.key_share()
    first, second = np.triu_indices(len(loaded), 1)
    every_pair = Candidates(first=first.astype(np.int64), second=second.astype(np.int64))

    kept = detection.screen(loaded, every_pair, key_share)

    raised = {
        (i, j)
        for i, j in zip(first.tolist(), second.tolist(), strict=True)
        if compare(loaded.record(i), loaded.record(j), key_share=key_share).is_candidate
    }
    assert len(raised) >= 3
    assert raised <= set(zip(kept.first.tolist(), kept.second.tolist(), strict=True))
    assert len(kept) < len(every_pair) / 2


def test_the_screen_keeps_only_pairs_whose_points_reach_the_threshold(personas, planted):
    total, last = registry.count_persons()
    loaded = registry.load(last_id=last, expected=total)
    key_share = loaded.key_share()
    first, second = np.triu_indices(len(loaded), 1)
    every_pair = Candidates(first=first.astype(np.int64), second=second.astype(np.int64))

    kept = detection.screen(loaded, every_pair, key_share)

    # The screen counts compare's own points: what it keeps is what compare raises, give or
    # take rounding at the threshold.
    for i, j in zip(kept.first.tolist(), kept.second.tolist(), strict=True):
        match = compare(loaded.record(i), loaded.record(j), key_share=key_share)
        assert sum(r.points for r in match.reasons) >= OFFSET - TOLERANCE


def test_batch_detection_reads_blind_indexes_and_a_rule_leaves_two_national_ids(personas):
    first = khaled(personas.unit_a, personas.counsellor_a, identifiers={"national_id": "9901"})
    second = khaled(personas.unit_b, personas.counsellor_b, identifiers={"national_id": "9902"})
    services.create_merge_rule(
        name="Same date and phone",
        min_score=0.5,
        required_reasons=["same_birth_date", "same_phone"],
        created_by=personas.admin,
    )
    run_ = run(personas.officer)
    pair = DuplicatePair.objects.get(run=run_)
    assert set(pair.person_ids) == {first.pk, second.pk}
    assert "different_identifier" in {reason["code"] for reason in pair.reasons}
    assert pair.status == DuplicatePair.Status.PENDING  # the rule left it for a reviewer
