"""DeviceDefinition: device type, emergency forms, phoneInfo forms, postal address."""

from __future__ import annotations

import json
from typing import Any

import pytest
from checking import Loc, ModelCheck

from provisioning_schema import (
    DeviceDefinition,
    DeviceType,
    EmergencyAddress,
    EmergencyLocation,
    EmergencyLocationReference,
    PhoneNumberDefinitionDirectNumberType,
    PhoneNumberDefinitionDirectNumberWithReservationId,
    PhoneNumberDefinitionNumberId,
    PhoneNumberDefinitionPreferredAreaCode,
    PhoneNumberDefinitionTollType,
    PhoneNumberType,
    PostalAddress,
    TollType,
)
from provisioning_schema.options import ValidationOptions

LOCATION = {"location": {"id": "1009"}}
ADDRESS = {
    "street": "20 Davis Dr",
    "city": "Belmont",
    "state": "CA",
    "zip": "94002",
    "country": "US",
}


def device(**changes: Any) -> dict[str, Any]:
    """A valid wire device, with some members replaced (None removes one)."""
    body: dict[str, Any] = {
        "type": "OtherPhone",
        "emergency": LOCATION,
        "phoneInfo": {"tollType": "Toll"},
    }
    body.update(changes)
    return {key: value for key, value in body.items() if value is not None}


_check = ModelCheck(DeviceDefinition)
validate = _check.validate
raw_errors = _check.raw_errors
errors_of = _check.errors_of


@pytest.mark.parametrize("device_type", ["OtherPhone", "WebRTC"])
def test_device_type_accepts(device_type: str) -> None:
    parsed = DeviceDefinition.model_validate(device(type=device_type))

    assert parsed.type_ == DeviceType(device_type)


@pytest.mark.parametrize(
    ("value", "error_type"),
    [
        pytest.param("otherphone", "enum", id="lower-case"),
        pytest.param("WebRtc", "enum", id="casing"),
        pytest.param("HardPhone", "enum", id="not-byod"),
        pytest.param("", "enum", id="empty"),
        pytest.param(1, "enum", id="number"),
    ],
)
def test_device_type_rejects(value: object, error_type: str) -> None:
    assert errors_of(device(type=value)) == [(error_type, ("type",))]


@pytest.mark.parametrize(
    "key",
    [
        pytest.param("type", id="type"),
        pytest.param("emergency", id="emergency"),
        pytest.param("phoneInfo", id="phoneInfo"),
    ],
)
def test_required_device_members(key: str) -> None:
    body = device()
    del body[key]

    assert errors_of(body) == [("missing", (key,))]


@pytest.mark.parametrize("value", [True, False])
def test_contact_center_phone_line_is_an_optional_boolean(value: bool) -> None:
    parsed = DeviceDefinition.model_validate(device(contactCenterPhoneLine=value))

    assert parsed.contact_center_phone_line is value


@pytest.mark.parametrize(
    ("value", "error_type"),
    [
        pytest.param("true", "bool_type", id="string"),
        pytest.param(0, "bool_type", id="number"),
    ],
)
@pytest.mark.parametrize("json_input", [False, True], ids=["python", "json"])
def test_contact_center_phone_line_is_strict(
    value: object, error_type: str, json_input: bool
) -> None:
    body = device(contactCenterPhoneLine=value)

    assert errors_of(body, json_input=json_input) == [
        (error_type, ("contactCenterPhoneLine",))
    ]


# Emergency: exactly one of {location} or the deprecated {address}.


@pytest.mark.parametrize(
    ("emergency", "form"),
    [
        pytest.param(LOCATION, EmergencyLocation, id="location"),
        pytest.param({"address": ADDRESS}, EmergencyAddress, id="address"),
    ],
)
def test_emergency_forms(emergency: dict[str, Any], form: type[Any]) -> None:
    parsed = DeviceDefinition.model_validate(device(emergency=emergency))

    assert type(parsed.emergency) is form
    assert parsed.model_dump(mode="json")["emergency"] == emergency


