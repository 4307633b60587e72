"""Export of the complaints list: the rows the page shows (sensitive ones only to those who
read them, through `complaints.queries`), pseudonymised: no complaint text, no name or phone,
the person as a pseudonymous reference."""

from __future__ import annotations

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from taawon.complaints import queries, rules
from taawon.complaints.forms import ComplaintFilterForm
from taawon.lib.tabular.export import Column

from ..pseudonyms import pseudonym
from ..registry import ListExport, register
from . import display, raw, text


def _complaints(user, params: QueryDict):
    form = ComplaintFilterForm(params or None)
    return queries.complaint_list(user, **form.filters()).select_related("owner")


register(
    ListExport(
        name="complaints",
        title=_("Complaints and feedback"),
        may_read=rules.may_read_any,
        rows=_complaints,
        columns=(
            Column(_("Reference number"), "#meta+complaint+code", text("reference")),
            Column(
                _("Person reference"),
                "#person+code",
                lambda row: pseudonym(row.person_id) if row.person_id else "",
            ),
            Column(_("Received at"), "#date+received", raw("received_at")),
            Column(_("Category"), "#meta+category", display("", "category")),
            Column(_("Channel"), "#meta+channel", display("", "channel")),
            Column(_("Complainant"), "#meta+complainant", display("", "complainant_kind")),
            Column(_("Sensitive"), "#meta+sensitive", raw("sensitive")),
            Column(_("Status"), "#status", display("", "status")),
            Column(_("Acknowledged at"), "#date+acknowledged", raw("acknowledged_at")),
            Column(_("Referred to"), "#org+referred", display("", "referred_to")),
            Column(_("Closed at"), "#date+closed", raw("closed_at")),
            Column(_("Days to close"), "#meta+days+num", raw("days_to_close")),
            Column(_("Person informed"), "#meta+informed", raw("person_informed")),
            Column(_("Satisfaction (1–5)"), "#meta+satisfaction+num", raw("satisfaction")),
            Column(_("Owning organisation"), "#org+name", text("owner")),
        ),
    )
)
