"""Bulk import of the ministry's permit list: 180,000 rows into a registry of 200,000 persons.

Target (issue): at most 60 s and 2 GB on SQLite, 90 s on PostgreSQL, for the whole
`taawon import-permits FILE` command (reading the .xlsx, checking every row, finding the
holders, writing permits, new holders and audit events in one transaction).

Each database gets its own registry, built once with the demo's bulk path (the demo scenario
with 200,000 job seekers, a quarter of them Syrian) and kept: a SQLite file under bench/.data/
and the PostgreSQL database taawon_bench_imp. The spreadsheet is generated from the
registry: chains of yearly permits from 2016 on for most Syrian men and a few women (95% of
permits go to men, as in the ministry's figures), by their service card or UNHCR case number,
plus holders the registry does not know (about one in ten, some of them registered under
another document, whom the duplicate check finds). Headers are the ministry's Arabic ones.

Measured on a fresh copy of the registry each time (a file copy; CREATE DATABASE ... TEMPLATE):
the import as a subprocess, its wall time, CPU time and peak memory (rusage from wait4); with
`--quick` also the dry run and the same file imported a second time (nothing changes).
Baseline: the naive importer, row by row through the ORM (holder by identifier, permit by
number, Permit.objects.create with its audit event, register_person with its duplicate check
for a new holder), timed on a sample of rows and scaled to the file; ratio = import time /
baseline time.

Right after this code's import, the previous commit's (`python -m bench --against REF`,
HEAD~1 by default; `--against ''` skips it) imports the same file into another fresh copy of the
same registry: its package is taken out of git (`git archive`) into a temporary folder and run
with the same interpreter and environment. The entry's params give both times and
`within_10_percent_of_previous` (issue 9: bulk writing keeps its speed).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import phases
from bench.databases import (
    DATA,
    database_url,
    ensure_database,
    server_connection,
)

SEED = 2016
PERSONS = {"full": 200_000, "quick": 5_000, "smoke": 400}
ROWS = {"full": 180_000, "quick": 4_500, "smoke": 300}
TARGET_S = {"sqlite": 60.0, "postgres": 90.0}
TARGET_MB = 2048
BASELINE_SAMPLE = {"full": 400, "quick": 100, "smoke": 10}
# The dry run and the second import (nothing changes) are timed in these sizes; at full
# size, on the shared two-core machine, they would double the run (`--quick` shows them).
ALL_PHASES = ("quick",)
NEW_HOLDER_SHARE = 0.10
HEADERS = (
    "رقم التصريح",
    "رقم الوثيقة",
    "نوع الوثيقة",
    "الاسم",
    "Name (English)",
    "الجنس",
    "الجنسية",
    "تاريخ الميلاد",
    "رقم تسجيل الجمعية",
    "القطاع",
    "نوع التصريح",
    "تاريخ الإصدار",
    "تاريخ الانتهاء",
    "الرسوم",
    "التصريح السابق",
    "صاحب العمل",
)
FARMS = ("مزرعة أبو خالد للبندورة", "بيوت الغور البلاستيكية", "كروم زيتون سوف")
KIND_LABELS = {"moi_card": "بطاقة الخدمة", "unhcr_case": "ملف المفوضية"}


def _suffix(size: str) -> str:
    return "" if size == "full" else f"_{size}"


# The commit whose import runs right after this code's, for comparison ("" for none).
AGAINST_ENV = "TAAWON_BENCH_AGAINST"
DEFAULT_AGAINST = "HEAD~1"
# The previous commit's import may be this much slower or faster and still "keep its speed".
SAME_SPEED = 0.10


def _database_url(db: str, size: str, *, run: bool | str = False) -> str:
    """The built registry, or (`run`) the copy one import writes to ("prev": the copy the
    previous commit's import writes to)."""
    run_suffix = f"_{run}" if isinstance(run, str) and run else ("_run" if run else "")
    return database_url(
        db,
        size,
        sqlite_name=f"permit_import{run_suffix}",
        postgres_name=f"taawon_bench_imp{run_suffix}",
    )


def _sheet_path(db: str, size: str) -> Path:
    return DATA / f"permit_import_{db}{_suffix(size)}.xlsx"


# ---- Outer mode: one subprocess per database and phase -----------------------------------


def run(options) -> dict:
    size = phases.size(options)
    databases = phases.databases(options)
    results: dict[str, dict] = {}
    started = time.perf_counter()
    builds = {db: phases.start("bench_permit_import", db, size, "build") for db in databases}
    built = {db: phases.result(process) for db, process in builds.items()}
    print(f"   registries and files ready in {time.perf_counter() - started:.0f} s", flush=True)
    # One database after the other: the target is each import's time on the two-core
    # machine, not two imports sharing it. Each result says its CPU time beside its wall time.
    for db in databases:
        if built[db] is None:
            results[f"permit_import.{db}"] = phases.failed(
                db=db, size=size, phase="build", unit="s"
            )
            continue
        measured = phases.result(phases.start("bench_permit_import", db, size, "measure"))
        if measured is None:
            results[f"permit_import.{db}"] = phases.failed(
                db=db, size=size, phase="measure", unit="s"
            )
            continue
        results.update(measured)
    return results


# ---- Inner mode --------------------------------------------------------------------------

_DB = ""


def _log(message: str) -> None:
    print(f"     {_DB}: {message}", file=sys.stderr, flush=True)


def _ensure_registry(persons: int) -> float | None:
    from django.core.management import call_command
    from django.db import connection

    from taawon.demo import reset, scenario
    from taawon.people.models import Person

    call_command("migrate", interactive=False, verbosity=0)
    if scenario.exists() and Person.objects.count() == persons:
        _log(f"registry of {persons:,} persons found; build skipped")
        return None
    _log(f"building a registry of {persons:,} persons…")
    reset.empty_domain_tables()
    started = time.perf_counter()
    passwords = {plan.username: "bench-only-password" for plan in scenario.USERS}
    # The registry only: the units' work would bring the demo's own permits, which the
    # file's would overlap.
    scenario.load(
        passwords=passwords, persons=persons, seed=2020, with_audit=False, with_employment=False
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return time.perf_counter() - started


def _holders(rng: random.Random, rows: int) -> list[dict]:
    """Registry persons who hold permits (Syrian, with a document), as the file shows them."""
    from taawon.core.crypto import cipher
    from taawon.people.models import Person, PersonIdentifier

    wanted = {}
    for person in Person.objects.filter(nationality="SY").order_by("pk").iterator(5000):
        # 95% of permits go to men: nearly all Syrian men of the registry hold one, and a few
        # of the women.
        if person.sex == "female" and rng.random() > 0.08:
            continue
        wanted[person.pk] = {
            "person_id": person.pk,
            "name_ar": person.name_ar,
            "name_en": person.name_en,
            "sex": person.sex,
            "born": person.date_of_birth,
        }
    documents = {}
    for person_id, kind, token in PersonIdentifier.objects.filter(
        person_id__in=list(wanted), kind__in=("moi_card", "unhcr_case")
    ).values_list("person_id", "kind", "value_encrypted"):
        if kind == "moi_card" or person_id not in documents:
            documents[person_id] = (kind, cipher().decrypt(token))
    holders = []
    for person_id, holder in wanted.items():
        if person_id in documents:
            holder["kind"], holder["number"] = documents[person_id]
            holders.append(holder)
    rng.shuffle(holders)
    return holders


def _new_holders(
    rng: random.Random, known: list[dict], count: int, *, start: int = 0
) -> list[dict]:
    """Holders the registry does not know: given names and families recombined from its
    records, under service card numbers it has never seen."""
    new = []
    for index in range(start, start + count):
        model, other = rng.choice(known), rng.choice(known)
        # Another given name than `other`'s: else the holder is `other`, whose own chain of
        # permits the duplicate check would find and this one overlap.
        while model["name_ar"].split(" ")[0] == other["name_ar"].split(" ")[0]:
            model = rng.choice(known)
        new.append(
            {
                "name_ar": " ".join(
                    [model["name_ar"].split(" ")[0], *other["name_ar"].split(" ")[1:]]
                ),
                "name_en": " ".join(
                    [model["name_en"].split(" ")[0], *other["name_en"].split(" ")[1:]]
                ),
                "sex": model["sex"],
                "born": other["born"],
                "kind": "moi_card",
                "number": f"9{index:07d}{rng.randrange(100):02d}",
            }
        )
    return new


def _under_new_cards(rng: random.Random, known: list[dict], share: float) -> int:
    """Give some registry holders a service card the registry does not have: the duplicate
    check, not the identifier, has to find them. Only holders registered by their UNHCR case
    number: one registered with another service card is someone else to the duplicate check,
    which may then take the registry's other record of them (a planted duplicate, holding a
    chain of its own) and find two permits on the same days."""
    by_case = [i for i, holder in enumerate(known) if holder["kind"] == "unhcr_case"]
    moved = rng.sample(by_case, min(len(by_case), int(len(known) * share)))
    for position, index in enumerate(moved):
        holder = known[index]
        known[index] = {
            **holder,
            "kind": "moi_card",
            "number": f"8{position:07d}77",
            "document": {"kind": holder["kind"], "number": holder["number"]},
        }
    return len(moved)


def _matches(holders: list[dict]) -> list[int | None]:
    """Whom the import's duplicate check takes each holder for (by their document in the
    file, which the registry does not have), as the import will."""
    from taawon.core.crypto import cipher
    from taawon.lib.crypto import normalise_identifier
    from taawon.permits.importing.matching import confident_matches
    from taawon.permits.importing.reading import PlannedRow
    from taawon.permits.importing.resolving import _record

    records = {}
    for index, holder in enumerate(holders):
        row = PlannedRow(
            row=index,
            number="",
            identifier_kind=holder["kind"],
            identifier=normalise_identifier(holder["number"]),
            name_ar=holder["name_ar"],
            name_en=holder["name_en"],
            sex=holder["sex"],
            nationality="SY",
            date_of_birth=holder["born"],
            phone="",
            cooperative_id=0,
            sector="agriculture",
            kind="flexible",
            employer_name="",
            issued_on=datetime.date.today(),
            expires_on=datetime.date.today(),
            fee_paid=None,
            ministry_reference="",
            previous_number="",
        )
        row.blind = cipher().blind_index(row.identifier_kind, row.identifier)
        records[(row.identifier_kind, row.blind)] = _record(row)
    found = confident_matches(records, min_score=0.99)
    return [found.get(identity) for identity in records]


def _without_lookalikes(known: list[dict], new: list[dict]) -> tuple[list[dict], int, int]:
    """New holders the duplicate check would take for a registry person are left out (that
    person may hold permits of their own on the same days), and holders under a new card
    whom it would take for someone else keep their registry document; so the file is
    valid, and the holders it links by the duplicate check are really theirs."""
    kept = [holder for holder, match in zip(new, _matches(new), strict=True) if match is None]
    moved = [i for i, holder in enumerate(known) if "document" in holder]
    matches = _matches([known[i] for i in moved])
    found = 0
    for index, match in zip(moved, matches, strict=True):
        if match == known[index]["person_id"]:
            found += 1
        elif match is not None:
            known[index] = {**known[index], **known[index]["document"]}
    return kept, len(new) - len(kept), found


class _Workbook:
    """An .xlsx written as Excel writes one: the sheet's dimension first, text in the shared
    strings table, dates as date numbers with a date format (openpyxl's write-only mode
    writes inline strings instead, which Excel never does and which read several times
    slower)."""

    def __init__(self, path: Path, sheet_title: str) -> None:
        import tempfile

        self.path = path
        self.title = sheet_title
        self.strings: dict[str, int] = {}
        self.rows = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
        self.count = 0
        self.width = 1

    def append(self, values: list) -> None:
        from xml.sax.saxutils import escape

        from openpyxl.utils import get_column_letter

        self.count += 1
        self.width = max(self.width, len(values))
        cells = []
        for index, value in enumerate(values, start=1):
            ref = f"{get_column_letter(index)}{self.count}"
            if value is None or value == "":
                continue
            if isinstance(value, datetime.date):
                serial = (value - datetime.date(1899, 12, 30)).days
                cells.append(f'<c r="{ref}" s="1"><v>{serial}</v></c>')
            elif isinstance(value, int | float):
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
            else:
                text = escape(str(value))
                position = self.strings.setdefault(text, len(self.strings))
                cells.append(f'<c r="{ref}" t="s"><v>{position}</v></c>')
        self.rows.write(f'<row r="{self.count}">{"".join(cells)}</row>')

    def save(self) -> None:
        import zipfile

        from openpyxl.utils import get_column_letter

        main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        package = "http://schemas.openxmlformats.org/package/2006"
        content_types = (
            f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{package}/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.styles+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
        )
        root_rels = (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{package}/'
            f'relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>'
        )
        workbook = (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" xmlns:r="{rel}">'
            f'<sheets><sheet name="{self.title}" sheetId="1" r:id="rId1"/></sheets></workbook>'
        )
        workbook_rels = (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{package}/'
            f'relationships"><Relationship Id="rId1" Type="{rel}/worksheet" '
            f'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{rel}/styles" '
            f'Target="styles.xml"/><Relationship Id="rId3" Type="{rel}/sharedStrings" '
            'Target="sharedStrings.xml"/></Relationships>'
        )
        styles = (
            f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{main}">'
            '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
            '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
            '<borders count="1"><border/></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
            '</cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" '
            'borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" '
            'xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>'
        )
        strings = "".join(f"<si><t>{text}</t></si>" for text in self.strings)
        shared = (
            f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{main}" count="{len(self.strings)}"'
            f' uniqueCount="{len(self.strings)}">{strings}</sst>'
        )
        with zipfile.ZipFile(self.path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("[Content_Types].xml", content_types)
            archive.writestr("_rels/.rels", root_rels)
            archive.writestr("xl/workbook.xml", workbook)
            archive.writestr("xl/_rels/workbook.xml.rels", workbook_rels)
            archive.writestr("xl/styles.xml", styles)
            archive.writestr("xl/sharedStrings.xml", shared)
            with archive.open("xl/worksheets/sheet1.xml", "w") as part:
                last = get_column_letter(self.width)
                part.write(
                    f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{main}">'
                    f'<dimension ref="A1:{last}{self.count}"/><sheetData>'.encode()
                )
                self.rows.seek(0)
                while chunk := self.rows.read(1 << 20):
                    part.write(chunk.encode())
                part.write(b"</sheetData></worksheet>")
        self.rows.close()


def _write_sheet(path: Path, rows: int, seed: int) -> dict:
    from taawon.demo.scenario import COOPERATIVES

    rng = random.Random(seed)
    known = _holders(rng, rows)
    new = _new_holders(rng, known, max(1, int(len(known) * NEW_HOLDER_SHARE)))
    moved = _under_new_cards(rng, known, 0.03)
    new, lookalikes, found = _without_lookalikes(known, new)
    holders = known + new
    rng.shuffle(holders)
    cooperatives = [plan.registration_number for plan in COOPERATIVES]
    weights = [plan.weight for plan in COOPERATIVES]
    today = datetime.date.today()
    sheet = _Workbook(path, "تصاريح العمل")
    sheet.append(list(HEADERS))
    written = 0
    serial = 0
    # One chain of yearly permits a holder, each issued after the last one ended (no two of
    # a holder's permits overlap); when the holders' chains run short of rows, more holders
    # the registry does not know start chains of their own.
    while written < rows:
        for holder in holders:
            if written >= rows:
                break
            cooperative = rng.choices(cooperatives, weights)[0]
            issued = datetime.date(2016, 1, 1) + datetime.timedelta(days=rng.randrange(1100))
            previous = ""
            sector = rng.choices(("زراعة", "إنشاءات", "أخرى"), (0.9, 0.08, 0.02))[0]
            employer = rng.choice(FARMS) if rng.random() < 0.03 else ""
            while issued <= today and written < rows:
                serial += 1
                number = f"FWP-{issued.year}-{serial:07d}"
                expires = issued + datetime.timedelta(days=364)
                sheet.append(
                    [
                        number,
                        holder["number"],
                        KIND_LABELS[holder["kind"]],
                        holder["name_ar"],
                        holder["name_en"],
                        "ذكر" if holder["sex"] == "male" else "أنثى",
                        "سوري",
                        holder["born"],
                        cooperative,
                        sector,
                        "مرتبط بصاحب عمل" if employer else "مرن",
                        issued,
                        expires,
                        10 if issued.year >= 2020 else 0,
                        previous,
                        employer,
                    ]
                )
                written += 1
                previous = number
                issued = expires + datetime.timedelta(days=1 + rng.randrange(60))
                if rng.random() < 0.06:
                    break  # stopped renewing
        if written < rows:
            more = _new_holders(rng, known, max(100, (rows - written) // 5), start=serial)
            more, dropped, _found = _without_lookalikes([], more)
            lookalikes += dropped
            new.extend(more)
            holders = more
    sheet.save()
    return {
        "rows": written,
        "holders_in_registry": len(known),
        "of_them_under_a_new_card": moved,
        "of_them_found_by_the_duplicate_check": found,
        "holders_new": len(new),
        "new_holders_left_out_as_lookalikes": lookalikes,
    }


def _build(db: str, size: str) -> dict:
    build_s = _ensure_registry(PERSONS[size])
    path = _sheet_path(db, size)
    info: dict = {}
    if build_s is not None or not path.exists():
        _log(f"writing {ROWS[size]:,} rows to {path.name}…")
        started = time.perf_counter()
        info = _write_sheet(path, ROWS[size], SEED)
        _log(f"written in {time.perf_counter() - started:.0f} s: {info}")
    return {"build_s": build_s, **info}


def _copy_database(db: str, size: str, copy: str = "run") -> str:
    """A fresh copy of the built registry, for one import; returns its URL."""
    from django.db import connections

    source, target = _database_url(db, size), _database_url(db, size, run=copy)
    connections.close_all()
    if db == "sqlite":
        target_path = Path(target.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target_path}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(source.removeprefix("sqlite:///"), target_path)
    else:
        name, template = target.rpartition("/")[2], source.rpartition("/")[2]
        with server_connection(source) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    return target


def _command(
    url: str, path: Path, *extra: str, code: Path | None = None
) -> tuple[float, float, str, float]:
    """Run `taawon import-permits` (of the package under `code`, when given); (seconds, peak
    MB, output, CPU seconds)."""
    # openpyxl warns that the generated workbook has no default style; the output is the
    # import's own.
    env = {**os.environ, "TAAWON_DATABASE_URL": url, "PYTHONWARNINGS": "ignore::UserWarning"}
    if code is not None:
        # Ahead of the installed (editable) package: `python -m taawon` imports this one.
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(code), env.get("PYTHONPATH")]))
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "taawon", "import-permits", str(path), *extra],
        cwd=code,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    out = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"import-permits failed:\n{out[-3000:]}")
    return elapsed, usage.ru_maxrss / 1024, out, usage.ru_utime + usage.ru_stime


