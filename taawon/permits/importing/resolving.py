"""Second pass of an import: the rows met with the registry and the recorded permits.

Everything is read in bulk, one query per chunk of values: holders by the blind index of
their identity document, permits by number, the permits each holder already has. Rows whose
holder the identifier does not find go through the registry's duplicate check, once per
person (a holder renewed three times is on three rows); a confident single match links them,
anything else registers a new person (batch duplicate detection reviews those later).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from taawon.core.crypto import cipher
from taawon.lib.person_match import PersonRecord
from taawon.lib.tabular import RowError
from taawon.people import candidates as people_candidates

from .. import queries
from ..invariants import Term, overlap, renewal_ends_later
from ..models import Permit, PermitStatus
from .chunked import chunks
from .columns import split_full_name
from .matching import confident_matches
from .reading import PlannedRow

# A registry person is taken for the row's holder without an identifier match only when the
# duplicate check is this sure of them, and of no one else.
LINK_SCORE = 0.99
# What an update compares and changes: the permit's own values, never its holder or status.
COMPARED = (
    "cooperative_id",
    "sector",
    "kind",
    "employer_name",
    "issued_on",
    "expires_on",
    "fee_paid",
    "ministry_reference",
)
EXISTING_FIELDS = ("id", "permit_number", "person_id", "status", "previous_id", *COMPARED)


@dataclass
class Resolution:
    rows: list[PlannedRow]
    errors: list[RowError]
    counts: dict[str, int] = field(default_factory=dict)


def resolve(
    rows: list[PlannedRow],
    *,
    header: dict[str, str],
    numbers_in_file: set[str] = frozenset(),
    cooperatives: set[int] | None = None,
) -> Resolution:
    """Holders, recorded permits, renewals and overlaps for `rows`; each row's action.

    `cooperatives` (None: any) are those whose recorded permits the import may change: a
    permit number recorded under another cooperative is an error, not a move.
    """
    errors: list[RowError] = []
    bad: set[int] = set()

    def fail(row: PlannedRow, key: str, code: str, message: str, **params: object) -> None:
        errors.append(RowError(row.row, header[key], code, message, params))
        bad.add(row.row)

    index = cipher()
    for row in rows:
        row.blind = index.blind_index(row.identifier_kind, row.identifier)
    holders = people_candidates.holders_by_identity({row.identity for row in rows})
    numbers = {row.number for row in rows} | {r.previous_number for r in rows if r.previous_number}
    existing = _permits_by_number(numbers)

    unresolved: dict[tuple[str, str], list[PlannedRow]] = defaultdict(list)
    for row in rows:
        recorded = existing.get(row.number)
        holder = holders.get(row.identity)
        if recorded is not None:
            if cooperatives is not None and recorded["cooperative_id"] not in cooperatives:
                fail(
                    row,
                    "permit_number",
                    "permit_elsewhere",
                    "The permit is recorded under a cooperative this import cannot change.",
                    value=row.number,
                )
                continue
            if holder is not None and holder != recorded["person_id"]:
                fail(
                    row,
                    "identifier",
                    "other_person",
                    "The permit is recorded for another person.",
                    number=row.number,
                )
                continue
            row.existing = recorded
            row.person_id = recorded["person_id"]
            row.person_how = "identifier" if holder is not None else "permit"
        elif holder is not None:
            row.person_id, row.person_how = holder, "identifier"
        else:
            unresolved[row.identity].append(row)
    _check_duplicates(unresolved, fail)

    by_number = {row.number: row for row in rows if row.row not in bad}
    _link_previous(rows, by_number, existing, fail, bad, numbers_in_file)
    for row in rows:
        if row.row not in bad:
            _decide_action(row)
    _check_overlaps([row for row in rows if row.row not in bad], fail)

    kept = [row for row in rows if row.row not in bad]
    counts = {
        "create": sum(row.action == "create" for row in kept),
        "update": sum(row.action == "update" for row in kept),
        "unchanged": sum(row.action == "unchanged" for row in kept),
        "persons_by_identifier": len({r.person_id for r in kept if r.person_how == "identifier"}),
        "persons_by_duplicate_check": len(
            {r.person_id for r in kept if r.person_how == "duplicate_check"}
        ),
        "persons_new": len({r.identity for r in kept if r.person_how == "new"}),
    }
    return Resolution(rows=kept, errors=errors, counts=counts)


# ---- Holders ------------------------------------------------------------------------------


def person_values(row: PlannedRow) -> dict:
    """A new holder's registry values from the row (see `writing` for what else is set)."""
    arabic, latin = split_full_name(row.name_ar), split_full_name(row.name_en)
    return {
        "given_name_ar": arabic.given,
        "father_name_ar": arabic.father,
        "grandfather_name_ar": arabic.grandfather,
        "family_name_ar": arabic.family,
        "given_name_en": latin.given,
        "father_name_en": latin.father,
        "grandfather_name_en": latin.grandfather,
        "family_name_en": latin.family,
        "sex": row.sex,
        "nationality": row.nationality,
        "date_of_birth": row.date_of_birth,
        "birth_year": row.date_of_birth.year if row.date_of_birth else None,
        "phone": row.phone,
    }


