"""Contact: the contract's Contact table, plus names, nulls and strict types."""

from __future__ import annotations

from typing import Any

import pytest
from checking import Loc, ModelCheck

from provisioning_schema import (
    Contact,
    RegionalSettingReference,
    RegionalSettings,
    TimeFormat,
    Transition,
)
from provisioning_schema.options import ValidationOptions

_check = ModelCheck(Contact)
validate = _check.validate
raw_errors = _check.raw_errors
errors_of = _check.errors_of
messages_of = _check.messages_of


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({}, id="empty"),
        pytest.param({"firstName": "Jane", "lastName": "Roe"}, id="names"),
        pytest.param({"firstName": "J" * 64}, id="name-64-characters"),
        pytest.param({"email": "jane.roe@example.com"}, id="email"),
        pytest.param({"mobileNumber": "+442079460958"}, id="mobile-GB"),
        pytest.param({"mobileNumber": "+819012345678"}, id="mobile-JP"),
        pytest.param(
            {"email": "jane.roe@example.com", "emailAsLoginName": True},
            id="login-email-true-with-email",
        ),
        pytest.param({"emailAsLoginName": False}, id="login-email-false-without-email"),
        pytest.param({"transition": {"sendWelcomeEmail": False}}, id="transition"),
        pytest.param(
            {
                "transition": {
                    "regionalSettings": {
                        "homeCountry": {"id": "1"},
                        "timezone": {"id": "58"},
                        "language": {"id": "1033"},
                        "greetingLanguage": {"id": "1033"},
                        "formattingLocale": {"id": "1033"},
                        "currency": {"id": "146"},
                        "timeFormat": "24h",
                    }
                }
            },
            id="regional-settings-all",
        ),
        pytest.param(
            {"transition": {"regionalSettings": {"timeFormat": "12h"}}}, id="12h"
        ),
    ],
)
def test_valid_contact_dumps_back_to_its_input(body: dict[str, Any]) -> None:
    assert Contact.model_validate(body).model_dump(mode="json") == body


INVALID_CONTACTS = [
    pytest.param(
        {"firstName": ""}, "string_too_short", ("firstName",), id="first-empty"
    ),
    pytest.param({"firstName": "  "}, "blank_string", ("firstName",), id="first-blank"),
    pytest.param(
        {"lastName": "R" * 65},
        "string_too_long",
        ("lastName",),
        id="last-65-characters",
    ),
    pytest.param({"lastName": "  "}, "blank_string", ("lastName",), id="last-blank"),
    pytest.param(
        {"lastName": "\u200b"}, "blank_string", ("lastName",), id="last-invisible"
    ),
    pytest.param(
        {"lastName": "Roe\t"}, "control_character", ("lastName",), id="last-tab"
    ),
    pytest.param(
        {"firstName": "Jane\nRoe"},
        "control_character",
        ("firstName",),
        id="first-line-break",
    ),
    pytest.param(
        {"email": "jroe@example"}, "email_invalid", ("email",), id="email-no-dot"
    ),
    pytest.param(
        {"email": "Jane <jroe@example.com>"},
        "email_display_name",
        ("email",),
        id="email-display-name",
    ),
    pytest.param(
        {"email": "j\u00f6rg@example.com"},
        "email_not_ascii",
        ("email",),
        id="email-not-ascii",
    ),
    pytest.param(
        {"email": "jroe@example.com "},
        "email_whitespace",
        ("email",),
        id="email-trailing-space",
    ),
    pytest.param(
        {"email": "j" * 53 + "@example.com"},
        "string_too_long",
        ("email",),
        id="email-65-characters",
    ),
    pytest.param(
        {"mobileNumber": "6505550123"},
        "e164_format",
        ("mobileNumber",),
        id="mobile-national",
    ),
    pytest.param(
        {"mobileNumber": "+1 (650) 555-0123"},
        "e164_format",
        ("mobileNumber",),
        id="mobile-formatted",
    ),
    pytest.param(
        {"mobileNumber": "+4402079460958"},
        "e164_not_canonical",
        ("mobileNumber",),
        id="mobile-not-canonical",
    ),
    pytest.param(
        {"mobileNumber": "+4930"},
        "phone_number_length",
        ("mobileNumber",),
        id="mobile-too-short",
    ),
    pytest.param(
        {"mobileNumber": "+15551234567"},
        "phone_number_invalid",
        ("mobileNumber",),
        id="mobile-unknown-range",
    ),
    pytest.param(
        {"emailAsLoginName": True},
        "login_email_missing",
        ("email",),
        id="login-email-true-without-email",
    ),
    pytest.param(
        {"emailAsLoginName": True, "email": None},
        "login_email_missing",
        ("email",),
        id="login-email-true-email-null",
    ),
    pytest.param(
        {"transition": {"sendWelcomeEmail": "no"}},
        "bool_type",
        ("transition", "sendWelcomeEmail"),
        id="welcome-email-string",
    ),
    pytest.param(
        {"transition": {"regionalSettings": {"timeFormat": "12H"}}},
        "enum",
        ("transition", "regionalSettings", "timeFormat"),
        id="time-format-case",
    ),
    pytest.param(
        {"transition": {"regionalSettings": {"timeFormat": "24"}}},
        "enum",
        ("transition", "regionalSettings", "timeFormat"),
        id="time-format-24",
    ),
    pytest.param(
        {"transition": {"regionalSettings": {"homeCountry": {"id": " "}}}},
        "blank_string",
        ("transition", "regionalSettings", "homeCountry", "id"),
        id="home-country-blank-id",
    ),
    pytest.param(
        {"transition": {"regionalSettings": {"currency": {}}}},
        "missing",
        ("transition", "regionalSettings", "currency", "id"),
        id="currency-without-id",
    ),
    pytest.param(
        {"transition": {"regionalSettings": {"language": {"id": 1033}}}},
        "string_type",
        ("transition", "regionalSettings", "language", "id"),
        id="language-id-number",
    ),
    pytest.param(
        {"transition": {"regionalSettings": {"locale": {"id": "1"}}}},
        "unknown_field",
        ("transition", "regionalSettings", "locale"),
        id="regional-settings-unknown-key",
    ),
    pytest.param(
        {"transition": {"sendWelcome": True}},
        "unknown_field",
        ("transition", "sendWelcome"),
        id="transition-unknown-key",
    ),
]


