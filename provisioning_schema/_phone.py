"""Check that a phone number is canonical E.164 and known to phonenumbers."""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat
from phonenumbers import ValidationResult as Reason
from pydantic_core import PydanticCustomError

from provisioning_schema import _phone_fast
from provisioning_schema._errors import rule_error
from provisioning_schema.options import PhoneCheck

# E.164: a plus sign, a country code that does not start with 0, at most 15
# digits in all. ASCII digits only; a full match, so no trailing newline.
E164_PATTERN = re.compile(r"\+[1-9][0-9]{1,14}")
_SCIENTIFIC = re.compile(r"\+?[0-9]+(\.[0-9]+)?[eE]\+?[0-9]+")
E164_RULE = "Phone number must be E.164, a + and 2 to 15 digits like +14155552671"

_LENGTH_REASONS = {
    Reason.TOO_SHORT: "too short",
    Reason.TOO_LONG: "too long",
    Reason.INVALID_LENGTH: "of a length never used",
    Reason.IS_POSSIBLE_LOCAL_ONLY: "too short",
}


def check_phone_number(value: str, check: PhoneCheck, *, redact: bool) -> str:
    """Return ``value`` if it passes ``check``; raise the reason otherwise."""
    if not E164_PATTERN.fullmatch(value):
        raise rule_error("e164_format", _format_rule(value), value, redact=redact)

    # The fast path only ever accepts, and only what phonenumbers accepts.
    if check == "pattern" or _phone_fast.accepts(value, valid=check == "valid"):
        return value

    return _check_with_library(value, check, redact=redact)


def check_phone_number_with_library(
    value: str, check: PhoneCheck, *, redact: bool
) -> str:
    """Do what ``check_phone_number`` does, with phonenumbers for every number.

    The reference for the differential tests of the fast path.
    """
    if not E164_PATTERN.fullmatch(value):
        raise rule_error("e164_format", _format_rule(value), value, redact=redact)

    if check == "pattern":
        return value

    return _check_with_library(value, check, redact=redact)


def _check_with_library(value: str, check: PhoneCheck, *, redact: bool) -> str:
    try:
        number = phonenumbers.parse(value, None)
    except NumberParseException as error:
        # The pattern above leaves parse() two reasons to refuse: a calling
        # code nobody has, or too few digits after a real one (+441).
        if error.error_type == NumberParseException.INVALID_COUNTRY_CODE:
            rule = "Phone number must start with an assigned country calling code"
            error_type = "phone_country_code"
        else:
            rule = "Phone number is too short for its country calling code"
            error_type = "phone_number_length"
        raise rule_error(error_type, rule, value, redact=redact) from None

    _check_canonical(value, number, redact=redact)
    _check_length(value, number, redact=redact)
    if check == "valid" and not phonenumbers.is_valid_number(number):
        raise _not_known_error(value, number, redact=redact)

    return value


def _format_rule(value: str) -> str:
    stripped = value.strip()
    if stripped and stripped[0] != "+" and stripped.replace(" ", "").isdigit():
        return f"{E164_RULE}: the leading + is missing"
    if _SCIENTIFIC.fullmatch(stripped):
        return (
            f"{E164_RULE}: this looks like a spreadsheet's scientific notation, "
            "so digits are lost (format the column as text)"
        )
    if re.search(r"[A-Za-z]", value):
        return f"{E164_RULE}, without letters or extensions"
    if re.search(r"[\s().-]", value):
        return f"{E164_RULE}, without spaces, dashes or brackets"
    return E164_RULE


def _check_canonical(
    value: str, number: phonenumbers.PhoneNumber, *, redact: bool
) -> None:
    canonical = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    if canonical == value:
        return

    rule = "Phone number must be canonical E.164, without a national prefix"
    if not redact:
        rule = f"{rule} (did you mean {canonical}?)"
    raise rule_error("e164_not_canonical", rule, value, redact=redact)


def _check_length(
    value: str, number: phonenumbers.PhoneNumber, *, redact: bool
) -> None:
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason == Reason.IS_POSSIBLE:
        return

    region = _region_name(number)
    rule = f"Phone number is {_LENGTH_REASONS.get(reason, 'impossible')} for {region}"
    raise rule_error("phone_number_length", rule, value, redact=redact)


def _not_known_error(
    value: str, number: phonenumbers.PhoneNumber, *, redact: bool
) -> PydanticCustomError:
    rule = (
        f"Phone number must be in a range assigned in {_region_name(number)} "
        f"(phonenumbers {phonenumbers.__version__} does not know this one; for "
        'a newly opened range, validate with phone_check="possible")'
    )
    return rule_error("phone_number_invalid", rule, value, redact=redact)


def _region_name(number: phonenumbers.PhoneNumber) -> str:
    return f"country code +{number.country_code}"