def _check_duplicates(unresolved: dict[tuple[str, str], list[PlannedRow]], fail) -> None:
    """Link each unresolved holder by the registry's duplicate check, or mark them new."""
    named: dict[tuple[str, str], list[PlannedRow]] = {}
    for identity, group in unresolved.items():
        if group[0].name_ar or group[0].name_en:
            named[identity] = group
            continue
        for row in group:
            fail(row, "name_ar", "name_required", "A new person needs a name.")
    records = _HolderRecords(named)
    matches = confident_matches(records, min_score=LINK_SCORE)
    for identity, group in named.items():
        match = matches.get(identity)
        for row in group:
            row.person_id = match
            row.person_how = "duplicate_check" if match else "new"


class _HolderRecords(Mapping[tuple[str, str], PersonRecord]):
    """The matcher's record of each holder, made from their first row when it is asked for
    and not kept: the duplicate check reads a round of holders at a time, and a file of
    180,000 holders would otherwise hold as many records (a few hundred MB) all along."""

    def __init__(self, groups: dict[tuple[str, str], list[PlannedRow]]) -> None:
        self._groups = groups

    def __getitem__(self, identity: tuple[str, str]) -> PersonRecord:
        return _record(self._groups[identity][0])

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self._groups)

    def __len__(self) -> int:
        return len(self._groups)


def _record(row: PlannedRow) -> PersonRecord:
    """The matcher's view of a holder described by a row."""
    values = person_values(row)
    return PersonRecord(
        id=None,
        given_ar=values["given_name_ar"],
        father_ar=values["father_name_ar"],
        grandfather_ar=values["grandfather_name_ar"],
        family_ar=values["family_name_ar"],
        given_en=values["given_name_en"],
        father_en=values["father_name_en"],
        grandfather_en=values["grandfather_name_en"],
        family_en=values["family_name_en"],
        sex=row.sex,
        birth_date=row.date_of_birth,
        birth_year=row.date_of_birth.year if row.date_of_birth else None,
        phone=row.phone,
        identifiers=frozenset({f"{row.identifier_kind}:{row.blind}"}),
    )


# ---- Permits ------------------------------------------------------------------------------


def _permits_by_number(numbers: set[str]) -> dict[str, dict]:
    found = {}
    for batch in chunks(sorted(numbers)):
        for values in Permit.objects.filter(permit_number__in=batch).values(*EXISTING_FIELDS):
            found[values["permit_number"]] = values
    return found


def _same_holder(a: PlannedRow, b: PlannedRow) -> bool:
    if a.person_id is not None or b.person_id is not None:
        return a.person_id == b.person_id
    return a.identity == b.identity


