"""Round trips: any valid wire payload survives validate -> dump -> validate."""

from __future__ import annotations

import json
import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from provisioning_schema import BatchProvisionUsersRequest

# Checked against phonenumbers: valid numbers for the countries the API serves.
PHONE_NUMBERS = [
    "+16505550123",
    "+14155552671",
    "+442079460958",
    "+4930901820",
    "+4915123456789",
    "+33142685300",
    "+33612345678",
    "+61291234567",
    "+61412345678",
    "+81312345678",
    "+819012345678",
    "+917410410123",
    "+919876543210",
    "+551123456789",
    "+5511961234567",
]
DOMAINS = ["example.com", "example.org", "mail.example.co.uk", "xn--bcher-kva.de"]
COUNTRIES = ["US", "GB", "DE", "FR", "AU", "JP", "IN", "BR", "CA", "AQ"]
WIRE_KEY = re.compile(r"[a-z][A-Za-z0-9]*")

ids = st.from_regex(r"[0-9]{1,12}", fullmatch=True)
names = st.text(
    st.characters(categories=["L", "Nd", "Zs", "Pd"], exclude_characters="\x00"),
    min_size=1,
    max_size=64,
).filter(lambda name: not name.isspace())
phone_numbers = st.sampled_from(PHONE_NUMBERS)
toll_types = st.sampled_from(["Toll", "TollFree"])
number_types = st.sampled_from(["VoiceFax", "VoiceOnly", "FaxOnly"])
local_parts = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_+-]{0,11}", fullmatch=True)


def reference() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({"id": ids})


def with_optional(
    required: dict[str, st.SearchStrategy[Any]],
    optional: dict[str, st.SearchStrategy[Any]],
    *,
    nulls: bool = True,
) -> st.SearchStrategy[dict[str, Any]]:
    """Objects whose optional members are absent, present, or (if asked) null."""
    maybe = {
        key: (st.none() | strategy) if nulls else strategy
        for key, strategy in optional.items()
    }
    return st.fixed_dictionaries(required, optional=maybe)


postal_addresses = with_optional(
    {
        "street": st.text(min_size=1, max_size=256),
        "city": st.text(min_size=1, max_size=64),
        "zip": st.from_regex(r"[0-9A-Z -]{3,10}", fullmatch=True),
        "country": st.sampled_from(COUNTRIES),
    },
    {"street2": st.text(max_size=256), "state": st.text(max_size=64)},
)
emergencies = st.one_of(
    st.fixed_dictionaries({"location": reference()}),
    st.fixed_dictionaries({"address": postal_addresses}),
)

# Null members inside phoneInfo pick a form by their key; test_devices covers
# that, so these forms only leave optional members out.
phone_infos = st.one_of(
    with_optional({"tollType": toll_types}, {"type": number_types}, nulls=False),
    with_optional(
        {"preferredAreaCode": st.from_regex(r"[1-9][0-9]{1,3}", fullmatch=True)},
        {"tollType": toll_types, "type": number_types},
        nulls=False,
    ),
    with_optional({"phoneNumber": phone_numbers}, {"reservationId": ids}, nulls=False),
    st.fixed_dictionaries({"phoneNumberId": ids}),
    st.fixed_dictionaries({"phoneNumber": phone_numbers, "type": number_types}),
)
devices = st.fixed_dictionaries(
    {
        "deviceInfo": with_optional(
            {
                "type": st.sampled_from(["OtherPhone", "WebRTC"]),
                "emergency": emergencies,
                "phoneInfo": phone_infos,
            },
            {"contactCenterPhoneLine": st.booleans()},
        )
    }
)
regional_settings = with_optional(
    {},
    {
        "homeCountry": reference(),
        "timezone": reference(),
        "language": reference(),
        "greetingLanguage": reference(),
        "formattingLocale": reference(),
        "currency": reference(),
        "timeFormat": st.sampled_from(["12h", "24h"]),
    },
)


