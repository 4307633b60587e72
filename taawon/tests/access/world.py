"""Two organisations' worth of records, one of every kind a route needs, for the access matrix.

Side A (unit A of cooperative A) is where the users under test belong; side B (unit B of
cooperative B, same country) and side L (a unit, a ministry and a country office in Lebanon,
for the country-wide roles) hold the records they must not reach. B's and L's records carry
canary names: no answer given to A's users may contain them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from taawon.accounts.models import ApiToken, Membership, Organisation, User
from taawon.accounts.services import create_token
from taawon.complaints.models import FocalPoint
from taawon.complaints.services import record_complaint
from taawon.core.testing import PASSWORD, Personas, build_personas
from taawon.datarights import services as datarights
from taawon.duplicates.models import DetectionRun, MergeRule
from taawon.duplicates.services import merge_pair
from taawon.duplicates.tests.factories import pair_of
from taawon.employment.campaigns.services import draft_campaign
from taawon.employment.placements.services import record_follow_up, refer_job_seeker
from taawon.employment.seasons.services import add_crop_calendar, add_farm_crop
from taawon.employment.seekers.services import record_counselling_session
from taawon.employment.tests.factories import (
    AwarenessSessionFactory,
    EmployerFactory,
    FarmVisitFactory,
    JobSeekerFactory,
    PlacementFactory,
    VacancyFactory,
    WorkplaceFactory,
)
from taawon.exports.models import ExportJob
from taawon.people.tests.factories import PersonFactory, governorate
from taawon.permits import services as permits
from taawon.permits.services.imports import upload_import
from taawon.permits.tests.factories import cooperative_of, issued, submitted
from taawon.permits.tests.import_files import csv_bytes, people
from taawon.surveys.tests.factories import survey_records
from taawon.training import services as training
from taawon.training.models import AttendanceImport, Course

# Searched in every answer A's users get, in both scripts and any case.
CANARIES = ("CANARYB", "كناريب", "CANARYL", "كناريل")
BEYOND_64_BITS = 2**70
MISSING = 987654321

DAY = datetime.date(2020, 9, 1)
PLACES = {"JO": "JO-MA", "LB": "LB-BA"}
PHONES = {"JO": "+962791234", "LB": "+96171123"}


@dataclass
class Side:
    """The records of one unit, by kind (the names the route tables use)."""

    pk: dict[str, int] = field(default_factory=dict)


@dataclass
class World:
    personas: Personas
    sides: dict[str, Side]
    tokens: dict[str, str]
    lebanon_officer: User
    lebanon_ministry_officer: User


def _unit_records(
    side: Side, *, unit, coop, counsellor, officer, admin, tag: str, tag_ar: str, country: str
) -> None:
    """Every kind of record a unit holds, the person, employer, vacancy and names carrying
    the side's canary."""
    place = governorate(PLACES[country])
    phones = iter(PHONES[country] + str(n) for n in range(100, 200))

    def someone(**names):
        # An adult whatever the factory's sequence stands at (it sets the year of birth, and
        # tests run before the world may have moved it to a child's): job seekers are referred.
        names.setdefault("birth_year", 1985)
        return PersonFactory(
            owner=unit, registered_by=counsellor, governorate=place, phone=next(phones), **names
        )

    person = someone(
        given_name_en=tag,
        family_name_en="Zzyzx",
        given_name_ar=tag_ar,
        family_name_ar="زززكس",
        identifiers={"national_id": f"9{sum(map(ord, tag)):09d}"},
    )
    employer = EmployerFactory(
        owner=unit,
        created_by=counsellor,
        name_en=f"{tag} Farm",
        name_ar=f"مزرعة {tag_ar}",
        governorate=place,
        phone=next(phones),
    )
    workplace = WorkplaceFactory(employer=employer, created_by=counsellor, name=f"{tag} field")
    vacancy = VacancyFactory(
        employer=employer, workplace=workplace, posted_by=counsellor, title=f"{tag} pickers"
    )
    seeker = JobSeekerFactory(person=person, registered_by=counsellor)
    other = JobSeekerFactory(person=someone(), registered_by=counsellor)
    referral = refer_job_seeker(
        job_seeker=other, vacancy=vacancy, referred_by=counsellor, referred_on=DAY
    )
    placement = PlacementFactory(
        referral=refer_job_seeker(
            job_seeker=seeker, vacancy=vacancy, referred_by=counsellor, referred_on=DAY
        ),
        placed_by=counsellor,
        start_date=DAY,
    )
    follow_up = record_follow_up(
        placement=placement,
        checkpoint=1,
        date=DAY + datetime.timedelta(days=30),
        still_employed=True,
        recorded_by=counsellor,
    )
    session = record_counselling_session(
        job_seeker=seeker, date=DAY, topics=["cv"], recorded_by=counsellor
    )
    visit = FarmVisitFactory(
        employer=employer, staff=[counsellor], recorded_by=counsellor, findings=f"{tag} visit"
    )
    awareness = AwarenessSessionFactory(
        owner=unit,
        recorded_by=counsellor,
        venue=f"{tag} hall",
        facilitator=f"{tag} Zzyzx",
        governorate=place,
    )
    calendar = add_crop_calendar(
        owner=unit,
        crop="tomatoes",
        governorate=place,
        workers_per_dunum="0.5",
        planting_months=[3],
        created_by=counsellor,
        notes=f"{tag} calendar",
    )
    farm_crop = add_farm_crop(
        employer=employer, calendar=calendar, dunums="10", created_by=counsellor
    )
    campaign = draft_campaign(
        owner=unit, name=f"{tag} campaign", vacancies=[vacancy], drafted_by=counsellor
    )
    registry = cooperative_of(coop, governorate=place, country=country)
    holder = someone()
    draft = permits.create_application(
        person=holder,
        cooperative=registry,
        owner=unit,
        sector="agriculture",
        employer_name=f"{tag} Farm",
        created_by=counsellor,
    )
    second = someone()
    waiting = submitted(person=second, cooperative=registry, by=counsellor)
    third = someone()
    done = issued(person=third, cooperative=registry, by=counsellor, decided_by=officer)
    fourth = someone()
    refused = submitted(person=fourth, cooperative=registry, by=counsellor)
    permits.reject_permit(permit=refused, reason="incomplete", decided_by=officer)
    twin_a = someone(given_name_en="Twin", birth_year=1990)
    twin_b = someone(given_name_en="Twin", birth_year=1990)
    pair = pair_of(twin_a, twin_b)
    gone_a = someone(given_name_en="Gone", birth_year=1991)
    gone_b = someone(given_name_en="Gone", birth_year=1991)
    merge = merge_pair(pair=pair_of(gone_a, gone_b), survivor=gone_a, performed_by=admin)
    membership = Membership.objects.get(user=counsellor)
    grievance = record_complaint(
        owner=unit,
        category="wages_unpaid",
        complainant_kind="worker",
        contact_name=f"{tag} Zzyzx",
        description=f"{tag} {tag_ar} unpaid",
        recorded_by=counsellor,
    ).complaint
    # The counsellor is the unit's focal point: the matrix checks a complaint's pages for
    # the staff who handle it.
    focal = FocalPoint.objects.create(owner=unit, user=counsellor)
    correction = datarights.request_correction(
        person=person,
        field="father_name_en",
        requested_value=f"{tag} Father",
        identity_check="document",
        requested_by=counsellor,
    )
    agreement = datarights.record_agreement(
        owner=coop,
        data={
            "partner": f"{tag} Partner",
            "purpose": "Case management",
            "fields_shared": "names",
            "starts_on": DAY,
            "ends_on": DAY + datetime.timedelta(days=365 * 50),
            "document_reference": f"DSA-{tag}",
        },
        recorded_by=None,
    )
    tot = training.plan_event(
        owner=unit,
        course=Course.objects.get(code="my-coop"),
        kind="tot",
        mode="online",
        platform=f"{tag} platform",
        start_date=DAY,
        end_date=DAY,
        by=None,
    )
    participant = training.add_participant(event=tot, person=person, by=None)
    training.record_attendance(event=tot, present={participant.pk: [DAY]}, by=None)
    training.issue_certificate(participant=participant, by=None)
    sheet = AttendanceImport.objects.create(
        owner=unit, event=tot, file_name=f"{tag}.xlsx", data=b"", state="failed"
    )
    side.pk.update(
        training_event=tot.pk,
        training_participant=participant.pk,
        trainer_person=person.pk,
        attendance_import=sheet.pk,
        complaint=grievance.pk,
        focal_point=focal.pk,
        person=person.pk,
        identifier=person.identifiers.get().pk,
        job_seeker=seeker.pk,
        employer=employer.pk,
        workplace=workplace.pk,
        vacancy=vacancy.pk,
        referral=referral.pk,
        placement=placement.pk,
        follow_up=follow_up.pk,
        counselling=session.pk,
        visit=visit.pk,
        awareness=awareness.pk,
        crop_calendar=calendar.pk,
        farm_crop=farm_crop.pk,
        campaign=campaign.pk,
        cooperative=registry.pk,
        organisation=coop.pk,
        unit=unit.pk,
        permit_draft=draft.pk,
        permit_submitted=waiting.pk,
        permit_issued=done.pk,
        permit_rejected=refused.pk,
        pair=pair.pk,
        merge=merge.pk,
        membership=membership.pk,
        user=counsellor.pk,
        token=_token_pk(counsellor),
        correction=correction.pk,
        agreement=agreement.pk,
    )
    side.pk.update(survey_records(coop=coop, counsellor=counsellor, tag=tag, tag_ar=tag_ar))


