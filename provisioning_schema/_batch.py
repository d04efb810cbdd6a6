"""Write a checked file as API-ready request bodies, and its rejects.

Request bodies hold at most 10 records each, in file order, in wire JSON
(``request-000001.json``, ...). They are written to a hidden folder in the
output folder and moved into place only at the end, and only when every
record is valid or invalid ones are to be skipped; otherwise nothing is
left behind. With ``skip_invalid``, each invalid record goes to the
rejects file, in the input's format, with its reason first (a ``_reason``
column or member) and the person's data as the file gave it, so that it
can be fixed and checked again. Every record is either in a request or
in the rejects file.
"""

from __future__ import annotations

import csv
import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from provisioning_schema._checking import Verdict
from provisioning_schema.readers import REASON_COLUMN, Reader
from provisioning_schema.readers._records import RawRecord, json_text, raw_record
from provisioning_schema.request import MAX_RECORDS

REQUEST_NAME = "request-{:06d}.json"
REJECTS_NAME = "rejects.{}"


class OutputFolderError(ValueError):
    """The output folder cannot be used."""


@dataclass(frozen=True)
class BatchResult:
    """What a batch run wrote."""

    requests: int
    valid: int
    rejected: int
    rejects_file: Path | None


class BatchWriter:
    """Collects checked rows into request files and a rejects file."""

    def __init__(self, folder: Path, reader: Reader) -> None:
        self.folder = folder
        self.reader = reader
        self._prepare(folder)
        try:
            self._staging = Path(tempfile.mkdtemp(prefix=".batch-", dir=folder))
        except OSError as exc:
            raise OutputFolderError(
                f"{folder}: cannot write in it: {exc.strerror}"
            ) from None
        self._pending: list[dict[str, Any]] = []
        self._requests = 0
        self._valid = 0
        self._rejected = 0
        self._rejects: _Rejects | None = None

    def add(self, verdict: Verdict, reason: str) -> None:
        """Take one checked row: into a request if valid, else a reject."""
        if verdict.wire is not None and not verdict.problems:
            self._pending.append(verdict.wire)
            self._valid += 1
            if len(self._pending) == MAX_RECORDS:
                self._flush()
            return

        if self._rejects is None:
            self._rejects = _Rejects(self._staging, self.reader)
        self._rejects.add(verdict.original, reason)
        self._rejected += 1

    def commit(self) -> BatchResult:
        """Move everything written into the output folder."""
        self._flush()
        rejects = None
        if self._rejects is not None:
            rejects = self.folder / self._rejects.close()
        for written in sorted(self._staging.iterdir()):
            written.replace(self.folder / written.name)
        self._staging.rmdir()
        return BatchResult(self._requests, self._valid, self._rejected, rejects)

    def discard(self) -> None:
        """Leave nothing behind."""
        if self._rejects is not None:
            self._rejects.close()
        shutil.rmtree(self._staging, ignore_errors=True)

    def _flush(self) -> None:
        if not self._pending:
            return

        self._requests += 1
        body = json.dumps({"records": self._pending}, indent=2, ensure_ascii=False)
        path = self._staging / REQUEST_NAME.format(self._requests)
        path.write_text(body + "\n", encoding="utf-8")
        self._pending = []

    @staticmethod
    def _prepare(folder: Path) -> None:
        if folder.exists() and not folder.is_dir():
            raise OutputFolderError(f"{folder}: is a file, not a folder")

        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputFolderError(
                f"{folder}: cannot create: {exc.strerror}"
            ) from None

        taken = sorted(
            path.name
            for path in folder.iterdir()
            if path.name.startswith(("request-", "rejects."))
        )
        if taken:
            raise OutputFolderError(
                f"{folder}: already holds {taken[0]}; give an empty or new folder"
            )


class _Rejects:
    """The rejects file, written as rows come, in the input's format."""

    def __init__(self, folder: Path, reader: Reader):
        self.input_format = reader.format
        self.name = REJECTS_NAME.format(reader.format)
        path = folder / self.name
        self.file: IO[str] = path.open("w", encoding="utf-8", newline="")
        self.count = 0
        header = list(reader.header or [])
        # A rejects file checked again: its old reasons give way to the new.
        self.old_reason = (
            header.index(REASON_COLUMN) if REASON_COLUMN in header else None
        )
        if self.old_reason is not None:
            del header[self.old_reason]
        if self.input_format == "csv":
            self.writer = csv.writer(self.file, lineterminator="\n")
            self.writer.writerow([REASON_COLUMN, *header])
        elif self.input_format == "json":
            self.file.write("[")

    def add(self, original: object, reason: str) -> None:
        self.count += 1
        if self.input_format == "csv":
            cells = list(original) if isinstance(original, list) else [str(original)]
            if self.old_reason is not None and self.old_reason < len(cells):
                del cells[self.old_reason]
            self.writer.writerow([reason, *cells])
            return

        line = _with_reason(original, reason)
        if self.input_format == "json":
            self.file.write(("\n  " if self.count == 1 else ",\n  ") + line)
        else:
            self.file.write(line + "\n")

    def close(self) -> str:
        if self.input_format == "json" and not self.file.closed:
            self.file.write("\n]\n")
        self.file.close()
        return self.name


def _with_reason(original: object, reason: str) -> str:
    """Write a JSON record with its reason first, as ``json.dumps`` would."""
    raw = original if isinstance(original, RawRecord) else raw_record(original)
    head = f"{{{json.dumps(REASON_COLUMN)}: {json_text(reason)}"
    if not raw.is_object:
        # Not a record at all: kept whole, beside the reason.
        return f'{head}, "_value": {raw.text}}}'

    if raw.text == "{}":
        return head + "}"

    return f"{head}, {raw.text[1:]}"
