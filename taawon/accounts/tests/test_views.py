import pytest
from django.urls import reverse

from taawon.accounts.models import Membership, User
from taawon.core.models import AuditEvent
from taawon.core.testing import PASSWORD

STRONG = "olive-press-harvest-2031"


def users_url(org, lang: str = "en") -> str:
    return f"/{lang}/accounts/organisations/{org.pk}/users/"


def add_url(org) -> str:
    return f"/en/accounts/organisations/{org.pk}/users/add/"


def role_url(org, membership) -> str:
    return f"/en/accounts/organisations/{org.pk}/memberships/{membership.pk}/role/"


def active_url(org, user) -> str:
    return f"/en/accounts/organisations/{org.pk}/users/{user.pk}/active/"


def new_user_data(**overrides) -> dict:
    data = {
        "username": "farah",
        "first_name": "Farah",
        "last_name": "Haddad",
        "email": "farah@example.org",
        "role": Membership.Role.COUNSELLOR,
        "preferred_language": "ar",
        "password": STRONG,
        "password_confirmation": STRONG,
    }
    return data | overrides


@pytest.fixture
def admin_a_client(client, personas):
    client.force_login(personas.admin_a)
    return client


# ---- Login, language, password


def test_a_successful_login_is_audited(client, personas):
    response = client.post("/en/accounts/login/", {"username": "admin_a", "password": PASSWORD})

    assert response.status_code == 302
    event = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN)
    assert event.actor == personas.admin_a
    assert event.object_type == "accounts.user"
    assert event.object_id == str(personas.admin_a.pk)


def test_a_failed_login_is_not_audited_as_a_login(client, personas):
    response = client.post("/en/accounts/login/", {"username": "admin_a", "password": "wrong"})

    assert response.status_code == 200
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN).exists()


