"""Every read of surveys, scoped through `accounts.scoping`.

Forms: those of organisations in the reader's reach, and those assigned to them. Submissions:
by their owner (the organisation that sent them).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Length
from django.http import Http404

from taawon.accounts import scoping
from taawon.accounts.models import User

from . import rules, xforms
from .models import FormMedia, FormStatus, FormVersion, Revision, Submission, SurveyForm


def forms_for(user: User | None) -> QuerySet[SurveyForm]:
    """Forms of organisations in the reader's reach, and forms assigned to those or to an
    organisation above the reader's own (a unit's staff read what their cooperative fills)."""
    reach = scoping.reach(user, scoping.READ, domain=rules.DOMAIN)
    if reach.everything:
        return SurveyForm.objects.all()
    if reach.empty:
        return SurveyForm.objects.none()
    ids = sorted(reach.organisation_ids | rules.ancestors_of_memberships(user))
    return SurveyForm.objects.filter(
        Q(owner_id__in=sorted(reach.organisation_ids)) | Q(assigned__in=ids)
    ).distinct()


def form_list(user: User | None, *, status: str = "", q: str = "") -> QuerySet[SurveyForm]:
    qs = forms_for(user).select_related("owner")
    if status:
        qs = qs.filter(status=status)
    if q:
        qs = qs.filter(Q(title__icontains=q.strip()) | Q(form_id__icontains=q.strip()))
    return qs.annotate(
        version_count=Count("versions", distinct=True),
    ).order_by("title", "id")


def get_form_for_user(user: User | None, pk: int) -> SurveyForm:
    try:
        return forms_for(user).select_related("owner").get(pk=pk)
    except (SurveyForm.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def versions_of(form: SurveyForm) -> QuerySet[FormVersion]:
    return form.versions.select_related("created_by").defer("xlsform", "xform", "schema")


def current_version(form: SurveyForm) -> FormVersion:
    version = (
        form.versions.annotate(has_media=Exists(FormMedia.objects.filter(version=OuterRef("pk"))))
        .order_by("-created_at", "-id")
        .first()
    )
    if version is None:
        raise Http404
    return version


def fillable_forms(user: User) -> list[tuple[SurveyForm, FormVersion]]:
    """The open forms `user` fills, each with its current version (ODK Collect's form list)."""
    candidates = (
        SurveyForm.objects.filter(status=FormStatus.OPEN, versions__isnull=False)
        .distinct()
        .order_by("title", "id")
    )
    return [(form, current_version(form)) for form in candidates if rules.may_fill(user, form)]


def fillable_form(user: User, form_id: str) -> SurveyForm | None:
    form = SurveyForm.objects.filter(form_id=form_id, status=FormStatus.OPEN).first()
    if form is None or not form.versions.exists() or not rules.may_fill(user, form):
        return None
    return form


def media_of(version: FormVersion) -> QuerySet[FormMedia]:
    return FormMedia.objects.filter(version=version).defer("content").order_by("filename")


def media_file(version: FormVersion, filename: str) -> FormMedia | None:
    return FormMedia.objects.filter(version=version, filename=filename).first()


@dataclass(frozen=True)
class MediaState:
    filename: str
    media: FormMedia | None  # None: the form refers to it and it is not here yet

    @property
    def missing(self) -> bool:
        return self.media is None


def media_states(version: FormVersion) -> list[MediaState]:
    """Each file the version's XForm refers to, uploaded or not (content not read)."""
    held = {media.filename: media for media in media_of(version).annotate(size=Length("content"))}
    return [MediaState(name, held.get(name)) for name in xforms.expected_media(version.xform)]


def submissions_for(user: User | None) -> QuerySet[Submission]:
    return scoping.scope(Submission.objects.all(), user)


def submission_list(
    user: User | None,
    *,
    form: int | None = None,
    status: str = "",
    owner: int | None = None,
    q: str = "",
) -> QuerySet[Submission]:
    qs = submissions_for(user).select_related("owner", "form", "version", "submitted_by")
    qs = qs.defer("xml", "version__xlsform", "version__xform")
    if form is not None:
        qs = qs.filter(form_id=form)
    if status:
        qs = qs.filter(status=status)
    if owner is not None:
        qs = qs.filter(owner_id=owner)
    if q:
        qs = qs.filter(instance_id__icontains=q.strip())
    return qs.order_by("-received_at", "-id")


def get_submission_for_user(user: User | None, pk: int, action: str = scoping.READ) -> Submission:
    return scoping.get_scoped_or_404(
        Submission.objects.select_related("form", "version", "owner", "submitted_by"),
        user,
        pk,
        action,
    )


def revisions_of(submission: Submission) -> QuerySet[Revision]:
    return submission.revisions.select_related("changed_by")


def attachment_of(submission: Submission, name: str):
    found = submission.attachments.filter(name=name).first()
    if found is None:
        raise Http404
    return found
