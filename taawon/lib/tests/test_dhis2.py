import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import jsonschema_rs
import pytest

from taawon.lib.dhis2 import (
    DataValue,
    Dhis2Error,
    data_value_set,
    is_uid,
    months,
    period,
    validate_mapping,
    values_from_cells,
)
from taawon.lib.disclosure import WITHHELD

EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "dhis2-mapping.example.json"
INDICATORS = {"job_seekers_registered", "job_seekers_placed", "permits_issued"}
DIMENSIONS = {
    "sex": {"female", "male"},
    "nationality": {"JO", "SY", "PS", "IQ", "LB", "other"},
    "governorate": {"JO-AM", "JO-IR", "JO-MA", "JO-BA"},
}

# The dataValueSets document as DHIS2's import reads it (docs.dhis2.org, "Data values"):
# dataElement, period and orgUnit required, identifiers as UIDs, values as strings.
UID_PATTERN = "^[A-Za-z][A-Za-z0-9]{10}$"
DATA_VALUE_SETS_SCHEMA = {
    "type": "object",
    "required": ["dataValues"],
    "properties": {
        "dataSet": {"type": "string", "pattern": UID_PATTERN},
        "completeDate": {"type": "string"},
        "period": {"type": "string"},
        "orgUnit": {"type": "string", "pattern": UID_PATTERN},
        "attributeOptionCombo": {"type": "string", "pattern": UID_PATTERN},
        "dataValues": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["dataElement", "period", "orgUnit", "value"],
                "additionalProperties": False,
                "properties": {
                    "dataElement": {"type": "string", "pattern": UID_PATTERN},
                    "period": {"type": "string", "pattern": "^[0-9]{4}([0-9]{2}|Q[1-4])?$"},
                    "orgUnit": {"type": "string", "pattern": UID_PATTERN},
                    "categoryOptionCombo": {"type": "string", "pattern": UID_PATTERN},
                    "attributeOptionCombo": {"type": "string", "pattern": UID_PATTERN},
                    "value": {"type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$"},
                    "comment": {"type": "string"},
                    "followup": {"type": "boolean"},
                },
            },
        },
    },
}


def example() -> dict:
    return json.loads(EXAMPLE.read_text())


def assert_valid_data_value_set(document: dict) -> None:
    validator = jsonschema_rs.validator_for(DATA_VALUE_SETS_SCHEMA)
    errors = [e.message for e in validator.iter_errors(json.loads(json.dumps(document)))]
    assert errors == []


def test_the_schema_check_rejects_what_dhis2_would():
    validator = jsonschema_rs.validator_for(DATA_VALUE_SETS_SCHEMA)
    good = {
        "dataElement": "fbfJHSPpUQD",
        "period": "202007",
        "orgUnit": "Qw3RtY6uIo1",
        "value": "12",
    }
    assert validator.is_valid({"dataValues": [good]})
    assert not validator.is_valid({"dataValues": [{**good, "value": 12}]})
    assert not validator.is_valid({"dataValues": [{**good, "period": "2020-07"}]})
    assert not validator.is_valid({"dataValues": [{**good, "orgUnit": "JO-AM"}]})


def test_it_names_whole_months_quarters_and_years_as_dhis2_does():
    assert period(date(2020, 7, 1), date(2020, 7, 31)) == "202007"
    assert period(date(2020, 2, 1), date(2020, 2, 29)) == "202002"
    assert period(date(2020, 12, 1), date(2020, 12, 31)) == "202012"
    assert period(date(2020, 7, 1), date(2020, 9, 30)) == "2020Q3"
    assert period(date(2020, 1, 1), date(2020, 3, 31)) == "2020Q1"
    assert period(date(2020, 1, 1), date(2020, 12, 31)) == "2020"
    assert [period(*m) for m in months(2020)][::11] == ["202001", "202012"]