@pytest.mark.parametrize(
    ("emergency", "error_type", "loc"),
    [
        pytest.param(
            {"location": {"id": "1009"}, "address": ADDRESS},
            "unknown_field",
            ("emergency", "address"),
            id="both",
        ),
        pytest.param({}, "emergency_form", ("emergency",), id="neither"),
        pytest.param(
            {"id": "1009"}, "emergency_form", ("emergency",), id="id-without-location"
        ),
        pytest.param("1009", "emergency_form", ("emergency",), id="string"),
        pytest.param([LOCATION], "emergency_form", ("emergency",), id="array"),
        pytest.param(
            {"location": {}},
            "missing",
            ("emergency", "location", "id"),
            id="location-without-id",
        ),
        pytest.param(
            {"location": {"id": ""}},
            "string_too_short",
            ("emergency", "location", "id"),
            id="location-empty-id",
        ),
        pytest.param(
            {"location": {"id": 1009}},
            "string_type",
            ("emergency", "location", "id"),
            id="location-id-number",
        ),
        pytest.param(
            {"location": "1009"},
            "object_expected",
            ("emergency", "location"),
            id="location-string",
        ),
        pytest.param(
            {"address": "20 Davis Dr"},
            "object_expected",
            ("emergency", "address"),
            id="address-string",
        ),
    ],
)
def test_invalid_emergency(emergency: Any, error_type: str, loc: Loc) -> None:
    assert errors_of(device(emergency=emergency)) == [(error_type, loc)]


def test_emergency_both_forms_names_the_one_form() -> None:
    body = device(emergency={"location": {"id": "1009"}, "address": ADDRESS})

    [error] = raw_errors(body)

    assert "location" in error["msg"]


# PostalAddress: lengths, required members and the country code.


@pytest.mark.parametrize(
    "address",
    [
        pytest.param(
            {"street": "S" * 256, "city": "C" * 64, "zip": "9" * 10, "country": "US"},
            id="at-every-limit",
        ),
        pytest.param(
            {**ADDRESS, "street2": "Suite 100", "state": "S" * 64},
            id="optional-members",
        ),
        pytest.param(
            {
                "street": "1 Rue de Rivoli",
                "city": "Paris",
                "zip": "75001",
                "country": "FR",
            },
            id="FR",
        ),
        pytest.param(
            {
                "street": "10 Downing St",
                "city": "London",
                "zip": "SW1A 2AA",
                "country": "GB",
            },
            id="GB-zip-with-space",
        ),
    ],
)
def test_postal_address_accepts(address: dict[str, Any]) -> None:
    parsed = DeviceDefinition.model_validate(device(emergency={"address": address}))

    assert parsed.model_dump(mode="json")["emergency"] == {"address": address}


@pytest.mark.parametrize(
    ("changes", "error_type", "member"),
    [
        pytest.param(
            {"street": "S" * 257}, "string_too_long", "street", id="street-257"
        ),
        pytest.param(
            {"street2": "S" * 257}, "string_too_long", "street2", id="street2-257"
        ),
        pytest.param({"city": "C" * 65}, "string_too_long", "city", id="city-65"),
        pytest.param({"state": "S" * 65}, "string_too_long", "state", id="state-65"),
        pytest.param({"zip": "9" * 11}, "string_too_long", "zip", id="zip-11"),
        pytest.param({"zip": 94002}, "string_type", "zip", id="zip-number"),
        pytest.param(
            {"country": "us"}, "country_code", "country", id="country-lower-case"
        ),
        pytest.param(
            {"country": "USA"}, "country_code", "country", id="country-alpha-3"
        ),
        pytest.param({"country": "UK"}, "country_code", "country", id="country-UK"),
        pytest.param(
            {"country": "United States"}, "country_code", "country", id="country-name"
        ),
        pytest.param({"street": None}, "missing", "street", id="street-missing"),
        pytest.param({"city": None}, "missing", "city", id="city-missing"),
        pytest.param({"zip": None}, "missing", "zip", id="zip-missing"),
        pytest.param({"country": None}, "missing", "country", id="country-missing"),
        pytest.param(
            {"county": "San Mateo"}, "unknown_field", "county", id="unknown-key"
        ),
    ],
)
def test_invalid_postal_address(
    changes: dict[str, Any], error_type: str, member: str
) -> None:
    address = {**ADDRESS, **changes}
    address = {key: value for key, value in address.items() if value is not None}

    assert errors_of(device(emergency={"address": address})) == [
        (error_type, ("emergency", "address", member))
    ]


