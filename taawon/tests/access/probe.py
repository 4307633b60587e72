"""Asking a route as a user, and reading what came back: its outcome and the canaries it holds."""

from __future__ import annotations

import io
import json
import re
import zipfile

from django.apps import apps
from django.db import transaction
from django.db.models import Max
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from .routes import QUERY
from .world import CANARIES

# A body plausible enough for any form or schema to get past parsing to the scope check.
FORM_BODY = {
    "name": "x",
    "name_en": "x",
    "name_ar": "س",
    "reason": "x",
    "note": "x",
    "notes": "x",
    "status": "accepted",
    "decision": "reject",
    "enabled": "on",
    "active": "",
    "role": "viewer",
}


def web_routes() -> dict[str, str]:
    """Every named web route of the resolver, by its namespaced name, with its pattern."""
    found: dict[str, str] = {}

    def walk(patterns, prefix: str, namespace: str | None) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner = namespace
                if entry.namespace:
                    inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                walk(entry.url_patterns, prefix + str(entry.pattern), inner)
            elif isinstance(entry, URLPattern):
                name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
                found[name or prefix + str(entry.pattern)] = prefix + str(entry.pattern)

    walk(get_resolver().url_patterns, "", None)
    return found


def api_operations(client: Client) -> list[str]:
    """Every operation of the OpenAPI document the API serves, as "METHOD /path"."""
    document = client.get("/api/v1/openapi.json").json()
    return [
        f"{method.upper()} {path}"
        for path, operations in document["paths"].items()
        for method in operations
    ]


def web_path(name: str, kinds: dict[str, str], pks: dict[str, int], lang: str = "en") -> str:
    kwargs = {param: pks[kind] if isinstance(kind, str) else kind for param, kind in kinds.items()}
    with translation.override(lang):
        path = reverse(name, kwargs=kwargs)
    return f"{path}?{QUERY[name]}" if name in QUERY else path


def api_path(operation: str, kinds: dict[str, str], pks: dict[str, int]) -> tuple[str, str]:
    method, path = operation.split(" ", 1)
    for param, kind in kinds.items():
        path = path.replace(f"{{{param}}}", str(pks[kind]))
    return method.lower(), f"{path}?{QUERY[operation]}" if operation in QUERY else path


# A CSRF token is 64 random letters and digits, twice on every page: over the thousands of
# pages the matrix reads, one spells a canary such as "SIDEA" now and then (it did in CI).
CSRF_TOKEN = re.compile(r'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[A-Za-z0-9]+')


def readable(response) -> str:
    """What a person or program can read in the answer: HTML or text as is (without its CSRF
    tokens), JSON with its escapes resolved, the XML inside an XLSX (or any zip)."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "\n".join(
                archive.read(member).decode("utf-8", "replace") for member in archive.namelist()
            )
    text = CSRF_TOKEN.sub(r"\1", content.decode("utf-8", "replace"))
    if "json" in response.get("Content-Type", ""):
        try:
            return json.dumps(json.loads(text), ensure_ascii=False)
        except ValueError:
            return text
    return text


def canaries_in(text: str, canaries=CANARIES) -> list[str]:
    folded = text.casefold()
    return [canary for canary in canaries if canary.casefold() in folded]


def outcome(response) -> str:
    """The answer as the role table states it: the status, or "login" for a redirect to the
    sign-in page."""
    if response.status_code in (301, 302) and re.search(
        r"/(accounts|admin)/login/", response.get("Location", "")
    ):
        return "login"
    return str(response.status_code)


# Body fields whose name differs from the kind of record they name.
FIELD_KINDS = {"calendar": "crop_calendar"}


def example(schema: dict, schemas: dict, records: dict[str, int] | None = None, name: str = ""):
    """A value the schema accepts: each required field filled with the simplest of its type,
    so that a request gets past parsing to the handler's scope check. A number field named
    after a kind of record (`person`, `employer`...) names that record of `records`: a bare 1
    would name whatever row has that id, which differs between databases (PostgreSQL does not
    roll its sequences back between tests)."""
    records = records or {}
    if "$ref" in schema:
        return example(schemas[schema["$ref"].rsplit("/", 1)[1]], schemas, records, name)
    for key in ("allOf", "anyOf", "oneOf"):
        if key in schema:
            return example(schema[key][0], schemas, records, name)
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        properties = schema.get("properties", {})
        return {
            field: example(properties[field], schemas, records, field)
            for field in schema.get("required", ())
        }
    if kind == "array":
        return []
    if kind in ("integer", "number"):
        return records.get(FIELD_KINDS.get(name, name), 1)
    if kind == "boolean":
        return True
    return {"date": "2020-09-01", "date-time": "2020-09-01T08:00:00Z"}.get(
        schema.get("format", ""), "x"
    )


def api_bodies(client: Client, records: dict[str, int] | None = None) -> dict[str, dict]:
    """A plausible JSON body for each API operation that takes one, naming `records` by id."""
    document = client.get("/api/v1/openapi.json").json()
    schemas = document.get("components", {}).get("schemas", {})
    bodies = {}
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            content = operation.get("requestBody", {}).get("content", {})
            schema = content.get("application/json", {}).get("schema")
            if schema:
                bodies[f"{method.upper()} {path}"] = example(schema, schemas, records)
    return bodies


def ask(
    client: Client,
    method: str,
    path: str,
    *,
    api: bool,
    rollback: bool,
    headers: dict | None = None,
    body: object = None,
):
    """Send the request; with `rollback`, whatever it changed is undone afterwards, so that
    every request of the matrix meets the same records."""
    headers = headers or {}
    if method == "get":
        return client.get(path, headers=headers)
    if api:
        call = getattr(client, method)
        body = json.dumps(body or {})
        request = lambda: call(path, body, content_type="application/json", headers=headers)  # noqa: E731
    else:
        request = lambda: client.post(path, FORM_BODY, headers=headers)  # noqa: E731
    if not rollback:
        return request()
    with transaction.atomic():
        response = request()
        transaction.set_rollback(True)
    return response


def fingerprint() -> dict[str, tuple]:
    """Rows and last change of every table but the sessions': equal before and after means a
    batch of refused writes changed nothing."""
    state = {}
    for model in apps.get_models():
        if model._meta.app_label in ("sessions",) or model._meta.proxy:
            continue
        if model._meta.label == "accounts.User":
            state[model._meta.label] = (model.objects.count(),)
            continue
        fields = {f.name for f in model._meta.concrete_fields}
        stamp = "updated_at" if "updated_at" in fields else None
        aggregate = model.objects.aggregate(last=Max(stamp)) if stamp else {"last": None}
        state[model._meta.label] = (model.objects.count(), aggregate["last"])
    return state
