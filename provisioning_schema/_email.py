"""Check a login email address offline and store it in its ASCII form."""

from __future__ import annotations

import unicodedata

from email_validator import EmailNotValidError

from provisioning_schema._email_fast import plain_address, validate_with_library
from provisioning_schema._errors import rule_error

EMAIL_MAX_LENGTH = 64  # the API spec's maxLength for contact.email


def check_login_email(value: str, *, redact: bool) -> str:
    """Return the address with its domain lower-cased; raise what is wrong."""
    # The fast path only ever accepts, and stores what the library would.
    stored = plain_address(value)
    if stored is not None:
        return stored

    return check_login_email_with_library(value, redact=redact)


def check_login_email_with_library(value: str, *, redact: bool) -> str:
    """Do what ``check_login_email`` does, with email-validator for every address.

    The reference for the differential tests of the fast path.
    """
    _check_characters(value, redact=redact)

    try:
        checked = validate_with_library(value)
    except EmailNotValidError as error:
        # email-validator's reasons may quote characters of the address.
        rule = "Email must be a valid address"
        if not redact:
            rule = f"{rule}: {_sentence(str(error))}"
        raise rule_error("email_invalid", rule, value, redact=redact) from None

    # email-validator's `normalized` turns a punycode domain into Unicode,
    # which the API and ajv refuse; the ASCII domain is the wire form.
    return f"{checked.local_part}@{checked.ascii_domain}"


def _check_characters(value: str, *, redact: bool) -> None:
    if "<" in value or ">" in value:
        rule = "Email must be a bare address like jane.roe@example.com, "
        rule += "without a display name or angle brackets"
        raise rule_error("email_display_name", rule, value, redact=redact)

    odd = next((char for char in value if char.isspace() or not char.isascii()), None)
    if odd is None:
        return

    # Redacted messages do not name the character: it is part of the address.
    which = "" if redact else f" ({_name(odd)})"
    if odd.isspace() or unicodedata.category(odd) == "Cf":
        rule = f"Email must not contain whitespace or invisible characters{which}"
        raise rule_error("email_whitespace", rule, value, redact=redact)

    rule = f"Email must be ASCII{which}"
    raise rule_error("email_not_ascii", rule, value, redact=redact)


# Control characters have no Unicode name; these are the ones people meet.
_CONTROL_NAMES = {"\t": "tab", "\n": "line feed", "\r": "carriage return"}


def _name(char: str) -> str:
    name = _CONTROL_NAMES.get(char, "")
    name = name or unicodedata.name(char, "control character")
    return f"U+{ord(char):04X} {name.lower()}"


def _sentence(text: str) -> str:
    return text[:1].lower() + text[1:].rstrip(".")
