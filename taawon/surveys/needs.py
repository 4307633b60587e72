"""The cooperative needs assessment's analysis, with no database: assessments (the data of
submissions of the shipped form `coop_needs_assessment`) counted by governorate and value
chain, members by sex and nationality, and the most frequent needs and weaknesses."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

FORM_ID = "coop_needs_assessment"


def _int(value) -> int:
    try:
        return max(int(str(value or "0").strip() or 0), 0)
    except ValueError:
        return 0


@dataclass
class Analysis:
    assessed: int = 0
    by_governorate: Counter = field(default_factory=Counter)
    by_value_chain: Counter = field(default_factory=Counter)
    women: int = 0
    men: int = 0
    members_by_nationality: Counter = field(default_factory=Counter)
    needs: Counter = field(default_factory=Counter)
    weaknesses: Counter = field(default_factory=Counter)
    strengths: Counter = field(default_factory=Counter)
    # governorate -> value chain -> count
    cross: dict[str, Counter] = field(default_factory=dict)
    # capacity area -> (sum of scores, count) for the average
    capacity: dict[str, list[int]] = field(default_factory=dict)

    def capacity_average(self, area: str) -> float:
        total, count = self.capacity.get(area, [0, 0])
        return round(total / count, 1) if count else 0.0


CAPACITY_AREAS = ("management", "finance", "marketing", "technical")


def analyse(assessments: list[dict], *, governorate: str = "", value_chain: str = "") -> Analysis:
    result = Analysis()
    for data in assessments:
        identity = data.get("identity") or {}
        gov = identity.get("governorate") or ""
        chain = identity.get("value_chain") or ""
        if governorate and gov != governorate or value_chain and chain != value_chain:
            continue
        result.assessed += 1
        result.by_governorate[gov] += 1
        result.by_value_chain[chain] += 1
        result.cross.setdefault(gov, Counter())[chain] += 1
        members = data.get("members") or {}
        result.women += _int(members.get("members_women"))
        result.men += _int(members.get("members_men"))
        for nationality in ("iraqi", "syrian", "idp", "other"):
            result.members_by_nationality[nationality] += _int(
                members.get(f"members_{nationality}")
            )
        assessment = data.get("assessment") or {}
        result.needs.update(str(assessment.get("needs") or "").split())
        result.weaknesses.update(str(assessment.get("weaknesses") or "").split())
        result.strengths.update(str(assessment.get("strengths") or "").split())
        capacity = data.get("capacity") or {}
        for area in CAPACITY_AREAS:
            score = _int(capacity.get(f"capacity_{area}"))
            if 1 <= score <= 5:
                slot = result.capacity.setdefault(area, [0, 0])
                slot[0] += score
                slot[1] += 1
    return result