def _checkout(ref: str) -> tuple[Path, str] | None:
    """The `taawon` package of commit `ref` in a temporary folder, and the commit; None when
    the checkout has no such commit (a shallow clone, a first commit)."""
    root = Path(__file__).resolve().parents[1]
    found = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"],
        cwd=root,
        capture_output=True,
        text=True,
    )
    if found.returncode != 0:
        return None
    commit = found.stdout.strip()
    folder = Path(tempfile.mkdtemp(prefix="taawon-bench-previous-"))
    archive = subprocess.run(
        ["git", "archive", "--format=tar", commit, "taawon"], cwd=root, capture_output=True
    )
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder, commit


def _drop_copy(db: str, size: str, copy: str) -> None:
    from django.db import connections

    url = _database_url(db, size, run=copy)
    connections.close_all()
    if db == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{url.removeprefix('sqlite:///')}{suffix}").unlink(missing_ok=True)
    else:
        with server_connection(url) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{url.rpartition("/")[2]}"')


def _previous(db: str, size: str, path: Path, import_s: float, import_cpu: float) -> dict:
    """The previous commit's import of the same file into a fresh copy of the same registry,
    run right after this code's; its figures beside this code's."""
    ref = os.environ.get(AGAINST_ENV, DEFAULT_AGAINST)
    if not ref:
        return {}
    code = _checkout(ref)
    if code is None:
        _log(f"no commit {ref} in this checkout: no comparison")
        return {"previous_ref": ref, "previous_error": "no such commit in this checkout"}
    folder, commit = code
    figures: dict = {"previous_ref": ref, "previous_commit": commit}
    try:
        url = _copy_database(db, size, copy="prev")
        _log(f"the same import by {commit[:10]} ({ref})…")
        seconds, mb, _out, cpu = _command(url, path, code=folder)
    except RuntimeError as error:
        _log(f"{ref}'s import failed: no comparison")
        return {**figures, "previous_error": str(error)[-1000:]}
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        _drop_copy(db, size, "prev")
    _log(f"{ref}: {seconds:.1f} s ({cpu:.1f} s CPU), {mb:.0f} MB")
    return {
        **figures,
        "previous_s": round(seconds, 1),
        "previous_cpu_s": round(cpu, 1),
        "previous_peak_mb": round(mb),
        "ratio_to_previous": round(import_s / seconds, 3) if seconds else None,
        "cpu_ratio_to_previous": round(import_cpu / cpu, 3) if cpu else None,
        "within_10_percent_of_previous": import_s <= seconds * (1 + SAME_SPEED),
    }


