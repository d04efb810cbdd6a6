"""The request body and its records: the contract's Request and Record tables."""

from __future__ import annotations

import json
from typing import Any

import pytest
from checking import Loc, ModelCheck
from pydantic import ValidationError

from provisioning_schema import (
    BatchProvisionUsersRequest,
    BatchProvisionUsersRequestItem,
    BatchProvisionUsersRequestItemDevices,
    BatchProvisionUsersRequestItemRoles,
    BatchProvisionUsersRequestItemStatus,
    Contact,
    CostCenter,
    DeviceDefinition,
    DeviceType,
    EmergencyLocation,
    EmergencyLocationReference,
    PhoneNumberDefinitionTollType,
    TollType,
)
from provisioning_schema.options import ValidationOptions

DEVICE = {
    "deviceInfo": {
        "type": "OtherPhone",
        "emergency": {"location": {"id": "1009"}},
        "phoneInfo": {"tollType": "Toll"},
    }
}


def record(**changes: Any) -> dict[str, Any]:
    """A valid wire record, with some members replaced (None removes one)."""
    body: dict[str, Any] = {
        "status": "Enabled",
        "contact": {"firstName": "Jane", "lastName": "Roe"},
    }
    body.update(changes)
    return {key: value for key, value in body.items() if value is not None}


def request(*records: dict[str, Any]) -> dict[str, Any]:
    return {"records": list(records)}


_check = ModelCheck(BatchProvisionUsersRequest)
validate = _check.validate
raw_errors = _check.raw_errors
errors_of = _check.errors_of
messages_of = _check.messages_of


@pytest.mark.parametrize("count", [1, 2, 10])
def test_records_count_within_limits(count: int) -> None:
    body = request(*(record(extensionNumber=f"{100 + i}") for i in range(count)))

    assert len(BatchProvisionUsersRequest.model_validate(body).records) == count


@pytest.mark.parametrize(
    ("body", "error_type", "loc"),
    [
        pytest.param({"records": []}, "records_count", ("records",), id="empty"),
        pytest.param(
            request(*(record() for _ in range(11))),
            "records_count",
            ("records",),
            id="eleven",
        ),
        pytest.param({}, "missing", ("records",), id="missing"),
        pytest.param(
            {"records": record()}, "array_expected", ("records",), id="object-not-array"
        ),
        pytest.param({"records": "Jane"}, "array_expected", ("records",), id="string"),
        pytest.param(
            {"records": ["Jane"]}, "object_expected", ("records", 0), id="string-record"
        ),
    ],
)
def test_invalid_request(body: Any, error_type: str, loc: Loc) -> None:
    assert errors_of(body) == [(error_type, loc)]


def test_unknown_top_level_key_suggests_records() -> None:
    body = {"record": [record()]}

    [unknown, missing] = raw_errors(body)

    assert (unknown["type"], unknown["loc"]) == ("unknown_field", ("record",))
    assert "records" in unknown["msg"]
    assert (missing["type"], missing["loc"]) == ("missing", ("records",))


# Record: status.


@pytest.mark.parametrize(
    "status",
    [
        pytest.param("enabled", id="lower-case"),
        pytest.param("ENABLED", id="upper-case"),
        pytest.param("Enabled ", id="trailing-space"),
        pytest.param("Disabled", id="disabled"),
        pytest.param("NotActivated", id="not-activated"),
        pytest.param("Unassigned", id="unassigned"),
        pytest.param("", id="empty"),
        pytest.param(True, id="boolean"),
        pytest.param(1, id="number"),
    ],
)
def test_status_other_than_enabled_is_rejected(status: object) -> None:
    body = request(record(status=status))

    assert errors_of(body) == [("status_not_enabled", ("records", 0, "status"))]
    assert '"Enabled"' in messages_of(body)[0]


def test_status_missing() -> None:
    assert errors_of(request(record(status=None))) == [
        ("missing", ("records", 0, "status"))
    ]


