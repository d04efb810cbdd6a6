"""Reports of checked files, as aligned text for people or JSON for programs.

The text report gives each file a verdict line, then one line per problem
(row, wire path, error type, message) under a header, then the changes the
reader made in the same layout, and ends with one summary line for all
files. Rows are named as the file names them: the line of a CSV or JSONL
file, the index of a record in a JSON document. A CSV file's paths are
its column headers (``roles.0.id``). Colour, when asked for, marks the
verdict only.

The JSON report is JSON Lines: one object per file, each with the same
keys in the same order:

- ``file``: the name as given, or ``<stdin>``;
- ``format``: ``csv``, ``jsonl`` or ``json``;
- ``valid``: ``true`` when the file was read and has no problem;
- ``records``: how many records the file holds;
- ``invalid_records``: how many of them have a problem;
- ``errors``: the problems, each with ``record`` (the record's position
  from 0, or ``null`` for the whole file), ``row`` (the CSV or JSONL line,
  or the JSON index; ``null`` when unknown), ``path``, ``type`` and
  ``message``;
- ``changes``: what the reader changed, with the same keys;
- ``notes``: remarks that are not problems, such as a list too long for
  one request;
- ``read_error``: ``null``, or ``{line, column, message}`` when the file
  could not be read, in which case nothing else in the object is known.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from provisioning_schema._checking import CheckedFile
from provisioning_schema.problems import InputFileError, Problem

Outcome = CheckedFile | InputFileError
"""What checking one file gives: a verdict, or the reason it was not read."""

_WHOLE_DOCUMENT = "(document)"
_WHOLE_ROW = "(row)"
_GREEN, _RED, _RESET = "\x1b[32m", "\x1b[31m", "\x1b[0m"


def text_block(checked: CheckedFile, *, colour: bool = False) -> str:
    """Describe one checked file: its verdict, notes, problems and changes."""
    lines = [f"{checked.source}: {_verdict(checked, colour=colour)}"]
    lines.extend(f"  note: {note}" for note in checked.notes)
    lines.extend(_table(checked.row_label, "type", checked.problems))
    if checked.changes:
        lines.append("  changes made while reading:")
        lines.extend(_table(checked.row_label, "change", checked.changes))

    return "\n".join(lines) + "\n"


def text_summary(outcomes: Sequence[Outcome]) -> str:
    """Count files, records and errors over every file in one line."""
    checked = [outcome for outcome in outcomes if isinstance(outcome, CheckedFile)]
    valid = sum(1 for result in checked if result.valid)
    files = [
        count(len(outcomes), "file") + ":",
        f"{valid} valid,",
        f"{len(checked) - valid} invalid,",
        f"{len(outcomes) - len(checked)} unreadable;",
    ]
    records = [
        count(sum(result.records for result in checked), "record") + ",",
        f"{sum(result.invalid_records for result in checked)} invalid,",
        count(sum(len(result.problems) for result in checked), "error"),
    ]
    return " ".join(files + records) + "\n"


def json_line(outcome: Outcome) -> str:
    """Describe one file as a single-line JSON object (see the module notes)."""
    if isinstance(outcome, InputFileError):
        unread = CheckedFile(outcome.source, format="")
        read_error = {
            "line": outcome.line,
            "column": outcome.column,
            "message": outcome.reason,
        }
        return json.dumps(_json_object(unread, read_error)) + "\n"

    return json.dumps(_json_object(outcome, None)) + "\n"


def _json_object(
    checked: CheckedFile, read_error: dict[str, Any] | None
) -> dict[str, Any]:
    return {
        "file": checked.source,
        "format": checked.format or None,
        "valid": checked.valid and read_error is None,
        "records": checked.records,
        "invalid_records": checked.invalid_records,
        "errors": [_json_problem(problem) for problem in checked.problems],
        "changes": [_json_problem(change) for change in checked.changes],
        "notes": list(checked.notes),
        "read_error": read_error,
    }


def _json_problem(problem: Problem) -> dict[str, Any]:
    return {
        "record": problem.record,
        "row": problem.row,
        "path": problem.path,
        "type": problem.type,
        "message": problem.message,
    }


def _table(label: str, kind: str, problems: Sequence[Problem]) -> list[str]:
    if not problems:
        return []

    rows = [(label, "path", kind, "message"), *(_row(p) for p in problems)]
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    lines = []
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)]
        lines.append("  " + "  ".join([*cells, row[3]]))

    return lines


def _verdict(checked: CheckedFile, *, colour: bool) -> str:
    if checked.valid:
        verdict = f"valid, {count(checked.records, 'record')}"
        return f"{_GREEN}{verdict}{_RESET}" if colour else verdict

    in_records = sum(1 for problem in checked.problems if problem.record is not None)
    in_file = len(checked.problems) - in_records
    records = count(checked.records, "record") if checked.records else "no records"
    parts = []
    if in_records:
        errors = count(in_records, "error")
        parts.append(f"{errors} in {checked.invalid_records} of {records}")
    if in_file:
        parts.append(f"{count(in_file, 'error')} in the file as a whole")
    if not in_records:
        parts.append(records)
    verdict = "invalid, " + ", ".join(parts)
    return f"{_RED}{verdict}{_RESET}" if colour else verdict


def _row(problem: Problem) -> tuple[str, str, str, str]:
    place = problem.row if problem.row is not None else problem.record
    row = "-" if place is None else str(place)
    path = problem.path or (_WHOLE_DOCUMENT if problem.record is None else _WHOLE_ROW)
    return (row, path, problem.type, problem.message)


def count(number: int, noun: str) -> str:
    """Write ``number noun``, with the noun plural unless the number is 1."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