def _baseline(url: str, path: Path, size: str) -> dict:
    """The naive importer on a sample of rows, in a transaction rolled back."""
    os.environ["TAAWON_DATABASE_URL"] = url
    from django.db import connections, transaction

    connections.close_all()
    from openpyxl import load_workbook

    from taawon.cooperatives.models import Cooperative
    from taawon.core import audit
    from taawon.core.crypto import cipher
    from taawon.lib.crypto import normalise_identifier
    from taawon.people.models import PersonIdentifier
    from taawon.permits.models import Permit

    sample = BASELINE_SAMPLE[size]
    workbook = load_workbook(path, read_only=True)
    rows = []
    for values in workbook.active.iter_rows(min_row=2, values_only=True):
        rows.append(values)
        if len(rows) >= sample:
            break
    workbook.close()
    cooperatives = dict(Cooperative.objects.values_list("registration_number", "pk"))
    owners = dict(Cooperative.objects.values_list("pk", "organisation_id"))
    kinds = {label: kind for kind, label in KIND_LABELS.items()}
    started = time.perf_counter()
    with transaction.atomic():
        for values in rows:
            number, document, kind_label, name_ar, _en, sex, _nat, _born, coop = values[:9]
            issued, expires = values[11], values[12]
            kind = kinds[kind_label]
            blind = cipher().blind_index(kind, normalise_identifier(str(document)))
            holder = PersonIdentifier.objects.filter(kind=kind, blind_index=blind).first()
            if Permit.objects.filter(permit_number=number).exists():
                continue
            cooperative_id = cooperatives[coop]
            if holder is None:
                person = _register(owners[cooperative_id], name_ar, sex, kind, document)
                person_id = person.pk
            else:
                person_id = holder.person_id
            permit = Permit.objects.create(
                owner_id=owners[cooperative_id],
                person_id=person_id,
                cooperative_id=cooperative_id,
                sector="agriculture",
                status="issued",
                permit_number=number,
                issued_on=issued,
                expires_on=expires,
            )
            audit.record_create(None, permit)
        elapsed = time.perf_counter() - started
        transaction.set_rollback(True)
    connections.close_all()
    return {"rows": len(rows), "seconds": elapsed}


