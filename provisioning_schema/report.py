"""Reports of checked files, as aligned text for people or JSON for programs.

The text report gives each file a verdict line, then one line per problem
(record, wire path, error type, message) under a header, and ends with one
summary line for all files. The JSON report is JSON Lines: one object per
file, each with the same keys in the same order:

- ``file``: the name as given, or ``<stdin>``;
- ``valid``: ``true`` when the file was read and has no problem;
- ``records``: how many records the file holds;
- ``invalid_records``: how many of them have a problem;
- ``errors``: the problems, each with ``record`` (an index or ``null`` for
  the whole document), ``path``, ``type`` and ``message``;
- ``notes``: remarks that are not problems, such as a list too long for
  one request;
- ``read_error``: ``null``, or ``{line, column, message}`` when the file
  could not be read, in which case nothing else in the object is known.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from provisioning_schema._reading import CheckedFile
from provisioning_schema.problems import InputFileError, Problem

Outcome = CheckedFile | InputFileError
"""What checking one file gives: a verdict, or the reason it was not read."""

_HEADER = ("record", "path", "type", "message")
_WHOLE_DOCUMENT = "(document)"


def text_block(checked: CheckedFile) -> str:
    """Describe one checked file: its verdict, notes and aligned problems."""
    lines = [f"{checked.source}: {_verdict(checked)}"]
    lines.extend(f"  note: {note}" for note in checked.notes)

    rows = [_HEADER, *(_row(problem) for problem in checked.problems)]
    if len(rows) > 1:
        widths = [max(len(row[column]) for row in rows) for column in range(3)]
        for row in rows:
            cells = [
                cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)
            ]
            lines.append("  " + "  ".join([*cells, row[3]]))

    return "\n".join(lines) + "\n"


def text_summary(outcomes: Sequence[Outcome]) -> str:
    """Count files, records and errors over every file in one line."""
    checked = [outcome for outcome in outcomes if isinstance(outcome, CheckedFile)]
    valid = sum(1 for result in checked if result.valid)
    files = [
        _count(len(outcomes), "file") + ":",
        f"{valid} valid,",
        f"{len(checked) - valid} invalid,",
        f"{len(outcomes) - len(checked)} unreadable;",
    ]
    records = [
        _count(sum(result.records for result in checked), "record") + ",",
        f"{sum(result.invalid_records for result in checked)} invalid,",
        _count(sum(len(result.problems) for result in checked), "error"),
    ]
    return " ".join(files + records) + "\n"


def json_line(outcome: Outcome) -> str:
    """Describe one file as a single-line JSON object (see the module notes)."""
    if isinstance(outcome, InputFileError):
        unread = CheckedFile(outcome.source, 0, ())
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
        "valid": checked.valid and read_error is None,
        "records": checked.records,
        "invalid_records": checked.invalid_records,
        "errors": [
            {
                "record": problem.record,
                "path": problem.path,
                "type": problem.type,
                "message": problem.message,
            }
            for problem in checked.problems
        ],
        "notes": list(checked.notes),
        "read_error": read_error,
    }


def _verdict(checked: CheckedFile) -> str:
    if checked.valid:
        return f"valid, {_count(checked.records, 'record')}"

    errors = _count(len(checked.problems), "error")
    records = _count(checked.records, "record")
    return f"invalid, {errors} in {checked.invalid_records} of {records}"


def _row(problem: Problem) -> tuple[str, str, str, str]:
    record = "-" if problem.record is None else str(problem.record)
    path = problem.path or _WHOLE_DOCUMENT
    return (record, path, problem.type, problem.message)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
