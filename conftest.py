import pytest
from django.conf import settings
from django.utils import translation

from taawon.core.testing import build_personas


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    # Argon2 is slow by design and each persona set hashes ten passwords; what the tests
    # check does not depend on the hasher (production keeps Argon2, see settings.py).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def static_files_from_the_apps(settings):
    # Outside DEBUG and the demo, {% static %} names the hashed files that collectstatic lists
    # in its manifest; the suite has run no collectstatic, so it links the apps' files as the
    # demo does (taawon/core/tests/test_static_files.py runs collectstatic and checks both).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def second_factor_optional(settings):
    # Most tests sign personas in with force_login, password only; the tests of the second
    # factor (accounts/tests/test_second_factor.py) switch the requirement back on.
    settings.TWO_FACTOR_REQUIRED = False


@pytest.fixture
def personas(db):
    return build_personas()


@pytest.fixture(autouse=True)
def default_language():
    # A request to an /ar/ page activates Arabic for the thread, and it would stay active for
    # the next test; each test starts in the default language, whatever ran before it.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def cache_of_the_test(settings):
    # The suite counts in memory, its own for each run: two runs at once (SQLite and
    # PostgreSQL) must not share the file cache of var/ (settings.py) nor its counts.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
