"""Every change to training: planning an event, its facilitators and participants,
attendance (ticked, or from an uploaded sheet after its dry run), test scores, completion,
certificates and the trainers a training of trainers certifies. Each validates, runs in one
transaction, writes the audit trail and raises a domain error naming the field on bad input,
writing nothing."""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from taawon.accounts.models import Organisation, User
from taawon.core import audit, validation
from taawon.core.exceptions import Conflict, ValidationFailed
from taawon.grants import queries as grants_queries
from taawon.lib.tabular import FileError
from taawon.people.models import Person

from . import rules, sheets
from .completion import completes
from .models import (
    Attendance,
    AttendanceImport,
    CertifiedTrainer,
    Course,
    Event,
    EventKind,
    Facilitator,
    Language,
    Mode,
    Participant,
    Role,
    SessionDay,
)

MAX_EVENT_DAYS = 62
MAX_TEXT = 200
# No 0/O, 1/I/L: a code is read off paper and typed.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10


def _text(value: str, field: str, errors: dict, *, limit: int = MAX_TEXT) -> str:
    text = validation.clean_text(value or "", errors=errors, field=field).strip()
    if len(text) > limit:
        errors[field] = [_("Enter at most %(n)s characters.") % {"n": limit}]
    return text


def _fail(errors: Mapping[str, list[str]]) -> None:
    if errors:
        raise ValidationFailed(field_errors=errors)


# ---- Events ---------------------------------------------------------------------------------


@transaction.atomic
def plan_event(
    *,
    owner: Organisation,
    course: Course,
    kind: str,
    mode: str,
    start_date: datetime.date,
    end_date: datetime.date,
    language: str = Language.ARABIC,
    title: str = "",
    place: str = "",
    platform: str = "",
    organiser: str = "",
    partner: str = "",
    planned_participants: int = 0,
    session_days: Iterable[datetime.date] | None = None,
    by: User | None,
) -> Event:
    """Plan an event of `course`; it meets every day from the first to the last unless
    `session_days` names the days (each within those dates)."""
    rules.check_run_for(by, owner.pk)
    errors: dict[str, list[str]] = {}
    if kind not in EventKind.values:
        errors["kind"] = [_("Choose a valid option.")]
    if mode not in Mode.values:
        errors["mode"] = [_("Choose a valid option.")]
    if language not in Language.values:
        errors["language"] = [_("Choose a valid option.")]
    if course is None or not course.is_active:
        errors["course"] = [_("Choose a course of the catalogue.")]
    values = {
        name: _text(value, name, errors)
        for name, value in (
            ("title", title),
            ("place", place),
            ("platform", platform),
            ("organiser", organiser),
            ("partner", partner),
        )
    }
    if mode in (Mode.IN_PERSON, Mode.BLENDED) and not values["place"] and "place" not in errors:
        errors["place"] = [_("Say where the event takes place.")]
    if mode in (Mode.ONLINE, Mode.BLENDED) and not values["platform"] and "platform" not in errors:
        errors["platform"] = [_("Say on which platform the event is held.")]
    if planned_participants is None or not 0 <= planned_participants <= 10_000:
        errors["planned_participants"] = [_("Give a number from 0 to 10,000.")]
    days: list[datetime.date] = []
    if start_date is None:
        errors["start_date"] = [_("Give the first day.")]
    if end_date is None:
        errors["end_date"] = [_("Give the last day.")]
    if start_date is not None and end_date is not None:
        if end_date < start_date:
            errors["end_date"] = [_("The last day cannot be before the first.")]
        elif (end_date - start_date).days >= MAX_EVENT_DAYS:
            errors["end_date"] = [
                _("An event lasts at most %(n)s days; plan a longer course as several events.")
                % {"n": MAX_EVENT_DAYS}
            ]
        elif session_days is None:
            days = [
                start_date + datetime.timedelta(days=n)
                for n in range((end_date - start_date).days + 1)
            ]
        else:
            days = sorted(set(session_days))
            if not days:
                errors["session_days"] = [_("Choose at least one session day.")]
            elif days[0] < start_date or days[-1] > end_date:
                errors["session_days"] = [_("Every session day must be within the event's dates.")]
    _fail(errors)
    event = Event.objects.create(
        owner=owner,
        course=course,
        kind=kind,
        mode=mode,
        language=language,
        start_date=start_date,
        end_date=end_date,
        planned_participants=planned_participants,
        created_by=by,
        updated_by=by,
        **values,
    )
    SessionDay.objects.bulk_create(SessionDay(event=event, date=day) for day in days)
    audit.record_create(by, event)
    return event


