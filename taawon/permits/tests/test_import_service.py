"""The import itself (services.imports.import_file): dry run, all-or-nothing commit,
re-import, holders, and every kind of bad file the ministry's lists come as."""

import datetime
import io

import pytest

from taawon.core.exceptions import PermissionDenied
from taawon.core.models import AuditEvent
from taawon.people.models import Person

from ..importing.columns import SPECS
from ..importing.messages import message_for
from ..models import Permit
from ..services import imports
from .factories import issued
from .import_files import (
    ARABIC_HEADERS,
    HEADERS,
    csv_bytes,
    people,
    row,
    xlsx_bytes,
    zip_bomb,
)

TODAY = datetime.date(2024, 1, 15)
# The column keys of import_files.HEADERS, in order.
KEYS = (
    "permit_number",
    "identifier",
    "name_ar",
    "name_en",
    "sex",
    "nationality",
    "date_of_birth",
    "cooperative",
    "sector",
    "issued_on",
    "expires_on",
    "fee_paid",
)


def run(data, *, name="permits.csv", dry_run=False, by=None, owner=None, **kwargs):
    return imports.import_file(
        name=name, data=data, dry_run=dry_run, imported_by=by, owner=owner, today=TODAY, **kwargs
    )


def codes(outcome):
    return [(getattr(e, "row", None), getattr(e, "column", ""), e.code) for e in outcome.all_errors]


def test_a_dry_run_counts_what_a_commit_would_do_and_writes_nothing(world, writes_nothing):
    data = csv_bytes(people(3))
    with writes_nothing():
        outcome = run(data, dry_run=True)
    assert outcome.ok, codes(outcome)
    assert not outcome.committed
    assert outcome.counts["rows"] == 3
    assert outcome.counts["create"] == 3
    assert outcome.counts["update"] == outcome.counts["unchanged"] == 0
    assert outcome.counts["persons_new"] == 3


def test_it_imports_a_file_and_importing_it_again_changes_nothing(world):
    data = csv_bytes(people(5))
    first = run(data)
    assert first.committed, codes(first)
    assert first.counts["permits_created"] == 5
    assert first.counts["persons_created"] == 5
    permit = Permit.objects.get(permit_number="WP-00003")
    assert permit.status == Permit.Status.ISSUED
    assert permit.cooperative == world.coop_a
    assert permit.owner == world.coop_a.organisation
    assert permit.expires_on == datetime.date(2024, 2, 29)
    assert permit.person.nationality == "SY"
    counts = (Permit.objects.count(), Person.objects.count(), AuditEvent.objects.count())

    second = run(data)
    assert second.committed, codes(second)
    assert second.counts["create"] == second.counts["update"] == 0
    assert second.counts["unchanged"] == 5
    assert second.counts["persons_by_identifier"] == 5
    assert second.counts["permits_created"] == second.counts["persons_created"] == 0
    assert (Permit.objects.count(), Person.objects.count(), AuditEvent.objects.count()) == counts


def test_a_changed_row_updates_its_permit_and_only_that_one(world):
    rows = people(3)
    run(csv_bytes(rows))
    rows[1] = people(1, start=2, **{"Expiry date": "2024-03-31", "Fee": "12.5"})[0]
    outcome = run(csv_bytes(rows), dry_run=True)
    assert (outcome.counts["create"], outcome.counts["update"], outcome.counts["unchanged"]) == (
        0,
        1,
        2,
    )
    outcome = run(csv_bytes(rows))
    assert outcome.counts["permits_updated"] == 1
    permit = Permit.objects.get(permit_number="WP-00002")
    assert permit.expires_on == datetime.date(2024, 3, 31)
    assert str(permit.fee_paid) == "12.500"


def test_one_bad_row_in_the_middle_of_the_file_writes_nothing(world, writes_nothing):
    rows = people(40)
    rows[19] = people(1, start=20, **{"Issue date": "2023-02-30"})[0]
    with writes_nothing():
        outcome = run(xlsx_bytes(rows), name="permits.xlsx")
    assert not outcome.committed
    assert codes(outcome) == [(21, "Issue date", "impossible_date")]
    assert outcome.counts["rows"] == 40
    assert outcome.counts["rows_with_errors"] == 1


