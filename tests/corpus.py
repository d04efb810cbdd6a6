"""Request bodies in wire names for the schema agreement tests.

Two halves: hand-written edge cases, a table of valid and invalid values for
every field of a record placed into one known-good record, and payloads that
Hypothesis generates by walking the models' fields. Hypothesis runs
derandomized, so the corpus is the same on every run.
"""

from __future__ import annotations

import copy
import enum
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from provisioning_schema import BatchProvisionUsersRequest, ValidationOptions
from provisioning_schema._base import WireModel, wire_name


@dataclass(frozen=True)
class Case:
    """One request body, a readable name for it and the validation options."""

    name: str
    body: Any
    options: ValidationOptions | None = None


FULL_WIDTH = str.maketrans("0123456789", "".join(map(chr, range(0xFF10, 0xFF1A))))
"""Turns ASCII digits into full-width ones, digits to Python's str.isdigit."""

DROP = object()
"""A value that removes its key instead of setting it."""

DEVICE: dict[str, Any] = {
    "type": "OtherPhone",
    "emergency": {"location": {"id": "1009"}},
    "phoneInfo": {"tollType": "Toll"},
}
ADDRESS: dict[str, Any] = {
    "street": "20 Davis Dr",
    "city": "Belmont",
    "zip": "94002",
    "country": "US",
}
RECORD: dict[str, Any] = {
    "status": "Enabled",
    "extensionNumber": "205",
    "contact": {
        "firstName": "Jane",
        "lastName": "Roe",
        "email": "jane.roe@example.com",
        "mobileNumber": "+16505550123",
    },
    "costCenter": {"id": "224149"},
    "roles": [{"id": "1"}],
    "devices": [{"deviceInfo": DEVICE}],
}


def body_with(path: str, value: Any) -> dict[str, Any]:
    """Return a request of one known-good record with ``value`` at ``path``.

    ``path`` is dotted and relative to the record; ``[0]`` indexes an array.
    """
    record = copy.deepcopy(RECORD)
    *parents, last = path.replace("[0]", ".0").split(".")
    target: Any = record
    for key in parents:
        target = target[int(key)] if key.isdigit() else target.setdefault(key, {})

    if value is DROP:
        del target[last]
    else:
        target[last] = value
    return {"records": [record]}


