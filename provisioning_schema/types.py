"""Reusable field types: the building blocks of the wire models.

Each type is an ``Annotated[str, ...]`` that a service can use in its own
Pydantic models. Each one checks its value with the same code the wire
models use and carries its JSON Schema facts (pattern, lengths, format).

Example:
    >>> from pydantic import BaseModel
    >>> from provisioning_schema.types import E164PhoneNumber
    >>> class Caller(BaseModel):
    ...     number: E164PhoneNumber
    >>> Caller(number="+14155552671").number
    '+14155552671'

"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Any

from annotated_types import MaxLen, MinLen
from iso3166 import countries_by_alpha2
from pydantic import AfterValidator, GetJsonSchemaHandler, Strict, ValidationInfo
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from provisioning_schema._email import EMAIL_MAX_LENGTH, check_login_email
from provisioning_schema._errors import rule_error
from provisioning_schema._phone import check_phone_number
from provisioning_schema.options import (
    LONGEST_EXTENSION,
    SHORTEST_EXTENSION,
    resolve_options,
)

__all__ = [
    "CountryCode",
    "E164PhoneNumber",
    "ExtensionNumber",
    "LoginEmail",
    "NonBlankId",
    "PersonName",
    "schema_pattern",
]


def schema_pattern(core: str) -> str:
    """Anchor a pattern so it means the same in Python and in ECMA-262.

    python-jsonschema applies patterns with ``re.search``, where ``$`` also
    matches before a final newline; the lookahead closes that gap, and ajv
    and jsonschema-rs read it the same way.
    """
    return f"^{core}(?!\\n)$"


class JsonSchemaFacts:
    """Annotation that adds JSON Schema keywords to a type's schema."""

    def __init__(self, **facts: Any) -> None:
        self.facts = facts

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema = handler(core_schema)
        schema.update(self.facts)
        return schema


def _phone_number(value: str, info: ValidationInfo) -> str:
    options = resolve_options(info.context)
    return check_phone_number(value, options.phone_check, redact=options.redact)


def _login_email(value: str, info: ValidationInfo) -> str:
    return check_login_email(value, redact=resolve_options(info.context).redact)


_EXTENSION = re.compile(r"[0-9]{3,8}")


def _extension_number(value: str, info: ValidationInfo) -> str:
    options = resolve_options(info.context)
    if not _EXTENSION.fullmatch(value):
        rule = "Extension number must be 3 to 8 digits (0-9) like 205"
        raise rule_error("extension_number_format", rule, value, redact=options.redact)

    if len(value) > options.max_extension_length:
        rule = (
            "Extension number must have at most "
            f"{options.max_extension_length} digits on this account"
        )
        raise rule_error(
            "extension_number_too_long", rule, value, redact=options.redact
        )

    return value


_COUNTRY = re.compile(r"[A-Z]{2}")


def _user_assigned(code: str) -> bool:
    # ISO 3166-1 leaves AA, QM-QZ, XA-XZ and ZZ to users; iso3166 lists XK
    # (Kosovo) among the countries, but it is not officially assigned.
    return code in ("AA", "ZZ") or code.startswith("X") or "QM" <= code <= "QZ"


_ASSIGNED_COUNTRIES = frozenset(
    code for code in countries_by_alpha2 if not _user_assigned(code)
)


def _country_code(value: str, info: ValidationInfo) -> str:
    if not _COUNTRY.fullmatch(value) or value not in _assigned_countries():
        rule = (
            "Country must be an assigned ISO 3166-1 alpha-2 code in upper case like US"
        )
        redact = resolve_options(info.context).redact
        raise rule_error("country_code", rule, value, redact=redact)

    return value


def _assigned_countries() -> frozenset[str]:
    return _ASSIGNED_COUNTRIES


class _CountryCodeFacts(JsonSchemaFacts):
    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema = super().__get_pydantic_json_schema__(core_schema, handler)
        schema["enum"] = sorted(_assigned_countries())
        return schema


def _not_blank(value: str, info: ValidationInfo) -> str:
    # Blank: nothing a person can see, such as spaces or a zero-width space.
    if all(char.isspace() or unicodedata.category(char) == "Cf" for char in value):
        redact = resolve_options(info.context).redact
        rule = "Value must hold a visible character, not only spaces or invisibles"
        raise rule_error("blank_string", rule, value, redact=redact)

    return value


# C0 and C1 controls, line and paragraph separators, and the bidirectional
# embedding, override and isolate controls that can make text read backwards.
_CONTROL_CLASS = (
    "\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069"
)
_CONTROL = re.compile(f"[{_CONTROL_CLASS}]")


def _name(value: str, info: ValidationInfo) -> str:
    if _CONTROL.search(value):
        redact = resolve_options(info.context).redact
        rule = "Name must not hold control characters (line breaks, tabs, bidi)"
        raise rule_error("control_character", rule, value, redact=redact)

    return _not_blank(value, info)


E164PhoneNumber = Annotated[
    str,
    Strict(),
    AfterValidator(_phone_number),
    JsonSchemaFacts(
        pattern=schema_pattern("\\+[1-9][0-9]{1,14}"),
        maxLength=18,
        examples=["+16505550123"],
    ),
]
"""A phone number in canonical E.164 form, checked with phonenumbers."""

LoginEmail = Annotated[
    str,
    Strict(),
    MaxLen(EMAIL_MAX_LENGTH),
    AfterValidator(_login_email),
    JsonSchemaFacts(format="email", examples=["jane.roe@example.com"]),
]
"""An ASCII email address, checked offline, stored with a lower-case domain."""

ExtensionNumber = Annotated[
    str,
    Strict(),
    AfterValidator(_extension_number),
    JsonSchemaFacts(
        pattern=schema_pattern(f"[0-9]{{{SHORTEST_EXTENSION},{LONGEST_EXTENSION}}}"),
        minLength=SHORTEST_EXTENSION,
        maxLength=LONGEST_EXTENSION,
        examples=["205"],
    ),
]
"""A short extension number of 3 to 8 digits; leading zeros are kept."""

CountryCode = Annotated[
    str,
    Strict(),
    AfterValidator(_country_code),
    _CountryCodeFacts(pattern=schema_pattern("[A-Z]{2}"), examples=["US"]),
]
"""An officially assigned ISO 3166-1 alpha-2 code in upper case."""

NonBlankId = Annotated[
    str, Strict(), MinLen(1), AfterValidator(_not_blank), JsonSchemaFacts()
]
"""An identifier: a string with at least one character that is not whitespace."""

PersonName = Annotated[
    str,
    Strict(),
    MinLen(1),
    MaxLen(64),
    AfterValidator(_name),
    JsonSchemaFacts(pattern=schema_pattern(f"[^{_CONTROL_CLASS}]*")),
]
"""A given or family name: non-blank, at most 64 characters."""
