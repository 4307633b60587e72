"""Forms of the permit pages (the import's forms are in forms/imports.py)."""

from .permits import (
    ApplicationForm,
    CancelForm,
    DocumentsForm,
    ExpiringForm,
    IssueForm,
    PermitFilterForm,
    RejectForm,
    RenewForm,
    ReportForm,
    SubmitForm,
)

__all__ = [
    "ApplicationForm",
    "CancelForm",
    "DocumentsForm",
    "ExpiringForm",
    "IssueForm",
    "PermitFilterForm",
    "RejectForm",
    "RenewForm",
    "ReportForm",
    "SubmitForm",
]
