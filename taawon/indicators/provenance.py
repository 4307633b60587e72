"""Where a figure comes from: the link from a cell to the list of the records behind it.

A cell links to its indicator's list page, with the cell's keys as that list's filters where
the list understands them (persons by sex, say); where it does not, to the whole list. The
list pages apply the reader's own scope. Aggregate viewers get no link: they read no record.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from taawon.geo.models import Governorate

from . import access
from .engine import Table


class Links:
    def __init__(self, table: Table, user) -> None:
        indicator = table.indicator
        self.base = ""
        if indicator.list_url and access.may_see_records(user, indicator):
            self.base = reverse(indicator.list_url)
        self.params = indicator.list_filters
        self.fixed = dict(table.filters)
        self.dimensions = table.dimensions
        self._governorates: dict[str, int] | None = None

    def _value(self, dimension: str, key: str) -> str | None:
        if dimension == "governorate":
            if self._governorates is None:
                self._governorates = dict(Governorate.objects.values_list("iso_code", "pk"))
            pk = self._governorates.get(key)
            return None if pk is None else str(pk)
        if dimension == "nationality" and key == "other":
            return None
        if key in ("unknown", "none", "other"):
            return None
        return key

    def url(self, *keys: str) -> str:
        """The list behind the cell with `keys` (one per dimension; fewer for a row total)."""
        return self.url_of(dict(zip(self.dimensions, keys, strict=False)))

    def url_of(self, keys: dict[str, str]) -> str:
        """The list behind the figure of `keys` (dimension -> key)."""
        if not self.base:
            return ""
        query = {}
        for dimension, key in [*self.fixed.items(), *keys.items()]:
            param = self.params.get(dimension)
            value = self._value(dimension, key) if param else None
            if param and value is not None:
                query[param] = value
        return f"{self.base}?{urlencode(query)}" if query else self.base
