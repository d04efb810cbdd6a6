"""Check every row a reader gives, in file order, with the rules across rows.

Each record is validated on its own: in this process, or with ``jobs``
above 1 shared between this process and ``jobs - 1`` worker processes.
Whoever checks a piece of raw bytes of a CSV or JSONL file (cut at record
boundaries by this process) decodes, parses, normalizes and validates it,
and gives back compact results: problems and changes as report data, the
values the uniqueness rules need, and the wire JSON only for ``batch``.
This process merges the parts in file order and runs the uniqueness rules,
so the report is the same for any number of jobs. A few pieces per job are
in flight, so memory stays flat. JSON documents, read whole, are checked
in this process, as are files in an encoding that cannot be cut at line
feeds.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from pydantic import ValidationError

from provisioning_schema.options import ValidationOptions
from provisioning_schema.problems import InputFileError, Problem, locate_errors
from provisioning_schema.readers import Reader, Row
from provisioning_schema.readers._line_reader import LineReader, LineRows, Split
from provisioning_schema.readers._records import raw_record
from provisioning_schema.readers._split import MisalignedPieceError, Piece, Tally
from provisioning_schema.request import check_record, duplicate_errors
from provisioning_schema.rules import DuplicateValue, UniquenessTracker

_CHUNK = 200  # rows checked at once in this process
_PIECES_A_WORKER = 3  # pieces sent ahead to each worker process
_PARTS_HELD = 4  # parts checked here ahead of the part due
_HAND_OVER_SECONDS = 0.0005  # GIL switch interval while sharing pieces
_ORPHAN_CHECK_SECONDS = 0.5  # how often a worker looks for its parent

Progress = Callable[[Reader, int], None]
"""Called now and then with the reader and the number of rows so far."""

Loc = tuple[str | int, ...]
Found = tuple[str, str, str]
"""A problem or change inside a row: its path, type and message."""


@dataclass(frozen=True)
class Verdict:
    """One row, checked.

    Attributes:
        number: Where the file puts the row (see ``Row.number``).
        index: The record's position among the file's records, from 0.
        original: What the file holds, for a rejects file.
        problems: Everything wrong with it; empty when it is valid.
        changes: What the reader changed in it.
        wire: The valid record in wire JSON form, when asked for.

    """

    number: int
    index: int
    original: object
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


@dataclass
class _Part:
    """A run of rows, checked, in the compact form a worker sends back."""

    numbers: list[int] = field(default_factory=list)
    locs: dict[int, Loc] = field(default_factory=dict)
    """Where a record sits in a JSON document, by position in the part."""
    unique: list[tuple[str | None, str | None]] = field(default_factory=list)
    problems: dict[int, list[Found]] = field(default_factory=dict)
    changes: dict[int, list[Found]] = field(default_factory=dict)
    wire: list[dict[str, Any] | None] = field(default_factory=list)
    originals: list[object] = field(default_factory=list)
    tally: Tally | None = None
    end: int | None = None
    error: tuple[str, str, int | None, int | None] | None = None
    misaligned: bool = False

    def raise_error(self) -> None:
        """Raise the reading error the rows stopped at, if any.

        Raises:
            InputFileError: the file could not be read past these rows.

        """
        if self.error is not None:
            source, reason, line, column = self.error
            raise InputFileError(source, reason, line=line, column=column)


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

    Args:
        reader: The file's reader.
        options: The validation options (files take wire names only).
        jobs: How many processes read and validate records.
        wire: Give each valid record's wire JSON form (for ``batch``).
        each: Called with every row's verdict, in file order.
        progress: Called every few hundred rows.

    Raises:
        InputFileError: the file cannot be read.

    """
    context: dict[str, Any] = {**options, "wire_names_only": True}
    merged = _Merged(reader, bool(options.get("redact", False)), each, progress)
    if jobs > 1 and isinstance(reader, LineReader):
        with reader.split() as split:
            if split is not None:
                # Closed at once when merging raises, so the worker pool is shut
                # down here and not later by the garbage collector.
                with closing(_in_pieces(split, context, wire, jobs)) as parts:
                    for part in parts:
                        merged.add(part)
                reader.finish(split.tally)
                return merged.done()

    rows = reader.rows()
    while True:
        part = _check_rows(islice(rows, _CHUNK), reader.path_of, context, wire)
        merged.add(part)
        if part.error is None and not part.numbers:
            return merged.done()


