"""Pickers that search as one types: each kind's endpoint finds by English or Arabic name or
code, answers an HTML fragment of options, and never returns a record out of the user's reach;
the forms keep their plain <select> for a browser without JavaScript."""

import pytest

from taawon.people.tests.factories import PersonFactory as RegisteredPersonFactory

from .factories import EmployerFactory, JobSeekerFactory

pytestmark = pytest.mark.django_db


def options(client, path: str, q: str, **params) -> str:
    response = client.get(path, {"q": q, **params})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<html" not in page  # a fragment for htmx
    return page


@pytest.mark.parametrize("q", ["9211", "crop farm", "مزارع المحاصيل", "مزارع  المحاصيل"])
def test_the_occupation_search_finds_unit_groups_by_code_and_title_in_both_languages(
    client, personas, q
):
    client.force_login(personas.counsellor_a)
    page = options(client, "/en/occupations/search/", q)
    assert 'data-picker-value="9211"' in page
    # Only unit groups, the level the forms take: not the minor group 921.
    assert 'data-picker-value="921"' not in page


def test_the_occupation_search_answers_arabic_titles_on_arabic_pages(client, personas):
    client.force_login(personas.counsellor_a)
    page = options(client, "/ar/occupations/search/", "921")
    assert "عمال مزارع المحاصيل" in page


def test_an_unknown_occupation_says_no_one_matches(client, personas):
    client.force_login(personas.counsellor_a)
    assert "No one matches." in options(client, "/en/occupations/search/", "zzzz")
    assert "data-picker-value" not in options(client, "/en/occupations/search/", "")


@pytest.mark.parametrize("q", ["Mafraq", "mafr", "المفرق", "JO-MA", "JO22"])
def test_the_governorate_search_finds_by_name_or_code(client, personas, q):
    client.force_login(personas.counsellor_a)
    page = options(client, "/en/geo/governorates/search/", q)
    assert "Mafraq" in page


def test_the_district_search_keeps_to_the_governorate_given(client, personas):
    client.force_login(personas.counsellor_a)
    page = options(client, "/en/geo/districts/search/", "قصبة المفرق")
    assert "Qasabat al-Mafraq" in page


def test_the_person_search_returns_only_persons_in_reach(client, personas):
    names = {"given_name_en": "Nadia", "family_name_en": "Haddad"}
    ours = RegisteredPersonFactory(owner=personas.unit_a, **names)
    theirs = RegisteredPersonFactory(owner=personas.unit_b, **names)
    client.force_login(personas.counsellor_a)
    page = options(client, "/en/people/search/", "Nadia Haddad")
    assert f'data-picker-value="{ours.pk}"' in page
    assert f'data-picker-value="{theirs.pk}"' not in page
    client.force_login(personas.outsider)
    assert "data-picker-value" not in options(client, "/en/people/search/", "Nadia")


def test_the_employer_and_job_seeker_searches_return_only_records_in_reach(client, personas):
    ours = EmployerFactory(
        owner=personas.unit_a, created_by=personas.counsellor_a, name_en="Zed Farms"
    )
    theirs = EmployerFactory(
        owner=personas.unit_b, created_by=personas.counsellor_b, name_en="Zed Farms"
    )
    seeker_a = JobSeekerFactory(
        person=RegisteredPersonFactory(owner=personas.unit_a, given_name_en="Rami"),
        registered_by=personas.counsellor_a,
    )
    seeker_b = JobSeekerFactory(
        person=RegisteredPersonFactory(owner=personas.unit_b, given_name_en="Rami"),
        registered_by=personas.counsellor_b,
    )
    client.force_login(personas.counsellor_a)
    employers = options(client, "/en/employment/employers/search/", "Zed")
    assert f'data-picker-value="{ours.pk}"' in employers
    assert f'data-picker-value="{theirs.pk}"' not in employers
    seekers = options(client, "/en/employment/job-seekers/search/", "Rami")
    assert f'data-picker-value="{seeker_a.pk}"' in seekers
    assert f'data-picker-value="{seeker_b.pk}"' not in seekers
    client.force_login(personas.outsider)
    assert client.get("/en/employment/employers/search/", {"q": "Zed"}).status_code == 404


def test_the_searches_need_a_login(client):
    for path in ("/en/occupations/search/", "/en/geo/governorates/search/", "/en/people/search/"):
        assert client.get(path, {"q": "a"}).status_code == 302


def test_the_vacancy_form_keeps_its_select_and_adds_a_hidden_search_box(client, personas):
    employer = EmployerFactory(owner=personas.unit_a, created_by=personas.counsellor_a)
    client.force_login(personas.counsellor_a)
    page = client.get(f"/en/employment/employers/{employer.pk}/vacancies/new/").content.decode()
    main = page[page.index("<main") : page.index("</main>")]
    # Without JavaScript the <select> is the field; the search box shows only with pickers.js.
    assert '<select name="occupation"' in main
    assert 'value="9211"' in main
    assert 'hx-get="/en/occupations/search/"' in main
    search = main[main.index("data-picker-search") - 200 : main.index("data-picker-search") + 400]
    assert " hidden" in search and ' name="' not in search
    assert "taawon/pickers.js" in main
    for inline in ("<script>", " onclick=", " style=", "hx-on"):
        assert inline not in main