@transaction.atomic
def add_facilitator(
    *,
    event: Event,
    person: Person | None = None,
    user: User | None = None,
    uncertified_reason: str = "",
    by: User | None,
) -> Facilitator:
    """A person of the registry (a trainer) or a staff member leads `event`. A person not
    certified for the course (by its training of trainers) leads it only with a reason."""
    rules.check_change(by, event)
    errors: dict[str, list[str]] = {}
    reason = _text(uncertified_reason, "uncertified_reason", errors, limit=500)
    if (person is None) == (user is None):
        errors["person"] = [_("Choose a trainer from the registry or a staff member, not both.")]
    elif person is not None:
        if event.facilitators.filter(person=person).exists():
            errors["person"] = [_("This person facilitates the event already.")]
        elif not CertifiedTrainer.objects.filter(person=person, course=event.course_id).exists():
            if not reason and "uncertified_reason" not in errors:
                errors["uncertified_reason"] = [
                    _(
                        "This person is not certified to train %(course)s (they have not "
                        "completed its training of trainers); record why they lead it anyway."
                    )
                    % {"course": event.course.display_name}
                ]
        else:
            reason = ""
    elif user is not None:
        if not user.is_active:
            errors["user"] = [_("Choose a valid option.")]
        elif event.facilitators.filter(user=user).exists():
            errors["user"] = [_("This staff member facilitates the event already.")]
        reason = ""
    _fail(errors)
    facilitator = Facilitator.objects.create(
        event=event, person=person, user=user, uncertified_reason=reason
    )
    audit.record_create(by, facilitator)
    return facilitator


@transaction.atomic
def add_participant(
    *,
    event: Event,
    person: Person,
    cooperative=None,
    venture=None,
    role: str = Role.MEMBER,
    by: User | None,
) -> Participant:
    """`person` takes part in `event`, for the cooperative or the funded venture (a grants
    award the user reads) they represent, in their role there."""
    rules.check_change(by, event)
    errors: dict[str, list[str]] = {}
    if person is None:
        errors["person"] = [_("Choose a person of the registry.")]
    elif person.status != Person.Status.ACTIVE:
        errors["person"] = [_("This record is not active in the registry.")]
    elif event.participants.filter(person=person).exists():
        errors["person"] = [_("This person is a participant of the event already.")]
    if role not in Role.values:
        errors["role"] = [_("Choose a valid option.")]
    if cooperative is not None and getattr(cooperative, "is_archived", False):
        errors["cooperative"] = [_("This cooperative is archived.")]
    # None is the system (demo, imports): it links any venture.
    if (
        venture is not None
        and by is not None
        and not grants_queries.awards_for(by).filter(pk=venture.pk).exists()
    ):
        errors["venture"] = [_("Choose a funded venture you may read.")]
    _fail(errors)
    participant = Participant.objects.create(
        event=event,
        person=person,
        cooperative=cooperative,
        venture=venture,
        role=role,
        added_by=by,
    )
    audit.record(actor=by, action="create", obj=participant, changes={"event": [None, event.pk]})
    return participant


# ---- Attendance, scores, completion ---------------------------------------------------------


def _outside(event: Event, dates: Iterable[datetime.date], days: dict) -> list[datetime.date]:
    return sorted(d for d in dates if d not in days)