@pytest.mark.parametrize(
    "status",
    [
        pytest.param("Enabled", id="string"),
        pytest.param(BatchProvisionUsersRequestItemStatus.ENABLED, id="enum"),
    ],
)
def test_status_enabled(status: object) -> None:
    parsed = BatchProvisionUsersRequestItem.model_validate(record(status=status))

    assert parsed.status is BatchProvisionUsersRequestItemStatus.ENABLED


# Record: the optional members, valid and invalid.


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"extensionNumber": "101"}, id="extension"),
        pytest.param({"extensionNumber": "0042"}, id="extension-leading-zeros"),
        pytest.param({"extensionNumber": "12345678"}, id="extension-8-digits"),
        pytest.param({"costCenter": {"id": "224149"}}, id="cost-center"),
        pytest.param({"roles": [{"id": "1"}]}, id="one-role"),
        pytest.param({"roles": []}, id="no-roles"),
        pytest.param({"devices": [DEVICE]}, id="one-device"),
        pytest.param({"devices": []}, id="no-devices"),
        pytest.param({"sendWelcomeEmail": False}, id="welcome-false"),
        pytest.param({"sendWelcomeEmail": True}, id="welcome-true"),
        pytest.param(
            {
                "sendWelcomeEmail": False,
                "contact": {"transition": {"sendWelcomeEmail": False}},
            },
            id="welcome-agrees-with-transition",
        ),
        pytest.param(
            {"contact": {"transition": {"sendWelcomeEmail": False}}},
            id="welcome-only-in-transition",
        ),
        pytest.param({"contact": {}}, id="empty-contact"),
    ],
)
def test_valid_record_dumps_back_to_its_input(changes: dict[str, Any]) -> None:
    body = record(**changes)

    assert (
        BatchProvisionUsersRequestItem.model_validate(body).model_dump(mode="json")
        == body
    )


