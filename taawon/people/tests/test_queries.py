"""Scoped reads: the list, search by name in both scripts, filters, history."""

import datetime

import pytest

from taawon.accounts import scoping
from taawon.people import queries, services
from taawon.people.models import Person

from .factories import PersonFactory, governorate


def names(persons) -> set[str]:
    return {p.name_en or p.name_ar for p in persons}


@pytest.fixture
def registry(personas):
    amman, irbid = governorate("JO-AM"), governorate("JO-IR")
    return {
        "mohammad": PersonFactory(
            owner=personas.unit_a,
            given_name_ar="محمد",
            father_name_ar="",
            family_name_ar="الخليل",
            given_name_en="",
            father_name_en="",
            family_name_en="",
            sex="male",
            governorate=amman.pk,
        ),
        "fatima": PersonFactory(
            owner=personas.unit_a,
            given_name_en="Fatima",
            family_name_en="Al-Zoubi",
            given_name_ar="فاطمة",
            family_name_ar="الزعبي",
            sex="female",
            nationality="JO",
            displacement_status="host_community",
            governorate=irbid.pk,
        ),
        "omar": PersonFactory(
            owner=personas.unit_b,
            given_name_en="Omar",
            family_name_en="Al-Masri",
            given_name_ar="عمر",
            family_name_ar="المصري",
            sex="male",
            governorate=amman.pk,
        ),
    }


def test_a_counsellor_lists_only_their_units_persons(personas, registry):
    listed = queries.person_list(personas.counsellor_a)

    assert set(listed) == {registry["mohammad"], registry["fatima"]}


def test_the_programme_officer_lists_every_unit(personas, registry):
    assert set(queries.person_list(personas.officer)) == set(registry.values())


@pytest.mark.parametrize("who", ["ministry_officer", "aggregate", "outsider"])
def test_users_without_registry_rights_list_nothing(personas, registry, who):
    assert not queries.person_list(getattr(personas, who)).exists()


def test_the_list_is_newest_first(personas, registry):
    listed = list(queries.person_list(personas.officer))

    assert [p.pk for p in listed] == sorted((p.pk for p in listed), reverse=True)


@pytest.mark.parametrize("query", ["Mohammed", "Muhammad", "mohamad", "محمد", "مح", "الخليل"])
def test_search_finds_an_arabic_name_by_latin_spelling_arabic_or_prefix(personas, registry, query):
    assert list(queries.person_list(personas.counsellor_a, q=query)) == [registry["mohammad"]]


def test_search_by_latin_prefix_and_without_the_article(personas, registry):
    for query in ("Fat", "fatima zou", "Zoubi", "الزعبي فاطمة"):
        assert list(queries.person_list(personas.counsellor_a, q=query)) == [registry["fatima"]], (
            query
        )


def test_every_search_term_must_match(personas, registry):
    assert not queries.person_list(personas.counsellor_a, q="Fatima Khalil").exists()


def test_search_stays_in_scope(personas, registry):
    assert not queries.person_list(personas.counsellor_a, q="Omar").exists()
    assert list(queries.person_list(personas.officer, q="Omar")) == [registry["omar"]]


def test_filters_narrow_the_list(personas, registry):
    user = personas.officer
    amman = governorate("JO-AM")

    assert set(queries.person_list(user, governorate=amman.pk)) == {
        registry["mohammad"],
        registry["omar"],
    }
    assert list(queries.person_list(user, sex="female")) == [registry["fatima"]]
    assert list(queries.person_list(user, nationality="jo")) == [registry["fatima"]]
    assert list(queries.person_list(user, displacement_status="host_community")) == [
        registry["fatima"]
    ]
    assert list(queries.person_list(user, q="Omar", governorate=amman.pk)) == [registry["omar"]]


def test_archived_persons_leave_the_default_list(personas, registry):
    services.archive_person(person=registry["fatima"], archived_by=personas.counsellor_a)

    assert registry["fatima"] not in queries.person_list(personas.counsellor_a)
    assert list(queries.person_list(personas.counsellor_a, status="archived")) == [
        registry["fatima"]
    ]
    assert registry["fatima"] in queries.person_list(personas.counsellor_a, status=None)


