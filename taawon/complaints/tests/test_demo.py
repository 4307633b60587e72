"""The demo's complaints: every category in both languages in each unit, the focal point of
Mafraq's unit reading its sensitive ones, and an SMS line per unit."""

import io

import pytest
from django.core.management import call_command

from taawon.accounts.models import User
from taawon.lib.arabic import is_arabic

from .. import queries
from ..models import Category, Complaint, SmsLine


@pytest.fixture(autouse=True)
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path


@pytest.mark.django_db
def test_the_demo_has_complaints_of_every_category_in_both_languages():
    out = io.StringIO()
    call_command("demo", "--no-serve", "--scale", "0.1", stdout=out)
    assert "Complaints and feedback" in out.getvalue()
    complaints = Complaint.objects.all()
    for category in set(Category.values) - {Category.OTHER}:
        texts = [c.description for c in complaints.filter(category=category)]
        assert any(is_arabic(t) for t in texts) and not all(is_arabic(t) for t in texts)
    assert set(complaints.values_list("status", flat=True)) >= {"received", "closed", "referred"}
    assert set(complaints.values_list("channel", flat=True)) == {"in_person", "sms", "web"}
    assert SmsLine.objects.count() == 6
    focal = User.objects.get(username="focal_mafraq")
    counsellor = User.objects.get(username="counsellor_mafraq")
    seen_by_focal = queries.complaints_for(focal).filter(sensitive=True)
    assert seen_by_focal.exists()
    assert not queries.complaints_for(counsellor).filter(sensitive=True).exists()
    assert (
        queries.complaints_for(User.objects.get(username="officer")).filter(sensitive=True).count()
        == complaints.filter(sensitive=True).count()
    )
