"""The demo's grants (`taawon demo`), after the programme brief.

Jordan, 2020: the call for joint business ventures between cooperatives and Syrian refugees,
run to the end: 44 applications from the six cooperatives, 40 eligible, scored by a panel of
three, and 38 funded with JOD 3,000 each (18 in construction, 20 in agriculture, one funded
out of rank order with the manager's reason), agreements, two tranches each, 246 jobs created
(173 men and 73 women, Jordanians and Syrians: a few through the units' placements, the rest
head counts), quarterly revenue, mentoring and coaching visits, and a business status over the
following year (three closed after eight months). A second call, of this year, waits for the
demo reviewer's scores: the other two reviewers' are hidden from them until they score.

Lebanon: the ILO country office and its partner ACTED run a call for youth-led social and
solidarity economy initiatives in the four villages of the brief (Kfar Habou, Akroum, Sir
ed-Danniyeh, Bebnine), in US dollars; members come from the registry; tranches are paid partly
in Lebanese pounds at the rate of the day, with its source; results are reported over time.

Everything goes through the services, as a programme officer would do it.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from taawon.accounts.models import Organisation, User
from taawon.employment.placements.models import Placement
from taawon.geo.models import District, Governorate, Locality
from taawon.people.bulk import PersonRecord, bulk_register
from taawon.people.models import Person

from . import services
from .figures import add_months
from .models import Application, Award

JO_OPENS = datetime.date(2020, 1, 15)
JO_CLOSES = datetime.date(2020, 2, 29)
JO_SCORING_CLOSES = datetime.date(2020, 3, 31)
JO_DECIDED = datetime.date(2020, 4, 15)
SEED_FUND = Decimal("3000")
FUNDED = {"construction": 18, "agriculture": 20}  # the brief's 38 ventures
JOBS = {"male": 173, "female": 73}  # the brief's 246 vacancies
LINKED_PLACEMENTS = 6  # workers placed through the units, counted as one job each
CLOSED_AFTER_MONTHS = 8
CLOSED = 3
VENTURE_KINDS = {
    "construction": [
        ("Stone cutting workshop", "ورشة قص الحجر"),
        ("Plastering and tiling team", "فريق القصارة والبلاط"),
        ("Greenhouse frame builders", "بناة هياكل البيوت البلاستيكية"),
        ("Water harvesting cisterns", "آبار تجميع مياه الأمطار"),
        ("Farm roads and terraces", "الطرق الزراعية والمدرجات"),
        ("Metal works for farms", "أعمال معدنية للمزارع"),
    ],
    "agriculture": [
        ("Greenhouse vegetables", "خضار البيوت البلاستيكية"),
        ("Olive seedlings nursery", "مشتل أشتال الزيتون"),
        ("Dairy and cheese", "الألبان والأجبان"),
        ("Beekeeping and honey", "تربية النحل والعسل"),
        ("Dates packing", "تعبئة التمور"),
        ("Herbs drying", "تجفيف الأعشاب"),
    ],
}
CRITERIA = [
    ("Business viability and market", 40),
    ("Jobs for Syrian refugees and Jordanians", 30),
    ("Women's participation", 15),
    ("Cooperative's capacity", 15),
]
ELIGIBILITY = [
    "A joint venture of a registered cooperative and Syrian refugees",
    "Members from both the host community and refugees",
    "A business plan with a budget",
]
VISIT_TOPICS = [
    ("Bookkeeping and cash flow", "Keep the cash book weekly"),
    ("Marketing to wholesalers", "Visit two wholesalers in Amman"),
    ("Occupational safety on site", "Buy gloves and masks for the workers"),
    ("Pricing and costs", "Recompute the price per unit"),
]

LB_VILLAGES = [
    ("Kfar Habou", "Herbs and mouneh from Kfar Habou", "مونة وأعشاب كفرحبو", "agro_food"),
    ("Akroum", "Akroum youth seed bank", "بنك بذور شباب أكروم", "agriculture"),
    (
        "Sir ed-Danniyeh",
        "Danniyeh dried fruit collective",
        "تعاونية الفاكهة المجففة في الضنية",
        "agro_food",
    ),
    ("Bebnine", "Bebnine fishermen's youth kitchen", "مطبخ شباب صيادي ببنين", "agro_food"),
]
LB_GIVEN = [
    ("Rami", "رامي", "male"), ("Lara", "لارا", "female"), ("Hadi", "هادي", "male"),
    ("Maya", "مايا", "female"), ("Omar", "عمر", "male"), ("Nour", "نور", "female"),
    ("Karim", "كريم", "male"), ("Rana", "رنا", "female"), ("Ali", "علي", "male"),
    ("Yara", "يارا", "female"), ("Tarek", "طارق", "male"), ("Hala", "هالة", "female"),
]  # fmt: skip
LB_FAMILY = [("Merhebi", "المرعبي"), ("Khaled", "خالد"), ("Hamoud", "حمود"), ("Taleb", "طالب")]
MEMBERS_PER_INITIATIVE = 6  # young people of the village, from the registry
SSE_MEMBERS = MEMBERS_PER_INITIATIVE * len(LB_VILLAGES)
# Lebanese pounds for one US dollar on the day, by source: several rates are in use at once.
LB_RATES = {
    "official": Decimal("15000"),
    "bank_platform": Decimal("85500"),
    "market": Decimal("89500"),
}


@dataclass
class DemoSummary:
    applications: int = 0
    funded: int = 0
    awarded_jod: Decimal = Decimal(0)
    jobs_men: int = 0
    jobs_women: int = 0
    sse_initiatives: int = 0


def _governorate_of(organisation: Organisation) -> Governorate:
    cooperative = getattr(organisation, "cooperative", None)
    if cooperative is not None and cooperative.governorate_id:
        return cooperative.governorate
    return Governorate.objects.filter(country=organisation.country).order_by("pcode").first()


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """`total` in `parts` whole numbers, each at least 1 when possible, summing exactly."""
    base, extra = divmod(total, parts)
    shares = [base + (1 if i < extra else 0) for i in range(parts)]
    rng.shuffle(shares)
    return shares


@transaction.atomic
def load_demo(
    *,
    rng: random.Random,
    office: Organisation,
    cooperatives: list[Organisation],
    officer: User,
    reviewer: User,
    lebanon_office: Organisation,
    lebanon_partner: Organisation,
    lebanon_officer: User,
    lebanon_partner_staff: User,
) -> DemoSummary:
    summary = DemoSummary()
    panel = [
        reviewer,
        *(
            User.objects.create_user(username=name, first_name=first, last_name=last)
            for name, first, last in (
                ("panel_hammad", "Yousef", "Hammad"),
                ("panel_odeh", "Reem", "Odeh"),
            )
        ),
    ]
    for user in panel[1:]:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    _jordan_2020(rng, summary, office, cooperatives, officer, panel)
    _jordan_now(rng, summary, office, cooperatives, officer, panel)
    _lebanon(
        rng,
        summary,
        lebanon_office,
        lebanon_partner,
        lebanon_officer,
        lebanon_partner_staff,
        reviewer,
    )
    return summary


def _jordan_2020(rng, summary, office, cooperatives, officer, panel) -> None:
    call = services.create_call(
        owner=office,
        title="Joint business ventures between cooperatives and Syrian refugees 2020",
        kind="venture",
        currency="JOD",
        budget=SEED_FUND * 38,
        max_grant=SEED_FUND,
        opens_on=JO_OPENS,
        closes_on=JO_CLOSES,
        scoring_closes_on=JO_SCORING_CLOSES,
        eligibility=ELIGIBILITY,
        criteria=CRITERIA,
        reviewers=panel,
        created_by=officer,
    )
    services.publish_call(call=call, by=officer)
    # 21 construction and 23 agriculture proposals: 40 eligible, 38 funded.
    plan = [("construction", i) for i in range(21)] + [("agriculture", i) for i in range(23)]
    applications: list[tuple[Application, str]] = []
    for number, (sector, i) in enumerate(plan):
        coop = cooperatives[number % len(cooperatives)]
        kind_en, _kind_ar = VENTURE_KINDS[sector][i % len(VENTURE_KINDS[sector])]
        men_h, women_h = rng.randrange(1, 4), rng.randrange(0, 3)
        app = services.submit_application(
            call=call,
            owner=coop,
            name=f"{kind_en} {number + 1:02d} · {coop.name_en.split(' ')[0]}",
            sector=sector,
            governorate=_governorate_of(coop),
            summary=(
                f"{kind_en}: a joint venture of the cooperative with Syrian refugee members, "
                "buying tools and materials with the seed fund and employing workers from both "
                "communities."
            ),
            amount_requested=SEED_FUND,
            planned={
                "men_host": men_h,
                "women_host": women_h,
                "men_refugee": rng.randrange(1, 4),
                "women_refugee": rng.randrange(0, 3),
            },
            submitted_on=JO_OPENS + datetime.timedelta(days=rng.randrange(0, 40)),
            submitted_by=officer,
        )
        applications.append((app, sector))
        summary.applications += 1
    criteria_ids = list(call.eligibility.values_list("pk", flat=True))
    # Two of each sector fail the checklist.
    ineligible = {0, 1, 21, 22}
    scored: list[tuple[Application, str]] = []
    for index, (app, sector) in enumerate(applications):
        fails = index in ineligible
        services.screen_application(
            application=app,
            checks={pk: not (fails and pk == criteria_ids[1]) for pk in criteria_ids},
            reasons="No refugee member registered in the venture." if fails else "",
            by=officer,
        )
        if not fails:
            scored.append((app, sector))
    weights = list(call.criteria.all())
    for position, (app, _sector) in enumerate(scored):
        for member in panel:
            services.declare_interest(application=app, reviewer=member, conflicted=False)
            base = 9 - position // 6
            services.score_application(
                application=app,
                reviewer=member,
                scores={c.pk: max(0, min(10, base + rng.randrange(-1, 2))) for c in weights},
                today=JO_SCORING_CLOSES,
            )
    from .queries import call_ranking

    ranking = [r for r in call_ranking(call) if r.rank is not None]
    by_pk = {app.pk: sector for app, sector in scored}
    # Fund the best of each sector to the brief's counts, in rank order.
    left = dict(FUNDED)
    chosen: list[int] = []
    for ranked in ranking:
        sector = by_pk[ranked.application_id]
        if left[sector]:
            left[sector] -= 1
            chosen.append(ranked.application_id)
    awards: list[Award] = []
    for pk in chosen:
        app = Application.objects.get(pk=pk)
        try:
            award = services.award_grant(
                application=app, amount=SEED_FUND, decided_on=JO_DECIDED, by=officer
            )
        except services.ValidationFailed:
            award = services.award_grant(
                application=app,
                amount=SEED_FUND,
                decided_on=JO_DECIDED,
                departure_reason=(
                    "The sector's share of the call: the brief's plan funds 18 construction and "
                    "20 agriculture ventures."
                ),
                by=officer,
            )
        awards.append(award)
    summary.funded += len(awards)  # the SSE initiatives are counted apart
    summary.awarded_jod += sum((a.amount for a in awards), Decimal(0))
    _follow_up_jordan(rng, awards, officer, summary)


def _follow_up_jordan(rng, awards: list[Award], officer: User, summary: DemoSummary) -> None:
    today = timezone.localdate()
    placements = list(
        Placement.objects.filter(start_date__gte=JO_DECIDED)
        .select_related("job_seeker__person")
        .order_by("pk")[:LINKED_PLACEMENTS]
    )
    linked = {"male": 0, "female": 0}
    for i, placement in enumerate(placements):
        services.record_jobs(
            award=awards[i % len(awards)],
            placement=placement,
            recorded_on=max(placement.start_date, JO_DECIDED),
            by=officer,
        )
        linked[placement.job_seeker.person.sex] += 1
    men = _split(JOBS["male"] - linked["male"], len(awards), rng)
    women = _split(JOBS["female"] - linked["female"], len(awards), rng)
    for index, award in enumerate(awards):
        signed = JO_DECIDED + datetime.timedelta(days=7)
        services.sign_agreement(
            award=award, reference=f"GA-JO-2020-{index + 1:03d}", signed_on=signed, by=officer
        )
        for number, (amount, days) in enumerate(((Decimal("1500"), 14), (Decimal("1500"), 120))):
            tranche = services.plan_tranche(
                award=award,
                amount=amount,
                planned_on=signed + datetime.timedelta(days=days),
                by=officer,
            )
            services.approve_tranche(tranche=tranche, approved_on=tranche.planned_on, by=officer)
            # The last three ventures' second tranche waits for approval of their report.
            if number == 1 and index >= len(awards) - 3:
                continue
            services.pay_tranche(
                tranche=tranche,
                paid_on=tranche.planned_on + datetime.timedelta(days=3),
                reference=f"TRX-{award.pk:04d}-{number + 1}",
                by=officer,
            )
        started = JO_DECIDED + datetime.timedelta(days=30)
        services.record_status(award=award, status="operating", as_of=started, by=officer)
        if index < CLOSED:
            services.record_status(
                award=award,
                status="closed",
                as_of=add_months(JO_DECIDED, CLOSED_AFTER_MONTHS),
                note="The land lease ended and was not renewed.",
                by=officer,
            )
        elif index < CLOSED + 2:
            services.record_status(
                award=award,
                status="paused",
                as_of=add_months(JO_DECIDED, 4),
                note="Lockdown",
                by=officer,
            )
            services.record_status(
                award=award, status="operating", as_of=add_months(JO_DECIDED, 5), by=officer
            )
        for sex, counts in (("male", men), ("female", women)):
            if not counts[index]:
                continue
            syrian = counts[index] // 3 + (1 if counts[index] % 3 else 0)
            for nationality, count in (("SY", syrian), ("JO", counts[index] - syrian)):
                if count:
                    services.record_jobs(
                        award=award,
                        recorded_on=started,
                        count=count,
                        sex=sex,
                        nationality=nationality,
                        by=officer,
                    )
        for quarter in range(1, 5):
            end = add_months(JO_DECIDED, 3 * quarter)
            if end > today or (index < CLOSED and quarter * 3 > CLOSED_AFTER_MONTHS):
                break
            services.record_progress(
                award=award,
                period_end=end,
                revenue=Decimal(rng.randrange(800, 4500)),
                results="Sales to the cooperative's members and to local traders.",
                by=officer,
            )
        for visit, (topic, action) in enumerate(rng.sample(VISIT_TOPICS, 2)):
            services.record_visit(
                award=award,
                kind="mentoring" if visit == 0 else "coaching",
                date=started + datetime.timedelta(days=30 + 60 * visit),
                mentor="Samer Haddadin" if visit == 0 else "Ruba Nsour",
                topics=topic,
                follow_up_actions=action,
                by=officer,
            )
    summary.jobs_men = JOBS["male"]
    summary.jobs_women = JOBS["female"]


def _jordan_now(rng, summary, office, cooperatives, officer, panel) -> None:
    """This year's call, closed and being scored: two reviewers have scored, the demo
    reviewer has not (so they see their own scores only, until they score)."""
    today = timezone.localdate()
    opens = today - datetime.timedelta(days=60)
    call = services.create_call(
        owner=office,
        title=f"Joint business ventures {today.year}, second round",
        kind="venture",
        currency="JOD",
        budget=Decimal("15000"),
        max_grant=SEED_FUND,
        opens_on=opens,
        closes_on=today - datetime.timedelta(days=10),
        scoring_closes_on=today + datetime.timedelta(days=30),
        eligibility=ELIGIBILITY,
        criteria=CRITERIA,
        reviewers=panel,
        created_by=officer,
    )
    services.publish_call(call=call, by=officer)
    criteria_ids = list(call.eligibility.values_list("pk", flat=True))
    weights = list(call.criteria.all())
    for number, coop in enumerate(cooperatives[:4]):
        sector = "agriculture" if number % 2 else "construction"
        kind_en, _kind_ar = VENTURE_KINDS[sector][number]
        app = services.submit_application(
            call=call,
            owner=coop,
            name=f"{kind_en} · {coop.name_en.split(' ')[0]} {today.year}",
            sector=sector,
            governorate=_governorate_of(coop),
            summary=f"{kind_en}, second round: tools, materials and six months of wages.",
            amount_requested=SEED_FUND,
            planned={"men_host": 2, "women_host": 1, "men_refugee": 2, "women_refugee": 1},
            submitted_on=opens + datetime.timedelta(days=5 + number),
            submitted_by=officer,
        )
        services.screen_application(
            application=app, checks=dict.fromkeys(criteria_ids, True), by=officer
        )
        for member in panel[1:]:
            services.declare_interest(application=app, reviewer=member, conflicted=False)
            services.score_application(
                application=app,
                reviewer=member,
                scores={c.pk: rng.randrange(5, 10) for c in weights},
            )
        summary.applications += 1


def _lebanese_members(
    rng,
    partner: Organisation,
    governorate: Governorate,
    district: District,
    village: str,
    count: int,
) -> list[Person]:
    records = []
    today = timezone.localdate()
    for i in range(count):
        given_en, given_ar, sex = LB_GIVEN[(i + len(village)) % len(LB_GIVEN)]
        family_en, family_ar = rng.choice(LB_FAMILY)
        syrian = i % 3 == 2
        records.append(
            PersonRecord(
                index=i,
                owner_id=partner.pk,
                registered_on=today - datetime.timedelta(days=200),
                values={
                    "given_name_ar": given_ar,
                    "family_name_ar": family_ar,
                    "given_name_en": given_en,
                    "family_name_en": family_en,
                    "sex": sex,
                    "nationality": "SY" if syrian else "LB",
                    "displacement_status": "refugee" if syrian else "host_community",
                    "birth_year": today.year - rng.randrange(18, 30),
                    "birth_year_estimated": True,
                    "phone": f"+96171{rng.randrange(100000, 999999)}",
                    "governorate_id": governorate.pk,
                    "district_id": district.pk,
                },
            )
        )
    bulk_register(records)
    return list(Person.objects.filter(pk__in=[r.pk for r in records]))


def _lebanon(rng, summary, office, partner, officer, partner_staff, reviewer) -> None:
    today = timezone.localdate()
    opens = today - datetime.timedelta(days=330)
    call = services.create_call(
        owner=office,
        title="Youth-led social and solidarity economy initiatives, Akkar and North Lebanon",
        kind="sse",
        currency="USD",
        budget=Decimal("40000"),
        max_grant=Decimal("10000"),
        opens_on=opens,
        closes_on=opens + datetime.timedelta(days=30),
        scoring_closes_on=opens + datetime.timedelta(days=45),
        eligibility=[
            "Led by young people (18 to 29) of the village",
            "Lebanese and Syrian members",
            "An income-generating activity in agriculture or agro-food",
        ],
        criteria=[
            ("Income for the members", 40),
            ("Community benefit", 30),
            ("Youth leadership", 30),
        ],
        reviewers=[reviewer],
        created_by=officer,
    )
    services.publish_call(call=call, by=officer)
    criteria_ids = list(call.eligibility.values_list("pk", flat=True))
    weights = list(call.criteria.all())
    day = opens + datetime.timedelta(days=40)
    awards = []
    for number, (village, name_en, _name_ar, sector) in enumerate(LB_VILLAGES):
        locality = Locality.objects.select_related("district", "governorate").get(name_en=village)
        members = _lebanese_members(
            rng, partner, locality.governorate, locality.district, village, MEMBERS_PER_INITIATIVE
        )
        app = services.submit_application(
            call=call,
            owner=partner,
            name=name_en,
            sector=sector,
            governorate=locality.governorate,
            locality=locality,
            summary=(
                f"{name_en}: young people of {village} produce and sell together, with "
                "ACTED's support."
            ),
            amount_requested=Decimal("9500") - 500 * number,
            planned={"men_host": 2, "women_host": 2, "men_refugee": 1, "women_refugee": 1},
            members=members,
            submitted_on=opens + datetime.timedelta(days=10 + number),
            submitted_by=partner_staff,
        )
        services.screen_application(
            application=app, checks=dict.fromkeys(criteria_ids, True), by=officer
        )
        services.declare_interest(application=app, reviewer=reviewer, conflicted=False)
        services.score_application(
            application=app,
            reviewer=reviewer,
            scores={c.pk: 9 - number for c in weights},
            today=day,
        )
        award = services.award_grant(
            application=app,
            amount=app.amount_requested,
            decided_on=day + datetime.timedelta(days=5),
            by=officer,
        )
        services.sign_agreement(
            award=award, reference=f"GA-LB-{award.pk:03d}", signed_on=award.decided_on, by=officer
        )
        half = (award.amount / 2).quantize(Decimal("0.01"))
        for part, (amount, source) in enumerate(
            ((half, "bank_platform"), (award.amount - half, "market"))
        ):
            tranche = services.plan_tranche(
                award=award,
                amount=amount,
                planned_on=award.decided_on + datetime.timedelta(days=20 + 90 * part),
                by=officer,
            )
            services.approve_tranche(tranche=tranche, approved_on=tranche.planned_on, by=officer)
            if part == 1 and number == 3:
                continue  # Bebnine's second tranche is approved, not yet paid
            in_pounds = part == 0 and number % 2 == 0
            services.pay_tranche(
                tranche=tranche,
                paid_on=tranche.planned_on + datetime.timedelta(days=2),
                reference=f"ACTED-{award.pk:03d}-{part + 1}",
                paid_currency="LBP" if in_pounds else "",
                exchange_rate=LB_RATES[source] if in_pounds else None,
                rate_source=source if in_pounds else "",
                by=officer,
            )
        services.record_status(
            award=award,
            status="operating",
            as_of=award.decided_on + datetime.timedelta(days=30),
            by=partner_staff,
        )
        for month in (3, 6, 9):
            end = add_months(award.decided_on, month)
            if end > today:
                break
            services.record_progress(
                award=award,
                period_end=end,
                revenue=Decimal(rng.randrange(300, 2500)),
                results=(
                    f"{rng.randrange(40, 160)} households bought from the initiative; sales at "
                    "the village market."
                ),
                by=partner_staff,
            )
        services.record_visit(
            award=award,
            kind="coaching",
            date=award.decided_on + datetime.timedelta(days=45),
            mentor="ACTED livelihoods officer",
            topics="Group decisions and sharing the income",
            follow_up_actions="Write the members' agreement",
            by=partner_staff,
        )
        services.record_visit(
            award=award,
            kind="training",
            date=award.decided_on + datetime.timedelta(days=20),
            mentor="ILO SSE trainer",
            topics="Social and solidarity economy: principles and bookkeeping",
            by=officer,
        )
        for member in members:
            services.record_jobs(
                award=award,
                recorded_on=award.decided_on + datetime.timedelta(days=30),
                count=1,
                sex=member.sex,
                nationality=member.nationality,
                by=partner_staff,
            )
        awards.append(award)
    summary.sse_initiatives = len(awards)
