"""History rows where nothing changed ("— → —") are left out."""

from taawon.core.templatetags.history import changed


def test_it_leaves_out_rows_with_nothing_on_either_side():
    rows = [("Employer", None, ""), ("Sector", None, "Agriculture"), ("Notes", "", None)]
    assert changed(rows) == [("Sector", None, "Agriculture")]
    events = {"documents": [[], []], "status": ["draft", "submitted"]}
    assert changed(events) == [("status", ["draft", "submitted"])]
    assert changed(None) == []


def test_a_masked_change_stays_though_both_sides_read_the_same():
    assert changed([("National ID", "•••", "•••")]) == [("National ID", "•••", "•••")]
