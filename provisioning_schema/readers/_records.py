"""Changes a reader of JSON records makes: the rejects' reason, phone numbers."""

from __future__ import annotations

import copy
from typing import Any

from provisioning_schema.problems import Located
from provisioning_schema.readers import _normalize
from provisioning_schema.readers._columns import REASON_COLUMN
from provisioning_schema.readers._source import ReadOptions

_PHONES = (
    ("contact", "mobileNumber"),
    ("devices", 0, "deviceInfo", "phoneInfo", "phoneNumber"),
)


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
