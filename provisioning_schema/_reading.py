"""Read a JSON file of records and check every record in it.

A file holds one of three documents, told apart by its top level:

- an object with a ``records`` key is a request body, checked as
  ``BatchProvisionUsersRequest`` (1 to 10 records, as the API takes them);
- any other object is one record, checked as ``BatchProvisionUsersRequestItem``;
- an array is a list of records, each checked as a record, with the rules
  across records (unique extension numbers and login emails) run over the
  whole list. A list may hold more than 10 records: it is a file to be sent
  in several requests, so its length is a note, not a problem.

Files are the wire, so only camelCase wire names are accepted. A file that
cannot be read as UTF-8 JSON raises ``InputFileError``; a file that can is
always checked to the end, collecting every problem.
"""

from __future__ import annotations

import codecs
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from pydantic import ValidationError

from provisioning_schema._errors import rule_error
from provisioning_schema.options import ValidationOptions
from provisioning_schema.problems import (
    InputFileError,
    Problem,
    describe_errors,
)
from provisioning_schema.request import (
    MAX_RECORDS,
    BatchProvisionUsersRequest,
    check_records,
)

STDIN = "-"
STDIN_NAME = "<stdin>"

# CPython's default limit for turning digits into an int; no field of the API
# is a number, so a longer one can only be a damaged file.
_LONGEST_NUMBER = 4300


@dataclass(frozen=True)
class CheckedFile:
    """The verdict on one file: how many records it holds and what is wrong."""

    source: str
    records: int
    problems: tuple[Problem, ...]
    notes: tuple[str, ...] = ()

    @property
    def valid(self) -> bool:
        """Whether the file has no problem at all."""
        return not self.problems

    @property
    def invalid_records(self) -> int:
        """How many records have at least one problem."""
        return len({p.record for p in self.problems if p.record is not None})


def check_file(
    source: str, stdin: IO[str] | IO[bytes], options: ValidationOptions
) -> CheckedFile:
    """Read the file ``source`` (``-`` for ``stdin``) and check its records.

    Raises:
        InputFileError: the file cannot be read, is not UTF-8, or is not JSON.

    """
    name = STDIN_NAME if source == STDIN else source
    document = parse_json(name, _read(source, name, stdin))
    return check_document(name, document, options)


def check_document(
    source: str, document: object, options: ValidationOptions
) -> CheckedFile:
    """Check a parsed JSON document, taking wire names only."""
    context: dict[str, Any] = {**options, "wire_names_only": True}
    redact = bool(options.get("redact", False))

    if isinstance(document, dict) and "records" in document:
        return _check_request(source, document, context, redact=redact)

    if isinstance(document, dict):
        problems = _check_records([document], context, within=False, redact=redact)
        return CheckedFile(source, 1, tuple(problems))

    if isinstance(document, list):
        return _check_list(source, document, context, redact=redact)

    rule = "The file must hold a request body, one record or an array of records"
    message = rule_error("object_expected", rule, document, redact=redact).message()
    problem = Problem(record=None, path="", type="object_expected", message=message)
    return CheckedFile(source, 0, (problem,))


def parse_json(source: str, data: str | bytes) -> object:
    """Parse a whole file as strict JSON.

    Raises:
        InputFileError: the bytes are not UTF-8, or the text is not JSON,
            repeats a key in an object, holds ``NaN`` or ``Infinity``, holds
            a number too long to read, or nests too deeply to read.

    """
    text = _decode(source, data) if isinstance(data, bytes) else data
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise InputFileError(source, "the file is empty; expected a JSON document")

    try:
        return json.loads(
            text,
            parse_int=_read_int,
            parse_float=_read_float,
            parse_constant=_refuse_constant,
            object_pairs_hook=_unique_keys,
        )
    except json.JSONDecodeError as exc:
        reason = f"not valid JSON: {exc.msg}"
        raise InputFileError(
            source, reason, line=exc.lineno, column=exc.colno
        ) from None
    except _RefusedTokenError as exc:
        line, column = _locate(text, exc.token)
        raise InputFileError(source, exc.reason, line=line, column=column) from None
    except RecursionError:
        reason = "the JSON nests arrays or objects too deeply to read"
        raise InputFileError(source, reason) from None


