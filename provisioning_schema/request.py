"""The request body of ``POST .../batch-provisioning/users`` and its records."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

from annotated_types import Len
from pydantic import (
    Field,
    StrictBool,
    ValidationError,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails

from provisioning_schema._base import WireModel
from provisioning_schema._errors import carry_over, line_error, reraise, rule_error
from provisioning_schema.contact import Contact
from provisioning_schema.devices import DeviceDefinition
from provisioning_schema.options import resolve_options
from provisioning_schema.rules import UniquenessTracker, UniqueValues
from provisioning_schema.types import ExtensionNumber, NonBlankId

MAX_RECORDS = 10  # the API spec's maxItems for records


class BatchProvisionUsersRequestItemStatus(str, Enum):
    """Extension status. Only "Enabled" can be specified."""

    ENABLED = "Enabled"


class CostCenter(WireModel):
    """The cost center the new user belongs to."""

    id_: NonBlankId = Field(
        description="Internal identifier of the Cost Center", examples=["224149"]
    )


class BatchProvisionUsersRequestItemRoles(WireModel):
    """A role assigned to the new user."""

    id_: NonBlankId = Field(
        description="Internal identifier of a role to be assigned", examples=["1"]
    )


class BatchProvisionUsersRequestItemDevices(WireModel):
    """A device created for the new user."""

    device_info: DeviceDefinition = Field(
        description="The device",
        examples=[
            {
                "type": "OtherPhone",
                "emergency": {"location": {"id": "1009"}},
                "phoneInfo": {"tollType": "Toll"},
            }
        ],
    )


class BatchProvisionUsersRequestItem(WireModel):
    """Describes request for user extension provisioning."""

    status: BatchProvisionUsersRequestItemStatus = Field(
        description='Extension status. Only "Enabled" can be specified'
    )
    contact: Contact = Field(
        description="User's contact information",
        examples=[{"firstName": "Jane", "lastName": "Roe"}],
    )
    extension_number: ExtensionNumber | None = Field(
        default=None,
        description=(
            "Short number of an extension. Actual max length depends on system "
            "length limit for extension."
        ),
    )
    cost_center: CostCenter | None = Field(
        default=None, description="Cost center", examples=[{"id": "224149"}]
    )
    roles: list[BatchProvisionUsersRequestItemRoles] | None = Field(
        default=None,
        max_length=1,
        description="Role to assign (at most one)",
        examples=[[{"id": "1"}]],
    )
    devices: list[BatchProvisionUsersRequestItemDevices] | None = Field(
        default=None,
        max_length=1,
        description="Device to create (at most one)",
        examples=[
            [
                {
                    "deviceInfo": {
                        "type": "WebRTC",
                        "emergency": {"location": {"id": "1009"}},
                        "phoneInfo": {"phoneNumberId": "3001"},
                    }
                }
            ]
        ],
    )
    send_welcome_email: StrictBool | None = Field(
        default=None,
        description=(
            "Specifies if a welcome/activation email is sent to the new users "
            "(within extension status changing from 'Unassigned' to "
            "'NotActivated/Disabled')"
        ),
    )

    @field_validator("status", mode="before")
    @classmethod
    def _only_enabled(cls, value: Any, info: ValidationInfo) -> Any:
        if value == BatchProvisionUsersRequestItemStatus.ENABLED and isinstance(
            value, str
        ):
            return value

        rule = 'Status must be exactly "Enabled" (other values and casings are refused)'
        redact = resolve_options(info.context).redact
        raise rule_error("status_not_enabled", rule, value, redact=redact)

    @model_validator(mode="after")
    def _welcome_email_agrees(self) -> BatchProvisionUsersRequestItem:
        transition = self.contact.transition
        nested = transition.send_welcome_email if transition else None
        if (
            None in (nested, self.send_welcome_email)
            or nested == self.send_welcome_email
        ):
            return self

        rule = (
            "sendWelcomeEmail must agree with contact.transition.sendWelcomeEmail "
            "when both are given"
        )
        error = rule_error(
            "welcome_email_conflict", rule, self.send_welcome_email, redact=True
        )
        reraise(type(self).__name__, [line_error(error, ["sendWelcomeEmail"], None)])


def _validate_records(
    value: Any, _: ValidatorFunctionWrapHandler, info: ValidationInfo
) -> list[BatchProvisionUsersRequestItem]:
    """Validate every record, then the rules across all of them.

    Pydantic's own list validation is bypassed so that the cross-record rules
    still run when some records are invalid.
    """
    options = resolve_options(info.context)
    if not isinstance(value, list):
        rule = "records must be an array of 1 to 10 records"
        raise rule_error("array_expected", rule, value, redact=options.redact)

    context = dict(info.context or {})
    if info.mode == "json":
        context["wire_names_only"] = True

    problems: list[InitErrorDetails] = []
    if not 1 <= len(value) <= MAX_RECORDS:
        rule = (
            f"records must hold 1 to {MAX_RECORDS} records (the API's limit); "
            f"got {len(value)}"
        )
        error = rule_error("records_count", rule, value, redact=True)
        problems.append(line_error(error, [], value))

    records: list[BatchProvisionUsersRequestItem] = []
    tracker = UniquenessTracker()
    for index, raw in enumerate(value):
        try:
            record = BatchProvisionUsersRequestItem.model_validate(raw, context=context)
        except ValidationError as exc:
            problems.extend(_prefixed(carry_over(exc), index))
            unique: BatchProvisionUsersRequestItem | UniqueValues = (
                UniqueValues.salvage(raw, context)
            )
        else:
            records.append(record)
            unique = record

        for duplicate in tracker.add(unique, f"records[{index}]"):
            error = rule_error(
                duplicate.error_type,
                duplicate.rule,
                duplicate.value,
                redact=options.redact,
            )
            where: list[str | int] = [index, *duplicate.path]
            problems.append(line_error(error, where, duplicate.value))

    if problems:
        reraise("records", problems)

    return records


def _prefixed(details: list[InitErrorDetails], index: int) -> list[InitErrorDetails]:
    for detail in details:
        detail["loc"] = (index, *detail["loc"])
    return details


class BatchProvisionUsersRequest(WireModel):
    """The request body: 1 to 10 records, with unique extensions and logins."""

    records: Annotated[
        list[BatchProvisionUsersRequestItem],
        Len(1, MAX_RECORDS),
        WrapValidator(_validate_records),
    ] = Field(description="Users to create, 1 to 10 per request")