_NAMES = [
    "Jane",
    "",
    " ",
    "\t",
    "\u00a0",  # no-break space: Python and ECMA-262 both call it whitespace
    "\u001c",  # whitespace to Python's str.isspace only
    "\ufeff",  # whitespace to ECMA-262 only
    "\u200b",  # zero-width space: whitespace to neither
    "a" * 64,
    "a" * 65,
    "\U0001f600" * 64,  # 64 code points, 128 UTF-16 units
    "\U0001f600" * 65,
    "José",
    None,
    5,
    True,
    ["Jane"],
]
_IDS = ["1", "0", "", " ", "\n", "\u3000", "a" * 300, None, 1, {"id": "1"}]
_EMAILS = [
    "jane.roe@example.com",
    "Jane.Roe@Example.COM",
    "jroe@xn--bcher-kva.de",
    "a+tag@mail.example.co.uk",
    "o'neil@example.com",
    "first_last-1@example.org",
    "x@example.comx",
    "!#$%&'*+/=?^_`{|}~-@example.com",
    "a" * 52 + "@example.com",  # 64 characters
    "a" * 53 + "@example.com",  # 65 characters
    "Jane Roe <jroe@example.com>",
    "<jroe@example.com>",
    " jroe@example.com",
    "jroe@example.com\u00a0",
    "jroe@example.com\n",
    "jroe\u200b@example.com",
    "jörg@example.com",
    "jroe@bücher.de",
    '"jroe"@example.com',
    "jroe@[192.0.2.1]",
    "jroe@192.0.2.1",
    "jroe@localhost",
    "jroe@example",
    "jroe@example.local",
    "jroe@example.test",
    "jroe@exa_mple.com",
    "jroe@-example.com",
    "jroe@example-.com",
    "jroe@example..com",
    "jroe@example.com.",
    "a..b@example.com",
    ".ab@example.com",
    "ab.@example.com",
    "@example.com",
    "jroe@",
    "jroe",
    "jroe@@example.com",
    "",
    None,
    7,
    False,
]
_PHONES = [
    "+16505550123",
    "+442079460958",
    "+4915123456789",
    "+81312345678",
    "+4402079460958",  # a national trunk prefix: not canonical
    "+15551234567",  # a 555 range not assigned to a line
    "+18615550123",  # a newer area code phonenumbers may not know
    "+999123456",  # no such country calling code
    "+1650555012",  # too short
    "+165055501234",  # too long
    "+123456789012345",
    "+1234567890123456",
    "+16505550123\n",
    "+1650555CALL",
    "+16505550123--",
    "+16505550123 ext. 12",
    "16505550123",
    "1.65056E+10",
    "+1 650-555-0123",
    "+1 (650) 555-0123",
    "+0123456789",
    "+1",
    "+",
    "",
    "+16505550123".translate(FULL_WIDTH),
    "+١٦٥٠٥٥٥٠١٢٣",  # Arabic-Indic digits
    None,
    16505550123,
    ["+16505550123"],
]
_EXTENSIONS = [
    "205",
    "001",
    "12345678",
    "12",
    "123456789",
    "101\n",
    "\n101",
    " 101",
    "101".translate(FULL_WIDTH),
    "٣٤٥",
    "12a",
    "-101",
    "",
    205,
    None,
    True,
]
_BOOLEANS: list[Any] = [True, False, None, "true", "false", 1, 0, "yes", []]
_ADDRESSES = [
    ADDRESS,
    {**ADDRESS, "street2": "Suite 100", "state": "CA"},
    {**ADDRESS, "street2": None, "state": None},
    {**ADDRESS, "street": ""},
    {**ADDRESS, "street": "s" * 256},
    {**ADDRESS, "street": "s" * 257},
    {**ADDRESS, "street2": "s" * 257},
    {**ADDRESS, "city": "c" * 64},
    {**ADDRESS, "city": "c" * 65},
    {**ADDRESS, "state": "s" * 65},
    {**ADDRESS, "zip": "1234567890"},
    {**ADDRESS, "zip": "12345678901"},
    {**ADDRESS, "zip": 94002},
    {**ADDRESS, "country": "GB"},
    {**ADDRESS, "country": "us"},
    {**ADDRESS, "country": "UK"},
    {**ADDRESS, "country": "XX"},
    {**ADDRESS, "country": "USA"},
    {**ADDRESS, "country": "US\n"},
    {**ADDRESS, "country": None},
    {**ADDRESS, "apartment": "4"},
    {key: value for key, value in ADDRESS.items() if key != "street"},
    {key: value for key, value in ADDRESS.items() if key != "zip"},
    {},
]
_PHONE_INFOS = [
    {"tollType": "Toll"},
    {"tollType": "TollFree", "type": "VoiceOnly"},
    {"tollType": "Toll", "type": None},
    {"tollType": "Toll", "preferredAreaCode": "650"},
    {"tollType": "Toll", "preferredAreaCode": None},
    {"tollType": None},
    {"tollType": "toll"},
    {"tollType": "Toll", "type": "Voice"},
    {"preferredAreaCode": "650"},
    {"preferredAreaCode": "9999", "type": "FaxOnly"},
    {"preferredAreaCode": "065"},
    {"preferredAreaCode": "65"},
    {"preferredAreaCode": "6"},
    {"preferredAreaCode": "65000"},
    {"preferredAreaCode": "650\n"},
    {"preferredAreaCode": 650},
    {"phoneNumber": "+16505550123"},
    {"phoneNumber": "+16505550123", "reservationId": "r-1"},
    {"phoneNumber": "+16505550123", "reservationId": None},
    {"phoneNumber": "+16505550123", "reservationId": " "},
    {"phoneNumber": "+16505550123", "type": "VoiceFax"},
    {"phoneNumber": "+16505550123", "type": None},
    {"phoneNumber": "+16505550123", "type": "VoiceFax", "reservationId": "r-1"},
    {"phoneNumber": "+4402079460958"},
    {"phoneNumber": "+16505550123\n"},
    {"phoneNumber": None},
    {"phoneNumber": "+16505550123", "tollType": "Toll"},
    {"phoneNumberId": "3001"},
    {"phoneNumberId": ""},
    {"phoneNumberId": " "},
    {"phoneNumberId": None},
    {"phoneNumberId": 3001},
    {"phoneNumberId": "3001", "phoneNumber": "+16505550123"},
    {"type": "VoiceFax"},
    {"tollType": "Toll", "extra": None},
    {},
    None,
    "Toll",
    [{"tollType": "Toll"}],
]
_EMERGENCIES: list[Any] = [
    {"location": {"id": "123"}},
    {"location": {"id": ""}},
    {"location": {"id": " "}},
    {"location": {"id": 123}},
    {"location": {}},
    {"location": None},
    {"location": "123"},
    {"location": {"id": "123", "name": "HQ"}},
    {"location": {"id": "123"}, "address": ADDRESS},
    {"location": {"id": "123"}, "address": None},
    {"address": None},
    {"address": "20 Davis Dr"},
    {"id": "123"},
    {},
    None,
    "123",
    *({"address": address} for address in _ADDRESSES),
]
_SETTINGS: list[Any] = [
    {"homeCountry": {"id": "1"}, "timezone": {"id": "58"}},
    {"language": {"id": "1033"}, "greetingLanguage": {"id": "1033"}},
    {"formattingLocale": {"id": "1033"}, "currency": {"id": "146"}},
    {"timeFormat": "24h"},
    {"timeFormat": "12h"},
    {"timeFormat": "24H"},
    {"timeFormat": None},
    {"homeCountry": None},
    {"homeCountry": {}},
    {"homeCountry": {"id": ""}},
    {"homeCountry": {"id": "\t"}},
    {"homeCountry": {"id": 1}},
    *(
        {key: "1"}
        for key in (
            "homeCountry",
            "timezone",
            "language",
            "greetingLanguage",
            "formattingLocale",
            "currency",
        )
    ),
    {"currency": {"id": "146", "code": "USD"}},
    {"home_country": {"id": "1"}},
    {},
    None,
    "24h",
    [],
]
_TRANSITIONS = [
    {"sendWelcomeEmail": False},
    {"sendWelcomeEmail": True},
    {"sendWelcomeEmail": None},
    {"sendWelcomeEmail": "no"},
    {"send_welcome_email": False},
    {"welcome": False},
    {},
    None,
    "no",
    *({"regionalSettings": settings} for settings in _SETTINGS),
]

