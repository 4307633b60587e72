"""The one way every list of the API is paged (the web lists page with core/pagination.py).

A handler takes `page: Query[PageIn]` (`limit`, `offset`), answers with the schema built by
`page_of(ItemOut)` and returns `fetch_page(queryset, page)`. Pages never count the whole table:
one row more than asked says whether another page follows, so `next_offset` is null on the
last page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import QuerySet
from ninja import Field, Schema

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
# Databases hold offsets in 64-bit integers: a larger one would fail inside the query.
MAX_OFFSET = 2**63 - 1

# For a list endpoint's description: how its pages work.
PAGE_NOTE = "Pages never count the whole table: follow `next_offset` (null on the last page)."
PAGE_DESCRIPTION = (
    "A page of a list: `items`, the `limit` and `offset` asked for, and `next_offset`, the "
    "offset of the next page (null on the last page). Pages never count the whole table: "
    "follow `next_offset` until it is null."
)


class PageIn(Schema):
    limit: int = Field(
        DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"Rows per page, 1 to {MAX_LIMIT}"
    )
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Rows to skip: a `next_offset`")


class Page(Schema):
    items: list[Any]  # page_of() narrows it to the list's schema
    limit: int
    offset: int
    next_offset: int | None = Field(description="Offset of the next page; null on the last page")


def page_of(item: type[Schema], name: str | None = None) -> type[Page]:
    """The schema of a page of `item`s, named `<Item>ListOut` (PersonOut: PersonListOut)."""
    name = name or f"{item.__name__.removesuffix('Out')}ListOut"
    return type(
        name,
        (Page,),
        {
            "__doc__": PAGE_DESCRIPTION,
            "__module__": item.__module__,
            "__annotations__": {"items": list[item]},
        },
    )


def fetch_page(queryset: QuerySet | Sequence[Any], page: PageIn) -> dict[str, Any]:
    """One page of `queryset` (already ordered; a list for the registries' catalogues) in the
    shape `page_of` describes."""
    limit, offset = page.limit, page.offset
    rows = list(queryset[offset : offset + limit + 1])
    return {
        "items": rows[:limit],
        "limit": limit,
        "offset": offset,
        "next_offset": offset + limit if len(rows) > limit else None,
    }
