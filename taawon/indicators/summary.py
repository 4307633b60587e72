"""Summary tables that answer the big indicators without reading their millions of rows.

An indicator marked `summarised` (a count of persons' rows: registrations, sessions,
referrals, placements, permits) is kept in two tables:

- `Fact`: one line per counted row, with the keys of the dimensions a dashboard uses (owner,
  day, sex, nationality, governorate) and the person, so that a row's contribution can be
  taken back when the row, its job seeker or its person changes;
- `Cell`: the facts added up by month, owner, sex, nationality and governorate: a year of a
  country is some thousands of cells. They answer the additive indicators (each row counts
  once); for the others they tell which owners have rows in which months;
- `UniqueCell`: for the indicators that count each person once (job seekers placed), the
  persons by month, sex, nationality and governorate over every owner, so that a viewer who
  sees every owner with rows in the period reads a month's unique persons without reading
  its facts.

Database triggers (indicators/triggers.py) write every insert, update and delete of the tables
those indicators read to a change log, whatever wrote it (a form, an import's bulk insert, a
merge, raw SQL). Before the summary answers, it folds the log in (`catch_up`): the rows touched
are computed again from the records and their facts and cells corrected, in one transaction.
So a record saved a second ago is in the figures, and no figure waits for a nightly run.

A question the summary cannot answer (another dimension, a filter, a viewer whose scope is not
a set of owners, an indicator not yet built) goes to the records, as before (engine.py).
"""

from __future__ import annotations

import datetime
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import CharField, Count, F, Q, QuerySet, Sum, Value
from django.db.models.expressions import Case, Expression, When
from django.db.models.functions import Cast
from django.utils import timezone

from taawon.accounts import scoping
from taawon.accounts.models import Organisation
from taawon.people.models import Person, Sex

from . import access, registry
from .dimensions import (
    NONE,
    OTHER,
    UNKNOWN,
    Dimension,
    Viewer,
    _nationality_groups,
    period_end,
    period_keys,
    period_start,
)
from .models import Cell, Change, Fact, SummaryBuilt, UniqueCell
from .registry import Indicator

# The dimensions the summary keeps; a question by any other goes to the records.
DIMENSIONS = frozenset({"sex", "nationality", "governorate", "unit", "month", "quarter", "year"})
# The keys of a unique cell: a question by exactly these can be answered from them.
UNIQUE_CELL_DIMENSIONS = frozenset({"sex", "nationality", "governorate", "month"})
CHUNK = 2000
# Bumped when what a fact or a cell holds changes: every summary is then built again.
SCHEMA = 2
# Changes folded in one transaction: a few thousand, so that the write lock (SQLite) is held
# for a fraction of a second at a time, whatever an import left to fold in.
BATCH = 5_000
# The key of the PostgreSQL advisory lock that lets one transaction at a time fold the log in.
LOCK_KEY = 7_246_100_121

FactKey = tuple[int, int | None, datetime.date, str, str, str]
CellKey = tuple[int, datetime.date, str, str, str]
# (month, sex, nationality, governorate) of a UniqueCell; with the person first, a presence.
UniqueKey = tuple[datetime.date, str, str, str]
Presence = tuple[int, datetime.date, str, str, str]


def summarised_indicators() -> list[Indicator]:
    return [i for i in registry.all_indicators() if i.summarised]


def additive(indicator: Indicator) -> bool:
    """Each row counts once: rows, or persons when each row is a different person (the rows
    are the persons, or lead to them by one-to-one links only, as a job seeker profile)."""
    if indicator.measure == registry.COUNT_ROWS or indicator.subject == "":
        return True
    model = indicator.rows().model
    for part in (indicator.subject or "").split("__"):
        field = model._meta.get_field(part)
        if not (field.one_to_one and field.concrete):
            return False
        model = field.related_model
    return True


def version(indicator: Indicator) -> str:
    """A fingerprint of what the indicator's summary holds and how it is kept."""
    # Asked at every figure: computed once for each registered definition.
    cached = _VERSIONS.get(indicator.code)
    if cached is None or cached[0] is not indicator:
        described = repr((SCHEMA, additive(indicator), sorted(watched_columns(indicator))))
        cached = indicator, hashlib.sha256(described.encode()).hexdigest()[:32]
        _VERSIONS[indicator.code] = cached
    return cached[1]


_VERSIONS: dict[str, tuple[Indicator, str]] = {}


