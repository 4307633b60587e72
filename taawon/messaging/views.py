"""The SMS gateway's webhook: it posts each inbound message here, with the shared secret
(TAAWON_SMS_INBOUND_SECRET) in the X-Taawon-Secret header. Without the secret configured the
webhook answers 404; with a wrong or missing one, 403 and nothing is written."""

from __future__ import annotations

import hmac
import json

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from taawon.core.exceptions import Conflict, ValidationFailed

from .inbound import receive_message


def _secret_ok(request: HttpRequest) -> bool:
    given = request.headers.get("X-Taawon-Secret", "")
    return hmac.compare_digest(given.encode(), settings.SMS_INBOUND_SECRET.encode())


@csrf_exempt
@require_POST
def inbound_sms(request: HttpRequest) -> JsonResponse:
    if not settings.SMS_INBOUND_SECRET:
        return JsonResponse({"detail": _("Not found."), "errors": {}}, status=404)
    if not _secret_ok(request):
        return JsonResponse({"detail": _("Forbidden."), "errors": {}}, status=403)
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body)
        except ValueError:
            data = None
        if not isinstance(data, dict):
            return JsonResponse(
                {"detail": _("The request body is not valid JSON."), "errors": {}}, status=400
            )
    else:
        data = request.POST
    fields = {key: data.get(key, "") for key in ("from", "to", "text", "id")}
    if not all(isinstance(value, str | int) for value in fields.values()):
        return JsonResponse({"detail": _("Some fields are not valid."), "errors": {}}, status=422)
    try:
        receive_message(
            sender=str(fields["from"]),
            recipient=str(fields["to"]),
            body=str(fields["text"]),
            provider_reference=str(fields["id"]),
        )
    except Conflict:
        # The gateway delivered this message before: it was taken then.
        return JsonResponse({"accepted": True, "duplicate": True})
    except ValidationFailed as error:
        return JsonResponse(error.as_dict(), status=422)
    return JsonResponse({"accepted": True})
