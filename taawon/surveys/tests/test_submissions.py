"""Submissions in Taawon: scoped list and pages, answers labelled in the reader's language,
edits with their history, review, media, exports with repeats on their own sheets; and the
forms that feed the registry (person and job seeker through the duplicate check, farm visit)."""

import io
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from taawon.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from taawon.employment.models import FarmVisit, JobSeeker
from taawon.employment.tests.factories import EmployerFactory
from taawon.people.models import Person
from taawon.people.services import register_person

from .. import queries, services, tables, targets
from ..models import ReviewStatus, Revision
from .factories import JPEG, household_form, household_xml
from .factories_registry import farm_visit_xml, job_seeker_xml


def receive(user, xml, files=None):
    files = {name: ("application/octet-stream", content) for name, content in (files or {}).items()}
    return services.receive_submission(xml=xml, files=files, user=user).submission


@pytest.fixture
def household(personas):
    return household_form(personas)


def test_each_organisation_sees_its_own_submissions(personas, household):
    services.assign_form(
        form=household, organisations=[personas.coop_a, personas.coop_b], by=personas.officer
    )
    mine = receive(personas.counsellor_a, household_xml())
    theirs = receive(personas.counsellor_b, household_xml())
    assert list(queries.submission_list(personas.counsellor_a)) == [mine]
    assert list(queries.submission_list(personas.counsellor_b)) == [theirs]
    assert set(queries.submission_list(personas.officer)) == {mine, theirs}
    for nobody in (personas.aggregate, personas.outsider, personas.ministry_officer):
        assert not queries.submission_list(nobody).exists()


def test_the_submission_page_speaks_the_readers_language(client, personas, household):
    submission = receive(personas.counsellor_a, household_xml(), {"photo.jpg": JPEG})
    client.force_login(personas.counsellor_a)
    english = client.get(f"/en/surveys/submissions/{submission.pk}/")
    assert "Respondent" in english.content.decode() and "Yes" in english.content.decode()
    arabic = client.get(f"/ar/surveys/submissions/{submission.pk}/").content.decode()
    assert "المستجيب" in arabic and "نعم" in arabic and "اسم الفرد" in arabic
    media = client.get(reverse("surveys:submission_media", args=[submission.pk, "photo.jpg"]))
    assert media.status_code == 200 and media.content == JPEG
    client.force_login(personas.counsellor_b)
    assert client.get(f"/en/surveys/submissions/{submission.pk}/").status_code == 404
    assert (
        client.get(
            reverse("surveys:submission_media", args=[submission.pk, "photo.jpg"])
        ).status_code
        == 404
    )


def test_an_edit_keeps_the_earlier_answers(client, personas, household):
    submission = receive(personas.counsellor_a, household_xml(respondent="Amal"))
    services.edit_submission(
        submission=submission,
        changes={"respondent": "Amal Saleh", "place/village": "Mafraq"},
        by=personas.counsellor_a,
        note="typo",
    )
    submission.refresh_from_db()
    assert submission.data["respondent"] == "Amal Saleh"
    assert submission.data["place"]["village"] == "Mafraq"
    assert "<respondent>Amal Saleh</respondent>" in submission.xml
    assert len(submission.data["members"]) == 2  # the repeat is untouched
    revision = Revision.objects.get()
    assert revision.data["respondent"] == "Amal" and revision.note == "typo"
    with pytest.raises(ValidationFailed):
        services.edit_submission(
            submission=submission, changes={"nothing": "x"}, by=personas.counsellor_a
        )
    with pytest.raises(PermissionDenied):
        services.edit_submission(
            submission=submission, changes={"respondent": "x"}, by=personas.clerk_a
        )