@pytest.mark.parametrize(("body", "error_type", "loc"), INVALID_CONTACTS)
def test_invalid_contact(body: dict[str, Any], error_type: str, loc: Loc) -> None:
    assert errors_of(body) == [(error_type, loc)]


def test_every_problem_of_a_contact_is_reported() -> None:
    body = {
        "firstName": " ",
        "email": "jroe@example.local",
        "mobileNumber": "+1650555CALL",
        "nickname": "JR",
    }

    assert sorted(errors_of(body)) == [
        ("blank_string", ("firstName",)),
        ("e164_format", ("mobileNumber",)),
        ("email_invalid", ("email",)),
        ("unknown_field", ("nickname",)),
    ]


def test_email_is_stored_with_lower_case_ascii_domain() -> None:
    contact = Contact.model_validate({"email": "Jane.Roe@XN--BCHER-KVA.DE"})

    assert contact.email == "Jane.Roe@xn--bcher-kva.de"


@pytest.mark.parametrize(
    ("body", "login_email"),
    [
        pytest.param({"email": "jroe@example.com"}, "jroe@example.com", id="absent"),
        pytest.param(
            {"email": "jroe@example.com", "emailAsLoginName": True},
            "jroe@example.com",
            id="true",
        ),
        pytest.param(
            {"email": "jroe@example.com", "emailAsLoginName": False}, None, id="false"
        ),
        pytest.param({}, None, id="no-email"),
    ],
)
def test_login_email_follows_email_as_login_name(
    body: dict[str, Any], login_email: str | None
) -> None:
    assert Contact.model_validate(body).login_email == login_email


# Names: snake_case or camelCase in Python, never both; wire names only in JSON.


