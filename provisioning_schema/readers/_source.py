"""What every reader gives: rows of records, with their place in the file."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, ClassVar

from provisioning_schema._reading import CLOSED_STDIN
from provisioning_schema.problems import InputFileError, Located, Problem, wire_path

Loc = tuple[str | int, ...]

STDIN = "-"
STDIN_NAME = "<stdin>"


@dataclass
class Row:
    """One record as a file holds it.

    Attributes:
        number: Where the file puts it: a line of a CSV or JSONL file (where
            the row starts), or the index in a JSON document.
        data: The record to validate, shaped like the wire.
        original: What the file holds, written back to a rejects file.
        loc: Where the record sits in the document, for wire paths.
        problems: What the reader found wrong with it.
        changes: What the reader changed in it (see ``_normalize``).
        readable: ``False`` when the row cannot be read as a record (a CSV
            row with the wrong number of cells), so it is not validated.
        structured: Whether ``original`` is parsed JSON, which is sent from
            a worker as text (see ``raw_record``).

    """

    number: int
    data: object
    original: object
    loc: Loc = ()
    problems: list[Located] = field(default_factory=list)
    changes: list[Located] = field(default_factory=list)
    readable: bool = True
    structured: bool = False


@dataclass(frozen=True)
class ReadOptions:
    """How to read a file.

    Attributes:
        encoding: The text encoding; UTF-8 with an optional BOM if ``None``.
        region: A region such as ``US`` for national phone numbers.
        redact: Keep values out of the messages about changes.
        count_rule: Apply the API's 1 to 10 records rule to request bodies.

    """

    encoding: str | None = None
    region: str | None = None
    redact: bool = False
    count_rule: bool = True


class Reader(ABC):
    """Reads one file as rows; file-wide findings gather as it goes.

    Attributes:
        source: The file's name as given, or ``<stdin>``.
        header: A CSV file's header cells, once read.
        problems: Problems of the file as a whole (such as an unknown
            column), complete once ``rows()`` is exhausted.
        notes: Remarks that are not problems.
        bytes_read: How far the reading has come, for a progress bar.
        total_bytes: The file's size, when it is known.

    """

    format: ClassVar[str]
    row_label: ClassVar[str] = "line"

    def __init__(
        self,
        path: str,
        stdin: IO[str] | IO[bytes] | None,
        options: ReadOptions,
    ) -> None:
        self.path = path
        self.stdin = stdin
        self.options = options
        self.source = STDIN_NAME if path == STDIN else path
        self.problems: list[Problem] = []
        self.notes: list[str] = []
        self.header: list[str] | None = None
        self.bytes_read = 0
        self.total_bytes = _size(path)

    @abstractmethod
    def rows(self) -> Iterator[Row]:
        """Read the rows in file order.

        Raises:
            InputFileError: the file cannot be read as this format.

        """

    def _no_records(self) -> None:
        rule = "A file of records must hold at least one record"
        self.problems.append(Problem(None, "", "records_count", rule))

    def path_of(self, loc: Loc) -> str:
        """Write a location in the document as the report shows it."""
        return wire_path(loc)

    def name_of(self, number: int) -> str:
        """Name a row in a message, such as ``line 7``."""
        return f"{self.row_label} {number}"

    @contextmanager
    def _binary(self) -> Iterator[IO[bytes] | IO[str]]:
        if self.path == STDIN:
            if self.stdin is None:
                raise InputFileError(self.source, CLOSED_STDIN)
            yield getattr(self.stdin, "buffer", self.stdin)
            return

        try:
            file = Path(self.path).open("rb")  # noqa: SIM115  # closed below
        except OSError as exc:
            reason = f"cannot read the file: {exc.strerror}"
            raise InputFileError(self.source, reason) from None

        with file:
            yield file


def _size(path: str) -> int | None:
    if path == STDIN:
        return None

    try:
        return Path(path).stat().st_size
    except OSError:
        return None