@transaction.atomic
def record_attendance(
    *,
    event: Event,
    present: Mapping[int, Iterable[datetime.date]],
    by: User | None,
) -> int:
    """Set who was present on which session day: for each participant id in `present`, the
    dates given replace what was recorded. A date that is not one of the event's session days
    refuses the whole entry. Returns how many participants' completion was recomputed."""
    rules.check_change(by, event)
    event = Event.objects.select_for_update().get(pk=event.pk)
    days = {day.date: day for day in event.days.all()}
    participants = {p.pk: p for p in event.participants.select_related("event__course")}
    errors: dict[str, list[str]] = {}
    wanted: dict[int, set[datetime.date]] = {}
    for participant_id, dates in present.items():
        if participant_id not in participants:
            errors.setdefault("participant", []).append(
                _("%(id)s is not a participant of this event.") % {"id": participant_id}
            )
            continue
        dates = set(dates)
        outside = _outside(event, dates, days)
        if outside:
            errors.setdefault("attendance", []).append(
                _(
                    "%(date)s is outside the event's session days (%(start)s to %(end)s); "
                    "nothing was recorded."
                )
                % {
                    "date": outside[0].isoformat(),
                    "start": event.start_date.isoformat(),
                    "end": event.end_date.isoformat(),
                }
            )
            continue
        wanted[participant_id] = dates
    _fail(errors)
    for participant_id, dates in wanted.items():
        participant = participants[participant_id]
        before = set(participant.attendance.values_list("day__date", flat=True))
        if before == dates:
            continue
        Attendance.objects.filter(participant=participant).exclude(
            day__date__in=sorted(dates)
        ).delete()
        Attendance.objects.bulk_create(
            Attendance(participant=participant, day=days[d]) for d in sorted(dates - before)
        )
        audit.record(
            actor=by,
            action="update",
            obj=participant,
            changes={
                "attendance": [
                    sorted(d.isoformat() for d in before),
                    sorted(d.isoformat() for d in dates),
                ]
            },
        )
    for participant_id in wanted:
        _recompute(participants[participant_id], by=by, session_days=len(days))
    return len(wanted)


def _score(value, field: str, scale: Decimal, errors: dict) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        score = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        errors[field] = [_("Enter a number.")]
        return None
    if not score.is_finite() or score < 0 or score > scale:
        errors[field] = [
            _("The score must be from 0 to %(max)s, the test's scale.") % {"max": _plain(scale)}
        ]
        return None
    if score.as_tuple().exponent < -2:
        errors[field] = [_("Give the score with at most 2 decimals.")]
        return None
    return score


def _plain(number: Decimal) -> str:
    return format(number.normalize(), "f")


@transaction.atomic
def record_scores(
    *, participant: Participant, pre_score=None, post_score=None, by: User | None
) -> Participant:
    """The participant's pre- and post-test scores (out of the course's scale); the gain is
    their difference. A blank score is not taken yet."""
    rules.check_change(by, participant.event)
    participant = (
        Participant.objects.select_for_update()
        .select_related("event__course")
        .get(pk=participant.pk)
    )
    scale = participant.event.course.score_max
    errors: dict[str, list[str]] = {}
    pre = _score(pre_score, "pre_score", scale, errors)
    post = _score(post_score, "post_score", scale, errors)
    _fail(errors)
    before = audit.snapshot(participant, ["pre_score", "post_score"])
    participant.pre_score = pre
    participant.post_score = post
    participant.save(update_fields=["pre_score", "post_score"])
    audit.record_update(by, participant, before)
    return _recompute(participant, by=by)


def _recompute(
    participant: Participant, *, by: User | None, session_days: int | None = None
) -> Participant:
    """Completion from attendance and the post-test score, by the course's rule; completing
    a training of trainers certifies the person as a trainer of the course."""
    event = participant.event
    course = event.course
    if session_days is None:
        session_days = event.days.count()
    attended = participant.attendance.count()
    done = completes(
        days_attended=attended,
        session_days=session_days,
        min_attendance_percent=course.min_attendance_percent,
        post_score=participant.post_score,
        min_post_score=course.min_post_score,
    )
    if participant.certificate_code and not done:
        raise Conflict(
            _(
                "A certificate was issued to this participant: the change would undo their "
                "completion, so nothing was recorded."
            )
        )
    changed = (participant.days_attended, participant.completed) != (attended, done)
    participant.days_attended = attended
    participant.completed = done
    if changed:
        participant.save(update_fields=["days_attended", "completed"])
    if event.kind == EventKind.TOT:
        held = CertifiedTrainer.objects.filter(person=participant.person_id, course=course)
        if done and not held.exists():
            trainer = CertifiedTrainer.objects.create(
                person_id=participant.person_id,
                course=course,
                tot_event=event,
                certified_on=event.end_date,
            )
            audit.record_create(by, trainer)
        elif not done:
            for trainer in held.filter(tot_event=event):
                audit.record(actor=by, action="delete", obj=trainer)
                trainer.delete()
    return participant


# ---- Certificates ---------------------------------------------------------------------------


def _new_code() -> str:
    body = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"TC-{body[:5]}-{body[5:]}"


