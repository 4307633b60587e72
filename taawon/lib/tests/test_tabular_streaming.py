"""Reading streams: memory stays bounded however many rows the file has."""

import csv
import tracemalloc

from taawon.lib.tabular import ColumnSpec, open_table, read_rows, suggest_mapping

ROWS = 200_000
SPECS = [
    ColumnSpec("permit_number", required=True),
    ColumnSpec("name", required=True),
    ColumnSpec("issued_on", kind="date"),
    ColumnSpec("days", kind="int"),
    ColumnSpec("fee", kind="decimal"),
]


def test_it_reads_a_200_000_row_csv_in_memory_far_smaller_than_the_file(tmp_path):
    path = tmp_path / "permits.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["permit_number", "name", "issued_on", "days", "fee"])
        for i in range(ROWS):
            writer.writerow([f"WP-{i:07d}", "محمد أحمد الخطيب", "03/04/2021", 30, "12.50"])
    size = path.stat().st_size

    tracemalloc.start()
    try:
        with open(path, "rb") as f, open_table("permits.csv", f, max_bytes=size) as table:
            mapping = suggest_mapping(table.headers, SPECS)
            count = errors = 0
            for _, _, row_errors in read_rows(table, mapping, SPECS):
                count += 1
                errors += len(row_errors)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert (count, errors) == (ROWS, 0)
    assert size > 10_000_000
    assert peak < size / 4
