"""XLSForm to XForm, with no database: pyxform converts, ODK Validate (JavaRosa, the engine
inside ODK Collect) checks, and every problem comes back with its sheet, row and column.

`convert()` never raises on a bad upload: it returns a `Conversion` whose `errors` say what to
fix. Only a missing Java runtime (a deployment problem, not the user's) raises.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from defusedxml import ElementTree as SafeET

# An .xlsx is a zip; a bigger workbook than this is not a questionnaire.
MAX_XLSFORM_BYTES = 5 * 1024 * 1024
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
VALIDATE_TIMEOUT_SECONDS = 100

_ROW = re.compile(r"\[row\s*:\s*(\d+)\]", re.I)
_SHEET = re.compile(r"(?:on|in) the '([\w-]+)' sheet", re.I)
_COLUMN = re.compile(r"the '([\w:() -]+)' (?:value|column)", re.I)


@dataclass(frozen=True)
class Problem:
    message: str
    sheet: str = ""
    row: int | None = None
    column: str = ""


@dataclass
class Conversion:
    xform: str = ""
    form_id: str = ""
    version: str = ""
    title: str = ""
    schema: dict = field(default_factory=dict)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.xform)


class JavaMissing(RuntimeError):
    """ODK Validate needs a Java runtime: `apt-get install default-jre-headless`."""


def locate(message: str) -> Problem:
    """A pyxform message, with the sheet, row and column it names pulled out."""
    text = " ".join(message.split())
    row = _ROW.search(text)
    sheet = _SHEET.search(text)
    column = _COLUMN.search(text)
    return Problem(
        message=text,
        sheet=sheet.group(1) if sheet else ("survey" if row else ""),
        row=int(row.group(1)) if row else None,
        column=column.group(1) if column else "",
    )


def _looks_like_xlsx(content: bytes) -> str:
    """An error message, or "" when `content` is a reasonable .xlsx (a zip bomb is not)."""
    if len(content) > MAX_XLSFORM_BYTES:
        return "The file is larger than 5 MB."
    if not content.startswith(b"PK\x03\x04"):
        return "This is not an .xlsx file (an XLSForm saved as an Excel workbook)."
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = archive.namelist()
            if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED_BYTES:
                return "The workbook unpacks to more than 50 MB."
    except zipfile.BadZipFile:
        return "This is not an .xlsx file (an XLSForm saved as an Excel workbook)."
    if "xl/workbook.xml" not in names:
        return "This is not an .xlsx file (an XLSForm saved as an Excel workbook)."
    return ""


def _sheets(content: bytes) -> list[str]:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(content), read_only=True)
    try:
        return [name.strip().lower() for name in workbook.sheetnames]
    finally:
        workbook.close()


def convert(content: bytes, *, validate: bool = True) -> Conversion:
    """Convert an XLSForm's bytes; with `validate`, also run ODK Validate on the result."""
    from pyxform.errors import PyXFormError
    from pyxform.xls2xform import convert as pyxform_convert

    problem = _looks_like_xlsx(content)
    if problem:
        return Conversion(errors=[Problem(problem)])
    try:
        sheets = _sheets(content)
    except Exception:  # openpyxl raises many kinds on a damaged workbook
        return Conversion(errors=[Problem("The workbook could not be read.")])
    if "survey" not in sheets:
        return Conversion(errors=[Problem("The workbook has no 'survey' sheet.", sheet="survey")])
    warnings: list[str] = []
    try:
        result = pyxform_convert(
            xlsform=io.BytesIO(content), warnings=warnings, file_type=".xlsx", pretty_print=True
        )
    except PyXFormError as exc:
        return Conversion(errors=[locate(str(exc))])
    except (ValueError, KeyError, TypeError, RecursionError) as exc:
        # pyxform lets some malformed sheets through to a Python error.
        return Conversion(errors=[Problem(f"The XLSForm could not be converted: {exc}")])
    conversion = Conversion(
        xform=result.xform, schema=result._pyxform, warnings=[" ".join(w.split()) for w in warnings]
    )
    conversion.form_id, conversion.version, conversion.title = identity(result.xform)
    if validate:
        conversion.errors.extend(odk_validate(result.xform))
    return conversion


def identity(xform: str) -> tuple[str, str, str]:
    """(form id, version, title) of an XForm."""
    root = SafeET.fromstring(xform.encode())
    ns = {"h": "http://www.w3.org/1999/xhtml", "x": "http://www.w3.org/2002/xforms"}
    title = root.findtext("h:head/h:title", default="", namespaces=ns)
    instance = root.find("h:head/x:model/x:instance", ns)
    data = next(iter(instance)) if instance is not None and len(instance) else None
    if data is None:
        return "", "", title
    return data.get("id", ""), data.get("version", "") or "", title


def java_available() -> bool:
    return shutil.which("java") is not None


def odk_validate(xform: str) -> list[Problem]:
    """ODK Validate's errors on `xform` (none: ODK Collect opens it)."""
    from pyxform.validators.odk_validate import ODK_VALIDATE_PATH

    if not java_available():
        raise JavaMissing("ODK Validate needs Java: install default-jre-headless.")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "form.xml"
        path.write_text(xform, encoding="utf-8")
        try:
            run = subprocess.run(
                ["java", "-Djava.awt.headless=true", "-jar", ODK_VALIDATE_PATH, str(path)],
                capture_output=True,
                text=True,
                timeout=VALIDATE_TIMEOUT_SECONDS,
            )
        except subprocess.TimeoutExpired:
            return [Problem("ODK Validate took too long to check the form.")]
    if run.returncode == 0:
        return []
    lines = [
        line.strip()
        for line in run.stderr.replace(str(path), "form").splitlines()
        if line.strip() and not line.strip().startswith("at ")
    ]
    return [Problem("ODK Validate: " + " ".join(lines[:6]))]
