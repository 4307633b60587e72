import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Personas hash ten passwords per test; argon2 makes that seconds, and no test here
    # is about password strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
