"""The rules of a permit's own values, with no database: what the lifecycle's services and the
ministry's import both hold a permit to, written once here.

Each function states a fact; its callers word the error their own way (a form field's
message in the services, a coded row error in the import).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

NUMBER_MAX_LENGTH = 40


def normalise_permit_number(value: object) -> str:
    """How permit numbers are stored and compared: no spaces, upper case ("wp 001" = "WP001")."""
    return "".join(str(value or "").split()).upper()


def in_future(day: datetime.date, today: datetime.date) -> bool:
    """A permit is not issued, nor a holder born, after today."""
    return day > today


def expires_after_issue(issued_on: datetime.date, expires_on: datetime.date) -> bool:
    """A permit ends after the day it is issued (the database holds it too)."""
    return expires_on > issued_on


def renewal_ends_later(
    expires_on: datetime.date, previous_expires_on: datetime.date | None
) -> bool:
    """A renewal ends after the permit it renews."""
    return previous_expires_on is None or expires_on > previous_expires_on


@dataclass(frozen=True, slots=True)
class Term:
    """When an issued permit is valid: its number, first and last day, and the number of the
    permit it renews (None if it renews none)."""

    number: str
    start: datetime.date
    end: datetime.date
    renews: str | None = None


def overlap(term: Term, others: Iterable[Term]) -> Term | None:
    """The earliest of `others` valid on a day `term` is: two permits of one person may not be
    active on the same days, but for a renewal and the permit it renews (a renewal is issued
    before the permit it renews ends)."""
    for other in sorted(others, key=lambda t: (t.start, t.number)):
        if term.renews is not None and term.renews == other.number:
            continue
        if other.renews is not None and other.renews == term.number:
            continue
        if other.start <= term.end and other.end >= term.start:
            return other
    return None
