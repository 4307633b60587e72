"""Surveys indicators, registered with the indicator engine: submissions received and
approved, by unit (the owner) and period like every indicator."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from taawon.indicators.registry import COUNT_ROWS, EVENTS, Indicator, register

from .models import ReviewStatus, Submission


def _received():
    return Submission.objects.all()


def _approved():
    return Submission.objects.filter(status=ReviewStatus.APPROVED)


def register_indicators() -> None:
    register(
        Indicator(
            code="survey_submissions_received",
            name=_("Survey submissions received"),
            definition=_(
                "Submissions of survey forms received in the period (from ODK Collect), each "
                "instance counted once whatever the number of times it was sent."
            ),
            unit=EVENTS,
            rows=_received,
            date="received_at",
            measure=COUNT_ROWS,
            list_url="surveys:submission_list",
            order=300,
        )
    )
    register(
        Indicator(
            code="survey_submissions_approved",
            name=_("Survey submissions approved"),
            definition=_("Submissions received in the period and approved by a reviewer."),
            unit=EVENTS,
            rows=_approved,
            date="received_at",
            measure=COUNT_ROWS,
            list_url="surveys:submission_list",
            order=301,
        )
    )
