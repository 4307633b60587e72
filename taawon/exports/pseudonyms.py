"""A person's pseudonymous reference in exports: stable across exports and lists (so that
rows of the job seekers and placements exports can be joined), not reversible without the
server's secret key, and not the database id (which would link back to the record)."""

from __future__ import annotations

import functools
import hashlib
import hmac

from django.conf import settings

PREFIX = "P-"
LENGTH = 12  # hex digits: 48 bits, no collision in a registry of millions (birthday ~16 M)


@functools.cache
def _key(secret: str) -> bytes:
    return hashlib.sha256(b"taawon.exports.pseudonym\x00" + secret.encode()).digest()


def pseudonym(person_id: int | None) -> str:
    if person_id is None:
        return ""
    digest = hmac.new(_key(settings.SECRET_KEY), str(person_id).encode(), hashlib.sha256)
    return PREFIX + digest.hexdigest()[:LENGTH].upper()