def watched_columns(indicator: Indicator) -> set[tuple[str, str]]:
    return {(t, c) for t, (_l, columns, _m) in watched(indicator).items() for c in columns}


def built_codes() -> set[str]:
    """The indicators whose summary is built, as they are defined now."""
    current = {i.code: version(i) for i in summarised_indicators()}
    return {
        code
        for code, built in SummaryBuilt.objects.values_list("indicator", "version")
        if current.get(code) == built
    }


# ---- what the triggers watch -------------------------------------------------------------


def _paths(indicator: Indicator) -> list[str]:
    """The lookups (from the counted row) of every column a fact is made of."""
    person = indicator.subject
    paths = [indicator.date, f"{indicator.owner}_id"]
    for dimension, column in (("sex", "sex"), ("nationality", "nationality")):
        paths.append(indicator.fields.get(dimension) or indicator.person_path(column))
    if indicator.measure == registry.COUNT_PERSONS:
        paths.append(indicator.person_path("merged_into_id"))
    if person:
        paths.append(f"{person}_id")
    governorate = indicator.fields.get("governorate") or indicator.governorate
    if governorate:
        paths.append(f"{governorate}__iso_code")
    return paths + list(indicator.watch)


def _hops(model, path: str) -> Iterator[tuple[str, object, str]]:
    """(lookup from the row to `model`, model, its column) for each step of `path`."""
    parts = path.split("__")
    lookup: list[str] = []
    for index, part in enumerate(parts):
        field = model._meta.get_field(part.removesuffix("_id") if part.endswith("_id") else part)
        yield "__".join(lookup), model, field.column
        if index + 1 < len(parts):
            model = field.related_model
            lookup.append(part)


def watched(indicator: Indicator) -> dict[str, tuple[str, set[str], object]]:
    """table -> (lookup from the counted row to that table's row, columns, model)."""
    result: dict[str, tuple[str, set[str], object]] = {}
    row_model = indicator.rows().model
    for path in _paths(indicator):
        for lookup, model, column in _hops(row_model, path):
            table = model._meta.db_table
            entry = result.setdefault(table, (lookup, set(), model))
            entry[1].add(column)
    return result


def watched_tables() -> dict[str, set[str]]:
    """Every table a summarised indicator reads, with the columns whose update matters."""
    tables: dict[str, set[str]] = defaultdict(set)
    for indicator in summarised_indicators():
        for table, (_lookup, columns, _model) in watched(indicator).items():
            tables[table] |= columns
    return dict(tables)


# ---- facts computed from the records ----------------------------------------------------


def _fact_columns(indicator: Indicator) -> dict[str, str]:
    governorate = indicator.fields.get("governorate") or indicator.governorate
    return {
        "f_row": "pk",
        "f_owner": f"{indicator.owner}_id",
        "f_person": indicator.person_path(),
        "f_day": indicator.date,
        "f_sex": indicator.fields.get("sex") or indicator.person_path("sex"),
        "f_nationality": indicator.fields.get("nationality")
        or indicator.person_path("nationality"),
        "f_governorate": f"{governorate}__iso_code" if governorate else "",
    }


def _counted(indicator: Indicator, rows: QuerySet) -> QuerySet:
    if indicator.measure == registry.COUNT_PERSONS:
        # As the engine counts: a person merged into another is counted as the survivor.
        rows = rows.filter(**{f"{indicator.person_path('merged_into')}__isnull": True})
    return rows