def _grant_records(side: Side, *, office, applicant, officer, tag: str, published: bool) -> None:
    """A call of the country office, the side's cooperative's application to it, scored,
    awarded and with a tranche planned. An unpublished call (side B) is not the country's to
    read: only its office's."""
    from taawon.grants import services as grants
    from taawon.grants.tests import factories as grant_factories

    reviewer = User.objects.create_user(username=f"reviewer_{tag.lower()}", password=PASSWORD)
    personas = type("Office", (), {"country_office": office, "officer": officer})
    call = grant_factories.open_call(personas, reviewers=(reviewer,))
    call.title = f"{tag} call"
    call.save(update_fields=["title"])
    application = grant_factories.ready(
        call, applicant, name=f"{tag} venture", by=officer, officer=officer, reviewers=(reviewer,)
    )
    award = grant_factories.award(application, officer)
    tranche = grants.plan_tranche(award=award, amount="1000", planned_on=DAY, by=officer)
    if not published:
        type(call).objects.filter(pk=call.pk).update(published=False)
    side.pk.update(
        grant_call=call.pk,
        grant_application=application.pk,
        grant_award=award.pk,
        grant_tranche=tranche.pk,
    )


def _token_pk(user: User) -> int:
    create_token(user=user, name="matrix")
    return ApiToken.objects.filter(user=user).latest("pk").pk


