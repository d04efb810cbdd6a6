"""What the command does differently on a terminal, and how it opens readers.

Colour goes to stdout only when it is a terminal and ``NO_COLOR`` is
unset; a progress bar goes to stderr only when stderr is a terminal.
Pipes and files get plain, deterministic text.
"""

from __future__ import annotations

import argparse
import os
import time
from types import TracebackType
from typing import IO, Any, TextIO

from provisioning_schema.readers import Reader, ReadOptions, open_reader

_EVERY = 0.2  # seconds between updates of the progress bar
_WIDTH = 30


def wants_colour(stream: TextIO) -> bool:
    """Whether to colour what goes to ``stream``."""
    return _is_terminal(stream) and "NO_COLOR" not in os.environ


def reader_for(
    path: str, stdin: IO[str] | IO[bytes] | Any, args: argparse.Namespace
) -> Reader:
    """Open the reader the command line asks for."""
    options = ReadOptions(
        encoding=args.encoding,
        region=args.default_region,
        redact=args.redact,
        count_rule=args.command != "batch",
    )
    return open_reader(path, stdin, options, args.input_format)


class Progress:
    """A one-line progress bar on stderr, drawn only on a terminal."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.enabled = _is_terminal(stream)
        self._last = 0.0
        self._drawn = False

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()

    def show(self, reader: Reader, rows: int) -> None:
        """Redraw the bar, at most a few times a second."""
        now = time.monotonic()
        if not self.enabled or now - self._last < _EVERY:
            return

        self._last = now
        self._drawn = True
        text = f"{reader.source}: {rows:,} rows"
        if reader.total_bytes:
            done = min(reader.bytes_read / reader.total_bytes, 1.0)
            filled = int(done * _WIDTH)
            bar = "#" * filled + "-" * (_WIDTH - filled)
            text = f"[{bar}] {done:4.0%} {text}"
        self.stream.write(f"\r\x1b[K{text}")
        self.stream.flush()


def _is_terminal(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