def _day(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        # A timestamp counts on its local day, as the engine's TruncDate takes it.
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def compute_facts(indicator: Indicator, rows: QuerySet) -> dict[int, FactKey]:
    """row id -> (owner, person, day, sex, nationality, governorate) of the rows that count."""
    columns = {k: v for k, v in _fact_columns(indicator).items() if v}
    facts: dict[int, FactKey] = {}
    for row in _counted(indicator, rows).values(**{k: F(v) for k, v in columns.items()}).order_by():
        day = _day(row["f_day"])
        if day is None or row["f_owner"] is None:
            continue
        facts[row["f_row"]] = (
            row["f_owner"],
            row["f_person"],
            day,
            row["f_sex"] or "",
            row["f_nationality"] or "",
            row.get("f_governorate") or NONE,
        )
    return facts


def _cell_key(fact: FactKey) -> CellKey:
    owner, _person, day, sex, nationality, governorate = fact
    return owner, day.replace(day=1), sex, nationality, governorate


def _chunks(ids: Iterable[int], size: int = CHUNK) -> Iterator[list[int]]:
    ordered = sorted(ids)
    for index in range(0, len(ordered), size):
        yield ordered[index : index + size]


def refresh(indicator: Indicator, row_ids: Iterable[int]) -> int:
    """Compute the facts of these rows again; correct the facts and cells that changed.
    Returns how many rows changed their contribution."""
    code = indicator.code
    unique = not additive(indicator)
    changed_count = 0
    deltas: dict[CellKey, int] = defaultdict(int)
    unique_deltas: dict[UniqueKey, int] = defaultdict(int)
    for chunk in _chunks(row_ids):
        new = compute_facts(indicator, indicator.rows().filter(pk__in=chunk))
        old = {
            row[0]: (row[1], row[2], row[3], row[4], row[5], row[6])
            for row in Fact.objects.filter(indicator=code, row_id__in=chunk).values_list(
                "row_id", "owner_id", "person_id", "day", "sex", "nationality", "governorate"
            )
        }
        changed = [r for r in chunk if old.get(r) != new.get(r)]
        if not changed:
            continue
        changed_count += len(changed)
        persons = {f[1] for f in (*old.values(), *new.values()) if f[1] is not None}
        before = _presences(code, persons) if unique else set()
        Fact.objects.filter(indicator=code, row_id__in=[r for r in changed if r in old]).delete()
        Fact.objects.bulk_create([_fact(code, r, new[r]) for r in changed if r in new])
        for r in changed:
            if r in old:
                deltas[_cell_key(old[r])] -= 1
            if r in new:
                deltas[_cell_key(new[r])] += 1
        if unique:
            after = _presences(code, persons)
            for presence in after - before:
                unique_deltas[presence[1:]] += 1
            for presence in before - after:
                unique_deltas[presence[1:]] -= 1
    _apply(Cell, code, {k: d for k, d in deltas.items() if d})
    _apply(UniqueCell, code, {k: d for k, d in unique_deltas.items() if d})
    return changed_count


def _presence(fact: FactKey) -> Presence:
    _owner, person, day, sex, nationality, governorate = fact
    return person, day.replace(day=1), sex, nationality, governorate


def _presences(code: str, persons: set[int]) -> set[Presence]:
    """(person, month, sex, nationality, governorate) of every fact of these persons."""
    found: set[Presence] = set()
    for chunk in _chunks(persons):
        facts = Fact.objects.filter(indicator=code, person_id__in=chunk).values_list(
            "owner_id", "person_id", "day", "sex", "nationality", "governorate"
        )
        found.update(_presence(fact) for fact in facts)
    return found


def _fact(code: str, row_id: int, fact: FactKey) -> Fact:
    owner, person, day, sex, nationality, governorate = fact
    return Fact(
        indicator=code,
        row_id=row_id,
        owner_id=owner,
        person_id=person,
        day=day,
        sex=sex,
        nationality=nationality,
        governorate=governorate,
    )


# A cell's key, in the order of CellKey and UniqueKey; the owner and month narrow the read.
_KEYS = {
    Cell: ("owner_id", "month", "sex", "nationality", "governorate"),
    UniqueCell: ("month", "sex", "nationality", "governorate"),
}


def _row(model: type[Cell] | type[UniqueCell], code: str, key: tuple, value: int):
    return model(indicator=code, value=value, **dict(zip(_KEYS[model], key, strict=True)))


def _kept(model: type[Cell] | type[UniqueCell], code: str) -> dict[tuple, int]:
    """The stored cells (or unique cells) of an indicator: key -> value."""
    rows = model.objects.filter(indicator=code).values_list(*_KEYS[model], "value")
    return {tuple(row[:-1]): row[-1] for row in rows}


def _apply(model: type[Cell] | type[UniqueCell], code: str, deltas: dict[tuple, int]) -> None:
    """Add the deltas to their cells (or unique cells), in a few statements whatever their
    number (the caller holds the summary's lock: nobody else writes cells meanwhile)."""
    if not deltas:
        return
    keys = _KEYS[model]
    narrowed = {
        f"{name}__in": sorted({key[index] for key in deltas})
        for index, name in enumerate(keys)
        if name in ("owner_id", "month")
    }
    existing = {
        tuple(getattr(c, name) for name in keys): c
        for c in model.objects.filter(indicator=code, **narrowed)
    }
    changed, new = [], []
    for key, delta in deltas.items():
        cell = existing.get(key)
        if cell is not None:
            cell.value += delta
            changed.append(cell)
            continue
        new.append(_row(model, code, key, delta))
    model.objects.bulk_update(changed, ["value"], batch_size=500)
    model.objects.bulk_create(new, batch_size=500)
    emptied = [cell.pk for cell in changed if cell.value == 0]
    if emptied:
        model.objects.filter(pk__in=emptied).delete()


def _insert_facts(code: str, facts: dict[int, FactKey]) -> None:
    # Millions of rows at a rebuild: one prepared INSERT, no model instance a row.
    table = connection.ops.quote_name(Fact._meta.db_table)
    columns = "indicator, row_id, owner_id, person_id, day, sex, nationality, governorate"
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
            [(code, row_id, *fact) for row_id, fact in facts.items()],
        )


