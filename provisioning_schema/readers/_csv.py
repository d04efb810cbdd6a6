"""Read a CSV file whose header names wire paths, one record a row.

Rows are read one at a time, so memory stays flat however long the file.
Each row is named by the physical line it starts on (a quoted cell may
hold line breaks). Cells are read as the contract's Readers section
allows (see ``_normalize``); every change is reported with the row.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
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
from provisioning_schema.readers._lines import DecodedLines
from provisioning_schema.readers._source import Loc, Reader, Row

_STATUS = ("status",)


class CsvReader(Reader):
    """A CSV file with a header row of wire paths (see ``template``)."""

    format = "csv"

    def rows(self) -> Iterator[Row]:
        """Read the header, then each row as a record."""
        with self._binary() as stream:
            lines = DecodedLines(self.source, stream, self.options.encoding)
            reader = csv.reader(lines, strict=True)
            header = self._header(reader, lines)
            blank = records = 0
            while True:
                start = reader.line_num + 1
                cells = self._next(reader, start)
                self.bytes_read = lines.bytes_read
                if cells is None:
                    break
                if not cells:
                    blank += 1
                    continue
                records += 1
                yield self._row(header, cells, start)

        if not records:
            self._no_records()
        if blank:
            self.notes.append(f"{blank} blank line(s) skipped")

    def path_of(self, loc: Loc) -> str:
        """Locations are written as column headers, ``roles.0.id``."""
        return column_name(loc)

    def _next(self, reader: Any, start: int) -> list[str] | None:
        try:
            return next(reader)  # type: ignore[no-any-return]  # csv rows are lists
        except StopIteration:
            return None
        except csv.Error as exc:
            raise InputFileError(self.source, _csv_reason(exc), line=start) from None

    def _header(self, reader: Any, lines: DecodedLines) -> list[Column | None]:
        cells = self._next(reader, 1)
        while cells == []:
            cells = self._next(reader, reader.line_num + 1)
        if not cells or not any(cell.strip() for cell in cells):
            reason = (
                "the file is empty; expected a header row of wire paths "
                "(see provisioning-schema template)"
            )
            raise InputFileError(self.source, reason)

        line = reader.line_num
        self.header = cells
        names = [cell.strip(" \t") for cell in cells]
        self._names = names
        if names != cells:
            self.notes.append("spaces around header names were removed")
        self._refuse_repeats(names, line)

        known = known_columns()
        header: list[Column | None] = []
        for position, name in enumerate(names, start=1):
            column = known.get(name)
            header.append(column)
            if column is None and name != REASON_COLUMN:
                self.problems.append(_unknown_column(name, position, line))

        if REASON_COLUMN in names:
            self.notes.append(
                f"the {REASON_COLUMN} column of a rejects file is skipped"
            )
        if "status" not in names:
            self.notes.append('there is no status column: every status is "Enabled"')
        return header

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

    def _row(self, header: list[Column | None], cells: list[str], start: int) -> Row:
        if len(cells) != len(header):
            rule = (
                f"The row must have {len(header)} cells, as the header has; "
                f"it has {len(cells)} (a comma inside a cell needs quotes)"
            )
            problem = Located((), "row_length", rule)
            return Row(start, None, cells, problems=[problem], readable=False)

        record: dict[str, Any] = {}
        row = Row(start, record, cells)
        for column, cell, name in zip(header, cells, self._names, strict=True):
            if column is None:
                if name != REASON_COLUMN and cell.strip():
                    row.problems.append(_unknown_cell(name))
                continue
            self._cell(row, record, column, cell)

        if "status" not in record:
            status, changes = _normalize.default_status(_STATUS)
            record["status"] = status
            if any(column and column.loc == _STATUS for column in header):
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


def _unknown_column(name: str, position: int, line: int) -> Problem:
    hint = suggest(name)
    shown = name or "(unnamed)"
    message = f"Column {position}, {shown}, is not a wire path of a record"
    if hint:
        message += f"; did you mean {hint}?"
    else:
        message += " (see provisioning-schema template)"
    return Problem(None, shown, "unknown_column", message, row=line)


def _unknown_cell(name: str) -> Located:
    message = "A cell of an unknown column has a value (see the header problem)"
    return Located((name,) if name else (), "unknown_column", message)


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
