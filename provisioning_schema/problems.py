"""Validation problems as plain data, and the error for unreadable input.

A ``Problem`` names where something is wrong by its wire path: the location
of the value inside the JSON document that was checked, written the way a
reader of the file finds it. Keys are joined with dots and array indexes
are bracketed, so a request body gives ``records[3].contact.mobileNumber``,
a file holding a bare array of records gives ``[3].contact.mobileNumber``
and a file holding one record gives ``contact.mobileNumber``. A key that is
not a plain name (``first name``, ``a.b``) is written as a quoted index,
``contact["first name"]``. The empty path is the whole document.

Example:
    >>> from pydantic import ValidationError
    >>> from provisioning_schema import BatchProvisionUsersRequest
    >>> body = {"records": [{"status": "Enabled", "contact": {"emial": "x"}}]}
    >>> try:
    ...     BatchProvisionUsersRequest.model_validate(body)
    ... except ValidationError as error:
    ...     problem = describe_errors(error)[0]
    >>> problem.record, problem.path, problem.type
    (0, 'records[0].contact.emial', 'unknown_field')

"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from pydantic import ValidationError

from provisioning_schema._errors import _PYDANTIC_ERROR_TYPES, show_value

__all__ = [
    "InputFileError",
    "Located",
    "MaskedKey",
    "Problem",
    "describe_errors",
    "locate_errors",
    "wire_path",
]

_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SHOWN_KEY = re.compile(r"[A-Za-z0-9_.]+")


class MaskedKey(str):
    """A key left out of a redacted path: it may be a person's data."""

    __slots__ = ()


_MASKED = MaskedKey("<key>")


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a document, ready to report.

    Attributes:
        record: Index of the record the problem is in, or ``None`` when it
            concerns the document as a whole (such as too many records).
        path: Wire path of the wrong value, from the root of the document.
        type: Stable snake_case error type, such as ``e164_format``.
        message: What is right and, unless redacted, what came instead.
        row: Where the file puts the record, when it is known: the line
            of a CSV or JSONL file, the index in a JSON document.

    """

    record: int | None
    path: str
    type: str
    message: str
    row: int | None = None


class Located(NamedTuple):
    """One error of a record, located inside the record (plain, picklable)."""

    loc: tuple[str | int, ...]
    type: str
    message: str


class InputFileError(ValueError):
    """A file that cannot be read as a JSON document.

    Its message is one line, ``source:line:column: reason``, with the line
    and column left out when they are not known.

    Attributes:
        source: The file name as given, or ``<stdin>``.
        line: The 1-based line of the problem, when it is known.
        column: The 1-based column of the problem, when it is known.
        reason: What is wrong, without the file name.

    """

    def __init__(
        self,
        source: str,
        reason: str,
        *,
        line: int | None = None,
        column: int | None = None,
    ):
        self.source = source
        self.line = line
        self.column = column
        self.reason = reason
        where = [str(part) for part in (source, line, column) if part is not None]
        super().__init__(f"{':'.join(where)}: {reason}")


def wire_path(loc: Sequence[str | int]) -> str:
    """Write a Pydantic error location as a wire path.

    Example:
        >>> wire_path(("records", 3, "contact", "mobileNumber"))
        'records[3].contact.mobileNumber'

    """
    parts: list[str] = []
    for step in loc:
        if isinstance(step, int):
            parts.append(f"[{step}]")
        elif isinstance(step, MaskedKey) or _PLAIN_KEY.fullmatch(step):
            parts.append(f".{step}" if parts else step)
        else:
            parts.append(f"[{json.dumps(step)}]")

    return "".join(parts)


def describe_errors(
    error: ValidationError,
    *,
    record: int | None = None,
    within: Sequence[str | int] = (),
    redact: bool = False,
) -> list[Problem]:
    """Turn a ``ValidationError`` into problems, one per error, in order.

    Args:
        error: The error raised by validating a request, a record or a part.
        record: The index of the record that was validated, when ``error``
            comes from validating a single record. Otherwise the record is
            read from the location: ``("records", 3, ...)`` or ``(3, ...)``.
        within: Where the validated object sits in the document; it is put
            in front of every path, such as ``(3,)`` for the fourth record
            of a bare array.
        redact: Leave input values out of the messages. Messages of this
            package's own error types already follow the validation context;
            this adds ``"; got <value>"`` to Pydantic's own messages only
            when it is ``False``. When it is ``True``, a key made of other
            characters than letters, digits, dots and underscores (it may
            be an email) is shown as ``<key>``: ``contact.<key>``.

    """
    problems = []
    for located in locate_errors(error, redact=redact):
        loc = (*within, *located.loc)
        problems.append(
            Problem(
                record=_record_of(loc) if record is None else record,
                path=wire_path(loc),
                type=located.type,
                message=located.message,
            )
        )

    return problems


def locate_errors(error: ValidationError, *, redact: bool = False) -> list[Located]:
    """Each error's location, type and message, in order (see ``describe_errors``)."""
    located = []
    for details in error.errors():
        message = details["msg"]
        if not redact and _shows_input(details["type"]):
            message = f"{message}; got {show_value(details['input'])}"

        loc = tuple(details["loc"])
        if redact:
            loc = tuple(_masked(step) for step in loc)
        located.append(Located(loc, details["type"], message))

    return located


def _masked(step: str | int) -> str | int:
    # A key that is not shaped like a field name may be an email or a phone.
    if isinstance(step, str) and not _SHOWN_KEY.fullmatch(step):
        return _MASKED

    return step


def _shows_input(error_type: str) -> bool:
    # A "missing" error's input is the parent object, not the absent value.
    return error_type in _PYDANTIC_ERROR_TYPES and error_type != "missing"


def _record_of(loc: tuple[str | int, ...]) -> int | None:
    if loc[:1] == ("records",):
        loc = loc[1:]

    if loc and isinstance(loc[0], int):
        return loc[0]

    return None
