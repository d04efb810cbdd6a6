"""The reusable field types, used in a model of our own as a service would."""

from __future__ import annotations

import re
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from provisioning_schema.options import ValidationOptions
from provisioning_schema.types import (
    CountryCode,
    E164PhoneNumber,
    ExtensionNumber,
    LoginEmail,
    NonBlankId,
    PersonName,
)


class User(BaseModel):
    """A service's own model built from the package's types."""

    phone: E164PhoneNumber | None = None
    email: LoginEmail | None = None
    extension: ExtensionNumber | None = None
    country: CountryCode | None = None
    id: NonBlankId | None = None
    name: PersonName | None = None


def only_error(
    field: str, value: object, context: ValidationOptions | None = None
) -> ErrorDetails:
    with pytest.raises(ValidationError) as caught:
        User.model_validate({field: value}, context=context)

    errors = caught.value.errors()
    assert len(errors) == 1, errors
    return errors[0]


def validated(
    field: str, value: object, context: ValidationOptions | None = None
) -> Any:
    return getattr(User.model_validate({field: value}, context=context), field)


# One valid number per country the API serves most, checked against phonenumbers.
VALID_NUMBERS = [
    pytest.param("+16505550123", id="US-650"),
    pytest.param("+14155552671", id="US-415"),
    pytest.param("+442079460958", id="GB-london"),
    pytest.param("+4930901820", id="DE-berlin"),
    pytest.param("+4915123456789", id="DE-mobile"),
    pytest.param("+33142685300", id="FR-paris"),
    pytest.param("+33612345678", id="FR-mobile"),
    pytest.param("+61291234567", id="AU-sydney"),
    pytest.param("+61412345678", id="AU-mobile"),
    pytest.param("+81312345678", id="JP-tokyo"),
    pytest.param("+819012345678", id="JP-mobile"),
    pytest.param("+917410410123", id="IN-fixed"),
    pytest.param("+919876543210", id="IN-mobile"),
    pytest.param("+551123456789", id="BR-sao-paulo"),
    pytest.param("+5511961234567", id="BR-mobile"),
]


@pytest.mark.parametrize("number", VALID_NUMBERS)
def test_phone_number_accepts_valid_e164(number: str) -> None:
    assert validated("phone", number) == number


@pytest.mark.parametrize(
    ("value", "error_type"),
    [
        pytest.param("16505550123", "e164_format", id="no-plus"),
        pytest.param("+1 650-555-0123", "e164_format", id="formatted"),
        pytest.param("+1650555CALL", "e164_format", id="letters"),
        pytest.param("+16505550123 ext. 12", "e164_format", id="extension"),
        pytest.param("+16505550123\n", "e164_format", id="trailing-newline"),
        pytest.param(" +16505550123", "e164_format", id="leading-space"),
        pytest.param(
            "+\uff11\uff16\uff15\uff10\uff15\uff15\uff15\uff10\uff11\uff12\uff13",
            "e164_format",
            id="fullwidth-digits",
        ),
        pytest.param("+0123456789", "e164_format", id="country-code-0"),
        pytest.param("+1234567890123456", "e164_format", id="16-digits"),
        pytest.param("", "e164_format", id="empty"),
        pytest.param("+4402079460958", "e164_not_canonical", id="national-prefix"),
        pytest.param("+1650555012", "phone_number_length", id="too-short"),
        pytest.param("+165055501234", "phone_number_length", id="too-long"),
        pytest.param("+15551234567", "phone_number_invalid", id="unassigned-range"),
        pytest.param("+999123456", "phone_country_code", id="unassigned-country"),
        pytest.param("+441", "phone_number_length", id="one-digit-after-44"),
        pytest.param("+2111", "phone_number_length", id="one-digit-after-211"),
        pytest.param("+12", "phone_number_length", id="one-digit-after-1"),
        pytest.param(16505550123, "string_type", id="number-not-string"),
    ],
)
def test_phone_number_rejects(value: object, error_type: str) -> None:
    error = only_error("phone", value)

    assert (error["type"], error["loc"]) == (error_type, ("phone",))


def test_phone_number_not_canonical_suggests_canonical_form() -> None:
    assert "+442079460958" in only_error("phone", "+4402079460958")["msg"]