class _Merged:
    """The parent's side: rows in file order, the rules across rows, totals."""

    def __init__(
        self,
        reader: Reader,
        redact: bool,
        each: Callable[[Verdict], None] | None,
        progress: Progress | None,
    ) -> None:
        self.reader = reader
        self.redact = redact
        self.each = each
        self.progress = progress
        self.tracker = UniquenessTracker(reader.name_of, compact=True)
        self.checked = CheckedFile(reader.source, reader.format, reader.row_label)
        self.problems: list[Problem] = []

    def add(self, part: _Part) -> None:
        """Take the next rows, in file order.

        Raises:
            InputFileError: the file could not be read past them.

        """
        checked = self.checked
        first = checked.records
        checked.records += len(part.numbers)
        rows = zip(part.numbers, part.unique, strict=True)
        remember = self.tracker.add_values
        for position, (number, (extension, email)) in enumerate(rows):
            # Every row passes here, in the one process that keeps the table
            # of values seen: the common case (no problem, no change, no
            # one to tell) costs one call.
            duplicates = remember(extension, email, number)
            found = part.problems.get(position, [])
            changed = part.changes.get(position, [])
            if not (duplicates or found or changed or self.each):
                continue

            if duplicates:
                loc = part.locs.get(position, ())
                found = found + self._located(duplicates, loc)
            index = first + position
            problems = [Problem(index, *each, number) for each in found]
            changes = [Problem(index, *each, number) for each in changed]
            checked.invalid_records += bool(problems)
            self.problems.extend(problems)
            checked.changes.extend(changes)
            if self.each is not None:
                wire = None if problems or not part.wire else part.wire[position]
                original = part.originals[position] if part.originals else None
                self.each(Verdict(number, index, original, problems, changes, wire))

        if part.end is not None:
            self.reader.bytes_read = part.end
        if self.progress is not None and part.numbers:
            self.progress(self.reader, checked.records)
        part.raise_error()

    def done(self) -> CheckedFile:
        """Give the verdict on the whole file, once every row is in."""
        self.checked.problems = [*self.reader.problems, *self.problems]
        self.checked.notes = list(self.reader.notes)
        return self.checked

    def _located(self, duplicates: list[DuplicateValue], loc: Loc) -> list[Found]:
        repeats = duplicate_errors(duplicates, redact=self.redact)
        error = ValidationError.from_exception_data("record", repeats)
        return [
            (self.reader.path_of((*loc, *found.loc)), found.type, found.message)
            for found in locate_errors(error, redact=self.redact)
        ]


def _check_rows(
    rows: Iterable[Row],
    path_of: Callable[[Loc], str],
    context: dict[str, Any],
    wire: bool,
) -> _Part:
    """Validate rows on their own; a reading error ends the part."""
    redact = bool(context.get("redact", False))
    part = _Part()
    try:
        for row in rows:
            position = len(part.numbers)
            part.numbers.append(row.number)
            if row.loc:
                part.locs[position] = row.loc
            found = [
                (path_of((*row.loc, *f.loc)), f.type, f.message) for f in row.problems
            ]
            unique: tuple[str | None, str | None] = (None, None)
            dumped = None
            if row.readable:
                checked = check_record(row.data, context)
                if checked.error is not None:
                    found.extend(
                        (path_of((*row.loc, *f.loc)), f.type, f.message)
                        for f in locate_errors(checked.error, redact=redact)
                    )
                elif wire and checked.record is not None:
                    dumped = checked.record.model_dump(mode="json")
                unique = (checked.unique.extension_number, checked.unique.login_email)
            part.unique.append(unique)
            if found:
                part.problems[position] = found
            if row.changes:
                part.changes[position] = [
                    (path_of((*row.loc, *f.loc)), f.type, f.message)
                    for f in row.changes
                ]
            if wire:
                part.wire.append(dumped)
                original = row.original
                if row.structured:
                    original = raw_record(original)
                part.originals.append(original)
    except InputFileError as exc:
        part.error = (exc.source, exc.reason, exc.line, exc.column)
    except MisalignedPieceError:
        part.misaligned = True

    return part