INVALID_RECORDS = [
    pytest.param({"contact": None}, "missing", ("contact",), id="contact-missing"),
    pytest.param(
        {"contact": "Jane Roe"}, "object_expected", ("contact",), id="contact-string"
    ),
    pytest.param(
        {"contact": {"mobileNumber": "+1650555CALL"}},
        "e164_format",
        ("contact", "mobileNumber"),
        id="contact-mobile",
    ),
    pytest.param(
        {"extensionNumber": "10"},
        "extension_number_format",
        ("extensionNumber",),
        id="extension-2-digits",
    ),
    pytest.param(
        {"extensionNumber": "123456789"},
        "extension_number_format",
        ("extensionNumber",),
        id="extension-9-digits",
    ),
    pytest.param(
        {"extensionNumber": "101\n"},
        "extension_number_format",
        ("extensionNumber",),
        id="extension-newline",
    ),
    pytest.param(
        {"extensionNumber": "ext101"},
        "extension_number_format",
        ("extensionNumber",),
        id="extension-letters",
    ),
    pytest.param(
        {"extensionNumber": 101},
        "string_type",
        ("extensionNumber",),
        id="extension-number",
    ),
    pytest.param(
        {"costCenter": "224149"},
        "object_expected",
        ("costCenter",),
        id="cost-center-string",
    ),
    pytest.param(
        {"costCenter": {}}, "missing", ("costCenter", "id"), id="cost-center-without-id"
    ),
    pytest.param(
        {"costCenter": {"id": ""}},
        "string_too_short",
        ("costCenter", "id"),
        id="cost-center-empty-id",
    ),
    pytest.param(
        {"costCenter": {"id": "  "}},
        "blank_string",
        ("costCenter", "id"),
        id="cost-center-blank-id",
    ),
    pytest.param(
        {"costCenter": {"id": 224149}},
        "string_type",
        ("costCenter", "id"),
        id="cost-center-id-number",
    ),
    pytest.param(
        {"costCenter": {"id": "1", "name": "Sales"}},
        "unknown_field",
        ("costCenter", "name"),
        id="cost-center-unknown-key",
    ),
    pytest.param({"roles": "1"}, "array_expected", ("roles",), id="roles-string"),
    pytest.param(
        {"roles": {"id": "1"}}, "array_expected", ("roles",), id="roles-object"
    ),
    pytest.param(
        {"roles": ["1"]}, "object_expected", ("roles", 0), id="roles-item-string"
    ),
    pytest.param(
        {"roles": [{"id": "1"}, {"id": "2"}]}, "too_long", ("roles",), id="two-roles"
    ),
    pytest.param({"roles": [{}]}, "missing", ("roles", 0, "id"), id="role-without-id"),
    pytest.param(
        {"roles": [{"id": " "}]}, "blank_string", ("roles", 0, "id"), id="role-blank-id"
    ),
    pytest.param(
        {"devices": DEVICE}, "array_expected", ("devices",), id="devices-object"
    ),
    pytest.param(
        {"devices": [DEVICE, DEVICE]}, "too_long", ("devices",), id="two-devices"
    ),
    pytest.param(
        {"devices": [{}]},
        "missing",
        ("devices", 0, "deviceInfo"),
        id="device-without-device-info",
    ),
    pytest.param(
        {"devices": [{"deviceInfo": {**DEVICE["deviceInfo"], "phoneInfo": {}}}]},
        "phone_info_form",
        ("devices", 0, "deviceInfo", "phoneInfo"),
        id="device-phone-info",
    ),
    pytest.param(
        {"sendWelcomeEmail": "true"},
        "bool_type",
        ("sendWelcomeEmail",),
        id="welcome-string",
    ),
    pytest.param(
        {"sendWelcomeEmail": 1}, "bool_type", ("sendWelcomeEmail",), id="welcome-number"
    ),
    pytest.param(
        {
            "sendWelcomeEmail": True,
            "contact": {"transition": {"sendWelcomeEmail": False}},
        },
        "welcome_email_conflict",
        ("sendWelcomeEmail",),
        id="welcome-conflict-true",
    ),
    pytest.param(
        {
            "sendWelcomeEmail": False,
            "contact": {"transition": {"sendWelcomeEmail": True}},
        },
        "welcome_email_conflict",
        ("sendWelcomeEmail",),
        id="welcome-conflict-false",
    ),
    pytest.param(
        {"contact": {"emailAsLoginName": True}},
        "login_email_missing",
        ("contact", "email"),
        id="login-email-true-without-email",
    ),
    pytest.param(
        {"department": "Sales"}, "unknown_field", ("department",), id="unknown-key"
    ),
    pytest.param(
        {"extensionNumbr": "101"}, "unknown_field", ("extensionNumbr",), id="typo"
    ),
]


@pytest.mark.parametrize(("changes", "error_type", "loc"), INVALID_RECORDS)
def test_invalid_record(changes: dict[str, Any], error_type: str, loc: Loc) -> None:
    body = request(record(), record(**changes))

    assert errors_of(body) == [(error_type, ("records", 1, *loc))]


def test_device_not_wrapped_in_device_info() -> None:
    body = request(record(devices=[DEVICE["deviceInfo"]]))

    assert sorted(errors_of(body), key=str) == [
        ("missing", ("records", 0, "devices", 0, "deviceInfo")),
        ("unknown_field", ("records", 0, "devices", 0, "emergency")),
        ("unknown_field", ("records", 0, "devices", 0, "phoneInfo")),
        ("unknown_field", ("records", 0, "devices", 0, "type")),
    ]