def test_a_list_page_is_one_query_and_a_search_adds_a_few_index_reads(
    personas, registry, django_assert_num_queries
):
    """Per term: its keys counted by prefix and by sound (2); the persons of both terms (1);
    then the page itself, among those persons, with what a row shows joined in (1)."""
    user = personas.officer
    amman = governorate("JO-AM")
    scoping.reach(user, domain="people")  # reach is loaded once per request

    with django_assert_num_queries(1):
        rows = list(queries.person_list(user, governorate=amman.pk)[:26])
    with django_assert_num_queries(2 * 2 + 1 + 1):
        searched = list(queries.person_list(user, q="Omar Masri")[:26])
        for person in rows + searched:
            str(person.governorate), str(person.owner), person.get_sex_display()

    assert len(rows) == 2 and searched == [registry["omar"]]


@pytest.mark.parametrize(
    "query", ["Mohammed", "al", "Omar Masri", "فاطمة الزعبي", "Fatima Zoubi Irbid", "zzz"]
)
def test_every_search_plan_finds_the_same_persons(personas, registry, query):
    everyone = Person.objects.order_by("-id")

    by_rarest_term = list(queries.search(everyone, query, drive_below=10**9))
    by_probing_rows = list(queries.search(everyone, query, drive_below=1, intersect_below=1))
    by_intersecting = list(queries.search(everyone, query, drive_below=1, intersect_below=10**9))

    assert by_rarest_term == by_probing_rows == by_intersecting


def test_two_middling_terms_meet_as_intersected_sets_and_a_third_is_probed(personas, registry):
    # Both scripts given: the factory's Arabic names depend on how many persons came before.
    PersonFactory(
        owner=personas.unit_a,
        given_name_en="Fatima",
        family_name_en="Haddad",
        given_name_ar="فاطمة",
        family_name_ar="الحداد",
    )
    PersonFactory(
        owner=personas.unit_a,
        given_name_en="Salma",
        family_name_en="Al-Zoubi",
        given_name_ar="سلمى",
        family_name_ar="الزعبي",
    )
    everyone = Person.objects.order_by("-id")

    found = queries.search(everyone, "Fatima Zoubi", drive_below=1, intersect_below=10**9)
    narrowed = queries.search(everyone, "Fatima Zoubi zzz", drive_below=1, intersect_below=10**9)

    assert list(found) == [registry["fatima"]]
    assert list(narrowed) == []


def test_an_intersection_of_more_persons_than_may_be_taken_is_probed_instead(
    personas, registry, monkeypatch, django_assert_num_queries
):
    PersonFactory(owner=personas.unit_a, given_name_en="Fatima", family_name_en="Al-Zoubi")
    everyone = Person.objects.order_by("-id")
    search = {"drive_below": 1, "intersect_below": 10**9}

    # Each term counted by prefix and sound (4), the intersection read (1), the page (1).
    with django_assert_num_queries(6):
        assert len(queries.search(everyone, "Fatima Zoubi", **search)) == 2
    monkeypatch.setattr(queries, "INTERSECTED_ROWS", 1)
    probed = queries.search(everyone, "Fatima Zoubi", **search)
    assert "EXISTS" in str(probed.query)
    assert len(probed) == 2


@pytest.fixture
def fresh_counts(monkeypatch):
    """Term counts kept from a count of one key row up, none kept yet."""
    monkeypatch.setattr(queries, "COMMON_KEYS", 1)
    monkeypatch.setattr(queries, "_common", {})


