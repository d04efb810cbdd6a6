"""What CSV and JSONL readers share: rows read a line at a time, or in pieces.

A line-based file is read in one process by ``rows()``, or cut into
pieces by ``split()`` for worker processes, each of which reads its piece
with the same ``LineRows`` the single process uses. Either way the rows,
their numbers and every message are the same.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from io import BytesIO
from typing import IO, cast

from provisioning_schema.readers._lines import DecodedLines
from provisioning_schema.readers._source import Loc, Reader, ReadOptions, Row
from provisioning_schema.readers._split import Piece, Resumed, Splitter, Tally, cuttable


@dataclass(frozen=True)
class LineRows(ABC):
    """Reads rows from decoded lines; sent to worker processes, so plain data."""

    source: str
    options: ReadOptions

    @abstractmethod
    def rows(self, lines: DecodedLines, tally: Tally, *, final: bool) -> Iterator[Row]:
        """Read rows to the end of ``lines``, counting them in ``tally``.

        Raises:
            InputFileError: the lines cannot be read as this format.
            MisalignedPieceError: ``final`` is false and the lines end
                inside a quoted cell.

        """

    @abstractmethod
    def path_of(self, loc: Loc) -> str:
        """Write a location in a record as the report shows it."""

    def piece_lines(self, piece: Piece) -> DecodedLines:
        """Decode the lines of one piece, numbered as in the file."""
        return DecodedLines(
            self.source,
            BytesIO(piece.data),
            self.options.encoding,
            first=piece.first,
            line=piece.line - 1,
            offset=piece.offset,
        )


@dataclass
class Split:
    """A file being cut into pieces, and how to read it on from any piece."""

    rows: LineRows
    pieces: Splitter
    stream: IO[bytes]
    tally: Tally = field(default_factory=Tally)

    def resume(self, held: list[Piece]) -> DecodedLines:
        """Read on in this process from the first of the pieces ``held``."""
        data = b"".join(piece.data for piece in held) + self.pieces.buffer
        stream = cast(IO[bytes], Resumed(data, self.stream))
        return DecodedLines(
            self.rows.source,
            stream,
            self.rows.options.encoding,
            first=held[0].first,
            line=held[0].line - 1,
            offset=held[0].offset,
        )


class LineReader(Reader):
    """A reader of CSV or JSONL: a start (a header), then rows to the end."""

    quoted = False
    """Whether quotes may hold line breaks, so pieces are cut outside them."""

    def rows(self) -> Iterator[Row]:
        """Read the rows in file order, in this process."""
        tally = Tally()
        with self._binary() as stream:
            lines = DecodedLines(self.source, stream, self.options.encoding)
            reader = self._start(lines)
            for row in reader.rows(lines, tally, final=True):
                self.bytes_read = lines.bytes_read
                yield row

        self.finish(tally)

    @contextmanager
    def split(self) -> Iterator[Split | None]:
        """Cut the file into pieces after its start; ``None`` if it cannot be."""
        with self._binary() as stream:
            if not cuttable(self.options.encoding) or not isinstance(
                stream.read(0), bytes
            ):
                yield None
                return

            binary = cast(IO[bytes], stream)
            lines = DecodedLines(self.source, binary, self.options.encoding)
            reader = self._start(lines)
            first = lines.line == 0
            pieces = Splitter(
                binary,
                lines.line + 1,
                lines.bytes_read,
                quoted=self.quoted,
                first=first,
            )
            yield Split(reader, pieces, binary)

    @abstractmethod
    def _start(self, lines: DecodedLines) -> LineRows:
        """Read what comes before the rows, and give the reader of rows."""

    @abstractmethod
    def finish(self, tally: Tally) -> None:
        """Note what the whole file's rows add up to, once they are read."""
