"""A worksheet's rows and the shared strings table, parsed straight from their XML with expat.

openpyxl's read-only mode reads a 180,000-row sheet in about a minute: each cell goes through
its Python XML tree builder (the defused one) and a dict per cell. The permit import reads the
sheet twice (once to settle the date order), so the whole import waited on it. Here expat's
callbacks do only what the import needs, and give the values openpyxl's
`iter_rows(values_only=True)` gives, cell for cell: numbers as int or float, dates as datetime
(by the cell's style), shared and inline strings, booleans, error codes as text, and a formula
as "=..." text (an ArrayFormula or DataTableFormula for those kinds), so that the import can
refuse it. openpyxl still reads the workbook's small parts (sheets, styles, epoch).

Security: as in defusedxml, a document type declaration or an entity declaration fails the
file, so entity expansion ("billion laughs") and external entities cannot happen.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from pyexpat import ExpatError, ParserCreate
from typing import IO

from openpyxl.formula.translate import Translator
from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

_CHUNK = 1 << 20

# Element kinds, by local name (files use the main namespace with or without a prefix).
_C, _V, _F, _IS, _T, _RPH, _ROW, _SI = range(8)
_KINDS = {"c": _C, "v": _V, "f": _F, "is": _IS, "t": _T, "rPh": _RPH, "row": _ROW, "si": _SI}


class SheetXmlError(Exception):
    """The part is not well-formed XML, or declares a DTD or entities."""


def _local(name: str) -> str:
    return name.rpartition("}")[2]


def _forbid(*_args: object) -> None:
    raise SheetXmlError("DTDs and entities are not allowed in a workbook part.")


def _parser(start, end, text):
    parser = ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = _forbid
    parser.EntityDeclHandler = _forbid
    parser.ExternalEntityRefHandler = _forbid
    return parser


def _kinds():
    """name -> kind, filled as names are met: one dict lookup per callback after the first."""
    known: dict[str, int | None] = {}

    def kind(name: str) -> int | None:
        try:
            return known[name]
        except KeyError:
            known[name] = found = _KINDS.get(_local(name))
            return found

    return kind


def _feed(parser, source: IO[bytes]) -> Iterator[None]:
    try:
        while chunk := source.read(_CHUNK):
            parser.Parse(chunk, False)
            yield
        parser.Parse(b"", True)
        yield
    except ExpatError as exc:
        raise SheetXmlError(str(exc)) from exc


def read_shared_strings(source: IO[bytes]) -> list[str]:
    """The shared strings table: each <si>'s text, its runs joined, phonetic runs left out."""
    strings: list[str] = []
    parts: list[str] = []
    state = {"t": False, "rph": 0}
    kind = _kinds()

    def start(name: str, _attrs: dict) -> None:
        k = kind(name)
        if k == _T:
            state["t"] = not state["rph"]
        elif k == _RPH:
            state["rph"] += 1
        elif k == _SI:
            parts.clear()

    def end(name: str) -> None:
        k = kind(name)
        if k == _T:
            state["t"] = False
        elif k == _RPH:
            state["rph"] -= 1
        elif k == _SI:
            # As openpyxl does: its writer's escape of "_x" sequences, undone crudely.
            strings.append("".join(parts).replace("x005F_", ""))

    def text(data: str) -> None:
        if state["t"]:
            parts.append(data)

    for _ in _feed(_parser(start, end, text), source):
        pass
    return strings


def _column(ref: str) -> int:
    """1 for "A7", 28 for "AB3"."""
    number = 0
    for char in ref:
        if "A" <= char <= "Z":
            number = number * 26 + ord(char) - 64
        elif "a" <= char <= "z":
            number = number * 26 + ord(char) - 96
        else:
            break
    return number


def _number(text: str) -> int | float:
    if "." in text or "E" in text or "e" in text:
        return float(text)
    return int(text)


class _Cell:
    __slots__ = ("formula", "formula_attrs", "inline", "ref", "style", "type", "value")

    def __init__(self) -> None:
        self.reset("", "n", 0)

    def reset(self, ref: str, kind: str, style: int) -> None:
        self.ref, self.type, self.style = ref, kind, style
        self.value: str | None = None
        self.formula: str | None = None
        self.formula_attrs: dict | None = None
        self.inline: list[str] | None = None


