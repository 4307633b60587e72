"""The demo's complaints and feedback (`taawon demo`): in each unit, a complaint of every
category, half in Arabic and half in English, by each channel, at every step of handling; an
SMS line per unit; and a focal point for Mafraq's unit (the demo user `focal_mafraq`)."""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from taawon.accounts.models import Organisation, User
from taawon.employment.employers.models import Employer
from taawon.people.models import Person

from . import services
from .models import Category, Channel, ComplainantKind, SmsLine

# category -> (Arabic text, English text)
TEXTS: dict[str, tuple[str, str]] = {
    Category.WAGES_UNPAID: (
        "لم يدفع لي صاحب المزرعة أجر الأسبوعين الأخيرين من موسم قطف البندورة.",
        "The farm owner has not paid me for the last two weeks of the tomato harvest.",
    ),
    Category.SAFETY: (
        "نرش المبيدات دون كمامات أو قفازات، وأصيب زميلي بدوار.",
        "We spray pesticides without masks or gloves; a co-worker fainted last week.",
    ),
    Category.HARASSMENT: (
        "المشرف يتلفظ بكلام غير لائق تجاه العاملات ويهددنا بالفصل إن اشتكينا.",
        "The supervisor harasses the women workers and threatens to dismiss us if we complain.",
    ),
    Category.DISCRIMINATION: (
        "يُعطى العمال الأردنيون ساعات أكثر منا لأننا سوريون، رغم أننا نعمل في الفريق نفسه.",
        "Syrian workers are given fewer hours than the others in the same team.",
    ),
    Category.PERMIT: (
        "انتهى تصريح عملي المرن ولم أتلق أي رسالة لتجديده.",
        "My flexible work permit expired and nobody told me how to renew it.",
    ),
    Category.SERVICE_QUALITY: (
        "انتظرت ثلاث ساعات في الوحدة دون أن يقابلني أحد.",
        "I waited three hours at the unit and nobody saw me.",
    ),
    Category.THANKS: (
        "شكراً للوحدة، وجدت عملاً في مصنع الألبان بفضل الإحالة.",
        "Thank you: the referral found me a job at the dairy.",
    ),
}

# (status to reach, days ago received): one per category, in TEXTS' order.
PLAN = (
    ("closed", 40),
    ("in_progress", 9),
    ("received", 1),
    ("referred", 12),
    ("acknowledged", 5),
    ("received", 4),  # overdue: past the two days to acknowledge
    ("closed", 20),
)
STEPS = {
    "received": [],
    "acknowledged": ["acknowledge"],
    "in_progress": ["acknowledge", "start"],
    "referred": ["acknowledge", "refer"],
    "closed": ["acknowledge", "start", "resolve", "close"],
}
CHANNELS = (Channel.IN_PERSON, Channel.SMS, Channel.WEB)


@dataclass
class DemoSummary:
    complaints: int = 0
    sensitive: int = 0


@transaction.atomic
def load_demo(
    *,
    rng: random.Random,
    units: Sequence[Organisation],
    staff: dict[int, User],
    focal_points: dict[int, User],
    office: User,
) -> DemoSummary:
    """`staff`: the counsellor of each unit (by id), who handles its complaints;
    `focal_points`: the focal point designated in some units, who handles the sensitive ones
    there; `office`: the country office's programme officer, who handles them elsewhere."""
    summary = DemoSummary()
    now = timezone.now()
    for number, unit in enumerate(units):
        SmsLine.objects.create(owner=unit, number=f"+9627900001{number:02d}", created_by=None)
        handler = staff[unit.pk]
        focal = focal_points.get(unit.pk)
        if focal is not None:
            services.designate_focal_point(owner=unit, user=focal, by=None)
        person = Person.objects.filter(owner=unit).order_by("pk").first()
        employer = Employer.objects.filter(owner=unit).order_by("pk").first()
        for index, (category, (arabic, english)) in enumerate(TEXTS.items()):
            status, days = PLAN[index]
            in_arabic = (index + number) % 2 == 0
            channel = CHANNELS[(index + number) % len(CHANNELS)]
            kind = (
                ComplainantKind.ANONYMOUS
                if category == Category.HARASSMENT or channel == Channel.SMS
                else ComplainantKind.WORKER
            )
            named = kind == ComplainantKind.WORKER and channel == Channel.IN_PERSON
            receipt = services.record_complaint(
                owner=unit,
                category=category,
                description=arabic if in_arabic else english,
                channel=channel,
                complainant_kind=kind,
                person=person if named else None,
                employer=employer if category in (Category.WAGES_UNPAID, Category.SAFETY) else None,
                contact_phone=f"+96279{rng.randrange(1000000, 9999999)}"
                if channel == Channel.SMS
                else "",
                language="ar" if in_arabic else "en",
                received_at=now - datetime.timedelta(days=days, hours=rng.randrange(1, 8)),
            )
            complaint = receipt.complaint
            by = handler
            if complaint.sensitive:
                by = focal if focal is not None else office
            for action in STEPS[status]:
                services.take_step(
                    complaint=complaint,
                    action=action,
                    by=by,
                    note="" if action != "resolve" else "تمت المتابعة مع صاحب العمل",
                    service="legal_aid" if action == "refer" else "",
                    person_informed=True if action == "close" else None,
                    satisfaction=rng.choice([3, 4, 5]) if action == "close" else None,
                )
            summary.complaints += 1
            summary.sensitive += complaint.sensitive
    return summary