def test_python_keywords_are_snake_case() -> None:
    contact = Contact(
        first_name="Jane",
        last_name="Roe",
        email="jane.roe@example.com",
        mobile_number="+16505550123",
        email_as_login_name=True,
        transition=Transition(
            send_welcome_email=False,
            regional_settings=RegionalSettings(
                home_country=RegionalSettingReference(id_="1"),
                time_format=TimeFormat.TWENTY_FOUR_HOURS,
            ),
        ),
    )

    assert contact.model_dump(mode="json") == {
        "firstName": "Jane",
        "lastName": "Roe",
        "email": "jane.roe@example.com",
        "mobileNumber": "+16505550123",
        "emailAsLoginName": True,
        "transition": {
            "sendWelcomeEmail": False,
            "regionalSettings": {"homeCountry": {"id": "1"}, "timeFormat": "24h"},
        },
    }


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"firstName": "Jane", "mobileNumber": "+16505550123"}, id="camel"),
        pytest.param(
            {"first_name": "Jane", "mobile_number": "+16505550123"}, id="snake"
        ),
        pytest.param(
            {"first_name": "Jane", "mobileNumber": "+16505550123"}, id="mixed"
        ),
    ],
)
def test_python_dicts_take_either_name(body: dict[str, Any]) -> None:
    contact = Contact.model_validate(body)

    assert contact == Contact(first_name="Jane", mobile_number="+16505550123")


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        pytest.param(
            {"firstName": "Jane", "first_name": "Jane"},
            ("first_name",),
            id="same-value",
        ),
        pytest.param(
            {"email_as_login_name": False, "emailAsLoginName": True},
            ("email_as_login_name",),
            id="different-values",
        ),
        pytest.param(
            {"transition": {"sendWelcomeEmail": True, "send_welcome_email": True}},
            ("transition", "send_welcome_email"),
            id="nested",
        ),
    ],
)
def test_both_names_for_one_field_is_duplicate_field(
    body: dict[str, Any], loc: Loc
) -> None:
    assert errors_of(body) == [("duplicate_field", loc)]


@pytest.mark.parametrize(
    ("body", "loc", "wire"),
    [
        pytest.param({"first_name": "Jane"}, ("first_name",), "firstName", id="first"),
        pytest.param(
            {"mobile_number": "+16505550123"},
            ("mobile_number",),
            "mobileNumber",
            id="mobile",
        ),
        pytest.param(
            {"transition": {"regional_settings": {}}},
            ("transition", "regional_settings"),
            "regionalSettings",
            id="nested",
        ),
    ],
)
@pytest.mark.parametrize("how", ["json", "wire_names_only"])
def test_snake_case_on_the_wire_is_unknown_field_naming_the_wire_name(
    body: dict[str, Any], loc: Loc, wire: str, how: str
) -> None:
    context: ValidationOptions = {"wire_names_only": how == "wire_names_only"}

    [error] = raw_errors(body, json_input=how == "json", context=context)
    assert (error["type"], error["loc"]) == ("unknown_field", loc)
    assert wire in error["msg"]


def test_wire_names_are_accepted_from_json() -> None:
    text = '{"firstName": "Jane", "emailAsLoginName": false}'

    assert Contact.model_validate_json(text) == Contact(
        first_name="Jane", email_as_login_name=False
    )


@pytest.mark.parametrize(
    ("key", "suggested"),
    [
        pytest.param("emial", "email", id="emial"),
        pytest.param("frstName", "firstName", id="frstName"),
        pytest.param("lastname", "lastName", id="lastname"),
        pytest.param("MobileNumber", "mobileNumber", id="MobileNumber"),
        pytest.param("emailAsLogin", "emailAsLoginName", id="emailAsLogin"),
        pytest.param("transitoin", "transition", id="transitoin"),
    ],
)
def test_typo_is_unknown_field_suggesting_the_known_key(
    key: str, suggested: str
) -> None:
    [error] = raw_errors({key: "x"})

    assert (error["type"], error["loc"]) == ("unknown_field", (key,))
    assert suggested in error["msg"]


def test_unrelated_unknown_key_lists_the_known_keys() -> None:
    [message] = messages_of({"department": "Sales"})

    assert "department" in message
    assert "firstName" in message
    assert "transition" in message


# Nulls are read as absent; an unknown key is rejected whatever its value.


@pytest.mark.parametrize(
    "key",
    [
        "firstName",
        "lastName",
        "email",
        "mobileNumber",
        "emailAsLoginName",
        "transition",
    ],
)
def test_null_is_read_as_absent(key: str) -> None:
    contact = Contact.model_validate({key: None})

    assert contact == Contact()
    assert contact.model_dump(mode="json") == {}


def test_null_inside_nested_objects_is_read_as_absent() -> None:
    body = {
        "transition": {
            "sendWelcomeEmail": None,
            "regionalSettings": {"timezone": None, "timeFormat": "24h"},
        }
    }

    assert Contact.model_validate(body).model_dump(mode="json") == {
        "transition": {"regionalSettings": {"timeFormat": "24h"}}
    }