def test_an_arabic_speaker_continues_in_arabic_after_login(client, personas):
    User.objects.filter(pk=personas.counsellor_a.pk).update(preferred_language="ar")

    response = client.post(
        "/en/accounts/login/?next=/en/accounts/profile/",
        {"username": "counsellor_a", "password": PASSWORD, "next": "/en/accounts/profile/"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/ar/accounts/profile/"
    assert response.cookies["django_language"].value == "ar"
    page = client.get(response["Location"])
    assert 'dir="rtl"' in page.content.decode()


def test_an_arabic_speaker_lands_on_the_arabic_home_page(client, personas):
    User.objects.filter(pk=personas.counsellor_a.pk).update(preferred_language="ar")

    response = client.post(
        "/en/accounts/login/", {"username": "counsellor_a", "password": PASSWORD}
    )

    assert response["Location"] == "/ar/"


def test_an_english_speaker_logging_in_from_the_arabic_page_stays_in_arabic(client, personas):
    response = client.post(
        "/ar/accounts/login/", {"username": "counsellor_a", "password": PASSWORD}
    )

    assert response["Location"] == "/ar/"
    assert response.cookies["django_language"].value == "ar"


def test_a_user_changes_their_password_and_logs_in_with_the_new_one(client, personas):
    client.force_login(personas.viewer_a)

    response = client.post(
        "/en/accounts/password/",
        {"old_password": PASSWORD, "new_password1": STRONG, "new_password2": STRONG},
    )

    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/profile/"
    # Still logged in: the session survives its own password change.
    assert client.get("/en/accounts/profile/").status_code == 200
    client.logout()
    assert client.login(username="viewer_a", password=STRONG)
    event = AuditEvent.objects.get(object_type="accounts.user", action=AuditEvent.Action.UPDATE)
    assert event.changes == {"password": ["•••", "•••"]}


def test_a_weak_new_password_is_refused_on_its_field(client, personas):
    client.force_login(personas.viewer_a)

    response = client.post(
        "/en/accounts/password/",
        {"old_password": PASSWORD, "new_password1": "123", "new_password2": "123"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]


# ---- Who may manage users


@pytest.mark.parametrize(
    ("persona", "org"),
    [
        ("counsellor_a", "unit_a"),
        ("viewer_a", "unit_a"),
        ("officer", "coop_a"),
        ("admin_a", "coop_b"),
        ("admin_a", "unit_b"),
        ("admin_a", "country_office"),
        ("outsider", "coop_a"),
    ],
)
def test_users_pages_are_not_found_for_those_who_may_not_manage_them(
    client, personas, persona, org
):
    client.force_login(getattr(personas, persona))
    organisation = getattr(personas, org)
    member = Membership.objects.filter(organisation=organisation).first()

    assert client.get(users_url(organisation)).status_code == 404
    assert client.get(add_url(organisation)).status_code == 404
    assert client.post(add_url(organisation), new_user_data()).status_code == 404
    assert (
        client.post(active_url(organisation, personas.counsellor_a), {"active": "0"}).status_code
        == 404
    )
    if member is not None:
        assert client.post(role_url(organisation, member), {"role": "viewer"}).status_code == 404
    assert not User.objects.filter(username="farah").exists()
    personas.counsellor_a.refresh_from_db()
    assert personas.counsellor_a.is_active


def test_anonymous_visitors_are_sent_to_log_in(client, personas):
    response = client.get(users_url(personas.coop_a))

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_a_cooperative_administrator_sees_its_members_and_its_units(admin_a_client, personas):
    response = admin_a_client.get(users_url(personas.coop_a))

    assert response.status_code == 200
    page = response.content.decode()
    assert "admin_a" in page
    assert "counsellor_a" not in page  # a member of the unit, listed on the unit's page
    assert users_url(personas.unit_a) in page
    assert users_url(personas.unit_b) not in page


def test_a_cooperative_administrator_manages_its_units_users(admin_a_client, personas):
    response = admin_a_client.get(users_url(personas.unit_a))

    assert response.status_code == 200
    page = response.content.decode()
    for username in ("counsellor_a", "clerk_a", "viewer_a"):
        assert username in page
    assert "counsellor_b" not in page


def test_the_superuser_manages_any_organisation(client, personas):
    client.force_login(personas.admin)

    assert client.get(users_url(personas.unit_b)).status_code == 200


def test_an_inactive_organisation_has_no_users_page(admin_a_client, personas):
    personas.unit_a.is_active = False
    personas.unit_a.save()

    assert admin_a_client.get(users_url(personas.unit_a)).status_code == 404


# ---- Adding a user


def test_an_administrator_adds_a_user_who_can_log_in(admin_a_client, client, personas):
    response = admin_a_client.post(add_url(personas.unit_a), new_user_data())

    assert response.status_code == 302
    assert response["Location"] == users_url(personas.unit_a)
    farah = User.objects.get(username="farah")
    assert (farah.first_name, farah.email, farah.preferred_language) == (
        "Farah",
        "farah@example.org",
        "ar",
    )
    assert list(farah.memberships.values_list("organisation_id", "role")) == [
        (personas.unit_a.pk, Membership.Role.COUNSELLOR)
    ]
    assert AuditEvent.objects.filter(
        actor=personas.admin_a, object_type="accounts.user", object_id=str(farah.pk)
    ).exists()
    admin_a_client.logout()
    assert admin_a_client.login(username="farah", password=STRONG)


def test_the_add_user_form_renders_with_the_password_rules(admin_a_client, personas):
    response = admin_a_client.get(add_url(personas.coop_a))

    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="password"' in page
    assert "at least 8 characters" in page


def test_a_weak_password_is_refused_on_the_password_field(admin_a_client, personas):
    response = admin_a_client.post(
        add_url(personas.unit_a),
        new_user_data(password="password", password_confirmation="password"),
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "This password is too common." in errors["password"]
    assert 'aria-invalid="true"' in response.content.decode()
    assert not User.objects.filter(username="farah").exists()


def test_a_password_like_the_username_is_refused(admin_a_client, personas):
    response = admin_a_client.post(
        add_url(personas.unit_a),
        new_user_data(
            username="farahhaddad", password="farahhaddad1", password_confirmation="farahhaddad1"
        ),
    )

    assert (
        "The password is too similar to the username."
        in response.context["form"].errors["password"]
    )


def test_a_taken_username_is_refused_whatever_its_case(admin_a_client, personas):
    response = admin_a_client.post(add_url(personas.unit_a), new_user_data(username="Counsellor_A"))

    assert response.status_code == 200
    assert response.context["form"].errors["username"] == ["This username is taken."]
    assert User.objects.filter(username__iexact="counsellor_a").count() == 1


def test_a_username_with_spaces_is_refused(admin_a_client, personas):
    response = admin_a_client.post(add_url(personas.unit_a), new_user_data(username="farah h"))

    assert response.context["form"].errors["username"]


def test_the_two_passwords_must_match(admin_a_client, personas):
    response = admin_a_client.post(
        add_url(personas.unit_a), new_user_data(password_confirmation=STRONG + "x")
    )

    assert response.context["form"].errors["password_confirmation"] == ["The two passwords differ."]


def test_an_unknown_role_is_refused(admin_a_client, personas):
    response = admin_a_client.post(add_url(personas.unit_a), new_user_data(role="superuser"))

    assert response.context["form"].errors["role"]
    assert not User.objects.filter(username="farah").exists()


def test_an_administrator_cannot_create_a_superuser(admin_a_client, personas):
    admin_a_client.post(add_url(personas.unit_a), new_user_data(is_superuser="on", is_staff="on"))

    farah = User.objects.get(username="farah")
    assert not farah.is_superuser
    assert not farah.is_staff


# ---- Changing a role


def test_an_administrator_changes_a_members_role(admin_a_client, personas):
    membership = Membership.objects.get(user=personas.clerk_a)

    response = admin_a_client.post(role_url(personas.unit_a, membership), {"role": "viewer"})

    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == Membership.Role.VIEWER
    event = AuditEvent.objects.get(object_type="accounts.membership", object_id=str(membership.pk))
    assert event.actor == personas.admin_a
    assert event.changes == {"role": ["data_clerk", "viewer"]}


def test_with_htmx_a_role_change_answers_with_the_members_table(admin_a_client, personas):
    membership = Membership.objects.get(user=personas.clerk_a)

    response = admin_a_client.post(
        role_url(personas.unit_a, membership), {"role": "manager"}, HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="members">')
    assert "clerk_a is now Manager." in page
    assert "<html" not in page


def test_a_role_change_to_an_unknown_role_changes_nothing(admin_a_client, personas):
    membership = Membership.objects.get(user=personas.clerk_a)

    response = admin_a_client.post(
        role_url(personas.unit_a, membership), {"role": "owner"}, HTTP_HX_REQUEST="true"
    )

    assert "Choose a valid role." in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == Membership.Role.DATA_CLERK


def test_an_administrator_cannot_change_their_own_role(admin_a_client, personas):
    membership = Membership.objects.get(user=personas.admin_a)

    admin_a_client.post(role_url(personas.coop_a, membership), {"role": "viewer"})

    membership.refresh_from_db()
    assert membership.role == Membership.Role.ADMINISTRATOR


def test_a_membership_of_another_organisation_is_not_found_under_this_one(admin_a_client, personas):
    other = Membership.objects.get(user=personas.counsellor_b)

    response = admin_a_client.post(role_url(personas.unit_a, other), {"role": "viewer"})

    assert response.status_code == 404
    other.refresh_from_db()
    assert other.role == Membership.Role.COUNSELLOR


# ---- Deactivating and reactivating


def test_an_administrator_deactivates_and_reactivates_a_member(admin_a_client, client, personas):
    response = admin_a_client.post(
        active_url(personas.unit_a, personas.counsellor_a), {"active": "0"}
    )

    assert response.status_code == 302
    personas.counsellor_a.refresh_from_db()
    assert not personas.counsellor_a.is_active
    page = admin_a_client.get(users_url(personas.unit_a)).content.decode()
    assert "counsellor_a may no longer log in." in page
    assert "Reactivate" in page

    admin_a_client.post(active_url(personas.unit_a, personas.counsellor_a), {"active": "1"})

    personas.counsellor_a.refresh_from_db()
    assert personas.counsellor_a.is_active


def test_a_deactivated_user_can_no_longer_log_in(admin_a_client, personas):
    admin_a_client.post(active_url(personas.unit_a, personas.counsellor_a), {"active": "0"})
    admin_a_client.logout()

    response = admin_a_client.post(
        "/en/accounts/login/", {"username": "counsellor_a", "password": PASSWORD}
    )

    assert response.status_code == 200
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN).exists()


def test_a_user_who_also_works_elsewhere_cannot_be_deactivated_by_this_administrator(
    admin_a_client, personas
):
    Membership.objects.create(
        user=personas.counsellor_b, organisation=personas.unit_a, role=Membership.Role.VIEWER
    )

    response = admin_a_client.post(
        active_url(personas.unit_a, personas.counsellor_b), {"active": "0"}, HTTP_HX_REQUEST="true"
    )

    assert "organisations you do not manage" in response.content.decode()
    personas.counsellor_b.refresh_from_db()
    assert personas.counsellor_b.is_active


def test_an_administrator_cannot_deactivate_a_superuser(admin_a_client, personas):
    Membership.objects.create(
        user=personas.admin, organisation=personas.unit_a, role=Membership.Role.VIEWER
    )

    admin_a_client.post(active_url(personas.unit_a, personas.admin), {"active": "0"})

    personas.admin.refresh_from_db()
    assert personas.admin.is_active


def test_a_non_member_is_not_found_on_the_activation_url(admin_a_client, personas):
    response = admin_a_client.post(
        active_url(personas.unit_a, personas.counsellor_b), {"active": "0"}
    )

    assert response.status_code == 404


# ---- Organisations list and profile


def test_the_organisations_list_shows_what_an_administrator_manages(admin_a_client, personas):
    response = admin_a_client.get("/en/accounts/organisations/")

    page = response.content.decode()
    assert users_url(personas.coop_a) in page
    assert users_url(personas.unit_a) in page
    assert users_url(personas.coop_b) not in page
    assert users_url(personas.country_office) not in page


def test_the_organisations_list_is_empty_for_a_counsellor(client, personas):
    client.force_login(personas.counsellor_a)

    response = client.get("/en/accounts/organisations/")

    assert response.status_code == 200
    assert "You do not manage the users of any organisation." in response.content.decode()
    assert not response.context["organisations"]


def test_the_profile_links_to_the_users_an_administrator_manages(admin_a_client, personas):
    page = admin_a_client.get("/en/accounts/profile/").content.decode()

    assert users_url(personas.coop_a) in page
    assert reverse("accounts:organisation_list") in page


def test_the_profile_of_a_counsellor_has_no_manage_link(client, personas):
    client.force_login(personas.counsellor_a)

    page = client.get("/en/accounts/profile/").content.decode()

    assert "Unit A" in page
    assert "/users/" not in page
    assert reverse("accounts:organisation_list") not in page


# ---- Both languages


@pytest.mark.parametrize(
    "path",
    ["/{lang}/accounts/profile/", "/{lang}/accounts/organisations/", "/{lang}/accounts/password/"],
)
def test_account_pages_render_in_english_and_in_arabic_right_to_left(admin_a_client, path):
    english = admin_a_client.get(path.format(lang="en"))
    arabic = admin_a_client.get(path.format(lang="ar"))

    assert english.status_code == arabic.status_code == 200
    assert 'dir="ltr"' in english.content.decode()
    assert 'dir="rtl"' in arabic.content.decode()
    assert 'lang="ar"' in arabic.content.decode()


def test_the_users_pages_render_in_arabic_with_arabic_names(admin_a_client, personas):
    users = admin_a_client.get(users_url(personas.coop_a, "ar")).content.decode()
    add = admin_a_client.get(f"/ar/accounts/organisations/{personas.coop_a.pk}/users/add/")

    assert 'dir="rtl"' in users
    assert "الجمعية أ" in users
    assert add.status_code == 200
    assert 'dir="rtl"' in add.content.decode()
