"""Read a JSON file: a request body, one record, or an array of records.

The top level tells the three apart:

- an object with a ``records`` key is a request body; its records are
  checked, and so is the API's 1 to 10 records rule (but not by
  ``batch``, which exists to split long lists);
- any other object is one record;
- an array is a list of records, any number of them (a list longer than
  10 gets a note: it is sent in several requests).

A JSON document is read whole with the standard library, so a file is
refused above ``LONGEST_DOCUMENT`` bytes: JSONL and CSV are read as
streams and suit long files.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator
from typing import Any

from pydantic import ValidationError

from provisioning_schema._errors import rule_error
from provisioning_schema._reading import parse_json, read_whole
from provisioning_schema.problems import Problem, describe_errors
from provisioning_schema.readers._records import with_phones, without_reason
from provisioning_schema.readers._source import Loc, Reader, Row
from provisioning_schema.request import MAX_RECORDS, BatchProvisionUsersRequest

LONGEST_DOCUMENT = 16 * 2**20


class JsonReader(Reader):
    """A JSON document, read whole; rows are named by their index."""

    format = "json"
    row_label = "record"
    _name = "record {}"

    def rows(self) -> Iterator[Row]:
        """Parse the document, then give its records in order."""
        data = read_whole(self.path, self.source, self.stdin, limit=LONGEST_DOCUMENT)
        document = parse_json(self.source, data, encoding=self.options.encoding)
        self.bytes_read = len(data)

        if isinstance(document, dict) and "records" in document:
            yield from self._request(document)
        elif isinstance(document, dict):
            self._suggest_records(document)
            yield self._record(document, 0, ())
        elif isinstance(document, list):
            yield from self._list(document)
        else:
            rule = (
                "The file must hold a request body, one record or an array of records"
            )
            error = rule_error("object_expected", rule, document, redact=self._redact)
            self.problems.append(Problem(None, "", "object_expected", error.message()))

    def name_of(self, number: int) -> str:
        """Name a record as its place in the document."""
        return self._name.format(number)

    @property
    def _redact(self) -> bool:
        return self.options.redact

    def _suggest_records(self, record: dict[str, Any]) -> None:
        # A request body with its key misspelt would be read as one record.
        for key in record:
            if difflib.get_close_matches(key.lower(), ["records"], cutoff=0.8):
                self.notes.append(
                    f"the key {json.dumps(key)} is read as a field of one record; "
                    'did you mean "records", for a request body?'
                )
                return

    def _record(self, raw: object, index: int, loc: Loc) -> Row:
        data, _ = without_reason(raw)
        row = Row(index, data, raw, loc, structured=True)
        row.data, row.changes = with_phones(data, self.options)
        return row

    def _request(self, body: dict[str, Any]) -> Iterator[Row]:
        self._name = "records[{}]"
        records = body["records"]
        self.problems.extend(self._body_problems(body, records))
        if not isinstance(records, list):
            return

        if not records and not self.options.count_rule:
            # The 1 to 10 rule is off (batch), but an empty file is no batch.
            self._no_records()

        for index, raw in enumerate(records):
            yield self._record(raw, index, ("records", index))

    def _body_problems(self, body: dict[str, Any], records: object) -> list[Problem]:
        # The request model states the body's own rules; its records are
        # stood in for by nulls here, and checked one by one as rows.
        count = len(records) if isinstance(records, list) else 0
        counted = self.options.count_rule and not 1 <= count <= MAX_RECORDS
        stand_in: list[object] = [None] * count if counted else [{}]
        shell = {**body, "records": stand_in if isinstance(records, list) else records}
        context = {"wire_names_only": True, "redact": self._redact}
        try:
            BatchProvisionUsersRequest.model_validate(shell, context=context)
        except ValidationError as exc:
            problems = describe_errors(exc, redact=self._redact)
            return [p for p in problems if p.record is None]

        return []

    def _list(self, records: list[Any]) -> Iterator[Row]:
        self._name = "record {}"
        if not records:
            self._no_records()
            return

        if len(records) > MAX_RECORDS:
            requests = -(-len(records) // MAX_RECORDS)
            self.notes.append(
                f"{len(records)} records: the API takes at most {MAX_RECORDS} "
                f"per request, so send them in {requests} requests"
            )
        for index, raw in enumerate(records):
            yield self._record(raw, index, (index,))
