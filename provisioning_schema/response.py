"""The response body: one result per request record, in the same order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import Field

from provisioning_schema._base import ResponseModel
from provisioning_schema._forms import OneFormOf
from provisioning_schema.request import (
    BatchProvisionUsersRequest,
    BatchProvisionUsersRequestItem,
)


class CreatedDevice(ResponseModel):
    """A device the API created."""

    id_: str = Field(description="The internal identifier of device created")
    phone_number: str = Field(description="The device's number in E.164 format")


class CreatedExtension(ResponseModel):
    """An extension the API created."""

    id_: str = Field(description="The internal identifier of the extension created")
    devices: list[CreatedDevice] = Field(description="Devices created with it")


class BatchProvisionUsersSuccessItem(ResponseModel):
    """A record the API provisioned."""

    successful: Literal[True] = Field(description="Always true for a success")
    extension: CreatedExtension


class ApiErrorWithParameter(ResponseModel):
    """Why the API refused a record."""

    error_code: str = Field(description="Logical error code such as CMN-101")
    message: str = Field(description="User-friendly error message")
    parameter_name: str | None = Field(
        default=None, description="The parameter that caused the error"
    )
    parameter_value: str | None = Field(
        default=None, description="The value of that parameter"
    )


class BatchProvisionErrorItem(ResponseModel):
    """A record the API refused."""

    successful: Literal[False] = Field(description="Always false for an error")
    errors: list[ApiErrorWithParameter] = Field(min_length=1)


def _result_form(result: dict[str, Any]) -> type[ResponseModel] | None:
    successful = result.get("successful")
    if successful is True:
        return BatchProvisionUsersSuccessItem
    if successful is False:
        return BatchProvisionErrorItem
    return None


BatchProvisionResult = Annotated[
    BatchProvisionUsersSuccessItem | BatchProvisionErrorItem,
    OneFormOf(
        (BatchProvisionUsersSuccessItem, BatchProvisionErrorItem),
        _result_form,
        "result_form",
        "Each result must have successful true (with extension) or false (with errors)",
        sibling_nulls=False,
    ),
]
"""A success or an error, told apart by ``successful``."""


class BatchProvisionUsersResponse(ResponseModel):
    """The response body of the batch provisioning operation."""

    results: list[BatchProvisionResult] = Field(
        description="One result per request record, in the request's order"
    )


@dataclass(frozen=True)
class RecordOutcome:
    """A request record with the result the API gave for it."""

    index: int
    record: BatchProvisionUsersRequestItem
    result: BatchProvisionUsersSuccessItem | BatchProvisionErrorItem

    @property
    def succeeded(self) -> bool:
        """Whether the API created this user."""
        return self.result.successful


def pair_results(
    request: BatchProvisionUsersRequest | Sequence[BatchProvisionUsersRequestItem],
    response: BatchProvisionUsersResponse,
) -> list[RecordOutcome]:
    """Pair each result with the record it answers (the API keeps the order).

    Raises:
        ValueError: the response has a different number of results.

    """
    records = (
        request.records if isinstance(request, BatchProvisionUsersRequest) else request
    )
    if len(records) != len(response.results):
        raise ValueError(
            f"The response has {len(response.results)} results for "
            f"{len(records)} records; it does not answer this request"
        )

    return [
        RecordOutcome(index, record, result)
        for index, (record, result) in enumerate(
            zip(records, response.results, strict=True)
        )
    ]