FIELD_VALUES: dict[str, list[Any]] = {
    "status": ["Enabled", "enabled", "ENABLED", "Disabled", "", 1, None, DROP],
    "extensionNumber": [*_EXTENSIONS, DROP],
    "contact": [{}, None, [], "Jane", DROP],
    "contact.firstName": [*_NAMES, DROP],
    "contact.lastName": _NAMES[:10],
    "contact.email": [*_EMAILS, DROP],
    "contact.mobileNumber": [*_PHONES, DROP],
    "contact.emailAsLoginName": _BOOLEANS,
    "contact.transition": _TRANSITIONS,
    "contact.first_name": ["Jane"],
    "contact.nickname": [None, "JR"],
    "costCenter": [{}, {"id": None}, {"id": "1", "name": "x"}, "224149", None, DROP],
    "costCenter.id": _IDS,
    "roles": [[], [{"id": "1"}, {"id": "2"}], "1", ["1"], [None], [{}], None],
    "roles[0].id": _IDS,
    "devices": [[], [{"deviceInfo": DEVICE}] * 2, [{}], ["x"], {}, None, DROP],
    "devices[0].deviceInfo": [None, {}, "OtherPhone", DROP],
    "devices[0].device_info": [DEVICE],
    "devices[0].deviceInfo.type": ["WebRTC", "HardPhone", "otherphone", None, DROP],
    "devices[0].deviceInfo.emergency": [*_EMERGENCIES, DROP],
    "devices[0].deviceInfo.phoneInfo": [*_PHONE_INFOS, DROP],
    "devices[0].deviceInfo.contactCenterPhoneLine": _BOOLEANS,
    "devices[0].deviceInfo.extra": [None],
    "sendWelcomeEmail": _BOOLEANS,
    "extension_number": ["205"],
    "extra": [None, {}],
}


def _show(value: Any) -> str:
    text = "absent" if value is DROP else repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _field_cases() -> Iterator[Case]:
    for path, values in FIELD_VALUES.items():
        for value in values:
            yield Case(f"{path}={_show(value)}", body_with(path, value))


def _record(**changes: Any) -> dict[str, Any]:
    record = copy.deepcopy(RECORD)
    for key, value in changes.items():
        record[key] = value
    return record


def _contact(**changes: Any) -> dict[str, Any]:
    return {**RECORD["contact"], **changes}


