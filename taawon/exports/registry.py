"""The lists that can be exported: one entry per list page, defined over that list's own
filter form and query, so that an export holds exactly the rows the page shows (same filters,
same scope) and nothing the page's viewer may not read.

An entry is registered by `lists/<app>.py` (imported from apps.ready). A person-level entry
has a pseudonymous reference column and marks its names and phone columns `identifying`:
those are written only on request and only for users who may reveal the row (see `columns`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Set
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, QueryDict

from taawon.accounts import scoping
from taawon.lib.tabular.export import Column
from taawon.people import queries as people_queries
from taawon.people.models import Consent


@dataclass(frozen=True)
class ListExport:
    name: str
    title: Any  # lazy translation
    # The list page's own gate: False answers 404, as the page does.
    may_read: Callable[[Any], bool]
    # The list's rows for a user and the page's query string.
    rows: Callable[[Any, QueryDict], QuerySet]
    columns: tuple[Column, ...]
    # The domain whose REVEAL grant lets a user ask for names (person-level lists only).
    domain: str = ""
    person_level: bool = False
    # The owning organisations of a row's persons, for the per-row check of identifying
    # columns: names are written only when the user may reveal every one of them.
    owners_of: Callable[[Any], tuple[int | None, ...]] = lambda row: (row.owner_id,)
    # The persons a row is about: one who withheld consent to data sharing is not named.
    persons_of: Callable[[Any], tuple[int | None, ...]] = lambda row: ()
    # The fields the columns read (ORM paths), loaded alone: a record built from a few of its
    # columns costs less than a whole one, which a 100,000-row export repeats. Empty: all.
    only: tuple[str, ...] = ()

    def may_identify(self, user) -> bool:
        return (
            self.person_level and not scoping.reach(user, scoping.REVEAL, domain=self.domain).empty
        )


REGISTRY: dict[str, ListExport] = {}


def register(export: ListExport) -> ListExport:
    if export.name in REGISTRY:
        raise ValueError(f"two exports are named {export.name}")
    REGISTRY[export.name] = export
    return export


def get(name: str) -> ListExport:
    try:
        return REGISTRY[name]
    except KeyError:
        raise Http404 from None


def reader(
    user, export: ListExport, *, identified: bool
) -> tuple[list[Column], Callable[[Any], list]]:
    """The columns written for `user` and a function from a row's object to its values.

    Pseudonymised (the default): the identifying columns are left out. Identified: they are
    kept, and filled only on rows whose owner is in the user's reveal reach (a user who reads
    B's rows as a viewer and reveals A's as a counsellor gets names for A's rows only) and
    whose persons have not withheld consent to data sharing (`withheld`, see `iterate`).
    """
    if not identified:
        columns = [column for column in export.columns if not column.identifying]
        getters = [_bound(column) for column in columns]
        return columns, lambda row: [get(row) for get in getters]
    reach = scoping.reach(user, scoping.REVEAL, domain=export.domain)
    columns = list(export.columns)
    getters = [(_bound(column), column.identifying) for column in columns]
    owners_of, persons_of = export.owners_of, export.persons_of

    def values(row, withheld: Set[int] = frozenset()) -> list:
        revealed = all(owner in reach for owner in owners_of(row)) and not any(
            person in withheld for person in persons_of(row)
        )
        return [get(row) if revealed or not identifying else None for get, identifying in getters]

    return columns, values


def _bound(column: Column) -> Callable[[Any], Any]:
    # A reader that caches per export (lists.Reader) gets a fresh cache for this one.
    bind = getattr(column.value, "bind", None)
    return bind() if bind is not None else column.value


def iterate(
    queryset: QuerySet,
    values: Callable[..., list],
    *,
    persons_of: Callable[[Any], tuple[int | None, ...]] | None = None,
    chunk_size: int = 2_000,
) -> Iterator[list]:
    """The values of each row of `queryset`, read in chunks. With `persons_of` (an identified
    export), each chunk's persons who withheld consent to data sharing are looked up first."""
    # prefetch_related of a list page (follow-ups of placements) is not exported and would
    # load per chunk; the joins of select_related stay.
    rows = queryset.prefetch_related(None).iterator(chunk_size=chunk_size)
    if persons_of is None:
        for row in rows:
            yield values(row)
        return
    while chunk := list(itertools.islice(rows, chunk_size)):
        ids = {person for row in chunk for person in persons_of(row) if person is not None}
        withheld = people_queries.withheld_consent(Consent.Purpose.DATA_SHARING, ids)
        for row in chunk:
            yield values(row, withheld)