def test_a_common_terms_count_is_kept_and_a_rare_ones_taken_afresh(
    personas, registry, fresh_counts, monkeypatch, django_assert_num_queries
):
    everyone = Person.objects.order_by("-id")
    # Prefix and sound counted (2), then the page (1); the second time only the page.
    with django_assert_num_queries(3):
        assert list(queries.search(everyone, "Omar")) == [registry["omar"]]
    with django_assert_num_queries(1):
        assert list(queries.search(everyone, "Omar")) == [registry["omar"]]

    # Nothing matched "Nadia" at first: a count of none is never kept, so she is found at once.
    assert list(queries.search(everyone, "Nadia")) == []
    nadia = PersonFactory(owner=personas.unit_a, given_name_en="Nadia", family_name_en="Saleh")
    assert list(queries.search(everyone, "Nadia")) == [nadia]

    # A kept count goes stale after COMMON_FOR seconds.
    monkeypatch.setattr(queries, "COMMON_FOR", -1.0)
    monkeypatch.setattr(queries, "_common", {})
    list(queries.search(everyone, "Omar"))
    with django_assert_num_queries(3):
        list(queries.search(everyone, "Omar"))


def test_get_person_for_user_is_a_404_out_of_scope(personas, registry):
    from django.http import Http404

    assert queries.get_person_for_user(personas.counsellor_a, registry["fatima"].pk)
    with pytest.raises(Http404):
        queries.get_person_for_user(personas.counsellor_a, registry["omar"].pk)
    with pytest.raises(Http404):
        queries.get_person_for_user(personas.viewer_a, registry["fatima"].pk, scoping.CHANGE)


def test_history_holds_the_person_its_identifiers_and_consents(personas):
    person = PersonFactory(owner=personas.unit_a, identifiers={"passport": "N9876543"})
    services.record_consent(
        person=person,
        purpose="sms",
        given=True,
        date=person.created_at.date(),
        recorded_by=personas.counsellor_a,
    )
    PersonFactory(owner=personas.unit_a, identifiers={"passport": "N0000001"})

    history = list(queries.person_history(person))

    assert {e.object_type for e in history} == {
        "people.person",
        "people.personidentifier",
        "people.consent",
    }
    rows = queries.describe_history(history, person)
    assert any(row.subject == "Passport" for row in rows)


def test_duplicate_candidates_come_from_the_whole_registry(personas, registry):
    record = {
        "given_name_en": "Omar",
        "family_name_en": "Masri",
        "sex": "male",
        "birth_year": registry["omar"].birth_year,
    }

    found = queries.find_duplicate_candidates(values=record, blind_indexes={})

    assert [person for person, _match in found] == [registry["omar"]]
    assert not Person.objects.filter(status="merged").exists()


@pytest.mark.parametrize("drive_below", [10**9, 1], ids=["rare names drive", "all common"])
def test_both_blocking_plans_find_a_duplicate_across_scripts(personas, registry, drive_below):
    record = {
        "given_name_en": "Mohamed",
        "family_name_en": "El-Khalil",
        "sex": "male",
        "birth_year": registry["mohammad"].birth_year + 1,
    }

    found = queries.find_duplicate_candidates(
        values=record, blind_indexes={}, drive_below=drive_below
    )

    assert [person for person, _match in found] == [registry["mohammad"]]


def test_a_namesake_born_years_apart_is_not_a_candidate(personas, registry):
    record = {
        "given_name_ar": "محمد",
        "family_name_ar": "الخليل",
        "sex": "male",
        "birth_year": registry["mohammad"].birth_year + 1 + queries.BIRTH_WINDOW,
    }

    assert not queries.find_duplicate_candidates(values=record, blind_indexes={})


def test_a_person_written_with_day_and_month_swapped_is_found_by_the_date_of_birth(
    personas, registry
):
    fatima = registry["fatima"]
    fatima.date_of_birth, fatima.birth_year = datetime.date(1990, 3, 7), 1990
    fatima.save(update_fields=["date_of_birth", "birth_year"])
    record = {
        "given_name_en": "Fatma",
        "family_name_ar": "الزعبي",
        "sex": "female",
        "date_of_birth": datetime.date(1990, 7, 3),
    }

    found = queries.find_duplicate_candidates(values=record, blind_indexes={})

    assert [person for person, _match in found] == [fatima]
