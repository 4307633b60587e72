"""The progress report of a period, as a PDF: title, period, headline figures, charts, tables.

The caller (a view) has computed the figures for its viewer, within the viewer's scope and with
small cells suppressed where the viewer's role asks for it; this only lays them out, in the
active language.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.template.loader import render_to_string
from django.utils import timezone

from taawon.reports.figures import Chart, HeadlineFigure
from taawon.reports.pdf import render_pdf


def progress_report_html(
    *,
    title: str,
    start: datetime.date,
    end: datetime.date,
    figures: Sequence[HeadlineFigure],
    charts: Sequence[Chart] = (),
    scope: str = "",
    notes: Sequence[str] = (),
) -> str:
    return render_to_string(
        "reports/progress_report.html",
        {
            "title": title,
            "start": start,
            "end": end,
            "figures": figures,
            "charts": charts,
            "scope": scope,
            "notes": notes,
            "made": timezone.now(),
            "for_pdf": True,
        },
    )


def progress_report_pdf(
    *,
    title: str,
    start: datetime.date,
    end: datetime.date,
    figures: Sequence[HeadlineFigure],
    charts: Sequence[Chart] = (),
    scope: str = "",
    notes: Sequence[str] = (),
) -> bytes:
    """The report's PDF in the active language (activate "ar" for the Arabic one)."""
    html = progress_report_html(
        title=title, start=start, end=end, figures=figures, charts=charts, scope=scope, notes=notes
    )
    return render_pdf(html)
