"""Read a JSONL file: one record a line, each line strict JSON."""

from __future__ import annotations

from collections.abc import Iterator

from provisioning_schema._reading import parse_json
from provisioning_schema.problems import InputFileError
from provisioning_schema.readers._lines import DecodedLines
from provisioning_schema.readers._records import with_phones, without_reason
from provisioning_schema.readers._source import Reader, Row


class JsonLinesReader(Reader):
    """JSON Lines: each non-blank line holds one record."""

    format = "jsonl"

    def rows(self) -> Iterator[Row]:
        """Read each line as a record; a line that is not JSON stops the read."""
        blank = reasons = records = 0
        with self._binary() as stream:
            lines = DecodedLines(self.source, stream, self.options.encoding)
            for text in lines:
                self.bytes_read = lines.bytes_read
                if not text.strip():
                    blank += 1
                    continue

                original = parse_json(self.source, text, first_line=lines.line)
                data, had_reason = without_reason(original)
                reasons += had_reason
                row = Row(lines.line, data, original)
                row.data, row.changes = with_phones(data, self.options)
                records += 1
                yield row

        if not records:
            reason = "the file is empty; expected one JSON record a line"
            raise InputFileError(self.source, reason)
        if blank:
            self.notes.append(f"{blank} blank line(s) skipped")
        if reasons:
            self.notes.append(f"the _reason member of {reasons} record(s) is skipped")