@pytest.mark.parametrize(
    ("value", "check", "error_type"),
    [
        pytest.param("+15551234567", "possible", None, id="possible-unknown-range"),
        pytest.param("+18615550123", "possible", None, id="possible-new-area-code"),
        pytest.param(
            "+1650555012", "possible", "phone_number_length", id="possible-too-short"
        ),
        pytest.param(
            "+4402079460958",
            "possible",
            "e164_not_canonical",
            id="possible-not-canonical",
        ),
        pytest.param(
            "+999123456",
            "possible",
            "phone_country_code",
            id="possible-unassigned-country",
        ),
        pytest.param("+15551234567", "pattern", None, id="pattern-unknown-range"),
        pytest.param("+1650555012", "pattern", None, id="pattern-too-short"),
        pytest.param("+999123456", "pattern", None, id="pattern-unassigned-country"),
        pytest.param("16505550123", "pattern", "e164_format", id="pattern-no-plus"),
        pytest.param("+1 650 555 0123", "pattern", "e164_format", id="pattern-spaces"),
        pytest.param(
            "+15551234567", "valid", "phone_number_invalid", id="valid-unknown-range"
        ),
    ],
)
def test_phone_check_option(value: str, check: Any, error_type: str | None) -> None:
    context: ValidationOptions = {"phone_check": check}

    if error_type is None:
        assert validated("phone", value, context) == value
    else:
        assert only_error("phone", value, context)["type"] == error_type


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        pytest.param("jane.roe@example.com", "jane.roe@example.com", id="plain"),
        pytest.param(
            "Jane.Roe@Example.COM",
            "Jane.Roe@example.com",
            id="domain-lower-cased-local-part-kept",
        ),
        pytest.param(
            "jroe@xn--bcher-kva.de", "jroe@xn--bcher-kva.de", id="punycode-stays-ascii"
        ),
        pytest.param(
            "jroe@XN--BCHER-KVA.DE",
            "jroe@xn--bcher-kva.de",
            id="punycode-prefix-lower-cased",
        ),
        pytest.param("jsmith@example.comx", "jsmith@example.comx", id="unknown-tld"),
        pytest.param(
            "j.roe+sales@mail.example.co.uk",
            "j.roe+sales@mail.example.co.uk",
            id="subaddress-subdomain",
        ),
        pytest.param(
            "a" * 52 + "@example.com", "a" * 52 + "@example.com", id="64-characters"
        ),
    ],
)
def test_login_email_accepts(value: str, stored: str) -> None:
    assert validated("email", value) == stored


@pytest.mark.parametrize(
    ("value", "error_type"),
    [
        pytest.param(
            "Jane Roe <jroe@example.com>", "email_display_name", id="display-name"
        ),
        pytest.param("<jroe@example.com>", "email_display_name", id="angle-brackets"),
        pytest.param(" jroe@example.com", "email_whitespace", id="leading-space"),
        pytest.param("jroe@example.com\n", "email_whitespace", id="trailing-newline"),
        pytest.param("jroe@example.com\u00a0", "email_whitespace", id="nbsp"),
        pytest.param(
            "jroe\u200b@example.com", "email_whitespace", id="zero-width-space"
        ),
        pytest.param("j\u00f6rg@example.com", "email_not_ascii", id="unicode-local"),
        pytest.param("jroe@b\u00fccher.de", "email_not_ascii", id="unicode-domain"),
        pytest.param('"jroe"@example.com', "email_invalid", id="quoted-local"),
        pytest.param("jroe@[192.0.2.1]", "email_invalid", id="ip-literal"),
        pytest.param("jroe@example.local", "email_invalid", id="special-use-local"),
        pytest.param("jroe@example.test", "email_invalid", id="special-use-test"),
        pytest.param("jroe@localhost", "email_invalid", id="no-dot-in-domain"),
        pytest.param("jroe", "email_invalid", id="no-at-sign"),
        pytest.param("j..roe@example.com", "email_invalid", id="double-dot"),
        pytest.param("a" * 53 + "@example.com", "string_too_long", id="65-characters"),
        pytest.param(42, "string_type", id="number-not-string"),
    ],
)
def test_login_email_rejects(value: object, error_type: str) -> None:
    error = only_error("email", value)

    assert (error["type"], error["loc"]) == (error_type, ("email",))


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("101", id="3-digits"),
        pytest.param("0101", id="leading-zero-kept"),
        pytest.param("12345678", id="8-digits"),
    ],
)
def test_extension_number_accepts(value: str) -> None:
    assert validated("extension", value) == value


@pytest.mark.parametrize(
    ("value", "error_type"),
    [
        pytest.param("10", "extension_number_format", id="2-digits"),
        pytest.param("123456789", "extension_number_format", id="9-digits"),
        pytest.param("1O1", "extension_number_format", id="letter-o"),
        pytest.param("101\n", "extension_number_format", id="trailing-newline"),
        pytest.param(" 101", "extension_number_format", id="leading-space"),
        pytest.param(
            "\u0661\u0660\u0661", "extension_number_format", id="arabic-indic-digits"
        ),
        pytest.param("", "extension_number_format", id="empty"),
        pytest.param(101, "string_type", id="number-not-string"),
    ],
)
def test_extension_number_rejects(value: object, error_type: str) -> None:
    error = only_error("extension", value)

    assert (error["type"], error["loc"]) == (error_type, ("extension",))


