"""API shapes of duplicate detection. Identifiers appear as kinds only, never as numbers."""

from __future__ import annotations

import datetime
from typing import Literal

from ninja import Field, Schema

from taawon.core.api_pages import page_of
from taawon.people.reasons import explain_all

from . import rules

PairStatus = Literal["pending", "confirmed", "rejected", "merged", "unmerged"]


class PersonBrief(Schema):
    id: int
    name_ar: str
    name_en: str
    sex: str
    date_of_birth: datetime.date | None
    birth_year: int | None
    governorate: int | None = Field(None, alias="governorate_id")
    status: str
    organisation: str

    @staticmethod
    def resolve_organisation(obj) -> str:
        return obj.owner.display_name


class ReasonOut(Schema):
    code: str = Field(description="The matcher's code, stable (e.g. same_district)")
    label: str
    text: str = Field(description="The reason in words, in the request's language")
    points: float
    detail: str = Field("", description="The matcher's detail (normalised spellings, ids)")
    values: list[list[str]] = Field(
        [], description="What each of the two records has for it, as recorded: [a, b]"
    )


class PairOut(Schema):
    id: int
    person_a: PersonBrief
    person_b: PersonBrief
    score: float
    status: str
    source: str
    reasons: list[ReasonOut]
    found_at: datetime.datetime
    reviewed_at: datetime.datetime | None
    actions: list[Literal["confirm", "reject", "merge"]] = Field(
        description=(
            "What you may do to this pair now: confirm (POST review with decision "
            '"same"), reject (POST review with "different"), merge (POST merge). Empty when '
            "the pair is decided, one of its records was merged since, or you may not change "
            "both records."
        )
    )

    @staticmethod
    def resolve_actions(obj, context) -> list[str]:
        return rules.pair_actions(context["request"].auth, obj)

    @staticmethod
    def resolve_reasons(obj) -> list[dict]:
        return [r.as_dict() for r in explain_all(obj.reasons, obj.person_a, obj.person_b)]


PairListOut = page_of(PairOut)


class PairFilters(Schema):
    status: PairStatus = "pending"


class ReviewIn(Schema):
    decision: Literal["same", "different"] = Field(
        description='"same": confirmed, merge next; "different": rejected, not raised again'
    )


class MergeIn(Schema):
    survivor: int = Field(description="id of the pair's person to keep")
    keep: dict[str, int] = Field(
        {},
        description=(
            "For a field that differs, the id of the record whose value the survivor keeps: "
            "keys name_ar, name_en, sex, birth, nationality, displacement_status, phone, place, "
            "education_level, disability. A field not named keeps the survivor's value, or "
            "the other record's when the survivor has none. Undo puts the survivor's back."
        ),
    )
    one_person: bool = Field(
        False,
        description=(
            "Required (true) when the pair's reasons include different_given_name_sibling or "
            "different_identifier and no reviewer has confirmed it: the reviewer confirms that "
            "the two records are one person, not twins or siblings (recorded as a review)."
        ),
    )


class MergeOut(Schema):
    id: int
    pair: int = Field(alias="pair_id")
    survivor: int = Field(alias="survivor_id")
    merged: int = Field(alias="merged_id")
    performed_at: datetime.datetime
    automatic: bool
    rule: str | None
    awaiting_review: bool
    undone_at: datetime.datetime | None
    moved: dict[str, int] = Field(description="rows moved to the survivor, per model")
    kept: dict[str, int] = Field(description="rows left with the merged record, per model")
    keep: dict[str, int] = Field(
        {}, description="field group -> id of the record whose value the survivor kept"
    )
    actions: list[Literal["undo", "keep"]] = Field(
        description=(
            "What you may do to this merge now: undo (POST undo), keep (POST keep: an "
            "automatic merge waiting for review). Empty when it was undone or you may not "
            "change both records."
        )
    )

    @staticmethod
    def resolve_actions(obj, context) -> list[str]:
        return rules.merge_actions(context["request"].auth, obj)

    @staticmethod
    def resolve_rule(obj) -> str | None:
        return obj.rule.name if obj.rule_id else None

    @staticmethod
    def resolve_moved(obj) -> dict[str, int]:
        return _counts(obj.moves.get("moved", {}))

    @staticmethod
    def resolve_kept(obj) -> dict[str, int]:
        return _counts(obj.moves.get("kept", {}))

    @staticmethod
    def resolve_keep(obj) -> dict[str, int]:
        return dict(obj.moves.get("keep", {}))


def _counts(rows: dict) -> dict[str, int]:
    return {label: sum(len(ids) for ids in fields.values()) for label, fields in rows.items()}


MergeListOut = page_of(MergeOut)


class MergeFilters(Schema):
    awaiting_review: bool = False


class RunOut(Schema):
    id: int
    status: str
    stage: str
    persons_total: int
    persons_done: int
    pairs_compared: int
    pairs_found: int
    percent: int
    started_at: datetime.datetime
    finished_at: datetime.datetime | None
