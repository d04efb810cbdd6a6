"""Read a CSV file whose header names wire paths, one record a row.

Rows are read one at a time, so memory stays flat however long the file.
Each row is named by the physical line it starts on (a quoted cell may
hold line breaks). Cells are read as the contract's Readers section
allows (see ``_normalize``); every change is reported with the row.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from provisioning_schema.problems import InputFileError, Located, Problem
from provisioning_schema.readers import _normalize
from provisioning_schema.readers._columns import (
    REASON_COLUMN,
    Column,
    column_name,
    known_columns,
    suggest,
)
from provisioning_schema.readers._line_reader import LineReader, LineRows
from provisioning_schema.readers._lines import DecodedLines
from provisioning_schema.readers._source import Loc, Row
from provisioning_schema.readers._split import MisalignedPieceError, Tally

_STATUS = ("status",)
_WIRE_PATH = re.compile(r"[A-Za-z0-9_.]+")
# An email, a phone number, a number or a status: a record's values.
_DATA_CELL = re.compile(r".*@.*|\+[0-9].*|[0-9]+|Enabled|Disabled", re.IGNORECASE)


class CsvReader(LineReader):
    """A CSV file with a header row of wire paths (see ``template``)."""

    format = "csv"
    quoted = True

    def path_of(self, loc: Loc) -> str:
        """Locations are written as column headers, ``roles.0.id``."""
        return column_name(loc)

    def finish(self, tally: Tally) -> None:
        """Note a file without rows, and the blank lines skipped."""
        if not tally.records:
            self._no_records()
        if tally.blank:
            self.notes.append(f"{tally.blank} blank line(s) skipped")

    def _start(self, lines: DecodedLines) -> CsvRows:
        reader = csv.reader(lines, strict=True)
        cells = _next(self.source, reader, 1, final=True)
        while cells == []:
            cells = _next(self.source, reader, reader.line_num + 1, final=True)
        if not cells or not any(cell.strip() for cell in cells):
            reason = (
                "the file is empty; expected a header row of wire paths "
                "(see provisioning-schema template)"
            )
            raise InputFileError(self.source, reason)

        line = reader.line_num
        self.header = cells
        names = [cell.strip(" \t") for cell in cells]
        if names != cells:
            self.notes.append("spaces around header names were removed")
        named = len(names)
        while not names[named - 1]:
            named -= 1
        # A spreadsheet may save empty columns after the last one in use.
        if named < len(names):
            empty = len(names) - named
            self.notes.append(
                f"ignored {empty} empty column{'s' if empty > 1 else ''} at the end"
            )
        self._refuse_repeats(names[:named], line)
        if _looks_like_data(names):
            self.notes.append(
                "the first row looks like data, not a header; add the header "
                "row (provisioning-schema template)"
            )

        known = known_columns()
        header: list[Column | None] = []
        redact = self.options.redact
        for position, name in enumerate(names, start=1):
            column = known.get(name)
            header.append(column)
            if column is None and name != REASON_COLUMN and position <= named:
                problem = _unknown_column(name, position, line, redact=redact)
                self.problems.append(problem)

        if REASON_COLUMN in names:
            self.notes.append(
                f"the {REASON_COLUMN} column of a rejects file is skipped"
            )
        if "status" not in names:
            self.notes.append('there is no status column: every status is "Enabled"')
        return CsvRows(self.source, self.options, tuple(header), tuple(names), named)

    def _refuse_repeats(self, names: list[str], line: int) -> None:
        seen: dict[str, int] = {}
        for position, name in enumerate(names, start=1):
            if name in seen:
                reason = (
                    f"the column {name or '(unnamed)'} appears twice, as columns "
                    f"{seen[name]} and {position}; keep one"
                )
                raise InputFileError(self.source, reason, line=line)
            seen[name] = position


@dataclass(frozen=True)
class CsvRows(LineRows):
    """Reads the rows after the header, one record a row."""

    header: tuple[Column | None, ...]
    names: tuple[str, ...]
    named: int
    """How many columns come before the empty ones at the end."""

    def rows(self, lines: DecodedLines, tally: Tally, *, final: bool) -> Iterator[Row]:
        """Read each row as a record; a row that is not CSV stops the read."""
        reader = csv.reader(lines, strict=True)
        has_status = any(column and column.loc == _STATUS for column in self.header)
        while True:
            start = lines.line + 1
            cells = _next(self.source, reader, start, final=final)
            if cells is None:
                return
            if not cells:
                tally.blank += 1
                continue
            tally.records += 1
            yield self._row(cells, start, has_status=has_status)

    def path_of(self, loc: Loc) -> str:
        """Locations are written as column headers, ``roles.0.id``."""
        return column_name(loc)

    def _row(self, cells: list[str], start: int, *, has_status: bool) -> Row:
        # A row may leave out the empty columns at the end of the header.
        if not self.named <= len(cells) <= len(self.header) or (
            len(cells) < len(self.header) and self.named == len(self.header)
        ):
            rule = (
                f"The row must have {len(self.header)} cells, as the header has; "
                f"it has {len(cells)}"
            )
            if len(cells) > len(self.header):
                rule += " (a comma inside a cell needs quotes)"
            problem = Located((), "row_length", rule)
            return Row(start, None, cells, problems=[problem], readable=False)

        record: dict[str, Any] = {}
        row = Row(start, record, cells)
        redact = self.options.redact
        columns = zip(self.header, cells, self.names, strict=False)
        for position, (column, cell, name) in enumerate(columns, start=1):
            if column is None:
                if name != REASON_COLUMN and cell.strip():
                    row.problems.append(_unknown_cell(name, position, redact=redact))
                continue
            self._cell(row, record, column, cell)

        if "status" not in record:
            status, changes = _normalize.default_status(_STATUS)
            record["status"] = status
            if has_status:
                row.changes.extend(changes)
        return row

    def _cell(
        self, row: Row, record: dict[str, Any], column: Column, cell: str
    ) -> None:
        text, changes = _normalize.trim(cell, column.loc)
        if not text:
            return

        value: str | bool = text
        if column.kind == "boolean":
            value, more = _normalize.boolean(text, column.loc)
            changes += more
        elif column.kind == "phone":
            value, more = _normalize.phone(
                text, column.loc, self.options.region, redact=self.options.redact
            )
            changes += more

        row.changes.extend(changes)
        _put(record, column.loc, value)


def _next(source: str, reader: Any, start: int, *, final: bool) -> list[str] | None:
    try:
        return next(reader)  # type: ignore[no-any-return]  # csv rows are lists
    except StopIteration:
        return None
    except csv.Error as exc:
        if not final and "unexpected end of data" in str(exc):
            raise MisalignedPieceError from None
        raise InputFileError(source, _csv_reason(exc), line=start) from None


def _unknown_column(name: str, position: int, line: int, *, redact: bool) -> Problem:
    hint = suggest(name)
    shown = _shown(name, position, redact=redact)
    if shown == f"column {position}":
        message = f"Column {position} is not a wire path of a record"
    else:
        message = f"Column {position}, {shown}, is not a wire path of a record"
    if hint:
        message += f"; did you mean {hint}?"
    else:
        message += " (see provisioning-schema template)"
    return Problem(None, shown, "unknown_column", message, row=line)


def _unknown_cell(name: str, position: int, *, redact: bool) -> Located:
    if not name:
        message = "A cell of a column without a name has a value; name the column"
        return Located((f"column {position}",), "unknown_column", message)

    message = "A cell of an unknown column has a value (see the header problem)"
    return Located((_shown(name, position, redact=redact),), "unknown_column", message)


def _shown(name: str, position: int, *, redact: bool) -> str:
    """Name a column; with ``redact``, only a name shaped like a wire path."""
    if not name:
        return "(unnamed)"

    # A file without its header row has a person's data where names go.
    if redact and not _WIRE_PATH.fullmatch(name):
        return f"column {position}"

    return name


def _looks_like_data(names: list[str]) -> bool:
    cells = [name for name in names if name]
    data = [name for name in cells if _DATA_CELL.fullmatch(name)]
    return len(data) * 2 > len(cells)


def _put(record: dict[str, Any], loc: Loc, value: object) -> None:
    node: Any = record
    for step, following in pairwise(loc):
        empty: Any = [] if isinstance(following, int) else {}
        if isinstance(node, list) and isinstance(step, int):
            while len(node) <= step:
                node.append(None)
            if node[step] is None:
                node[step] = empty
            node = node[step]
        else:
            node = node.setdefault(step, empty)
    node[loc[-1]] = value


def _csv_reason(exc: csv.Error) -> str:
    text = str(exc)
    if "field larger than field limit" in text:
        return (
            f"a cell is longer than {csv.field_size_limit():,} characters; "
            "a quote may be left open"
        )
    if "unexpected end of data" in text:
        return "a quoted cell is not closed before the end of the file"
    if "expected after" in text:
        return 'a quote inside a cell must be doubled ("") and the cell quoted'
    if "new-line character" in text:
        return "a line break inside a cell that is not quoted (a lone carriage return)"
    return f"not valid CSV: {text}"
