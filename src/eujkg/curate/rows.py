"""Rows of a curator's spreadsheet (CSV or XLSX), numbered as the spreadsheet shows them."""

import csv
from dataclasses import dataclass
from pathlib import Path

from eujkg.errors import InputError

KIND_MARK = "# eujkg template:"


@dataclass(frozen=True)
class Sheet:
    path: Path
    kind: str | None            # from the template's first comment line, if kept
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]   # (row number in the file, cells by column name)


def read_sheet(path: Path) -> Sheet:
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        lines = _csv_lines(path)
    elif suffix == ".xlsx":
        lines = _xlsx_lines(path)
    else:
        raise InputError(f"{path}: give a .csv or .xlsx file (see 'eujkg template KIND')")
    kind = None
    header: list[str] | None = None
    rows: list[tuple[int, dict[str, str]]] = []
    for number, cells in lines:
        first = cells[0].strip() if cells else ""
        if first.startswith("#"):
            if first.startswith(KIND_MARK) and kind is None:
                kind = first[len(KIND_MARK):].strip().split()[0] if first[len(KIND_MARK):].strip() else None
            continue
        if not any(c.strip() for c in cells):
            continue
        if header is None:
            header = [c.strip() for c in cells]
            continue
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
            raise InputError(f"{path}:{number}: the row has more cells than the header has columns")
        rows.append((number, {name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(header)}))
    if header is None:
        raise InputError(f"{path}: no header row (the column names); start from 'eujkg template KIND'")
    return Sheet(path, kind, header, rows)


def _csv_lines(path: Path) -> list[tuple[int, list[str]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not UTF-8 text (byte {error.start}); save the CSV as UTF-8") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None
    reader = csv.reader(text.splitlines(keepends=True))
    lines = []
    try:
        for cells in reader:
            lines.append((reader.line_num, cells))
    except csv.Error as error:
        raise InputError(f"{path}:{reader.line_num}: {error}") from None
    return lines


def _xlsx_lines(path: Path) -> list[tuple[int, list[str]]]:
    try:
        from openpyxl import load_workbook
    except ImportError:
        raise InputError("reading .xlsx needs openpyxl: pip install 'eujkg[curate]'") from None
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
        raise InputError(f"{path}: not a readable .xlsx workbook ({type(error).__name__})") from None
    sheet = workbook.worksheets[0]
    lines = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        lines.append((number, ["" if v is None else _cell_text(v) for v in values]))
    workbook.close()
    return lines


def _cell_text(value) -> str:
    """A cell as the curator sees it: dates as ISO dates, whole numbers without '.0'."""
    import datetime
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
