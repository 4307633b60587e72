"""Downloads of the indicators page's table and of every dashboard table: XLSX read back with
openpyxl and CSV parsed by libhxl give the figures the page shows, in the viewer's scope, with
the donor's small counts withheld as on screen."""

from __future__ import annotations

import datetime
import io

import hxl
import openpyxl
import pytest

from taawon.indicators.engine import compute
from taawon.indicators.published import publish

TABLE = (
    "/{language}/indicators/?indicator=job_seekers_registered&period=quarter&day=2020-08-01"
    "&rows=sex&columns=nationality&format={fmt}"
)
QUARTER = "start=2020-07-01&end=2020-09-30"
Q3 = {"start": datetime.date(2020, 7, 1), "end": datetime.date(2020, 9, 30)}


def workbook_rows(response) -> list[dict]:
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, *rows = sheet.iter_rows(values_only=True)
    return [dict(zip(header, row, strict=True)) for row in rows]


def hxl_rows(response) -> list[dict]:
    """The rows of a CSV response as the HXL library reads them, keyed by hashtag."""
    assert response.content.startswith(b"\xef\xbb\xbf")
    source = hxl.data(io.BytesIO(response.content), hxl.InputOptions(allow_local=True))
    tags = [column.display_tag for column in source.columns]
    return [dict(zip(tags, row.values, strict=True)) for row in source]


@pytest.mark.django_db
def test_the_table_downloads_as_xlsx_with_the_pages_figures(client, personas, data_set):
    client.force_login(personas.counsellor_a)
    response = client.get(TABLE.format(language="en", fmt="xlsx"))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    rows = workbook_rows(response)
    table = compute(
        personas.counsellor_a, "job_seekers_registered", **Q3, by=("sex", "nationality")
    )
    cells = {
        (r["sex (code)"], r["nationality group (code)"]): r["Figure"]
        for r in rows
        if r["sex (code)"] and r["nationality group (code)"]
    }
    assert cells == {key: int(value) for key, value in table.cells.items()}
    totals = [r for r in rows if r["Sex"] == "Total" and r["Nationality group"] == "Total"]
    assert [r["Figure"] for r in totals] == [table.total] == [5]
    assert {r["From"] for r in rows} == {datetime.datetime(2020, 7, 1)}
    # The row totals are marked as totals over the columns' dimension.
    women = [r for r in rows if r["sex (code)"] == "female" and r["Nationality group"] == "Total"]
    assert [r["Figure"] for r in women] == [table.row_totals["female"]] == [2]


@pytest.mark.django_db
def test_the_csv_carries_hxl_hashtags_that_libhxl_reads(client, personas, data_set):
    client.force_login(personas.counsellor_a)
    response = client.get(TABLE.format(language="en", fmt="csv"))
    assert response.status_code == 200
    rows = hxl_rows(response)
    assert {
        "#indicator+code",
        "#group+sex+code",
        "#group+nationality+name",
        "#indicator+value+num",
        "#date+start",
    } <= set(rows[0])
    overall = [r for r in rows if r["#group+sex+code"] == "" and r["#group+nationality+code"] == ""]
    assert [r["#indicator+value+num"] for r in overall] == ["5"]
    assert {r["#indicator+code"] for r in rows} == {"job_seekers_registered"}


