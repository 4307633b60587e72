import pytest
from django.urls import reverse
from django.utils import translation

from taawon.core.testing import PASSWORD


@pytest.fixture
def login(client):
    def as_user(user):
        client.logout()
        assert client.login(username=user.username, password=PASSWORD)
        return client

    return as_user


@pytest.fixture
def url():
    def build(name: str, *args, lang: str = "en") -> str:
        with translation.override(lang):
            return reverse(f"duplicates:{name}", args=args)

    return build
