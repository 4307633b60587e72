"""`taawon import-permits FILE [--dry-run]`: the same import from the command line."""

import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from taawon.accounts.models import Organisation

from ..models import Permit
from .import_files import HEADERS, csv_bytes, people


def command(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import-permits", *map(str, args), stdout=out, stderr=err)
    return out.getvalue()


def test_a_dry_run_reports_the_counts_and_writes_nothing(world, tmp_path, writes_nothing):
    path = tmp_path / "permits.csv"
    path.write_bytes(csv_bytes(people(4)))
    with writes_nothing():
        out = command(path, "--dry-run")
    assert "would create 4" in out
    assert "Dry run: nothing was written." in out


def test_it_imports_and_a_second_run_leaves_everything_as_it_is(world, tmp_path):
    path = tmp_path / "permits.csv"
    path.write_bytes(csv_bytes(people(4)))
    assert "Imported." in command(path)
    assert Permit.objects.count() == 4
    out = command(path)
    assert "created 0, updated 0, left 4 as they are" in out
    assert Permit.objects.count() == 4


def test_a_file_with_an_error_imports_nothing_and_writes_the_errors(
    world, tmp_path, writes_nothing
):
    path, report = tmp_path / "permits.csv", tmp_path / "errors.xlsx"
    rows = people(3)
    rows[1][HEADERS.index("Expiry date")] = "2022-01-01"
    path.write_bytes(csv_bytes(rows))
    with writes_nothing(), pytest.raises(CommandError):
        command(path, "--errors", report)
    sheet = openpyxl.load_workbook(report).active
    assert list(sheet.iter_rows(min_row=2, values_only=True))[0][:3] == (
        3,
        "Expiry date",
        "expiry_before_issue",
    )


def test_as_a_user_it_imports_for_their_organisation(personas, world, tmp_path):
    path = tmp_path / "permits.csv"
    path.write_bytes(csv_bytes(people(1)))
    command(path, "--as", personas.ministry_officer.username)
    assert Permit.objects.get().created_by == personas.ministry_officer
    for user in (personas.counsellor_a, personas.admin_a):
        with pytest.raises(CommandError):
            command(path, "--as", user.username)


def test_a_user_who_imports_for_several_organisations_names_one(personas, world, tmp_path):
    path = tmp_path / "permits.csv"
    path.write_bytes(csv_bytes(people(1)))
    # A system administrator imports for any country's ministry.
    Organisation.objects.create(
        name_en="Ministry of Labour (Lebanon)", kind=Organisation.Kind.MINISTRY, country="LB"
    )
    with pytest.raises(CommandError, match="choose one with --owner"):
        command(path, "--as", personas.admin.username)
    with pytest.raises(CommandError, match="choose one with --owner"):
        command(path, "--as", personas.admin.username, "--owner", personas.coop_a.pk)
    assert not Permit.objects.exists()

    command(path, "--as", personas.admin.username, "--owner", personas.ministry.pk)

    assert Permit.objects.get().created_by == personas.admin