def _import(side: Side, *, ministry: Organisation, officer: User) -> None:
    batch = upload_import(
        name="ministry.csv", data=csv_bytes(people(2)), owner=ministry, uploaded_by=officer
    )
    side.pk["permit_import"] = batch.pk


def build_world() -> World:
    personas = build_personas()
    sides = {"A": Side(), "B": Side(), "L": Side()}
    _unit_records(
        sides["A"],
        unit=personas.unit_a,
        coop=personas.coop_a,
        counsellor=personas.counsellor_a,
        officer=personas.ministry_officer,
        admin=personas.admin,
        tag="SIDEA",
        tag_ar="جانبأ",
        country="JO",
    )
    _unit_records(
        sides["B"],
        unit=personas.unit_b,
        coop=personas.coop_b,
        counsellor=personas.counsellor_b,
        officer=personas.ministry_officer,
        admin=personas.admin,
        tag="CANARYB",
        tag_ar="كناريب",
        country="JO",
    )
    lebanon = _lebanon()
    _unit_records(
        sides["L"],
        unit=lebanon["unit"],
        coop=lebanon["coop"],
        counsellor=lebanon["counsellor"],
        officer=lebanon["ministry_officer"],
        admin=personas.admin,
        tag="CANARYL",
        tag_ar="كناريل",
        country="LB",
    )
    for name, office, applicant, officer, tag in (
        ("A", personas.country_office, personas.coop_a, personas.officer, "SIDEA"),
        ("B", personas.country_office, personas.coop_b, personas.officer, "CANARYB"),
        ("L", lebanon["office"], lebanon["coop"], lebanon["officer"], "CANARYL"),
    ):
        _grant_records(
            sides[name],
            office=office,
            applicant=applicant,
            officer=officer,
            tag=tag,
            published=name != "B",
        )
    _import(sides["A"], ministry=personas.ministry, officer=personas.ministry_officer)
    _import(sides["L"], ministry=lebanon["ministry"], officer=lebanon["ministry_officer"])
    # A unit holds no ministry list: the Jordanian ministry's is out of reach of B's users
    # just as of A's.
    sides["B"].pk["permit_import"] = sides["A"].pk["permit_import"]
    # An export waiting for the worker, asked for by each side's counsellor: theirs alone.
    for name, requester in (
        ("A", personas.counsellor_a),
        ("B", personas.counsellor_b),
        ("L", lebanon["counsellor"]),
    ):
        sides[name].pk["export_job"] = ExportJob.objects.create(
            requested_by=requester, list_name="people", format="xlsx", language="en"
        ).pk
    sides["A"].pk["run"] = DetectionRun.objects.create(started_by=personas.admin).pk
    rule = MergeRule.objects.first() or MergeRule.objects.create(
        name="matrix", min_score=0.99, created_by=personas.admin, enabled=False
    )
    sides["A"].pk["rule"] = rule.pk
    tokens = {
        name: create_token(user=getattr(personas, name), name="matrix")
        for name in ROLES
        if name not in ("anonymous",)
    }
    return World(
        personas=personas,
        sides=sides,
        tokens=tokens,
        lebanon_officer=lebanon["officer"],
        lebanon_ministry_officer=lebanon["ministry_officer"],
    )