def test_it_refuses_a_range_dhis2_has_no_period_for():
    with pytest.raises(Dhis2Error) as error:
        period(date(2020, 7, 2), date(2020, 7, 31))
    assert error.value.code == "period_not_dhis2"
    with pytest.raises(Dhis2Error):
        period(date(2020, 8, 1), date(2020, 10, 31))  # three months, not a quarter
    with pytest.raises(Dhis2Error) as error:
        period(date(2020, 8, 1), date(2020, 7, 31))
    assert error.value.code == "period_reversed"


def test_it_knows_a_dhis2_identifier():
    assert is_uid("fbfJHSPpUQD")
    assert not is_uid("1bfJHSPpUQD")  # a digit first
    assert not is_uid("fbfJHSPpUQ")  # 10 characters
    assert not is_uid("fbfJHS-pUQD")
    assert not is_uid(None)


def test_the_example_mapping_is_valid():
    assert validate_mapping(example(), INDICATORS, DIMENSIONS) == []


def test_it_names_every_mistake_of_a_mapping():
    mapping = example()
    mapping["indicators"]["ghosts_counted"] = {
        "dataElement": "Ab1Cd2Ef3Gh",
        "categoryOptionCombos": [{"keys": {}, "id": "HllvX50cXC0"}],
    }
    registered = mapping["indicators"]["job_seekers_registered"]
    registered["dataElement"] = "12345678901"
    registered["categoryOptionCombos"] += [
        {"keys": {"sex": "other"}, "id": "Ab1Cd2Ef3Gh"},
        {"keys": {"religion": "x"}, "id": "Ab1Cd2Ef3Gh"},
        {"keys": {"sex": "female"}, "id": "short"},
    ]
    mapping["orgUnits"]["JO-AQ"] = "not a uid"
    problems = validate_mapping(mapping, INDICATORS, DIMENSIONS)
    found = {(p.code, p.path) for p in problems}
    assert found == {
        ("unknown_indicator", "indicators.ghosts_counted"),
        ("malformed_uid", "indicators.job_seekers_registered.dataElement"),
        ("unknown_key", "indicators.job_seekers_registered.categoryOptionCombos[7].keys.sex"),
        (
            "unknown_dimension",
            "indicators.job_seekers_registered.categoryOptionCombos[8].keys.religion",
        ),
        ("malformed_uid", "indicators.job_seekers_registered.categoryOptionCombos[9].id"),
        ("duplicate_combo", "indicators.job_seekers_registered.categoryOptionCombos[9]"),
        ("malformed_uid", "orgUnits.JO-AQ"),
    }
    messages = {str(p) for p in problems}
    assert "indicators.ghosts_counted: There is no indicator 'ghosts_counted'." in messages
    assert (
        "orgUnits.JO-AQ: 'not a uid' is not a DHIS2 identifier"
        " (11 characters, a letter then letters or digits)." in messages
    )


def test_it_refuses_a_mapping_that_is_not_one():
    assert [p.code for p in validate_mapping([], INDICATORS, DIMENSIONS)] == ["not_an_object"]
    codes = {p.code for p in validate_mapping({"orgUnits": {}, "extra": 1}, INDICATORS, DIMENSIONS)}
    assert codes == {"unknown_field", "no_org_units", "no_indicators"}
    mapping = {
        "orgUnits": {"JO-AM": "Qw3RtY6uIo1"},
        "indicators": {"permits_issued": {"categoryOptionCombos": []}},
    }
    codes = {p.code for p in validate_mapping(mapping, INDICATORS, DIMENSIONS)}
    assert codes == {"missing_data_element", "no_combos"}