def _whole_body_cases() -> Iterator[Case]:
    minimal = {"status": "Enabled", "contact": {}}
    login_only = {"email": "a@example.com", "emailAsLoginName": True}
    yield from (
        Case("body=minimal record", {"records": [minimal]}),
        Case("body=no records", {"records": []}),
        Case("body=10 records", {"records": [minimal] * 10}),
        Case("body=11 records", {"records": [minimal] * 11}),
        Case("body=records null", {"records": None}),
        Case("body=records object", {"records": minimal}),
        Case("body=records absent", {}),
        Case("body=unknown key", {"records": [minimal], "dryRun": True}),
        Case("body=array", [minimal]),
        Case("body=string", "records"),
        Case("body=null", None),
        Case("body=record null", {"records": [None]}),
        Case("body=record array", {"records": [[minimal]]}),
        Case(
            "login email required when emailAsLoginName is true",
            {"records": [{**minimal, "contact": {"emailAsLoginName": True}}]},
        ),
        Case(
            "login email given as null with emailAsLoginName true",
            {"records": [_record(contact=_contact(email=None, emailAsLoginName=True))]},
        ),
        Case(
            "login email not needed when emailAsLoginName is false",
            {"records": [{**minimal, "contact": {"emailAsLoginName": False}}]},
        ),
        Case(
            "login email given with emailAsLoginName true",
            {"records": [{**minimal, "contact": login_only}]},
        ),
    )

    transition_off = _contact(transition={"sendWelcomeEmail": False})
    transition_on = _contact(transition={"sendWelcomeEmail": True})
    for record_value, contact in (
        (True, transition_off),
        (False, transition_on),
        (True, transition_on),
        (False, transition_off),
        (None, transition_off),
    ):
        name = f"sendWelcomeEmail {record_value} with transition {contact}"
        record = _record(sendWelcomeEmail=record_value, contact=contact)
        yield Case(name[:80], {"records": [record]})

    first = _record(extensionNumber="101")
    second = _record(extensionNumber="101", contact=_contact(email="b@example.com"))
    yield Case("duplicate extension number", {"records": [first, second]})

    upper = _record(
        extensionNumber="102", contact=_contact(email="JANE.ROE@EXAMPLE.COM")
    )
    yield Case("duplicate login email in another case", {"records": [first, upper]})

    not_login = _record(
        extensionNumber="102",
        contact=_contact(email="jane.roe@example.com", emailAsLoginName=False),
    )
    yield Case("same email, second not a login", {"records": [first, not_login]})

    yield Case(
        "both duplicated",
        {"records": [first, _record(extensionNumber="101")]},
    )

    for number in ("1234", "12345"):
        yield Case(
            f"extensionNumber {number} on an account of 4-digit extensions",
            body_with("extensionNumber", number),
            ValidationOptions(max_extension_length=4),
        )


def hand_written() -> list[Case]:
    """Return the hand-written edge cases."""
    return [*_field_cases(), *_whole_body_cases()]


# Generated payloads: a valid body built by walking the models' fields, then
# zero to two spoils, each at a random place: a bad value for that field, a
# value of the wrong JSON type, a dropped key or an unknown one.

_GOOD_BY_FIELD: dict[str, list[Any]] = {
    "firstName": ["Jane", "Zoë", "O'Neil", "李", "a" * 64],
    "lastName": ["Roe", "Smith-Jones"],
    "email": ["jane.roe@example.com", "j+x@mail.example.org", "A.B@Example.COM"],
    "mobileNumber": ["+16505550123", "+442079460958", "+4915123456789"],
    "phoneNumber": ["+16505550123", "+33142685300"],
    "extensionNumber": ["101", "205", "0042", "12345678"],
    "preferredAreaCode": ["650", "415", "9999"],
    "country": ["US", "CA", "GB", "DE"],
}
_BAD_BY_FIELD: dict[str, list[Any]] = {
    "firstName": _NAMES,
    "lastName": _NAMES,
    "email": _EMAILS,
    "mobileNumber": _PHONES,
    "phoneNumber": _PHONES,
    "extensionNumber": _EXTENSIONS,
    "preferredAreaCode": [
        "065",
        "6",
        "65000",
        "650\n",
        "650".translate(FULL_WIDTH),
        650,
        None,
    ],
    "country": ["us", "UK", "XX", "USA", "", None],
}
_JUNK: list[Any] = [None, True, False, 0, 7, -1.5, 1e300, "", "x", [], {}, [None]]
_TEXT = st.text(
    st.characters(exclude_categories=["Cs"]),  # lone surrogates are not JSON text
    max_size=12,
)


def _limit(field: FieldInfo, name: str) -> int | None:
    found = (getattr(item, name, None) for item in field.metadata)
    return next((limit for limit in found if limit is not None), None)


def _good_string(field: FieldInfo, wire: str) -> st.SearchStrategy[Any]:
    if wire in _GOOD_BY_FIELD:
        return st.sampled_from(_GOOD_BY_FIELD[wire])

    longest = _limit(field, "max_length") or 40
    shape = f"[A-Za-z0-9][A-Za-z0-9 .#-]{{0,{min(longest, 40) - 1}}}"
    return st.one_of(st.from_regex(shape, fullmatch=True), st.just("x" * longest))


