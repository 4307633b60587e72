"""First pass of an import: every row of the file read, typed and checked on its own.

Nothing here needs the registry but the cooperatives (a few hundred, loaded once): a row is
kept when each of its cells is valid, and every problem becomes a RowError with its row
number, column and code. The second pass (`resolving`) looks rows up in the database.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from taawon.lib.crypto import normalise_identifier
from taawon.lib.dates import infer_day_first
from taawon.lib.money import MoneyError, parse_amount
from taawon.lib.phones import phone_or_none
from taawon.lib.tabular import RowError, Table, normalise_header, read_rows

from ..invariants import (
    NUMBER_MAX_LENGTH,
    expires_after_issue,
    in_future,
    normalise_permit_number,
)
from ..services.lifecycle import FEE_CURRENCY, MAX_FEE
from .columns import DEFAULT_IDENTIFIER_KIND, SPECS, nationality_code

# The day/month order is inferred from this many rows (see `date_order`).
DATE_ORDER_SAMPLE = 5_000
IDENTIFIER_MAX_LENGTH = 40


@dataclass(slots=True)
class PlannedRow:
    """One valid row, and what the second pass decides for it."""

    row: int
    number: str
    identifier_kind: str
    identifier: str
    name_ar: str
    name_en: str
    sex: str
    nationality: str
    date_of_birth: datetime.date | None
    phone: str
    cooperative_id: int
    sector: str
    kind: str
    employer_name: str
    issued_on: datetime.date
    expires_on: datetime.date
    fee_paid: Decimal | None
    ministry_reference: str
    previous_number: str
    blind: str = ""
    person_id: int | None = None
    # "identifier", "permit" (the permit is recorded already), "duplicate_check" or "new"
    person_how: str = ""
    existing: dict | None = None
    action: str = ""  # "create", "update" or "unchanged"
    changes: dict = field(default_factory=dict)
    previous_id: int | None = None
    previous_row: PlannedRow | None = None

    @property
    def identity(self) -> tuple[str, str]:
        return (self.identifier_kind, self.blind)


class CooperativeIndex:
    """Cooperatives by registration number or by name (either script), as files write them.

    A name two cooperatives share identifies neither.
    """

    def __init__(self, rows: Iterable[tuple[int, str, str, str]]) -> None:
        self.by_form: dict[str, int | None] = {}
        self.ids: set[int] = set()
        numbers: dict[str, int] = {}
        for pk, number, name_ar, name_en in rows:
            self.ids.add(pk)
            numbers[normalise_header(number)] = pk
            for name in (name_ar, name_en):
                form = normalise_header(name)
                if form:
                    known = self.by_form.get(form, pk)
                    self.by_form[form] = pk if known == pk else None
        # A registration number wins over a name spelt the same.
        self.by_form.update(numbers)

    def find(self, text: str) -> int | None:
        return self.by_form.get(normalise_header(text))


def date_order(table: Table, mapping: Mapping[str, str | None]) -> bool | None:
    """The day/month order the file's first rows agree on; None when they show none (or both),
    and then only dates that read one way alone are accepted (the user may say the order).

    Only the first rows are read: a file's dates are typed one way throughout, and a later
    date typed the other way reads as an impossible date, an error, rather than a wrong one.
    Dates that are real date cells say nothing and need nothing.
    """
    headers = [mapping.get(s.key) for s in SPECS if s.kind == "date" and mapping.get(s.key)]
    if not headers:
        return None
    sample = itertools.islice(table.records(), DATE_ORDER_SAMPLE)
    return infer_day_first(record.values.get(h) for record in sample for h in headers)


def read_file(
    table: Table,
    mapping: Mapping[str, str | None],
    *,
    day_first: bool | None,
    cooperatives: CooperativeIndex,
    today: datetime.date,
    phone_region: str,
) -> tuple[list[PlannedRow], list[RowError], set[str]]:
    """Every valid row, every error of the others (in file order), and every permit number
    the file holds (a renewal of a row in error is not reported as unknown)."""
    header = {spec.key: mapping.get(spec.key) or spec.key for spec in SPECS}
    rows: list[PlannedRow] = []
    errors: list[RowError] = []
    phones: dict[str, str | None] = {}
    numbers: set[str] = set()
    # Cells that repeat (a holder's document on each of their permits, six cooperatives, a
    # few nationalities) are read once.
    identifiers: dict[str, str] = {}
    nationalities: dict[str, str | None] = {}
    coops: dict[str, int | None] = {}

    for row, values, row_errors in read_rows(table, mapping, SPECS, day_first=day_first):
        problems = list(row_errors)

        def problem(key: str, code: str, message: str, **params: object) -> None:
            problems.append(RowError(row, header[key], code, message, params))  # noqa: B023

        number = normalise_permit_number(values["permit_number"])
        numbers.add(number)
        if len(number) > NUMBER_MAX_LENGTH:
            problem(
                "permit_number",
                "too_long",
                f"At most {NUMBER_MAX_LENGTH} characters.",
                limit=NUMBER_MAX_LENGTH,
                value=number,
            )
        identifier = _memo(identifiers, str(values["identifier"] or ""), normalise_identifier)
        if values["identifier"] is not None and (
            not identifier or len(identifier) > IDENTIFIER_MAX_LENGTH
        ):
            problem(
                "identifier",
                "bad_identifier",
                "The identity document number must be letters and digits.",
                value=str(values["identifier"]),
            )
        nationality = ""
        if values["nationality"] is not None:
            nationality = _memo(nationalities, str(values["nationality"]), nationality_code) or ""
            if not nationality:
                problem(
                    "nationality",
                    "unknown_nationality",
                    f"{values['nationality']} is not a nationality.",
                    value=str(values["nationality"]),
                )
        cooperative_id = None
        if values["cooperative"] is not None:
            cooperative_id = _memo(coops, str(values["cooperative"]), cooperatives.find)
            if cooperative_id is None:
                problem(
                    "cooperative",
                    "unknown_cooperative",
                    f"No cooperative {values['cooperative']}.",
                    value=str(values["cooperative"]),
                )
        issued_on, expires_on = values["issued_on"], values["expires_on"]
        if isinstance(issued_on, datetime.date) and in_future(issued_on, today):
            problem("issued_on", "future_date", "The date is in the future.", value=str(issued_on))
        if (
            isinstance(issued_on, datetime.date)
            and isinstance(expires_on, datetime.date)
            and not expires_after_issue(issued_on, expires_on)
        ):
            problem(
                "expires_on",
                "expiry_before_issue",
                "The expiry date must be after the issue date.",
                value=str(expires_on),
            )
        born = values["date_of_birth"]
        if isinstance(born, datetime.date) and born > today:
            problem("date_of_birth", "future_date", "The date is in the future.", value=str(born))
        fee = values["fee_paid"]
        if fee is not None:
            try:
                fee = parse_amount(fee, FEE_CURRENCY, maximum=MAX_FEE)
            except MoneyError:
                problem("fee_paid", "bad_fee", "Not a fee in dinars.", value=str(fee))
        kind = values["kind"] or "flexible"
        employer_name = " ".join(str(values["employer_name"] or "").split())
        if kind == "employer" and not employer_name:
            problem("employer_name", "employer_required", "Name the employer.")
        for key, limit in (("employer_name", 200), ("ministry_reference", 50)):
            text = " ".join(str(values[key] or "").split())
            if len(text) > limit:
                problem(key, "too_long", f"At most {limit} characters.", limit=limit, value=text)
        raw_phone = str(values["phone"] or "").strip()
        phone = ""
        if raw_phone:
            if raw_phone not in phones:
                phones[raw_phone] = phone_or_none(raw_phone, phone_region)
            phone = phones[raw_phone] or ""
            if not phone:
                problem("phone", "bad_phone", f"{raw_phone} is not a phone.", value=raw_phone)
        names = {}
        for key in ("name_ar", "name_en"):
            names[key] = " ".join(str(values[key] or "").split())
            if len(names[key]) > 400:
                problem(key, "too_long", "At most 400 characters.", limit=400, value=names[key])

        if problems:
            errors.extend(problems)
            continue
        rows.append(
            PlannedRow(
                row=row,
                number=number,
                identifier_kind=values["identifier_kind"] or DEFAULT_IDENTIFIER_KIND,
                identifier=identifier,
                name_ar=names["name_ar"],
                name_en=names["name_en"],
                sex=values["sex"],
                nationality=nationality,
                date_of_birth=born,
                phone=phone,
                cooperative_id=cooperative_id,
                sector=values["sector"],
                kind=kind,
                employer_name=employer_name if kind == "employer" else "",
                issued_on=issued_on,
                expires_on=expires_on,
                fee_paid=fee,
                ministry_reference=" ".join(str(values["ministry_reference"] or "").split()),
                previous_number=normalise_permit_number(values["previous_permit_number"]),
            )
        )
    return rows, errors, numbers


def _memo(memo: dict, text: str, read):
    try:
        return memo[text]
    except KeyError:
        memo[text] = value = read(text)
        return value
