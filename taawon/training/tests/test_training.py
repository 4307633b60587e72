"""Completion and certification, the bad inputs of the issue, the cascade over the database,
scoping, the attendance sheet's dry run, and the public verification of a certificate."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from taawon.accounts.services import create_token
from taawon.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from taawon.core.testing import PASSWORD, pdf_text
from taawon.indicators.engine import compute
from taawon.training import queries, services
from taawon.training.models import Attendance, CertifiedTrainer, Event, Facilitator, Participant

from .factories import DAY, event, person, trained

pytestmark = pytest.mark.django_db


def test_completion_follows_the_courses_attendance_rule(personas):
    e = event(personas.unit_a, days=5)
    four = trained(e, person(personas.unit_a), days=4)
    three = trained(e, person(personas.unit_a), days=3)
    assert (four.days_attended, four.completed) == (4, True)  # 80%
    assert (three.days_attended, three.completed) == (3, False)  # 60%


def test_a_post_test_minimum_is_part_of_the_rule(personas):
    e = event(personas.unit_a, days=2)
    course = e.course
    course.min_post_score = Decimal("50")
    course.save()
    p = trained(e, person(personas.unit_a))
    p = services.record_scores(participant=p, pre_score="30", post_score="45", by=None)
    assert not p.completed
    p = services.record_scores(participant=p, pre_score="30", post_score="72.5", by=None)
    assert p.completed and p.gain == Decimal("42.5")


def test_completing_a_training_of_trainers_certifies_a_trainer(personas):
    tot = event(personas.unit_a, kind="tot", days=3)
    p = trained(tot, person(personas.unit_a))
    trainer = CertifiedTrainer.objects.get(person=p.person)
    assert (trainer.course, trainer.tot_event, trainer.certified_on) == (
        tot.course,
        tot,
        tot.end_date,
    )
    # Attendance corrected below the rule: no longer certified.
    services.record_attendance(event=tot, present={p.pk: [DAY]}, by=None)
    assert not CertifiedTrainer.objects.filter(person=p.person).exists()


def test_attendance_outside_the_events_dates_is_refused_and_nothing_written(personas):
    e = event(personas.unit_a, days=3)
    p = services.add_participant(event=e, person=person(personas.unit_a), by=None)
    with pytest.raises(ValidationFailed) as refused:
        services.record_attendance(
            event=e, present={p.pk: [DAY, DAY + datetime.timedelta(days=3)]}, by=None
        )
    assert "outside the event" in refused.value.field_errors["attendance"][0]
    assert not Attendance.objects.filter(participant=p).exists()


@pytest.mark.parametrize("score", ["-1", "100.01", "abc", "NaN", "1.234"])
def test_a_score_outside_the_tests_scale_is_refused(personas, score):
    e = event(personas.unit_a, days=1)
    p = trained(e, person(personas.unit_a))
    with pytest.raises(ValidationFailed) as refused:
        services.record_scores(participant=p, pre_score=score, post_score="50", by=None)
    assert list(refused.value.field_errors) == ["pre_score"]
    p.refresh_from_db()
    assert p.pre_score is None and p.post_score is None


def test_a_certificate_only_for_someone_who_completed(personas):
    e = event(personas.unit_a, days=5)
    absent = trained(e, person(personas.unit_a), days=1)
    with pytest.raises(ValidationFailed) as refused:
        services.issue_certificate(participant=absent, by=None)
    assert "participant" in refused.value.field_errors
    absent.refresh_from_db()
    assert absent.certificate_code is None
    done = services.issue_certificate(participant=trained(e, person(personas.unit_a)), by=None)
    assert done.certificate_code.startswith("TC-")
    # Undoing the completion of a certified participant is refused, nothing written.
    with pytest.raises(Conflict):
        services.record_attendance(event=e, present={done.pk: []}, by=None)
    assert Attendance.objects.filter(participant=done).count() == 5


def test_an_uncertified_facilitator_needs_a_recorded_reason(personas):
    e = event(personas.unit_a)
    trainer = person(personas.unit_a)
    with pytest.raises(ValidationFailed) as refused:
        services.add_facilitator(event=e, person=trainer, by=None)
    assert "uncertified_reason" in refused.value.field_errors
    assert not Facilitator.objects.exists()
    f = services.add_facilitator(
        event=e, person=trainer, uncertified_reason="Master trainer of ITC-ILO", by=None
    )
    assert f.uncertified_reason
    # A certified trainer needs none.
    tot = event(personas.unit_a, kind="tot", start_date=DAY - datetime.timedelta(days=30))
    certified = trained(tot, person(personas.unit_a)).person
    assert services.add_facilitator(event=e, person=certified, by=None).uncertified_reason == ""


def test_the_cascade_over_the_database_counts_a_person_trained_twice_once(personas):
    unit = personas.unit_a
    tot = event(unit, kind="tot", start_date=DAY - datetime.timedelta(days=60))
    master = person(unit)
    services.add_facilitator(event=tot, person=master, uncertified_reason="ITC", by=None)
    t1, t2 = (trained(tot, person(unit)).person for _ in range(2))
    people = [person(unit, sex="female", nationality="JO") for _ in range(3)]
    first = event(unit, start_date=DAY - datetime.timedelta(days=20))
    services.add_facilitator(event=first, person=t1, by=None)
    for p in people[:2]:
        trained(first, p)
    second = event(unit, start_date=DAY - datetime.timedelta(days=10))
    services.add_facilitator(event=second, person=t2, by=None)
    trained(second, people[1])  # trained twice
    trained(second, people[2])
    # A refresher for t1 led by their own trainee: a cycle.
    refresher = event(unit, kind="refresher", start_date=DAY)
    services.add_facilitator(event=refresher, person=people[0], uncertified_reason="peer", by=None)
    trained(refresher, t1)
    result = queries.tot_reach(personas.officer, tot)
    assert result.generation(1) == {t1.pk, t2.pk}
    assert result.generation(2) == {p.pk for p in people}
    assert result.generation(3) == set()
    assert len(result.people) == 5
    counts = queries.breakdown(result.generation(2))
    assert counts.total == 3 and dict(counts.by_sex) == {"Female": 3}
    mine = queries.trainer_reach(personas.officer, t1.pk)
    assert mine.generation(1) == {people[0].pk, people[1].pk}
    assert t1.pk not in mine.people  # trained back by their trainee: not their own reach
    # Beyond a user's reach, nothing of it.
    assert queries.training_graph(personas.counsellor_b) == {}


def test_events_are_read_only_within_reach(client, personas):
    e = event(personas.unit_a)
    assert queries.events_for(personas.counsellor_a).filter(pk=e.pk).exists()
    assert not queries.events_for(personas.counsellor_b).filter(pk=e.pk).exists()
    assert client.login(username=personas.counsellor_b.username, password=PASSWORD)
    assert client.get(reverse("training:event_detail", args=[e.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        services.add_participant(event=e, person=person(personas.unit_a), by=personas.viewer_a)


def test_a_certificate_is_verified_publicly_and_a_forged_code_fails(client, personas):
    e = event(personas.unit_a, days=2, organiser="ILO", partner="ITC-ILO")
    p = services.issue_certificate(participant=trained(e, person(personas.unit_a)), by=None)
    url = reverse("certificates:verify")
    shown = client.get(url, {"code": p.certificate_code.lower()})
    assert shown.status_code == 200
    page = shown.content.decode()
    assert p.person.name_en in page and e.course.name_en in page
    assert "ITC-ILO" not in page and "Unit A" not in page  # nothing but name, course, date
    forged = p.certificate_code[:-1] + ("2" if p.certificate_code[-1] != "2" else "3")
    refused = client.get(url, {"code": forged})
    assert refused.status_code == 404
    assert p.person.name_en not in refused.content.decode()


def test_the_certificate_pdf_holds_both_languages_and_its_code(client, personas):
    e = event(personas.unit_a, days=1)
    p = services.issue_certificate(participant=trained(e, person(personas.unit_a)), by=None)
    assert client.login(username=personas.counsellor_a.username, password=PASSWORD)
    response = client.get(reverse("training:certificate_pdf", args=[p.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert p.certificate_code in text
    # A long name wraps on the page (after the hyphen of "Al-", or between its parts).
    assert p.person.name_en in " ".join(text.replace("-\n", "-").split())
    assert "شهادة" in text


def _filled(sheet: bytes, ticks: dict[int, list[int]], extra_header: str = "") -> bytes:
    book = load_workbook(io.BytesIO(sheet))
    ws = book.active
    if extra_header:
        ws.cell(row=1, column=ws.max_column + 1, value=extra_header)
    for row in range(2, ws.max_row + 1):
        for column in ticks.get(ws.cell(row=row, column=1).value, []):
            ws.cell(row=row, column=4 + column, value="x")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_filled_sheet_goes_through_a_dry_run_then_is_written(client, personas):
    e = event(personas.unit_a, days=3)
    a = services.add_participant(event=e, person=person(personas.unit_a), by=None)
    b = services.add_participant(event=e, person=person(personas.unit_a), by=None)
    assert client.login(username=personas.counsellor_a.username, password=PASSWORD)
    sheet = client.get(reverse("training:sheet_download", args=[e.pk])).content
    filled = _filled(sheet, {a.pk: [0, 1, 2], b.pk: [0]})
    upload = io.BytesIO(filled)
    upload.name = "attendance.xlsx"
    response = client.post(reverse("training:sheet_upload", args=[e.pk]), {"file": upload})
    assert response.status_code == 302
    batch = e.imports.get()
    assert batch.state == "checked" and batch.summary["marks"] == 4
    assert not Attendance.objects.exists()  # the dry run wrote nothing
    client.post(reverse("training:import_commit", args=[batch.pk]))
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.days_attended, a.completed, b.days_attended, b.completed) == (3, True, 1, False)


def test_a_sheet_with_a_day_outside_the_event_is_refused_whole(client, personas):
    e = event(personas.unit_a, days=2)
    a = services.add_participant(event=e, person=person(personas.unit_a), by=None)
    assert client.login(username=personas.counsellor_a.username, password=PASSWORD)
    sheet = client.get(reverse("training:sheet_download", args=[e.pk])).content
    filled = _filled(sheet, {a.pk: [0, 1, 2]}, extra_header="2021-04-01")
    upload = io.BytesIO(filled)
    upload.name = "attendance.xlsx"
    client.post(reverse("training:sheet_upload", args=[e.pk]), {"file": upload})
    batch = e.imports.get()
    assert batch.state == "failed"
    assert any("not a session day" in error["message"] for error in batch.errors)
    client.post(reverse("training:import_commit", args=[batch.pk]))
    assert not Attendance.objects.exists()
    # A PDF renamed .xlsx is refused on the field, nothing kept.
    fake = io.BytesIO(b"%PDF-1.4 not a sheet")
    fake.name = "attendance.xlsx"
    response = client.post(reverse("training:sheet_upload", args=[e.pk]), {"file": fake})
    assert response.status_code == 400 and e.imports.count() == 1


def test_the_api_runs_an_event_and_refuses_bad_input_by_field(client, personas):
    token = create_token(user=personas.counsellor_a, name="t")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    e = event(personas.unit_a, days=2)
    who = person(personas.unit_a)
    added = client.post(
        f"/api/v1/training/events/{e.pk}/participants",
        {"person_id": who.pk, "role": "board"},
        content_type="application/json",
        **auth,
    )
    assert added.status_code == 201, added.content
    pid = added.json()["id"]
    bad = client.put(
        f"/api/v1/training/events/{e.pk}/attendance",
        {"present": {str(pid): ["2021-03-20"]}},
        content_type="application/json",
        **auth,
    )
    assert bad.status_code == 400 and "attendance" in bad.json()["errors"]
    scores = client.put(
        f"/api/v1/training/participants/{pid}/scores",
        {"pre_score": "40", "post_score": "140"},
        content_type="application/json",
        **auth,
    )
    assert scores.status_code == 400 and "post_score" in scores.json()["errors"]
    cert = client.post(f"/api/v1/training/participants/{pid}/certificate", **auth)
    assert cert.status_code == 400 and Participant.objects.get(pk=pid).certificate_code is None
    other = create_token(user=personas.counsellor_b, name="t")
    hidden = client.get(f"/api/v1/training/events/{e.pk}", HTTP_AUTHORIZATION=f"Bearer {other}")
    assert hidden.status_code == 404


def test_indicators_count_a_person_trained_in_several_events_once(personas):
    unit = personas.unit_a
    twice = person(unit, sex="female")
    once = person(unit, sex="male")
    first = event(unit, code="think-coop", days=2)
    second = event(unit, code="start-coop", days=2, start_date=DAY + datetime.timedelta(days=7))
    trained(first, twice)
    trained(second, twice)
    trained(second, once)
    trained(first, person(unit), days=0)  # did not complete: not trained
    span = {"start": DAY - datetime.timedelta(days=1), "end": DAY + datetime.timedelta(days=30)}
    table = compute(personas.officer, "training_people_trained", **span)
    assert table.total == 2
    by_sex = compute(personas.officer, "training_people_trained", by=["sex"], **span)
    assert by_sex.row_totals == {"female": 1, "male": 1}
    assert compute(personas.officer, "training_think_coop", **span).total == 1
    assert compute(personas.counsellor_b, "training_people_trained", **span).total == 0


def test_planning_an_event_refuses_bad_input_by_field_and_writes_nothing(client, personas):
    token = create_token(user=personas.counsellor_a, name="t")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    body = {
        "owner_id": personas.unit_a.pk,
        "course_id": event(personas.unit_a).course_id,
        "kind": "training",
        "mode": "online",
        "start_date": "2021-03-10",
        "end_date": "2021-03-09",
    }
    refused = client.post("/api/v1/training/events", body, content_type="application/json", **auth)
    assert refused.status_code == 400
    assert set(refused.json()["errors"]) == {"platform", "end_date"}
    elsewhere = {
        **body,
        "owner_id": personas.unit_b.pk,
        "end_date": "2021-03-12",
        "platform": "Zoom",
    }
    assert client.post(
        "/api/v1/training/events", elsewhere, content_type="application/json", **auth
    ).json()["errors"].keys() == {"owner_id"}
    assert Event.objects.count() == 1
    ok = {**body, "end_date": "2021-03-12", "platform": "Zoom"}
    made = client.post("/api/v1/training/events", ok, content_type="application/json", **auth)
    assert made.status_code == 201 and made.json()["actions"]
    assert Event.objects.get(pk=made.json()["id"]).days.count() == 3


def test_the_sheet_to_print_lists_the_participants_and_the_days(client, personas):
    e = event(personas.unit_a, days=2, language="en")
    p = services.add_participant(event=e, person=person(personas.unit_a), by=None)
    assert client.login(username=personas.counsellor_a.username, password=PASSWORD)
    response = client.get(reverse("training:sheet_pdf", args=[e.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert p.person.name_en in text and str(p.pk) in text
    assert "14/03/2021" in text and "15/03/2021" in text
