"""The demo scenario, after the programme brief: PROSPECTS in Jordan, 2020.

The ILO country office, the Ministry of Labour and a donor; six agricultural cooperatives in
six governorates, each with a career guidance and employment unit; a user for every role; the
units' registered job seekers; and the units' work with them (taawon.employment.demo). The
cooperatives and the people are fictional, with names of the kind found in those places.

Everything goes through the apps' services (organisations, users, cooperatives, member
counts) except the job seekers, who are too many for one-by-one registration and go through
`taawon.people.bulk`.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.db import transaction

from taawon.accounts.models import Membership, Organisation, User
from taawon.accounts.services import add_user, create_organisation
from taawon.complaints.demo import DemoSummary as ComplaintsSummary
from taawon.complaints.demo import load_demo as load_complaints
from taawon.cooperatives.models import Cooperative, CooperativeType
from taawon.cooperatives.services import (
    attach_employment_unit,
    register_cooperative,
    set_member_counts,
)
from taawon.core import audit
from taawon.datarights.demo import load_demo as load_datarights
from taawon.employment.demo import DemoSummary as EmploymentSummary
from taawon.employment.demo import load_demo as load_employment
from taawon.employment.demo.plan import END as QUARTER_END
from taawon.employment.demo.plan import START as QUARTER_START
from taawon.employment.demo.young import young_workers as load_young
from taawon.employment.unit.indicators import UnitIndicators, unit_indicators
from taawon.geo.models import District, Governorate
from taawon.grants.demo import DemoSummary as GrantsSummary
from taawon.grants.demo import load_demo as load_grants
from taawon.people.bulk import bulk_register
from taawon.people.models import Person
from taawon.permits.demo import DemoSummary as PermitsSummary
from taawon.permits.demo import load_demo as load_permits
from taawon.surveys.demo import DemoSummary as SurveysSummary
from taawon.surveys.demo import load_demo as load_surveys
from taawon.training.demo import DemoSummary as TrainingSummary
from taawon.training.demo import load_demo as load_training

from .population import PlantedDuplicate, Population, UnitPlan

COUNTRY = "JO"
PERSONS = 1620  # registered job seekers in the brief, at scale 1
DEFAULT_SEED = 2020
COUNTRY_OFFICE = ("ILO Jordan Country Office", "مكتب منظمة العمل الدولية في الأردن")
MINISTRY = ("Ministry of Labour", "وزارة العمل")
DONOR = ("Kingdom of the Netherlands (PROSPECTS partnership)", "مملكة هولندا (شراكة بروسبكتس)")
# Lebanon and Iraq: the country offices, ACTED (the brief's partner for SSE initiatives in
# Akkar and North Lebanon) and a cooperative in Erbil for Iraq's needs assessment (fictional).
LEBANON_OFFICE = ("ILO Lebanon Country Office", "مكتب منظمة العمل الدولية في لبنان")
LEBANON_PARTNER = ("ACTED Lebanon", "منظمة أكتد - لبنان")
IRAQ_OFFICE = ("ILO Iraq Country Office", "مكتب منظمة العمل الدولية في العراق")
IRAQ_COOPERATIVE = ("Erbil Farmers' Cooperative Society", "جمعية مزارعي أربيل التعاونية")
MEMBERS_AS_OF = datetime.date(2020, 6, 30)
QUARTER = (QUARTER_START, QUARTER_END)  # the brief's table: 1 July to 30 September 2020
Role = Membership.Role


@dataclass(frozen=True)
class CooperativePlan:
    key: str  # used in usernames
    name_en: str
    name_ar: str
    registration_number: str
    type: str
    governorate: str  # P-code
    district: str  # P-code
    value_chains: tuple[str, ...]
    founded: datetime.date
    contact_person: str
    phone: str
    weight: float  # share of the job seekers registered by its unit
    syrian_share: float  # how many of them are Syrian, before the overall share is applied


COOPERATIVES = (
    CooperativePlan(
        key="mafraq",
        name_en="Al-Khalidiya Agricultural Cooperative Society",
        name_ar="جمعية الخالدية التعاونية الزراعية",
        registration_number="1187/1993",
        type=CooperativeType.AGRICULTURAL,
        governorate="JO22",
        district="JO2201",
        value_chains=("vegetables", "livestock"),
        founded=datetime.date(1993, 4, 12),
        contact_person="Khaled Al-Sarhan",
        phone="+962795550101",
        weight=0.21,
        syrian_share=0.45,
    ),
    CooperativePlan(
        key="irbid",
        name_en="Ramtha Agricultural Cooperative Society",
        name_ar="جمعية الرمثا التعاونية الزراعية",
        registration_number="842/1986",
        type=CooperativeType.AGRICULTURAL,
        governorate="JO21",
        district="JO2104",
        value_chains=("vegetables", "fruit_olives"),
        founded=datetime.date(1986, 9, 3),
        contact_person="Ahmad Al-Zoubi",
        phone="+962775550202",
        weight=0.19,
        syrian_share=0.35,
    ),
    CooperativePlan(
        key="jerash",
        name_en="Souf Agricultural Cooperative Society",
        name_ar="جمعية سوف التعاونية الزراعية",
        registration_number="1310/1997",
        type=CooperativeType.AGRICULTURAL,
        governorate="JO23",
        district="JO2301",
        value_chains=("fruit_olives", "honey"),
        founded=datetime.date(1997, 2, 20),
        contact_person="Mohammad Al-Otoum",
        phone="+962785550303",
        weight=0.15,
        syrian_share=0.2,
    ),
    CooperativePlan(
        key="balqa",
        name_en="Deir Alla Agricultural Cooperative Society",
        name_ar="جمعية دير علا التعاونية الزراعية",
        registration_number="615/1979",
        type=CooperativeType.AGRICULTURAL,
        governorate="JO12",
        district="JO1203",
        value_chains=("vegetables", "dates"),
        founded=datetime.date(1979, 11, 5),
        contact_person="Suleiman Al-Adwan",
        phone="+962795550404",
        weight=0.18,
        syrian_share=0.25,
    ),
    CooperativePlan(
        key="karak",
        name_en="Ghor Al-Safi Agricultural Cooperative Society",
        name_ar="جمعية غور الصافي التعاونية الزراعية",
        registration_number="733/1983",
        type=CooperativeType.AGRICULTURAL,
        governorate="JO31",
        district="JO3104",
        value_chains=("vegetables", "dates"),
        founded=datetime.date(1983, 3, 28),
        contact_person="Odeh Al-Hajaya",
        phone="+962775550505",
        weight=0.14,
        syrian_share=0.08,
    ),
    CooperativePlan(
        key="madaba",
        name_en="Madaba Women's Cooperative Society",
        name_ar="جمعية سيدات مادبا التعاونية",
        registration_number="2051/2008",
        type=CooperativeType.WOMEN,
        governorate="JO14",
        district="JO1401",
        value_chains=("food_processing", "dairy", "herbs"),
        founded=datetime.date(2008, 10, 15),
        contact_person="Rania Al-Hawamdeh",
        phone="+962785550606",
        weight=0.13,
        syrian_share=0.1,
    ),
)


@dataclass(frozen=True)
class UserPlan:
    username: str
    role: str | None  # None: the system administrator (superuser, no membership)
    organisation: str  # "country_office", "ministry", "donor", "coop:<key>", "unit:<key>"
    first_name: str
    last_name: str
    title: str  # what the person does, for the printed table


USERS = (
    UserPlan("admin", None, "", "System", "Administrator", "System administrator"),
    UserPlan("officer", Role.MANAGER, "country_office", "Lina", "Haddad", "Programme officer"),
    UserPlan(
        "coop_admin", Role.ADMINISTRATOR, "coop:mafraq", "Khaled", "Sarhan", "Cooperative admin"
    ),
    UserPlan("coop_manager", Role.MANAGER, "coop:irbid", "Ahmad", "Zoubi", "Cooperative manager"),
    *(
        UserPlan(f"counsellor_{p.key}", Role.COUNSELLOR, f"unit:{p.key}", first, last, "Counsellor")
        for p, (first, last) in zip(
            COOPERATIVES,
            [
                ("Hiba", "Masaeed"),
                ("Omar", "Shboul"),
                ("Rawan", "Otoum"),
                ("Bilal", "Adwan"),
                ("Maher", "Tarawneh"),
                ("Dana", "Hawamdeh"),
            ],
            strict=True,
        )
    ),
    UserPlan(
        "focal_mafraq",
        Role.COUNSELLOR,
        "unit:mafraq",
        "Nour",
        "Bataineh",
        "Counsellor, complaints focal point",
    ),
    UserPlan("clerk_mafraq", Role.DATA_CLERK, "unit:mafraq", "Saleh", "Khawaldeh", "Data clerk"),
    UserPlan("viewer_karak", Role.VIEWER, "unit:karak", "Amal", "Majali", "Viewer"),
    UserPlan("ministry", Role.MINISTRY_OFFICER, "ministry", "Faisal", "Qudah", "Ministry officer"),
    UserPlan("donor", Role.AGGREGATE_VIEWER, "donor", "Anna", "de Vries", "Donor (dashboards)"),
    # On the grant panels: reads only the applications they review.
    UserPlan("reviewer", Role.VIEWER, "donor", "Samir", "Khoury", "Grant panel reviewer"),
    UserPlan(
        "officer_lb", Role.MANAGER, "lb_office", "Rola", "Merhi", "Programme officer, Lebanon"
    ),
    UserPlan("acted_lb", Role.MANAGER, "lb_partner", "Fadi", "Saad", "Partner staff (ACTED)"),
    UserPlan("officer_iq", Role.MANAGER, "iq_office", "Aras", "Karim", "Programme officer, Iraq"),
)


@dataclass
class Login:
    username: str
    role: str
    organisation: str
    password: str


@dataclass
class Loaded:
    organisations: dict[str, Organisation]
    cooperatives: list[Cooperative]
    persons: int
    planted: list[PlantedDuplicate]
    employment: EmploymentSummary | None = None
    permits: PermitsSummary | None = None
    complaints: ComplaintsSummary | None = None
    training: TrainingSummary | None = None
    grants: GrantsSummary | None = None
    surveys: SurveysSummary | None = None


def exists() -> bool:
    """Whether the demo scenario is already in the database."""
    name_en, _name_ar = COUNTRY_OFFICE
    return Organisation.objects.filter(
        kind=Organisation.Kind.COUNTRY_OFFICE, country=COUNTRY, name_en=name_en
    ).exists()


def logins(passwords: Mapping[str, str]) -> list[Login]:
    """Who can log in to the demo: one row per demo user, with role and organisation."""
    users = {
        u.username: u
        for u in User.objects.filter(username__in=[p.username for p in USERS]).prefetch_related(
            "memberships__organisation"
        )
    }
    rows = []
    for plan in USERS:
        user = users.get(plan.username)
        if user is None:
            continue
        memberships = list(user.memberships.all())
        if user.is_superuser:
            role, organisation = plan.title, "-"
        else:
            role = ", ".join(str(m.get_role_display()) for m in memberships)
            organisation = ", ".join(m.organisation.name_en for m in memberships)
        rows.append(Login(plan.username, role, organisation, passwords.get(plan.username, "")))
    return rows


def load(
    *,
    passwords: Mapping[str, str],
    persons: int = PERSONS,
    seed: int = DEFAULT_SEED,
    with_audit: bool = True,
    with_employment: bool = True,
    progress: Callable[[int], None] | None = None,
) -> Loaded:
    """Build the whole scenario; `passwords` maps every username of USERS to its password.

    `with_employment`: the units' work with the job seekers too (visits, vacancies,
    referrals, placements...), which the registry benchmark does without.
    """
    rng = random.Random(seed)
    with transaction.atomic():
        organisations = _organisations()
        cooperatives = _cooperatives(organisations, rng)
        users = _users(organisations, passwords)
    governorates = {g.pcode: g for g in Governorate.objects.filter(country=COUNTRY)}
    districts: dict[int, list[int]] = {g.pk: [] for g in governorates.values()}
    for district_id, governorate_id in District.objects.filter(
        governorate__country=COUNTRY
    ).values_list("pk", "governorate_id"):
        districts[governorate_id].append(district_id)
    units = [
        UnitPlan(
            organisation_id=organisations[f"unit:{plan.key}"].pk,
            governorate_id=governorates[plan.governorate].pk,
            district_ids=districts[governorates[plan.governorate].pk],
            weight=plan.weight,
            syrian_share=plan.syrian_share,
            registered_by_id=users[f"counsellor_{plan.key}"].pk,
        )
        for plan in COOPERATIVES
    ]
    population = Population(count=persons, units=units, governorate_districts=districts, seed=seed)
    written = bulk_register(population.records(), with_audit=with_audit, progress=progress)
    employment = permits = complaints = training = grants = surveys = None
    if with_employment:
        unit_ids = [unit.organisation_id for unit in units]
        persons_by_unit: dict[int, list[int]] = {pk: [] for pk in unit_ids}
        for owner_id, pk in Person.objects.filter(owner_id__in=unit_ids).values_list(
            "owner_id", "pk"
        ):
            persons_by_unit[owner_id].append(pk)
        employment = load_employment(
            rng=rng,
            units=[organisations[f"unit:{plan.key}"] for plan in COOPERATIVES],
            persons_by_unit=persons_by_unit,
            users=users,
        )
        # Young job seekers and hazardous vacancies in the first unit (taawon.protection).
        first = COOPERATIVES[0].key
        with transaction.atomic():
            load_young(organisations[f"unit:{first}"], users[f"counsellor_{first}"])
        # Ten years of work permits for the units' Syrian persons (taawon.permits.demo).
        permits = load_permits(
            rng=random.Random(seed),
            cooperatives=cooperatives,
            decided_by=users.get("ministry"),
            staff={
                organisations[f"unit:{plan.key}"].pk: users[f"counsellor_{plan.key}"]
                for plan in COOPERATIVES
            },
        )
        # Complaints and feedback of every category in both languages (taawon.complaints.demo).
        complaints = load_complaints(
            rng=random.Random(seed),
            units=[organisations[f"unit:{plan.key}"] for plan in COOPERATIVES],
            staff={
                organisations[f"unit:{plan.key}"].pk: users[f"counsellor_{plan.key}"]
                for plan in COOPERATIVES
            },
            focal_points={organisations["unit:mafraq"].pk: users["focal_mafraq"]},
            office=users["officer"],
        )
        # Training after the brief: Think.coop, Start.coop, the My.Coop training of trainers
        # and its cascade (taawon.training.demo).
        training = load_training(
            rng=random.Random(seed),
            office=organisations["country_office"],
            units=[organisations[f"unit:{plan.key}"] for plan in COOPERATIVES],
            cooperatives=cooperatives,
            persons_by_unit=persons_by_unit,
            officer=users["officer"],
            administrator=users["admin"],
        )
        # People's rights over their data: agreements, a partner export, requests.
        load_datarights(organisations=organisations, users=users)
        # Grants: the brief's 38 ventures in Jordan, SSE initiatives in Lebanon.
        grants = load_grants(
            rng=random.Random(seed),
            office=organisations["country_office"],
            cooperatives=[organisations[f"coop:{plan.key}"] for plan in COOPERATIVES],
            officer=users["officer"],
            reviewer=users["reviewer"],
            lebanon_office=organisations["lb_office"],
            lebanon_partner=organisations["lb_partner"],
            lebanon_officer=users["officer_lb"],
            lebanon_partner_staff=users["acted_lb"],
        )
        # Survey forms and submissions as ODK Collect sends them, the needs assessment in Iraq.
        surveys = load_surveys(
            rng=random.Random(seed),
            office=organisations["country_office"],
            officer=users["officer"],
            units=[organisations[f"unit:{plan.key}"] for plan in COOPERATIVES],
            staff={
                organisations[f"unit:{plan.key}"].pk: users[f"counsellor_{plan.key}"]
                for plan in COOPERATIVES
            },
            governorates={
                organisations[f"unit:{plan.key}"].pk: governorates[plan.governorate].iso_code
                for plan in COOPERATIVES
            },
        )
    return Loaded(
        organisations=organisations,
        cooperatives=cooperatives,
        persons=written,
        planted=population.planted,
        employment=employment,
        permits=permits,
        complaints=complaints,
        training=training,
        grants=grants,
        surveys=surveys,
    )


def brief_quarter(loaded: Loaded) -> UnitIndicators:
    """The six units' indicators for the brief's quarter, 1 July to 30 September 2020, as
    the system administrator sees them: the demo's records all belong to its six units."""
    administrator = User.objects.filter(is_superuser=True).first()
    return unit_indicators(administrator, start=QUARTER[0], end=QUARTER[1])


