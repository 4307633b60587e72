"""API shapes of the registry. Value chains travel as codes, places as geo ids."""

from __future__ import annotations

import datetime
from typing import Literal

from ninja import Field, Schema

from taawon.core.api_pages import page_of
from taawon.core.fields import ApiDate

from . import queries, rules
from .models import Cooperative, CooperativeStatus, CooperativeType


class ValueChainOut(Schema):
    code: str
    name_en: str
    name_ar: str


ValueChainListOut = page_of(ValueChainOut)


class CooperativeOut(Schema):
    id: int
    registration_number: str
    country: str
    name_ar: str
    name_en: str
    type: CooperativeType
    value_chains: list[str]
    governorate: int
    district: int | None
    founding_date: datetime.date | None
    status: CooperativeStatus
    contact_person: str
    phone: str
    email: str
    address: str
    owner: int
    organisation: int | None = Field(
        description="The Taawon organisation representing the cooperative, if it uses Taawon"
    )
    is_archived: bool
    archived_at: datetime.datetime | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    actions: list[Literal["change", "record_members", "add_unit", "archive"]] = Field(
        description=(
            "What you may do to this cooperative now: change (PATCH), archive (POST), and on "
            "the pages record_members and add_unit (an employment unit). Empty when you may "
            "only read it, and once it is archived."
        )
    )

    @staticmethod
    def resolve_actions(obj: Cooperative, context) -> list[str]:
        return rules.cooperative_actions(context["request"].auth, obj)

    @staticmethod
    def resolve_value_chains(obj: Cooperative) -> list[str]:
        # Sorted in Python so a prefetched list serves without another query.
        return sorted(chain.code for chain in obj.value_chains.all())

    @staticmethod
    def resolve_governorate(obj: Cooperative) -> int:
        return obj.governorate_id

    @staticmethod
    def resolve_district(obj: Cooperative) -> int | None:
        return obj.district_id

    @staticmethod
    def resolve_owner(obj: Cooperative) -> int:
        return obj.owner_id

    @staticmethod
    def resolve_organisation(obj: Cooperative) -> int | None:
        return obj.organisation_id


class NationalityMembersOut(Schema):
    nationality: str
    women: int
    men: int
    total: int


class MembersOut(Schema):
    as_of: datetime.date
    total: int
    women: int
    men: int
    by_nationality: list[NationalityMembersOut]


class CooperativeDetailOut(CooperativeOut):
    members: MembersOut | None = Field(
        description="Members on the latest date counted; null if never counted"
    )
    employment_units: list[int] = Field(description="Organisation ids of the cooperative's units")

    @staticmethod
    def resolve_members(obj: Cooperative) -> dict | None:
        return members_out(queries.member_totals(obj))

    @staticmethod
    def resolve_employment_units(obj: Cooperative) -> list[int]:
        return list(queries.employment_units(obj).values_list("pk", flat=True))


CooperativeListOut = page_of(CooperativeOut)


class CooperativeIn(Schema):
    owner: int | None = Field(
        None,
        description=(
            "Owning organisation id; required when you may register cooperatives for more "
            "than one organisation"
        ),
    )
    registration_number: str = Field(max_length=50)
    country: str | None = Field(
        None, min_length=2, max_length=2, description="ISO 3166-1 alpha-2; the owner's country"
    )
    name_ar: str = Field("", max_length=200)
    name_en: str = Field("", max_length=200)
    type: CooperativeType
    value_chains: list[str] = Field(default_factory=list, description="Value chain codes")
    governorate: int
    district: int | None = None
    founding_date: ApiDate | None = None
    status: CooperativeStatus = CooperativeStatus.ACTIVE
    contact_person: str = Field("", max_length=200)
    phone: str = Field("", max_length=30, description="E.164, or a local number of the country")
    email: str = Field("", max_length=254)
    address: str = Field("", max_length=2000)


class CooperativePatchIn(Schema):
    """Only the fields sent are changed."""

    registration_number: str | None = Field(None, max_length=50)
    name_ar: str | None = Field(None, max_length=200)
    name_en: str | None = Field(None, max_length=200)
    type: CooperativeType | None = None
    value_chains: list[str] | None = None
    governorate: int | None = None
    district: int | None = None
    founding_date: ApiDate | None = None
    status: CooperativeStatus | None = None
    contact_person: str | None = Field(None, max_length=200)
    phone: str | None = Field(None, max_length=30)
    email: str | None = Field(None, max_length=254)
    address: str | None = Field(None, max_length=2000)


def members_out(totals: queries.MemberTotals | None) -> dict | None:
    if totals is None:
        return None
    return {
        "as_of": totals.as_of,
        "total": totals.total,
        "women": totals.women,
        "men": totals.men,
        "by_nationality": [
            {"nationality": row.code, "women": row.women, "men": row.men, "total": row.total}
            for row in totals.by_nationality
        ],
    }