def test_a_holder_is_found_by_identifier_and_a_renewal_links_to_its_permit(personas, world):
    first = issued(
        by=personas.counsellor_a,
        decided_by=personas.ministry_officer,
        person=world.khaled,
        cooperative=world.coop_a,
        number="WP-OLD-1",
    )
    data = csv_bytes(
        [
            row(
                "WP-NEW-1",
                "MOI-1000001",
                **{"Issue date": "2023-12-01", "Expiry date": "2024-11-30"},
            )
        ],
        headers=HEADERS,
    )
    # The renewal column, under its Arabic header, added to the English ones.
    text = data.decode().splitlines()
    text[0] += ",التصريح السابق"
    text[1] += ",WP-OLD-1"
    outcome = run("\n".join(text).encode())
    assert outcome.committed, codes(outcome)
    assert outcome.counts["persons_by_identifier"] == 1
    permit = Permit.objects.get(permit_number="WP-NEW-1")
    assert permit.person == world.khaled
    assert permit.previous == first


def test_a_holder_without_a_known_identifier_is_linked_by_the_registry_duplicate_check(world):
    mariam = world.mariam
    headers = (*HEADERS, "Phone")
    values = row(
        "WP-M-1",
        "NEW-555",
        **{
            "Name (Arabic)": "مريم الشامي",
            "Name (English)": "Mariam Al-Shami",
            "Sex": "F",
            "Date of birth": mariam.date_of_birth.isoformat() if mariam.date_of_birth else "",
        },
    )
    outcome = run(csv_bytes([[*values, "0781112233"]], headers=headers))
    assert outcome.committed, codes(outcome)
    assert outcome.counts["persons_by_duplicate_check"] == 1
    assert Permit.objects.get(permit_number="WP-M-1").person == mariam


def test_it_reads_arabic_headers_windows_1256_and_semicolons(world):
    rows = people(2, **{"Sex": "ذكر", "Nationality": "سوري", "Sector": "زراعة"})
    data = csv_bytes(rows, headers=ARABIC_HEADERS, encoding="cp1256", delimiter=";")
    outcome = run(data)
    assert outcome.committed, codes(outcome)
    assert Permit.objects.filter(permit_number__in=["WP-00001", "WP-00002"]).count() == 2
    assert Permit.objects.get(permit_number="WP-00001").person.given_name_ar == "محمود"


def test_a_column_mapping_reads_a_file_whose_headers_differ(world):
    headers = tuple("N° " + h for h in HEADERS)
    mapping = {spec.key: None for spec in SPECS}
    mapping.update(dict(zip(KEYS, headers, strict=True)))
    outcome = run(csv_bytes(people(2), headers=headers), dry_run=True, mapping=mapping)
    assert outcome.ok, codes(outcome)
    assert outcome.counts["create"] == 2


@pytest.mark.parametrize(
    ("issued_on", "expected"),
    [
        ("2023-03-01", datetime.date(2023, 3, 1)),
        ("01/03/2023", datetime.date(2023, 3, 1)),
        ("44986", datetime.date(2023, 3, 1)),
    ],
)
def test_it_accepts_iso_day_first_and_excel_serial_dates(world, issued_on, expected):
    rows = [
        *people(1, **{"Issue date": issued_on}),
        *people(1, start=2, **{"Issue date": "25/03/2023", "Expiry date": "24/03/2024"}),
    ]
    outcome = run(csv_bytes(rows))
    assert outcome.committed, codes(outcome)
    assert Permit.objects.get(permit_number="WP-00001").issued_on == expected


def test_it_reads_real_date_cells_of_a_workbook(world):
    rows = people(
        1, **{"Issue date": datetime.date(2023, 3, 1), "Expiry date": datetime.date(2024, 2, 29)}
    )
    outcome = run(xlsx_bytes(rows), name="permits.xlsx")
    assert outcome.committed, codes(outcome)


def test_it_rejects_a_date_that_reads_both_ways_with_a_message(world, writes_nothing):
    rows = people(1, **{"Issue date": "03/04/2023", "Expiry date": "02/04/2024"})
    with writes_nothing():
        outcome = run(csv_bytes(rows))
    assert (2, "Issue date", "ambiguous_day_month") in codes(outcome)
    error = next(e for e in outcome.errors if e.column == "Issue date")
    assert "03/04/2023" in message_for(error)


# ---- Bad files: a file-level error, or row-level errors, and nothing written ---------------


def file_code(outcome):
    assert outcome.file_errors, codes(outcome)
    assert not outcome.committed
    return outcome.file_errors[0].code


def test_a_file_of_another_type_is_refused(world, writes_nothing):
    with writes_nothing():
        assert file_code(run(b"%PDF-1.7 ...", name="permits.pdf")) == "unsupported_extension"


