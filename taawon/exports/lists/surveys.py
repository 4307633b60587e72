"""Exports of the surveys lists: the forms and the submissions the reader sees (the list
pages' filters). A submission's answers are exported per form, with its repeats as separate
sheets, from the form's page (`surveys.tables`); this list holds no answer."""

from __future__ import annotations

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from taawon.lib.tabular.export import Column
from taawon.surveys import queries, rules
from taawon.surveys.forms import FormFilterForm, SubmissionFilterForm

from ..registry import ListExport, register
from . import display, raw, text


def _forms(user, params: QueryDict):
    return queries.form_list(user, **FormFilterForm(params or None).filters())


def _submissions(user, params: QueryDict):
    return queries.submission_list(user, **SubmissionFilterForm(params or None).filters())


register(
    ListExport(
        name="survey_forms",
        title=_("Survey forms"),
        may_read=rules.may_read_any,
        rows=_forms,
        columns=(
            Column(_("Form ID"), "#meta+form+code", text("form_id")),
            Column(_("Title"), "#meta+form+name", text("title")),
            Column(_("Versions"), "#meta+versions+num", raw("version_count")),
            Column(_("Status"), "#status", display("", "status")),
            Column(_("Owning organisation"), "#org+name", text("owner")),
        ),
    )
)

register(
    ListExport(
        name="survey_submissions",
        title=_("Survey submissions"),
        may_read=rules.may_read_any,
        rows=_submissions,
        columns=(
            Column(_("Instance ID"), "#meta+instance+code", text("instance_id")),
            Column(_("Form ID"), "#meta+form+code", text("form.form_id")),
            Column(_("Version"), "#meta+version", text("version.version")),
            Column(_("Received at"), "#date+received", raw("received_at")),
            Column(_("Review status"), "#status", display("", "status")),
            Column(_("Owning organisation"), "#org+name", text("owner")),
        ),
    )
)