def _organisations() -> dict[str, Organisation]:
    kind = Organisation.Kind
    made = {
        key: create_organisation(
            name_en=name_en, name_ar=name_ar, kind=org_kind, country=COUNTRY, created_by=None
        )
        for key, (name_en, name_ar), org_kind in (
            ("country_office", COUNTRY_OFFICE, kind.COUNTRY_OFFICE),
            ("ministry", MINISTRY, kind.MINISTRY),
            ("donor", DONOR, kind.DONOR),
        )
    }
    for key, (name_en, name_ar), org_kind, country, parent in (
        ("lb_office", LEBANON_OFFICE, kind.COUNTRY_OFFICE, "LB", None),
        ("lb_partner", LEBANON_PARTNER, kind.PARTNER, "LB", "lb_office"),
        ("iq_office", IRAQ_OFFICE, kind.COUNTRY_OFFICE, "IQ", None),
        ("iq_cooperative", IRAQ_COOPERATIVE, kind.COOPERATIVE, "IQ", "iq_office"),
    ):
        made[key] = create_organisation(
            name_en=name_en,
            name_ar=name_ar,
            kind=org_kind,
            country=country,
            parent=made[parent] if parent else None,
            created_by=None,
        )
    return made


def _cooperatives(organisations: dict[str, Organisation], rng: random.Random) -> list[Cooperative]:
    """Register the six cooperatives in the country office's registry, each with a unit."""
    places = {
        **{g.pcode: g for g in Governorate.objects.filter(country=COUNTRY)},
        **{d.pcode: d for d in District.objects.filter(governorate__country=COUNTRY)},
    }
    register_cooperative(
        owner=organisations["iq_office"],
        registration_number="ERB-2014-117",
        type=CooperativeType.AGRICULTURAL,
        governorate=Governorate.objects.get(pcode="IQG11"),
        name_ar=IRAQ_COOPERATIVE[1],
        name_en=IRAQ_COOPERATIVE[0],
        value_chains=("vegetables", "dairy"),
        founding_date=datetime.date(2014, 5, 4),
        contact_person="Hawre Aziz",
        phone="+9647501234567",
        organisation=organisations["iq_cooperative"],
        created_by=None,
    )
    cooperatives = []
    for plan in COOPERATIVES:
        cooperative = register_cooperative(
            owner=organisations["country_office"],
            registration_number=plan.registration_number,
            type=plan.type,
            governorate=places[plan.governorate],
            district=places[plan.district],
            name_ar=plan.name_ar,
            name_en=plan.name_en,
            value_chains=plan.value_chains,
            founding_date=plan.founded,
            contact_person=plan.contact_person,
            phone=plan.phone,
            created_by=None,
        )
        unit = attach_employment_unit(
            cooperative=cooperative,
            name_en=f"Employment Unit, {plan.name_en}",
            name_ar=f"وحدة الإرشاد الوظيفي والتشغيل - {plan.name_ar}",
            created_by=None,
        )
        cooperative.refresh_from_db()
        organisations[f"coop:{plan.key}"] = cooperative.organisation
        organisations[f"unit:{plan.key}"] = unit
        women_only = plan.type == CooperativeType.WOMEN
        set_member_counts(
            cooperative=cooperative,
            as_of=MEMBERS_AS_OF,
            counts={
                ("male", "JO"): 0 if women_only else rng.randrange(60, 220),
                ("female", "JO"): rng.randrange(25, 90) if women_only else rng.randrange(5, 40),
                ("male", "SY"): 0 if women_only else rng.randrange(0, 25),
                ("female", "SY"): rng.randrange(3, 15) if women_only else rng.randrange(0, 6),
            },
            recorded_by=None,
        )
        cooperatives.append(cooperative)
    return cooperatives


def _users(organisations: dict[str, Organisation], passwords: Mapping[str, str]) -> dict[str, User]:
    users = {}
    for plan in USERS:
        if plan.role is None:
            user = User.objects.create_superuser(
                username=plan.username,
                password=passwords[plan.username],
                first_name=plan.first_name,
                last_name=plan.last_name,
            )
            audit.record_create(None, user, sensitive=["password"])
        else:
            user = add_user(
                organisation=organisations[plan.organisation],
                username=plan.username,
                role=plan.role,
                password=passwords[plan.username],
                added_by=None,
                first_name=plan.first_name,
                last_name=plan.last_name,
            )
        users[plan.username] = user
    return users
