import pytest


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    # Argon2 is meant to be slow; each persona set hashes ten passwords. What these tests
    # check does not depend on the hasher.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
