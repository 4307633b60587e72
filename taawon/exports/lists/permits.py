"""Exports of the permits lists: permits, permits expiring soon, and the ministry's imports."""

from __future__ import annotations

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from taawon.lib.tabular.export import Column
from taawon.permits import queries, rules
from taawon.permits.forms import ExpiringForm, PermitFilterForm

from ..registry import ListExport, register
from . import display, raw, text
from .people import person_columns


def _permits(user, params: QueryDict):
    # As the page reads it (permits.views.permits.permit_list).
    form = PermitFilterForm(params or None, user=user)
    permits = queries.permit_list(user, **form.filters())
    if (days := form.expiring_within()) is not None:
        permits = permits.filter(pk__in=queries.expiring(user, within_days=days).values("pk"))
    return permits.select_related("person", "person__governorate", "cooperative", "owner")


def _expiring(user, params: QueryDict):
    # As the page reads it (permits.views.reports.expiring_list), without its cap on screen.
    days, cooperative = ExpiringForm(params or None, user=user).values()
    permits = queries.expiring(user, within_days=days)
    if cooperative is not None:
        permits = permits.filter(cooperative=cooperative)
    return permits.select_related("person__governorate", "owner")


def _imports(user, params: QueryDict):
    return queries.imports_for(user).defer("content")


PERMIT_COLUMNS = (
    Column(_("Permit number"), "#meta+permit+code", text("permit_number")),
    *person_columns("person"),
    Column(_("Cooperative"), "#org+cooperative+name", text("cooperative")),
    Column(_("Sector"), "#sector", display("", "sector")),
    Column(_("Kind"), "#meta+permit+type", display("", "kind")),
    Column(_("Status"), "#status", display("", "status")),
    Column(_("Application date"), "#date+applied", raw("applied_on")),
    Column(_("Issue date"), "#date+issued", raw("issued_on")),
    Column(_("Expiry date"), "#date+expiry", raw("expires_on")),
    Column(_("Owning organisation"), "#org+name", text("owner")),
)

register(
    ListExport(
        name="permits",
        title=_("Work permits"),
        may_read=rules.may_read,
        rows=_permits,
        columns=PERMIT_COLUMNS,
        domain="permits",
        person_level=True,
        persons_of=lambda row: (row.person_id,),
    )
)

register(
    ListExport(
        name="expiring_permits",
        title=_("Permits expiring soon"),
        may_read=rules.may_read,
        rows=_expiring,
        columns=PERMIT_COLUMNS,
        domain="permits",
        person_level=True,
        persons_of=lambda row: (row.person_id,),
    )
)

register(
    ListExport(
        name="permit_imports",
        title=_("Permit imports"),
        may_read=rules.may_read,
        rows=_imports,
        columns=(
            Column(_("Number"), "#meta+code", raw("pk")),
            Column(_("File name"), "#meta+file", text("filename")),
            Column(_("Size in bytes"), "#meta+size+num", raw("size")),
            Column(_("Status"), "#status", display("", "status")),
            Column(_("Row errors"), "#meta+errors+num", raw("error_count")),
            Column(_("Uploaded at"), "#date+uploaded", raw("created_at")),
            Column(_("Imported at"), "#date+imported", raw("committed_at")),
            Column(_("Uploaded by"), "#contact+name", text("created_by")),
        ),
    )
)