# phoneInfo: five closed forms, chosen from the keys present.


PHONE_INFO_FORMS = [
    pytest.param({"tollType": "Toll"}, PhoneNumberDefinitionTollType, id="toll"),
    pytest.param(
        {"tollType": "TollFree", "type": "VoiceOnly"},
        PhoneNumberDefinitionTollType,
        id="toll-free-with-type",
    ),
    pytest.param(
        {"preferredAreaCode": "650"},
        PhoneNumberDefinitionPreferredAreaCode,
        id="area-code",
    ),
    pytest.param(
        {"preferredAreaCode": "20", "tollType": "Toll", "type": "FaxOnly"},
        PhoneNumberDefinitionPreferredAreaCode,
        id="area-code-toll-type",
    ),
    pytest.param(
        {"phoneNumber": "+16505550123"},
        PhoneNumberDefinitionDirectNumberWithReservationId,
        id="number",
    ),
    pytest.param(
        {"phoneNumber": "+442079460958", "reservationId": "R-77"},
        PhoneNumberDefinitionDirectNumberWithReservationId,
        id="number-reservation",
    ),
    pytest.param(
        {"phoneNumberId": "3001"}, PhoneNumberDefinitionNumberId, id="number-id"
    ),
    pytest.param(
        {"phoneNumber": "+4930901820", "type": "VoiceFax"},
        PhoneNumberDefinitionDirectNumberType,
        id="number-type",
    ),
]


@pytest.mark.parametrize(("phone_info", "form"), PHONE_INFO_FORMS)
def test_phone_info_forms(phone_info: dict[str, Any], form: type[Any]) -> None:
    parsed = DeviceDefinition.model_validate(device(phoneInfo=phone_info))

    assert type(parsed.phone_info) is form
    assert parsed.model_dump(mode="json")["phoneInfo"] == phone_info


@pytest.mark.parametrize(("phone_info", "form"), PHONE_INFO_FORMS)
def test_phone_info_forms_from_json(
    phone_info: dict[str, Any], form: type[Any]
) -> None:
    parsed = DeviceDefinition.model_validate_json(
        json.dumps(device(phoneInfo=phone_info))
    )

    assert type(parsed.phone_info) is form


@pytest.mark.parametrize(
    ("phone_info", "error_type", "loc"),
    [
        pytest.param({}, "phone_info_form", ("phoneInfo",), id="empty"),
        pytest.param(
            {"type": "VoiceOnly"}, "phone_info_form", ("phoneInfo",), id="type-alone"
        ),
        pytest.param(
            {"reservationId": "R-77"},
            "phone_info_form",
            ("phoneInfo",),
            id="reservation-alone",
        ),
        pytest.param("Toll", "phone_info_form", ("phoneInfo",), id="string"),
        pytest.param(
            [{"tollType": "Toll"}], "phone_info_form", ("phoneInfo",), id="array"
        ),
        pytest.param(
            {"tollType": "toll"},
            "enum",
            ("phoneInfo", "tollType"),
            id="toll-type-casing",
        ),
        pytest.param(
            {"tollType": "Free"},
            "enum",
            ("phoneInfo", "tollType"),
            id="toll-type-unknown",
        ),
        pytest.param(
            {"tollType": "Toll", "type": "Voice"},
            "enum",
            ("phoneInfo", "type"),
            id="type-unknown",
        ),
        pytest.param(
            {"preferredAreaCode": "065"},
            "area_code_format",
            ("phoneInfo", "preferredAreaCode"),
            id="area-code-leading-zero",
        ),
        pytest.param(
            {"preferredAreaCode": "6"},
            "area_code_format",
            ("phoneInfo", "preferredAreaCode"),
            id="area-code-1-digit",
        ),
        pytest.param(
            {"preferredAreaCode": "65012"},
            "area_code_format",
            ("phoneInfo", "preferredAreaCode"),
            id="area-code-5-digits",
        ),
        pytest.param(
            {"preferredAreaCode": "650\n"},
            "area_code_format",
            ("phoneInfo", "preferredAreaCode"),
            id="area-code-newline",
        ),
        pytest.param(
            {"preferredAreaCode": 650},
            "string_type",
            ("phoneInfo", "preferredAreaCode"),
            id="area-code-number",
        ),
        pytest.param(
            {"phoneNumber": "(650) 555-0123"},
            "e164_format",
            ("phoneInfo", "phoneNumber"),
            id="number-national",
        ),
        pytest.param(
            {"phoneNumber": "+4402079460958"},
            "e164_not_canonical",
            ("phoneInfo", "phoneNumber"),
            id="number-not-canonical",
        ),
        pytest.param(
            {"phoneNumber": "+15551234567", "type": "VoiceOnly"},
            "phone_number_invalid",
            ("phoneInfo", "phoneNumber"),
            id="number-type-unknown-range",
        ),
        pytest.param(
            {"phoneNumber": "+16505550123", "reservationId": " "},
            "blank_string",
            ("phoneInfo", "reservationId"),
            id="reservation-blank",
        ),
        pytest.param(
            {"phoneNumberId": ""},
            "string_too_short",
            ("phoneInfo", "phoneNumberId"),
            id="number-id-empty",
        ),
        pytest.param(
            {"phoneNumberId": 3001},
            "string_type",
            ("phoneInfo", "phoneNumberId"),
            id="number-id-number",
        ),
    ],
)
def test_invalid_phone_info(phone_info: Any, error_type: str, loc: Loc) -> None:
    assert errors_of(device(phoneInfo=phone_info)) == [(error_type, loc)]


