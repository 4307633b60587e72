import pytest

from taawon.accounts import scoping


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    # Argon2 is meant to be slow; what these tests check does not depend on the hasher.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def fresh():
    """A user as a new request loads it: no reach cached from an earlier call."""

    def load(user):
        scoping.forget(user)
        return user

    return load