def rebuild(indicator: Indicator) -> int:
    """Build the indicator's summary from all its records (a new indicator, a database that
    had records before the summary existed, or a check). Returns the number of facts."""
    code = indicator.code
    with transaction.atomic():
        _lock()
        Fact.objects.filter(indicator=code).delete()
        Cell.objects.filter(indicator=code).delete()
        UniqueCell.objects.filter(indicator=code).delete()
        total = 0
        cells: dict[CellKey, int] = defaultdict(int)
        presences: set[Presence] = set()
        unique = not additive(indicator)
        rows = indicator.rows()
        last = 0
        while True:
            ids = list(
                rows.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:50_000]
            )
            if not ids:
                break
            last = ids[-1]
            facts = compute_facts(indicator, rows.filter(pk__gte=ids[0], pk__lte=last))
            _insert_facts(code, facts)
            for fact in facts.values():
                cells[_cell_key(fact)] += 1
                if unique and fact[1] is not None:
                    presences.add(_presence(fact))
            total += len(facts)
        for model, counts in ((Cell, cells), (UniqueCell, _unique_counts(presences))):
            model.objects.bulk_create(
                (_row(model, code, key, value) for key, value in counts.items()), batch_size=5000
            )
        SummaryBuilt.objects.update_or_create(
            indicator=code, defaults={"version": version(indicator)}
        )
    return total


def _unique_counts(presences: Iterable[Presence]) -> dict[UniqueKey, int]:
    counts: dict[UniqueKey, int] = defaultdict(int)
    for presence in presences:
        counts[presence[1:]] += 1
    return counts


def rebuild_all() -> dict[str, int]:
    """Every summarised indicator built again; the change log emptied (what it held is in)."""
    with transaction.atomic():
        _lock()
        # The changes committed before the records are read are in what the rebuild reads.
        seen = list(Change.objects.values_list("id", flat=True))
        result = {i.code: rebuild(i) for i in summarised_indicators()}
        for chunk in _chunks(seen):
            Change.objects.filter(id__in=chunk).delete()
    return result


def analyse() -> None:
    """Fresh statistics (and, on PostgreSQL, a visibility map for index-only scans) after a
    rebuild has written the summary anew (VACUUM only outside a transaction). The change log
    too: a rebuild deletes every change, and until a vacuum the dead rows are read by each
    check for changes (a dashboard's nine summarised figures paid 60 to 80 ms each after a
    rebuild of a million persons' summary, with autovacuum behind)."""
    with connection.cursor() as cursor:
        tables = (Fact, Cell, UniqueCell, Change)
        for table in (model._meta.db_table for model in tables):
            quoted = connection.ops.quote_name(table)
            if connection.vendor == "postgresql" and not connection.in_atomic_block:
                cursor.execute(f"VACUUM ANALYZE {quoted}")
            else:
                cursor.execute(f"ANALYZE {quoted}")


def mark_empty_built() -> None:
    """An indicator with no records yet has a complete (empty) summary: mark it built, so that
    the triggers keep it from its first record on (a new database, the test database)."""
    built = built_codes()
    for indicator in summarised_indicators():
        if indicator.code not in built and not indicator.rows().exists():
            Fact.objects.filter(indicator=indicator.code).delete()
            Cell.objects.filter(indicator=indicator.code).delete()
            SummaryBuilt.objects.update_or_create(
                indicator=indicator.code, defaults={"version": version(indicator)}
            )


# ---- the change log ------------------------------------------------------------------------


def _lock() -> None:
    # SQLite: every transaction begins IMMEDIATE (settings), which already serialises writers.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])