@pytest.mark.parametrize(
    ("changes", "suggested"),
    [
        pytest.param({"extensionNumbr": "101"}, "extensionNumber", id="extensionNumbr"),
        pytest.param(
            {"sendWelcomeMail": True}, "sendWelcomeEmail", id="sendWelcomeMail"
        ),
        pytest.param({"costcenter": {"id": "1"}}, "costCenter", id="costcenter"),
        pytest.param({"Status": "Enabled", "status": None}, "status", id="Status"),
        pytest.param({"role": [{"id": "1"}]}, "roles", id="role"),
    ],
)
def test_typo_in_record_suggests_the_known_key(
    changes: dict[str, Any], suggested: str
) -> None:
    unknown = [m for m in messages_of(request(record(**changes))) if "Unknown" in m]

    assert len(unknown) == 1
    assert suggested in unknown[0]


@pytest.mark.parametrize(
    ("changes", "shape"),
    [
        pytest.param({"roles": "1"}, '[{"id": "1"}]', id="roles"),
        pytest.param({"roles": ["1"]}, '{"id": "1"}', id="role-item"),
        pytest.param({"costCenter": "224149"}, '{"id": "224149"}', id="cost-center"),
    ],
)
def test_shape_errors_show_the_expected_shape(
    changes: dict[str, Any], shape: str
) -> None:
    [message] = messages_of(request(record(**changes)))

    assert shape in message


@pytest.mark.parametrize(
    ("longest", "number", "errors"),
    [
        pytest.param(4, "1234", [], id="at-limit"),
        pytest.param(
            4,
            "12345",
            [("extension_number_too_long", ("records", 0, "extensionNumber"))],
            id="over-limit",
        ),
        pytest.param(
            3,
            "0101",
            [("extension_number_too_long", ("records", 0, "extensionNumber"))],
            id="leading-zero-counts",
        ),
    ],
)
def test_account_max_extension_length(
    longest: int, number: str, errors: list[tuple[str, Loc]]
) -> None:
    body = request(record(extensionNumber=number))
    context: ValidationOptions = {"max_extension_length": longest}

    if errors:
        assert errors_of(body, context=context) == errors
    else:
        BatchProvisionUsersRequest.model_validate(body, context=context)


# Null is absent; the wire takes wire names only; JSON types are strict.


@pytest.mark.parametrize(
    "key",
    ["extensionNumber", "costCenter", "roles", "devices", "sendWelcomeEmail"],
)
def test_null_optional_member_is_read_as_absent(key: str) -> None:
    parsed = BatchProvisionUsersRequestItem.model_validate({**record(), key: None})

    assert parsed == BatchProvisionUsersRequestItem.model_validate(record())
    assert parsed.model_dump(mode="json") == record()


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        pytest.param(
            request({**record(), "status": None}), ("records", 0, "status"), id="status"
        ),
        pytest.param(
            request({**record(), "contact": None}),
            ("records", 0, "contact"),
            id="contact",
        ),
        pytest.param({"records": None}, ("records",), id="records"),
    ],
)
def test_null_required_member_is_read_as_missing(body: Any, loc: Loc) -> None:
    assert errors_of(body) == [("missing", loc)]


@pytest.mark.parametrize("json_input", [False, True], ids=["python", "json"])
def test_unknown_key_with_null_value_is_rejected(json_input: bool) -> None:
    body = request({**record(), "location": None})

    assert errors_of(body, json_input=json_input) == [
        ("unknown_field", ("records", 0, "location"))
    ]


SNAKE_CASE_RECORD = {
    "status": "Enabled",
    "contact": {"first_name": "Jane", "email_as_login_name": False},
    "extension_number": "101",
    "cost_center": {"id": "224149"},
    "send_welcome_email": False,
    "devices": [
        {
            "device_info": {
                "type": "WebRTC",
                "emergency": {"location": {"id": "1009"}},
                "phone_info": {"toll_type": "TollFree"},
                "contact_center_phone_line": True,
            }
        }
    ],
}
WIRE_RECORD = {
    "status": "Enabled",
    "contact": {"firstName": "Jane", "emailAsLoginName": False},
    "extensionNumber": "101",
    "costCenter": {"id": "224149"},
    "sendWelcomeEmail": False,
    "devices": [
        {
            "deviceInfo": {
                "type": "WebRTC",
                "emergency": {"location": {"id": "1009"}},
                "phoneInfo": {"tollType": "TollFree"},
                "contactCenterPhoneLine": True,
            }
        }
    ],
}


