"""The OpenRosa 1.0 server ODK Collect talks to: the form list, each form's XForm, manifest
and media, and submissions (multipart: the instance XML and its attachments).

Signing in as ODK Collect does, without running the password hasher on every request: the
server URL carries a revocable token, `/openrosa/key/<token>/` (as ODK Central's app users'
`/key/<token>/` URLs do; the token is an API token, made on the user's tokens page, looked up
by its SHA-256 digest); or HTTP Basic over TLS with the token as the password. A revoked or
expired token is a 401 on the bare routes (with the Basic challenge); in a key URL it is a
404: an unknown key is an unknown address, and says nothing of the server's forms.
"""

from __future__ import annotations

import base64
from urllib.parse import urlencode
from xml.sax.saxutils import escape

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from taawon.accounts import scoping
from taawon.accounts.models import User
from taawon.accounts.services import token_in_use

from . import queries, services

OPENROSA_VERSION = "1.0"
XML = "text/xml; charset=utf-8"
MAX_REQUEST_BYTES = 60 * 1024 * 1024
REALM = "Taawon"


def _headers(response: HttpResponse) -> HttpResponse:
    response["X-OpenRosa-Version"] = OPENROSA_VERSION
    response["Date"] = http_date()
    return response


def _message(status: int, text: str, nature: str = "") -> HttpResponse:
    nature_attr = f' nature="{escape(nature)}"' if nature else ""
    body = (
        '<OpenRosaResponse xmlns="http://openrosa.org/http/response">'
        f"<message{nature_attr}>{escape(text)}</message></OpenRosaResponse>"
    )
    return _headers(HttpResponse(body, status=status, content_type=XML))


def _unauthorised() -> HttpResponse:
    response = _message(401, _("Sign in with your Taawon collection token."))
    response["WWW-Authenticate"] = f'Basic realm="{REALM}", charset="UTF-8"'
    return response


def _user(request: HttpRequest, key: str | None) -> User | None:
    token = key
    if token is None:
        header = request.META.get("HTTP_AUTHORIZATION", "")
        scheme, _sep, value = header.partition(" ")
        if scheme.lower() != "basic":
            return None
        try:
            _name, _colon, token = base64.b64decode(value, validate=True).decode().partition(":")
        except (ValueError, UnicodeDecodeError):
            return None
    row = token_in_use(token or "")
    if row is None:
        return None
    user = row.user
    if row.organisation_id is not None:
        scoping.narrow_to_organisation(user, row.organisation_id)
    return user


def _base(request: HttpRequest, key: str | None) -> str:
    if key is None:
        return request.build_absolute_uri(reverse("openrosa:form_list")).rsplit("/", 1)[0]
    return request.build_absolute_uri(reverse("openrosa:key_form_list", args=[key])).rsplit("/", 1)[
        0
    ]


def openrosa_view(*methods: str):
    """Authenticate (before anything else: a wrong method on an unknown key is still not
    found), check the method, answer with OpenRosa's headers."""

    def decorate(view):
        @csrf_exempt
        def wrapped(request: HttpRequest, key: str | None = None) -> HttpResponse:
            user = _user(request, key)
            if user is None:
                if key is not None:
                    return _message(404, _("Not found."))
                return _unauthorised()
            if request.method not in methods:
                response = _message(405, _("This method is not allowed here."))
                response["Allow"] = ", ".join(methods)
                return response
            request.user = user
            return _headers(view(request, user, key))

        wrapped.__name__ = view.__name__
        wrapped.__doc__ = view.__doc__
        return wrapped

    return decorate


def _url(base: str, route: str, **params: str) -> str:
    return escape(f"{base}/{route}?{urlencode(params)}")