def test_review_moves_through_its_statuses(personas, household):
    submission = receive(personas.counsellor_a, household_xml())
    rejected = services.review_submission(
        submission=submission, action="reject", by=personas.counsellor_a, note="blurred"
    )
    assert rejected.status == ReviewStatus.REJECTED
    approved = services.review_submission(
        submission=submission, action="approve", by=personas.counsellor_a
    )
    assert approved.status == ReviewStatus.APPROVED
    with pytest.raises(Conflict):
        services.review_submission(submission=submission, action="reject", by=personas.admin_a)
    with pytest.raises(PermissionDenied):
        other = receive(personas.counsellor_a, household_xml())
        services.review_submission(submission=other, action="approve", by=personas.viewer_a)


def test_export_has_groups_flattened_and_repeats_on_their_own_sheet(client, personas, household):
    receive(personas.counsellor_a, household_xml(respondent='=HYPERLINK("x")'))
    receive(personas.counsellor_a, household_xml(members=(("Ali", "7"),)))
    client.force_login(personas.counsellor_a)
    response = client.get(reverse("surveys:form_export", args=[household.pk]) + "?format=xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["submissions", "members"]
    main = list(book["submissions"].values)
    assert main[0][:5] == ("instanceID", "respondent", "works", "place/village", "photo")
    assert '=HYPERLINK("x")' in {row[1] for row in main[1:]}
    assert book["submissions"]["B2"].data_type == "s"  # text, never a formula
    members = list(book["members"].values)
    assert members[0] == (
        "instanceID",
        "parent",
        "index",
        "members/member_name",
        "members/member_age",
    )
    assert sorted(r[3] for r in members[1:]) == ["Ali", "Huda", "Omar"]
    labelled = client.get(
        reverse("surveys:form_export", args=[household.pk]) + "?format=xlsx&headers=labels"
    )
    labelled_book = load_workbook(io.BytesIO(labelled.content))
    assert "Respondent" in next(labelled_book["submissions"].values)
    assert "Yes" in list(labelled_book["submissions"].values)[1]
    csv = client.get(reverse("surveys:form_export", args=[household.pk]) + "?format=csv")
    with zipfile.ZipFile(io.BytesIO(csv.content)) as archive:
        assert sorted(archive.namelist()) == ["members.csv", "submissions.csv"]
        text = archive.read("submissions.csv").decode("utf-8-sig")
        assert "'=HYPERLINK" in text
    client.force_login(personas.counsellor_b)
    other = client.get(reverse("surveys:form_export", args=[household.pk]) + "?format=xlsx")
    assert other.status_code == 404


def test_the_export_of_a_reader_holds_only_their_rows(personas, household):
    services.assign_form(
        form=household, organisations=[personas.coop_a, personas.coop_b], by=personas.officer
    )
    receive(personas.counsellor_a, household_xml(respondent="Mine"))
    receive(personas.counsellor_b, household_xml(respondent="Theirs"))
    rows = list(queries.submission_list(personas.counsellor_a, form=household.pk))
    found = tables.tables(household.versions.get().schema, rows, labels=False, language="en")
    assert [r["respondent"] for r in found[0].rows] == ["Mine"]


def salma(personas):
    # Registered through the service, not PersonFactory: the factory's sequence decides other
    # tests' birth years (the access matrix's world), which a test here must not shift.
    return register_person(
        owner=personas.unit_a,
        data={
            "given_name_ar": "سلمى",
            "father_name_ar": "أحمد",
            "family_name_ar": "الخطيب",
            "given_name_en": "Salma",
            "family_name_en": "Khatib",
            "sex": "female",
            "birth_year": 1994,
            "nationality": "SY",
            "displacement_status": "refugee",
        },
        registered_by=personas.counsellor_a,
        duplicate_decision="new",
    )


@pytest.fixture
def registry_forms(personas):
    return services.install_shipped_forms(
        owner=personas.country_office, assigned=[personas.country_office], by=personas.officer
    )


def test_an_approved_registration_creates_the_person_and_job_seeker(personas, registry_forms):
    submission = receive(personas.counsellor_a, job_seeker_xml())
    approved = services.review_submission(
        submission=submission, action="approve", by=personas.counsellor_a
    )
    assert approved.status == ReviewStatus.APPROVED
    person = Person.objects.get(pk=approved.records["person"])
    assert person.given_name_ar == "سلمى" and person.governorate.iso_code == "JO-MA"
    assert person.owner == personas.unit_a
    seeker = JobSeeker.objects.get(pk=approved.records["job_seeker"])
    assert seeker.person == person and seeker.owner == personas.unit_a
    assert seeker.experience_years == 3 and seeker.needs_transport


def test_a_registration_with_possible_duplicates_waits_for_the_reviewer(personas, registry_forms):
    existing = salma(personas)
    submission = receive(personas.counsellor_a, job_seeker_xml())
    waiting = services.review_submission(
        submission=submission, action="approve", by=personas.counsellor_a
    )
    assert waiting.status == ReviewStatus.WAITING
    assert existing.pk in {c["person"] for c in waiting.candidates}
    assert Person.objects.count() == 1
    # The reviewer recognises the candidate: the profile goes to the existing person.
    done = services.review_submission(
        submission=waiting,
        action="approve",
        by=personas.counsellor_a,
        decision=str(existing.pk),
    )
    assert done.status == ReviewStatus.APPROVED and done.records["person"] == existing.pk
    assert Person.objects.count() == 1


def test_a_reviewer_may_decide_it_is_a_new_person(personas, registry_forms):
    salma(personas)
    submission = receive(personas.counsellor_a, job_seeker_xml())
    services.review_submission(submission=submission, action="approve", by=personas.counsellor_a)
    done = services.review_submission(
        submission=submission, action="approve", by=personas.counsellor_a, decision="new"
    )
    assert done.status == ReviewStatus.APPROVED
    assert Person.objects.count() == 2


def test_a_bad_registration_is_refused_and_writes_nothing(personas, registry_forms):
    submission = receive(personas.counsellor_a, job_seeker_xml(sex="unknown"))
    with pytest.raises(ValidationFailed) as refused:
        services.review_submission(
            submission=submission, action="approve", by=personas.counsellor_a
        )
    assert "sex" in refused.value.field_errors
    submission.refresh_from_db()
    assert submission.status == ReviewStatus.RECEIVED and not Person.objects.exists()


def test_an_approved_farm_visit_records_the_visit(personas, registry_forms):
    employer = EmployerFactory(owner=personas.unit_a, created_by=personas.counsellor_a)
    submission = receive(personas.counsellor_a, farm_visit_xml(employer.pk))
    approved = services.review_submission(
        submission=submission, action="approve", by=personas.counsellor_a
    )
    visit = FarmVisit.objects.get(pk=approved.records["visit"])
    assert visit.employer == employer and visit.purpose == "outreach"
    assert visit.findings == "Ten workers picking tomatoes"


def test_a_farm_visit_of_an_employer_out_of_reach_is_refused(personas, registry_forms):
    employer = EmployerFactory(owner=personas.unit_b, created_by=personas.counsellor_b)
    submission = receive(personas.counsellor_a, farm_visit_xml(employer.pk))
    with pytest.raises(ValidationFailed):
        services.review_submission(
            submission=submission, action="approve", by=personas.counsellor_a
        )
    assert not FarmVisit.objects.exists()


def test_a_mapping_naming_unknown_questions_or_parameters_is_refused(personas, registry_forms):
    form = registry_forms["farm_visit"]
    with pytest.raises(ValidationFailed):
        services.set_form_target(
            form=form, target="farm_visit", mapping={"employer": "nope"}, by=personas.officer
        )
    with pytest.raises(ValidationFailed):
        services.set_form_target(
            form=form, target="farm_visit", mapping={"salary": "employer"}, by=personas.officer
        )
    assert set(targets.TARGETS) == {"person_job_seeker", "farm_visit"}
