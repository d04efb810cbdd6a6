"""BYOD device definitions: type, emergency address and phone number forms.

The published spec lists the emergency and phone number forms under
``oneOf``, but the forms overlap, so a standard validator rejects valid
devices. Here every form is closed (known keys only) and the model picks
exactly one form from the keys present, before any value is checked.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictStr,
    ValidationInfo,
)

from provisioning_schema._base import WireModel
from provisioning_schema._errors import rule_error
from provisioning_schema._forms import OneFormOf
from provisioning_schema.options import resolve_options
from provisioning_schema.types import (
    CountryCode,
    E164PhoneNumber,
    JsonSchemaFacts,
    NonBlankId,
    schema_pattern,
)


class DeviceType(str, Enum):
    """Device types the batch endpoint can create."""

    OTHER_PHONE = "OtherPhone"
    WEB_RTC = "WebRTC"


class TollType(str, Enum):
    """Whether a number from the pool is toll or toll-free."""

    TOLL = "Toll"
    TOLL_FREE = "TollFree"


class PhoneNumberType(str, Enum):
    """What a phone number is used for."""

    VOICE_FAX = "VoiceFax"
    VOICE_ONLY = "VoiceOnly"
    FAX_ONLY = "FaxOnly"


_AREA_CODE = re.compile(r"[1-9][0-9]{1,3}")


def _area_code(value: str, info: ValidationInfo) -> str:
    if not _AREA_CODE.fullmatch(value):
        rule = "Area code must be 2 to 4 digits, not starting with 0, like 650"
        redact = resolve_options(info.context).redact
        raise rule_error("area_code_format", rule, value, redact=redact)

    return value


AreaCode = Annotated[
    StrictStr,
    AfterValidator(_area_code),
    JsonSchemaFacts(pattern=schema_pattern("[1-9][0-9]{1,3}"), examples=["650"]),
]


class PhoneNumberDefinitionTollType(WireModel):
    """Take a number from the pool by toll type."""

    toll_type: TollType = Field(description="Toll or toll-free number")
    type_: PhoneNumberType | None = Field(default=None, description="Number usage")


class PhoneNumberDefinitionPreferredAreaCode(WireModel):
    """Take a number from the pool, preferring an area code."""

    preferred_area_code: AreaCode = Field(
        description="Preferred area code to use if numbers are available"
    )
    toll_type: TollType | None = Field(default=None, description="Toll or toll-free")
    type_: PhoneNumberType | None = Field(default=None, description="Number usage")


class PhoneNumberDefinitionDirectNumberWithReservationId(WireModel):
    """Assign a specific number, optionally one reserved before."""

    phone_number: E164PhoneNumber = Field(description="Number in E.164 format")
    reservation_id: NonBlankId | None = Field(
        default=None, description="Phone number reservation ID"
    )


class PhoneNumberDefinitionNumberId(WireModel):
    """Assign a number by its identifier."""

    phone_number_id: NonBlankId = Field(description="Phone number identifier")


class PhoneNumberDefinitionDirectNumberType(WireModel):
    """Assign a specific number with its usage."""

    phone_number: E164PhoneNumber = Field(description="Number in E.164 format")
    type_: PhoneNumberType | None = Field(default=None, description="Number usage")


class EmergencyLocationReference(WireModel):
    """An emergency location defined on the account."""

    id_: NonBlankId = Field(description="Emergency location ID")


class PostalAddress(WireModel):
    """Postal address of an emergency location."""

    street: StrictStr = Field(max_length=256, description="Street address")
    street2: StrictStr | None = Field(
        default=None, max_length=256, description="Street address (2nd line)"
    )
    city: StrictStr = Field(max_length=64, description="City name")
    state: StrictStr | None = Field(
        default=None, max_length=64, description="State or province"
    )
    zip: StrictStr = Field(max_length=10, description="Postal code")
    country: CountryCode = Field(description="ISO 3166-1 alpha-2 country code")


class EmergencyLocation(WireModel):
    """Emergency address given by an emergency location ID."""

    location: EmergencyLocationReference = Field(
        description="Emergency location", examples=[{"id": "1009"}]
    )


class EmergencyAddress(WireModel):
    """Emergency address given in full (deprecated by RingCentral)."""

    model_config = ConfigDict(json_schema_extra={"deprecated": True})

    address: PostalAddress = Field(
        description="Postal address",
        examples=[
            {
                "street": "20 Davis Dr",
                "city": "Belmont",
                "zip": "94002",
                "country": "US",
            }
        ],
    )


PhoneInfoForm = (
    PhoneNumberDefinitionTollType
    | PhoneNumberDefinitionPreferredAreaCode
    | PhoneNumberDefinitionDirectNumberWithReservationId
    | PhoneNumberDefinitionNumberId
    | PhoneNumberDefinitionDirectNumberType
)
EmergencyForm = EmergencyLocation | EmergencyAddress


def _phone_info_form(keys: dict[str, Any]) -> type[WireModel] | None:
    # Keys decide, not values, so the choice is the one a JSON Schema
    # validator makes over the closed forms.
    if _has(keys, "phoneNumberId", "phone_number_id"):
        return PhoneNumberDefinitionNumberId
    if _has(keys, "preferredAreaCode", "preferred_area_code"):
        return PhoneNumberDefinitionPreferredAreaCode
    if _has(keys, "tollType", "toll_type"):
        return PhoneNumberDefinitionTollType
    if _has(keys, "phoneNumber", "phone_number"):
        if _has(keys, "type", "type_"):
            return PhoneNumberDefinitionDirectNumberType
        return PhoneNumberDefinitionDirectNumberWithReservationId
    return None


def _emergency_form(keys: dict[str, Any]) -> type[WireModel] | None:
    if "location" in keys:
        return EmergencyLocation
    if "address" in keys:
        return EmergencyAddress
    return None


def _has(keys: dict[str, Any], wire: str, python: str) -> bool:
    return wire in keys or python in keys


_PHONE_INFO_RULE = (
    "phoneInfo must be one of {tollType, type?}, "
    "{preferredAreaCode, tollType?, type?}, {phoneNumber, reservationId?}, "
    "{phoneNumberId} or {phoneNumber, type?}"
)
_EMERGENCY_RULE = (
    'emergency must be {"location": {"id": ...}} or the deprecated {"address": {...}}'
)

PhoneInfo = Annotated[
    PhoneInfoForm,
    OneFormOf(
        (
            PhoneNumberDefinitionTollType,
            PhoneNumberDefinitionPreferredAreaCode,
            PhoneNumberDefinitionDirectNumberWithReservationId,
            PhoneNumberDefinitionNumberId,
            PhoneNumberDefinitionDirectNumberType,
        ),
        _phone_info_form,
        "phone_info_form",
        _PHONE_INFO_RULE,
    ),
]
"""How the device's phone number is chosen: one of five closed forms."""

Emergency = Annotated[
    EmergencyForm,
    OneFormOf(
        (EmergencyLocation, EmergencyAddress),
        _emergency_form,
        "emergency_form",
        _EMERGENCY_RULE,
    ),
]
"""The device's emergency address: a location ID, or a full postal address."""


class DeviceDefinition(WireModel):
    """A BYOD (customer provided) device for the new user."""

    type_: DeviceType = Field(
        description='Device type. Only "OtherPhone" and "WebRTC" are supported'
    )
    emergency: Emergency = Field(
        description="Emergency address of the device",
        examples=[{"location": {"id": "1009"}}],
    )
    phone_info: PhoneInfo = Field(
        description="How the device's phone number is chosen",
        examples=[{"tollType": "Toll"}],
    )
    contact_center_phone_line: StrictBool | None = Field(
        default=None,
        description="Create a Contact Center phone line (API default: false)",
    )