def _lebanon() -> dict:
    lb = "LB"
    kind = Organisation.Kind
    office = Organisation.objects.create(
        name_en="ILO Lebanon",
        name_ar="منظمة العمل الدولية - لبنان",
        kind=kind.COUNTRY_OFFICE,
        country=lb,
    )
    ministry = Organisation.objects.create(
        name_en="Ministry of Labour LB",
        name_ar="وزارة العمل اللبنانية",
        kind=kind.MINISTRY,
        country=lb,
    )
    coop = Organisation.objects.create(
        name_en="Cooperative L",
        name_ar="الجمعية ل",
        kind=kind.COOPERATIVE,
        country=lb,
        parent=office,
    )
    unit = Organisation.objects.create(
        name_en="Unit L", name_ar="الوحدة ل", kind=kind.EMPLOYMENT_UNIT, country=lb, parent=coop
    )
    role = Membership.Role

    def user(name: str, org: Organisation, role_: str) -> User:
        made = User.objects.create_user(username=name, password=PASSWORD)
        Membership.objects.create(user=made, organisation=org, role=role_)
        return made

    return {
        "office": office,
        "ministry": ministry,
        "coop": coop,
        "unit": unit,
        "counsellor": user("counsellor_l", unit, role.COUNSELLOR),
        "officer": user("officer_l", office, role.MANAGER),
        "ministry_officer": user("ministry_l", ministry, role.MINISTRY_OFFICER),
    }


# The users whose reach the matrix checks, by their attribute on Personas.
ROLES = (
    "admin",
    "officer",
    "ministry_officer",
    "admin_a",
    "counsellor_a",
    "clerk_a",
    "viewer_a",
    "aggregate",
    "outsider",
    "anonymous",
)
