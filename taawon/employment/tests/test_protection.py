"""No child in hazardous work: the minimum working age and the hazardous-work rule on every
path that recommends, refers, allocates or places (services, pages, API, campaigns)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from taawon.accounts.services import create_token
from taawon.core.exceptions import ValidationFailed

from .. import matching
from ..campaigns.models import CampaignAssignment
from ..campaigns.services import (
    InfeasibleFloors,
    apply_campaign,
    draft_campaign,
    propose_allocation,
)
from ..placements.models import Placement, Referral
from ..placements.services import place_job_seeker, refer_job_seeker
from ..vacancies.services import update_vacancy
from .factories import JobSeekerFactory, PersonFactory, governorate
from .test_matching import IRBID_TOWN, district, vacancy

TODAY = timezone.localdate()


def born(age: int) -> datetime.date:
    """A date of birth `age` years and about a month before today."""
    return TODAY.replace(year=TODAY.year - age, day=1) - datetime.timedelta(days=20)


def young(owner, counsellor, age: int | None, *, sex: str = "female", **fields):
    person = PersonFactory(
        owner=owner,
        district=district(),
        governorate=governorate("JO-MA"),
        sex=sex,
        nationality="SY",
        displacement_status="refugee",
        date_of_birth=born(age) if age is not None else None,
        birth_year=born(age).year if age is not None else None,
    )
    values = {
        "occupations": ["9211"],
        "skills": ["harvesting"],
        "max_travel_km": 30,
        "expected_wage": Decimal("15"),
        "experience_years": 2,
        "work_permit_status": "not_needed",
    }
    values.update(fields)
    return JobSeekerFactory(person=person, registered_by=counsellor, **values)


@pytest.fixture
def jobs(personas):
    """Vacancies of unit A (Jordan): plain picking, pesticide spraying (a task), and tractor
    driving (an occupation on the list)."""
    a, ca = personas.unit_a, personas.counsellor_a
    return {
        "picking": vacancy(a, ca, title="Tomato pickers"),
        "spraying": vacancy(a, ca, title="Pesticide spraying", tasks=["pesticides"]),
        "tractor": vacancy(a, ca, title="Tractor driver", occupation="8341"),
    }


def refer(seeker, job, by):
    return refer_job_seeker(job_seeker=seeker, vacancy=job, referred_by=by)


# ---- Services ---------------------------------------------------------------------------


def test_below_the_minimum_working_age_nobody_is_referred_and_nothing_is_written(
    personas, jobs, writes_nothing
):
    child = young(personas.unit_a, personas.counsellor_a, 15)

    with writes_nothing(), pytest.raises(ValidationFailed) as raised:
        refer(child, jobs["picking"], personas.counsellor_a)

    [message] = raised.value.field_errors["job_seeker"]
    assert "is 15" in message and "minimum working age of 16" in message


def test_a_sixteen_year_old_may_pick_tomatoes_but_never_spray_or_drive_a_tractor(
    personas, jobs, writes_nothing
):
    teen = young(personas.unit_a, personas.counsellor_a, 16)

    assert refer(teen, jobs["picking"], personas.counsellor_a).status == "referred"
    for hazardous in ("spraying", "tractor"):
        with writes_nothing(), pytest.raises(ValidationFailed) as raised:
            refer(teen, jobs[hazardous], personas.counsellor_a)
        assert "nobody under 18 may do hazardous work" in raised.value.field_errors["job_seeker"][0]


def test_an_adult_may_take_hazardous_work(personas, jobs):
    adult = young(personas.unit_a, personas.counsellor_a, 18)

    assert refer(adult, jobs["spraying"], personas.counsellor_a).pk


def test_with_no_birth_recorded_hazardous_work_waits_for_an_age(personas, jobs, writes_nothing):
    unknown = young(personas.unit_a, personas.counsellor_a, None)

    assert refer(unknown, jobs["picking"], personas.counsellor_a).pk
    with writes_nothing(), pytest.raises(ValidationFailed) as raised:
        refer(unknown, jobs["tractor"], personas.counsellor_a)
    assert "record the person's date or year of birth" in raised.value.field_errors["job_seeker"][0]


def test_a_year_of_birth_alone_counts_the_person_as_young_as_they_can_be(personas, jobs):
    person = PersonFactory(owner=personas.unit_a, birth_year=TODAY.year - 18)
    seeker = JobSeekerFactory(person=person, registered_by=personas.counsellor_a)

    # Born in that year, they may still be 17 until 31 December.
    with pytest.raises(ValidationFailed):
        refer(seeker, jobs["spraying"], personas.counsellor_a)


def test_a_vacancy_that_became_hazardous_refuses_the_placement_of_a_minor(
    personas, jobs, writes_nothing
):
    teen = young(personas.unit_a, personas.counsellor_a, 17)
    referral = refer(teen, jobs["picking"], personas.counsellor_a)
    update_vacancy(vacancy=jobs["picking"], updated_by=personas.counsellor_a, tasks=["height"])

    with writes_nothing(), pytest.raises(ValidationFailed) as raised:
        place_job_seeker(
            referral=referral,
            start_date=TODAY,
            contract_type=Placement.ContractType.SEASONAL,
            wage=Decimal("15"),
            wage_period="daily",
            placed_by=personas.counsellor_a,
        )

    assert "Work at height" in raised.value.field_errors["referral"][0]


def test_an_unknown_task_is_refused_with_its_field(personas, jobs, writes_nothing):
    with writes_nothing(), pytest.raises(ValidationFailed) as raised:
        update_vacancy(vacancy=jobs["picking"], updated_by=None, tasks=["juggling"])

    assert "juggling" in raised.value.field_errors["tasks"][0]


def test_the_minimum_age_follows_the_setting_of_the_vacancys_country(personas, jobs, settings):
    settings.MINIMUM_WORKING_AGE = {"JO": 15}
    fifteen = young(personas.unit_a, personas.counsellor_a, 15)

    assert refer(fifteen, jobs["picking"], personas.counsellor_a).pk


# ---- Recommendations ----------------------------------------------------------------------


def test_a_minor_is_never_recommended_hazardous_work_and_the_page_says_why(client, personas, jobs):
    teen = young(personas.unit_a, personas.counsellor_a, 16)

    found = matching.recommend_vacancies(personas.counsellor_a, teen)

    assert [m.vacancy_id for m in found.matches] == [jobs["picking"].pk]
    by_code = {e.code: e.count for e in found.excluded}
    assert by_code["hazardous"] == 2
    for job in ("spraying", "tractor"):
        candidates = matching.recommend_job_seekers(personas.counsellor_a, jobs[job])
        assert teen.pk not in [m.job_seeker_id for m in candidates.matches]
    refer(teen, jobs["picking"], personas.counsellor_a)
    client.force_login(personas.counsellor_a)
    page = client.get(f"/en/employment/job-seekers/{teen.pk}/").content.decode()
    assert "2 hazardous, closed to anyone under 18 (this person is 16)" in page


def test_below_the_minimum_age_no_vacancy_is_recommended_at_all(personas, jobs):
    child = young(personas.unit_a, personas.counsellor_a, 14)

    found = matching.recommend_vacancies(personas.counsellor_a, child)

    assert found.matches == []
    by_code = {e.code: e.count for e in found.excluded}
    assert by_code == {"minimum_age": 1, "hazardous": 2}
    assert child.pk not in [
        m.job_seeker_id
        for m in matching.recommend_job_seekers(personas.counsellor_a, jobs["picking"]).matches
    ]


def test_an_adult_is_recommended_hazardous_work(personas, jobs):
    adult = young(personas.unit_a, personas.counsellor_a, 30)

    found = matching.recommend_vacancies(personas.counsellor_a, adult)

    assert {m.vacancy_id for m in found.matches} >= {jobs["spraying"].pk, jobs["tractor"].pk}


# ---- Campaign allocation ------------------------------------------------------------------


@pytest.mark.parametrize("age, assigned", [(16, False), (18, True)])
def test_the_allocation_never_gives_a_minor_hazardous_work_even_when_floors_favour_her(
    personas, age, assigned
):
    """Each vacancy must be all women (a 100% floor). The only woman who can reach the
    hazardous vacancy is the girl; an adult woman in her place is allocated there (the
    control), the girl never is: the position stays empty or goes to another woman."""
    a, ca = personas.unit_a, personas.counsellor_a
    spraying = vacancy(a, ca, title="Pesticide spraying", tasks=["pesticides"], positions=1)
    far = vacancy(a, ca, place=IRBID_TOWN, title="Packers", positions=1)
    girl = young(a, ca, age, experience_years=5)
    woman = young(a, ca, 30, experience_years=0, max_travel_km=100)
    young(a, ca, 30, sex="male", experience_years=5, max_travel_km=100)
    campaign = draft_campaign(
        owner=a, name="Spraying 2020", vacancies=[spraying, far], drafted_by=ca, women_share=100
    )

    propose_allocation(campaign=campaign, run_by=ca)

    pairs = set(CampaignAssignment.objects.values_list("job_seeker_id", "vacancy_id"))
    assert ((girl.pk, spraying.pk) in pairs) is assigned
    assert all(seeker in (girl.pk, woman.pk) for seeker, _v in pairs)


def test_a_refugee_floor_that_only_a_minor_could_meet_is_refused_not_met_with_her(personas):
    a, ca = personas.unit_a, personas.counsellor_a
    spraying = vacancy(a, ca, title="Pesticide spraying", tasks=["pesticides"], positions=1)
    young(a, ca, 16, experience_years=5)  # the only refugee
    adult = young(a, ca, 30, sex="male")
    adult.person.displacement_status = "host_community"
    adult.person.save()
    campaign = draft_campaign(
        owner=a, name="Spraying", vacancies=[spraying], drafted_by=ca, refugee_share=100
    )

    with pytest.raises(InfeasibleFloors):
        propose_allocation(campaign=campaign, run_by=ca)

    assert not CampaignAssignment.objects.exists()


def test_applying_a_proposal_skips_a_minor_whose_vacancy_became_hazardous(personas):
    a, ca = personas.unit_a, personas.counsellor_a
    job = vacancy(a, ca, title="Olive pickers", positions=1)
    teen = young(a, ca, 17)
    campaign = draft_campaign(owner=a, name="Olives", vacancies=[job], drafted_by=ca)
    propose_allocation(campaign=campaign, run_by=ca)
    assert CampaignAssignment.objects.get().job_seeker_id == teen.pk
    update_vacancy(vacancy=job, updated_by=ca, tasks=["machinery"])

    applied = apply_campaign(campaign=campaign, applied_by=ca)

    assert applied.created == 0
    [(_assignment, reason)] = applied.skipped
    assert "nobody under 18" in reason
    assert not Referral.objects.exists()


# ---- Pages and API ------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_refer_page_refuses_a_minor_in_the_readers_language(
    client, personas, jobs, language, writes_nothing
):
    teen = young(personas.unit_a, personas.counsellor_a, 16)
    client.force_login(personas.counsellor_a)

    with writes_nothing():
        response = client.post(
            f"/{language}/employment/job-seekers/{teen.pk}/refer/",
            {"vacancy": jobs["spraying"].pk, "referred_on": TODAY.isoformat()},
        )

    page = response.content.decode()
    assert response.status_code == 200
    with translation.override(language):
        expected = gettext(
            "This person is %(age)s: nobody under 18 may do hazardous work (%(what)s)."
        ) % {"age": 16, "what": "رش المبيدات" if language == "ar" else "pesticide"}
    # The hazard's words come from the reference data, in the reader's language.
    assert expected.split("(")[0] in page
    if language == "ar":
        assert "خلط المبيدات والكيماويات الزراعية أو رشها أو تداولها" in page
        assert 'dir="rtl"' in page


def test_the_one_click_refer_refuses_a_minor(client, personas, jobs, writes_nothing):
    teen = young(personas.unit_a, personas.counsellor_a, 16)
    client.force_login(personas.counsellor_a)

    with writes_nothing():
        response = client.post(
            "/en/employment/refer/",
            {"job_seeker": teen.pk, "vacancy": jobs["tractor"].pk},
            HTTP_HX_REQUEST="true",
        )

    assert "nobody under 18" in response.content.decode()


def test_the_vacancy_page_states_its_tasks_and_that_it_is_hazardous(client, personas, jobs):
    client.force_login(personas.counsellor_a)

    page = client.get(f"/en/employment/vacancies/{jobs['spraying'].pk}/").content.decode()
    plain = client.get(f"/en/employment/vacancies/{jobs['picking'].pk}/").content.decode()

    assert "Not for anyone under 18" in page and "spraying or handling pesticides" in page
    assert "Not for anyone under 18" not in plain


def _api(client, user):
    headers = {"Authorization": f"Bearer {create_token(user=user)}"}
    return lambda path, body: client.post(
        "/api/v1/employment" + path, body, content_type="application/json", headers=headers
    )


def test_the_api_refuses_a_minors_referral_and_placement_with_the_reason(
    client, personas, jobs, writes_nothing
):
    post = _api(client, personas.counsellor_a)
    teen = young(personas.unit_a, personas.counsellor_a, 16)
    referral = refer(teen, jobs["picking"], personas.counsellor_a)
    update_vacancy(vacancy=jobs["picking"], updated_by=None, tasks=["night_work"])

    with writes_nothing():
        referred = post("/referrals", {"job_seeker": teen.pk, "vacancy": jobs["tractor"].pk})
        placed = post(
            "/placements",
            {
                "referral": referral.pk,
                "start_date": TODAY.isoformat(),
                "contract_type": "seasonal",
                "wage": "15",
                "wage_period": "daily",
            },
        )

    assert referred.status_code == 400
    assert "nobody under 18" in referred.json()["errors"]["job_seeker"][0]
    assert placed.status_code == 400
    assert "Night work" in placed.json()["errors"]["referral"][0]


def test_the_api_takes_and_shows_a_vacancys_tasks(client, personas, jobs):
    headers = {"Authorization": f"Bearer {create_token(user=personas.counsellor_a)}"}
    url = f"/api/v1/employment/vacancies/{jobs['picking'].pk}"

    before = client.get(url, headers=headers).json()
    changed = client.patch(
        url, {"tasks": ["heavy_loads"]}, content_type="application/json", headers=headers
    )
    refused = client.patch(
        url, {"tasks": ["flying"]}, content_type="application/json", headers=headers
    )

    assert before["tasks"] == [] and before["hazardous"] is False
    assert changed.json()["tasks"] == ["heavy_loads"] and changed.json()["hazardous"] is True
    assert refused.status_code == 400 and "flying" in refused.json()["errors"]["tasks"][0]
    assert client.get(f"/api/v1/employment/vacancies/{jobs['tractor'].pk}", headers=headers).json()[
        "hazardous"
    ]


# ---- Young workers placed -----------------------------------------------------------------


def _place(seeker, job, by):
    return place_job_seeker(
        referral=refer(seeker, job, by),
        start_date=TODAY,
        contract_type=Placement.ContractType.SEASONAL,
        wage=Decimal("15"),
        wage_period="daily",
        placed_by=by,
    )


@pytest.fixture
def placed(personas, jobs):
    a, ca = personas.unit_a, personas.counsellor_a
    teen = young(a, ca, 17)
    adult = young(a, ca, 18)
    # A year of birth alone 18 years ago: they may still be 17 (born at the latest 31 Dec).
    by_year = JobSeekerFactory(
        person=PersonFactory(owner=a, birth_year=TODAY.year - 18), registered_by=ca
    )
    return {
        "teen": _place(teen, jobs["picking"], ca),
        "adult": _place(adult, jobs["tractor"], ca),
        "by_year": _place(by_year, jobs["picking"], ca)
        if TODAY.month * 100 + TODAY.day < 1231
        else None,
    }


def test_the_report_lists_persons_under_18_when_the_job_started(personas, placed):
    from ..placements import queries
    from ..placements import young as young_rows

    rows = list(queries.young_workers_placed(personas.counsellor_a))
    by_occupation = queries.young_workers_by_occupation(personas.counsellor_a)

    expected = {placed["teen"].pk} | ({placed["by_year"].pk} if placed["by_year"] else set())
    assert {p.pk for p in rows} == expected
    teen = next(p for p in rows if p.pk == placed["teen"].pk)
    assert young_rows.age_at_start(teen) == 17
    assert young_rows.weekly_hours(teen) == Decimal("48")  # 8 hours, 6 days
    assert [(r["occupation"].code, r["weekly_hours"], r["placed"]) for r in by_occupation] == [
        ("9211", Decimal("48"), len(expected))
    ]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_report_page_is_scoped_to_the_readers_units(client, personas, placed, language):
    teen = placed["teen"].job_seeker.person

    client.force_login(personas.counsellor_a)
    own = client.get(f"/{language}/employment/young-workers/").content.decode()
    client.force_login(personas.counsellor_b)
    other = client.get(f"/{language}/employment/young-workers/").content.decode()

    assert teen.display_name in own or teen.name_ar in own
    assert placed["teen"].get_absolute_url().replace("/en/", f"/{language}/") in own
    assert placed["teen"].get_absolute_url().replace("/en/", f"/{language}/") not in other
    assert placed["adult"].get_absolute_url().replace("/en/", f"/{language}/") not in own


def test_the_report_api_and_export_are_scoped_too(client, personas, placed):
    def api(user):
        headers = {"Authorization": f"Bearer {create_token(user=user)}"}
        return client.get("/api/v1/employment/young-workers", headers=headers).json()

    own, other = api(personas.counsellor_a), api(personas.counsellor_b)
    client.force_login(personas.counsellor_a)
    export = client.get("/en/exports/young_workers/?format=csv")
    client.force_login(personas.counsellor_b)
    other_export = client.get("/en/exports/young_workers/?format=csv")

    teen = next(r for r in own["items"] if r["placement"] == placed["teen"].pk)
    assert teen["age_at_start"] == 17 and teen["occupation"] == "9211"
    assert teen["weekly_hours"] in ("48", "48.0", 48, 48.0) and teen["hazardous"] is False
    assert other["items"] == []
    assert export.status_code == 200
    assert other_export.status_code == 200
    body = b"".join(export.streaming_content) if export.streaming else export.content
    other_body = (
        b"".join(other_export.streaming_content) if other_export.streaming else other_export.content
    )
    assert b"9211" in body and b"9211" not in other_body


def test_the_hazards_reference_is_read_over_the_api(client, personas):
    headers = {"Authorization": f"Bearer {create_token(user=personas.counsellor_a)}"}

    data = client.get("/api/v1/protection/hazards", headers=headers).json()

    assert data["adult_age"] == 18 and data["minimum_working_age"]["JO"] == 16
    assert "pesticides" in [t["code"] for t in data["tasks"]]
    assert "8341" in [o["code"] for o in data["occupations"]]


def test_the_indicator_counts_the_young_workers_placed_in_the_period(personas, placed):
    from taawon.indicators.engine import compute

    def count(user) -> int:
        return compute(
            user, "young_workers_placed", start=TODAY, end=TODAY, by=(), filters={}
        ).total

    expected = 1 + (1 if placed["by_year"] else 0)
    assert count(personas.counsellor_a) == expected
    assert count(personas.counsellor_b) == 0
