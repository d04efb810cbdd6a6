"""Decode a text file line by line, strictly, naming the line of any fault.

Decoding line by line keeps memory flat and lets an undecodable byte be
reported with its line; a whole-file decode could only give an offset.
Nothing is ever replaced: a byte that is not of the encoding stops the
read with an ``InputFileError``.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from typing import IO

from provisioning_schema.problems import InputFileError

LONGEST_LINE = 1_048_576
"""Characters in one physical line; a provisioning file's lines are short."""

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


class DecodedLines:
    """The lines of a stream, with their line endings, numbered from 1.

    A binary stream is decoded with ``encoding`` (UTF-8 with an optional
    byte order mark when it is ``None``); a text stream is taken as it is.
    ``bytes_read`` tells how far the reading has come. A piece of a file
    that starts after its first line is read with ``first=False`` (no byte
    order mark is looked for) and numbered from ``line`` and ``offset``,
    so its messages are the ones a read of the whole file gives. The lines
    can be iterated once, by several consumers in turn.
    """

    def __init__(
        self,
        source: str,
        stream: IO[bytes] | IO[str],
        encoding: str | None,
        *,
        first: bool = True,
        line: int = 0,
        offset: int = 0,
    ) -> None:
        self.source = source
        self.stream = stream
        self.encoding = encoding
        self.first = first
        self.line = line
        self.bytes_read = offset
        self._lines = self._numbered()

    def __iter__(self) -> Iterator[str]:
        return self._lines

    def _numbered(self) -> Iterator[str]:
        for text in self._texts():
            self.line += 1
            self._check(text)
            yield text

    def _texts(self) -> Iterator[str]:
        first = self.stream.readline()
        if isinstance(first, str):
            yield from self._text_stream(first)
            return

        if self.first:
            self._refuse_utf16(first)
        default = "utf-8-sig" if self.first else "utf-8"
        decoder = codecs.getincrementaldecoder(self.encoding or default)("strict")
        pending = ""
        chunk: bytes = first
        while chunk:
            pending += self._decode(decoder, chunk, pending)
            self.bytes_read += len(chunk)
            *complete, pending = pending.split("\n")
            for text in complete:
                yield text + "\n"
            chunk = self.stream.readline()  # type: ignore[assignment]  # a bytes stream

        pending += self._decode(decoder, b"", pending, final=True)
        if pending:
            yield pending

    def _text_stream(self, first: str) -> Iterator[str]:
        text = first.removeprefix("\ufeff") if self.first else first
        while text:
            self.bytes_read += len(text)
            yield text
            text = self.stream.readline()  # type: ignore[assignment]  # a text stream

    def _decode(
        self,
        decoder: codecs.IncrementalDecoder,
        chunk: bytes,
        pending: str,
        *,
        final: bool = False,
    ) -> str:
        try:
            return decoder.decode(chunk, final)
        except UnicodeDecodeError as exc:
            line = self.line + pending.count("\n") + 1
            offset = self.bytes_read + exc.start
            raise InputFileError(
                self.source, self._undecodable(chunk[exc.start], offset), line=line
            ) from None

    def _undecodable(self, byte: int, offset: int) -> str:
        if self.encoding is None:
            return (
                f"byte 0x{byte:02x} at offset {offset} is not UTF-8 (it may be "
                "cp1252 or Latin-1); save the file as UTF-8 or give its "
                "encoding, such as --encoding cp1252"
            )

        return f"byte 0x{byte:02x} at offset {offset} is not {self.encoding}"

    def _refuse_utf16(self, first: bytes) -> None:
        if self.encoding is None and first.startswith(_UTF16_BOMS):
            reason = "the file is UTF-16; save it as UTF-8 or pass --encoding utf-16"
            raise InputFileError(self.source, reason, line=1)

    def _check(self, text: str) -> None:
        if "\x00" in text:
            reason = (
                "the line holds a NUL character; the file may be binary or "
                "UTF-16 (give its encoding with --encoding)"
            )
            raise InputFileError(self.source, reason, line=self.line)

        if len(text) > LONGEST_LINE:
            reason = (
                f"the line has {len(text):,} characters; at most "
                f"{LONGEST_LINE:,} are read"
            )
            raise InputFileError(self.source, reason, line=self.line)