def test_it_writes_a_data_value_set_dhis2_reads():
    # A sex by governorate table for July 2020, as the indicator engine gives its cells.
    cells = {
        ("female", "JO-AM"): 120,
        ("female", "JO-IR"): WITHHELD,
        ("male", "JO-AM"): 210,
        ("male", "JO-IR"): 45,
    }
    values = values_from_cells(
        "job_seekers_registered",
        period(date(2020, 7, 1), date(2020, 7, 31)),
        ("sex", "governorate"),
        cells,
        org_unit_dimension="governorate",
    )
    values.append(DataValue("job_seekers_placed", "2020Q3", "JO-MA", {}, 1300))
    values.append(DataValue("permits_issued", "2020", "JO-BA", {}, Decimal("1.50")))
    document = data_value_set(values, example())
    assert_valid_data_value_set(document)
    assert document["dataValues"] == [
        {
            "dataElement": "fbfJHSPpUQD",
            "period": "202007",
            "orgUnit": "Qw3RtY6uIo1",
            "categoryOptionCombo": "Fe6MaLe0000",
            "attributeOptionCombo": "HllvX50cXC0",
            "value": "120",
        },
        # The withheld cell (female, Irbid) is left out: DHIS2 takes numbers only.
        {
            "dataElement": "fbfJHSPpUQD",
            "period": "202007",
            "orgUnit": "Qw3RtY6uIo1",
            "categoryOptionCombo": "Ma7LeMaLe00",
            "attributeOptionCombo": "HllvX50cXC0",
            "value": "210",
        },
        {
            "dataElement": "fbfJHSPpUQD",
            "period": "202007",
            "orgUnit": "Lk8JhG4fDs2",
            "categoryOptionCombo": "Ma7LeMaLe00",
            "attributeOptionCombo": "HllvX50cXC0",
            "value": "45",
        },
        {
            "dataElement": "cYeuwXTCPkU",
            "period": "2020Q3",
            "orgUnit": "Zx5CvB7nMa3",
            "categoryOptionCombo": "HllvX50cXC0",
            "attributeOptionCombo": "Ilo2CoOp0A1",
            "value": "1300",
        },
        {
            "dataElement": "Jtf34kNZhzP",
            "period": "2020",
            "orgUnit": "Pl0OkM9iJn4",
            "categoryOptionCombo": "HllvX50cXC0",
            "attributeOptionCombo": "HllvX50cXC0",
            "value": "1.5",
        },
    ]


def test_it_leaves_out_the_attribute_combo_when_the_mapping_has_none():
    mapping = example()
    del mapping["attributeOptionCombo"]
    document = data_value_set([DataValue("permits_issued", "2020", "JO-AM", {}, 7)], mapping)
    assert_valid_data_value_set(document)
    assert "attributeOptionCombo" not in document["dataValues"][0]


def test_it_writes_a_fixed_organisation_unit_and_two_categories():
    cells = {("female", "SY"): 80, ("male", "JO"): 90}
    values = values_from_cells(
        "job_seekers_registered", "2020Q3", ("sex", "nationality"), cells, org_unit="JO-AM"
    )
    document = data_value_set(values, example())
    assert_valid_data_value_set(document)
    assert [
        (v["orgUnit"], v["categoryOptionCombo"], v["value"]) for v in document["dataValues"]
    ] == [
        ("Qw3RtY6uIo1", "FsY1nAt0001", "80"),
        ("Qw3RtY6uIo1", "MjO1nAt0004", "90"),
    ]


def test_it_refuses_a_value_the_mapping_cannot_place():
    mapping = example()
    with pytest.raises(Dhis2Error) as error:
        data_value_set([DataValue("farms_visited", "2020", "JO-AM", {}, 1)], mapping)
    assert error.value.code == "unmapped_indicator"
    with pytest.raises(Dhis2Error) as error:
        data_value_set([DataValue("permits_issued", "2020", "LB-BA", {}, 1)], mapping)
    assert error.value.code == "unmapped_org_unit"
    with pytest.raises(Dhis2Error) as error:
        data_value_set(
            [DataValue("permits_issued", "2020", "JO-AM", {"sex": "female"}, 1)], mapping
        )
    assert error.value.code == "unmapped_combo"
    assert "sex=female" in error.value.message
    with pytest.raises(Dhis2Error) as error:
        data_value_set([DataValue("permits_issued", "2020", "JO-AM", {}, Decimal("NaN"))], mapping)
    assert error.value.code == "not_a_number"
