"""The demo's surveys (`taawon demo`): the shipped forms (the cooperative needs assessment, the
job seeker registration and the farm visit), and a few hundred submissions received through
the same service as ODK Collect's: registrations and farm visits from each Jordanian unit, left
for a reviewer to approve into the registry (the demo's registry is counted exactly), and the
needs assessment of cooperatives and producer groups across Iraq's governorates; all dated in
the brief's quarter (July to September 2020)."""

from __future__ import annotations

import datetime
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from taawon.accounts.models import Membership, Organisation, User
from taawon.accounts.services import create_organisation
from taawon.employment.demo.plan import END as QUARTER_END
from taawon.employment.demo.plan import START as QUARTER_START
from taawon.employment.employers.models import Employer

from . import services, shipped
from .models import Submission

IRAQ_OFFICE = ("ILO Iraq Country Office", "مكتب منظمة العمل الدولية في العراق")
ASSESSMENTS = 150
REGISTRATIONS_PER_UNIT = 12
VISITS_PER_UNIT = 10

GIVEN = [
    ("أحمد", "Ahmad", "male"),
    ("سلمى", "Salma", "female"),
    ("خالد", "Khaled", "male"),
    ("رنا", "Rana", "female"),
    ("محمود", "Mahmoud", "male"),
    ("هبة", "Hiba", "female"),
    ("يوسف", "Yousef", "male"),
    ("نور", "Nour", "female"),
]
FAMILY = [
    ("الحسن", "Hassan"),
    ("العلي", "Ali"),
    ("الخطيب", "Khatib"),
    ("الزعبي", "Zoubi"),
    ("المصري", "Masri"),
    ("الشامي", "Shami"),
]
COOP_NAMES = ["جمعية {} التعاونية الزراعية", "مجموعة منتجي {}", "جمعية نساء {} التعاونية"]
PLACES = {
    "IQ-DA": "زاخو",
    "IQ-AR": "سوران",
    "IQ-SU": "حلبجة",
    "IQ-NI": "سنجار",
    "IQ-BA": "الزبير",
    "IQ-BG": "أبو غريب",
    "IQ-KI": "الحويجة",
    "IQ-AN": "هيت",
}
# Where the programme works most: the Kurdistan Region and Ninewa weigh more.
GOVERNORATE_WEIGHTS = {code: 1 for code, _en, _ar in shipped.IRAQ_GOVERNORATES}
GOVERNORATE_WEIGHTS.update({"IQ-DA": 6, "IQ-AR": 5, "IQ-SU": 4, "IQ-NI": 4, "IQ-BA": 2})


@dataclass
class DemoSummary:
    forms: int = 0
    submissions: int = 0
    approved: int = 0
    assessments: int = 0


def _el(name: str, value: object) -> str:
    return f"<{name}>{escape(str(value))}</{name}>"


def _instance(form_id: str, version: str, body: str) -> bytes:
    return (
        f'<data id="{form_id}" version="{version}">{body}'
        f"<meta><instanceID>uuid:{uuid.uuid5(uuid.NAMESPACE_URL, body)}</instanceID></meta>"
        "</data>"
    ).encode()


def _pick(rng: random.Random, choices, low: int, high: int) -> str:
    names = [name for name, _en, _ar in choices]
    return " ".join(rng.sample(names, rng.randint(low, high)))


