from ninja import Schema


class MembershipOut(Schema):
    organisation: int
    organisation_name: str
    role: str


class MeOut(Schema):
    username: str
    preferred_language: str
    memberships: list[MembershipOut]
