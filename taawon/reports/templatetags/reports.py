"""Dashboard pieces from plain values (figures.py):

{% load reports %}
{% dashboard figures charts %}         cards, then each chart with its table, and the
                                       stylesheet for print and phones
{% headline_cards figures %}           the cards alone
{% chart_panel chart %}                one chart and its table
{% chart_panel chart for_pdf=True %}   in the PDF: shaped labels, the table always shown
"""

from __future__ import annotations

from collections.abc import Sequence

from django import template

from taawon.reports.charts import NARROW, cell_text, share_text, svg
from taawon.reports.figures import Chart, HeadlineFigure

register = template.Library()


def card(figure: HeadlineFigure) -> dict:
    return {
        "label": figure.label,
        "value": cell_text(figure.value),
        "women": share_text(figure.women, figure.value),
        "syrians": share_text(figure.syrians, figure.value),
        "definition": figure.definition,
        "url": figure.url,
    }


def table(chart: Chart) -> dict:
    """The chart's numbers as a table: a row per category, a column per series, totals."""
    totals = bool(chart.row_totals) and len(chart.series) > 1
    rows = []
    for index, category in enumerate(chart.categories):
        cells = [cell_text(values[index]) for _, values in chart.series]
        if totals:
            cells.append(cell_text(chart.row_totals[index]))
        rows.append((category, cells))
    footer = [cell_text(c) for c in chart.column_totals]
    if footer and totals:
        footer.append(cell_text(chart.total))
    return {
        "heading": chart.heading,
        "columns": [name for name, _ in chart.series],
        "totals": totals,
        "rows": rows,
        "footer": footer,
    }


@register.inclusion_tag("reports/includes/headline_cards.html")
def headline_cards(figures: Sequence[HeadlineFigure]) -> dict:
    return {"cards": [card(f) for f in figures]}


@register.inclusion_tag("reports/includes/chart.html", takes_context=True)
def chart_panel(context: template.Context, chart: Chart, for_pdf: bool | None = None) -> dict:
    for_pdf = bool(context.get("for_pdf")) if for_pdf is None else for_pdf
    return {
        "chart": chart,
        "svg": svg(chart, for_pdf=for_pdf),
        # Pages only (paper has one width): the same chart drawn for a phone's screen.
        "narrow_svg": None if for_pdf else svg(chart, width=NARROW),
        "table": table(chart),
        "for_pdf": for_pdf,
    }


@register.inclusion_tag("reports/includes/dashboard.html", takes_context=True)
def dashboard(
    context: template.Context, figures: Sequence[HeadlineFigure], charts: Sequence[Chart]
) -> dict:
    return {"figures": figures, "charts": charts, "for_pdf": bool(context.get("for_pdf"))}
