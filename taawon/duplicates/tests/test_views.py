"""The duplicates pages, in English and Arabic, for users of each reach."""

import datetime

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from taawon.duplicates import services
from taawon.duplicates.models import DetectionRun, DuplicatePair, Merge
from taawon.people.models import Person

from .factories import khaled, pair_of

LANGS = ["en", "ar"]
NO_WORKER = "No background worker seems to be running"


@pytest.fixture
def in_a(personas):
    """A pair of unit A's records, and a pair across units A and B."""
    first = khaled(personas.unit_a, personas.counsellor_a, identifiers={"national_id": "5550001"})
    second = khaled(personas.unit_a, personas.counsellor_a, given_name_en="Khalid")
    return pair_of(first, second)


@pytest.fixture
def across(personas):
    return pair_of(
        khaled(personas.unit_a, personas.counsellor_a, phone="+962790000001"),
        khaled(personas.unit_b, personas.counsellor_b, phone="+962790000001"),
    )


@pytest.mark.parametrize("lang", LANGS)
def test_the_queue_lists_the_pairs_a_counsellor_may_read(personas, login, url, in_a, across, lang):
    response = login(personas.counsellor_a).get(url("queue", lang=lang))
    assert response.status_code == 200
    page = response.content.decode()
    assert f"/pairs/{in_a.pk}/" in page
    assert f"/pairs/{across.pk}/" not in page
    assert ('dir="rtl"' if lang == "ar" else 'dir="ltr"') in page