def test_python_dicts_take_snake_case_names() -> None:
    from_python = BatchProvisionUsersRequest.model_validate(request(SNAKE_CASE_RECORD))
    from_wire = BatchProvisionUsersRequest.model_validate(request(WIRE_RECORD))

    assert from_python == from_wire
    assert from_python.model_dump(mode="json") == request(WIRE_RECORD)


SNAKE_CASE_ON_THE_WIRE = [
    ("records", 0, "extension_number"),
    ("records", 0, "cost_center"),
    ("records", 0, "send_welcome_email"),
    ("records", 0, "devices", 0, "device_info"),
    ("records", 0, "contact", "first_name"),
    ("records", 0, "contact", "email_as_login_name"),
]


@pytest.mark.parametrize("how", ["json", "wire_names_only"])
def test_snake_case_on_the_wire_is_unknown_field(how: str) -> None:
    body = request(SNAKE_CASE_RECORD)
    if how == "json":
        errors = errors_of(body, json_input=True)
    else:
        errors = errors_of(body, context={"wire_names_only": True})

    unknown = [loc for error_type, loc in errors if error_type == "unknown_field"]

    assert sorted(unknown, key=str) == sorted(SNAKE_CASE_ON_THE_WIRE, key=str)


@pytest.mark.parametrize(
    ("key", "wire"),
    [
        ("extension_number", "extensionNumber"),
        ("cost_center", "costCenter"),
        ("send_welcome_email", "sendWelcomeEmail"),
    ],
)
def test_snake_case_on_the_wire_names_the_wire_name(key: str, wire: str) -> None:
    body = request({**record(), key: WIRE_RECORD[wire]})

    [error] = raw_errors(body, json_input=True)

    assert (error["type"], error["loc"]) == ("unknown_field", ("records", 0, key))
    assert wire in error["msg"]


def test_both_names_for_one_field_is_duplicate_field() -> None:
    body = request({**record(), "extensionNumber": "101", "extension_number": "101"})

    assert errors_of(body) == [("duplicate_field", ("records", 0, "extension_number"))]


@pytest.mark.parametrize(
    ("changes", "error_type", "loc"),
    [
        pytest.param(
            {"sendWelcomeEmail": "true"},
            "bool_type",
            ("sendWelcomeEmail",),
            id="bool-as-string",
        ),
        pytest.param(
            {"extensionNumber": 101},
            "string_type",
            ("extensionNumber",),
            id="extension-as-number",
        ),
        pytest.param(
            {"costCenter": {"id": 224149}},
            "string_type",
            ("costCenter", "id"),
            id="id-as-number",
        ),
        pytest.param(
            {"status": ["Enabled"]},
            "status_not_enabled",
            ("status",),
            id="status-as-array",
        ),
    ],
)
def test_json_types_are_strict_in_json(
    changes: dict[str, Any], error_type: str, loc: Loc
) -> None:
    body = request(record(**changes))

    assert errors_of(body, json_input=True) == [(error_type, ("records", 0, *loc))]


# Uniqueness across the request.


def test_duplicate_extension_number_names_both_records() -> None:
    body = request(
        record(extensionNumber="101"),
        record(extensionNumber="102"),
        record(extensionNumber="101"),
    )

    assert errors_of(body) == [
        ("duplicate_extension_number", ("records", 2, "extensionNumber"))
    ]
    assert "records[0]" in messages_of(body)[0]


def test_extension_numbers_with_different_leading_zeros_are_distinct() -> None:
    body = request(record(extensionNumber="0101"), record(extensionNumber="101"))

    assert len(BatchProvisionUsersRequest.model_validate(body).records) == 2


