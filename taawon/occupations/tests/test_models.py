import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from taawon.occupations.models import Occupation

pytestmark = pytest.mark.django_db


def test_display_title_is_arabic_in_arabic_when_there_is_one():
    group = Occupation.objects.get(code="9211")
    with translation.override("ar"):
        assert group.display_title == "عمال مزارع المحاصيل"
        assert str(group) == "9211 عمال مزارع المحاصيل"
    with translation.override("en"):
        assert group.display_title == "Crop farm labourers"


def test_display_title_falls_back_to_english():
    group = Occupation.objects.get(code="2120")  # mathematicians: no Arabic title yet
    assert group.title_ar == ""
    with translation.override("ar"):
        assert group.display_title == group.title_en


@pytest.mark.parametrize(
    ("code", "level", "parent_code"),
    [
        ("9990", 5, "962"),  # no level below the unit group
        ("997", 4, "96"),  # three digits claiming the unit level
        ("97", 2, None),  # a sub-major group needs its major group
    ],
)
def test_the_database_rejects_malformed_groups(code, level, parent_code):
    parent = Occupation.objects.get(code=parent_code) if parent_code else None
    with pytest.raises(IntegrityError), transaction.atomic():
        Occupation.objects.create(code=code, level=level, parent=parent, title_en="x")
