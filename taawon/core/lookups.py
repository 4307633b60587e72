"""Integer lookups that treat a number no database column can hold as matching nothing.

`?cooperative=99999999999999999999` or `{"ids": [2**70]}` names no row: PostgreSQL says so,
while SQLite's driver raises OverflowError before the query runs (a 500). Django already
answers this way for `exact` and the comparisons on an integer column; these lookups do the
same for `in` on an integer column and for `exact`/`in` through a foreign key, so that a path
id, a filter and an id list out of range give the same answer as an unknown id (a 404, an
empty list, "not found") on both databases. Registered once, in `CoreConfig.ready()`.
"""

from __future__ import annotations

from django.core.exceptions import EmptyResultSet
from django.db.models import ForeignObject, IntegerField
from django.db.models.fields.related_lookups import RelatedExact, RelatedIn
from django.db.models.lookups import In

# The widest integer column on either database: a signed 64-bit BIGINT.
SMALLEST = -(2**63)
LARGEST = 2**63 - 1


def out_of_range(value: object) -> bool:
    return (
        isinstance(value, int)
        and not isinstance(value, bool)
        and not (SMALLEST <= value <= LARGEST)
    )


class _InRange:
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            if isinstance(self.rhs, list | tuple | set | frozenset):
                self.rhs = [value for value in self.rhs if not out_of_range(value)]
            elif out_of_range(self.rhs):
                raise EmptyResultSet
        return super().process_rhs(compiler, connection)


class IntegerIn(_InRange, In):
    pass


class RelatedIntegerIn(_InRange, RelatedIn):
    pass


class RelatedIntegerExact(_InRange, RelatedExact):
    pass


def register_lookups() -> None:
    IntegerField.register_lookup(IntegerIn)
    ForeignObject.register_lookup(RelatedIntegerIn)
    ForeignObject.register_lookup(RelatedIntegerExact)
