"""A computed table as its viewer may see it: every figure for staff; for an aggregate viewer,
small cells shown as "<5" (taawon.lib.disclosure)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from taawon.lib import disclosure

from . import access
from .engine import Table

Shown = int | Decimal | str | None


@dataclass(frozen=True)
class Published:
    table: Table
    suppressed: bool

    def show(self, value) -> Shown:
        if not self.suppressed or isinstance(value, Decimal):
            return value
        return disclosure.cell(value)

    @property
    def total(self) -> Shown:
        return self.show(self.table.total)

    def cell(self, *keys: str) -> Shown:
        return self.show(self.table.cells.get(tuple(keys), 0))

    def row_total(self, key: str) -> Shown:
        return self.show(self.table.row_totals.get(key, 0))

    def col_total(self, key: str) -> Shown:
        return self.show(self.table.col_totals.get(key, 0))


def publish(table: Table, user) -> Published:
    return Published(table, access.aggregate_only(user))