def test_the_queue_filters_by_status_and_answers_htmx_with_the_rows(personas, login, url, in_a):
    client = login(personas.officer)
    response = client.get(url("queue"), {"status": "rejected"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "<html" not in response.content.decode()
    assert f"/pairs/{in_a.pk}/" not in response.content.decode()


@pytest.mark.parametrize("lang", LANGS)
def test_the_pair_page_shows_both_records_side_by_side_with_reasons(
    personas, login, url, in_a, lang
):
    response = login(personas.counsellor_a).get(url("pair_detail", in_a.pk, lang=lang))
    page = response.content.decode()
    assert response.status_code == 200
    assert "خالد إبراهيم الزعبي" in page
    assert "Khalid Ibrahim Al-Zoubi" in page and "Khaled Ibrahim Al-Zoubi" in page
    assert "5550001" not in page  # identifiers masked
    assert url("pair_merge", in_a.pk, lang=lang) in page
    if lang == "ar":
        assert "Same date of birth" not in page


@pytest.mark.parametrize("lang", LANGS)
def test_a_pair_out_of_reach_is_not_found(personas, login, url, across, lang):
    client = login(personas.counsellor_a)
    assert client.get(url("pair_detail", across.pk, lang=lang)).status_code == 404
    response = client.post(
        url("pair_merge", across.pk, lang=lang), {"survivor": across.person_a_id}
    )
    assert response.status_code == 404
    assert client.post(url("pair_reject", across.pk, lang=lang)).status_code == 404
    assert not Merge.objects.exists()


def test_a_viewer_sees_the_pair_but_no_buttons_and_may_not_merge(personas, login, url, in_a):
    client = login(personas.viewer_a)
    page = client.get(url("pair_detail", in_a.pk)).content.decode()
    assert url("pair_merge", in_a.pk) not in page
    response = client.post(url("pair_merge", in_a.pk), {"survivor": in_a.person_a_id})
    assert response.status_code == 403


@pytest.mark.parametrize("lang", LANGS)
def test_confirm_and_merge_keeps_the_chosen_record(personas, login, url, in_a, lang):
    client = login(personas.counsellor_a)
    choice = {"survivor": in_a.person_b_id}
    asked = client.post(url("pair_merge", in_a.pk, lang=lang), choice)
    assert asked.status_code == 200 and not Merge.objects.exists()
    response = client.post(
        url("pair_merge", in_a.pk, lang=lang), {**choice, "confirm": asked.context["token"]}
    )
    assert response.status_code == 302
    merged = Person.objects.get(pk=in_a.person_a_id)
    assert merged.status == Person.Status.MERGED and merged.merged_into_id == in_a.person_b_id


def test_a_survivor_outside_the_pair_is_refused(personas, login, url, in_a):
    response = login(personas.counsellor_a).post(url("pair_merge", in_a.pk), {"survivor": 99999})
    assert response.status_code == 400
    assert not Merge.objects.exists()


def test_not_the_same_person_rejects_the_pair(personas, login, url, in_a):
    client = login(personas.counsellor_a)
    asked = client.post(url("pair_reject", in_a.pk))
    assert asked.status_code == 200
    in_a.refresh_from_db()
    assert in_a.status == DuplicatePair.Status.PENDING
    response = client.post(url("pair_reject", in_a.pk), {"confirm": asked.context["token"]})
    assert response.status_code == 302
    in_a.refresh_from_db()
    assert in_a.status == DuplicatePair.Status.REJECTED


@pytest.mark.parametrize("lang", LANGS)
def test_the_merges_list_offers_undo_and_undo_separates_the_records(
    personas, login, url, in_a, lang
):
    merge = services.merge_pair(
        pair=in_a, survivor=in_a.person_a, performed_by=personas.counsellor_a
    )
    client = login(personas.counsellor_a)
    page = client.get(url("merge_list", lang=lang)).content.decode()
    assert url("merge_undo", merge.pk, lang=lang) in page
    assert client.post(url("merge_undo", merge.pk, lang=lang)).status_code == 302
    assert Person.objects.get(pk=in_a.person_b_id).status == Person.Status.ACTIVE
    login(personas.counsellor_b)
    assert client.post(url("merge_undo", merge.pk)).status_code == 404


@pytest.mark.parametrize("lang", LANGS)
def test_starting_a_run_leads_to_its_progress_page_which_polls_until_done(
    personas, login, url, in_a, lang, django_capture_on_commit_callbacks
):
    client = login(personas.officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("run_start", lang=lang))
    run = DetectionRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("run_detail", run.pk, lang=lang)
    page = client.get(response["Location"]).content.decode()
    assert "100%" in page
    assert 'hx-trigger="every 2s"' not in page  # done: the page stops polling


def test_a_run_waiting_for_a_worker_says_none_is_running_and_how_to_start_one(
    personas, login, url, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client = login(personas.officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("run_start"))
    run = DetectionRun.objects.get()
    task = DBTaskResult.objects.get()  # queued, and no worker takes it
    assert NO_WORKER not in client.get(url("run_detail", run.pk)).content.decode()

    DBTaskResult.objects.filter(pk=task.pk).update(
        enqueued_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    page = client.get(url("run_detail", run.pk)).content.decode()
    assert NO_WORKER in page and "taawon db_worker" in page


def test_a_running_run_polls_and_htmx_gets_only_the_progress(personas, login, url):
    run = DetectionRun.objects.create(
        started_by=personas.officer,
        status=DetectionRun.Status.RUNNING,
        persons_total=200,
        persons_done=50,
    )
    client = login(personas.officer)
    page = client.get(url("run_detail", run.pk)).content.decode()
    assert 'hx-trigger="every 2s"' in page and "25%" in page
    partial = client.get(url("run_detail", run.pk), HTTP_HX_REQUEST="true").content.decode()
    assert partial.lstrip().startswith('<div id="progress"')


def test_counsellors_may_not_start_runs_nor_see_them(personas, login, url):
    run = DetectionRun.objects.create(started_by=personas.officer)
    client = login(personas.counsellor_a)
    assert client.post(url("run_start")).status_code == 403
    assert client.get(url("run_detail", run.pk)).status_code == 404
    assert "run_start" not in client.get(url("queue")).content.decode()


def test_users_without_reach_get_no_queue(personas, login, url):
    for user in (personas.ministry_officer, personas.aggregate, personas.outsider):
        assert login(user).get(url("queue")).status_code == 404


@pytest.mark.parametrize("lang", LANGS)
def test_an_administrator_sets_a_rule_and_others_may_not(personas, login, url, lang):
    client = login(personas.admin)
    response = client.post(
        url("rule_list", lang=lang),
        {
            "name": "Same phone and date",
            "min_score": "0.95",
            "required_reasons": ["same_phone", "same_birth_date"],
        },
    )
    assert response.status_code == 302
    page = client.get(url("rule_list", lang=lang)).content.decode()
    assert "Same phone and date" in page
    assert login(personas.officer).get(url("rule_list", lang=lang)).status_code == 404


def test_a_rule_without_evidence_is_refused_on_the_form(personas, login, url):
    response = login(personas.admin).post(
        url("rule_list"), {"name": "Anything", "min_score": "0.9"}
    )
    assert response.status_code == 200
    assert "Choose at least one reason the rule requires." in response.content.decode()


@pytest.fixture
def twins_pair(personas):
    """Twin brothers raised by an older matcher: the reasons say sibling."""
    return pair_of(
        khaled(personas.unit_a, personas.counsellor_a),
        khaled(personas.unit_a, personas.counsellor_a, given_name_ar="حسن", given_name_en="Hasan"),
        score=0.95,
    )


@pytest.mark.parametrize("lang", LANGS)
def test_twins_are_merged_only_when_the_reviewer_ticks_one_person(
    personas, login, url, twins_pair, lang
):
    client = login(personas.counsellor_a)
    page = client.get(url("pair_detail", twins_pair.pk, lang=lang)).content.decode()
    assert 'name="one_person"' in page
    if lang == "ar":
        assert "اسم أول مختلف والعائلة نفسها" in page or "Different given name" in page
    choice = {"survivor": twins_pair.person_a_id}
    refused = client.post(url("pair_merge", twins_pair.pk, lang=lang), choice)
    assert refused.status_code == 400
    assert refused.context["form"].errors["one_person"]
    assert not Merge.objects.exists()
    asked = client.post(url("pair_merge", twins_pair.pk, lang=lang), {**choice, "one_person": "on"})
    assert asked.status_code == 200 and not Merge.objects.exists()
    done = client.post(
        url("pair_merge", twins_pair.pk, lang=lang),
        {**choice, "one_person": "on", "confirm": asked.context["token"]},
    )
    assert done.status_code == 302
    assert Merge.objects.get().survivor_id == twins_pair.person_a_id


def test_an_ordinary_pair_does_not_ask_about_siblings(personas, login, url, in_a):
    page = login(personas.counsellor_a).get(url("pair_detail", in_a.pk)).content.decode()
    assert 'name="one_person"' not in page