def _read(source: str, name: str, stdin: IO[str] | IO[bytes]) -> str | bytes:
    if source == STDIN:
        # Read stdin's bytes when there are any, so the decoding is ours.
        stream: IO[str] | IO[bytes] = getattr(stdin, "buffer", stdin)
        try:
            return stream.read()
        except UnicodeDecodeError as exc:
            raise InputFileError(name, f"not UTF-8: {exc.reason}") from None

    try:
        return Path(source).read_bytes()
    except OSError as exc:
        raise InputFileError(name, f"cannot read the file: {exc.strerror}") from None


def _decode(source: str, data: bytes) -> str:
    encoding = json.detect_encoding(data)
    if encoding not in ("utf-8", "utf-8-sig"):
        reason = f"the file is {encoding.upper()}; save it as UTF-8"
        raise InputFileError(source, reason, line=1)

    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = bom + exc.start
        line = data.count(b"\n", 0, offset) + 1
        reason = (
            f"byte 0x{data[offset]:02x} at offset {offset} is not UTF-8 "
            "(it may be cp1252 or Latin-1); save the file as UTF-8"
        )
        raise InputFileError(source, reason, line=line) from None


class _RefusedTokenError(Exception):
    """Stops parsing at a token that is valid Python input but not usable JSON."""

    def __init__(self, token: str | None, reason: str):
        super().__init__(reason)
        self.token = token
        self.reason = reason


def _read_int(token: str) -> int:
    _check_number_length(token)
    try:
        return int(token)
    except ValueError:
        # The interpreter's own digit limit may be lower than ours.
        raise _RefusedTokenError(token, _too_long(token)) from None


def _read_float(token: str) -> float:
    _check_number_length(token)
    value = float(token)
    if math.isinf(value):
        reason = f"the number {token[:20]} is too large for a double"
        raise _RefusedTokenError(token, reason)

    return value


def _check_number_length(token: str) -> None:
    if len(token) > _LONGEST_NUMBER:
        raise _RefusedTokenError(token, _too_long(token))


def _too_long(token: str) -> str:
    return f"a number has {len(token)} characters; at most {_LONGEST_NUMBER} are read"


def _refuse_constant(token: str) -> object:
    raise _RefusedTokenError(token, f"{token} is not JSON; write a string or a number")


def _unique_keys(pairs: Sequence[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) == len(pairs):
        return result

    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            # Unlocated: the same key is usually in every record of the file.
            reason = f"the key {json.dumps(key)} appears twice in one object"
            raise _RefusedTokenError(None, reason)
        seen.add(key)

    return result


def _locate(text: str, token: str | None) -> tuple[int | None, int | None]:
    """Find the line and column of a refused token, if it can be told apart."""
    if token is None:
        return None, None

    match = re.search(rf"(?<![\w.+\-]){re.escape(token)}(?![\w.])", text)
    if match is None:
        return None, None

    start = match.start()
    line = text.count("\n", 0, start) + 1
    return line, start - text.rfind("\n", 0, start)


def _check_request(
    source: str, body: dict[str, Any], context: dict[str, Any], *, redact: bool
) -> CheckedFile:
    records = body["records"]
    count = len(records) if isinstance(records, list) else 0
    try:
        BatchProvisionUsersRequest.model_validate(body, context=context)
    except ValidationError as exc:
        return CheckedFile(source, count, tuple(describe_errors(exc, redact=redact)))

    return CheckedFile(source, count, ())


def _check_list(
    source: str, records: list[Any], context: dict[str, Any], *, redact: bool
) -> CheckedFile:
    if not records:
        rule = "A file of records must hold at least one record"
        problem = Problem(record=None, path="", type="records_count", message=rule)
        return CheckedFile(source, 0, (problem,))

    problems = _check_records(records, context, within=True, redact=redact)
    notes: tuple[str, ...] = ()
    if len(records) > MAX_RECORDS:
        requests = -(-len(records) // MAX_RECORDS)
        notes = (
            f"{len(records)} records: the API takes at most {MAX_RECORDS} "
            f"per request, so send them in {requests} requests",
        )

    return CheckedFile(source, len(records), tuple(problems), notes)


def _check_records(
    records: list[Any], context: dict[str, Any], *, within: bool, redact: bool
) -> list[Problem]:
    """Check each record, with the rules across records over all of them.

    ``within`` says the records are items of the document (a bare array), so
    their index starts every path; a lone record's paths start at its keys.
    """
    problems: list[Problem] = []
    for checked in check_records(records, context, name_of="record {}".format):
        if not checked.errors:
            continue

        error = ValidationError.from_exception_data("record", checked.errors)
        prefix = (checked.index,) if within else ()
        problems.extend(
            describe_errors(error, record=checked.index, within=prefix, redact=redact)
        )

    return problems
