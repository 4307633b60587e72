"""Test personas: one programme with two cooperatives, each with an employment unit.

Used by every app's tests through the `personas` fixture (conftest.py):

- admin: system administrator (superuser)
- officer: programme officer (manager) of the country office, sees the whole country
- ministry: ministry officer (sees permits of the country only)
- admin_a: administrator of cooperative A (manages its users; sees A and unit A)
- counsellor_a / counsellor_b: counsellors of unit A / unit B
- clerk_a: data clerk of unit A;  viewer_a: viewer of unit A
- aggregate: aggregate viewer (dashboards only)
- outsider: a user with no membership
"""

from __future__ import annotations

import contextlib
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db import connection, connections

from taawon.accounts.models import Membership, Organisation, User

PASSWORD = "correct-horse-battery-staple"
Role = Membership.Role
Kind = Organisation.Kind


@dataclass
class Personas:
    country_office: Organisation
    ministry: Organisation
    donor: Organisation
    coop_a: Organisation
    coop_b: Organisation
    unit_a: Organisation
    unit_b: Organisation
    admin: User
    officer: User
    ministry_officer: User
    admin_a: User
    counsellor_a: User
    counsellor_b: User
    clerk_a: User
    viewer_a: User
    aggregate: User
    outsider: User


def _user(username: str, org: Organisation | None, role: str | None, **extra) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, **extra)
    if org is not None:
        Membership.objects.create(user=user, organisation=org, role=role)
    return user


def build_personas() -> Personas:
    jo = "JO"
    country_office = Organisation.objects.create(
        name_en="ILO Jordan",
        name_ar="منظمة العمل الدولية - الأردن",
        kind=Kind.COUNTRY_OFFICE,
        country=jo,
    )
    ministry = Organisation.objects.create(
        name_en="Ministry of Labour", name_ar="وزارة العمل", kind=Kind.MINISTRY, country=jo
    )
    donor = Organisation.objects.create(
        name_en="Donor", name_ar="المانح", kind=Kind.DONOR, country=jo
    )
    coop_a = Organisation.objects.create(
        name_en="Cooperative A",
        name_ar="الجمعية أ",
        kind=Kind.COOPERATIVE,
        country=jo,
        parent=country_office,
    )
    coop_b = Organisation.objects.create(
        name_en="Cooperative B",
        name_ar="الجمعية ب",
        kind=Kind.COOPERATIVE,
        country=jo,
        parent=country_office,
    )
    unit_a = Organisation.objects.create(
        name_en="Unit A", name_ar="الوحدة أ", kind=Kind.EMPLOYMENT_UNIT, country=jo, parent=coop_a
    )
    unit_b = Organisation.objects.create(
        name_en="Unit B", name_ar="الوحدة ب", kind=Kind.EMPLOYMENT_UNIT, country=jo, parent=coop_b
    )
    return Personas(
        country_office=country_office,
        ministry=ministry,
        donor=donor,
        coop_a=coop_a,
        coop_b=coop_b,
        unit_a=unit_a,
        unit_b=unit_b,
        admin=User.objects.create_superuser(username="admin", password=PASSWORD),
        officer=_user("officer", country_office, Role.MANAGER),
        ministry_officer=_user("ministry", ministry, Role.MINISTRY_OFFICER),
        admin_a=_user("admin_a", coop_a, Role.ADMINISTRATOR),
        counsellor_a=_user("counsellor_a", unit_a, Role.COUNSELLOR),
        counsellor_b=_user("counsellor_b", unit_b, Role.COUNSELLOR),
        clerk_a=_user("clerk_a", unit_a, Role.DATA_CLERK),
        viewer_a=_user("viewer_a", unit_a, Role.VIEWER),
        aggregate=_user("aggregate", donor, Role.AGGREGATE_VIEWER),
        outsider=_user("outsider", None, None),
    )


@contextlib.contextmanager
def threads_on_a_file_database() -> Iterator[None]:
    """On SQLite, point the connections that threads open from now on at a file copy of the
    test database (the main thread keeps the in-memory one, whose shared cache fails a locked
    table at once where a file database waits and lets readers read); nothing on
    PostgreSQL. For transactional tests whose threads meet each other's writes."""
    if connection.vendor != "sqlite":
        yield
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "threads.sqlite3"
        target = sqlite3.connect(path)
        connection.ensure_connection()
        connection.connection.backup(target)
        target.execute("PRAGMA journal_mode=WAL")
        target.close()
        settings = connections.settings["default"]
        before = settings["NAME"]
        settings["NAME"] = str(path)
        try:
            yield
        finally:
            settings["NAME"] = before


def pdf_text(pdf: bytes) -> str:
    """The text of a PDF, page after page, Arabic in its logical order (pypdf, a test
    dependency: the suite needs nothing but Python)."""
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
