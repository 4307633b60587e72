"""The reference data and the age rules, without the database."""

import csv
import datetime
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation

from taawon import settings as taawon_settings
from taawon.protection import reference, rules

ISCO = Path(reference.__file__).resolve().parent.parent / "occupations" / "data" / "isco08.csv"
DAY = datetime.date(2026, 6, 15)


def test_every_hazardous_occupation_is_an_isco_unit_group_with_its_title():
    with ISCO.open(encoding="utf-8") as f:
        units = {r["code"]: r for r in csv.DictReader(f) if r["level"] == "4"}
    for code, entry in reference.occupations().items():
        assert code in units, code
        assert entry.label_en == units[code]["title_en"]
        assert entry.label_ar and entry.reason_ar and entry.sources


def test_every_entry_cites_a_source_the_file_describes():
    known = set(reference.sources())
    for entry in [*reference.occupations().values(), *reference.tasks().values()]:
        assert set(entry.sources) <= known, entry.code


def test_tasks_are_labelled_in_the_readers_language():
    with translation.override("ar"):
        assert reference.task_labels(["height"]) == [
            "العمل على المرتفعات (السلالم والسقالات والأسطح والأشجار)"
        ]
    assert reference.task_labels(["height", "unknown"]) == [
        "Work at height (ladders, scaffolding, roofs, trees)"
    ]


def test_work_is_hazardous_by_its_occupation_or_by_a_task():
    assert rules.is_hazardous("8341")  # tractor drivers
    assert rules.is_hazardous("9211", ["pesticides"])
    assert not rules.is_hazardous("9211", [])
    assert not rules.is_hazardous("9211", ["not-a-task"])


def test_the_minimum_working_age_per_country(settings):
    assert rules.minimum_working_age("JO") == 16
    assert rules.minimum_working_age("lb") == 14
    assert rules.minimum_working_age("IQ") == 15
    assert rules.minimum_working_age("EG") == 15  # not listed: ILO C138's general minimum
    assert rules.minimum_age_for(country="JO", occupation_code="9211") == 16
    assert rules.minimum_age_for(country="JO", occupation_code="9211", tasks=["height"]) == 18


def test_the_setting_reads_country_age_pairs_and_refuses_nonsense(monkeypatch):
    monkeypatch.setenv("TAAWON_MINIMUM_WORKING_AGE", "lb:15, IQ:16")
    assert taawon_settings.envages("TAAWON_MINIMUM_WORKING_AGE", {"JO": 16}) == {
        "JO": 16,
        "LB": 15,
        "IQ": 16,
    }
    for bad in ("JO=16", "JO:9", "JOR:16", "JO:sixteen"):
        monkeypatch.setenv("TAAWON_MINIMUM_WORKING_AGE", bad)
        with pytest.raises(ImproperlyConfigured):
            taawon_settings.envages("TAAWON_MINIMUM_WORKING_AGE", {})


def test_an_age_is_completed_years_and_a_year_alone_counts_as_its_last_day():
    assert rules.age_on(DAY, date_of_birth=datetime.date(2010, 6, 15), birth_year=None) == 16
    assert rules.age_on(DAY, date_of_birth=datetime.date(2010, 6, 16), birth_year=None) == 15
    assert rules.age_on(DAY, date_of_birth=None, birth_year=2008) == 17
    assert rules.age_on(datetime.date(2026, 12, 31), date_of_birth=None, birth_year=2008) == 18
    assert rules.age_on(DAY, date_of_birth=None, birth_year=None) is None


def _refusal(age_years_ago: int | None, occupation: str = "9211", tasks=()):
    born = None if age_years_ago is None else DAY.replace(year=DAY.year - age_years_ago)
    return rules.refusal(
        date_of_birth=born,
        birth_year=None,
        country="JO",
        occupation_code=occupation,
        tasks=tasks,
        on=DAY,
    )


def test_the_refusal_says_which_rule_and_why():
    assert _refusal(15).code == rules.MINIMUM_AGE
    assert _refusal(16) is None
    assert _refusal(17, tasks=["pesticides"]).code == rules.HAZARDOUS
    assert "spraying" in _refusal(17, tasks=["pesticides"]).message
    assert _refusal(18, "8341") is None
    assert _refusal(None, "8341").code == rules.AGE_UNKNOWN
    assert _refusal(None) is None
