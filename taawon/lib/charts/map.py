"""Governorates as bubbles at their centroids: no tiles, no basemap, no shapes from elsewhere.

The centroids are projected equirectangularly (longitude shrunk by the cosine of the mean
latitude, which at Jordan's or Iraq's latitudes keeps distances within a few percent) into
the chart's box. A bubble's area, not its radius, is proportional to its value, as readers
compare areas. A light convex hull of the country's centroids (`outline`) hints at its shape.
The map itself is never mirrored for Arabic; only the side the labels prefer is.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from taawon.lib.charts.palette import MUTED, OUTLINE, colour
from taawon.lib.charts.svg import Canvas, Shape, text_width


@dataclass(frozen=True)
class Place:
    label: str
    latitude: float
    longitude: float
    value: float
    display: str


def convex_hull(points: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """Andrew's monotone chain; the hull's corners in order."""
    unique = sorted(set(points))
    if len(unique) < 3:
        return unique

    def cross(o, a, b) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[tuple[float, float]] = []
    upper: list[tuple[float, float]] = []
    for point in unique:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], point) <= 0:
            lower.pop()
        lower.append(point)
    for point in reversed(unique):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], point) <= 0:
            upper.pop()
        upper.append(point)
    return lower[:-1] + upper[:-1]


def _overlaps(box, boxes) -> bool:
    x1, y1, x2, y2 = box
    return any(x1 < b[2] and b[0] < x2 and y1 < b[3] and b[1] < y2 for b in boxes)


def bubble_map(
    places: Sequence[Place],
    *,
    title: str,
    rtl: bool = False,
    shape: Shape | None = None,
    outline: Sequence[tuple[float, float]] = (),
    width: float = 480,
    largest: float = 30,
    description: str = "",
) -> str:
    """`outline`: (latitude, longitude) of every centroid of the country, drawn as a hull."""
    size = 11.0
    located = [(p.latitude, p.longitude) for p in places] + list(outline)
    if not located:
        return Canvas(width, 40, title=title, rtl=rtl, shape=shape).render()
    middle = math.radians(sum(lat for lat, _ in located) / len(located))
    squeeze = math.cos(middle)
    xs = [lon * squeeze for _, lon in located]
    ys = [-lat for lat, _ in located]
    margin_x, margin_y = largest + 70, largest + 12
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    scale = (width - 2 * margin_x) / span_x
    height = min(span_y * scale, width * 0.8) + 2 * margin_y
    scale = min(scale, (height - 2 * margin_y) / span_y)
    offset_x = (width - span_x * scale) / 2

    def project(latitude: float, longitude: float) -> tuple[float, float]:
        return (
            offset_x + (longitude * squeeze - min(xs)) * scale,
            margin_y + (-latitude - min(ys)) * scale,
        )

    canvas = Canvas(width, height, title=title, rtl=rtl, shape=shape, description=description)
    hull = convex_hull([project(lat, lon) for lat, lon in outline])
    if len(hull) >= 3:
        canvas.parts.append(
            '<polygon points="{}" fill="{}" stroke="{}" stroke-width="{}"'
            ' stroke-linejoin="round"/>'.format(
                " ".join(f"{x:.1f},{y:.1f}" for x, y in hull), OUTLINE, OUTLINE, largest * 1.5
            )
        )
    top = max((p.value for p in places), default=0) or 1
    radii = {p: largest * math.sqrt(max(p.value, 0) / top) for p in places}
    # The largest first, so that small bubbles stay visible on top of large ones.
    ordered = sorted(places, key=lambda p: -p.value)
    taken = []
    for place in ordered:
        x, y = project(place.latitude, place.longitude)
        radius = radii[place]
        if radius < 2:
            canvas.circle(x, y, 2, MUTED, label=f"{place.label}: {place.display}")
        else:
            canvas.circle(
                x, y, radius, colour(0), label=f"{place.label}: {place.display}", opacity=0.75
            )
        taken.append((x - radius, y - radius, x + radius, y + radius))
    for place in ordered:
        x, y = project(place.latitude, place.longitude)
        radius = max(radii[place], 2)
        text = f"{place.label} {place.display}"
        long = text_width(text, size)
        after = "left" if rtl else "right"  # the side a label prefers: after the bubble
        before = "right" if rtl else "left"
        sides = [after, before, "below", "above"]
        spots = {
            "right": (
                x + radius + 3,
                y,
                "left",
                (x + radius + 3, y - 7, x + radius + 3 + long, y + 7),
            ),
            "left": (
                x - radius - 3,
                y,
                "right",
                (x - radius - 3 - long, y - 7, x - radius - 3, y + 7),
            ),
            "below": (
                x,
                y + radius + 9,
                "middle",
                (x - long / 2, y + radius + 2, x + long / 2, y + radius + 16),
            ),
            "above": (
                x,
                y - radius - 9,
                "middle",
                (x - long / 2, y - radius - 16, x + long / 2, y - radius - 2),
            ),
        }
        chosen = next((s for s in sides if not _overlaps(spots[s][3], taken)), after)
        tx, ty, anchor, box = spots[chosen]
        canvas.text(tx, ty, text, side=anchor, size=size)
        taken.append(box)
    return canvas.render()
