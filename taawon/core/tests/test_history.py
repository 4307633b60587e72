"""History rows where nothing changed ("— → —") are left out."""

from taawon.core.templatetags.history import changed


def test_it_leaves_out_rows_whose_two_sides_show_the_same():
    rows = [("Employer", None, ""), ("Sector", None, "Agriculture"), ("Notes", "", None)]
    assert changed(rows) == [("Sector", None, "Agriculture")]
    events = {"documents": [[], []], "status": ["draft", "submitted"], "note": ["a", "a"]}
    assert changed(events) == [("status", ["draft", "submitted"])]
    assert changed(None) == []
