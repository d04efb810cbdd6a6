"""Build and re-raise Pydantic validation errors in this package's own words.

Every message follows one grammar: what is right first, then what came,
as ``"<rule>; got <value>"``. The value is left out when the caller asked
for redaction, so personal data never reaches a log by accident.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, NoReturn, cast, get_args

from pydantic import ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError
from pydantic_core.core_schema import ErrorType

_PYDANTIC_ERROR_TYPES = frozenset(get_args(ErrorType))
_SHOWN_VALUE_LIMIT = 60


def show_value(value: object) -> str:
    """Render an input value for a message: quoted, escaped and cut short."""
    if isinstance(value, str):
        text = repr(value)
    elif value is None:
        text = "null"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, (int, float)):
        text = repr(value)
    elif isinstance(value, dict):
        return "an object"
    elif isinstance(value, (list, tuple)):
        return "an array"
    else:
        return f"a {type(value).__name__}"

    if len(text) > _SHOWN_VALUE_LIMIT:
        text = text[: _SHOWN_VALUE_LIMIT - 3] + "..."
    return text


def show_key(key: object) -> str:
    """Render an object key for a message: plain when it is a plain name."""
    if isinstance(key, str) and key.isascii() and key.isprintable() and len(key) <= 40:
        return key
    return show_value(key) if isinstance(key, str) else repr(key)


def rule_error(
    error_type: str, rule: str, value: object, *, redact: bool
) -> PydanticCustomError:
    """Make an error whose message states the rule and, unless redacted, the value."""
    message = rule if redact else f"{rule}; got {show_value(value)}"
    # No context: the message is final, so braces in the input stay literal.
    return PydanticCustomError(error_type, message)


def line_error(
    error: PydanticCustomError, loc: Sequence[str | int], value: object
) -> InitErrorDetails:
    """Place a custom error at a location relative to the model being validated."""
    return InitErrorDetails(type=error, loc=tuple(loc), input=value)


def reraise(title: str, details: Iterable[InitErrorDetails]) -> NoReturn:
    """Raise the collected errors as one ``ValidationError``."""
    raise ValidationError.from_exception_data(title, list(details))


def carry_over(exc: ValidationError) -> list[InitErrorDetails]:
    """Turn the errors of a caught ``ValidationError`` back into raisable details."""
    return [_as_details(error) for error in exc.errors()]


def _as_details(error: Any) -> InitErrorDetails:
    error_type: str = error["type"]
    loc = tuple(error["loc"])
    value = error.get("input")

    if error_type in _PYDANTIC_ERROR_TYPES:
        details = InitErrorDetails(
            type=cast(ErrorType, error_type), loc=loc, input=value
        )
        if "ctx" in error:
            details["ctx"] = error["ctx"]
        return details

    return InitErrorDetails(
        type=PydanticCustomError(error_type, error["msg"]), loc=loc, input=value
    )