@pytest.mark.parametrize(
    ("value", "longest", "error_type"),
    [
        pytest.param("12345", 5, None, id="at-limit-5"),
        pytest.param("123456", 5, "extension_number_too_long", id="over-limit-5"),
        pytest.param("101", 3, None, id="at-limit-3"),
        pytest.param("1010", 3, "extension_number_too_long", id="over-limit-3"),
        pytest.param("12345678", 8, None, id="at-limit-8"),
        pytest.param("1x1", 5, "extension_number_format", id="format-before-length"),
    ],
)
def test_max_extension_length_option(
    value: str, longest: int, error_type: str | None
) -> None:
    context: ValidationOptions = {"max_extension_length": longest}

    if error_type is None:
        assert validated("extension", value, context) == value
    else:
        assert only_error("extension", value, context)["type"] == error_type


@pytest.mark.parametrize(
    "context",
    [
        pytest.param({"max_extension_length": 2}, id="extension-length-2"),
        pytest.param({"max_extension_length": 9}, id="extension-length-9"),
        pytest.param({"max_extension_length": "5"}, id="extension-length-string"),
        pytest.param({"max_extension_length": 5.0}, id="extension-length-float"),
        pytest.param({"phone_check": "strict"}, id="phone-check-unknown"),
        pytest.param({"phone_check": "Valid"}, id="phone-check-casing"),
        pytest.param({"redact": "false"}, id="redact-string"),
        pytest.param({"redact": 1}, id="redact-int"),
        pytest.param({"wire_names_only": "yes"}, id="wire-names-only-string"),
    ],
)
def test_option_out_of_range_is_a_type_error(context: dict[str, Any]) -> None:
    with pytest.raises(TypeError):
        User.model_validate(
            {"extension": "101", "phone": "+16505550123"}, context=context
        )


@pytest.mark.parametrize(
    "value",
    ["US", "GB", "DE", "FR", "AU", "JP", "IN", "BR", "AQ"],
)
def test_country_code_accepts(value: str) -> None:
    assert validated("country", value) == value


@pytest.mark.parametrize(
    ("value", "error_type"),
    [
        pytest.param("us", "country_code", id="lower-case"),
        pytest.param("Us", "country_code", id="mixed-case"),
        pytest.param("USA", "country_code", id="alpha-3"),
        pytest.param("UK", "country_code", id="exceptionally-reserved-UK"),
        pytest.param("EU", "country_code", id="exceptionally-reserved-EU"),
        pytest.param("XK", "country_code", id="user-assigned-XK"),
        pytest.param("ZZ", "country_code", id="unassigned"),
        pytest.param("US\n", "country_code", id="trailing-newline"),
        pytest.param("", "country_code", id="empty"),
        pytest.param(840, "string_type", id="number-not-string"),
    ],
)
def test_country_code_rejects(value: object, error_type: str) -> None:
    error = only_error("country", value)

    assert (error["type"], error["loc"]) == (error_type, ("country",))


@pytest.mark.parametrize("value", ["1", "224149", "a-b_c", " 7 "])
def test_non_blank_id_accepts(value: str) -> None:
    assert validated("id", value) == value


@pytest.mark.parametrize(
    ("value", "error_type"),
    [
        pytest.param("", "string_too_short", id="empty"),
        pytest.param("   ", "blank_string", id="spaces"),
        pytest.param("\t\n", "blank_string", id="tab-newline"),
        pytest.param(224149, "string_type", id="number-not-string"),
    ],
)
def test_non_blank_id_rejects(value: object, error_type: str) -> None:
    error = only_error("id", value)

    assert (error["type"], error["loc"]) == (error_type, ("id",))


@pytest.mark.parametrize(
    "value",
    ["Jane", "Zo\u00eb", "O'Brien-Smith", "\u674e", "J" * 64],
    ids=["ascii", "diaeresis", "punctuation", "cjk", "64-characters"],
)
def test_person_name_accepts(value: str) -> None:
    assert validated("name", value) == value


