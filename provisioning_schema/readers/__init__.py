"""Readers of provisioning files: CSV, JSONL and JSON, told apart by extension.

Example:
    >>> reader = open_reader("staff.csv", None, ReadOptions(region="US"))
    >>> reader.format
    'csv'

"""

from __future__ import annotations

from pathlib import PurePath
from typing import IO, Any

from provisioning_schema.readers._columns import REASON_COLUMN, known_columns
from provisioning_schema.readers._csv import CsvReader
from provisioning_schema.readers._json import LONGEST_DOCUMENT, JsonReader
from provisioning_schema.readers._jsonl import JsonLinesReader
from provisioning_schema.readers._source import (
    STDIN,
    STDIN_NAME,
    Reader,
    ReadOptions,
    Row,
)

__all__ = [
    "FORMATS",
    "LONGEST_DOCUMENT",
    "REASON_COLUMN",
    "STDIN",
    "STDIN_NAME",
    "ReadOptions",
    "Reader",
    "Row",
    "format_of",
    "open_reader",
    "template_header",
]

_READERS: dict[str, type[Reader]] = {
    "csv": CsvReader,
    "jsonl": JsonLinesReader,
    "json": JsonReader,
}
FORMATS = tuple(_READERS)
_EXTENSIONS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json"}


def format_of(path: str) -> str:
    """Tell the format from the extension; JSON for stdin and anything else."""
    return _EXTENSIONS.get(PurePath(path).suffix.lower(), "json")


def open_reader(
    path: str,
    stdin: IO[str] | IO[bytes] | Any,
    options: ReadOptions,
    input_format: str | None = None,
) -> Reader:
    """Open ``path`` (``-`` is stdin) as ``input_format``, or by its extension."""
    reader = _READERS[input_format or format_of(path)]
    return reader(path, stdin, options)


def template_header() -> str:
    """Write a CSV header line naming every column, in the models' order."""
    return ",".join(known_columns()) + "\n"