def _link_previous(rows, by_number, existing, fail, bad, numbers_in_file) -> None:
    """Renewals: the permit a row renews, in the file or recorded, held by the same person,
    renewed once only and ending before the renewal does."""
    renewed_by: dict[str, PlannedRow] = {}
    for row in rows:
        if not row.previous_number or row.row in bad:
            continue
        key = "previous_permit_number"
        if row.previous_number == row.number:
            fail(row, key, "unknown_previous", "A permit cannot renew itself.", value=row.number)
            continue
        first = renewed_by.setdefault(row.previous_number, row)
        if first is not row:
            fail(
                row,
                key,
                "renewed_twice",
                "Renewed twice in the file.",
                value=row.previous_number,
                first_row=first.row,
            )
            continue
        in_file = by_number.get(row.previous_number)
        recorded = existing.get(row.previous_number)
        if in_file is not None:
            holder_ok = _same_holder(row, in_file)
            previous_end = in_file.expires_on
            row.previous_row = in_file
            row.previous_id = (in_file.existing or {}).get("id")
        elif recorded is not None:
            holder_ok = row.person_id == recorded["person_id"]
            previous_end = recorded["expires_on"]
            row.previous_id = recorded["id"]
        elif row.previous_number in numbers_in_file:
            continue  # its row has an error of its own, reported there
        else:
            fail(
                row, key, "unknown_previous", "Unknown previous permit.", value=row.previous_number
            )
            continue
        if not holder_ok:
            fail(
                row,
                key,
                "previous_other_person",
                "The previous permit is another person's.",
                value=row.previous_number,
            )
        elif not renewal_ends_later(row.expires_on, previous_end):
            fail(
                row, "expires_on", "renewal_not_later", "Ends too early.", value=row.previous_number
            )
    _check_recorded_renewals([r for r in rows if r.previous_id and r.row not in bad], fail)


def _check_recorded_renewals(rows: Sequence[PlannedRow], fail) -> None:
    """A recorded permit already renewed by a recorded permit that is not this row's."""
    if not rows:
        return
    renewals: dict[int, str] = {}
    for batch in chunks(sorted({row.previous_id for row in rows})):
        for previous_id, number, pk in (
            queries.live_renewals()
            .filter(previous_id__in=batch)
            .values_list("previous_id", "permit_number", "pk")
        ):
            renewals[previous_id] = number or str(pk)
    for row in rows:
        other = renewals.get(row.previous_id)
        if other is not None and other != row.number:
            fail(
                row,
                "previous_permit_number",
                "renewed_twice",
                "Already renewed.",
                value=row.previous_number,
                first_row="—",
            )


def _decide_action(row: PlannedRow) -> None:
    if row.existing is None:
        row.action = "create"
        return
    wanted = {name: getattr(row, name) for name in COMPARED}
    if row.previous_id is not None or row.previous_row is not None:
        wanted["previous_id"] = row.previous_id
    row.changes = {
        name: value
        for name, value in wanted.items()
        if row.existing.get(name) != value and not (name == "previous_id" and value is None)
    }
    row.action = "update" if row.changes else "unchanged"


def _check_overlaps(rows: list[PlannedRow], fail) -> None:
    """No two issued permits of one holder on the same days (invariants.overlap), recorded
    ones included but for those the file holds; each overlap is reported on the later row."""
    recorded = queries.issued_terms(
        {row.person_id for row in rows if row.person_id is not None},
        leave_out={row.number for row in rows},
    )
    groups: dict[object, list[PlannedRow]] = defaultdict(list)
    for row in rows:
        if row.existing is not None and row.existing["status"] != PermitStatus.ISSUED:
            continue  # a cancelled permit stays cancelled: its dates block nothing
        groups[row.person_id if row.person_id is not None else row.identity].append(row)
    for holder, group in groups.items():
        others = recorded.get(holder, []) if isinstance(holder, int) else []
        if len(group) + len(others) < 2:
            continue
        group.sort(key=lambda r: (r.issued_on, r.row))
        terms = [_term(row) for row in group]
        for i, row in enumerate(group):
            other = overlap(terms[i], terms[:i]) or overlap(terms[i], others)
            if other is not None:
                fail(
                    row,
                    "issued_on",
                    "overlap",
                    f"Overlaps permit {other.number}.",
                    other=other.number,
                    start=other.start.isoformat(),
                    end=other.end.isoformat(),
                    value=row.issued_on.isoformat(),
                )


def _term(row: PlannedRow) -> Term:
    return Term(row.number, row.issued_on, row.expires_on, row.previous_number or None)
