"""Every change to surveys: forms and their versions, submissions received from ODK Collect,
their edits and their review (which feeds the registry through `targets`)."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from taawon.accounts.models import Organisation, User
from taawon.core import audit
from taawon.core.exceptions import Conflict, DomainError, PermissionDenied, ValidationFailed

from . import attachments, rules, xforms, xlsform
from .models import (
    Attachment,
    FormMedia,
    FormStatus,
    FormVersion,
    ReviewStatus,
    Revision,
    Submission,
    SurveyForm,
)

# ---- Forms ----------------------------------------------------------------------------------


def describe(problem: xlsform.Problem) -> str:
    where = []
    if problem.sheet:
        where.append(_("sheet “%(sheet)s”") % {"sheet": problem.sheet})
    if problem.row:
        where.append(_("row %(row)s") % {"row": problem.row})
    if problem.column:
        where.append(_("column “%(column)s”") % {"column": problem.column})
    if not where:
        return problem.message
    return _("%(where)s: %(message)s") % {"where": ", ".join(where), "message": problem.message}


@transaction.atomic
def upload_form(
    *,
    owner: Organisation,
    content: bytes,
    uploaded_by: User | None,
    assigned: Iterable[Organisation] = (),
    validate: bool = True,
) -> FormVersion:
    """Convert an XLSForm and keep it: a new form, or a new version of the form of the same
    form ID (the owner's). Earlier versions stay, so their submissions keep reading."""
    if uploaded_by is not None and not rules.may_design_for(uploaded_by, owner.pk):
        raise PermissionDenied()
    conversion = xlsform.convert(content, validate=validate)
    if not conversion.ok:
        raise ValidationFailed(
            _("The XLSForm could not be used."),
            field_errors={"xlsform": [describe(p) for p in conversion.errors]},
        )
    form = SurveyForm.objects.select_for_update().filter(form_id=conversion.form_id).first()
    if form is None:
        form = SurveyForm.objects.create(
            owner=owner,
            form_id=conversion.form_id,
            title=conversion.title or conversion.form_id,
            created_by=uploaded_by,
            updated_by=uploaded_by,
        )
        audit.record_create(uploaded_by, form)
    else:
        if uploaded_by is not None and not rules.may_change_form(uploaded_by, form):
            raise ValidationFailed(
                field_errors={
                    "xlsform": [_("Another organisation's form already has this form ID.")]
                }
            )
        if form.versions.filter(version=conversion.version).exists():
            raise ValidationFailed(
                field_errors={
                    "xlsform": [
                        _(
                            "Version “%(version)s” of this form exists already: change the "
                            "version on the settings sheet."
                        )
                        % {"version": conversion.version}
                    ]
                }
            )
        form.title = conversion.title or form.title
        form.updated_by = uploaded_by
        form.save(update_fields=["title", "updated_by", "updated_at"])
    version = FormVersion.objects.create(
        form=form,
        version=conversion.version,
        xlsform=content,
        xform=conversion.xform,
        schema=conversion.schema,
        md5=hashlib.md5(conversion.xform.encode()).hexdigest(),  # OpenRosa names files by MD5
        warnings=conversion.warnings,
        created_by=uploaded_by,
    )
    _carry_media_forward(form, version)
    organisations = list(assigned)
    if organisations:
        _assign(form, organisations, uploaded_by)
    audit.record(actor=uploaded_by, action="update", obj=form, note=f"version {conversion.version}")
    return version


def _assign(form: SurveyForm, organisations: list[Organisation], by: User | None) -> None:
    allowed = rules.assignable(by) if by is not None else None
    if allowed is not None and any(o.pk not in allowed for o in organisations):
        raise ValidationFailed(
            field_errors={"assigned": [_("Choose organisations within your reach.")]}
        )
    form.assigned.set(organisations)


@transaction.atomic
def assign_form(
    *, form: SurveyForm, organisations: Iterable[Organisation], by: User | None
) -> SurveyForm:
    rules.check_change_form(by, form)
    organisations = list(organisations)
    before = sorted(form.assigned.values_list("id", flat=True))
    _assign(form, organisations, by)
    audit.record(
        actor=by,
        action="update",
        obj=form,
        changes={"assigned": [before, sorted(o.pk for o in organisations)]},
    )
    return form


@transaction.atomic
def set_form_status(*, form: SurveyForm, status: str, by: User | None) -> SurveyForm:
    rules.check_change_form(by, form)
    if status not in FormStatus.values:
        raise ValidationFailed(field_errors={"status": [_("Choose open or closed.")]})
    before = form.status
    form.status = status
    form.updated_by = by
    form.save(update_fields=["status", "updated_by", "updated_at"])
    audit.record(actor=by, action="update", obj=form, changes={"status": [before, status]})
    return form


@transaction.atomic
def add_media(*, version: FormVersion, filename: str, content: bytes, by: User | None) -> FormMedia:
    """Keep a file the form version refers to (a label's image, a CSV of choices), or replace
    it: ODK Collect sees the new MD5 in the manifest and downloads it again."""
    rules.check_change_form(by, version.form)
    expected = xforms.expected_media(version.xform)
    if filename not in expected:
        if expected:
            problem = _("“%(name)s” is not a file this form uses. It uses: %(files)s.") % {
                "name": filename,
                "files": ", ".join(expected),
            }
        else:
            problem = _("This form uses no media files.")
        raise ValidationFailed(field_errors={"files": [problem]})
    media_type, problem = attachments.check(filename, content)
    if problem:
        raise ValidationFailed(field_errors={"files": [problem]})
    media = FormMedia.objects.filter(version=version, filename=filename).first()
    before = media.md5 if media else None
    media = media or FormMedia(version=version, filename=filename)
    media.content = content
    media.content_type = media_type
    media.md5 = hashlib.md5(content).hexdigest()  # OpenRosa names files by MD5
    media.save()
    audit.record(
        actor=by,
        action="update",
        obj=version.form,
        note=f"media {filename} of version {version.version}",
        changes={"md5": [before, media.md5]},
    )
    return media


@transaction.atomic
def add_media_files(
    *, version: FormVersion, files: Iterable[tuple[str, bytes]], by: User | None
) -> list[FormMedia]:
    """Keep several files at once, all or none: a refused file keeps the others out too, and
    every refusal is reported."""
    kept, problems = [], []
    for filename, content in files:
        try:
            with transaction.atomic():
                kept.append(add_media(version=version, filename=filename, content=content, by=by))
        except ValidationFailed as refused:
            problems.extend(refused.field_errors.get("files", []))
    if problems:
        raise ValidationFailed(field_errors={"files": problems})
    return kept


def _carry_media_forward(form: SurveyForm, version: FormVersion) -> None:
    """A new version keeps the files of the version before it that it still refers to, as
    ODK Central does: re-uploading every image for a corrected label would be a chore."""
    previous = form.versions.exclude(pk=version.pk).order_by("-created_at", "-id").first()
    if previous is None:
        return
    wanted = set(xforms.expected_media(version.xform))
    FormMedia.objects.bulk_create(
        FormMedia(
            version=version,
            filename=media.filename,
            content_type=media.content_type,
            content=media.content,
            md5=media.md5,
        )
        for media in FormMedia.objects.filter(version=previous, filename__in=wanted)
    )


# ---- Submissions from ODK Collect -----------------------------------------------------------


class SubmissionRefused(DomainError):
    """Refused with the OpenRosa status (`status`) and a message for ODK Collect."""

    code = "submission_refused"

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


CREATED = "created"  # 201: stored
ATTACHMENTS_ADDED = "attachments_added"  # 201: an instance already stored, more of its files
DUPLICATE = "duplicate"  # 202: the same instance again, nothing changed
EDITED = "edited"  # 201: a new version of an instance (deprecatedID)


@dataclass
class Receipt:
    outcome: str
    submission: Submission

    @property
    def status(self) -> int:
        return 202 if self.outcome == DUPLICATE else 201


def _version_of(form: SurveyForm, version: str) -> FormVersion:
    found = _first(
        FormVersion.objects.filter(form=form, version=version).only("id", "md5", "version")
    )
    if found is None:
        raise SubmissionRefused(
            404, _("This version of the form is unknown here: download the form again.")
        )
    return found


def _checked_files(
    files: Mapping[str, tuple[str, bytes]], expected: set[str]
) -> list[tuple[str, str, bytes]]:
    """The attachments the submission names, each checked; any refused one refuses all."""
    accepted = []
    for name, (_claimed_type, content) in files.items():
        if name not in expected:
            continue  # ODK Collect sends only what the instance names; anything else is noise
        media_type, problem = attachments.check(name, content)
        if problem:
            too_large = len(content) > attachments.MAX_ATTACHMENT_BYTES
            raise SubmissionRefused(413 if too_large else 400, problem)
        accepted.append((name, media_type, content))
    return accepted


def _attachment(submission: Submission, name: str, media_type: str, content: bytes) -> Attachment:
    return Attachment(
        submission=submission,
        name=name,
        content_type=media_type,
        size=len(content),
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
    )


def _store_files(submission: Submission, files: list[tuple[str, str, bytes]]) -> int:
    if not files:
        return 0
    stored = 0
    have = set(submission.attachments.values_list("name", flat=True))
    for name, media_type, content in files:
        if name in have:
            continue
        try:
            with transaction.atomic():
                _attachment(submission, name, media_type, content).save()
            stored += 1
        except IntegrityError:
            pass  # the same file of a replay, stored by a concurrent request meanwhile
    if stored:
        missing = sorted(set(submission.missing_attachments) - {n for n, _t, _c in files})
        Submission.objects.filter(pk=submission.pk).update(missing_attachments=missing)
        submission.missing_attachments = missing
    return stored


def receive_submission(
    *, xml: bytes, files: Mapping[str, tuple[str, bytes]], user: User
) -> Receipt:
    """Store a submission from ODK Collect: once per instanceID and form, whatever the number
    of copies sent, at once or later; a replay adds the attachments not yet received."""
    root = _parse_root(xml)
    form_id = root.get("id", "")
    form = _first(SurveyForm.objects.filter(form_id=form_id)) if form_id else None
    if form is None:
        # Parse anyway so that a hostile or malformed document gets its own answer.
        _parse(xml, frozenset())
        raise SubmissionRefused(404, _("This form is unknown here."))
    owner = rules.filling_organisation(user, form)
    if form.status != FormStatus.OPEN:
        raise SubmissionRefused(403, _("This form is closed and accepts no more submissions."))
    if owner is None:
        raise SubmissionRefused(403, _("You may not send submissions of this form."))
    version = _version_of(form, root.get("version", "") or "")
    shape = _shape(version.pk, version.md5)
    instance = _parse(xml, shape.repeats)
    named = xforms.media_answers(instance.data, {}, media=shape.media)
    checked = _checked_files(files, named)
    earlier = _earlier_revision(form, instance)
    if earlier is not None:
        return earlier
    # Most submissions are new: insert at once and let the unique (form, instanceID)
    # constraint catch a replay, or a copy stored by a concurrent request meanwhile.
    try:
        with transaction.atomic():
            if instance.deprecated_id:
                edited = _edit_from_collect(form, version, instance, xml, checked, user)
                if edited is not None:
                    return edited
            return _create(form, version, owner, instance, xml, checked, named, user)
    except IntegrityError as error:
        conflict = error
    with transaction.atomic():
        stored = _first(Submission.objects.filter(form=form, instance_id=instance.instance_id))
        if stored is None:
            raise conflict
        return _replay(stored, instance, checked)


def _first(rows):
    """The first row or None, without the ORDER BY that `.first()` adds."""
    return next(iter(rows.order_by()[:1]), None)


def _create(
    form: SurveyForm,
    version: FormVersion,
    owner: Organisation,
    instance: xforms.Instance,
    xml: bytes,
    files: list[tuple[str, str, bytes]],
    named: set[str],
    user: User,
) -> Receipt:
    submission = Submission.objects.create(
        owner=owner,
        form=form,
        version=version,
        instance_id=instance.instance_id,
        xml=xml.decode("utf-8"),
        digest=instance.digest,
        data=instance.data,
        submitted_by=user,
        created_by=user,
        missing_attachments=sorted(set(named) - {name for name, _t, _c in files}),
    )
    Attachment.objects.bulk_create(
        _attachment(submission, name, media_type, content) for name, media_type, content in files
    )
    return Receipt(CREATED, submission)


def _parse_root(xml: bytes):
    from defusedxml import ElementTree as SafeET

    if len(xml) > xforms.MAX_XML_BYTES:
        raise SubmissionRefused(413, _("The submission XML is larger than 2 MB."))
    try:
        return SafeET.fromstring(xml, forbid_dtd=True, forbid_entities=True)
    except Exception:
        _parse(xml, frozenset())  # raises the precise refusal
        raise


def _parse(xml: bytes, repeats: frozenset[str]) -> xforms.Instance:
    try:
        return xforms.parse(xml, repeats=repeats)
    except xforms.BadSubmission as error:
        raise SubmissionRefused(400, str(error)) from None


@dataclass(frozen=True)
class _Shape:
    repeats: frozenset[str]
    media: frozenset[str]


@functools.lru_cache(maxsize=256)
def _shape(version_pk: int, md5: str) -> _Shape:
    """The repeats and media questions of a form version: a version never changes once
    uploaded (its XForm's MD5 is in the key all the same), so each process reads it once."""
    schema = FormVersion.objects.only("schema").get(pk=version_pk).schema
    found = xforms.questions(schema)
    return _Shape(
        repeats=frozenset(q.path for q in found if q.type == xforms.REPEAT),
        media=frozenset(q.path for q in found if q.type in xforms.MEDIA_TYPES),
    )


def _earlier_revision(form: SurveyForm, instance: xforms.Instance) -> Receipt | None:
    """A replay of an instance since edited in ODK Collect (its instanceID now a revision's):
    nothing changes; the same instanceID with other content is a conflict."""
    earlier = _first(
        Revision.objects.filter(submission__form=form, instance_id=instance.instance_id).only(
            "digest", "submission_id"
        )
    )
    if earlier is None:
        return None
    if earlier.digest != instance.digest:
        raise SubmissionRefused(
            409, _("A different submission with this instanceID was received before.")
        )
    return Receipt(DUPLICATE, earlier.submission)


def _replay(
    submission: Submission, instance: xforms.Instance, files: list[tuple[str, str, bytes]]
) -> Receipt:
    if submission.digest != instance.digest:
        raise SubmissionRefused(
            409, _("A different submission with this instanceID was received before.")
        )
    if _store_files(submission, files):
        return Receipt(ATTACHMENTS_ADDED, submission)
    return Receipt(DUPLICATE, submission)


def _edit_from_collect(
    form: SurveyForm,
    version: FormVersion,
    instance: xforms.Instance,
    xml: bytes,
    files: list[tuple[str, str, bytes]],
    user: User,
) -> Receipt | None:
    submission = (
        Submission.objects.select_for_update()
        .filter(form=form, instance_id=instance.deprecated_id)
        .first()
    )
    if submission is None:
        return None
    owner = rules.filling_organisation(user, form)
    same_owner = owner is not None and owner.pk == submission.owner_id
    if not same_owner and not rules.may_review(user, submission):
        raise SubmissionRefused(403, _("You may not edit this submission."))
    _keep_revision(submission, Revision.Source.COLLECT, user, note="")
    submission.instance_id = instance.instance_id
    submission.version = version
    submission.xml = xml.decode("utf-8")
    submission.digest = instance.digest
    submission.data = instance.data
    submission.updated_by = user
    submission.save()
    _store_files(submission, files)
    audit.record(actor=user, action="update", obj=submission, note="deprecatedID")
    return Receipt(EDITED, submission)


def _keep_revision(submission: Submission, source: str, by: User | None, note: str) -> None:
    Revision.objects.create(
        submission=submission,
        instance_id=submission.instance_id,
        xml=submission.xml,
        digest=submission.digest,
        data=submission.data,
        source=source,
        changed_by=by,
        note=note,
    )


# ---- Review and edits in Taawon -------------------------------------------------------------


@transaction.atomic
def edit_submission(
    *, submission: Submission, changes: Mapping[str, str], by: User | None, note: str = ""
) -> Submission:
    """Change answers of a submission (top-level and grouped questions, not repeats); the
    earlier state is kept as a revision and the XML is rewritten to match."""
    from .xml_edit import rewrite

    rules.check(by, submission, rules.EDIT)
    known = {
        q.path: q
        for q in xforms.questions(submission.version.schema)
        if not q.repeat and q.type not in (xforms.GROUP, xforms.REPEAT, *xforms.NO_VALUE_TYPES)
    }
    errors = {
        path: [_("This question is not in the form.")] for path in changes if path not in known
    }
    if errors:
        raise ValidationFailed(field_errors=errors)
    changed = {
        path: value
        for path, value in changes.items()
        if str(xforms.value_at(submission.data, path) or "") != value
    }
    if not changed:
        return submission
    _keep_revision(submission, Revision.Source.WEB, by, note)
    xml = rewrite(submission.xml, changed)
    instance = _parse(xml.encode(), xforms.repeat_paths(submission.version.schema))
    submission.xml = xml
    submission.data = instance.data
    submission.digest = instance.digest
    submission.updated_by = by
    submission.save()
    audit.record(
        actor=by,
        action="update",
        obj=submission,
        changes={path: ["•••", "•••"] for path in changed},
        note=note,
    )
    return submission


@transaction.atomic
def review_submission(
    *, submission: Submission, action: str, by: User | None, note: str = "", decision: str = ""
) -> Submission:
    """Approve (feeding the registry when the form has a target) or reject a submission.

    `decision` is the reviewer's answer for a submission waiting with possible duplicates:
    "new" (a different person: register) or the id of the candidate who is the same person.
    """
    from . import targets

    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    rules.check(by, submission, action)
    if action == rules.REJECT:
        submission.status = ReviewStatus.REJECTED
    elif action == rules.APPROVE:
        outcome = targets.apply(submission, by=by, decision=decision)
        if outcome.waiting:
            submission.status = ReviewStatus.WAITING
            submission.candidates = outcome.candidates
        else:
            submission.status = ReviewStatus.APPROVED
            submission.records = outcome.records
            submission.candidates = []
    else:
        raise Conflict()
    submission.review_note = note
    submission.reviewed_by = by
    submission.reviewed_at = timezone.now()
    submission.updated_by = by
    submission.save()
    audit.record(actor=by, action="update", obj=submission, note=f"{action} {note}".strip())
    return submission


@transaction.atomic
def set_form_target(
    *, form: SurveyForm, target: str, mapping: Mapping[str, str], by: User | None
) -> SurveyForm:
    """Declare what an approved submission of `form` feeds in the registry, and which question
    feeds which parameter of that target."""
    from . import targets

    rules.check_change_form(by, form)
    version = form.versions.order_by("-created_at", "-id").first()
    targets.check_mapping(target, dict(mapping), version.schema if version else {})
    before = (form.target, form.mapping)
    form.target, form.mapping = target, dict(mapping)
    form.updated_by = by
    form.save(update_fields=["target", "mapping", "updated_by", "updated_at"])
    audit.record(actor=by, action="update", obj=form, changes={"target": [before[0], target]})
    return form


def install_shipped_forms(
    *, owner: Organisation, assigned: Iterable[Organisation], by: User | None = None
) -> dict[str, SurveyForm]:
    """Upload the forms Taawon ships (or find them), with their registry mappings."""
    from . import shipped

    installed = {}
    for form_id in shipped.FORMS:
        form = SurveyForm.objects.filter(form_id=form_id).first()
        if form is None:
            form = upload_form(
                owner=owner,
                content=shipped.content(form_id),
                uploaded_by=by,
                assigned=list(assigned),
                validate=False,  # the test suite runs ODK Validate on them
            ).form
        if form_id in shipped.MAPPINGS:
            target, mapping = shipped.MAPPINGS[form_id]
            set_form_target(form=form, target=target, mapping=mapping, by=by)
        installed[form_id] = form
    return installed
