"""Changes a reader of JSON records makes: the rejects' reason, phone numbers."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from typing import Any

from provisioning_schema.problems import Located
from provisioning_schema.readers import _normalize
from provisioning_schema.readers._columns import REASON_COLUMN
from provisioning_schema.readers._source import ReadOptions

_PHONES = (
    ("contact", "mobileNumber"),
    ("devices", 0, "deviceInfo", "phoneInfo", "phoneNumber"),
)


@dataclass(frozen=True)
class RawRecord:
    """A JSON record as the rejects file writes it, without its old reason.

    Flat text, so that a worker sends any record back, however deep.

    Attributes:
        text: The record as JSON text.
        is_object: Whether the record is an object (else it is kept whole).

    """

    text: str
    is_object: bool


def raw_record(record: object) -> RawRecord:
    """Write a record as JSON text, for a rejects file."""
    rest, _ = without_reason(record)
    return RawRecord(json_text(rest), isinstance(rest, dict))


def json_text(value: object) -> str:
    """Write ``value`` as JSON, keeping its characters unless UTF-8 has none."""
    text = json.dumps(value, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate (from an escape such as \ud800) has no UTF-8 form.
        return json.dumps(value)

    return text


def without_reason(record: object) -> tuple[object, bool]:
    """Drop the reason a rejects file gives a record, so it can be checked again."""
    if isinstance(record, dict) and REASON_COLUMN in record:
        return {k: v for k, v in record.items() if k != REASON_COLUMN}, True

    return record, False


def with_phones(record: object, options: ReadOptions) -> tuple[object, list[Located]]:
    """Turn national phone numbers into E.164 when a region is given."""
    if options.region is None or not isinstance(record, dict):
        return record, []

    # A copy: the rejects file keeps what the file says.
    record = copy.deepcopy(record)
    changes: list[Located] = []
    for loc in _PHONES:
        parent = _parent(record, loc)
        text = parent.get(loc[-1]) if parent is not None else None
        if parent is None or not isinstance(text, str):
            continue

        value, found = _normalize.phone(
            text, loc, options.region, redact=options.redact
        )
        if found:
            parent[str(loc[-1])] = value
            changes.extend(found)

    return record, changes


def _parent(
    record: dict[str, Any], loc: tuple[str | int, ...]
) -> dict[str, Any] | None:
    node: Any = record
    for step in loc[:-1]:
        if isinstance(step, int):
            node = node[step] if isinstance(node, list) and len(node) > step else None
        else:
            node = node.get(step) if isinstance(node, dict) else None
        if node is None:
            return None

    return node if isinstance(node, dict) else None