def assessment_xml(rng: random.Random, number: int) -> bytes:
    codes = list(GOVERNORATE_WEIGHTS)
    governorate = rng.choices(codes, weights=[GOVERNORATE_WEIGHTS[c] for c in codes])[0]
    place = PLACES.get(governorate, "")
    women, men = rng.randint(3, 60), rng.randint(0, 120)
    total = women + men
    syrian = rng.randint(0, total // 3) if governorate in ("IQ-DA", "IQ-AR", "IQ-SU") else 0
    idp = rng.randint(0, (total - syrian) // 3)
    iraqi = total - syrian - idp
    chain = rng.choice(shipped.VALUE_CHAINS)[0]
    body = "".join(
        [
            "<identity>",
            _el("coop_name", rng.choice(COOP_NAMES).format(place or f"رقم {number}")),
            _el("kind", rng.choice(["cooperative", "producer_group", "association"])),
            _el("governorate", governorate),
            _el("district", place),
            _el("value_chain", chain),
            _el("founded", rng.randint(1975, 2024)),
            "</identity><members>",
            _el("members_women", women),
            _el("members_men", men),
            _el("members_iraqi", iraqi),
            _el("members_syrian", syrian),
            _el("members_idp", idp),
            _el("members_other", 0),
            "</members><governance>",
            _el("bylaws", rng.choice(["yes", "yes", "no"])),
            _el("assembly", rng.choice(["yes", "no"])),
            _el("board_elected", rng.choice(["yes", "no"])),
            "</governance>",
            _el("services", _pick(rng, shipped.SERVICES, 1, 4)),
            "<finances>",
            _el("turnover_iqd", rng.randrange(2_000_000, 300_000_000, 250_000)),
            _el("bank_account", rng.choice(["yes", "no"])),
            "</finances>",
            _el("main_market", rng.choice(["local", "local", "regional", "national", "export"])),
            "<capacity>",
            *(
                _el(f"capacity_{a}", rng.randint(1, 5))
                for a in ("management", "finance", "marketing", "technical")
            ),
            "</capacity><assessment>",
            _el("strengths", _pick(rng, shipped.STRENGTHS, 1, 3)),
            _el("weaknesses", _pick(rng, shipped.WEAKNESSES, 1, 4)),
            _el("needs", _pick(rng, shipped.NEEDS, 1, 4)),
            _el("support_wanted", "نحتاج إلى غرفة تبريد وتدريب على التسويق"),
            "</assessment>",
            *(
                f"<products>{_el('product', p)}{_el('volume_tonnes', rng.randint(1, 400))}"
                "</products>"
                for p in rng.sample(
                    ["حليب", "جبن", "تمر", "عسل", "طماطم", "قمح"], rng.randint(1, 3)
                )
            ),
            _el("location", f"{rng.uniform(30.5, 37.0):.5f} {rng.uniform(40.0, 47.5):.5f} 0 0"),
        ]
    )
    return _instance(shipped.NEEDS_ASSESSMENT["settings"][1][0], "2026120101", body)


def registration_xml(rng: random.Random, governorate: str) -> bytes:
    given_ar, given_en, sex = rng.choice(GIVEN)
    family_ar, family_en = rng.choice(FAMILY)
    body = "".join(
        [
            _el("given_name_ar", given_ar),
            _el("father_name_ar", rng.choice(GIVEN)[0]),
            _el("family_name_ar", family_ar),
            _el("given_name_en", given_en),
            _el("family_name_en", family_en),
            _el("sex", sex),
            _el("birth_year", rng.randint(1970, 2004)),
            _el("nationality", rng.choice(["SY", "SY", "JO"])),
            _el("displacement_status", rng.choice(["refugee", "host_community"])),
            _el("governorate", governorate),
            "<phone/>",
            _el("occupations", rng.choice(["9211", "9211 6111", "8341", "7512"])),
            _el("experience_years", rng.randint(0, 15)),
            _el("needs_transport", rng.choice(["yes", "no"])),
            "<photo/>",
        ]
    )
    return _instance("job_seeker_registration", "2026120101", body)


def visit_xml(rng: random.Random, employer: int, day: datetime.date) -> bytes:
    body = "".join(
        [
            _el("employer", employer),
            _el("visit_date", day.isoformat()),
            _el(
                "purpose", rng.choice(["outreach", "vacancy_collection", "awareness", "follow_up"])
            ),
            _el(
                "findings", rng.choice(["عشرة عمال في قطف البندورة", "Greenhouses need 6 pickers"])
            ),
            _el("next_steps", "Follow up next month"),
            "<photo/>",
        ]
    )
    return _instance("farm_visit", "2026120101", body)


def _iraq(users_password: str | None) -> tuple[Organisation, User]:
    office = Organisation.objects.filter(
        kind=Organisation.Kind.COUNTRY_OFFICE, country="IQ"
    ).first()
    if office is None:
        office = create_organisation(
            name_en=IRAQ_OFFICE[0],
            name_ar=IRAQ_OFFICE[1],
            kind=Organisation.Kind.COUNTRY_OFFICE,
            country="IQ",
            created_by=None,
        )
    enumerator = User.objects.filter(username="enumerator_iraq").first()
    if enumerator is None:
        enumerator = User.objects.create_user(
            username="enumerator_iraq",
            password=users_password,
            first_name="Dilan",
            last_name="Barzani",
        )
        Membership.objects.create(
            user=enumerator, organisation=office, role=Membership.Role.DATA_CLERK
        )
    return office, enumerator


def _received_in_the_quarter(rng: random.Random) -> None:
    """Date the demo's submissions inside the brief's quarter, as if ODK Collect had sent them
    then: the dashboards open on the latest quarter with figures, the brief's."""
    days = (QUARTER_END - QUARTER_START).days
    for pk in Submission.objects.order_by("pk").values_list("pk", flat=True):
        moment = datetime.datetime.combine(
            QUARTER_START + datetime.timedelta(days=rng.randrange(days + 1)),
            datetime.time(8 + rng.randrange(9), rng.randrange(60)),
            tzinfo=datetime.UTC,
        )
        Submission.objects.filter(pk=pk).update(received_at=moment)


def load_demo(
    *,
    rng: random.Random,
    office: Organisation,
    officer: User,
    units: Sequence[Organisation],
    staff: dict[int, User],
    governorates: dict[int, str],
    enumerator_password: str | None = None,
) -> DemoSummary:
    """`staff`: each unit's counsellor (by unit id), who fills and reviews its forms;
    `governorates`: each unit's governorate code (ISO 3166-2)."""
    summary = DemoSummary()
    iraq, enumerator = _iraq(enumerator_password)
    forms = services.install_shipped_forms(owner=office, assigned=list(units), by=None)
    needs = forms["coop_needs_assessment"]
    needs.owner = iraq
    needs.save(update_fields=["owner"])
    services.assign_form(form=needs, organisations=[iraq], by=None)
    summary.forms = len(forms)
    for number in range(ASSESSMENTS):
        receipt = services.receive_submission(
            xml=assessment_xml(rng, number), files={}, user=enumerator
        )
        summary.submissions += 1
        summary.assessments += 1
        if number % 3 == 0:
            services.review_submission(submission=receipt.submission, action="approve", by=None)
    for unit in units:
        counsellor = staff[unit.pk]
        # Left for review: approving one registers its person in the registry, whose planned
        # population the demo (and its tests) counts exactly.
        for _number in range(REGISTRATIONS_PER_UNIT):
            services.receive_submission(
                xml=registration_xml(rng, governorates[unit.pk]), files={}, user=counsellor
            )
            summary.submissions += 1
        employers = list(
            Employer.objects.filter(owner=unit).order_by("pk").values_list("pk", flat=True)[:5]
        )
        for number in range(VISITS_PER_UNIT if employers else 0):
            day = QUARTER_START + datetime.timedelta(days=number * 9)
            services.receive_submission(
                xml=visit_xml(rng, employers[number % len(employers)], day),
                files={},
                user=counsellor,
            )
            summary.submissions += 1
    _received_in_the_quarter(rng)
    return summary
