from ninja import Router, Schema

router = Router(tags=["accounts"])


class MeOut(Schema):
    username: str
    preferred_language: str
    memberships: list[dict]


@router.get("/me", response=MeOut)
def me(request):
    """The authenticated user and their memberships."""
    user = request.auth
    return {
        "username": user.username,
        "preferred_language": user.preferred_language,
        "memberships": [
            {"organisation": m.organisation_id, "role": m.role}
            for m in user.memberships.select_related("organisation")
        ],
    }
