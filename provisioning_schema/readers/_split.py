"""Cut a line-based file into pieces of raw bytes that start at a record.

``--jobs`` hands each piece to a worker process, which decodes, parses
and checks it on its own; the parent only cuts. A JSONL record ends at
any line break. A CSV record ends at a line break outside quotes, which
is told by the count of ``"`` since the first data row being even: true
for every well-formed file. A stray quote inside an unquoted cell (which
the csv module takes as a plain character) can make a cut fall inside a
quoted cell; the worker then finds a quote open at the end of its piece
(``MisalignedPiece``) and the rest of the file is read in one process, so
the verdict never depends on where the cuts fell.

Pieces are cut only for encodings in which a line feed byte is always a
line feed and decoding needs nothing from earlier lines.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

PIECE_BYTES = 1 << 18
"""About how many bytes each piece holds."""

_MOST_PIECES_UNCUT = 16
"""Past this many pieces' bytes without a cut, cut at any line break."""

_CUTTABLE = frozenset({"utf-8", "ascii", "latin-1"})
_CUTTABLE_FAMILIES = ("iso8859-", "cp125")


class MisalignedPieceError(Exception):
    """A piece ends inside a quoted cell: it was not cut at a record's end."""


@dataclass(frozen=True)
class Piece:
    """Raw bytes of whole records, and where they are in the file.

    Attributes:
        data: The bytes, ending with a line break unless the file ends.
        line: The file's line number of the first line, from 1.
        offset: The file's byte offset of the first byte.
        first: Whether the piece starts the file (a byte order mark may
            come first).

    """

    data: bytes
    line: int
    offset: int
    first: bool


@dataclass
class Tally:
    """What a reader counts as it goes, added up over pieces."""

    records: int = 0
    blank: int = 0
    reasons: int = 0

    def add(self, other: Tally) -> None:
        """Count ``other``'s rows too."""
        self.records += other.records
        self.blank += other.blank
        self.reasons += other.reasons


def cuttable(encoding: str | None) -> bool:
    """Whether files of ``encoding`` can be cut at line feed bytes."""
    if encoding is None:
        return True

    name = codecs.lookup(encoding).name
    return name in _CUTTABLE or name.startswith(_CUTTABLE_FAMILIES)


class Splitter:
    """The pieces of a binary stream from its current position.

    Args:
        stream: The file, positioned at the start of a record.
        line: The line number there.
        offset: The byte offset there.
        quoted: Whether quotes may hold line breaks (CSV).
        first: Whether the position is the start of the file.

    """

    def __init__(
        self, stream: IO[bytes], line: int, offset: int, *, quoted: bool, first: bool
    ) -> None:
        self.stream = stream
        self.line = line
        self.offset = offset
        self.quoted = quoted
        self.first = first
        self.buffer = bytearray()

    def __iter__(self) -> Iterator[Piece]:
        searched = quotes = 0
        while block := self.stream.read(PIECE_BYTES):
            self.buffer += block
            cut = self._cut(searched, quotes)
            if cut is None:
                quotes += self.buffer.count(b'"', searched)
                searched = len(self.buffer)
                continue

            yield self._take(cut)
            searched = quotes = 0

        if self.buffer:
            yield self._take(len(self.buffer))

    def _cut(self, searched: int, quotes: int) -> int | None:
        end = self.buffer.rfind(b"\n", searched)
        # A quote left open would hold the rest of the file: past a bound,
        # cut anyway, and the worker finds out if the cut was wrong.
        longest = _MOST_PIECES_UNCUT * PIECE_BYTES
        if not self.quoted or len(self.buffer) > longest:
            return end + 1 if end >= 0 else None

        # Walk back over the new bytes' line breaks to one outside quotes.
        before = quotes + self.buffer.count(b'"', searched, end)
        while end >= searched:
            if before % 2 == 0:
                return end + 1
            previous = self.buffer.rfind(b"\n", searched, end)
            before -= self.buffer.count(b'"', previous + 1, end)
            end = previous

        return None

    def _take(self, cut: int) -> Piece:
        data = bytes(self.buffer[:cut])
        del self.buffer[:cut]
        piece = Piece(data, self.line, self.offset, self.first)
        self.line += data.count(b"\n")
        self.offset += len(data)
        self.first = False
        return piece


class Resumed(io.RawIOBase):
    """Bytes already cut into pieces, then the rest of the stream, by line."""

    def __init__(self, held: bytes, stream: IO[bytes]) -> None:
        super().__init__()
        self._held = io.BytesIO(held)
        self._stream = stream

    def readable(self) -> bool:
        """Say that it is read from."""
        return True

    def readline(self, size: int | None = -1) -> bytes:
        """Read the next line, across the end of the held bytes."""
        line = self._held.readline()
        if line.endswith(b"\n"):
            return line

        return line + self._stream.readline()