def _touched_rows(indicator: Indicator, touched: dict[str, set[int]]) -> set[int]:
    """The indicator's rows whose facts a change may have moved."""
    rows = indicator.rows()
    row_table = rows.model._meta.db_table
    ids: set[int] = set(touched.get(row_table, ()))
    for table, (lookup, _columns, model) in watched(indicator).items():
        changed = touched.get(table)
        if not changed or not lookup:
            continue
        for chunk in _chunks(changed):
            ids.update(rows.filter(**{f"{lookup}__in": chunk}).values_list("pk", flat=True))
            if model is Person and lookup == indicator.subject:
                # Rows that were this person's before the change (facts remember them).
                ids.update(
                    Fact.objects.filter(indicator=indicator.code, person_id__in=chunk).values_list(
                        "row_id", flat=True
                    )
                )
    return ids


def catch_up() -> None:
    """Fold the change log into the summaries, a batch of changes a transaction, one
    transaction at a time. A change is deleted by its id once its rows are computed again:
    never one that was not read (on PostgreSQL a lower id can commit after a higher one), and
    a change read twice does no harm (the rows are computed from what they are now)."""
    if not Change.objects.exists():
        return
    while True:
        with transaction.atomic():
            _lock()
            batch = list(
                Change.objects.order_by("id").values_list("id", "source", "row_id")[:BATCH]
            )
            touched: dict[str, set[int]] = defaultdict(set)
            for _id, source, row_id in batch:
                touched[source].add(row_id)
            built = built_codes()
            for indicator in summarised_indicators():
                if indicator.code in built:
                    rows = _touched_rows(indicator, touched)
                    if rows:
                        refresh(indicator, rows)
            for chunk in _chunks(change_id for change_id, _s, _r in batch):
                Change.objects.filter(id__in=chunk).delete()
        if len(batch) < BATCH:
            return


# ---- answering from the summary ------------------------------------------------------------


def _owners(user, indicator: Indicator) -> frozenset[int] | None | bool:
    """The owners whose rows `user` counts: None for all of them, False when the summary
    cannot say (a scope that is not a set of owners)."""
    if access.aggregate_only(user):
        countries = access.aggregate_countries(user)
        return frozenset(
            Organisation.objects.filter(country__in=countries).values_list("pk", flat=True)
        )
    if indicator.scope is registry._default_scope:
        reach = scoping.reach(user, scoping.READ, domain=indicator.rows().model._meta.app_label)
    elif indicator.owners is not None:
        reach = indicator.owners(user)
        if reach is None:
            return False
    else:
        return False
    return None if reach.everything else reach.organisation_ids


