"""The referral form's drop-downs on a unit with more records than a page should carry: the
best fits first, a bounded number of them, the search for the others, and whatever was chosen
kept and accepted even when it is not among those listed."""

import re

import pytest

from ..placements.forms import ReferralForm
from ..placements.models import Referral
from ..vacancies.services import close_vacancy
from .factories import JobSeekerFactory, PersonFactory, VacancyFactory

pytestmark = pytest.mark.django_db

SHOWN = 3


@pytest.fixture
def few_shown(monkeypatch):
    """The form's pickers list SHOWN records, so that a handful of them overflow."""
    for name in ("vacancy", "job_seeker"):
        monkeypatch.setattr(ReferralForm.base_fields[name].widget, "shown", SHOWN)


def listed(page: str, name: str) -> list[int]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S).group(1)
    return [int(pk) for pk in re.findall(r'<option value="(\d+)"', select)]


def selected(page: str, name: str) -> list[int]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S).group(1)
    return [int(pk) for pk in re.findall(r'<option value="(\d+)"[^>]*selected', select)]


@pytest.fixture
def vacancies(personas, unit_a):
    """unit_a's vacancy in the job seeker's occupation, and five in another."""
    others = [
        VacancyFactory(
            employer=unit_a.employer,
            occupation="7112",
            title=f"Bricklayers {i}",
            posted_by=personas.counsellor_a,
        )
        for i in range(5)
    ]
    return [unit_a.vacancy, *others]


def test_a_job_seeker_is_offered_the_best_fitting_vacancies_first_and_no_more_than_shown(
    client, personas, unit_a, vacancies, few_shown
):
    client.force_login(personas.counsellor_a)
    page = client.get(f"/en/employment/job-seekers/{unit_a.seeker.pk}/refer/").content.decode()

    # The vacancy in the occupation sought first, then the newest.
    assert listed(page, "vacancy") == [
        unit_a.vacancy.pk,
        *sorted((v.pk for v in vacancies[1:]), reverse=True)[: SHOWN - 1],
    ]
    assert f"Only the first {SHOWN} are listed: search to find the others." in page
    assert 'hx-get="/en/employment/vacancies/search/"' in page


def test_a_short_list_says_nothing_about_others(client, personas, unit_a, few_shown):
    client.force_login(personas.counsellor_a)
    page = client.get(f"/en/employment/job-seekers/{unit_a.seeker.pk}/refer/").content.decode()

    assert listed(page, "vacancy") == [unit_a.vacancy.pk]
    assert "search to find the others" not in page


def test_a_vacancy_found_by_the_search_beyond_those_listed_is_accepted_and_kept(
    client, personas, unit_a, vacancies, few_shown
):
    client.force_login(personas.counsellor_a)
    url = f"/en/employment/job-seekers/{unit_a.seeker.pk}/refer/"
    oldest = vacancies[1]
    assert oldest.pk not in listed(client.get(url).content.decode(), "vacancy")

    # A field error elsewhere: the page comes back with the vacancy still chosen, and listed.
    page = client.post(url, {"vacancy": oldest.pk, "referred_on": "not a date"}).content.decode()
    assert selected(page, "vacancy") == [oldest.pk]
    assert not Referral.objects.exists()

    response = client.post(url, {"vacancy": oldest.pk, "referred_on": "2026-12-01"})
    assert response.status_code == 302
    assert Referral.objects.get().vacancy == oldest


def test_a_vacancy_out_of_reach_is_refused_and_never_listed(
    client, personas, unit_a, unit_b, few_shown
):
    client.force_login(personas.counsellor_a)
    url = f"/en/employment/job-seekers/{unit_a.seeker.pk}/refer/"

    page = client.post(url, {"vacancy": unit_b.vacancy.pk, "referred_on": "2026-12-01"})

    assert page.status_code == 200
    assert "Select a valid choice" in page.content.decode()
    assert unit_b.vacancy.pk not in listed(page.content.decode(), "vacancy")
    assert not Referral.objects.exists()


def test_a_vacancy_is_offered_the_job_seekers_of_its_unit_bounded_alike(
    client, personas, unit_a, few_shown
):
    seekers = [
        JobSeekerFactory(
            person=PersonFactory(owner=personas.unit_a), registered_by=personas.counsellor_a
        )
        for _ in range(SHOWN + 1)
    ]
    client.force_login(personas.counsellor_a)
    url = f"/en/employment/vacancies/{unit_a.vacancy.pk}/refer/"
    page = client.get(url).content.decode()

    assert len(listed(page, "job_seeker")) == SHOWN
    assert "search to find the others" in page
    first = min(s.pk for s in [unit_a.seeker, *seekers])
    assert first not in listed(page, "job_seeker")
    response = client.post(url, {"job_seeker": first, "referred_on": "2026-12-01"})
    assert response.status_code == 302
    assert Referral.objects.get().job_seeker_id == first


def test_the_vacancy_search_finds_open_vacancies_in_reach_only(
    client, personas, unit_a, unit_b, vacancies
):
    close_vacancy(vacancy=vacancies[1], closed_by=personas.counsellor_a)
    client.force_login(personas.counsellor_a)

    response = client.get("/en/employment/vacancies/search/", {"q": "Bricklayers"})
    page = response.content.decode()

    found = {int(pk) for pk in re.findall(r'data-picker-value="(\d+)"', page)}
    assert found == {v.pk for v in vacancies[2:]}
    by_employer = client.get(
        "/en/employment/vacancies/search/", {"q": unit_a.employer.name_en}
    ).content.decode()
    assert f'data-picker-value="{unit_a.vacancy.pk}"' in by_employer
    assert f'data-picker-value="{unit_b.vacancy.pk}"' not in by_employer
    client.force_login(personas.outsider)
    assert client.get("/en/employment/vacancies/search/", {"q": "a"}).status_code == 404
