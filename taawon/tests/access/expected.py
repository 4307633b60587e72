"""What each role gets from each route: the role table of the README, route by route."""

from __future__ import annotations

ROLE_TABLE: dict[str, str] = {}
OTHER_SIDE_ANSWERS: dict[tuple[str, str, str], set[str]] = {}


def kind_of(code: str) -> str:
    return code


def answers(route: str, role: str) -> list[str]:
    return ROLE_TABLE.get(route, {}).get(role, [])
