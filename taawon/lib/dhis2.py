"""Indicator values as a DHIS2 `dataValueSets` document (the JSON that DHIS2's
`/api/dataValueSets` imports), through a mapping kept by the programme in a JSON file.

The mapping (see docs/dhis2-mapping.example.json) names, for each exported indicator, its DHIS2
data element and the category option combo of each disaggregation (a combination of keys of
Taawon's dimensions, such as sex "female" and nationality group "syrian"); and for each place
or organisation Taawon reports on (a governorate P-code, an organisation's code) its DHIS2
organisation unit:

    {
      "attributeOptionCombo": "HllvX50cXC0",          (optional, for every value)
      "orgUnits": {"JO21": "Rp268JB6Ne4", ...},
      "indicators": {
        "job_seekers_registered": {
          "dataElement": "fbfJHSPpUQD",
          "attributeOptionCombo": "...",              (optional, overrides the one above)
          "categoryOptionCombos": [
            {"keys": {}, "id": "HllvX50cXC0"},                          (the total)
            {"keys": {"sex": "female"}, "id": "pq2XI5kz2BY"},
            {"keys": {"sex": "female", "nationality_group": "syrian"}, "id": "..."}
          ]
        }
      }
    }

A value is exported only for a combination the mapping names, exactly (an unmapped one is an
error, not dropped in silence); a withheld value (small-cell suppression) is left out, since
DHIS2 takes numbers only. Values are strings, as DHIS2 writes them. Pure: no Django.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

UID = re.compile(r"[A-Za-z][A-Za-z0-9]{10}")
# DHIS2's "default" category option combo: the one of a data element with no disaggregation.
DEFAULT_COMBO = "HllvX50cXC0"


def is_uid(value: object) -> bool:
    """A DHIS2 identifier: 11 characters, a letter then letters or digits."""
    return isinstance(value, str) and UID.fullmatch(value) is not None


@dataclass(frozen=True)
class MappingProblem:
    """One thing wrong with a mapping: a stable `code`, where (`path`, as in the JSON file), and
    an English `message`; the web edge translates by code."""

    code: str
    path: str
    message: str
    params: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class Dhis2Error(ValueError):
    """A value that cannot be exported with the mapping (an unmapped indicator, place or
    disaggregation, or a period DHIS2 has no name for)."""

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.params = params


@dataclass(frozen=True)
class DataValue:
    """One figure to export: `categories` maps dimension codes to keys ({} for the total);
    `org_unit` is a key of the mapping's orgUnits; `period` a DHIS2 period (`period`)."""

    indicator: str
    period: str
    org_unit: str
    categories: Mapping[str, str]
    value: int | Decimal | str


# ---- periods --------------------------------------------------------------------------


def period(start: date, end: date) -> str:
    """The DHIS2 name of the period from `start` to `end` (both included): a whole month
    (`202007`), quarter (`2020Q3`) or year (`2020`); Dhis2Error for any other range."""
    if end < start:
        raise Dhis2Error("period_reversed", f"The period ends ({end}) before it starts ({start}).")
    last = end + timedelta(days=1)
    if start.day == 1 and last.day == 1:
        months = (last.year - start.year) * 12 + last.month - start.month
        if months == 1:
            return f"{start.year}{start.month:02d}"
        if months == 3 and start.month % 3 == 1:
            return f"{start.year}Q{(start.month - 1) // 3 + 1}"
        if months == 12 and start.month == 1:
            return f"{start.year}"
    raise Dhis2Error(
        "period_not_dhis2",
        f"DHIS2 has no period from {start} to {end}: export a month, a quarter or a year.",
        start=start.isoformat(),
        end=end.isoformat(),
    )