@pytest.mark.parametrize(
    ("value", "error_type"),
    [
        pytest.param("", "string_too_short", id="empty"),
        pytest.param(" ", "blank_string", id="space"),
        pytest.param("\u3000", "blank_string", id="ideographic-space"),
        pytest.param("J" * 65, "string_too_long", id="65-characters"),
        pytest.param(["Jane"], "string_type", id="array-not-string"),
    ],
)
def test_person_name_rejects(value: object, error_type: str) -> None:
    error = only_error("name", value)

    assert (error["type"], error["loc"]) == (error_type, ("name",))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        pytest.param("phone", "+4402079460958", id="phone-not-canonical"),
        pytest.param("phone", "+1650555CALL", id="phone-format"),
        pytest.param("email", "Jane Roe <jroe@example.com>", id="email-display-name"),
        pytest.param("email", "j\u00f6rg@example.com", id="email-not-ascii"),
        pytest.param("extension", "12x", id="extension-format"),
        pytest.param("country", "Narnia", id="country"),
        pytest.param("name", "    ", id="blank-name"),
    ],
)
def test_redact_keeps_the_value_out_of_the_message(field: str, value: str) -> None:
    shown = only_error(field, value)["msg"]
    redacted = only_error(field, value, {"redact": True})["msg"]

    assert repr(value) in shown
    assert value not in redacted
    assert "got" not in redacted


# The JSON Schema facts of each type: what a consumer of the schema relies on.
SCHEMA_FACTS = [
    pytest.param(
        E164PhoneNumber, {"type": "string", "maxLength": 18}, id="E164PhoneNumber"
    ),
    pytest.param(
        LoginEmail,
        {"type": "string", "format": "email", "maxLength": 64},
        id="LoginEmail",
    ),
    pytest.param(
        ExtensionNumber,
        {"type": "string", "minLength": 3, "maxLength": 8},
        id="ExtensionNumber",
    ),
    pytest.param(CountryCode, {"type": "string"}, id="CountryCode"),
    pytest.param(NonBlankId, {"type": "string", "minLength": 1}, id="NonBlankId"),
    pytest.param(
        PersonName,
        {"type": "string", "minLength": 1, "maxLength": 64},
        id="PersonName",
    ),
]


@pytest.mark.parametrize(("annotated", "facts"), SCHEMA_FACTS)
def test_json_schema_carries_the_types_facts(
    annotated: Any, facts: dict[str, Any]
) -> None:
    schema = TypeAdapter(annotated).json_schema()

    assert facts.items() <= schema.items()


@pytest.mark.parametrize(
    ("annotated", "good", "bad"),
    [
        pytest.param(
            E164PhoneNumber,
            "+16505550123",
            ["16505550123", "+16505550123\n", "+1 650 555 0123"],
            id="E164PhoneNumber",
        ),
        pytest.param(
            LoginEmail,
            "jane.roe@example.com",
            ["a" * 53 + "@example.com"],
            id="LoginEmail",
        ),
        pytest.param(
            ExtensionNumber,
            "0101",
            ["10", "123456789", "101\n", "1O1"],
            id="ExtensionNumber",
        ),
        pytest.param(CountryCode, "US", ["us", "USA", "US\n", "UK"], id="CountryCode"),
        pytest.param(NonBlankId, "1", [""], id="NonBlankId"),
        pytest.param(PersonName, "Jane", ["", "J" * 65], id="PersonName"),
    ],
)
def test_json_schema_accepts_and_rejects_like_the_type(
    annotated: Any, good: str, bad: list[str]
) -> None:
    validator = Draft202012Validator(TypeAdapter(annotated).json_schema())

    assert validator.is_valid(good)
    assert [value for value in bad if validator.is_valid(value)] == []


@pytest.mark.parametrize(
    ("annotated", "pattern_text"),
    [
        pytest.param(E164PhoneNumber, r"\+[1-9][0-9]{1,14}", id="E164PhoneNumber"),
        pytest.param(ExtensionNumber, "[0-9]{3,8}", id="ExtensionNumber"),
        pytest.param(CountryCode, "[A-Z]{2}", id="CountryCode"),
    ],
)
def test_json_schema_pattern_is_anchored_and_portable(
    annotated: Any, pattern_text: str
) -> None:
    pattern = TypeAdapter(annotated).json_schema()["pattern"]

    assert pattern.startswith("^" + pattern_text)
    assert pattern.endswith("$")
    assert not re.search(r"\\[dDwWsSAZz]|\(\?[aiLmsux]|\(\?P", pattern)


def test_phone_number_schema_has_no_format() -> None:
    assert "format" not in TypeAdapter(E164PhoneNumber).json_schema()


def test_country_code_schema_lists_only_assigned_codes() -> None:
    codes = TypeAdapter(CountryCode).json_schema()["enum"]

    assert {"US", "GB", "DE", "AQ"} <= set(codes)
    assert {"UK", "EU", "XK", "ZZ"}.isdisjoint(codes)
