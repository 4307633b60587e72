"""Recommendations on the job seeker's and the vacancy's pages, and the one-click Refer."""

import pytest

from ..placements.models import Referral
from .test_matching import seeker, vacancy


@pytest.fixture
def pair(personas):
    a, ca = personas.unit_a, personas.counsellor_a
    return seeker(a, ca), vacancy(a, ca, title="Olive pickers")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_job_seekers_page_shows_the_recommended_vacancies(client, personas, pair, language):
    s, v = pair
    client.force_login(personas.counsellor_a)

    page = client.get(f"/{language}/employment/job-seekers/{s.pk}/").content.decode()

    assert v.get_absolute_url().replace("/en/", f"/{language}/") in page
    assert "Olive pickers" in page
    assert f'name="vacancy" value="{v.pk}"' in page


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_vacancys_page_shows_its_candidates(client, personas, pair, language):
    s, v = pair
    client.force_login(personas.counsellor_a)

    page = client.get(f"/{language}/employment/vacancies/{v.pk}/").content.decode()

    assert s.person.name_ar in page or s.person.name_en in page
    assert f'name="job_seeker" value="{s.pk}"' in page


def test_refer_with_one_click_creates_the_referral(client, personas, pair):
    s, v = pair
    client.force_login(personas.counsellor_a)

    response = client.post(
        "/en/employment/refer/",
        {"job_seeker": s.pk, "vacancy": v.pk, "back": "seeker"},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    assert "Referred" in response.content.decode()
    assert Referral.objects.filter(job_seeker=s, vacancy=v, status="referred").exists()
    page = client.get(f"/en/employment/job-seekers/{s.pk}/").content.decode()
    assert f'name="vacancy" value="{v.pk}"' not in page  # no longer recommended


def test_refer_twice_says_why_and_writes_nothing_more(client, personas, pair):
    s, v = pair
    client.force_login(personas.counsellor_a)
    client.post("/en/employment/refer/", {"job_seeker": s.pk, "vacancy": v.pk})

    response = client.post(
        "/en/employment/refer/", {"job_seeker": s.pk, "vacancy": v.pk}, HTTP_HX_REQUEST="true"
    )

    assert "already referred" in response.content.decode()
    assert Referral.objects.filter(job_seeker=s, vacancy=v).count() == 1


def test_another_units_counsellor_can_neither_see_nor_refer(client, personas, pair):
    s, v = pair
    client.force_login(personas.counsellor_b)

    assert client.get(f"/en/employment/vacancies/{v.pk}/").status_code == 404
    response = client.post("/en/employment/refer/", {"job_seeker": s.pk, "vacancy": v.pk})
    assert response.status_code == 404
    assert not Referral.objects.exists()


def test_a_viewer_sees_recommendations_without_a_refer_button(client, personas, pair):
    s, v = pair
    client.force_login(personas.viewer_a)

    page = client.get(f"/en/employment/job-seekers/{s.pk}/").content.decode()

    assert "Olive pickers" in page
    assert "/employment/refer/" not in page
    response = client.post("/en/employment/refer/", {"job_seeker": s.pk, "vacancy": v.pk})
    assert response.status_code == 404
