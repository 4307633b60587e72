"""Every change to the logframe and to the reporting period locks."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from taawon.accounts.models import Organisation, User
from taawon.core import audit
from taawon.core.exceptions import PermissionDenied, ValidationFailed

from . import registry, rules
from .models import LogframeItem, PeriodLock, Target

MAX_VALUE = Decimal("999999999999.99")


def _check_planner(user: User | None, organisation_id: int) -> None:
    if not rules.may_plan(user, organisation_id):
        raise PermissionDenied(_("You may not plan or lock the reporting of this organisation."))


def _number(value, field: str, errors: dict, *, required: bool) -> Decimal | None:
    if value in (None, ""):
        if required:
            errors[field] = [_("Enter a number.")]
        return None
    try:
        number = Decimal(str(value).strip().replace(",", ""))
    except (InvalidOperation, ValueError):
        errors[field] = [_("Enter a number.")]
        return None
    if not number.is_finite() or number < 0 or number > MAX_VALUE:
        errors[field] = [_("Enter a number from 0 to 999,999,999,999.")]
        return None
    return number.quantize(Decimal("0.01"))


def _period(start, end, errors: dict) -> None:
    if not isinstance(start, datetime.date):
        errors["start"] = [_("Give the first day of the period.")]
    if not isinstance(end, datetime.date):
        errors["end"] = [_("Give the last day of the period.")]
    if isinstance(start, datetime.date) and isinstance(end, datetime.date) and end < start:
        errors["end"] = [_("The period ends before it starts.")]


@transaction.atomic
def create_logframe_item(
    *,
    owner: Organisation,
    level: str,
    indicator_code: str,
    title_en: str,
    created_by: User | None,
    title_ar: str = "",
    baseline_value=None,
    baseline_date: datetime.date | None = None,
) -> LogframeItem:
    """A line of `owner`'s logframe measuring the registered indicator `indicator_code`."""
    _check_planner(created_by, owner.pk)
    errors: dict[str, list[str]] = {}
    if level not in LogframeItem.Level.values:
        errors["level"] = [_("Choose outcome or output.")]
    if registry.get(indicator_code) is None:
        errors["indicator_code"] = [_("Choose one of the indicators.")]
    title_en = (title_en or "").strip()
    if not title_en:
        errors["title_en"] = [_("Give the item a title.")]
    baseline = _number(baseline_value, "baseline_value", errors, required=False)
    if errors:
        raise ValidationFailed(field_errors=errors)
    item = LogframeItem.objects.create(
        owner=owner,
        level=level,
        indicator_code=indicator_code,
        title_en=title_en[:300],
        title_ar=(title_ar or "").strip()[:300],
        baseline_value=baseline,
        baseline_date=baseline_date,
        created_by=created_by,
        updated_by=created_by,
    )
    audit.record_create(created_by, item)
    return item


@transaction.atomic
def set_target(
    *,
    item: LogframeItem,
    start: datetime.date,
    end: datetime.date,
    value,
    set_by: User | None,
) -> Target:
    """`item`'s target over [start, end] (replacing the one it had for that period)."""
    _check_planner(set_by, item.owner_id)
    errors: dict[str, list[str]] = {}
    _period(start, end, errors)
    number = _number(value, "value", errors, required=True)
    if errors:
        raise ValidationFailed(field_errors=errors)
    target, created = Target.objects.update_or_create(
        item=item, start=start, end=end, defaults={"value": number, "created_by": set_by}
    )
    audit.record(
        actor=set_by,
        action="create" if created else "update",
        obj=item,
        changes={"target": [str(start), str(end), str(number)]},
    )
    return target


@transaction.atomic
def lock_period(
    *, organisation: Organisation, start: datetime.date, end: datetime.date, locked_by: User | None
) -> PeriodLock:
    """Lock [start, end] for `organisation` and the organisations under it: reported."""
    _check_planner(locked_by, organisation.pk)
    errors: dict[str, list[str]] = {}
    _period(start, end, errors)
    if errors:
        raise ValidationFailed(field_errors=errors)
    overlapping = PeriodLock.objects.filter(
        organisation=organisation, start__lte=end, end__gte=start
    )
    if overlapping.exists():
        raise ValidationFailed(field_errors={"start": [_("A locked period overlaps this one.")]})
    lock = PeriodLock.objects.create(
        organisation=organisation, start=start, end=end, locked_by=locked_by
    )
    audit.record_create(locked_by, lock)
    return lock


@transaction.atomic
def unlock_period(*, lock: PeriodLock, unlocked_by: User | None) -> None:
    _check_planner(unlocked_by, lock.organisation_id)
    audit.record(
        actor=unlocked_by,
        action="delete",
        obj=lock,
        changes={"period": [str(lock.start), str(lock.end)]},
    )
    lock.delete()