def _in_pieces(
    split: Split, context: dict[str, Any], wire: bool, jobs: int
) -> Generator[_Part, None, None]:
    """Check the pieces here and in ``jobs - 1`` workers; give parts in file order."""
    sharing = _Sharing(split, (split.rows, context, wire), jobs - 1)
    try:
        yield from sharing.parts()
    finally:
        sharing.close()


_Job = tuple[LineRows, dict[str, Any], bool]
"""What every piece is checked with: the reader, the context, wire JSON or not."""
_Slot = Future[_Part] | _Part | None
"""A piece's part: coming from a worker, checked here, or not yet checked."""


class _Sharing:
    """Pieces shared between this process and worker processes.

    This process is one of the jobs. It checks the first piece itself while
    the workers start (a file of one piece starts none), and whenever the
    part due next is not ready it checks the next piece, or takes back one
    that no worker has started, so no CPU waits while pieces are left.
    """

    def __init__(self, split: Split, job: _Job, workers: int) -> None:
        self.split = split
        self.job = job
        self.workers = workers
        self.pieces = iter(split.pieces)
        self.more = True
        self.due: deque[tuple[Piece, _Slot]] = deque()
        self.pool: ProcessPoolExecutor | None = None
        # With wire JSON (batch) a part is some ten times larger: fewer wait.
        wire = job[2]
        self.most_sent = _PIECES_A_WORKER - 1 if wire else _PIECES_A_WORKER
        self.most_held = 1 if wire else _PARTS_HELD

    def parts(self) -> Iterator[_Part]:
        """Give every piece's part in file order, checked somewhere."""
        # This process checks pieces while its own threads hand pieces to
        # the workers and read their parts; a worker waits on them, so they
        # get the GIL within half a millisecond instead of five.
        interval = sys.getswitchinterval()
        sys.setswitchinterval(_HAND_OVER_SECONDS)
        try:
            yield from self._parts()
        finally:
            sys.setswitchinterval(interval)

    def _parts(self) -> Iterator[_Part]:
        self._take_next(check=False)
        while self.due:
            self._feed_workers()
            piece, slot = self.due[0]
            if isinstance(slot, Future) and not slot.done() and self._work_instead():
                continue

            if slot is None:
                part = _check_piece_with(self.job, piece)
            elif isinstance(slot, Future):
                part = _result(slot, self.split.rows.source)
            else:
                part = slot
            if part.misaligned:
                held = [piece for piece, _ in self.due]
                self.close()
                yield from _resumed(self.split, held, self.job[1], self.job[2])
                return

            self.due.popleft()
            if part.tally is not None:
                self.split.tally.add(part.tally)
            yield part

    def close(self) -> None:
        """Stop the workers, dropping pieces they have not started."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def _feed_workers(self) -> None:
        sent = sum(isinstance(slot, Future) for _, slot in self.due)
        while self.more and sent < self.most_sent * self.workers:
            piece = self._next_piece()
            if piece is None:
                return
            if self.pool is None:
                # An executor, not multiprocessing.Pool: a worker that dies
                # breaks the executor with an error, where a Pool would wait
                # for its task forever.
                self.pool = ProcessPoolExecutor(
                    self.workers,
                    mp_context=_processes(),
                    initializer=_start_worker,
                    initargs=(self.job, os.getpid()),
                )
            self.due.append((piece, self._submit(piece)))
            sent += 1

    def _submit(self, piece: Piece) -> Future[_Part]:
        assert self.pool is not None, "the pool is made before the first piece"
        # The first submits start the workers. Ctrl-C is held back meanwhile:
        # a spawned worker keeps the blocked signal through its start-up,
        # when it could not yet ignore it and would print a traceback.
        with _sigint_held():
            try:
                return self.pool.submit(_check_piece, piece)
            except Exception as exc:  # a worker died: told like a failed part
                raise _worker_failed(self.split.rows.source, exc) from None

    def _work_instead(self) -> bool:
        held = sum(isinstance(slot, _Part) for _, slot in self.due)
        if held < self.most_held and self._take_next(check=True):
            return True

        for position in range(len(self.due) - 1, 0, -1):
            piece, slot = self.due[position]
            if isinstance(slot, Future) and slot.cancel():
                self.due[position] = (piece, _check_piece_with(self.job, piece))
                return True
        return False

    def _take_next(self, *, check: bool) -> bool:
        piece = self._next_piece()
        if piece is None:
            return False
        part = _check_piece_with(self.job, piece) if check else None
        self.due.append((piece, part))
        return True

    def _next_piece(self) -> Piece | None:
        piece = next(self.pieces, None) if self.more else None
        self.more = piece is not None
        return piece


def _result(result: Future[_Part], source: str) -> _Part:
    """Wait for a worker's part; its failure becomes one line, without data.

    Raises:
        InputFileError: the worker failed (its message may quote records,
            so only the kind of failure is told).

    """
    try:
        return result.result()
    except Exception as exc:  # any failure: told without data
        raise _worker_failed(source, exc) from None


def _worker_failed(source: str, exc: Exception) -> InputFileError:
    reason = f"a worker process failed ({type(exc).__name__}); run again with --jobs 1"
    return InputFileError(source, reason)


@contextmanager
def _sigint_held() -> Iterator[None]:
    if not hasattr(signal, "pthread_sigmask"):  # not on Windows
        yield
        return

    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        # A Ctrl-C pressed meanwhile arrives here, as KeyboardInterrupt.
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _processes() -> multiprocessing.context.BaseContext:
    # Spawned, not forked: a fork copies locks other threads of the parent
    # may hold (the executor's own thread among them) and can hang a worker.
    # Each spawned worker imports the package again, about 0.4 s of CPU.
    return multiprocessing.get_context("spawn")


def _resumed(
    split: Split, held: list[Piece], context: dict[str, Any], wire: bool
) -> Iterator[_Part]:
    """Read on in this process from a piece not cut at a record's end."""
    lines = split.resume(held)
    rows = split.rows.rows(lines, split.tally, final=True)
    while True:
        part = _check_rows(islice(rows, _CHUNK), split.rows.path_of, context, wire)
        part.end = lines.bytes_read
        yield part
        if part.error is None and not part.numbers:
            return


_job: _Job | None = None


def _start_worker(job: _Job, parent: int) -> None:
    global _job  # noqa: PLW0603  # set once per worker process, by the pool
    _job = job
    # Ctrl-C is the parent's to handle: it ends the pool and cleans up.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A parent killed outright (SIGTERM, SIGKILL) cannot stop its workers,
    # which would wait for pieces forever: they watch for it themselves.
    threading.Thread(target=_end_when_orphaned, args=(parent,), daemon=True).start()


def _end_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_ORPHAN_CHECK_SECONDS)
    os._exit(1)


def _check_piece(piece: Piece) -> _Part:
    assert _job is not None, "the pool starts every worker with its job"
    return _check_piece_with(_job, piece)


def _check_piece_with(job: _Job, piece: Piece) -> _Part:
    reader, context, wire = job
    tally = Tally()
    lines = reader.piece_lines(piece)
    part = _check_rows(
        reader.rows(lines, tally, final=False), reader.path_of, context, wire
    )
    part.tally = tally
    part.end = piece.offset + len(piece.data)
    return part
