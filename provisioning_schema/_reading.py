"""Read whole JSON documents strictly, and read a file's bytes.

JSON files and each line of a JSONL file are parsed here: strict JSON,
UTF-8 (with or without a byte order mark) unless an encoding is given.
Anything that is valid Python input but not usable JSON (``NaN``, a
number longer than 4300 digits, a key repeated in one object, nesting too
deep to read) raises ``InputFileError`` naming the line, as does text
that is not JSON at all.
"""

from __future__ import annotations

import codecs
import json
import math
import re
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from provisioning_schema.problems import InputFileError

STDIN = "-"
STDIN_NAME = "<stdin>"
CLOSED_STDIN = "cannot read stdin: it is closed"

# CPython's default limit for turning digits into an int; no field of the API
# is a number, so a longer one can only be a damaged file.
_LONGEST_NUMBER = 4300


def parse_json(
    source: str,
    data: str | bytes,
    *,
    encoding: str | None = None,
    first_line: int | None = None,
) -> object:
    """Parse a whole file, or one line of a JSONL file, as strict JSON.

    Args:
        source: The file's name, for error messages.
        data: The document, as bytes or as text.
        encoding: How to decode bytes; UTF-8 with an optional BOM if ``None``.
        first_line: The file's line number of the text's first line, for
            one line of a JSONL file.

    Raises:
        InputFileError: the bytes are not UTF-8, or the text is not JSON,
            repeats a key in an object, holds ``NaN`` or ``Infinity``, holds
            a number too long to read, or nests too deeply to read.

    """
    text = _decode(source, data, encoding) if isinstance(data, bytes) else data
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise InputFileError(source, "the file is empty; expected a JSON document")

    shift = (first_line or 1) - 1

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
            source, reason, line=exc.lineno + shift, column=exc.colno
        ) from None
    except _RefusedTokenError as exc:
        line, column = _locate(text, exc.token)
        if line is None:
            line = first_line
        elif line is not None:
            line += shift
        raise InputFileError(source, exc.reason, line=line, column=column) from None
    except RecursionError:
        reason = "the JSON nests arrays or objects too deeply to read"
        raise InputFileError(source, reason, line=first_line) from None


def read_whole(
    source: str, name: str, stdin: IO[str] | IO[bytes] | None, *, limit: int
) -> str | bytes:
    """Read a whole file (``-`` is ``stdin``), refusing one over ``limit`` bytes.

    Raises:
        InputFileError: the file cannot be read or is too long.

    """
    data = _read(source, name, stdin, limit + 1)
    if len(data) > limit:
        reason = (
            f"the file is over {limit // 2**20} MiB, too long to read as one "
            "JSON document; write it as JSONL (one record a line) or CSV"
        )
        raise InputFileError(name, reason)

    return data


def _read(
    source: str, name: str, stdin: IO[str] | IO[bytes] | None, size: int
) -> str | bytes:
    if source == STDIN:
        if stdin is None:
            raise InputFileError(name, CLOSED_STDIN)
        # Read stdin's bytes when there are any, so the decoding is ours.
        stream: IO[str] | IO[bytes] = getattr(stdin, "buffer", stdin)
        try:
            return stream.read(size)
        except UnicodeDecodeError as exc:
            raise InputFileError(name, f"not UTF-8: {exc.reason}") from None

    try:
        with Path(source).open("rb") as file:
            return file.read(size)
    except OSError as exc:
        raise InputFileError(name, f"cannot read the file: {exc.strerror}") from None


def _decode(source: str, data: bytes, given: str | None) -> str:
    if given is not None:
        return _decode_as(source, data, given)

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


def _decode_as(source: str, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        reason = (
            f"byte 0x{data[exc.start]:02x} at offset {exc.start} is not "
            f"{encoding}: {exc.reason}"
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
    """Find the line and column of a refused token, if it can be told apart.

    Strings are stepped over, so ``"NaN Smith"`` is not taken for ``NaN``:
    the parser stops at the first such token outside a string.
    """
    if token is None:
        return None, None

    pattern = rf'"(?:[^"\\]|\\.)*"|(?<![\w.+\-]){re.escape(token)}(?![\w.])'
    for match in re.finditer(pattern, text):
        if match.group().startswith('"'):
            continue

        start = match.start()
        line = text.count("\n", 0, start) + 1
        return line, start - text.rfind("\n", 0, start)

    return None, None
