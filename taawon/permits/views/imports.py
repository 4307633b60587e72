"""Pages of permit imports (being written)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse


def _pending(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    raise Http404


import_list = import_upload = import_detail = import_mapping = _pending
import_check = import_commit = import_errors = _pending
