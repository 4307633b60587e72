"""The needs assessment page and its download: the reader's assessments (scoped submissions of
`coop_needs_assessment`, rejected ones left out) through `needs.analyse`, as charts drawn with
the reports' chart helpers and as one tidy table."""

from __future__ import annotations

import io

from django.http import HttpResponse, QueryDict
from django.utils.translation import gettext as _

from taawon.geo.models import Governorate
from taawon.lib.tabular.export import MEDIA_TYPES, iter_csv, write_xlsx
from taawon.reports.figures import Chart

from . import needs, queries, xforms
from .models import ReviewStatus, SurveyForm


def _labels(form: SurveyForm | None, list_path: str, language: str) -> dict[str, str]:
    if form is None:
        return {}
    version = queries.current_version(form)
    for question in xforms.questions(version.schema):
        if question.path == list_path:
            return {name: xforms.label_in(labels, language) for name, labels in question.choices}
    return {}


def page(user, params: QueryDict, *, language: str) -> dict:
    form = SurveyForm.objects.filter(form_id=needs.FORM_ID).first()
    rows = []
    if form is not None:
        rows = list(
            queries.submissions_for(user)
            .filter(form=form)
            .exclude(status=ReviewStatus.REJECTED)
            .values_list("data", flat=True)
        )
    governorate = params.get("governorate", "")
    value_chain = params.get("value_chain", "")
    result = needs.analyse(rows, governorate=governorate, value_chain=value_chain)
    names = {
        g.iso_code: g.display_name
        for g in Governorate.objects.filter(iso_code__in=list(result.by_governorate))
    }
    chains = _labels(form, "identity/value_chain", language)
    need_names = _labels(form, "assessment/needs", language)
    weakness_names = _labels(form, "assessment/weaknesses", language)
    strength_names = _labels(form, "assessment/strengths", language)

    def bars(title: str, counter, labels: dict[str, str], limit: int | None = None) -> Chart:
        top = counter.most_common(limit)
        return Chart(
            title=title,
            kind="bars",
            categories=[labels.get(k, k) or _("Not given") for k, _n in top],
            series=[(_("Cooperatives"), [n for _k, n in top])],
            unit="cooperatives",
        )

    charts = [
        bars(_("Assessed cooperatives by governorate"), result.by_governorate, names),
        bars(_("Assessed cooperatives by value chain"), result.by_value_chain, chains),
        bars(_("Most frequent needs"), result.needs, need_names, 10),
        bars(_("Most frequent weaknesses"), result.weaknesses, weakness_names, 10),
        bars(_("Most frequent strengths"), result.strengths, strength_names, 10),
    ]
    capacity_labels = {
        "management": _("Management"),
        "finance": _("Financial management"),
        "marketing": _("Marketing"),
        "technical": _("Technical skills"),
    }
    capacity = [
        (capacity_labels[area], result.capacity_average(area)) for area in needs.CAPACITY_AREAS
    ]
    cross = [
        (names.get(gov, gov), [(chains.get(c, c), n) for c, n in counter.most_common()])
        for gov, counter in sorted(result.cross.items(), key=lambda item: names.get(item[0], ""))
    ]
    return {
        "form": form,
        "result": result,
        "charts": [c for c in charts if c.categories],
        "capacity": capacity,
        "cross": cross,
        "governorates": sorted(names.items(), key=lambda item: item[1]),
        "value_chains": sorted(chains.items(), key=lambda item: item[1]),
        "governorate": governorate,
        "value_chain": value_chain,
        "query": params.urlencode(),
    }


def _table(context: dict) -> list[list[object]]:
    rows: list[list[object]] = []
    for chart in context["charts"]:
        for label, value in zip(chart.categories, chart.series[0][1], strict=True):
            rows.append([chart.title, label, value])
    for label, average in context["capacity"]:
        rows.append([_("Average capacity score (1–5)"), label, average])
    return rows


def download(context: dict, fmt: str, *, rtl: bool) -> HttpResponse:
    headers = [_("Table"), _("Category"), _("Value")]
    rows = _table(context)
    if fmt == "csv":
        body = "".join(
            iter_csv(
                headers=headers, hxl=["#meta+table", "#meta+category", "#indicator+num"], rows=rows
            )
        )
        response = HttpResponse(body.encode(), content_type=MEDIA_TYPES["csv"])
    else:
        out = io.BytesIO()
        write_xlsx(out, headers=headers, rows=rows, title=_("Needs assessment"), right_to_left=rtl)
        response = HttpResponse(out.getvalue(), content_type=MEDIA_TYPES["xlsx"])
    response["Content-Disposition"] = f'attachment; filename="needs-assessment.{fmt}"'
    return response