def months(year: int) -> list[tuple[date, date]]:
    """The twelve months of `year`, first and last day each, to export month by month."""
    return [
        (date(year, m, 1), date(year + m // 12, m % 12 + 1, 1) - timedelta(days=1))
        for m in range(1, 13)
    ]


# ---- the mapping ----------------------------------------------------------------------


def validate_mapping(
    mapping: Any,
    known_indicators: Collection[str],
    known_dimensions: Mapping[str, Collection[str]],
) -> list[MappingProblem]:
    """Everything wrong with `mapping` (loaded from its JSON file), none if it can be used.

    `known_indicators` are the codes of the registered indicators; `known_dimensions` maps each
    dimension code to its keys (for example {"sex": {"female", "male"}})."""
    problems: list[MappingProblem] = []

    def problem(code: str, path: str, message: str, **params: object) -> None:
        problems.append(MappingProblem(code, path, message, {k: str(v) for k, v in params.items()}))

    def check_uid(value: object, path: str) -> None:
        if not is_uid(value):
            problem(
                "malformed_uid",
                path,
                f"{value!r} is not a DHIS2 identifier"
                " (11 characters, a letter then letters or digits).",
                value=value,
            )

    if not isinstance(mapping, Mapping):
        problem("not_an_object", "", "The mapping must be a JSON object.")
        return problems
    for key in sorted(set(mapping) - {"attributeOptionCombo", "orgUnits", "indicators", "comment"}):
        problem("unknown_field", key, f"Unknown field {key!r}.", field=key)
    if "attributeOptionCombo" in mapping:
        check_uid(mapping["attributeOptionCombo"], "attributeOptionCombo")

    org_units = mapping.get("orgUnits")
    if not isinstance(org_units, Mapping) or not org_units:
        problem("no_org_units", "orgUnits", "orgUnits must name at least one organisation unit.")
    else:
        for key, uid in org_units.items():
            check_uid(uid, f"orgUnits.{key}")

    indicators = mapping.get("indicators")
    if not isinstance(indicators, Mapping) or not indicators:
        problem("no_indicators", "indicators", "indicators must name at least one indicator.")
        return problems
    for code, entry in indicators.items():
        path = f"indicators.{code}"
        if code not in known_indicators:
            problem("unknown_indicator", path, f"There is no indicator {code!r}.", indicator=code)
        if not isinstance(entry, Mapping):
            problem("entry_not_an_object", path, "Each indicator must be a JSON object.")
            continue
        for key in sorted(
            set(entry) - {"dataElement", "attributeOptionCombo", "categoryOptionCombos", "comment"}
        ):
            problem("unknown_field", f"{path}.{key}", f"Unknown field {key!r}.", field=key)
        if "dataElement" not in entry:
            problem("missing_data_element", path, "The indicator has no dataElement.")
        else:
            check_uid(entry["dataElement"], f"{path}.dataElement")
        if "attributeOptionCombo" in entry:
            check_uid(entry["attributeOptionCombo"], f"{path}.attributeOptionCombo")
        combos = entry.get("categoryOptionCombos")
        if not isinstance(combos, list) or not combos:
            problem(
                "no_combos",
                f"{path}.categoryOptionCombos",
                "categoryOptionCombos must list at least one combination (keys {} for the total).",
            )
            continue
        seen: dict[tuple[tuple[str, str], ...], int] = {}
        for i, combo in enumerate(combos):
            combo_path = f"{path}.categoryOptionCombos[{i}]"
            if not isinstance(combo, Mapping) or not isinstance(combo.get("keys"), Mapping):
                problem(
                    "malformed_combo",
                    combo_path,
                    'Each combination is {"keys": {...}, "id": "..."}.',
                )
                continue
            check_uid(combo.get("id"), f"{combo_path}.id")
            for dimension, key in combo["keys"].items():
                if dimension not in known_dimensions:
                    problem(
                        "unknown_dimension",
                        f"{combo_path}.keys.{dimension}",
                        f"There is no disaggregation {dimension!r}.",
                        dimension=dimension,
                    )
                elif key not in known_dimensions[dimension]:
                    problem(
                        "unknown_key",
                        f"{combo_path}.keys.{dimension}",
                        f"{key!r} is not a key of the disaggregation {dimension!r}.",
                        dimension=dimension,
                        key=key,
                    )
            signature = _signature(combo["keys"])
            if signature in seen:
                problem(
                    "duplicate_combo",
                    combo_path,
                    f"The same keys as categoryOptionCombos[{seen[signature]}].",
                    index=seen[signature],
                )
            seen[signature] = i
    return problems


def _signature(categories: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((str(k), str(v)) for k, v in categories.items()))


# ---- the document ---------------------------------------------------------------------


def data_value_set(values: Iterable[DataValue], mapping: Mapping[str, Any]) -> dict[str, Any]:
    """The `dataValueSets` document of `values` through a valid `mapping` (check it first
    with `validate_mapping`). Withheld values (any string) are left out; Dhis2Error for a value
    the mapping cannot place."""
    default_attribute = mapping.get("attributeOptionCombo")
    combos = {
        code: {_signature(c["keys"]): c["id"] for c in entry["categoryOptionCombos"]}
        for code, entry in mapping["indicators"].items()
    }
    data_values = []
    for item in values:
        if isinstance(item.value, str):
            continue
        entry = mapping["indicators"].get(item.indicator)
        if entry is None:
            raise Dhis2Error(
                "unmapped_indicator",
                f"The DHIS2 mapping has no indicator {item.indicator!r}.",
                indicator=item.indicator,
            )
        org_unit = mapping["orgUnits"].get(item.org_unit)
        if org_unit is None:
            raise Dhis2Error(
                "unmapped_org_unit",
                f"The DHIS2 mapping has no organisation unit for {item.org_unit!r}.",
                org_unit=item.org_unit,
            )
        combo = combos[item.indicator].get(_signature(item.categories))
        if combo is None:
            described = (
                ", ".join(f"{k}={v}" for k, v in sorted(item.categories.items())) or "the total"
            )
            raise Dhis2Error(
                "unmapped_combo",
                f"The DHIS2 mapping of {item.indicator!r} has no category option combo"
                f" for {described}.",
                indicator=item.indicator,
                categories=described,
            )
        row = {
            "dataElement": entry["dataElement"],
            "period": item.period,
            "orgUnit": org_unit,
            "categoryOptionCombo": combo,
        }
        attribute = entry.get("attributeOptionCombo", default_attribute)
        if attribute is not None:
            row["attributeOptionCombo"] = attribute
        row["value"] = _number(item.value)
        data_values.append(row)
    return {"dataValues": data_values}


def _number(value: int | Decimal) -> str:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise Dhis2Error("not_a_number", f"{value!r} is not a number.", value=repr(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise Dhis2Error("not_a_number", f"{value!r} is not a number.", value=repr(value))
        # DHIS2 reads plain decimals; no exponent, no trailing zeros.
        text = format(value.normalize(), "f")
        return text
    return str(value)


def values_from_cells(
    indicator: str,
    period_name: str,
    dimensions: Sequence[str],
    cells: Mapping[tuple[str, ...], int | Decimal | str],
    *,
    org_unit: str | None = None,
    org_unit_dimension: str | None = None,
) -> list[DataValue]:
    """The data values of one table of an indicator (its cells keyed by one key per
    dimension, as the indicator engine returns them): the organisation unit is either fixed
    (`org_unit`) or read from one of the dimensions (`org_unit_dimension`, such as
    "governorate"), and the other dimensions are the categories."""
    if (org_unit is None) == (org_unit_dimension is None):
        raise ValueError("give either org_unit or org_unit_dimension")
    place = dimensions.index(org_unit_dimension) if org_unit_dimension is not None else None
    result = []
    for key, value in cells.items():
        categories = {
            d: k for i, (d, k) in enumerate(zip(dimensions, key, strict=True)) if i != place
        }
        unit = key[place] if place is not None else org_unit
        result.append(DataValue(indicator, period_name, unit, categories, value))  # type: ignore[arg-type]
    return result
