"""Attendance sheets: the XLSX printed before an event (one row per participant, one column
per session day to tick), and the reading of the filled sheet uploaded after it.

Reading goes through the project's import helpers (`taawon.lib.tabular`: the file's kind,
size, zip bombs, formulas and merged cells checked there) and writes nothing: it returns the
plan (who was present on which day) and every error with its row and column, so that the
upload's dry run shows both before the commit writes the plan.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from taawon.lib.tabular import FileError, open_table
from taawon.lib.tabular.values import formula_text, is_formula

from .models import Event, Participant

NUMBER_HEADER = "No."
NAME_HEADER = "Name"
COOPERATIVE_HEADER = "Cooperative"
# What a ticked cell may hold, in either language; a blank cell (or one of ABSENT) is absence.
PRESENT = frozenset({"x", "✓", "✔", "1", "yes", "y", "p", "present", "نعم", "حاضر", "ح"})
ABSENT = frozenset({"0", "no", "n", "-", "a", "absent", "لا", "غائب", "غ"})
EXCEL_EPOCH = datetime.date(1899, 12, 30)
MAX_SHEET_BYTES = 2 * 1024 * 1024
MAX_SHEET_ROWS = 2_000


def sheet_xlsx(event: Event, participants: list[Participant], days: list[datetime.date]) -> bytes:
    """The sheet to print and fill in: the participant's number (kept for the upload), name
    and cooperative, then a column per session day headed by its date (yyyy-mm-dd)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Attendance"
    sheet.sheet_view.rightToLeft = event.language == "ar"
    bold = Font(bold=True)
    headers = [NUMBER_HEADER, NAME_HEADER, COOPERATIVE_HEADER, *(d.isoformat() for d in days)]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = bold
        cell.alignment = Alignment(horizontal="center")
    for participant in participants:
        person = participant.person
        name = person.name_ar if event.language == "ar" and person.name_ar else person.name_en
        coop = participant.cooperative
        venture = participant.venture.application.name if participant.venture_id else ""
        sheet.append(
            [
                participant.pk,
                name or person.name_ar,
                (coop.name_ar or coop.name_en) if coop else venture,
                *([""] * len(days)),
            ]
        )
    sheet.column_dimensions["A"].width = 8
    sheet.column_dimensions["B"].width = 32
    sheet.column_dimensions["C"].width = 32
    sheet.freeze_panes = "D2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def sheet_pdf(event: Event, participants: list[Participant], days: list[datetime.date]) -> bytes:
    """The same sheet as a PDF to print, in the event's language."""
    from django.template.loader import render_to_string
    from django.utils import translation

    from taawon.reports.pdf import render_pdf

    with translation.override(event.language):
        html = render_to_string(
            "training/sheet.html",
            {
                "event": event,
                "participants": participants,
                "days": days,
                "LANGUAGE_CODE": event.language,
                "LANGUAGE_BIDI": event.language == "ar",
            },
        )
    return render_pdf(html)


@dataclass
class SheetError:
    row: int
    column: str
    message: str


@dataclass
class SheetPlan:
    """Who was present on which session day, by participant id; and what is wrong."""

    present: dict[int, set[datetime.date]] = field(default_factory=dict)
    errors: list[SheetError] = field(default_factory=list)

    @property
    def marks(self) -> int:
        return sum(len(days) for days in self.present.values())


def _header_date(header: str) -> datetime.date | None:
    text = header.strip()
    try:
        return datetime.date.fromisoformat(text[:10])
    except ValueError:
        pass
    if text.isdigit() and 20000 < int(text) < 80000:
        # A date cell that the spreadsheet kept as its serial number.
        return EXCEL_EPOCH + datetime.timedelta(days=int(text))
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def read_sheet(
    name: str,
    data: bytes,
    *,
    event: Event,
    participant_ids: set[int],
    session_days: set[datetime.date],
) -> SheetPlan:
    """The plan of a filled sheet for `event`; raises FileError when the file is unreadable."""
    plan = SheetPlan()
    with open_table(name, data, max_bytes=MAX_SHEET_BYTES, max_rows=MAX_SHEET_ROWS) as table:
        if NUMBER_HEADER not in table.headers:
            raise FileError(
                "missing_column",
                f"The required column '{NUMBER_HEADER}' is missing.",
                {"label": NUMBER_HEADER},
            )
        day_columns: dict[str, datetime.date] = {}
        for header in table.headers:
            if header in (NUMBER_HEADER, NAME_HEADER, COOPERATIVE_HEADER):
                continue
            day = _header_date(header)
            if day is None:
                continue  # a column of the user's own (a signature, a note) is left alone
            if day not in session_days:
                plan.errors.append(
                    SheetError(
                        table.header_row,
                        header,
                        _("%(date)s is not a session day of this event (%(start)s to %(end)s).")
                        % {
                            "date": day.isoformat(),
                            "start": event.start_date.isoformat(),
                            "end": event.end_date.isoformat(),
                        },
                    )
                )
                continue
            day_columns[header] = day
        if not day_columns and not plan.errors:
            plan.errors.append(
                SheetError(
                    table.header_row, "", _("The sheet has no column headed by a session day.")
                )
            )
        seen: dict[int, int] = {}
        for record in table.records():
            for error in record.errors:
                plan.errors.append(SheetError(record.row, error.column, error.message))
            raw = record.values.get(NUMBER_HEADER)
            try:
                number = int(str(raw).strip().split(".")[0]) if raw is not None else None
            except ValueError:
                number = None
            if number is None or number not in participant_ids:
                plan.errors.append(
                    SheetError(
                        record.row,
                        NUMBER_HEADER,
                        _("“%(value)s” is not the number of a participant of this event.")
                        % {"value": "" if raw is None else str(raw)[:40]},
                    )
                )
                continue
            if number in seen:
                plan.errors.append(
                    SheetError(
                        record.row,
                        NUMBER_HEADER,
                        _("This participant is also on row %(row)s.") % {"row": seen[number]},
                    )
                )
                continue
            seen[number] = record.row
            days = plan.present.setdefault(number, set())
            for header, day in day_columns.items():
                cell = record.values.get(header)
                if is_formula(cell):
                    plan.errors.append(
                        SheetError(
                            record.row,
                            header,
                            _("The cell holds the formula %(formula)s; write x or leave it empty.")
                            % {"formula": formula_text(cell)[:60]},
                        )
                    )
                    continue
                text = "" if cell is None else str(cell).strip().lower()
                if text.endswith(".0"):
                    text = text[:-2]
                if text in PRESENT or cell is True:
                    days.add(day)
                elif text and text not in ABSENT and cell is not False:
                    plan.errors.append(
                        SheetError(
                            record.row,
                            header,
                            _("“%(value)s” is not a tick: write x for present, or leave it empty.")
                            % {"value": str(cell)[:40]},
                        )
                    )
    return plan