@pytest.mark.parametrize("json_input", [False, True], ids=["python", "json"])
def test_unknown_key_with_null_value_is_rejected(json_input: bool) -> None:
    body = {"firstName": "Jane", "middleName": None}

    assert errors_of(body, json_input=json_input) == [
        ("unknown_field", ("middleName",))
    ]


# JSON types are strict: no string for a boolean, no number for a string.

STRICT_TYPES = [
    pytest.param(
        {"emailAsLoginName": "true"},
        "bool_type",
        ("emailAsLoginName",),
        id="bool-as-string",
    ),
    pytest.param(
        {"emailAsLoginName": 1}, "bool_type", ("emailAsLoginName",), id="bool-as-number"
    ),
    pytest.param({"firstName": 5}, "string_type", ("firstName",), id="name-as-number"),
    pytest.param(
        {"mobileNumber": 16505550123},
        "string_type",
        ("mobileNumber",),
        id="mobile-as-number",
    ),
    pytest.param({"email": True}, "string_type", ("email",), id="email-as-bool"),
    pytest.param(
        {"transition": {"sendWelcomeEmail": "false"}},
        "bool_type",
        ("transition", "sendWelcomeEmail"),
        id="welcome-as-string",
    ),
    pytest.param(
        {"transition": {"regionalSettings": {"timezone": {"id": 58}}}},
        "string_type",
        ("transition", "regionalSettings", "timezone", "id"),
        id="id-as-number",
    ),
]


@pytest.mark.parametrize(("body", "error_type", "loc"), STRICT_TYPES)
@pytest.mark.parametrize("json_input", [False, True], ids=["python", "json"])
def test_json_types_are_strict(
    body: dict[str, Any], error_type: str, loc: Loc, json_input: bool
) -> None:
    assert errors_of(body, json_input=json_input) == [(error_type, loc)]


@pytest.mark.parametrize(
    ("body", "secret"),
    [
        pytest.param(
            {"email": "Jane Roe <jroe@example.com>"}, "jroe", id="email-display-name"
        ),
        pytest.param({"email": "jr\u00f6e@example.com"}, "jr\u00f6e", id="email-ascii"),
        pytest.param(
            {"mobileNumber": "+4402079460958"}, "2079460958", id="mobile-not-canonical"
        ),
        pytest.param(
            {"mobileNumber": "+15551234567"}, "5551234567", id="mobile-unknown-range"
        ),
        pytest.param({"firstName": "   "}, "'   '", id="blank-name"),
        pytest.param({"secretCode": "hunter22"}, "hunter22", id="unknown-key-value"),
        pytest.param(
            {"first_name": "Janet", "firstName": "Janet"},
            "Janet",
            id="duplicate-field-value",
        ),
    ],
)
def test_redact_keeps_input_values_out_of_messages(
    body: dict[str, Any], secret: str
) -> None:
    assert any(secret in message for message in messages_of(body))
    assert [
        message
        for message in messages_of(body, context={"redact": True})
        if secret in message
    ] == []


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("Ann\u2028Lee", id="line-separator"),
        pytest.param("Ann\u202eeeL", id="right-to-left-override"),
        pytest.param("Ann\u2066Lee\u2069", id="bidi-isolate"),
        pytest.param("Ann\x85Lee", id="next-line"),
    ],
)
def test_names_refuse_line_separators_and_bidi_controls(name: str) -> None:
    assert errors_of({"firstName": name}) == [("control_character", ("firstName",))]


@pytest.mark.parametrize("name", ["Zoë", "O'Brien", "Ja\u200dne", "山田", "محمد"])
def test_names_keep_letters_and_joiners(name: str) -> None:
    assert validate({"firstName": name}).first_name == name


def test_redacted_unknown_key_that_looks_like_data_is_hidden() -> None:
    messages = messages_of(
        {"jane.roe@example.com": "x", "+16505550100": "y"}, context={"redact": True}
    )

    assert len(messages) == 2
    assert not any("jane" in message or "650" in message for message in messages)


def test_redacted_email_errors_do_not_name_characters() -> None:
    messages = messages_of({"email": "josé@example.com"}, context={"redact": True})

    assert messages == ["Email must be ASCII"]
