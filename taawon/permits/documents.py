"""The documents an application needs, by kind of permit: a small registry.

The ministry's list changes from time to time (the medical certificate came and went); it is
data here, not code in the services. Codes are stored on the permit, labels are shown.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .models import PermitKind

DOCUMENTS: dict[str, object] = {
    "identity": _("Identity document (Ministry of Interior service card or passport)"),
    "unhcr_certificate": _("UNHCR registration certificate"),
    "photo": _("Personal photograph"),
    "medical": _("Medical examination certificate"),
    "cooperative_letter": _("Cooperative's request letter"),
    "employer_contract": _("Employer's contract or commitment letter"),
}

REQUIRED: dict[str, tuple[str, ...]] = {
    PermitKind.FLEXIBLE: ("identity", "photo", "medical", "cooperative_letter"),
    PermitKind.EMPLOYER: ("identity", "photo", "medical", "employer_contract"),
}


def label(code: str) -> str:
    return str(DOCUMENTS.get(code, code))


def checklist(kind: str, received: list[str]) -> list[tuple[str, str, bool, bool]]:
    """(code, label, required, received) for every document, the required ones first."""
    required = REQUIRED.get(kind, ())
    codes = [*required, *(code for code in DOCUMENTS if code not in required)]
    return [(code, label(code), code in required, code in received) for code in codes]


def missing(kind: str, received: list[str]) -> list[str]:
    return [code for code in REQUIRED.get(kind, ()) if code not in received]