@openrosa_view("GET", "HEAD")
def form_list(request: HttpRequest, user: User, key: str | None) -> HttpResponse:
    base = _base(request, key)
    entries = []
    for form, version in queries.fillable_forms(user):
        quoted = escape(form.form_id)
        manifest = (
            f"<manifestUrl>{_url(base, 'xformsManifest', formId=form.form_id)}</manifestUrl>"
            if version.has_media
            else ""
        )
        entries.append(
            "<xform>"
            f"<formID>{quoted}</formID>"
            f"<name>{escape(form.title)}</name>"
            f"<version>{escape(version.version)}</version>"
            f"<hash>md5:{version.md5}</hash>"
            f"<downloadUrl>{_url(base, 'formXml', formId=form.form_id)}</downloadUrl>"
            f"{manifest}"
            "</xform>"
        )
    body = '<xforms xmlns="http://openrosa.org/xforms/xformsList">' + "".join(entries) + "</xforms>"
    return HttpResponse(body, content_type=XML)


def _fillable(request: HttpRequest, user: User):
    form = queries.fillable_form(user, request.GET.get("formId", ""))
    if form is None:
        return None, _message(404, _("This form is unknown here, or not yours to fill."))
    return form, None


@openrosa_view("GET", "HEAD")
def form_download(request: HttpRequest, user: User, key: str | None):
    form, refused = _fillable(request, user)
    if refused:
        return refused
    version = queries.current_version(form)
    return HttpResponse(version.xform, content_type=XML)


@openrosa_view("GET", "HEAD")
def manifest(request: HttpRequest, user: User, key: str | None):
    form, refused = _fillable(request, user)
    if refused:
        return refused
    version = queries.current_version(form)
    base = _base(request, key)
    files = "".join(
        "<mediaFile>"
        f"<filename>{escape(media.filename)}</filename>"
        f"<hash>md5:{media.md5}</hash>"
        f"<downloadUrl>{_url(base, 'formMedia', formId=form.form_id, filename=media.filename)}"
        "</downloadUrl></mediaFile>"
        for media in queries.media_of(version)
    )
    body = f'<manifest xmlns="http://openrosa.org/xforms/xformsManifest">{files}</manifest>'
    return HttpResponse(body, content_type=XML)


@openrosa_view("GET", "HEAD")
def media(request: HttpRequest, user: User, key: str | None):
    form, refused = _fillable(request, user)
    if refused:
        return refused
    found = queries.media_file(queries.current_version(form), request.GET.get("filename", ""))
    if found is None:
        return _message(404, _("No such media file."))
    response = HttpResponse(bytes(found.content), content_type=found.content_type)
    response["Content-Disposition"] = f'attachment; filename="{found.filename}"'
    return response


@openrosa_view("HEAD", "GET", "POST")
def submission(request: HttpRequest, user: User, key: str | None) -> HttpResponse:
    if request.method in ("HEAD", "GET"):
        # ODK Collect asks first, and learns how much one request may carry.
        response = HttpResponse(status=204)
        response["X-OpenRosa-Accept-Content-Length"] = str(MAX_REQUEST_BYTES)
        return response
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_REQUEST_BYTES:
        return _message(413, _("The submission is too large."))
    if not (request.content_type or "").startswith("multipart/form-data"):
        return _message(400, _("Send the submission as multipart/form-data."))
    xml_file = request.FILES.get("xml_submission_file")
    if xml_file is None:
        return _message(400, _("The submission has no xml_submission_file part."))
    if xml_file.size > MAX_REQUEST_BYTES:
        return _message(413, _("The submission is too large."))
    files = {
        upload.name: (upload.content_type, upload.read())
        for field_name, upload in request.FILES.items()
        if field_name != "xml_submission_file"
    }
    try:
        receipt = services.receive_submission(xml=xml_file.read(), files=files, user=user)
    except services.SubmissionRefused as refused:
        return _message(refused.status, str(refused.message), "submit_error")
    if receipt.status == 202:
        text = _("This submission was received before; nothing changed.")
    else:
        text = _("Thank you: the submission was received.")
    response = _message(receipt.status, text, "submit_success")
    response["Location"] = request.build_absolute_uri(request.path)
    return response
