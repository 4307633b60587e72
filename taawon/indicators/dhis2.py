"""The indicators of a month, quarter or year as a DHIS2 `dataValueSets` document, through the
mapping file the setting `DHIS2_MAPPING` (TAAWON_DHIS2_MAPPING) names (taawon.lib.dhis2 and
docs/dhis2-mapping.example.json).

The mapping's `orgUnits` keys are governorate ISO codes (each governorate's figures) or the
viewer's country code (the country's figures). Every figure is counted in the exporter's own
scope by the indicator engine; only programme officers and managers of a country office (and
system administrators) may export (`may_export`), so figures leave as counted, not suppressed:
DHIS2 takes numbers only.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taawon.accounts import scoping
from taawon.accounts.models import Membership, Organisation
from taawon.core.exceptions import ValidationFailed
from taawon.lib import dhis2

from . import access, registry
from .dimensions import DIMENSIONS
from .engine import compute

EXPORT_ROLES = frozenset({Membership.Role.MANAGER, Membership.Role.ADMINISTRATOR})


class MappingInvalid(ValidationFailed):
    code = "dhis2_mapping_invalid"
    default_message = gettext_lazy("The DHIS2 mapping cannot be used.")


def may_export(user) -> bool:
    """Programme officers and managers of a country office, and system administrators."""
    if getattr(user, "is_superuser", False):
        return True
    return any(
        m.role in EXPORT_ROLES and m.organisation.kind == Organisation.Kind.COUNTRY_OFFICE
        for m in scoping.memberships(user)
    )


def load_mapping(path: str | None = None) -> Any:
    """The mapping file's JSON; MappingInvalid when none is set or it cannot be read."""
    path = path if path is not None else settings.DHIS2_MAPPING
    if not path:
        raise MappingInvalid(
            _("No DHIS2 mapping is configured (the setting TAAWON_DHIS2_MAPPING)."),
            field_errors={"mapping": [_("Set TAAWON_DHIS2_MAPPING to the mapping's JSON file.")]},
        )
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise MappingInvalid(
            field_errors={"mapping": [_("The mapping file cannot be read as JSON: %s") % error]}
        ) from error


# The mapping's problems in the reader's language, by their stable code (lib/dhis2.py words
# them in English, with no Django); a code missing here falls back to that English.
PROBLEMS = {
    "not_an_object": gettext_lazy("The mapping must be a JSON object."),
    "entry_not_an_object": gettext_lazy("Each indicator must be a JSON object."),
    "unknown_field": gettext_lazy("Unknown field “%(field)s”."),
    "malformed_uid": gettext_lazy(
        "“%(value)s” is not a DHIS2 identifier (11 characters, a letter then letters or digits)."
    ),
    "no_org_units": gettext_lazy("orgUnits must name at least one organisation unit."),
    "no_indicators": gettext_lazy("indicators must name at least one indicator."),
    "unknown_indicator": gettext_lazy("There is no indicator “%(indicator)s”."),
    "missing_data_element": gettext_lazy("The indicator has no dataElement."),
    "no_combos": gettext_lazy(
        "categoryOptionCombos must list at least one combination (keys {} for the total)."
    ),
    "malformed_combo": gettext_lazy('Each combination is {"keys": {...}, "id": "..."}.'),
    "unknown_dimension": gettext_lazy("There is no disaggregation “%(dimension)s”."),
    "unknown_key": gettext_lazy("“%(key)s” is not a key of the disaggregation “%(dimension)s”."),
    "duplicate_combo": gettext_lazy("The same keys as categoryOptionCombos[%(index)s]."),
}


def translated(problem: dhis2.MappingProblem) -> str:
    """`problem` as "path: message" in the active language."""
    template = PROBLEMS.get(problem.code)
    if template is None:
        return str(problem)
    try:
        message = str(template) % problem.params if problem.params else str(template)
    except (KeyError, TypeError, ValueError):
        return str(problem)
    return f"{problem.path}: {message}" if problem.path else message


def problems(mapping: Any, user) -> list[str]:
    """Everything wrong with `mapping` for `user`'s country, as "path: message" lines."""
    today = datetime.date.today()
    probe = registry.all_indicators()[0]
    viewer = access.viewer(user, probe)
    known = {
        code: {k for k, _label in d.keys(today, today, viewer)}
        for code, d in DIMENSIONS.items()
        if not d.period
    }
    found = [
        translated(p) for p in dhis2.validate_mapping(mapping, set(registry.INDICATORS), known)
    ]
    places = known["governorate"] | set(viewer.countries)
    org_units = mapping.get("orgUnits") if isinstance(mapping, dict) else None
    for key in org_units or {}:
        if key not in places:
            found.append(
                _("orgUnits.%(key)s: not a governorate code or the country's code.") % {"key": key}
            )
    return found


def export(user, *, start, end, mapping: Any | None = None) -> dict[str, Any]:
    """The dataValueSets document of [start, end] (a whole month, quarter or year).
    MappingInvalid (400) for a mapping with problems, IndicatorError for a bad period."""
    mapping = load_mapping() if mapping is None else mapping
    found = problems(mapping, user)
    if found:
        raise MappingInvalid(field_errors={"mapping": found})
    values: list[dhis2.DataValue] = []
    period_name = None
    countries = set(access.viewer(user, registry.all_indicators()[0]).countries)
    for code, entry in mapping["indicators"].items():
        groups: dict[tuple[str, ...], list[dict]] = {}
        for combo in entry["categoryOptionCombos"]:
            groups.setdefault(tuple(sorted(combo["keys"])), []).append(combo["keys"])
        for place in mapping["orgUnits"]:
            filters = {} if place in countries else {"governorate": place}
            for dimensions, wanted in groups.items():
                table = compute(user, code, start=start, end=end, by=dimensions, filters=filters)
                if period_name is None:
                    period_name = _period(table.start, table.end)
                mapped = {tuple(keys[d] for d in dimensions) for keys in wanted}
                cells = {k: v for k, v in table.cells.items() if k in mapped}
                values += dhis2.values_from_cells(
                    code, period_name, dimensions, cells, org_unit=place
                )
    return dhis2.data_value_set(values, mapping)


def _period(start: datetime.date, end: datetime.date) -> str:
    try:
        return dhis2.period(start, end)
    except dhis2.Dhis2Error as error:
        raise ValidationFailed(
            field_errors={"start": [_("Export a whole month, quarter or year to DHIS2.")]}
        ) from error