@transaction.atomic
def issue_certificate(
    *, participant: Participant, by: User | None, issued_on: datetime.date | None = None
) -> Participant:
    """Give a participant who completed the event a certificate and its verification code
    (once: a second call returns the one issued). `issued_on`: today unless given (the demo
    dates its certificates at the end of their events)."""
    rules.check_change(by, participant.event)
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if participant.certificate_code:
        return participant
    if not participant.completed:
        raise ValidationFailed(
            field_errors={
                "participant": [
                    _(
                        "%(name)s has not completed the course (attendance or post-test below "
                        "its rule): no certificate can be issued."
                    )
                    % {"name": participant.person.display_name}
                ]
            }
        )
    for _attempt in range(5):
        try:
            with transaction.atomic():
                participant.certificate_code = _new_code()
                participant.certificate_issued_on = issued_on or timezone.localdate()
                participant.save(update_fields=["certificate_code", "certificate_issued_on"])
            break
        except IntegrityError:
            continue
    else:  # pragma: no cover - 31^10 codes
        raise Conflict()
    audit.record(
        actor=by,
        action="update",
        obj=participant,
        changes={"certificate_issued_on": [None, participant.certificate_issued_on.isoformat()]},
    )
    return participant


def issue_certificates(
    *, event: Event, by: User | None, issued_on: datetime.date | None = None
) -> int:
    """A certificate for every participant of `event` who completed and has none yet."""
    rules.check_change(by, event)
    issued = 0
    for participant in event.participants.filter(completed=True, certificate_code__isnull=True):
        issue_certificate(participant=participant, by=by, issued_on=issued_on)
        issued += 1
    return issued


# ---- The filled attendance sheet ------------------------------------------------------------


def _file_message(error: FileError) -> str:
    from taawon.permits.importing.messages import message_for

    return message_for(error)


@transaction.atomic
def upload_attendance_sheet(
    *, event: Event, name: str, data: bytes, by: User | None
) -> AttendanceImport:
    """Check a filled sheet against `event` (the dry run): what it would record and every
    error, kept with the file; nothing of the attendance is written."""
    rules.check_change(by, event)
    errors: dict[str, list[str]] = {}
    name = _text(name, "file", errors)
    if not data:
        errors["file"] = [_("The file is empty.")]
    _fail(errors)
    try:
        plan = _plan(event, name, data)
    except FileError as error:
        raise ValidationFailed(field_errors={"file": [_file_message(error)]}) from None
    batch = AttendanceImport.objects.create(
        owner_id=event.owner_id,
        event=event,
        file_name=name,
        data=data,
        state=AttendanceImport.State.FAILED if plan.errors else AttendanceImport.State.CHECKED,
        summary=_summary(event, plan),
        errors=[{"row": e.row, "column": e.column, "message": str(e.message)} for e in plan.errors],
        created_by=by,
        updated_by=by,
    )
    audit.record_create(by, batch, sensitive=("data",))
    return batch


def _plan(event: Event, name: str, data: bytes) -> sheets.SheetPlan:
    return sheets.read_sheet(
        name,
        bytes(data),
        event=event,
        participant_ids=set(event.participants.values_list("pk", flat=True)),
        session_days=set(event.days.values_list("date", flat=True)),
    )


def _summary(event: Event, plan: sheets.SheetPlan) -> dict:
    days = event.days.count()
    return {
        "participants": len(plan.present),
        "marks": plan.marks,
        "absences": len(plan.present) * days - plan.marks,
        "days": days,
    }


@transaction.atomic
def commit_attendance_sheet(*, batch: AttendanceImport, by: User | None) -> AttendanceImport:
    """Write the checked sheet's attendance, all of it or, on any error, nothing."""
    batch = AttendanceImport.objects.select_for_update().select_related("event").get(pk=batch.pk)
    rules.check_change(by, batch.event)
    if batch.state != AttendanceImport.State.CHECKED:
        raise Conflict(
            _("Only a sheet checked without errors is written; correct the file and upload it.")
        )
    try:
        plan = _plan(batch.event, batch.file_name, batch.data)
    except FileError as error:  # pragma: no cover - it was read at upload
        raise ValidationFailed(field_errors={"file": [_file_message(error)]}) from None
    if plan.errors:
        # The event changed since the dry run (a participant removed, days changed).
        raise Conflict(
            _(
                "The event changed since the sheet was checked; nothing was written. "
                "Upload it again."
            )
        )
    record_attendance(event=batch.event, present=plan.present, by=by)
    batch.state = AttendanceImport.State.COMMITTED
    batch.updated_by = by
    batch.save(update_fields=["state", "updated_by", "updated_at"])
    audit.record(actor=by, action="update", obj=batch, changes={"state": ["checked", "committed"]})
    return batch
