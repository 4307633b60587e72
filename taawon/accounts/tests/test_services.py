import pytest

from taawon.accounts import services
from taawon.accounts.models import ApiToken, Membership, Organisation, User
from taawon.core.exceptions import PermissionDenied, ValidationFailed
from taawon.core.models import AuditEvent

STRONG = "olive-press-harvest-2031"


def add(personas, **overrides) -> User:
    arguments = {
        "organisation": personas.unit_a,
        "username": "farah",
        "role": Membership.Role.COUNSELLOR,
        "password": STRONG,
        "added_by": personas.admin_a,
    }
    return services.add_user(**(arguments | overrides))


def test_add_user_audits_the_user_and_membership_with_the_password_masked(personas):
    farah = add(personas)

    events = AuditEvent.objects.filter(actor=personas.admin_a, action="create")
    assert {e.object_type for e in events} == {"accounts.user", "accounts.membership"}
    user_event = events.get(object_type="accounts.user", object_id=str(farah.pk))
    assert user_event.changes["password"] == ["•••", "•••"]
    assert STRONG not in str(user_event.changes)
    assert farah.password not in str(user_event.changes)


def test_an_administrator_may_not_grant_a_role_outside_their_reach(personas):
    for organisation in (personas.coop_b, personas.unit_b, personas.country_office):
        with pytest.raises(PermissionDenied):
            add(personas, organisation=organisation)

    assert not User.objects.filter(username="farah").exists()


def test_add_user_reports_every_bad_field_at_once(personas):
    with pytest.raises(ValidationFailed) as caught:
        add(personas, username="COUNSELLOR_A", password="123", role="king", email="nope")

    errors = caught.value.field_errors
    assert set(errors) == {"username", "password", "role", "email"}
    assert errors["username"] == ["This username is taken."]


def test_the_command_line_adds_a_user_without_a_usable_password(personas):
    farah = add(personas, added_by=None, password=None)

    assert not farah.has_usable_password()
    assert not farah.is_superuser


def test_a_role_change_outside_reach_is_refused(personas):
    membership = Membership.objects.get(user=personas.counsellor_b)

    with pytest.raises(PermissionDenied):
        services.set_membership_role(
            membership=membership, role=Membership.Role.VIEWER, changed_by=personas.admin_a
        )

    membership.refresh_from_db()
    assert membership.role == Membership.Role.COUNSELLOR


def test_a_role_the_user_already_holds_there_is_refused(personas):
    Membership.objects.create(
        user=personas.clerk_a, organisation=personas.unit_a, role=Membership.Role.VIEWER
    )
    membership = Membership.objects.get(user=personas.clerk_a, role=Membership.Role.DATA_CLERK)

    with pytest.raises(ValidationFailed) as caught:
        services.set_membership_role(
            membership=membership, role=Membership.Role.VIEWER, changed_by=personas.admin_a
        )

    assert "role" in caught.value.field_errors


def test_only_a_superuser_changes_a_superusers_role(personas):
    membership = Membership.objects.create(
        user=personas.admin, organisation=personas.unit_a, role=Membership.Role.VIEWER
    )

    with pytest.raises(PermissionDenied):
        services.set_membership_role(
            membership=membership, role=Membership.Role.MANAGER, changed_by=personas.admin_a
        )


def test_a_role_change_takes_effect_on_the_users_reach(personas):
    from taawon.accounts import scoping

    membership = Membership.objects.get(user=personas.counsellor_a)
    user = membership.user
    assert not scoping.reach(user, scoping.CHANGE, domain="people").empty

    services.set_membership_role(
        membership=membership, role=Membership.Role.VIEWER, changed_by=personas.admin_a
    )

    assert scoping.reach(user, scoping.CHANGE, domain="people").empty


def test_an_administrator_cannot_deactivate_themselves(personas):
    with pytest.raises(ValidationFailed):
        services.set_user_active(
            user=personas.admin_a,
            active=False,
            changed_by=personas.admin_a,
            organisation=personas.coop_a,
        )


def test_deactivation_is_audited(personas):
    services.set_user_active(
        user=personas.viewer_a,
        active=False,
        changed_by=personas.admin_a,
        organisation=personas.unit_a,
    )

    event = AuditEvent.objects.get(object_type="accounts.user", action="update")
    assert event.changes == {"is_active": [True, False]}
    assert event.actor == personas.admin_a


def test_a_membership_in_a_closed_unit_does_not_block_deactivation(personas):
    closed = Organisation.objects.create(
        name_en="Closed unit",
        kind=Organisation.Kind.EMPLOYMENT_UNIT,
        country="JO",
        parent=personas.coop_b,
        is_active=False,
    )
    Membership.objects.create(
        user=personas.viewer_a, organisation=closed, role=Membership.Role.VIEWER
    )

    services.set_user_active(
        user=personas.viewer_a,
        active=False,
        changed_by=personas.admin_a,
        organisation=personas.unit_a,
    )

    personas.viewer_a.refresh_from_db()
    assert not personas.viewer_a.is_active


def test_a_token_is_revoked_by_its_owner_or_a_superuser_only(personas):
    services.create_token(user=personas.clerk_a)
    row = ApiToken.objects.get(user=personas.clerk_a)

    with pytest.raises(PermissionDenied):
        services.revoke_token(token=row, revoked_by=personas.admin_a)
    services.revoke_token(token=row, revoked_by=personas.admin)

    row.refresh_from_db()
    assert row.revoked_at is not None
    event = AuditEvent.objects.get(object_type="accounts.apitoken", action="update")
    assert event.actor == personas.admin


def test_revoking_a_revoked_token_changes_nothing(personas):
    services.create_token(user=personas.clerk_a)
    row = ApiToken.objects.get(user=personas.clerk_a)
    services.revoke_token(token=row, revoked_by=None)
    first = row.revoked_at

    services.revoke_token(token=row, revoked_by=None)

    assert row.revoked_at == first
    assert AuditEvent.objects.filter(object_type="accounts.apitoken", action="update").count() == 1


def test_no_token_is_made_for_an_inactive_user(personas):
    personas.viewer_a.is_active = False

    with pytest.raises(ValidationFailed):
        services.create_token(user=personas.viewer_a)


def test_the_token_digest_not_the_token_is_audited(personas):
    token = services.create_token(user=personas.clerk_a)

    event = AuditEvent.objects.get(object_type="accounts.apitoken", action="create")
    assert token not in str(event.changes)
    assert event.changes["digest"] == ["•••", "•••"]


def test_an_employment_unit_needs_a_cooperative(db):
    with pytest.raises(ValidationFailed) as caught:
        services.create_organisation(
            name_en="Unit", kind=Organisation.Kind.EMPLOYMENT_UNIT, country="JO"
        )

    assert "parent" in caught.value.field_errors
