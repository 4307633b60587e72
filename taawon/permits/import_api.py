"""Permit imports over HTTP, mounted by taawon.permits.api at /api/v1/permits/imports."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["permit imports"])
import_router = router
