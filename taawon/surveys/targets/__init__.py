"""Registry targets an approved submission feeds: a small registry in code, like the message
backends. Each entry is its own module with `PARAMETERS` (what it needs) and
`apply(params, *, submission, by, decision) -> Outcome`; which form field feeds which
parameter is data (`SurveyForm.mapping`: parameter -> question path).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module

from django.utils.translation import gettext_lazy as _

from taawon.core.exceptions import ValidationFailed

from .. import xforms

TARGETS: dict[str, tuple[str, object]] = {
    "person_job_seeker": (
        "taawon.surveys.targets.person_job_seeker",
        _("Person and job seeker"),
    ),
    "farm_visit": ("taawon.surveys.targets.farm_visit", _("Farm visit")),
}


@dataclass
class Outcome:
    records: dict = field(default_factory=dict)
    waiting: bool = False
    candidates: list = field(default_factory=list)


def choices() -> list[tuple[str, object]]:
    return [("", _("Nothing (kept as a survey)")), *((k, v[1]) for k, v in TARGETS.items())]


def module(target: str):
    return import_module(TARGETS[target][0])


def parameters(submission, mapping: dict[str, str]) -> dict[str, object]:
    return {param: xforms.value_at(submission.data, path) for param, path in mapping.items()}


def check_mapping(target: str, mapping: dict[str, str], schema: dict) -> None:
    """Refuse a mapping that names an unknown parameter or question."""
    if not target:
        return
    if target not in TARGETS:
        raise ValidationFailed(field_errors={"target": [_("Unknown target.")]})
    known = {q.path for q in xforms.questions(schema)}
    allowed = set(module(target).PARAMETERS)
    errors: dict[str, list[str]] = {}
    for param, path in mapping.items():
        if param not in allowed:
            errors.setdefault("mapping", []).append(
                _("%(name)s: not a parameter of this target") % {"name": param}
            )
        if path not in known:
            errors.setdefault("mapping", []).append(
                _("%(name)s: not a question of the form") % {"name": path}
            )
    if errors:
        raise ValidationFailed(field_errors=errors)


def apply(submission, *, by, decision: str = "") -> Outcome:
    form = submission.form
    if not form.target:
        return Outcome()
    params = parameters(submission, form.mapping)
    return module(form.target).apply(params, submission=submission, by=by, decision=decision)
