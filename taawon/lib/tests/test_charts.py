"""The SVG charts, read back as XML: what is drawn where, for both directions."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

from taawon.lib.charts import (
    Bar,
    Place,
    Series,
    Share,
    bubble_map,
    horizontal_bars,
    line_chart,
    share_bars,
    vertical_bars,
    visual,
)
from taawon.lib.charts.map import convex_hull
from taawon.lib.charts.palette import PALETTE
from taawon.lib.charts.svg import axis, nice_ceiling

SVG = "{http://www.w3.org/2000/svg}"
BARS = [Bar("Amman", 620, "620"), Bar("Irbid", 310, "310"), Bar("Mafraq", 0, "0")]


def parse(markup: str) -> ET.Element:
    return ET.fromstring(markup)


def texts(root: ET.Element) -> list[ET.Element]:
    return list(root.iter(f"{SVG}text"))


def drawn(element: ET.Element) -> str:
    """The text an element draws, without the tooltip its <title> child holds."""
    text = (element.text or "") + "".join(child.tail or "" for child in element)
    return text.strip("\u200e")


def test_a_chart_is_an_accessible_image_named_by_its_title():
    root = parse(horizontal_bars(BARS, title="Registered by governorate"))
    assert root.get("role") == "img"
    assert root.get("aria-label") == "Registered by governorate"
    assert root.find(f"{SVG}title").text == "Registered by governorate"


def test_labels_are_escaped_not_markup():
    root = parse(horizontal_bars([Bar("<script>&", 1, "1")], title='A "quoted" <title>'))
    assert root.get("aria-label") == 'A "quoted" <title>'
    assert "<script>&" in [drawn(t) for t in texts(root)]
    assert root.find(f".//{SVG}script") is None


def test_bar_lengths_are_proportional_to_values():
    root = parse(horizontal_bars(BARS, title="t"))
    widths = [float(r.get("width")) for r in root.iter(f"{SVG}rect")]
    assert math.isclose(widths[0], 2 * widths[1], abs_tol=0.2)
    assert widths[2] == 0


def test_in_arabic_labels_stand_on_the_right_and_bars_grow_leftwards():
    ltr = parse(horizontal_bars(BARS, title="t", width=600))
    rtl = parse(horizontal_bars(BARS, title="t", width=600, rtl=True))
    label_ltr = next(t for t in texts(ltr) if drawn(t) == "Amman")
    label_rtl = next(t for t in texts(rtl) if drawn(t) == "Amman")
    assert float(label_ltr.get("x")) < 300 < float(label_rtl.get("x"))
    assert math.isclose(float(label_ltr.get("x")), 600 - float(label_rtl.get("x")))
    # The label's left edge stands at the bar's end, and in a right-to-left SVG a text's
    # left edge is its end.
    assert rtl.get("direction") == "rtl" and label_rtl.get("text-anchor") == "end"
    bar_ltr, bar_rtl = next(ltr.iter(f"{SVG}rect")), next(rtl.iter(f"{SVG}rect"))
    assert math.isclose(
        float(bar_rtl.get("x")) + float(bar_rtl.get("width")),
        600 - float(bar_ltr.get("x")),
        abs_tol=0.2,
    )


def test_shaped_text_is_drawn_left_to_right_in_display_order():
    root = parse(horizontal_bars([Bar("عمان", 5, "5")], title="عمان", rtl=True, shape=visual))
    assert root.get("direction") == "ltr"
    assert root.get("aria-label") == "عمان"  # what is read aloud stays the logical text
    label = next(t for t in texts(root) if drawn(t) != "5")
    assert drawn(label) == visual("عمان") != "عمان"


def test_visual_joins_letters_and_orders_them_for_display():
    shaped = visual("عمان 2")
    assert shaped.startswith("2 ")
    assert all("\ufe70" <= ch <= "\ufeff" for ch in shaped[2:])  # presentation forms
    assert visual("Amman 2") == "Amman 2"


def test_vertical_bars_group_series_with_a_legend_and_axis_on_the_start_side():
    series = [Series("Women", [10, 20], ["10", "20"]), Series("Men", [30, 40], ["30", "40"])]
    ltr = parse(vertical_bars(["Amman", "Irbid"], series, title="t", width=600))
    rtl = parse(vertical_bars(["Amman", "Irbid"], series, title="t", width=600, rtl=True))
    legend = [drawn(t) for t in texts(ltr)]
    assert "Women" in legend and "Men" in legend
    fills = {r.get("fill") for r in ltr.iter(f"{SVG}rect")}
    assert {PALETTE[0], PALETTE[1]} <= fills
    zero_ltr = next(t for t in texts(ltr) if drawn(t) == "0")
    zero_rtl = next(t for t in texts(rtl) if drawn(t) == "0")
    assert float(zero_ltr.get("x")) < 100 and float(zero_rtl.get("x")) > 500
    amman_ltr = next(t for t in texts(ltr) if drawn(t) == "Amman")
    amman_rtl = next(t for t in texts(rtl) if drawn(t) == "Amman")
    assert float(amman_ltr.get("x")) < 300 < float(amman_rtl.get("x"))


def test_stacked_bars_reach_the_sum_of_their_series():
    series = [Series("Women", [10], ["10"]), Series("Men", [30], ["30"])]
    root = parse(
        vertical_bars(["Amman"], series, title="t", stacked=True, number=lambda v: f"n{v:g}")
    )
    heights = [
        float(r.get("height")) for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None
    ]
    assert math.isclose(heights[1], 3 * heights[0], abs_tol=0.2)
    assert "n40" in [drawn(t) for t in texts(root)]  # the caller's number format on the axis


def test_a_line_chart_runs_from_right_to_left_in_arabic():
    months = ["Jul", "Aug", "Sep"]
    series = [Series("Placed", [5, 10, 20], ["5", "10", "20"])]
    ltr = parse(line_chart(months, series, title="t"))
    rtl = parse(line_chart(months, series, title="t", rtl=True))
    xs_ltr = [float(c.get("cx")) for c in ltr.iter(f"{SVG}circle")]
    xs_rtl = [float(c.get("cx")) for c in rtl.iter(f"{SVG}circle")]
    assert xs_ltr == sorted(xs_ltr) and xs_rtl == sorted(xs_rtl, reverse=True)
    ys = [float(c.get("cy")) for c in ltr.iter(f"{SVG}circle")]
    assert ys[0] > ys[1] > ys[2]  # higher values higher up
    assert {"5", "10", "20"} <= {drawn(t) for t in texts(ltr)}


def test_share_bars_split_the_full_width_by_share():
    wholes = [Share("Registered", [591, 1029], ["36.5%", "63.5%"])]
    root = parse(share_bars(["Women", "Men"], wholes, title="t", width=500))
    rects = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    widths = [float(r.get("width")) for r in rects]
    assert math.isclose(sum(widths), 500, abs_tol=0.2)
    assert math.isclose(widths[0] / 500, 591 / 1620, abs_tol=0.001)
    assert "36.5%" in {drawn(t) for t in texts(root)}


def test_bubble_areas_are_proportional_to_values_and_north_is_up():
    places = [
        Place("Irbid", 32.55, 35.85, 400, "400"),
        Place("Amman", 31.72, 36.25, 100, "100"),
    ]
    root = parse(bubble_map(places, title="t", outline=[(29.5, 35.0), (33.0, 39.0), (31.0, 36.0)]))
    circles = {c.find(f"{SVG}title").text: c for c in root.iter(f"{SVG}circle")}
    irbid, amman = circles["Irbid: 400"], circles["Amman: 100"]
    assert math.isclose((float(irbid.get("r")) / float(amman.get("r"))) ** 2, 4, rel_tol=0.01)
    assert float(irbid.get("cy")) < float(amman.get("cy"))  # Irbid lies north of Amman
    assert float(irbid.get("cx")) < float(amman.get("cx"))  # and west of it
    assert root.find(f"{SVG}polygon") is not None  # the country's outline
    assert {"Irbid 400", "Amman 100"} <= {drawn(t) for t in texts(root)}


def test_the_map_is_not_mirrored_in_arabic():
    places = [Place("إربد", 32.55, 35.85, 4, "4"), Place("عمان", 31.72, 36.25, 1, "1")]
    ltr = parse(bubble_map(places, title="t"))
    rtl = parse(bubble_map(places, title="t", rtl=True))
    assert [c.get("cx") for c in ltr.iter(f"{SVG}circle")] == [
        c.get("cx") for c in rtl.iter(f"{SVG}circle")
    ]


def test_convex_hull_keeps_the_corners_only():
    assert sorted(convex_hull([(0, 0), (2, 0), (1, 1), (2, 2), (0, 2)])) == [
        (0, 0),
        (0, 2),
        (2, 0),
        (2, 2),
    ]


def test_axis_ceilings_are_round():
    assert [nice_ceiling(v) for v in (0, 7, 13, 1620, 2000)] == [1, 10, 20, 2000, 2000]


def test_gridlines_fall_on_round_steps():
    assert axis(40) == [0, 10, 20, 30, 40]
    assert axis(1620) == [0, 500, 1000, 1500, 2000]
    assert axis(2) == [0, 1, 2]


def test_in_arabic_a_text_without_letters_keeps_its_order():
    root = parse(horizontal_bars([Bar("عمان", 3, "<5"), Bar("Irbid", 4, "4")], title="t", rtl=True))
    shown = {t.text for t in texts(root)}
    assert "\u200e<5\u200e" in shown and "عمان" in shown and "\u200eIrbid\u200e" in shown


def test_a_narrow_charts_legend_wraps_inside_the_drawing():
    series = [
        Series("Job seekers registered", [540, 548, 532], ["540", "548", "532"]),
        Series("Job seekers placed", [345, 680, 760], ["345", "680", "760"]),
    ]
    periods = ["July 2020", "August 2020", "September 2020"]
    wide = parse(line_chart(periods, series, title="By month"))
    narrow = parse(line_chart(periods, series, title="By month", width=200))
    for root in (wide, narrow):
        height = float(root.get("viewBox").split()[3])
        names = [t for t in texts(root) if drawn(t) in {s.name for s in series}]
        assert len(names) == 2
        # Every legend name sits inside the drawing, none cut off at its foot.
        assert all(float(t.get("y")) + 6 <= height for t in names)
    rows = {float(t.get("y")) for t in texts(narrow) if drawn(t) in {s.name for s in series}}
    assert len(rows) == 2  # too narrow for both on one row
    assert float(narrow.get("viewBox").split()[3]) > float(wide.get("viewBox").split()[3])
