"""Read a JSONL file: one record a line, each line strict JSON."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from provisioning_schema._reading import parse_json
from provisioning_schema.problems import InputFileError, wire_path
from provisioning_schema.readers._line_reader import LineReader, LineRows
from provisioning_schema.readers._lines import DecodedLines
from provisioning_schema.readers._records import with_phones, without_reason
from provisioning_schema.readers._source import Loc, Row
from provisioning_schema.readers._split import Tally


class JsonLinesReader(LineReader):
    """JSON Lines: each non-blank line holds one record."""

    format = "jsonl"

    def finish(self, tally: Tally) -> None:
        """Refuse a file without records; note the lines and members skipped.

        Raises:
            InputFileError: the file holds no record.

        """
        if not tally.records:
            reason = "the file is empty; expected one JSON record a line"
            raise InputFileError(self.source, reason)
        if tally.blank:
            self.notes.append(f"{tally.blank} blank line(s) skipped")
        if tally.reasons:
            self.notes.append(
                f"the _reason member of {tally.reasons} record(s) is skipped"
            )

    def _start(self, lines: DecodedLines) -> JsonLineRows:
        return JsonLineRows(self.source, self.options)


@dataclass(frozen=True)
class JsonLineRows(LineRows):
    """Reads each line as a record; a line that is not JSON stops the read."""

    def rows(self, lines: DecodedLines, tally: Tally, *, final: bool) -> Iterator[Row]:
        """Read each non-blank line as a record."""
        for text in lines:
            if not text.strip():
                tally.blank += 1
                continue

            original = parse_json(self.source, text, first_line=lines.line)
            data, had_reason = without_reason(original)
            tally.reasons += had_reason
            row = Row(lines.line, data, original, structured=True)
            row.data, row.changes = with_phones(data, self.options)
            tally.records += 1
            yield row

    def path_of(self, loc: Loc) -> str:
        """Locations are wire paths inside the record."""
        return wire_path(loc)
