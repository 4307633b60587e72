from taawon.lib.disclosure import SUPPRESSED, cell, share_publishable


def test_it_shows_counts_under_five_as_less_than_five():
    assert [cell(n) for n in (0, 1, 4)] == [SUPPRESSED] * 3
    assert cell(5) == 5
    assert cell(None) is None


def test_it_leaves_out_a_share_that_gives_a_small_cell_away():
    assert share_publishable(50, 100)
    assert not share_publishable(4, 100)  # the part is small
    assert not share_publishable(97, 100)  # the rest is small
    assert not share_publishable(None, 100)
    assert not share_publishable(0, 0)
