"""Duplicate detection over HTTP: the same queries and services as the pages."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Status

from taawon.core.api_pages import PageIn, fetch_page

from . import queries, services
from .schemas import (
    MergeFilters,
    MergeIn,
    MergeListOut,
    MergeOut,
    PairFilters,
    PairListOut,
    PairOut,
    ReviewIn,
    RunOut,
)

router = Router(tags=["duplicates"])


@router.get("/pairs", response=PairListOut, summary="List possible duplicates")
def list_pairs(request: HttpRequest, filters: Query[PairFilters], page: Query[PageIn]):
    """Pairs whose two persons you may read, most likely duplicates first."""
    pairs = queries.review_queue(request.auth, status=filters.status)
    return fetch_page(pairs, page)


@router.get("/pairs/{int:pair_id}", response=PairOut, summary="Get a possible duplicate")
def get_pair(request: HttpRequest, pair_id: int):
    return queries.get_pair_for_user(request.auth, pair_id)


@router.post("/pairs/{int:pair_id}/review", response=PairOut, summary="Review a pair")
def review_pair(request: HttpRequest, pair_id: int, payload: ReviewIn):
    pair = queries.get_pair_for_user(request.auth, pair_id)
    services.review_pair(pair=pair, decision=payload.decision, reviewed_by=request.auth)
    return queries.get_pair_for_user(request.auth, pair_id)


@router.post("/pairs/{int:pair_id}/merge", response={201: MergeOut}, summary="Merge a pair")
def merge_pair(request: HttpRequest, pair_id: int, payload: MergeIn):
    """Keeps `survivor` and merges the other record into it; undo with /merges/{id}/undo."""
    pair = queries.get_pair_for_user(request.auth, pair_id)
    survivor = services.survivor_of(pair, payload.survivor)
    merge = services.merge_pair(
        pair=pair,
        survivor=survivor,
        performed_by=request.auth,
        keep=payload.keep,
        one_person=payload.one_person,
    )
    return Status(201, queries.get_merge_for_user(request.auth, merge.pk))


@router.get("/merges", response=MergeListOut, summary="List merges")
def list_merges(request: HttpRequest, filters: Query[MergeFilters], page: Query[PageIn]):
    merges = queries.merge_list(request.auth, awaiting_review=filters.awaiting_review)
    return fetch_page(merges, page)


@router.post("/merges/{int:merge_id}/undo", response=MergeOut, summary="Undo a merge")
def undo_merge(request: HttpRequest, merge_id: int):
    merge = queries.get_merge_for_user(request.auth, merge_id)
    services.undo_merge(merge=merge, performed_by=request.auth)
    return queries.get_merge_for_user(request.auth, merge_id)


@router.post("/merges/{int:merge_id}/keep", response=MergeOut, summary="Keep an automatic merge")
def keep_merge(request: HttpRequest, merge_id: int):
    merge = queries.get_merge_for_user(request.auth, merge_id)
    services.keep_merge(merge=merge, reviewed_by=request.auth)
    return queries.get_merge_for_user(request.auth, merge_id)


@router.post("/runs", response={202: RunOut}, summary="Start duplicate detection")
def start_run(request: HttpRequest):
    """Queues detection over the whole registry; follow it at /runs/{id}."""
    return Status(202, services.start_detection(started_by=request.auth))


@router.get("/runs/{int:run_id}", response=RunOut, summary="Progress of a detection run")
def get_run(request: HttpRequest, run_id: int):
    return queries.get_run_for_user(request.auth, run_id)
