"""Exports of the employment unit's lists: job seekers, employers, farm visits, vacancies,
placements (and the young workers among them), awareness sessions and campaign proposals."""

from __future__ import annotations

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from taawon.employment import rules
from taawon.employment.awareness import queries as awareness_queries
from taawon.employment.awareness.forms import AwarenessFilterForm
from taawon.employment.campaigns import queries as campaign_queries
from taawon.employment.employers import queries as employer_queries
from taawon.employment.employers.forms import EmployerFilterForm
from taawon.employment.employers.models import FarmVisit
from taawon.employment.placements import queries as placement_queries
from taawon.employment.placements import young
from taawon.employment.seekers import queries as seeker_queries
from taawon.employment.seekers.forms import JobSeekerFilterForm
from taawon.employment.vacancies import queries as vacancy_queries
from taawon.employment.vacancies.forms import VacancyFilterForm
from taawon.lib.tabular.export import Column

from ..registry import ListExport, register
from . import display, raw, text
from .people import person_columns

OWNER = Column(_("Owning organisation"), "#org+name", text("owner"))


def _job_seekers(user, params: QueryDict):
    form = JobSeekerFilterForm(params or None)
    return seeker_queries.job_seeker_list(user, **form.filters())


def _employers(user, params: QueryDict):
    form = EmployerFilterForm(params or None)
    return employer_queries.employer_list(user, **form.filters())


def _visits(user, params: QueryDict):
    # As the page reads it (employers.views.visit_list).
    purpose = params.get("purpose", "")
    purpose = purpose if purpose in FarmVisit.Purpose.values else ""
    return employer_queries.visit_list(user, purpose=purpose)


def _vacancies(user, params: QueryDict):
    form = VacancyFilterForm(params or None)
    return vacancy_queries.vacancy_list(user, **form.filters())


def _placements(user, params: QueryDict):
    # As the page reads it (placements.views.placement_list).
    return placement_queries.placement_list(user, follow_up_due=params.get("due") == "1")


def _young_workers(user, params: QueryDict):
    return placement_queries.young_workers_placed(user)


def _awareness(user, params: QueryDict):
    form = AwarenessFilterForm(params or None)
    return awareness_queries.awareness_list(user, **form.filters())


def _campaigns(user, params: QueryDict):
    return campaign_queries.campaign_list(user)


def _employer_name(path: str):
    read = raw(path)

    def name(row) -> str:
        employer = read(row)
        return "" if employer is None else str(employer)

    return name


register(
    ListExport(
        name="job_seekers",
        title=_("Job seekers"),
        may_read=rules.may_read,
        rows=_job_seekers,
        columns=(
            *person_columns("person"),
            Column(_("Registered on"), "#date+registered", raw("registered_on")),
            Column(_("Years of experience"), "#indicator+experience+num", raw("experience_years")),
            Column(_("Available from"), "#date+start", raw("available_from")),
            Column(_("Available until"), "#date+end", raw("available_until")),
            Column(_("Expected wage"), "#value+wage", raw("expected_wage")),
            Column(_("Currency"), "#currency", text("currency")),
            Column(_("Work permit"), "#status+permit", display("", "work_permit_status")),
            OWNER,
        ),
        domain="employment",
        person_level=True,
        persons_of=lambda row: (row.person_id,),
    )
)

register(
    ListExport(
        name="employers",
        title=_("Employers"),
        may_read=rules.may_read,
        rows=_employers,
        columns=(
            Column(_("Number"), "#org+code", raw("pk")),
            Column(_("Name"), "#org+employer+name", _employer_name("")),
            Column(_("Kind"), "#org+type", display("", "kind")),
            Column(_("Sector (ISIC section)"), "#sector+code", raw("sector")),
            Column(_("Sector"), "#sector+name", text("sector_entry.display_name")),
            Column(_("Size"), "#org+size", display("", "size")),
            Column(_("Governorate"), "#adm1+name", text("governorate")),
            Column(_("District"), "#adm2+name", text("district")),
            # A farmer's own name and phone identify a person as much as a job seeker's.
            Column(_("Owner's name"), "#contact+name", text("owner_name"), True),
            Column(_("Contact person"), "#contact+name+person", text("contact_name"), True),
            Column(_("Phone"), "#contact+phone", text("phone"), True),
            OWNER,
        ),
        domain="employment",
        person_level=True,
    )
)

register(
    ListExport(
        name="visits",
        title=_("Farm visits"),
        may_read=rules.may_read,
        rows=_visits,
        columns=(
            Column(_("Number"), "#activity+code", raw("pk")),
            Column(_("Date"), "#date+visit", raw("date")),
            Column(_("Purpose"), "#activity+type", display("", "purpose")),
            Column(_("Employer"), "#org+employer+name", _employer_name("employer")),
            Column(_("Governorate"), "#adm1+name", text("employer.governorate")),
            OWNER,
        ),
    )
)

