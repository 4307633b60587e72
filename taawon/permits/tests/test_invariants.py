"""The rules of a permit's own values, without a database."""

import datetime

from ..invariants import (
    Term,
    expires_after_issue,
    normalise_permit_number,
    overlap,
    renewal_ends_later,
)

D = datetime.date


def test_permit_numbers_compare_without_spaces_or_case():
    assert normalise_permit_number(" wp 001 ") == "WP001"
    assert normalise_permit_number(None) == ""


def test_a_permit_ends_after_it_is_issued():
    assert expires_after_issue(D(2024, 1, 1), D(2024, 1, 2))
    assert not expires_after_issue(D(2024, 1, 1), D(2024, 1, 1))


def test_a_renewal_ends_after_the_permit_it_renews():
    assert renewal_ends_later(D(2025, 1, 1), D(2024, 12, 31))
    assert not renewal_ends_later(D(2024, 12, 31), D(2024, 12, 31))
    assert renewal_ends_later(D(2024, 12, 31), None)


def test_overlap_finds_the_earliest_permit_sharing_a_day():
    a = Term("A", D(2023, 1, 1), D(2023, 12, 31))
    b = Term("B", D(2023, 6, 1), D(2024, 5, 31))
    c = Term("C", D(2024, 1, 1), D(2024, 12, 31))
    assert overlap(Term("N", D(2023, 12, 31), D(2024, 2, 1)), [c, b, a]) == a
    assert overlap(Term("N", D(2025, 1, 1), D(2025, 2, 1)), [a, b, c]) is None


def test_a_renewal_and_the_permit_it_renews_may_share_days_in_either_order():
    old = Term("OLD", D(2023, 1, 1), D(2023, 12, 31))
    new = Term("NEW", D(2023, 12, 1), D(2024, 11, 30), renews="OLD")
    assert overlap(new, [old]) is None
    assert overlap(old, [new]) is None
    assert overlap(Term("X", D(2023, 12, 1), D(2024, 1, 1), renews="OTHER"), [old]) == old
