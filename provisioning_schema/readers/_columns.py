"""CSV columns: every wire path a record has, and the header that names them.

A column is named by the wire path of one value, with dots between steps
and ``0`` for the only item of ``roles`` and ``devices``:
``contact.firstName``, ``roles.0.id``, ``devices.0.deviceInfo.type``.
The columns are read from the models, so they follow any change to them.
"""

from __future__ import annotations

import difflib
import types
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from provisioning_schema._base import wire_name
from provisioning_schema.request import BatchProvisionUsersRequestItem

Loc = tuple[str | int, ...]
Kind = Literal["text", "boolean", "phone"]

REASON_COLUMN = "_reason"
"""The column (or member) a rejects file adds; readers skip it."""

_PHONE_FIELDS = frozenset({"mobileNumber", "phoneNumber"})


@dataclass(frozen=True)
class Column:
    """A known column: its header, its wire location and how cells are read."""

    header: str
    loc: Loc
    kind: Kind


@cache
def known_columns() -> dict[str, Column]:
    """Every column a CSV file may have, by header, in the template's order."""
    columns = {}
    for loc, annotation in _leaves(BatchProvisionUsersRequestItem, ()):
        header = column_name(loc)
        columns[header] = Column(header, loc, _kind(loc, annotation))

    return columns


def column_name(loc: Loc) -> str:
    """Write a location inside a record the way a CSV header does."""
    return ".".join(str(step) for step in loc)


def suggest(header: str) -> str | None:
    """Find the known column that an unknown header most likely means."""
    known = known_columns()
    folded = {_fold(name): name for name in known}
    if _fold(header) in folded:
        return folded[_fold(header)]

    matches = difflib.get_close_matches(header, list(known), n=1, cutoff=0.8)
    if matches:
        return matches[0]

    # A bare field name such as "email" or "first_name" for contact.firstName.
    last = _fold(header.replace("[", ".").split(".")[-1])
    ends = [name for name in known if _fold(name.split(".")[-1]) == last]
    return ends[0] if len(ends) == 1 else None


def _fold(text: str) -> str:
    kept = (char for char in text.lower() if char.isalnum())
    return "".join(kept)


def _leaves(model: type[BaseModel], prefix: Loc) -> Iterator[tuple[Loc, Any]]:
    for name, field in model.model_fields.items():
        loc = (*prefix, wire_name(name))
        models, is_list = _models_in(field.annotation)
        if not models:
            yield loc, field.annotation
            continue

        if is_list:
            loc = (*loc, 0)
        seen: set[Loc] = set()
        for part in models:
            for leaf in _leaves(part, loc):
                if leaf[0] not in seen:
                    seen.add(leaf[0])
                    yield leaf


def _models_in(annotation: Any) -> tuple[list[type[BaseModel]], bool]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation], False

    origin = get_origin(annotation)
    is_list = origin is list
    models: list[type[BaseModel]] = []
    if origin in (Union, types.UnionType, list) or is_list:
        for arg in get_args(annotation):
            found, inner_list = _models_in(arg)
            models.extend(found)
            is_list = is_list or inner_list

    return models, is_list


def _kind(loc: Loc, annotation: Any) -> Kind:
    if loc[-1] in _PHONE_FIELDS:
        return "phone"

    if _holds(annotation, bool):
        return "boolean"

    return "text"


def _holds(annotation: Any, wanted: type) -> bool:
    if annotation is wanted:
        return True

    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return False

    return any(_holds(arg, wanted) for arg in get_args(annotation))