def contact(email: str, login: bool | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"email": email}
    if login is not None:
        body["emailAsLoginName"] = login
    return body


@pytest.mark.parametrize(
    ("first", "second", "errors"),
    [
        pytest.param(
            contact("jane.roe@example.com"),
            contact("jane.roe@example.com"),
            [("duplicate_login_email", ("records", 1, "contact", "email"))],
            id="same",
        ),
        pytest.param(
            contact("Jane.Roe@Example.com"),
            contact("jane.roe@EXAMPLE.COM"),
            [("duplicate_login_email", ("records", 1, "contact", "email"))],
            id="case-insensitive",
        ),
        pytest.param(
            contact("jroe@example.com", True),
            contact("JROE@example.com"),
            [("duplicate_login_email", ("records", 1, "contact", "email"))],
            id="true-and-absent",
        ),
        pytest.param(
            contact("jroe@example.com", False),
            contact("jroe@example.com"),
            [],
            id="first-not-login",
        ),
        pytest.param(
            contact("jroe@example.com"),
            contact("jroe@example.com", False),
            [],
            id="second-not-login",
        ),
        pytest.param(
            contact("jroe@example.com", False),
            contact("jroe@example.com", False),
            [],
            id="neither-login",
        ),
        pytest.param(
            contact("jroe@example.com"),
            contact("jroe@example.org"),
            [],
            id="different-domains",
        ),
    ],
)
def test_duplicate_login_email(
    first: dict[str, Any], second: dict[str, Any], errors: list[tuple[str, Loc]]
) -> None:
    body = request(record(contact=first), record(contact=second))

    if errors:
        assert errors_of(body) == errors
    else:
        BatchProvisionUsersRequest.model_validate(body)


def test_all_errors_of_a_request_are_collected() -> None:
    body = request(
        record(extensionNumber="101", contact=contact("jroe@example.com")),
        record(status="Disabled", extensionNumber="1x", contact={"emial": "x"}),
        record(extensionNumber="101", contact=contact("JRoe@Example.com")),
    )

    assert sorted(errors_of(body), key=str) == sorted(
        [
            ("status_not_enabled", ("records", 1, "status")),
            ("extension_number_format", ("records", 1, "extensionNumber")),
            ("unknown_field", ("records", 1, "contact", "emial")),
            ("duplicate_extension_number", ("records", 2, "extensionNumber")),
            ("duplicate_login_email", ("records", 2, "contact", "email")),
        ],
        key=str,
    )


def test_too_many_records_still_reports_each_record() -> None:
    body = request(*(record() for _ in range(10)), record(status="Active"))

    errors = errors_of(body)

    assert ("records_count", ("records",)) in errors
    assert ("status_not_enabled", ("records", 10, "status")) in errors


def test_error_locations_are_wire_paths() -> None:
    body = request(
        *(record(extensionNumber=f"{200 + i}") for i in range(3)),
        record(contact={"mobileNumber": "+1 650 555 0123"}),
    )

    assert errors_of(body) == [
        ("e164_format", ("records", 3, "contact", "mobileNumber"))
    ]


# Python construction and dumps.


def test_python_keywords_are_snake_case() -> None:
    item = BatchProvisionUsersRequestItem(
        status=BatchProvisionUsersRequestItemStatus.ENABLED,
        contact=Contact(first_name="Jane", email="jane.roe@example.com"),
        extension_number="101",
        cost_center=CostCenter(id_="224149"),
        roles=[BatchProvisionUsersRequestItemRoles(id_="1")],
        devices=[
            BatchProvisionUsersRequestItemDevices(
                device_info=DeviceDefinition(
                    type_=DeviceType.OTHER_PHONE,
                    emergency=EmergencyLocation(
                        location=EmergencyLocationReference(id_="1009")
                    ),
                    phone_info=PhoneNumberDefinitionTollType(toll_type=TollType.TOLL),
                )
            )
        ],
        send_welcome_email=True,
    )

    assert BatchProvisionUsersRequest(records=[item]).model_dump(
        mode="json"
    ) == request(
        {
            "status": "Enabled",
            "contact": {"firstName": "Jane", "email": "jane.roe@example.com"},
            "extensionNumber": "101",
            "costCenter": {"id": "224149"},
            "roles": [{"id": "1"}],
            "devices": [DEVICE],
            "sendWelcomeEmail": True,
        }
    )


