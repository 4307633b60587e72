"""Mass actions ask first, with the counts of the code that acts, and act only on a token of
what was shown: season notices and a campaign's referrals."""

import datetime

import pytest

from taawon.core.confirming import ConfirmationChanged
from taawon.messaging.models import OutboundMessage

from ..campaigns import services as campaign_services
from ..placements.models import Referral
from ..seasons import services as seasons
from ..seasons.models import CropCalendar
from . import test_campaigns, test_seasons
from .factories import governorate
from .test_campaigns import draft
from .test_seasons import JUNE, TODAY, seeker

pytestmark = pytest.mark.django_db
# The fixtures of those modules, shared here.
season = test_campaigns.season
farm = test_seasons.farm


def main_of(page: str) -> str:
    """The page's own content (the site layout is another matter)."""
    return page[page.index("<main") : page.index("</main>")]


def notice_plan(personas):
    return seasons.plan_season_notices(
        owner=personas.unit_a,
        governorate=governorate(),
        month=JUNE,
        sent_by=personas.counsellor_a,
        today=TODAY,
    )


def test_the_notice_plan_counts_what_sending_does_and_writes_nothing(personas, farm):
    a, actor = personas.unit_a, personas.counsellor_a
    seeker(a, actor, phone="+962791234501", language="ar")
    seeker(a, actor, phone="+962791234502", language="ar")
    seeker(a, actor, phone="+962791234503", language="en")
    seeker(a, actor, phone="")

    plan = notice_plan(personas)

    assert plan.counts == {"queued": 3, "no_phone": 1}
    assert plan.languages == {"ar": 2, "en": 1}
    assert OutboundMessage.objects.count() == 0
    sent = seasons.send_season_notices(
        owner=a, governorate=governorate(), month=JUNE, sent_by=actor, today=TODAY,
        confirm=plan.token,
    )  # fmt: skip
    assert sent.counts == plan.counts
    assert OutboundMessage.objects.count() == 3


def test_a_job_seeker_added_since_the_plan_was_shown_asks_again_and_sends_nothing(personas, farm):
    a, actor = personas.unit_a, personas.counsellor_a
    seeker(a, actor, phone="+962791234501")
    shown = notice_plan(personas)
    seeker(a, actor, phone="+962791234502")

    with pytest.raises(ConfirmationChanged):
        seasons.send_season_notices(
            owner=a, governorate=governorate(), month=JUNE, sent_by=actor, today=TODAY,
            confirm=shown.token,
        )  # fmt: skip

    assert OutboundMessage.objects.count() == 0
    # Without a token (the API, the daily command) it sends to everyone matching now.
    sent = seasons.send_season_notices(
        owner=a, governorate=governorate(), month=JUNE, sent_by=actor, today=TODAY
    )
    assert sent.queued == 2


@pytest.mark.parametrize("language", ["en", "ar"])
def test_create_referrals_says_how_many_for_whom_before_creating_them(
    client, personas, season, language
):
    jobs, _men, _women = season
    campaign = draft(personas, jobs)
    campaign_services.propose_allocation(campaign=campaign, run_by=personas.counsellor_a)
    client.force_login(personas.counsellor_a)
    url = f"/{language}/employment/campaigns/{campaign.pk}/apply/"

    asked = client.get(url)

    assert asked.status_code == 200
    plan = asked.context["plan"]
    assert (len(plan.to_refer), plan.job_seekers, plan.vacancies) == (3, 3, 2)
    if language == "en":
        assert "3 referrals will be created for 3 job seekers to 2 vacancies." in (
            asked.content.decode()
        )
    assert Referral.objects.count() == 0
    assert client.post(url, {"confirm": plan.token}).status_code == 302
    assert Referral.objects.count() == 3


def test_a_proposal_changed_since_it_was_shown_asks_again_and_refers_no_one(
    client, personas, season
):
    jobs, _men, _women = season
    campaign = draft(personas, jobs)
    campaign_services.propose_allocation(campaign=campaign, run_by=personas.counsellor_a)
    client.force_login(personas.counsellor_a)
    url = f"/en/employment/campaigns/{campaign.pk}/apply/"
    shown = client.get(url).context["plan"].token
    campaign.assignments.order_by("pk").first().delete()

    again = client.post(url, {"confirm": shown})

    assert again.status_code == 409
    assert "2 referrals will be created" in again.content.decode()
    assert Referral.objects.count() == 0
    campaign.refresh_from_db()
    assert campaign.status == campaign.Status.PROPOSED
    # The service refuses a stale token the same way; without one (the API) it acts.
    with pytest.raises(ConfirmationChanged):
        campaign_services.apply_campaign(
            campaign=campaign, applied_by=personas.counsellor_a, confirm=shown
        )
    assert Referral.objects.count() == 0
    assert (
        campaign_services.apply_campaign(
            campaign=campaign, applied_by=personas.counsellor_a
        ).created
        == 2
    )


def test_the_confirmation_pages_hold_no_inline_script_or_style(client, personas, season, farm):
    jobs, _men, _women = season
    campaign = draft(personas, jobs)
    campaign_services.propose_allocation(campaign=campaign, run_by=personas.counsellor_a)
    seeker(personas.unit_a, personas.counsellor_a, phone="+962791234501")
    client.force_login(personas.counsellor_a)
    this_month = datetime.date.today().replace(day=1)
    CropCalendar.objects.filter(pk=farm.calendar_id).update(
        planting_months=[this_month.month], harvest_months=[]
    )
    month = {"owner": personas.unit_a.pk, "governorate": governorate().pk, "month": this_month}
    pages = [
        client.get(f"/en/employment/campaigns/{campaign.pk}/apply/"),
        client.get("/en/employment/labour-demand/notices/", month),
    ]
    for response in pages:
        assert response.status_code == 200
        page = main_of(response.content.decode())
        assert 'name="confirm"' in page
        for inline in ("<script>", " onclick=", " style=", "hx-on"):
            assert inline not in page
