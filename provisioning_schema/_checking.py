"""Check every row a reader gives, in file order, with the rules across rows.

Each record is validated on its own, in this process or, with ``jobs``
above 1, in worker processes; the uniqueness rules then run here, in file
order, so the verdicts are the same for any number of jobs. Rows stream
through: what is kept between rows is the uniqueness tracker's compact
table and the problems found so far.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from pydantic import ValidationError

from provisioning_schema.options import ValidationOptions
from provisioning_schema.problems import Located, Problem, locate_errors
from provisioning_schema.readers import Reader, Row
from provisioning_schema.request import check_record, repeated_values
from provisioning_schema.rules import UniquenessTracker, UniqueValues

_CHUNK = 200  # records sent to a worker at once

Progress = Callable[[Reader, int], None]
"""Called now and then with the reader and the number of rows so far."""


@dataclass(frozen=True)
class Verdict:
    """One row, checked.

    Attributes:
        row: The row as read.
        index: The record's position among the file's records, from 0.
        problems: Everything wrong with it; empty when it is valid.
        changes: What the reader changed in it.
        wire: The valid record in wire JSON form, when asked for.

    """

    row: Row
    index: int
    problems: list[Problem]
    changes: list[Problem]
    wire: dict[str, Any] | None


@dataclass
class CheckedFile:
    """The verdict on one file: its records and what is wrong with them."""

    source: str
    format: str = "json"
    row_label: str = "record"
    records: int = 0
    invalid_records: int = 0
    problems: list[Problem] = field(default_factory=list)
    changes: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        """Whether the file has no problem at all."""
        return not self.problems


@dataclass(frozen=True)
class _Outcome:
    errors: tuple[Located, ...]
    wire: dict[str, Any] | None
    unique: UniqueValues


def check_rows(
    reader: Reader,
    options: ValidationOptions,
    *,
    jobs: int = 1,
    wire: bool = False,
    progress: Progress | None = None,
) -> Iterator[Verdict]:
    """Check each row of ``reader`` in file order.

    Args:
        reader: The file's reader.
        options: The validation options (files take wire names only).
        jobs: How many processes validate records.
        wire: Give each valid record's wire JSON form (for ``batch``).
        progress: Called every few hundred rows.

    Raises:
        InputFileError: the file cannot be read (found as reading goes).

    """
    context: dict[str, Any] = {**options, "wire_names_only": True}
    redact = bool(options.get("redact", False))
    tracker = UniquenessTracker(reader.name_of, compact=True)
    validated = _validated(reader.rows(), context, wire=wire, jobs=jobs)
    for index, (row, outcome) in enumerate(validated, start=1):
        located = list(row.problems) + list(outcome.errors)
        if row.readable:
            repeats = repeated_values(
                tracker, outcome.unique, row.number, redact=redact
            )
            if repeats:
                error = ValidationError.from_exception_data("record", repeats)
                located.extend(locate_errors(error, redact=redact))

        yield Verdict(
            row,
            index - 1,
            [_problem(reader, row, index - 1, found) for found in located],
            [_problem(reader, row, index - 1, found) for found in row.changes],
            None if located else outcome.wire,
        )
        if progress is not None and index % _CHUNK == 0:
            progress(reader, index)


def check_file(
    reader: Reader,
    options: ValidationOptions,
    *,
    jobs: int = 1,
    wire: bool = False,
    each: Callable[[Verdict], None] | None = None,
    progress: Progress | None = None,
) -> CheckedFile:
    """Check a whole file and gather its verdict; ``each`` sees every row.

    Raises:
        InputFileError: the file cannot be read.

    """
    checked = CheckedFile(reader.source, reader.format, reader.row_label)
    row_problems: list[Problem] = []
    for verdict in check_rows(reader, options, jobs=jobs, wire=wire, progress=progress):
        checked.records += 1
        checked.invalid_records += bool(verdict.problems)
        row_problems.extend(verdict.problems)
        checked.changes.extend(verdict.changes)
        if each is not None:
            each(verdict)

    checked.problems = [*reader.problems, *row_problems]
    checked.notes = list(reader.notes)
    return checked


def _problem(reader: Reader, row: Row, index: int, found: Located) -> Problem:
    return Problem(
        record=index,
        path=reader.path_of((*row.loc, *found.loc)),
        type=found.type,
        message=found.message,
        row=row.number,
    )


def _validated(
    rows: Iterable[Row], context: dict[str, Any], *, wire: bool, jobs: int
) -> Iterator[tuple[Row, _Outcome]]:
    chunks = iter(lambda: list(islice(rows, _CHUNK)), [])
    if jobs <= 1:
        for chunk in chunks:
            yield from zip(
                chunk, _validate_chunk(context, wire, _data(chunk)), strict=True
            )
        return

    # A bounded window of chunks in flight keeps memory flat; results are
    # taken in the order the chunks were sent, which is file order.
    spawn = multiprocessing.get_context("spawn")
    with spawn.Pool(jobs) as pool:
        pending: deque[tuple[list[Row], Any]] = deque()
        for chunk in chunks:
            task = pool.apply_async(_validate_chunk, (context, wire, _data(chunk)))
            pending.append((chunk, task))
            if len(pending) >= 2 * jobs:
                done, result = pending.popleft()
                yield from zip(done, result.get(), strict=True)
        while pending:
            done, result = pending.popleft()
            yield from zip(done, result.get(), strict=True)


def _data(chunk: list[Row]) -> list[tuple[bool, object]]:
    return [(row.readable, row.data) for row in chunk]


def _validate_chunk(
    context: dict[str, Any], wire: bool, records: list[tuple[bool, object]]
) -> list[_Outcome]:
    redact = bool(context.get("redact", False))
    outcomes = []
    for readable, raw in records:
        if not readable:
            outcomes.append(_Outcome((), None, UniqueValues()))
            continue

        checked = check_record(raw, context)
        errors = locate_errors(checked.error, redact=redact) if checked.error else []
        dumped = None
        if wire and checked.record is not None:
            dumped = checked.record.model_dump(mode="json")
        outcomes.append(_Outcome(tuple(errors), dumped, checked.unique))

    return outcomes
