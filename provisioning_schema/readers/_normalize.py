"""What readers of human files may change, each change reported.

The contract's Readers section allows exactly these: surrounding spaces
and tabs trimmed, blank cells read as absent, booleans read from
true/false/yes/no/1/0 in any case, a blank ``status`` read as
``"Enabled"``, and, only when a default region is given, a national or
formatted phone number turned into E.164. Each returns the new value and
a ``Located`` change (type and message) for the report; the models then
check the result as they check any other input.
"""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat

from provisioning_schema.problems import Located

Loc = tuple[str | int, ...]

ENABLED = "Enabled"
_TRUE = frozenset({"true", "yes", "1"})
_FALSE = frozenset({"false", "no", "0"})
_TRIMMED = " \t"
_E164 = re.compile(r"\+[1-9][0-9]{1,14}")
# What a person writes around a phone number; letters (extensions, vanity
# numbers, a spreadsheet's E+10) and anything else leave it alone.
_FORMATTED_PHONE = re.compile(r"\+?[0-9 ().\-/]+")


def trim(text: str, loc: Loc) -> tuple[str, list[Located]]:
    """Remove surrounding spaces and tabs (no other whitespace) from a cell."""
    trimmed = text.strip(_TRIMMED)
    if trimmed == text or not trimmed:
        return trimmed, []

    message = "Surrounding spaces or tabs were removed"
    return trimmed, [Located(loc, "trimmed", message)]


def boolean(text: str, loc: Loc) -> tuple[str | bool, list[Located]]:
    """Read a boolean cell; a word outside the list is left for the model."""
    folded = text.lower()
    if folded not in _TRUE | _FALSE:
        return text, []

    value = folded in _TRUE
    if text == ("true" if value else "false"):
        return value, []

    message = f"Read {text!r} as {'true' if value else 'false'}"
    return value, [Located(loc, "boolean_read", message)]


def default_status(loc: Loc) -> tuple[str, list[Located]]:
    """Give a record whose status cell is blank the status ``Enabled``."""
    message = f"A blank status was read as {ENABLED!r}"
    return ENABLED, [Located(loc, "status_default", message)]


def phone(
    text: str, loc: Loc, region: str | None, *, redact: bool
) -> tuple[str, list[Located]]:
    """Turn a national or formatted number of ``region`` into E.164.

    Without a region, or for a number already in E.164, or for anything
    that is not plainly a phone number, the text is returned unchanged and
    the models say what is wrong with it.
    """
    if region is None or _E164.fullmatch(text) or not _FORMATTED_PHONE.fullmatch(text):
        return text, []

    try:
        number = phonenumbers.parse(text, region)
    except NumberParseException:
        return text, []

    if not phonenumbers.is_possible_number(number):
        return text, []

    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    if e164 == text:
        return text, []

    if redact:
        message = f"Read a formatted or national number as E.164 (region {region})"
    else:
        message = f"Read {text!r} as {e164} (region {region})"
    return e164, [Located(loc, "phone_e164", message)]


def region_code(text: str) -> str | None:
    """Return the region as phonenumbers knows it (``US``, ``GB``), or ``None``."""
    code = text.upper()
    return code if code in phonenumbers.SUPPORTED_REGIONS else None
