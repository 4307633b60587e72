"""The logframe: items and targets set by an organisation's managers, progress counted live in
the viewer's scope; reporting periods locked and unlocked."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from taawon.core.exceptions import PermissionDenied, ValidationFailed
from taawon.indicators import queries, services
from taawon.indicators.models import LogframeItem, PeriodLock, Target

START, END = datetime.date(2020, 7, 1), datetime.date(2020, 9, 30)


def item(personas, owner=None, **kwargs):
    kwargs = {
        "level": "output",
        "indicator_code": "jobs_secured",
        "title_en": "Jobs secured for refugees and Jordanians",
        "title_ar": "فرص عمل للاجئين والأردنيين",
        **kwargs,
    }
    return services.create_logframe_item(
        owner=owner or personas.country_office, created_by=personas.officer, **kwargs
    )


@pytest.mark.django_db
def test_progress_is_the_live_figure_over_the_target_period(personas, data_set):
    line = item(personas, baseline_value="0")
    services.set_target(item=line, start=START, end=END, value="6", set_by=personas.officer)
    [entry] = queries.logframe_progress(personas.officer)
    [progress] = entry.progress
    assert progress.achieved == 3
    assert progress.percent == pytest.approx(50.0)
    # Setting the same period again replaces the value.
    services.set_target(item=line, start=START, end=END, value="2", set_by=personas.officer)
    assert Target.objects.get().value == Decimal("2.00")
    [entry] = queries.logframe_progress(personas.officer)
    assert entry.progress[0].percent == pytest.approx(150.0) and entry.progress[0].bar == 100


@pytest.mark.django_db
def test_only_the_organisations_managers_plan_and_bad_values_write_nothing(personas):
    with pytest.raises(PermissionDenied):
        services.create_logframe_item(
            owner=personas.country_office,
            level="output",
            indicator_code="jobs_secured",
            title_en="x",
            created_by=personas.counsellor_a,
        )
    with pytest.raises(ValidationFailed) as refused:
        item(personas, indicator_code="nothing", level="goal", title_en=" ", baseline_value="ten")
    assert set(refused.value.field_errors) == {
        "indicator_code",
        "level",
        "title_en",
        "baseline_value",
    }
    line = item(personas)
    with pytest.raises(ValidationFailed) as refused:
        services.set_target(item=line, start=END, end=START, value="-1", set_by=personas.officer)
    assert set(refused.value.field_errors) == {"end", "value"}
    assert LogframeItem.objects.count() == 1 and not Target.objects.exists()


@pytest.mark.django_db
def test_a_locked_period_covers_the_organisations_below(personas):
    lock = services.lock_period(
        organisation=personas.country_office, start=START, end=END, locked_by=personas.officer
    )
    assert queries.is_locked(personas.unit_a.pk, datetime.date(2020, 8, 1))
    assert not queries.is_locked(personas.unit_a.pk, datetime.date(2020, 10, 1))
    with pytest.raises(ValidationFailed):
        services.lock_period(
            organisation=personas.country_office,
            start=datetime.date(2020, 9, 1),
            end=datetime.date(2020, 12, 31),
            locked_by=personas.officer,
        )
    with pytest.raises(PermissionDenied):
        services.unlock_period(lock=lock, unlocked_by=personas.counsellor_a)
    services.unlock_period(lock=lock, unlocked_by=personas.officer)
    assert not PeriodLock.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_logframe_pages(client, personas, data_set, language):
    client.force_login(personas.officer)
    response = client.post(
        f"/{language}/indicators/logframe/new/",
        {
            "owner": personas.country_office.pk,
            "level": "output",
            "indicator_code": "jobs_secured",
            "title_en": "Jobs secured",
            "title_ar": "فرص العمل",
            "baseline_value": "0",
        },
    )
    assert response.status_code == 302
    line = LogframeItem.objects.get()
    response = client.post(
        f"/{language}/indicators/logframe/targets/",
        {"item": line.pk, "start": "01/07/2020", "end": "30/09/2020", "value": "6"},
    )
    assert response.status_code == 302
    text = client.get(f"/{language}/indicators/logframe/").content.decode()
    assert '<progress max="100" value="50"' in text
    refused = client.post(
        f"/{language}/indicators/logframe/targets/",
        {"item": line.pk, "start": "01/07/2020", "end": "30/09/2020", "value": "lots"},
    )
    assert refused.status_code == 200 and Target.objects.get().value == 6
    assert (
        client.post(
            f"/{language}/indicators/locks/",
            {
                "organisation": personas.country_office.pk,
                "start": "01/07/2020",
                "end": "30/09/2020",
            },
        ).status_code
        == 302
    )
    lock = PeriodLock.objects.get()
    assert (
        client.post(f"/{language}/indicators/locks/unlock/", {"lock": lock.pk}).status_code == 302
    )
    assert not PeriodLock.objects.exists()
    client.force_login(personas.counsellor_a)
    assert client.get(f"/{language}/indicators/logframe/new/").status_code == 404
    assert client.get(f"/{language}/indicators/logframe/").status_code == 200
