"""Exports of the training lists: events, participants (pseudonymised like every person-level
list), certified trainers and the catalogue, through `training.queries` and its filters."""

from __future__ import annotations

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from taawon.lib.tabular.export import Column
from taawon.training import queries, rules
from taawon.training.forms import EventFilterForm, ParticipantFilterForm

from ..registry import ListExport, register
from . import display, raw, text
from .people import person_columns


def _events(user, params: QueryDict):
    return queries.event_list(user, **EventFilterForm(params or None).filters())


def _participants(user, params: QueryDict):
    return queries.participant_list(user, **ParticipantFilterForm(params or None).filters())


def _trainers(user, params: QueryDict):
    return queries.trainers_for(user).select_related("person__governorate", "tot_event__owner")


def _courses(user, params: QueryDict):
    return queries.courses()


register(
    ListExport(
        name="training_events",
        title=_("Training events"),
        may_read=rules.may_read_any,
        rows=_events,
        columns=(
            Column(_("Event number"), "#activity+code", raw("pk")),
            Column(_("Title"), "#activity+name", text("")),
            Column(_("Course"), "#activity+course", text("course")),
            Column(_("Kind"), "#activity+type", display("", "kind")),
            Column(_("Mode"), "#activity+mode", display("", "mode")),
            Column(_("Language"), "#meta+lang", display("", "language")),
            Column(_("First day"), "#date+start", raw("start_date")),
            Column(_("Last day"), "#date+end", raw("end_date")),
            Column(_("Place"), "#loc+name", text("place")),
            Column(_("Online platform"), "#meta+platform", text("platform")),
            Column(_("Organiser"), "#org+organiser", text("organiser")),
            Column(_("Partner"), "#org+partner", text("partner")),
            Column(_("Planned participants"), "#targeted+num", raw("planned_participants")),
            Column(_("Participants"), "#reached+num", raw("participant_count")),
            Column(_("Owning organisation"), "#org+name", text("owner")),
        ),
    )
)

register(
    ListExport(
        name="training_participants",
        title=_("Training participants"),
        may_read=rules.may_read_any,
        rows=_participants,
        columns=(
            *person_columns("person"),
            Column(_("Event number"), "#activity+code", raw("event_id")),
            Column(_("Course"), "#activity+course", text("event.course")),
            Column(_("Kind"), "#activity+type", display("event", "kind")),
            Column(_("First day"), "#date+start", raw("event.start_date")),
            Column(_("Cooperative represented"), "#org+cooperative", text("cooperative")),
            Column(_("Venture represented"), "#org+venture", text("venture_label")),
            Column(_("Role"), "#meta+role", display("", "role")),
            Column(_("Days present"), "#meta+days+num", raw("days_attended")),
            Column(_("Pre-test score"), "#meta+score+pre+num", raw("pre_score")),
            Column(_("Post-test score"), "#meta+score+post+num", raw("post_score")),
            Column(_("Gain"), "#meta+score+gain+num", raw("gain")),
            Column(_("Completed"), "#meta+completed", raw("completed")),
            Column(_("Certificate issued on"), "#date+certified", raw("certificate_issued_on")),
            Column(_("Owning organisation"), "#org+name", text("event.owner")),
        ),
        domain="training",
        person_level=True,
        owners_of=lambda row: (row.event.owner_id,),
        persons_of=lambda row: (row.person_id,),
    )
)

register(
    ListExport(
        name="training_trainers",
        title=_("Certified trainers"),
        may_read=rules.may_read_any,
        rows=_trainers,
        columns=(
            *person_columns("person"),
            Column(_("Course"), "#activity+course", text("course")),
            Column(_("Training of trainers"), "#activity+code", raw("tot_event_id")),
            Column(_("Certified on"), "#date+certified", raw("certified_on")),
            Column(_("Owning organisation"), "#org+name", text("tot_event.owner")),
        ),
        domain="training",
        person_level=True,
        owners_of=lambda row: (row.tot_event.owner_id,),
        persons_of=lambda row: (row.person_id,),
    )
)

register(
    ListExport(
        name="training_courses",
        title=_("Training catalogue"),
        may_read=rules.may_read_any,
        rows=_courses,
        columns=(
            Column(_("Code"), "#activity+code", text("code")),
            Column(_("Course"), "#activity+name", text("")),
            Column(_("Subject"), "#sector", display("", "subject")),
            Column(
                _("Minimum attendance (%)"), "#meta+attendance+num", raw("min_attendance_percent")
            ),
            Column(_("Test scale"), "#meta+scale+num", raw("score_max")),
            Column(_("Events"), "#activity+num", raw("event_count")),
        ),
    )
)