@pytest.mark.parametrize(
    ("phone_info", "extra_key"),
    [
        pytest.param(
            {"phoneNumberId": "3001", "tollType": "Toll"},
            "tollType",
            id="number-id-and-toll",
        ),
        pytest.param(
            {"phoneNumberId": "3001", "phoneNumber": "+16505550123"},
            "phoneNumber",
            id="number-id-and-number",
        ),
        pytest.param(
            {"tollType": "Toll", "phoneNumber": "+16505550123"},
            "phoneNumber",
            id="toll-and-number",
        ),
        pytest.param(
            {"preferredAreaCode": "650", "phoneNumber": "+16505550123"},
            "phoneNumber",
            id="area-code-and-number",
        ),
        pytest.param(
            {
                "phoneNumber": "+16505550123",
                "reservationId": "R-77",
                "type": "VoiceOnly",
            },
            "reservationId",
            id="reservation-and-type",
        ),
        pytest.param(
            {"phoneNumber": "+16505550123", "areaCode": "650"},
            "areaCode",
            id="number-and-unknown-key",
        ),
    ],
)
def test_mixed_phone_info_forms_are_rejected(
    phone_info: dict[str, Any], extra_key: str
) -> None:
    assert errors_of(device(phoneInfo=phone_info)) == [
        ("unknown_field", ("phoneInfo", extra_key))
    ]


def test_phone_info_form_error_lists_the_forms() -> None:
    [error] = raw_errors(device(phoneInfo={"type": "VoiceOnly"}))

    message = error["msg"]
    for key in ("tollType", "preferredAreaCode", "phoneNumber", "phoneNumberId"):
        assert key in message


def test_null_optional_member_of_a_form_is_read_as_absent() -> None:
    parsed = DeviceDefinition.model_validate(
        device(phoneInfo={"tollType": "Toll", "type": None})
    )

    assert parsed == DeviceDefinition.model_validate(device())
    assert parsed.model_dump(mode="json") == device()


@pytest.mark.parametrize(
    ("changes", "without_null"),
    [
        pytest.param(
            {"phoneInfo": {"phoneNumber": "+16505550123", "type": None}},
            {"phoneInfo": {"phoneNumber": "+16505550123"}},
            id="phone-number-type-null",
        ),
        pytest.param(
            {"phoneInfo": {"phoneNumber": "+16505550123", "reservationId": None}},
            {"phoneInfo": {"phoneNumber": "+16505550123"}},
            id="phone-number-reservation-null",
        ),
        pytest.param(
            {"phoneInfo": {"tollType": "Toll", "phoneNumberId": None}},
            {"phoneInfo": {"tollType": "Toll"}},
            id="toll-number-id-null",
        ),
        pytest.param(
            {"phoneInfo": {"tollType": "Toll", "preferredAreaCode": None}},
            {"phoneInfo": {"tollType": "Toll"}},
            id="toll-area-code-null",
        ),
        pytest.param(
            {"emergency": {**LOCATION, "address": None}},
            {"emergency": LOCATION},
            id="location-address-null",
        ),
        pytest.param(
            {"emergency": {"address": ADDRESS, "location": None}},
            {"emergency": {"address": ADDRESS}},
            id="address-location-null",
        ),
    ],
)
def test_null_member_does_not_pick_a_form(
    changes: dict[str, Any], without_null: dict[str, Any]
) -> None:
    parsed = DeviceDefinition.model_validate(device(**changes))

    assert parsed == DeviceDefinition.model_validate(device(**without_null))


