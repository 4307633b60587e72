"""Demo data for people's rights over their data: two data-sharing agreements (one in force,
one ended), an export to the partner logged against the one in force, a copy handed over,
correction requests (open, made, refused) and a consent withdrawn, in both languages.

Everything goes through the services, as a counsellor and the programme officer would do it.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Mapping

from django.http import QueryDict
from django.utils import timezone

from taawon.accounts.models import Organisation, User
from taawon.people.models import Consent, Person

from . import services


def load_demo(*, organisations: Mapping[str, Organisation], users: Mapping[str, User]) -> int:
    """Load the rows; how many persons the partner export held."""
    today = timezone.localdate()
    officer, counsellor = users["officer"], users["counsellor_mafraq"]
    in_force = services.record_agreement(
        owner=organisations["country_office"],
        data={
            "partner": "UNHCR Jordan",
            "purpose": "Verification of registration and referral to protection case management",
            "fields_shared": "names, phone, sex, year of birth, nationality, governorate",
            "starts_on": datetime.date(2020, 1, 1),
            "ends_on": today + datetime.timedelta(days=730),
            "document_reference": "DSA-JO-2020-001",
        },
        recorded_by=officer,
    )
    services.record_agreement(
        owner=organisations["country_office"],
        data={
            "partner": "مركز العدل للمساعدة القانونية",
            "purpose": "إحالة العمال إلى المساعدة القانونية في نزاعات الأجور",
            "fields_shared": "الاسم، الهاتف، المحافظة",
            "starts_on": datetime.date(2020, 1, 1),
            "ends_on": datetime.date(2021, 12, 31),
            "document_reference": "DSA-JO-2020-004",
        },
        recorded_by=officer,
    )
    persons = list(
        Person.objects.filter(
            owner=organisations["unit:mafraq"], status=Person.Status.ACTIVE
        ).order_by("pk")[:40]
    )
    # The refused correction asks for Jordanian nationality: its person must hold another.
    others = [p for p in persons[5:] if p.nationality != "JO"]
    if len(persons) < 5 or not others:
        return 0
    first, second, third, fourth, fifth = persons[:5]
    sixth = others[0]
    services.change_consent(
        person=second,
        purpose=Consent.Purpose.SMS,
        given=False,
        changed_by=counsellor,
        note="لا ترغب في تلقي الرسائل النصية",
    )
    services.change_consent(
        person=third,
        purpose=Consent.Purpose.DATA_SHARING,
        given=False,
        changed_by=counsellor,
        note="Does not want the record shared with partners",
    )
    services.record_access_request(
        person=first, identity_check="document", language="ar", requested_by=counsellor
    )
    services.record_access_request(
        person=fourth, identity_check="unhcr", language="en", requested_by=counsellor
    )
    services.request_correction(
        person=first,
        field="family_name_ar",
        requested_value=(first.family_name_ar or "الأحمد") + "ي",
        statement="اسم العائلة مكتوب بشكل خاطئ، والصحيح كما في بطاقة الخدمة",
        identity_check="document",
        requested_by=counsellor,
    )
    made = services.request_correction(
        person=fifth,
        field="phone",
        requested_value="+962790001122",
        statement="New phone number since the spring",
        identity_check="callback",
        requested_by=counsellor,
    )
    services.apply_correction(request=made, decided_by=counsellor)
    refused = services.request_correction(
        person=sixth,
        field="nationality",
        requested_value="JO",
        statement="يقول إنه أردني الجنسية",
        identity_check="known",
        requested_by=counsellor,
    )
    services.refuse_correction(
        request=refused,
        reason="بطاقة المفوضية وبطاقة الخدمة تثبتان الجنسية المسجلة؛ يُرجى إحضار وثيقة أردنية.",
        decided_by=counsellor,
    )
    # The partner export: the persons of a name, as the programme officer sends them to the
    # partner for verification (the one who withdrew consent to sharing is left out).
    query = QueryDict(mutable=True)
    query.update({"q": first.given_name_en or first.given_name_ar, "sex": first.sex})
    logged = services.export_to_partner(
        user=officer,
        agreement=in_force,
        list_name="people",
        params=query,
        fmt="csv",
        target=io.BytesIO(),
    )
    return logged.persons.count()
