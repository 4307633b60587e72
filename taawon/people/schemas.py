"""API shapes of the person registry. Identifiers go in as values and come out as kinds only."""

from __future__ import annotations

import datetime
from typing import Literal

from ninja import Field, Schema

from taawon.core.api_pages import page_of
from taawon.core.fields import ApiDate

from . import rules


class PersonFields(Schema):
    given_name_ar: str = Field("", max_length=100)
    father_name_ar: str = Field("", max_length=100)
    grandfather_name_ar: str = Field("", max_length=100)
    family_name_ar: str = Field("", max_length=100)
    given_name_en: str = Field("", max_length=100)
    father_name_en: str = Field("", max_length=100)
    grandfather_name_en: str = Field("", max_length=100)
    family_name_en: str = Field("", max_length=100)
    sex: str = Field("", description="female or male")
    date_of_birth: ApiDate | None = None
    birth_year: int | None = Field(None, description="when the date of birth is not known")
    birth_year_estimated: bool = False
    nationality: str = Field("", max_length=2, description="ISO 3166-1 alpha-2")
    displacement_status: str = Field(
        "", description="host_community, refugee, asylum_seeker or other"
    )
    governorate: int | None = None
    district: int | None = None
    phone: str = Field("", max_length=30, description="national or international format")
    education_level: str = ""
    wg_seeing: int | None = Field(None, ge=1, le=4)
    wg_hearing: int | None = Field(None, ge=1, le=4)
    wg_walking: int | None = Field(None, ge=1, le=4)
    wg_cognition: int | None = Field(None, ge=1, le=4)
    wg_self_care: int | None = Field(None, ge=1, le=4)
    wg_communication: int | None = Field(None, ge=1, le=4)


class PersonIn(PersonFields):
    owner: int | None = Field(
        None, description="registering organisation; required when you register for several"
    )
    identifiers: dict[str, str] = Field(
        default_factory=dict,
        description="kind (national_id, moi_card, unhcr_case, passport) to number",
    )
    duplicate_decision: Literal["new"] | None = Field(
        None, description='"new" registers even though possible duplicates were reported'
    )


class PersonPatchIn(Schema):
    """Only the fields sent change; an identifier set to null is removed."""

    given_name_ar: str | None = Field(None, max_length=100)
    father_name_ar: str | None = Field(None, max_length=100)
    grandfather_name_ar: str | None = Field(None, max_length=100)
    family_name_ar: str | None = Field(None, max_length=100)
    given_name_en: str | None = Field(None, max_length=100)
    father_name_en: str | None = Field(None, max_length=100)
    grandfather_name_en: str | None = Field(None, max_length=100)
    family_name_en: str | None = Field(None, max_length=100)
    sex: str | None = None
    date_of_birth: ApiDate | None = None
    birth_year: int | None = None
    birth_year_estimated: bool | None = None
    nationality: str | None = Field(None, max_length=2)
    displacement_status: str | None = None
    governorate: int | None = None
    district: int | None = None
    phone: str | None = Field(None, max_length=30)
    education_level: str | None = None
    wg_seeing: int | None = Field(None, ge=1, le=4)
    wg_hearing: int | None = Field(None, ge=1, le=4)
    wg_walking: int | None = Field(None, ge=1, le=4)
    wg_cognition: int | None = Field(None, ge=1, le=4)
    wg_self_care: int | None = Field(None, ge=1, le=4)
    wg_communication: int | None = Field(None, ge=1, le=4)
    identifiers: dict[str, str | None] | None = None


class PersonOut(Schema):
    id: int
    owner: int = Field(..., alias="owner_id")
    owner_name: str = Field(..., alias="owner.display_name")
    given_name_ar: str
    father_name_ar: str
    grandfather_name_ar: str
    family_name_ar: str
    given_name_en: str
    father_name_en: str
    grandfather_name_en: str
    family_name_en: str
    sex: str
    date_of_birth: datetime.date | None
    birth_year: int | None
    birth_year_estimated: bool
    nationality: str
    displacement_status: str
    governorate: int | None = Field(None, alias="governorate_id")
    district: int | None = Field(None, alias="district_id")
    phone: str
    education_level: str
    wg_seeing: int | None
    wg_hearing: int | None
    wg_walking: int | None
    wg_cognition: int | None
    wg_self_care: int | None
    wg_communication: int | None
    status: str
    merged_into: int | None = Field(None, alias="merged_into_id")
    identifiers: list[str] = Field(description="kinds of identifier recorded, never the numbers")
    created_at: datetime.datetime
    updated_at: datetime.datetime
    anonymised_at: datetime.datetime | None = Field(
        None, description="When the record was anonymised (retention or erasure), if it was"
    )
    actions: list[
        Literal["change", "archive", "restore", "record_consent", "reveal", "anonymise"]
    ] = Field(
        description=(
            "What you may do to this person now: change (PATCH), archive or restore (POST), "
            "record_consent, reveal (see its identifiers' numbers, on the pages), anonymise "
            "(POST, administrators). Empty when you may only read it."
        )
    )

    @staticmethod
    def resolve_identifiers(obj) -> list[str]:
        return sorted(i.kind for i in obj.identifiers.all())

    @staticmethod
    def resolve_actions(obj, context) -> list[str]:
        return rules.person_actions(context["request"].auth, obj)


PersonListOut = page_of(PersonOut)


class PersonFilters(Schema):
    q: str = ""
    governorate: int | None = None
    sex: str | None = None
    nationality: str | None = None
    displacement_status: str | None = None
    status: Literal["active", "archived", "merged", "all"] = "active"


class StatusChangeIn(Schema):
    note: str = Field("", max_length=500)


class AnonymiseIn(Schema):
    reason: str = Field(..., max_length=500, description="The request received (required).")
    confirm: str | None = Field(None, description="Token from a confirmation page, if any.")
