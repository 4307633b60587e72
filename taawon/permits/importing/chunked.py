"""Reading the database one chunk of values at a time: one query per chunk, whatever the
number of rows an import has, and within every database's limit on query parameters."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator

CHUNK = 2_000


def chunks(values: Iterable, size: int = CHUNK) -> Iterator[list]:
    iterator = iter(values)
    while batch := list(itertools.islice(iterator, size)):
        yield batch
