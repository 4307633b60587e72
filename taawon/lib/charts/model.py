"""The values a chart is drawn from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its value, and the value as the page writes it ("1,620", "<5")."""

    label: str
    value: float
    display: str


@dataclass(frozen=True)
class Series:
    """One series of a cross table (the women, the men), a value per category, in order."""

    name: str
    values: Sequence[float]
    displays: Sequence[str]
