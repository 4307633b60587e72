from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from taawon.accounts import services
from taawon.accounts.models import ApiToken


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_createtoken_prints_a_token_that_authenticates_its_user(personas):
    out, err = run("createtoken", "counsellor_a", "--name", "ODK sync")

    token = out.strip()
    assert token.startswith("tw_")
    assert services.user_for_token(token) == personas.counsellor_a
    row = ApiToken.objects.get(user=personas.counsellor_a)
    assert row.name == "ODK sync"
    assert token not in (row.digest, row.prefix)
    assert "cannot be shown again" in err


def test_createtoken_refuses_an_unknown_user(personas):
    with pytest.raises(CommandError, match="No user named 'nobody'"):
        run("createtoken", "nobody")


def test_createtoken_refuses_an_inactive_user(personas):
    personas.viewer_a.is_active = False
    personas.viewer_a.save()

    with pytest.raises(CommandError, match="inactive"):
        run("createtoken", "viewer_a")
    assert not ApiToken.objects.exists()


def test_revoketoken_by_prefix_stops_the_token_working(personas):
    token = services.create_token(user=personas.clerk_a)

    out, _err = run("revoketoken", token[:10])

    assert "Revoked" in out
    assert services.user_for_token(token) is None


def test_revoketoken_with_the_whole_token_revokes_only_that_one(personas):
    first = services.create_token(user=personas.clerk_a)
    second = services.create_token(user=personas.clerk_a)

    run("revoketoken", first)

    assert services.user_for_token(first) is None
    assert services.user_for_token(second) == personas.clerk_a


def test_revoketoken_for_a_user_revokes_all_their_tokens(personas):
    tokens = [services.create_token(user=personas.clerk_a) for _ in range(2)]
    other = services.create_token(user=personas.viewer_a)

    run("revoketoken", "--user", "clerk_a")

    assert all(services.user_for_token(t) is None for t in tokens)
    assert services.user_for_token(other) == personas.viewer_a


def test_revoketoken_refuses_an_unknown_token(personas):
    with pytest.raises(CommandError, match="No active token"):
        run("revoketoken", "tw_nothing")