@pytest.mark.django_db
def test_an_arabic_download_is_in_arabic_and_right_to_left(client, personas, data_set):
    client.force_login(personas.counsellor_a)
    response = client.get(TABLE.format(language="ar", fmt="xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.sheet_view.rightToLeft
    header = next(sheet.iter_rows(values_only=True))
    assert "المؤشر" in header


@pytest.mark.django_db
def test_the_download_keeps_the_viewers_scope(client, personas, data_set):
    client.force_login(personas.counsellor_b)
    rows = workbook_rows(client.get(TABLE.format(language="en", fmt="xlsx")))
    overall = [r for r in rows if r["Sex"] == "Total" and r["Nationality group"] == "Total"]
    theirs = compute(personas.counsellor_b, "job_seekers_registered", **Q3).total
    assert [r["Figure"] for r in overall] == [theirs]
    assert theirs != compute(personas.counsellor_a, "job_seekers_registered", **Q3).total


@pytest.mark.django_db
def test_the_donor_downloads_what_the_page_shows_small_counts_withheld(client, personas, data_set):
    client.force_login(personas.aggregate)
    url = (
        "/en/indicators/?indicator=job_seekers_registered&period=quarter&day=2020-08-01"
        "&rows=sex&format=xlsx"
    )
    rows = workbook_rows(client.get(url))
    shown = publish(
        compute(personas.aggregate, "job_seekers_registered", **Q3, by=("sex",)),
        personas.aggregate,
    )
    assert shown.suppressed
    by_sex = {r["sex (code)"]: r["Figure"] for r in rows if r["sex (code)"]}
    assert by_sex == {key[0]: value for key, value in shown.cells.items()}
    assert "x" in by_sex.values()


@pytest.mark.django_db
def test_an_unknown_format_or_bad_query_writes_no_file(client, personas, data_set):
    client.force_login(personas.counsellor_a)
    unknown = client.get(TABLE.format(language="en", fmt="pdf"))
    assert unknown.status_code == 400
    assert "Unknown export format" in unknown.content.decode()
    bad = client.get("/en/indicators/?indicator=farms_visited&period=quarter&rows=sex&format=xlsx")
    assert bad.status_code == 400
    assert "counts no persons" in bad.content.decode()
    client.force_login(personas.outsider)
    assert client.get(TABLE.format(language="en", fmt="csv")).status_code == 404


@pytest.mark.django_db
def test_the_page_links_to_its_downloads(client, personas, data_set):
    client.force_login(personas.counsellor_a)
    text = client.get("/en/indicators/").content.decode()
    assert "indicator=" in text and "format=xlsx" in text and "format=csv" in text


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["country/", "unit/{unit}/"])
def test_every_dashboard_table_downloads(client, personas, data_set, path):
    client.force_login(personas.counsellor_a)
    base = f"/en/reports/{path.format(unit=personas.unit_a.pk)}"
    page = client.get(f"{base}?{QUARTER}").content.decode()
    assert f"{QUARTER.replace('&', '&amp;')}&amp;format=xlsx" in page
    rows = workbook_rows(client.get(f"{base}?{QUARTER}&format=xlsx"))
    codes = {r["Indicator code"] for r in rows}
    assert {
        "job_seekers_registered",
        "job_seekers_placed",
        "farms_visited",
        "jobs_secured",
        "permits_issued",
    } <= codes
    leading = ("Indicator code", "Indicator", "Unit of count", "From", "To", "Figure")
    names = [h for h in rows[0] if h not in leading and not h.endswith("(code)")]
    registered = [
        r["Figure"]
        for r in rows
        if r["Indicator code"] == "job_seekers_registered" and all(r[h] == "Total" for h in names)
    ]
    assert registered == [compute(personas.counsellor_a, "job_seekers_registered", **Q3).total]
    csv = client.get(f"{base}?{QUARTER}&format=csv")
    assert csv.status_code == 200 and hxl_rows(csv)


@pytest.mark.django_db
def test_months_are_named_as_jordan_writes_them_in_arabic(client, personas, data_set):
    client.force_login(personas.counsellor_a)
    response = client.get(
        "/ar/indicators/?indicator=job_seekers_registered&period=quarter&day=2020-08-01"
        "&rows=month&format=csv"
    )
    months = {r["#date+month+name"] for r in hxl_rows(response)}
    assert {"تموز 2020", "آب 2020", "أيلول 2020"} <= months
    assert not {"يوليو 2020", "أغسطس 2020"} & months
