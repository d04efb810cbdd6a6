"""The models the benchmark compares against; not part of the package.

``Straightforward`` is what a service would write first: the same request
shape with ``EmailStr`` for the email and a field validator calling
``phonenumbers`` for each phone number. ``PatternsOnly`` is the same shape
with those two checks cut down to patterns: the ceiling for any build that
checks them in Python.
"""

from __future__ import annotations

from typing import Annotated, Literal

import phonenumbers
from pydantic import BaseModel, ConfigDict, EmailStr, Field, field_validator
from pydantic.alias_generators import to_camel

_E164 = r"^\+[1-9][0-9]{1,14}$"
_EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
Id = Annotated[str, Field(min_length=1)]
Name = Annotated[str, Field(min_length=1, max_length=64)]
Extension = Annotated[str, Field(pattern=r"^[0-9]{3,8}$")]


class Wire(BaseModel):
    """Closed objects with camelCase wire names."""

    # The models are only validated from wire data, never built by keyword.
    model_config = ConfigDict(  # type: ignore[pydantic-alias]  # see above
        extra="forbid", alias_generator=to_camel
    )


def valid_number(value: str | None) -> str | None:
    """Parse with phonenumbers, require a valid number, return it as E.164."""
    if value is None:
        return None
    number = phonenumbers.parse(value, None)
    if not phonenumbers.is_valid_number(number):
        raise ValueError("not a valid phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class Reference(Wire):
    id: Id


class Transition(Wire):
    send_welcome_email: bool | None = None


class Emergency(Wire):
    location: Reference


class StraightPhoneInfo(Wire):
    toll_type: Literal["Toll", "TollFree"] | None = None
    phone_number: str | None = None
    phone_number_id: Id | None = None

    @field_validator("phone_number")
    @classmethod
    def _phone(cls, value: str | None) -> str | None:
        return valid_number(value)


class PatternPhoneInfo(Wire):
    toll_type: Literal["Toll", "TollFree"] | None = None
    phone_number: Annotated[str, Field(pattern=_E164)] | None = None
    phone_number_id: Id | None = None


class StraightDevice(Wire):
    type: Literal["OtherPhone", "WebRTC"]
    emergency: Emergency
    phone_info: StraightPhoneInfo


class PatternDevice(Wire):
    type: Literal["OtherPhone", "WebRTC"]
    emergency: Emergency
    phone_info: PatternPhoneInfo


class StraightDeviceItem(Wire):
    device_info: StraightDevice


class PatternDeviceItem(Wire):
    device_info: PatternDevice


class StraightContact(Wire):
    first_name: Name | None = None
    last_name: Name | None = None
    email: EmailStr | None = None
    mobile_number: str | None = None
    transition: Transition | None = None

    @field_validator("mobile_number")
    @classmethod
    def _phone(cls, value: str | None) -> str | None:
        return valid_number(value)


class PatternContact(Wire):
    first_name: Name | None = None
    last_name: Name | None = None
    email: Annotated[str, Field(pattern=_EMAIL)] | None = None
    mobile_number: Annotated[str, Field(pattern=_E164)] | None = None
    transition: Transition | None = None


class StraightRecord(Wire):
    status: Literal["Enabled"]
    extension_number: Extension | None = None
    contact: StraightContact
    devices: Annotated[list[StraightDeviceItem], Field(max_length=1)] | None = None


class PatternRecord(Wire):
    status: Literal["Enabled"]
    extension_number: Extension | None = None
    contact: PatternContact
    devices: Annotated[list[PatternDeviceItem], Field(max_length=1)] | None = None


class Straightforward(Wire):
    """EmailStr plus a phonenumbers field validator."""

    records: Annotated[list[StraightRecord], Field(min_length=1, max_length=10)]


class PatternsOnly(Wire):
    """The same shape, with patterns in place of the email and phone checks."""

    records: Annotated[list[PatternRecord], Field(min_length=1, max_length=10)]