def test_a_pdf_renamed_xlsx_is_refused(world, writes_nothing):
    with writes_nothing():
        assert file_code(run(b"%PDF-1.7 ...", name="permits.xlsx")) == "not_a_spreadsheet"


def test_a_workbook_renamed_csv_is_refused(world, writes_nothing):
    with writes_nothing():
        outcome = run(xlsx_bytes(people(1)), name="permits.csv")
    assert file_code(outcome) == "not_a_spreadsheet"


def test_an_empty_file_is_refused(world, writes_nothing):
    with writes_nothing():
        assert file_code(run(b"")) == "empty"


def test_a_file_missing_required_columns_says_which(world, writes_nothing):
    headers = [h for h in HEADERS if h not in ("ID number", "Expiry date")]
    data = csv_bytes(
        [[v for h, v in zip(HEADERS, r, strict=True) if h in headers] for r in people(2)],
        headers=headers,
    )
    with writes_nothing():
        outcome = run(data)
    missing = sorted(e.params["key"] for e in outcome.file_errors if e.code == "missing_column")
    assert missing == ["expires_on", "identifier"]


def test_text_in_a_numeric_column_is_a_row_error(world, writes_nothing):
    rows = people(3)
    rows[1] = people(1, start=2, Fee="ten dinars")[0]
    with writes_nothing():
        outcome = run(csv_bytes(rows))
    assert codes(outcome) == [(3, "Fee", "not_a_number")]


def test_a_permit_number_twice_in_the_file_is_an_error_on_its_second_row(world, writes_nothing):
    rows = people(3)
    rows[2][0] = rows[0][0]
    with writes_nothing():
        outcome = run(csv_bytes(rows))
    assert (4, "Permit number", "duplicate") in codes(outcome)


def test_a_formula_is_refused_with_its_cell(world, writes_nothing):
    rows = people(2)
    rows[1][HEADERS.index("Fee")] = "=5*2"
    with writes_nothing():
        outcome = run(xlsx_bytes(rows), name="permits.xlsx")
    assert codes(outcome) == [(3, "Fee", "formula")]


def test_merged_header_cells_are_refused(world, writes_nothing):
    headers = list(HEADERS)
    headers[-1] = None
    data = xlsx_bytes(people(1), headers=headers, merges=["K1:L1"])
    with writes_nothing():
        assert file_code(run(data, name="permits.xlsx")) == "merged_header"


def test_a_50_mb_file_is_refused_before_it_is_read(world, writes_nothing):
    head = csv_bytes(people(1))
    big = io.BytesIO(head + b"x" * (50 * 2**20))
    with writes_nothing():
        outcome = run(big)
    assert file_code(outcome) == "too_large"


def test_a_zip_bomb_named_xlsx_is_refused(world, writes_nothing):
    with writes_nothing():
        assert file_code(run(zip_bomb(), name="permits.xlsx")) == "zip_bomb"


def test_a_renewal_of_an_unknown_permit_and_an_unknown_cooperative_are_row_errors(world):
    rows = people(2)
    rows[1][HEADERS.index("Cooperative")] = "9999/2000"
    outcome = run(csv_bytes(rows), dry_run=True)
    assert codes(outcome) == [(3, "Cooperative", "unknown_cooperative")]


# ---- Who imports what ------------------------------------------------------------------


def test_a_counsellor_may_not_import(personas, world):
    with pytest.raises(PermissionDenied):
        run(csv_bytes(people(1)), by=personas.counsellor_a, owner=personas.unit_a)


def test_a_cooperative_or_the_country_office_may_not_import_the_ministry_lists(personas, world):
    # A list writes issued permits: the ministry's decision, never a cooperative's.
    for user, owner in (
        (personas.admin_a, personas.coop_a),
        (personas.officer, personas.country_office),
    ):
        with pytest.raises(PermissionDenied):
            run(csv_bytes(people(1)), by=user, owner=owner, dry_run=True)


def test_the_ministry_imports_for_the_whole_country(personas, world):
    rows = [*people(1), *people(1, start=2, Cooperative="842/1986")]
    outcome = run(
        csv_bytes(rows), by=personas.ministry_officer, owner=personas.ministry, dry_run=True
    )
    assert outcome.ok, codes(outcome)