# Names: Python takes either; JSON takes the wire names, also inside the forms.


def test_python_keywords_are_snake_case() -> None:
    parsed = DeviceDefinition(
        type_=DeviceType.WEB_RTC,
        emergency=EmergencyLocation(location=EmergencyLocationReference(id_="1009")),
        phone_info=PhoneNumberDefinitionPreferredAreaCode(
            preferred_area_code="650",
            toll_type=TollType.TOLL,
            type_=PhoneNumberType.VOICE_ONLY,
        ),
        contact_center_phone_line=False,
    )

    assert parsed.model_dump(mode="json") == {
        "type": "WebRTC",
        "emergency": {"location": {"id": "1009"}},
        "phoneInfo": {
            "preferredAreaCode": "650",
            "tollType": "Toll",
            "type": "VoiceOnly",
        },
        "contactCenterPhoneLine": False,
    }


def test_python_dicts_take_snake_case_inside_the_forms() -> None:
    body = {
        "type_": "OtherPhone",
        "emergency": {"address": {**ADDRESS, "street2": "Suite 1"}},
        "phone_info": {"phone_number_id": "3001"},
        "contact_center_phone_line": True,
    }

    parsed = DeviceDefinition.model_validate(body)

    assert parsed == DeviceDefinition(
        type_=DeviceType.OTHER_PHONE,
        emergency=EmergencyAddress(
            address=PostalAddress(
                street="20 Davis Dr",
                street2="Suite 1",
                city="Belmont",
                state="CA",
                zip="94002",
                country="US",
            )
        ),
        phone_info=PhoneNumberDefinitionNumberId(phone_number_id="3001"),
        contact_center_phone_line=True,
    )


@pytest.mark.parametrize(
    ("body", "loc", "wire"),
    [
        pytest.param(
            device(phoneInfo=None, phone_info={"tollType": "Toll"}),
            ("phone_info",),
            "phoneInfo",
            id="phone-info",
        ),
        pytest.param(device(type=None, type_="WebRTC"), ("type_",), "type", id="type"),
        pytest.param(
            device(phoneInfo={"phone_number_id": "3001"}),
            ("phoneInfo", "phone_number_id"),
            "phoneNumberId",
            id="inside-phone-info",
        ),
        pytest.param(
            device(phoneInfo={"tollType": "Toll", "type_": "VoiceOnly"}),
            ("phoneInfo", "type_"),
            "type",
            id="type-inside-phone-info",
        ),
    ],
)
@pytest.mark.parametrize("how", ["json", "wire_names_only"])
def test_python_names_on_the_wire_are_unknown_fields(
    body: dict[str, Any], loc: Loc, wire: str, how: str
) -> None:
    context: ValidationOptions = {"wire_names_only": how == "wire_names_only"}

    errors = raw_errors(body, json_input=how == "json", context=context)

    unknown = [error for error in errors if error["type"] == "unknown_field"]
    assert [error["loc"] for error in unknown] == [loc]
    assert wire in unknown[0]["msg"]


def test_both_names_inside_a_form_is_duplicate_field() -> None:
    body = device(phoneInfo={"tollType": "Toll", "toll_type": "Toll"})

    assert errors_of(body) == [("duplicate_field", ("phoneInfo", "toll_type"))]


def test_typo_inside_a_form_suggests_the_known_key() -> None:
    body = device(phoneInfo={"phoneNumber": "+16505550123", "reservationID": "R-7"})

    [error] = raw_errors(body)

    assert (error["type"], error["loc"]) == (
        "unknown_field",
        ("phoneInfo", "reservationID"),
    )
    assert "reservationId" in error["msg"]
