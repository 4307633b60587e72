"""What each role gets from each route: the role table of the README, route by route."""

from __future__ import annotations

ROLE_TABLE: dict[str, dict[str, list[str]]] = {}

# The cooperative registry (organisations, not people) is readable country-wide (README):
# its entry and history answer A's users for cooperative B too.
OTHER_SIDE_ANSWERS: dict[tuple[str, str, str], set[str]] = {
    (route, role, method): {"200"}
    for route in ("cooperatives:cooperative_detail", "cooperatives:cooperative_history")
    for role in ("admin_a", "counsellor_a", "clerk_a", "viewer_a")
    for method in ("GET", "POST")
} | {
    ("GET /api/v1/cooperatives/{cooperative_id}", role, "GET"): {"200"}
    for role in ("admin_a", "counsellor_a", "clerk_a", "viewer_a")
}


def kind_of(code: str) -> str:
    return code


def answers(route: str, role: str) -> list[str]:
    return ROLE_TABLE.get(route, {}).get(role, [])