@st.composite
def records(draw: st.DrawFn, index: int, extension: str | None) -> dict[str, Any]:
    """A valid record whose login email, if any, is unique by its index."""
    email = None
    if draw(st.booleans()):
        email = f"{draw(local_parts)}.{index}@{draw(st.sampled_from(DOMAINS))}"
    login = draw(st.sampled_from([None, False, True] if email else [None, False]))
    welcome = draw(st.sampled_from([None, True, False]))
    welcome_in = draw(st.sampled_from(["record", "transition", "both"]))

    transition = draw(with_optional({}, {"regionalSettings": regional_settings}))
    if welcome is not None and welcome_in != "record":
        transition["sendWelcomeEmail"] = welcome
    contact = draw(
        with_optional(
            {},
            {
                "firstName": names,
                "lastName": names,
                "mobileNumber": phone_numbers,
                "transition": st.just(transition),
            },
        )
    )
    contact.update({"email": email, "emailAsLoginName": login})

    body = draw(
        with_optional(
            {"status": st.just("Enabled"), "contact": st.just(contact)},
            {
                "costCenter": reference(),
                "roles": st.lists(reference(), max_size=1),
                "devices": st.lists(devices, max_size=1),
            },
        )
    )
    body["extensionNumber"] = extension
    if welcome_in != "transition":
        body["sendWelcomeEmail"] = welcome
    return body


@st.composite
def payloads(draw: st.DrawFn) -> dict[str, Any]:
    """A valid request body of 1 to 10 records with unique extension numbers."""
    count = draw(st.integers(min_value=1, max_value=10))
    body = []
    for index in range(count):
        # The record's index as last digit keeps extension numbers unique.
        digits = draw(st.none() | st.from_regex(r"[0-9]{2,7}", fullmatch=True))
        extension = None if digits is None else f"{digits}{index}"
        body.append(draw(records(index, extension)))
    return {"records": body}


def without_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_nulls(item) for item in value]
    return value


def keys_of(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value).union(*(keys_of(item) for item in value.values()))
    if isinstance(value, list):
        return set().union(*(keys_of(item) for item in value))
    return set()


def leaves_of(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in leaves_of(item)]
    if isinstance(value, list):
        return [leaf for item in value for leaf in leaves_of(item)]
    return [value]


ROUND_TRIPS = settings(derandomize=True, database=None, max_examples=100, deadline=None)


@ROUND_TRIPS
@given(payloads())
def test_validate_dump_validate_gives_an_equal_model(payload: dict[str, Any]) -> None:
    request = BatchProvisionUsersRequest.model_validate(payload)

    again = BatchProvisionUsersRequest.model_validate(request.model_dump(mode="json"))

    assert again == request


@ROUND_TRIPS
@given(payloads())
def test_dump_is_the_input_without_nulls(payload: dict[str, Any]) -> None:
    request = BatchProvisionUsersRequest.model_validate(payload)

    assert request.model_dump(mode="json") == without_nulls(payload)


@ROUND_TRIPS
@given(payloads())
def test_dump_has_only_camel_case_keys_and_no_nulls(payload: dict[str, Any]) -> None:
    dumped = BatchProvisionUsersRequest.model_validate(payload).model_dump(mode="json")

    assert [key for key in keys_of(dumped) if not WIRE_KEY.fullmatch(key)] == []
    assert None not in leaves_of(dumped)


@ROUND_TRIPS
@given(payloads())
def test_json_dump_parses_to_the_same_dict(payload: dict[str, Any]) -> None:
    request = BatchProvisionUsersRequest.model_validate(payload)

    assert json.loads(request.model_dump_json()) == request.model_dump(mode="json")


@ROUND_TRIPS
@given(payloads())
def test_json_text_validates_to_the_same_model(payload: dict[str, Any]) -> None:
    request = BatchProvisionUsersRequest.model_validate(payload)

    from_json = BatchProvisionUsersRequest.model_validate_json(json.dumps(payload))

    assert from_json == request


@ROUND_TRIPS
@given(payloads())
def test_python_names_dump_validates_to_the_same_model(
    payload: dict[str, Any],
) -> None:
    request = BatchProvisionUsersRequest.model_validate(payload)

    python_names = request.model_dump(by_alias=False)

    assert BatchProvisionUsersRequest.model_validate(python_names) == request
