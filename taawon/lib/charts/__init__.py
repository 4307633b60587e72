"""Charts drawn on the server as SVG markup: no JavaScript, no CDN, the same picture on a page,
in print and in a PDF.

Every function takes plain values (labels and numbers, and each number's text as the caller's
language writes it) and returns an SVG string whose text is escaped. `rtl=True` mirrors a chart
for Arabic: labels and value axes on the right, categories and time read from right to left.
`shape` turns each label into the string to draw: None for a browser, which shapes Arabic in
SVG itself; `shaping.visual` for WeasyPrint, which draws SVG text as it is given (see
shaping.py). Numbers for axes come from `number`, a function the caller passes so that ticks are
written like the other figures on the page.
"""

from taawon.lib.charts.bars import horizontal_bars, vertical_bars
from taawon.lib.charts.lines import line_chart
from taawon.lib.charts.map import Place, bubble_map
from taawon.lib.charts.model import Bar, Series
from taawon.lib.charts.shaping import visual
from taawon.lib.charts.shares import Share, share_bars

__all__ = [
    "Bar",
    "Place",
    "Series",
    "Share",
    "bubble_map",
    "horizontal_bars",
    "line_chart",
    "share_bars",
    "vertical_bars",
    "visual",
]