@dataclass(frozen=True)
class Reader:
    """Groups and totals of one indicator over [start, end] for one viewer, from the summary."""

    indicator: Indicator
    owners: frozenset[int] | None
    viewer: Viewer
    start: datetime.date
    end: datetime.date

    def _narrowed(self, queryset: QuerySet) -> QuerySet:
        queryset = queryset.filter(indicator=self.indicator.code)
        if self.owners is not None:
            queryset = queryset.filter(owner_id__in=sorted(self.owners))
        return queryset

    def _parts(self, dimensions: Sequence[Dimension]) -> list[tuple[QuerySet, str, object]]:
        """(rows, their date column, measure): whole months from the cells (unique persons
        from the unique cells, where they can answer), the days at the edges and the rest
        from the facts."""
        facts = self._narrowed(Fact.objects.all())
        unique = not additive(self.indicator)
        measure = Count("person_id", distinct=True) if unique else Count("id")
        first = self.start if self.start.day == 1 else _next_month(self.start)
        after = self.end + datetime.timedelta(days=1)
        stop = after if after.day == 1 else after.replace(day=1)
        if first >= stop or (unique and not self._unique_cells_answer(dimensions, first, stop)):
            return [(facts.filter(day__gte=self.start, day__lte=self.end), "day", measure)]
        if unique:
            whole = UniqueCell.objects.filter(indicator=self.indicator.code)
        else:
            whole = self._narrowed(Cell.objects.all())
        parts = [(whole.filter(month__gte=first, month__lt=stop), "month", Sum("value"))]
        if self.start < first:
            parts.append((facts.filter(day__gte=self.start, day__lt=first), "day", measure))
        if stop < after:
            parts.append((facts.filter(day__gte=stop, day__lte=self.end), "day", measure))
        return parts

    def _unique_cells_answer(
        self, dimensions: Sequence[Dimension], first: datetime.date, stop: datetime.date
    ) -> bool:
        """Whether the unique cells give this question's unique persons: by month and every
        key they hold (a person counted in two cells of a month differs in a key shown, so
        is counted in two groups anyway), sex and nationality the person's own (the same in
        all their facts), and no row of the whole months owned by someone the viewer does
        not see (the cells count every owner's persons)."""
        if {d.code for d in dimensions} != UNIQUE_CELL_DIMENSIONS:
            return False
        if self.indicator.fields.get("sex") or self.indicator.fields.get("nationality"):
            return False
        if self.owners is None:
            return True
        others = Cell.objects.filter(
            indicator=self.indicator.code, month__gte=first, month__lt=stop
        ).exclude(owner_id__in=sorted(self.owners))
        return not others.exists()

    def group(self, dimensions: Sequence[Dimension]) -> dict[tuple[str, ...], int]:
        result: dict[tuple[str, ...], int] = defaultdict(int)
        names = [f"ind_k{i}" for i in range(len(dimensions))]
        for rows, date, measure in self._parts(dimensions):
            expressions = {n: self._key(d, date) for n, d in zip(names, dimensions, strict=True)}
            if not expressions:
                value = rows.aggregate(value=measure)["value"] or 0
                result[()] += value
                continue
            for row in rows.values(**expressions).annotate(value=measure).order_by():
                result[tuple(row[n] for n in names)] += row["value"] or 0
        return dict(result)

    def _key(self, dimension: Dimension, date: str) -> Expression:
        code = dimension.code
        if code == "sex":
            return _choice("sex", list(Sex.values), UNKNOWN)
        if code == "nationality":
            return _choice("nationality", _nationality_groups(self.viewer), OTHER)
        if code == "governorate":
            return F("governorate")
        if code == "unit":
            return Cast(F("owner_id"), CharField())
        keys = period_keys(code, self.start, self.end)
        whens = [When(**{f"{date}__lt": _after(code, key)}, then=Value(key)) for key in keys[:-1]]
        return Case(*whens, default=Value(keys[-1]), output_field=CharField())


def _choice(column: str, values: list[str], default: str) -> Expression:
    return Case(
        *[When(Q(**{column: value}), then=Value(value)) for value in values],
        default=Value(default),
        output_field=CharField(),
    )


def _after(kind: str, key: str) -> datetime.date:
    return period_end(kind, period_start(kind, key)) + datetime.timedelta(days=1)


def _next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def reader(
    user,
    indicator: Indicator,
    start: datetime.date,
    end: datetime.date,
    dimensions: Sequence[Dimension],
    filters: dict[str, str],
) -> Reader | None:
    """A reader of the summary for this question, or None when the records must answer it."""
    if not indicator.summarised or filters:
        return None
    if any(d.code not in DIMENSIONS for d in dimensions):
        return None
    owners = _owners(user, indicator)
    if owners is False:
        return None
    catch_up()
    if indicator.code not in built_codes():
        return None
    return Reader(indicator, owners, access.viewer(user, indicator), start, end)


# ---- checking ------------------------------------------------------------------------------


def differences(indicator: Indicator) -> int:
    """How many facts and cells of the indicator's summary differ from what its records give
    now (after folding the change log in): 0 when the summary is right."""
    catch_up()
    code = indicator.code
    expected: dict[int, FactKey] = {}
    rows = indicator.rows()
    last = 0
    while True:
        ids = list(rows.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:50_000])
        if not ids:
            break
        last = ids[-1]
        expected.update(compute_facts(indicator, rows.filter(pk__gte=ids[0], pk__lte=last)))
    stored = {
        row[0]: tuple(row[1:])
        for row in Fact.objects.filter(indicator=code)
        .values_list("row_id", "owner_id", "person_id", "day", "sex", "nationality", "governorate")
        .iterator()
    }
    wrong = sum(1 for r in expected.keys() | stored.keys() if expected.get(r) != stored.get(r))
    cells: dict[CellKey, int] = defaultdict(int)
    for fact in expected.values():
        cells[_cell_key(fact)] += 1
    counted: list[tuple[type[Cell] | type[UniqueCell], dict]] = [(Cell, cells)]
    if not additive(indicator):
        presences = {_presence(f) for f in expected.values() if f[1] is not None}
        counted.append((UniqueCell, _unique_counts(presences)))
    for model, counts in counted:
        kept = _kept(model, code)
        wrong += sum(1 for k in counts.keys() | kept.keys() if counts.get(k) != kept.get(k))
    return wrong
