"""Import errors in the user's language, by their stable code and params.

taawon.lib.tabular and the planner write English messages; what a user reads comes from here,
so that an Arabic page says in Arabic what is wrong with row 1,204. An unknown code falls back
to the English message.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

from taawon.formats.render import format_date
from taawon.lib.tabular import FileError, RowError

TEMPLATES: Mapping[str, object] = {
    # The whole file
    "unsupported_extension": _("Files of this type cannot be imported; upload .xlsx or .csv."),
    "not_a_spreadsheet": _(
        "The file is not a spreadsheet that can be read, whatever its name says; save it as "
        ".xlsx or .csv and upload it again."
    ),
    "legacy_or_encrypted": _(
        "The file is an old-format .xls or a password-protected workbook; save it as .xlsx "
        "without a password."
    ),
    "empty": _("The file is empty or has no header row."),
    "too_large": _("The file is too large; split it into files of at most %(limit_mb)s MB."),
    "zip_bomb": _(
        "The workbook cannot be opened safely (it expands far beyond its size); save it again "
        "from Excel or split it."
    ),
    "too_many_rows": _("The file has more than %(limit)s rows; split it into smaller files."),
    "too_many_columns": _("The header row has too many columns (at most %(limit)s)."),
    "blank_header": _("Column %(column)s has no header; name it or delete the column."),
    "duplicate_header": _("Two columns are headed “%(header)s”; rename one of them."),
    "merged_header": _(
        "Header cells %(cells)s are merged; unmerge them so that each column has its own header."
    ),
    "no_such_sheet": _("The workbook has no sheet named “%(sheet)s”."),
    "undecodable": _("The file's text encoding cannot be read; save it as UTF-8."),
    "missing_column": _(
        "The required column “%(label)s” is missing; add it or choose which column holds it."
    ),
    "unknown_header": _("The file has no column headed “%(header)s”."),
    "header_mapped_twice": _("The column “%(header)s” is chosen for two fields."),
    "unknown_field": _("“%(key)s” is not a column this import reads."),
    "changed_meanwhile": _(
        "The registry changed while the file was being imported; nothing was written. Check "
        "the file again."
    ),
    # One row
    "extra_cells": _("The row has more cells than the header row has columns."),
    "malformed_csv": _("This row cannot be read as CSV (a quote is probably not closed)."),
    "formula": _("The cell holds a formula; replace it by its value (Paste Special > Values)."),
    "required": _("This cell is empty but is required."),
    "duplicate": _("%(value)s is also on row %(first_row)s; each permit number may appear once."),
    "merged_cell": _("The cell is merged into %(cells)s; unmerge the cells and fill every row."),
    "not_a_number": _("“%(value)s” is not a number."),
    "not_an_integer": _("“%(value)s” is not a whole number."),
    "invalid_choice": _("“%(value)s” is not one of the accepted values."),
    "not_a_date": _("“%(value)s” is not a date."),
    "two_digit_year": _("“%(value)s” has a two-digit year; write the year in full."),
    "ambiguous_day_month": _(
        "“%(value)s” could be day/month or month/day, and the file does not say which; write "
        "it as yyyy-mm-dd or choose the file's date order."
    ),
    "impossible_date": _("“%(value)s” is not a real date."),
    "out_of_range": _("“%(value)s” is outside the years this import accepts."),
    "unknown_nationality": _("“%(value)s” is not a nationality we recognise."),
    "unknown_cooperative": _(
        "No cooperative in the registry has the registration number or name “%(value)s”."
    ),
    "bad_identifier": _("The identity document number must be letters and digits (at most 40)."),
    "too_long": _("Enter at most %(limit)s characters."),
    "name_required": _(
        "This person is not in the registry yet: give their name in Arabic or English."
    ),
    "future_date": _("The date is in the future."),
    "expiry_before_issue": _("The expiry date must be after the issue date."),
    "bad_fee": _("The fee must be an amount in dinars from 0 to 10,000 with at most 3 decimals."),
    "bad_phone": _("“%(value)s” is not a valid phone number."),
    "employer_required": _("An employer-specific permit needs the employer's name."),
    "other_person": _(
        "Permit %(number)s is already recorded for another person; check the identity number."
    ),
    "permit_elsewhere": _(
        "Permit %(value)s is recorded under another cooperative; this import cannot change it."
    ),
    "unknown_previous": _("The previous permit %(value)s is neither in the file nor recorded."),
    "previous_other_person": _("The previous permit %(value)s belongs to another person."),
    "renewed_twice": _("Permit %(value)s is renewed by two permits (row %(first_row)s too)."),
    "renewal_not_later": _("A renewal must end after the permit it renews (%(value)s)."),
    "overlap": _(
        "This person holds permit %(other)s from %(start)s to %(end)s; two permits may not be "
        "active on the same days."
    ),
}


DATE_PARAMS = frozenset({"start", "end"})


def _shown_date(value: object) -> object:
    try:
        return format_date(datetime.date.fromisoformat(str(value)), "SHORT_DATE_FORMAT")
    except ValueError:
        return value


def message_for(error: RowError | FileError) -> str:
    template = TEMPLATES.get(error.code)
    if template is None:
        return error.message
    params = dict(error.params)
    # Dates travel as ISO in the stored params; the reader sees them as their language writes
    # them (dd/mm/yyyy).
    for name in DATE_PARAMS & set(params):
        params[name] = _shown_date(params[name])
    if "limit" in params and isinstance(params["limit"], int):
        params.setdefault("limit_mb", params["limit"] // 2**20)
    try:
        return str(template) % params if "%(" in str(template) else str(template)
    except (KeyError, TypeError, ValueError):
        return error.message


HEADINGS = (_("Row"), _("Column"), _("Code"), _("Reason"), _("Value"))

# The columns as the mapping step names them.
COLUMN_LABELS: Mapping[str, object] = {
    "permit_number": _("Permit number"),
    "identifier": _("Identity document number"),
    "identifier_kind": _("Kind of document"),
    "name_ar": _("Name (Arabic)"),
    "name_en": _("Name (English)"),
    "sex": _("Sex"),
    "nationality": _("Nationality"),
    "date_of_birth": _("Date of birth"),
    "phone": _("Phone"),
    "cooperative": _("Cooperative"),
    "sector": _("Sector"),
    "kind": _("Kind of permit"),
    "employer_name": _("Employer"),
    "issued_on": _("Issue date"),
    "expires_on": _("Expiry date"),
    "fee_paid": _("Fee paid"),
    "ministry_reference": _("Ministry reference"),
    "previous_permit_number": _("Previous permit (renewal of)"),
}