def iter_sheet_rows(
    source: IO[bytes],
    *,
    shared_strings: Sequence[str],
    date_styles: set[int] | frozenset[int],
    timedelta_styles: set[int] | frozenset[int],
    epoch: datetime.datetime,
    min_row: int = 1,
) -> Iterator[tuple[int, tuple[object, ...]]]:
    """(row number, values) for each row from `min_row` on, as the sheet's XML holds them.

    Rows absent from the XML are skipped (the number says where a row is); a row's values
    run to its last cell, with None for cells it does not have.
    """
    done: list[tuple[int, tuple[object, ...]]] = []
    cells: list[tuple[int, object]] = []
    cell = _Cell()
    shared_formulae: dict[str, Translator] = {}
    state = {"row": 0, "col": 0, "text": None, "in_is": False, "rph": 0}
    text_parts: list[str] = []
    kind = _kinds()

    def start(name: str, attrs: dict) -> None:
        k = kind(name)
        if k == _C:
            style = attrs.get("s")
            cell.reset(attrs.get("r", ""), attrs.get("t", "n"), int(style) if style else 0)
        elif k in (_V, _F):
            text_parts.clear()
            state["text"] = k
            if k == _F:
                cell.formula_attrs = attrs
        elif k == _T:
            if state["in_is"] and not state["rph"]:
                text_parts.clear()
                state["text"] = _T
        elif k == _IS:
            state["in_is"] = True
            cell.inline = []
        elif k == _RPH:
            state["rph"] += 1
        elif k == _ROW:
            number = attrs.get("r")
            state["row"] = _row_number(number) if number else state["row"] + 1
            state["col"] = 0
            cells.clear()

    def end(name: str) -> None:
        k = kind(name)
        if k == _C:
            ref = cell.ref
            column = _column(ref) if ref else state["col"] + 1
            state["col"] = column
            cells.append((column, _value(cell, column, state["row"])))
        elif k == _V:
            cell.value = "".join(text_parts)
            state["text"] = None
        elif k == _F:
            cell.formula = "".join(text_parts)
            state["text"] = None
        elif k == _T:
            if state["text"] == _T:
                cell.inline.append("".join(text_parts))
                text_parts.clear()
                state["text"] = None
        elif k == _IS:
            state["in_is"] = False
        elif k == _RPH:
            state["rph"] -= 1
        elif k == _ROW:
            row = state["row"]
            if row >= min_row:
                done.append((row, _row_values(cells)))

    def text(data: str) -> None:
        if state["text"] is not None:
            text_parts.append(data)

    def _value(cell: _Cell, column: int, row: int) -> object:
        if cell.formula_attrs is not None:
            return _formula(cell, column, row)
        kind, value = cell.type, cell.value
        if kind == "inlineStr":
            return "".join(cell.inline) if cell.inline is not None else None
        if not value:
            return None
        if kind == "n":
            number = _number(value)
            if cell.style in date_styles:
                try:
                    return from_excel(number, epoch, timedelta=cell.style in timedelta_styles)
                except (OverflowError, ValueError):
                    return "#VALUE!"
            return number
        if kind == "s":
            return shared_strings[int(value)]
        if kind == "b":
            return bool(int(value))
        if kind == "d":
            return from_ISO8601(value)
        return value  # "str" (a formula's text result), "e" (an error such as #N/A)

    def _formula(cell: _Cell, column: int, row: int) -> object:
        attrs = cell.formula_attrs
        value = "=" + (cell.formula or "")
        kind = attrs.get("t")
        if kind == "array":
            return ArrayFormula(ref=attrs.get("ref"), text=value)
        if kind == "dataTable":
            return DataTableFormula(**attrs)
        if kind == "shared":
            index = attrs.get("si")
            coordinate = cell.ref or f"{_letters(column)}{row}"
            if index in shared_formulae:
                return shared_formulae[index].translate_formula(coordinate)
            if value != "=":
                shared_formulae[index] = Translator(value, coordinate)
        return value

    parser = _parser(start, end, text)
    last = 0
    for _ in _feed(parser, source):
        for row, values in done:
            # A row repeated or out of order in the XML: openpyxl keeps the first; so here.
            if row > last:
                last = row
                yield row, values
        done.clear()


def _row_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        number = float(text)
        if not number.is_integer():
            raise SheetXmlError(f"{text} is not a valid row number") from None
        return int(number)


def _row_values(cells: list[tuple[int, object]]) -> tuple[object, ...]:
    if not cells:
        return ()
    width = cells[-1][0]
    values: list[object] = [None] * width
    for column, value in cells:
        if 1 <= column <= width:
            values[column - 1] = value
    return tuple(values)


def _letters(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
