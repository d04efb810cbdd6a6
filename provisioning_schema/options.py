"""Options a caller passes as Pydantic validation context.

Example:
    >>> from provisioning_schema import BatchProvisionUsersRequest
    >>> options: ValidationOptions = {"max_extension_length": 5}
    >>> body = {"records": [{"status": "Enabled", "contact": {}}]}
    >>> request = BatchProvisionUsersRequest.model_validate(body, context=options)

"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from typing import Literal, TypedDict, cast, get_args

PhoneCheck = Literal["valid", "possible", "pattern"]
"""How strictly a phone number is checked.

``valid``: the number is in a range that phonenumbers knows to be assigned.
``possible``: the number has a possible length for its country; use it when
a newly opened range is not yet in phonenumbers' metadata.
``pattern``: only the E.164 shape is checked.
"""

_PHONE_CHECKS: tuple[str, ...] = get_args(PhoneCheck)
SHORTEST_EXTENSION = 3
LONGEST_EXTENSION = 8


class ValidationOptions(TypedDict, total=False):
    """Keys of the ``context`` mapping that this package reads; all optional."""

    max_extension_length: int
    """The account's longest extension number, 3 to 8 digits (default 8)."""

    phone_check: PhoneCheck
    """How strictly phone numbers are checked (default ``"valid"``)."""

    redact: bool
    """Keep input values out of error messages (default ``False``)."""

    wire_names_only: bool
    """Accept camelCase wire names only, as files do (default ``False``)."""


@dataclass(frozen=True)
class ResolvedOptions:
    """Validation options with their defaults filled in and checked."""

    max_extension_length: int = LONGEST_EXTENSION
    phone_check: PhoneCheck = "valid"
    redact: bool = False
    wire_names_only: bool = False


DEFAULT_OPTIONS = ResolvedOptions()


def resolve_options(context: object) -> ResolvedOptions:
    """Read the options from a validation context.

    Raises:
        TypeError: an option has a value outside its documented range. This is
            a programming error, so it is not reported as a validation error.

    """
    if not context:
        return DEFAULT_OPTIONS

    if not isinstance(context, dict):
        raise TypeError("validation context must be a dict of ValidationOptions")

    length = context.get("max_extension_length", LONGEST_EXTENSION)
    phone_check = context.get("phone_check", "valid")
    redact = context.get("redact", False)
    wire_names_only = context.get("wire_names_only", False)

    # Every field validator reads the options, so each combination is checked
    # and built once. The key holds the types too: 5.0 == 5, but only the int
    # is allowed.
    key: tuple[object, ...] = (type(length), length, phone_check)
    key += (type(redact), redact, type(wire_names_only), wire_names_only)
    try:
        return _RESOLVED[key]
    except (KeyError, TypeError):  # TypeError: an unhashable value
        pass

    options = _checked(length, phone_check, redact, wire_names_only)
    if len(_RESOLVED) < _RESOLVED_LIMIT:
        with suppress(TypeError):
            _RESOLVED[key] = options
    return options


_RESOLVED: dict[tuple[object, ...], ResolvedOptions] = {}
_RESOLVED_LIMIT = 256


def _checked(
    length: object, phone_check: object, redact: object, wire_names_only: object
) -> ResolvedOptions:
    if not isinstance(length, int) or not (
        SHORTEST_EXTENSION <= length <= LONGEST_EXTENSION
    ):
        raise TypeError(
            f"max_extension_length must be an int from {SHORTEST_EXTENSION} "
            f"to {LONGEST_EXTENSION}; got {length!r}"
        )

    if phone_check not in _PHONE_CHECKS:
        raise TypeError(
            f"phone_check must be one of {', '.join(_PHONE_CHECKS)}; "
            f"got {phone_check!r}"
        )

    # bool("false") is True: a string here would turn redaction on or off
    # against the caller's intent, so only real booleans are taken.
    return ResolvedOptions(
        max_extension_length=length,
        phone_check=cast(PhoneCheck, phone_check),
        redact=_flag("redact", redact),
        wire_names_only=_flag("wire_names_only", wire_names_only),
    )


def _flag(name: str, value: object) -> bool:
    # bool("false") is True: a string here would turn redaction on or off
    # against the caller's intent, so only real booleans are taken.
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False; got {value!r}")
    return value
