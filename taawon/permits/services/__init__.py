"""Every change to work permits. `lifecycle` is one permit's life, `reminders` the expiry
messages, `imports` the ministry's spreadsheets; the names below are what the views, the API,
the command line and the tasks call."""

from .lifecycle import (
    TRANSITIONS,
    cancel_permit,
    create_application,
    issue_permit,
    reject_permit,
    renew_permit,
    set_documents,
    submit_application,
)

__all__ = [
    "TRANSITIONS",
    "cancel_permit",
    "create_application",
    "issue_permit",
    "reject_permit",
    "renew_permit",
    "set_documents",
    "submit_application",
]
