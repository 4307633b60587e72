"""The duplicates panel of the home page: the pairs a counsellor may review, and only those."""

import pytest
from django.urls import reverse
from django.utils import translation

from taawon.core.testing import PASSWORD

from .factories import khaled, pair_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """URLs and names are read in English, whatever language an earlier test left active."""
    with translation.override("en"):
        yield


def home(client, user) -> str:
    assert client.login(username=user.username, password=PASSWORD)
    with translation.override("en"):
        return client.get(reverse("home")).content.decode()


def test_a_counsellor_sees_the_pairs_of_their_unit_to_review(client, personas):
    in_a = pair_of(
        khaled(personas.unit_a, personas.counsellor_a),
        khaled(personas.unit_a, personas.counsellor_a, phone="+962781112233"),
    )
    in_b = pair_of(
        khaled(personas.unit_b, personas.counsellor_b),
        khaled(personas.unit_b, personas.counsellor_b, phone="+962781112244"),
    )
    html = home(client, personas.counsellor_a)
    assert "Possible duplicates to review" in html
    assert reverse("duplicates:pair_detail", args=[in_a.pk]) in html
    assert reverse("duplicates:pair_detail", args=[in_b.pk]) not in html
    assert "Possible duplicates to review" not in home(client, personas.ministry_officer)