def test_a_renewal_of_a_permit_in_the_same_file_points_to_it_and_each_has_its_history(world):
    first = row("WP-A-1", "MOI-7", **{"Issue date": "2022-01-01", "Expiry date": "2022-12-31"})
    second = row("WP-A-2", "MOI-7", **{"Issue date": "2023-01-05", "Expiry date": "2024-01-04"})
    text = csv_bytes([first, second]).decode().splitlines()
    text = [text[0] + ",Previous permit", text[1] + ",", text[2] + ",WP-A-1"]
    outcome = run("\n".join(text).encode())
    assert outcome.committed, codes(outcome)
    renewal = Permit.objects.get(permit_number="WP-A-2")
    assert renewal.previous.permit_number == "WP-A-1"
    assert renewal.person_id == renewal.previous.person_id
    event = AuditEvent.objects.get(object_type="permits.permit", object_id=str(renewal.pk))
    assert event.note == "imported"
    assert event.changes["permit_number"] == [None, "WP-A-2"]
    assert event.changes["previous"] == [None, renewal.previous_id]


# ---- The lifecycle's rules, as the import holds them (permits.invariants, queries) ----------


def _with_previous(data: bytes, previous: list[str]) -> bytes:
    """`data` with the renewal column (its Arabic header), one value a row."""
    text = data.decode().splitlines()
    text[0] += ",التصريح السابق"
    for i, number in enumerate(previous, start=1):
        text[i] += f",{number}"
    return "\n".join(text).encode()


def test_two_permits_of_one_holder_on_the_same_days_is_an_error_on_the_later_row(
    world, writes_nothing
):
    data = csv_bytes(
        [
            row("WP-1", "MOI-7000001"),
            row("WP-2", "MOI-7000001", **{"Issue date": "2023-06-01", "Expiry date": "2024-05-31"}),
        ]
    )
    with writes_nothing():
        outcome = run(data)
    assert codes(outcome) == [(3, "Issue date", "overlap")]
    assert outcome.errors[0].params["other"] == "WP-1"


def test_a_permit_overlapping_a_recorded_permit_of_the_holder_is_an_error(personas, world):
    issued(
        by=personas.counsellor_a,
        decided_by=personas.ministry_officer,
        person=world.khaled,
        cooperative=world.coop_a,
        number="WP-REC-1",
    )
    outcome = run(csv_bytes([row("WP-3", "MOI-1000001", **{"Issue date": "2023-09-01"})]))
    assert codes(outcome) == [(2, "Issue date", "overlap")]
    assert message_for(outcome.errors[0]).startswith("This person holds permit WP-REC-1 from")


def test_a_renewal_may_overlap_the_permit_it_renews_but_must_end_after_it(world):
    renewal = {"Issue date": "2024-01-10", "Expiry date": "2025-01-09"}
    data = csv_bytes([row("WP-4", "MOI-7000002"), row("WP-5", "MOI-7000002", **renewal)])
    assert run(_with_previous(data, ["", "WP-4"]), dry_run=True).ok

    early = {"Issue date": "2023-04-01", "Expiry date": "2024-01-31"}
    data = csv_bytes([row("WP-4", "MOI-7000002"), row("WP-5", "MOI-7000002", **early)])
    outcome = run(_with_previous(data, ["", "WP-4"]), dry_run=True)
    assert codes(outcome) == [(3, "Expiry date", "renewal_not_later")]


def test_a_recorded_permit_with_a_renewal_under_way_is_not_renewed_again(personas, world):
    first = issued(
        by=personas.counsellor_a,
        decided_by=personas.ministry_officer,
        person=world.khaled,
        cooperative=world.coop_a,
        number="WP-REC-2",
    )
    from .. import services

    services.renew_permit(permit=first, created_by=personas.counsellor_a)
    data = csv_bytes(
        [row("WP-6", "MOI-1000001", **{"Issue date": "2024-01-01", "Expiry date": "2024-12-31"})]
    )
    outcome = run(_with_previous(data, ["WP-REC-2"]))
    assert codes(outcome) == [(2, "التصريح السابق", "renewed_twice")]


def test_an_expiry_not_after_the_issue_and_a_future_issue_are_row_errors(world):
    data = csv_bytes(
        [
            row("WP-7", "MOI-7000003", **{"Expiry date": "2023-03-01"}),
            row("WP-8", "MOI-7000004", **{"Issue date": "2024-02-01", "Expiry date": "2025-01-31"}),
        ]
    )
    outcome = run(data, dry_run=True)
    assert codes(outcome) == [
        (2, "Expiry date", "expiry_before_issue"),
        (3, "Issue date", "future_date"),
    ]