def _organisation(pk: int):
    from taawon.accounts.models import Organisation

    return Organisation.objects.get(pk=pk)


def _register(owner_id: int, name_ar: str, sex: str, kind: str, document) -> object:
    from taawon.accounts.models import User
    from taawon.people import services as people_services

    given, _sep, family = (name_ar or "—").partition(" ")
    return people_services.register_person(
        owner=_organisation(owner_id),
        data={
            "given_name_ar": given,
            "family_name_ar": family,
            "sex": "male" if sex == "ذكر" else "female",
            "nationality": "SY",
            "displacement_status": "refugee",
        },
        identifiers={kind: str(document)},
        registered_by=User.objects.order_by("-is_superuser", "pk").first(),
        duplicate_decision="new",
    )


def _measure(db: str, size: str) -> dict:
    from django.db import connection

    path = _sheet_path(db, size)
    rows = ROWS[size]
    vendor = connection.vendor
    url = _copy_database(db, size)
    dry_s = dry_mb = dry_cpu = again_s = again_cpu = None
    again_out = ""
    if size in ALL_PHASES:
        _log("dry run…")
        dry_s, dry_mb, _out, dry_cpu = _command(url, path, "--dry-run")
        _log(f"dry run: {dry_s:.1f} s ({dry_cpu:.1f} s CPU), {dry_mb:.0f} MB")
    _log("import…")
    import_s, import_mb, out, import_cpu = _command(url, path)
    _log(f"import: {import_s:.1f} s ({import_cpu:.1f} s CPU), {import_mb:.0f} MB\n{out.strip()}")
    previous = _previous(db, size, path, import_s, import_cpu)
    if size in ALL_PHASES:
        _log("the same file again…")
        again_s, again_mb, again_out, again_cpu = _command(url, path)
        _log(
            f"again: {again_s:.1f} s ({again_cpu:.1f} s CPU), {again_mb:.0f} MB\n"
            f"{again_out.strip()}"
        )
    baseline = _baseline(url, path, size)
    per_row = baseline["seconds"] / baseline["rows"]
    baseline_s = per_row * rows
    _log(f"naive: {per_row * 1000:.1f} ms a row, {baseline_s:.0f} s for the file (estimated)")
    target = TARGET_S[db]
    params = {
        "database": vendor,
        "rows": rows,
        "registry_persons": PERSONS[size],
        "peak_mb": round(import_mb),
        "cpu_s": round(import_cpu, 1),
        "target_s": target,
        "target_mb": TARGET_MB if db == "sqlite" else None,
        "meets_target": import_s <= target and (db != "sqlite" or import_mb <= TARGET_MB),
        "dry_run_s": _round(dry_s),
        "dry_run_peak_mb": _round(dry_mb, 0),
        "dry_run_cpu_s": _round(dry_cpu),
        "second_import_s": _round(again_s),
        "second_import_cpu_s": _round(again_cpu),
        "second_import_output": again_out.strip().splitlines()[:3],
        "import_output": out.strip().splitlines()[:3],
        "baseline": "row by row through the ORM, timed on a sample and scaled",
        "baseline_sample_rows": baseline["rows"],
        "baseline_ms_per_row": round(per_row * 1000, 2),
        "file": path.name,
        "file_mb": round(path.stat().st_size / 2**20, 1),
        **previous,
    }
    return {
        f"permit_import.{db}": {
            "value": round(import_s, 1),
            "unit": "s",
            "baseline": round(baseline_s, 1),
            "ratio": round(import_s / baseline_s, 4) if baseline_s else None,
            "params": params,
        }
    }


def _round(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_permit_import")
    parser.add_argument("--db", choices=("sqlite", "postgres"), required=True)
    parser.add_argument("--size", choices=sorted(PERSONS), default="full")
    parser.add_argument("--phase", choices=("build", "measure"), required=True)
    args = parser.parse_args(argv)
    global _DB
    _DB = args.db
    url = _database_url(args.db, args.size)
    ensure_database(url)
    DATA.mkdir(parents=True, exist_ok=True)
    os.environ["TAAWON_DATABASE_URL"] = url
    from bench import setup_django

    setup_django()
    phase = _build if args.phase == "build" else _measure
    print(json.dumps(phase(args.db, args.size), ensure_ascii=False, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
