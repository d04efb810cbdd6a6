"""The request body of ``POST .../batch-provisioning/users`` and its records."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from typing import Annotated, Any

from annotated_types import Len
from pydantic import (
    ConfigDict,
    Field,
    StrictBool,
    ValidationError,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    field_validator,
    model_validator,
)
from pydantic_core import CoreSchema, InitErrorDetails, PydanticCustomError, core_schema

from provisioning_schema._base import WireModel
from provisioning_schema._errors import carry_over, line_error, reraise, rule_error
from provisioning_schema._fast import fast_form
from provisioning_schema.contact import Contact
from provisioning_schema.devices import DeviceDefinition
from provisioning_schema.options import resolve_options
from provisioning_schema.rules import DuplicateValue, UniquenessTracker, UniqueValues
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


def _welcome_email_conflict(record: bool) -> dict[str, Any]:
    nested = {"properties": {"sendWelcomeEmail": {"const": not record}}}
    transition = {"type": "object", "required": ["sendWelcomeEmail"], **nested}
    contact = {"type": "object", "required": ["transition"]}
    return {
        "type": "object",
        "required": ["sendWelcomeEmail", "contact"],
        "properties": {
            "sendWelcomeEmail": {"const": record},
            "contact": {**contact, "properties": {"transition": transition}},
        },
    }


class BatchProvisionUsersRequestItem(WireModel):
    """Describes request for user extension provisioning."""

    # The schema's form of _welcome_email_agrees.
    model_config = ConfigDict(
        json_schema_extra={
            "not": {
                "anyOf": [_welcome_email_conflict(True), _welcome_email_conflict(False)]
            }
        }
    )

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


@dataclass(frozen=True)
class CheckedRecord:
    """One record of many, validated, with the problems it has.

    Attributes:
        index: The record's position among the records checked.
        record: The valid record, or ``None`` when it has errors.
        errors: Its errors, located inside the record, then any values it
            repeats from an earlier record.

    """

    index: int
    record: BatchProvisionUsersRequestItem | None
    errors: list[InitErrorDetails]


_RECORD_RULE = 'Each record must be an object like {"status": "Enabled", "contact": {}}'


@dataclass(frozen=True)
class RecordCheck:
    """One record validated on its own, before the rules across records.

    Attributes:
        record: The valid record, or ``None`` when it has errors.
        error: Its errors, or ``None`` when it is valid.
        unique: Its values that must be unique across records, taken from
            an invalid record too whenever they are valid on their own.

    """

    record: BatchProvisionUsersRequestItem | None
    error: ValidationError | None
    unique: UniqueValues


def check_record(raw: object, context: dict[str, Any] | None = None) -> RecordCheck:
    """Validate one record on its own; it needs nothing from the others."""
    if not isinstance(raw, (dict, BatchProvisionUsersRequestItem)):
        # Pydantic would say "a valid dictionary or instance of <class>".
        redact = resolve_options(context).redact
        error = rule_error("object_expected", _RECORD_RULE, raw, redact=redact)
        details = [line_error(error, [], raw)]
        exc = ValidationError.from_exception_data("record", details)
        return RecordCheck(None, exc, UniqueValues())

    try:
        record = BatchProvisionUsersRequestItem.model_validate(raw, context=context)
    except ValidationError as exc:
        return RecordCheck(None, exc, UniqueValues.salvage(raw, context))

    return RecordCheck(record, None, UniqueValues.of(record))


def repeated_values(
    tracker: UniquenessTracker,
    unique: UniqueValues,
    number: int,
    *,
    redact: bool,
) -> list[InitErrorDetails]:
    """Errors for the values of record ``number`` that an earlier one used."""
    return duplicate_errors(tracker.add(unique, number), redact=redact)


def duplicate_errors(
    repeats: list[DuplicateValue], *, redact: bool
) -> list[InitErrorDetails]:
    """Errors for values a record repeats, at their paths inside it."""
    errors = []
    for repeat in repeats:
        error = rule_error(repeat.error_type, repeat.rule, repeat.value, redact=redact)
        errors.append(line_error(error, repeat.path, repeat.value))

    return errors


def check_records(
    raw_records: Iterable[object],
    context: dict[str, Any] | None = None,
    *,
    name_of: Callable[[int], str] = "records[{}]".format,
) -> Iterator[CheckedRecord]:
    """Validate records one by one, with the rules across records.

    Every record takes part in the uniqueness rules, invalid ones too (see
    ``rules.UniqueValues.salvage``). A duplicate is reported on the later
    record and names the earlier one with ``name_of(index)``.
    """
    redact = resolve_options(context).redact
    tracker = UniquenessTracker(name_of)
    for index, raw in enumerate(raw_records):
        checked = check_record(raw, context)
        errors = carry_over(checked.error) if checked.error else []
        errors.extend(repeated_values(tracker, checked.unique, index, redact=redact))

        yield CheckedRecord(index, None if errors else checked.record, errors)


def _validate_records(
    value: Any, handler: ValidatorFunctionWrapHandler, info: ValidationInfo
) -> list[BatchProvisionUsersRequestItem]:
    # Pydantic's own list validation is bypassed so that the rules across
    # records still run when some records are invalid.
    options = resolve_options(info.context)
    if isinstance(value, tuple):
        value = list(value)
    if not isinstance(value, list):
        rule = "records must be an array of 1 to 10 records"
        raise rule_error("array_expected", rule, value, redact=options.redact)

    valid = _valid_and_unique(value, handler)
    if valid is not None:
        return valid

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

    records = []
    for checked in check_records(value, context):
        for detail in checked.errors:
            detail["loc"] = (checked.index, *detail["loc"])
        problems.extend(checked.errors)
        if checked.record is not None:
            records.append(checked.record)

    if problems:
        reraise("records", problems)

    return records


def _valid_and_unique(
    value: list[Any], handler: ValidatorFunctionWrapHandler
) -> list[BatchProvisionUsersRequestItem] | None:
    """Validate every record in one go: the common case, at Pydantic's speed.

    ``None`` when any record is invalid or repeats a value; the caller then
    checks record by record, which finds and reports every problem.
    """
    if not 1 <= len(value) <= MAX_RECORDS:
        return None

    try:
        records: list[BatchProvisionUsersRequestItem] = handler(value)
    except ValidationError:
        return None

    return records if _all_unique(records) else None


def _all_unique(records: list[BatchProvisionUsersRequestItem]) -> bool:
    tracker = UniquenessTracker()
    return not any(
        tracker.add(UniqueValues.of(record), index)
        for index, record in enumerate(records)
    )


def _unique_or_refused(
    records: list[BatchProvisionUsersRequestItem],
) -> list[BatchProvisionUsersRequestItem]:
    # Only a fast validator runs this; on refusal the full one reports.
    if not _all_unique(records):
        raise PydanticCustomError("records_repeat", "records repeat a unique value")
    return records


def _fast_records(records: CoreSchema) -> CoreSchema:
    # A list only, as JSON gives: other iterables go to the full validator,
    # which refuses all but lists and tuples.
    strict = {**records, "strict": True}
    return core_schema.no_info_after_validator_function(_unique_or_refused, strict)


fast_form(_validate_records, _fast_records)


class BatchProvisionUsersRequest(WireModel):
    """The request body: 1 to 10 records, with unique extensions and logins."""

    records: Annotated[
        list[BatchProvisionUsersRequestItem],
        Len(1, MAX_RECORDS),
        WrapValidator(_validate_records),
    ] = Field(description="Users to create, 1 to 10 per request")