def _good(  # noqa: PLR0911  # one return per kind of annotation, read as a table
    field: FieldInfo, wire: str, kind: Any
) -> st.SearchStrategy[Any]:
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin is typing.Annotated:
        return _good(field, wire, args[0])
    if origin in (typing.Union, types.UnionType):
        forms = [arg for arg in args if arg is not type(None)]
        if len(forms) < len(args):
            inner = forms[0] if len(forms) == 1 else typing.Union[tuple(forms)]  # noqa: UP007  # built at runtime
            return st.one_of(st.none(), _good(field, wire, inner))
        return st.one_of(*(_model(form) for form in forms))
    if origin is list:
        item = _good(field, wire, args[0])
        low, high = _limit(field, "min_length") or 0, _limit(field, "max_length") or 3
        return st.lists(item, min_size=low, max_size=min(high, 3))
    if isinstance(kind, type) and issubclass(kind, WireModel):
        return _model(kind)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return st.sampled_from([member.value for member in kind])
    if kind is bool:
        return st.booleans()
    return _good_string(field, wire)


_MODELS: dict[type[BaseModel], st.SearchStrategy[dict[str, Any]]] = {}


def _model(model: type[BaseModel]) -> st.SearchStrategy[dict[str, Any]]:
    """Valid dicts with the model's wire keys, optional ones sometimes given."""
    if model not in _MODELS:
        required: dict[str, st.SearchStrategy[Any]] = {}
        optional: dict[str, st.SearchStrategy[Any]] = {}
        for name, field in model.model_fields.items():
            wire = wire_name(name)
            strategy = _good(field, wire, field.annotation)
            (required if field.is_required() else optional)[wire] = strategy
            if wire not in _BAD_BY_FIELD:
                _BAD_BY_FIELD[wire] = _bad_values(field)
        _MODELS[model] = st.fixed_dictionaries(required, optional=optional)
    return _MODELS[model]


def _bad_values(field: FieldInfo) -> list[Any]:
    longest = _limit(field, "max_length")
    lengths = ["x" * longest, "x" * (longest + 1)] if longest else []
    return ["", " ", "\t", "\u3000", "\ufeff", *lengths, *_JUNK]


@dataclass(frozen=True)
class _Spot:
    container: dict[str, Any] | list[Any]
    key: str | int


def _spots(value: Any) -> Iterator[_Spot]:
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, inner in items:
        yield _Spot(value, key)
        if isinstance(inner, (dict, list)):
            yield from _spots(inner)


def _objects(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        yield value
    children = value.values() if isinstance(value, dict) else value
    for inner in children if isinstance(value, (dict, list)) else ():
        yield from _objects(inner)


@st.composite
def _spoiled(draw: st.DrawFn, body: dict[str, Any]) -> Any:
    for _ in range(draw(st.integers(0, 2))):
        spots = list(_spots(body))
        if not spots:
            break
        spot = draw(st.sampled_from(spots))
        choice = draw(st.sampled_from(["bad", "bad", "text", "drop", "key"]))
        bad = _BAD_BY_FIELD.get(spot.key, _JUNK) if isinstance(spot.key, str) else _JUNK
        if choice == "bad":
            spot.container[spot.key] = draw(st.sampled_from(bad))  # type: ignore[index]  # key fits its container
        elif choice == "text":
            spot.container[spot.key] = draw(_TEXT)  # type: ignore[index]  # as above
        elif choice == "drop":
            del spot.container[spot.key]  # type: ignore[arg-type]  # as above
        else:
            target = draw(st.sampled_from(list(_objects(body))))
            target[draw(st.sampled_from(["extra", "first_name", "id_", "Type"]))] = None
    return body


def request_bodies() -> st.SearchStrategy[Any]:
    """Request bodies built from the models: valid, then sometimes spoiled."""
    return _model(BatchProvisionUsersRequest).flatmap(_spoiled)


def generated(count: int) -> list[Case]:
    """Return ``count`` request bodies from ``request_bodies()``, derandomized."""
    bodies: list[Any] = []

    @settings(
        max_examples=count,
        derandomize=True,
        database=None,
        phases=[Phase.generate],
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(request_bodies())
    def collect(body: Any) -> None:
        bodies.append(body)

    collect()
    return [Case(f"generated-{index}", body) for index, body in enumerate(bodies)]


def corpus() -> list[Case]:
    """Return the whole corpus: hand-written cases, then generated ones."""
    return [*hand_written(), *generated(400)]