register(
    ListExport(
        name="vacancies",
        title=_("Vacancies"),
        may_read=rules.may_read,
        rows=_vacancies,
        columns=(
            Column(_("Number"), "#activity+code", raw("pk")),
            Column(_("Job title"), "#activity+name", text("title")),
            Column(_("Occupation"), "#sector+occupation", text("occupation")),
            Column(_("Employer"), "#org+employer+name", _employer_name("employer")),
            Column(_("Positions"), "#capacity+positions+num", raw("positions")),
            Column(_("Start date"), "#date+start", raw("start_date")),
            Column(_("End date"), "#date+end", raw("end_date")),
            Column(_("Wage"), "#value+wage", raw("wage")),
            Column(_("Wage period"), "#value+period", display("", "wage_period")),
            Column(_("Currency"), "#currency", text("currency")),
            Column(_("Work permit required"), "#meta+permit", raw("work_permit_required")),
            Column(_("Status"), "#status", display("", "status")),
            OWNER,
        ),
    )
)

register(
    ListExport(
        name="placements",
        title=_("Placements"),
        may_read=rules.may_read,
        rows=_placements,
        columns=(
            *person_columns("job_seeker.person"),
            Column(_("Employer"), "#org+employer+name", _employer_name("vacancy.employer")),
            Column(_("Occupation"), "#sector+occupation", text("vacancy.occupation")),
            Column(_("Start date"), "#date+start", raw("start_date")),
            Column(_("End date"), "#date+end", raw("end_date")),
            Column(_("Contract"), "#meta+contract", display("", "contract_type")),
            Column(_("Wage"), "#value+wage", raw("wage")),
            Column(_("Wage period"), "#value+period", display("", "wage_period")),
            Column(_("Currency"), "#currency", text("currency")),
            OWNER,
        ),
        domain="employment",
        person_level=True,
        persons_of=lambda row: (row.job_seeker.person_id,),
    )
)

register(
    ListExport(
        name="young_workers",
        title=_("Young workers placed"),
        may_read=rules.may_read,
        rows=_young_workers,
        columns=(
            *person_columns("job_seeker.person"),
            Column(_("Age at start"), "#affected+age", young.age_at_start),
            Column(_("Employer"), "#org+employer+name", _employer_name("vacancy.employer")),
            Column(_("Occupation"), "#sector+occupation", text("vacancy.occupation")),
            Column(_("Hours a week"), "#value+hours", young.weekly_hours),
            Column(_("Hazardous work"), "#indicator+hazardous", young.hazardous),
            Column(_("Start date"), "#date+start", raw("start_date")),
            Column(_("End date"), "#date+end", raw("end_date")),
            OWNER,
        ),
        domain="employment",
        person_level=True,
        persons_of=lambda row: (row.job_seeker.person_id,),
    )
)

register(
    ListExport(
        name="awareness",
        title=_("Awareness sessions"),
        may_read=rules.may_read,
        rows=_awareness,
        columns=(
            Column(_("Number"), "#activity+code", raw("pk")),
            Column(_("Date"), "#date", raw("date")),
            Column(_("Topic"), "#activity+topic", display("", "topic")),
            Column(_("Topic, in a few words"), "#activity+description", text("topic_detail")),
            Column(_("Governorate"), "#adm1+name", text("governorate")),
            Column(_("District"), "#adm2+name", text("district")),
            Column(_("Place"), "#loc+name", text("venue")),
            Column(_("Facilitator"), "#contact+facilitator", text("facilitator")),
            OWNER,
        ),
    )
)

register(
    ListExport(
        name="campaigns",
        title=_("Seasonal campaigns"),
        may_read=rules.may_read,
        rows=_campaigns,
        columns=(
            Column(_("Number"), "#activity+code", raw("pk")),
            Column(_("Name"), "#activity+name", text("name")),
            Column(_("Status"), "#status", display("", "status")),
            Column(_("Positions"), "#capacity+positions+num", raw("positions")),
            Column(_("Candidates"), "#population+candidates+num", raw("candidates")),
            Column(
                _("Women in each vacancy, at least (%)"), "#indicator+f+pct", raw("women_share")
            ),
            Column(
                _("Refugees in each vacancy, at least (%)"),
                "#indicator+refugees+pct",
                raw("refugee_share"),
            ),
            Column(_("Proposed at"), "#date+proposed", raw("proposed_at")),
            Column(_("Referrals created at"), "#date+applied", raw("applied_at")),
            OWNER,
        ),
    )
)
