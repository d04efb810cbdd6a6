"""The user's contact: names, login email, mobile number, first-login settings."""

from __future__ import annotations

from enum import Enum

from pydantic import ConfigDict, Field, StrictBool, ValidationInfo, model_validator

from provisioning_schema._base import WireModel
from provisioning_schema._errors import line_error, reraise, rule_error
from provisioning_schema.types import (
    E164PhoneNumber,
    LoginEmail,
    NonBlankId,
    PersonName,
)


class TimeFormat(str, Enum):
    """Clock shown to the user."""

    TWELVE_HOURS = "12h"
    TWENTY_FOUR_HOURS = "24h"


class RegionalSettingReference(WireModel):
    """A regional setting chosen by its RingCentral identifier."""

    id_: NonBlankId = Field(description="Internal identifier of the setting")


class RegionalSettings(WireModel):
    """Regional data of the new extension; the account's settings by default."""

    home_country: RegionalSettingReference | None = Field(
        default=None, description="Home country", examples=[{"id": "1"}]
    )
    timezone: RegionalSettingReference | None = Field(
        default=None, description="Timezone", examples=[{"id": "58"}]
    )
    language: RegionalSettingReference | None = Field(
        default=None, description="User interface language", examples=[{"id": "1033"}]
    )
    greeting_language: RegionalSettingReference | None = Field(
        default=None, description="Greeting language", examples=[{"id": "1033"}]
    )
    formatting_locale: RegionalSettingReference | None = Field(
        default=None, description="Formatting locale", examples=[{"id": "1033"}]
    )
    currency: RegionalSettingReference | None = Field(
        default=None, description="Currency", examples=[{"id": "146"}]
    )
    time_format: TimeFormat | None = Field(
        default=None, description="Time format, 12-hour or 24-hour"
    )


class Transition(WireModel):
    """What happens when the extension leaves the Unassigned state."""

    send_welcome_email: StrictBool | None = Field(
        default=None,
        description="Send a welcome/activation email to the new user (default: true)",
    )
    regional_settings: RegionalSettings | None = Field(
        default=None,
        description="Regional settings of the new extension",
        examples=[{"timeFormat": "24h"}],
    )


class Contact(WireModel):
    """The user's contact information."""

    # The schema's form of _login_needs_email (a null email counts as absent).
    model_config = ConfigDict(
        json_schema_extra={
            "if": {
                "properties": {"emailAsLoginName": {"const": True}},
                "required": ["emailAsLoginName"],
            },
            "then": {
                "properties": {"email": {"type": "string"}},
                "required": ["email"],
            },
        }
    )

    first_name: PersonName | None = Field(default=None, description="Given name")
    last_name: PersonName | None = Field(default=None, description="Family name")
    email: LoginEmail | None = Field(default=None, description="Contact email")
    mobile_number: E164PhoneNumber | None = Field(
        default=None, description="Phone number in e.164 format (with '+' prefix)"
    )
    email_as_login_name: StrictBool | None = Field(
        default=None,
        description=(
            "Indicates that contact email is enabled as login name for this user. "
            "Please note that email must be unique in this case. (API default: true)"
        ),
    )
    transition: Transition | None = Field(
        default=None,
        description="First-login settings",
        examples=[{"sendWelcomeEmail": False}],
    )

    @property
    def login_email(self) -> str | None:
        """The email that becomes the login name, if it does (absent means yes)."""
        return self.email if self.email_as_login_name is not False else None

    @model_validator(mode="after")
    def _login_needs_email(self, info: ValidationInfo) -> Contact:
        if self.email_as_login_name is True and self.email is None:
            rule = "Email is required when emailAsLoginName is true"
            error = rule_error("login_email_missing", rule, None, redact=True)
            reraise("Contact", [line_error(error, ["email"], None)])

        return self