@pytest.mark.parametrize("dump", ["python", "json", "json-text"])
def test_dumps_are_camel_case_without_nulls(dump: str) -> None:
    parsed = BatchProvisionUsersRequest.model_validate(
        request(record(extensionNumber="101", contact={"firstName": "Jane"}))
    )
    expected = request(
        {
            "status": "Enabled",
            "contact": {"firstName": "Jane"},
            "extensionNumber": "101",
        }
    )

    if dump == "python":
        dumped = parsed.model_dump()
    elif dump == "json":
        dumped = parsed.model_dump(mode="json")
    else:
        dumped = json.loads(parsed.model_dump_json())

    assert dumped == expected


# Redaction: no message carries an input value.


REDACTED_VALUES = {
    "status": "Suspended",
    "extensionNumber": "98x76",
    "email": "Jane Roe <jroe.secret@example.com>",
    "mobileNumber": "+4402079460958",
    "unknown": "hunter22",
    "costCenter": "C-991",
}


def test_redact_keeps_every_input_value_out_of_the_messages() -> None:
    values = REDACTED_VALUES
    body = request(
        record(extensionNumber="5501", contact={"email": "ann.lee@example.com"}),
        record(
            status=values["status"],
            extensionNumber=values["extensionNumber"],
            contact={"email": values["email"], "mobileNumber": values["mobileNumber"]},
            costCenter=values["costCenter"],
            secretNote=values["unknown"],
        ),
        record(extensionNumber="5501", contact={"email": "Ann.Lee@example.com"}),
    )
    secrets = [*values.values(), "5501", "ann.lee", "Ann.Lee", "2079460958", "jroe"]

    shown = messages_of(body)
    redacted = messages_of(body, context={"redact": True})

    assert len(redacted) == len(shown) == 8
    assert all(
        any(secret in message for message in shown) for secret in values.values()
    )
    assert [m for m in redacted if any(secret in m for secret in secrets)] == []


def test_printed_errors_leave_input_values_out_when_redacted() -> None:
    body = request(
        record(contact={"email": "Jane Roe <jroe@example.com>"}),
        record(contact={"mobileNumber": "+1 650-555-0199"}),
    )

    with pytest.raises(ValidationError) as caught:
        validate(body, context={"redact": True})

    printed = str(caught.value)
    assert "e164_format" in printed
    assert "jroe" not in printed
    assert "650" not in printed


@pytest.mark.parametrize(
    ("key", "shown"),
    [
        pytest.param("a\n\x1b[31mFAKE", "'a\\n\\x1b[31mFAKE'", id="line-break-escape"),
        pytest.param("\ud800", "'\\ud800'", id="lone-surrogate"),
        pytest.param("k" * 500, "'" + "k" * 56 + "...", id="long"),
    ],
)
def test_unknown_keys_are_shown_escaped_and_short(key: str, shown: str) -> None:
    body = request(record(contact={key: "x"}), record(status="enabled"))

    errors = raw_errors(body)

    # Pydantic's own location holds the key lossily when it is not UTF-8.
    assert [(error["type"], error["loc"][:3]) for error in errors] == [
        ("unknown_field", ("records", 0, "contact")),
        ("status_not_enabled", ("records", 1, "status")),
    ]
    assert errors[0]["msg"].startswith(f"Unknown field {shown}")
    assert "\n" not in errors[0]["msg"]
