"""Exports of the grants lists: calls, applications and awards, the rows each page shows
(through `grants.queries`). Organisations' records, no person: members are not exported.
Amounts are numbers with their currency in the next column."""

from __future__ import annotations

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from taawon.grants import queries, rules
from taawon.grants.forms import ApplicationFilterForm, AwardFilterForm, CallFilterForm
from taawon.lib.tabular.export import Column

from ..registry import ListExport, register
from . import display, raw, text


def _calls(user, params: QueryDict):
    return queries.call_list(user, **CallFilterForm(params or None).filters())


def _applications(user, params: QueryDict):
    return queries.application_list(user, **ApplicationFilterForm(params or None).filters())


def _awards(user, params: QueryDict):
    return queries.award_list(user, **AwardFilterForm(params or None).filters())


register(
    ListExport(
        name="grant_calls",
        title=_("Calls for proposals"),
        may_read=rules.may_read_any,
        rows=_calls,
        columns=(
            Column(_("Title"), "#meta+call+name", text("title")),
            Column(_("Kind"), "#meta+kind", display("", "kind")),
            Column(_("Country"), "#country+code", raw("country")),
            Column(_("Opens on"), "#date+start", raw("opens_on")),
            Column(_("Closes on"), "#date+end", raw("closes_on")),
            Column(_("Budget"), "#value+budget", raw("budget")),
            Column(_("Maximum grant"), "#value+max", raw("max_grant")),
            Column(_("Currency"), "#currency", raw("currency")),
            Column(_("Published"), "#meta+published", raw("published")),
            Column(_("Owning organisation"), "#org+name", text("owner")),
        ),
    )
)

register(
    ListExport(
        name="grant_applications",
        title=_("Grant applications"),
        may_read=rules.may_read_any,
        rows=_applications,
        columns=(
            Column(_("Name"), "#org+venture+name", text("name")),
            Column(_("Call"), "#meta+call+name", text("call.title")),
            Column(_("Sector"), "#sector", display("", "sector")),
            Column(_("Governorate"), "#adm1+name", text("governorate")),
            Column(_("Village or locality"), "#loc+name", text("locality")),
            Column(_("Amount requested"), "#value+requested", raw("amount_requested")),
            Column(_("Currency"), "#currency", raw("call.currency")),
            Column(_("Jobs planned"), "#indicator+jobs+planned+num", raw("jobs_planned")),
            Column(_("Eligibility"), "#status+eligibility", display("", "eligibility")),
            Column(_("Submitted on"), "#date+submitted", raw("submitted_on")),
            Column(_("Owning organisation"), "#org+name", text("owner")),
        ),
    )
)

register(
    ListExport(
        name="grant_awards",
        title=_("Grant awards"),
        may_read=rules.may_read_any,
        rows=_awards,
        columns=(
            Column(_("Venture or initiative"), "#org+venture+name", text("application.name")),
            Column(_("Call"), "#meta+call+name", text("call.title")),
            Column(_("Sector"), "#sector", display("application", "sector")),
            Column(_("Governorate"), "#adm1+name", text("application.governorate")),
            Column(_("Amount awarded"), "#value+awarded", raw("amount")),
            Column(_("Currency"), "#currency", raw("currency")),
            Column(_("Decided on"), "#date+decided", raw("decided_on")),
            Column(_("Rank"), "#meta+rank+num", raw("rank")),
            Column(_("Departs from the ranking"), "#meta+departure", raw("departs_from_ranking")),
            Column(_("Grant agreement"), "#meta+agreement", raw("agreement_reference")),
            Column(_("Applicant organisation"), "#org+name", text("application.owner")),
        ),
    )
)
