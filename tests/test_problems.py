from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from provisioning_schema import (
    BatchProvisionUsersRequest,
    BatchProvisionUsersRequestItem,
    Contact,
)
from provisioning_schema.problems import (
    InputFileError,
    Problem,
    describe_errors,
    wire_path,
)

WIRE = {"wire_names_only": True}


def _record(**fields: Any) -> dict[str, Any]:
    return {"status": "Enabled", "contact": {}, **fields}


def _errors_of(
    model: type[BaseModel], data: object, context: dict[str, Any] | None = None
) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data, context=context or WIRE)
    return caught.value


@pytest.mark.parametrize(
    ("loc", "path"),
    [
        pytest.param(
            ("records", 3, "contact", "mobileNumber"),
            "records[3].contact.mobileNumber",
            id="request-body",
        ),
        pytest.param(
            (3, "contact", "mobileNumber"), "[3].contact.mobileNumber", id="bare-array"
        ),
        pytest.param(("contact", "mobileNumber"), "contact.mobileNumber", id="record"),
        pytest.param(("records",), "records", id="one-key"),
        pytest.param((), "", id="whole-document"),
        pytest.param((0, 1), "[0][1]", id="nested-arrays"),
        pytest.param(
            ("devices", 0, "deviceInfo", "phoneInfo", "phoneNumberId"),
            "devices[0].deviceInfo.phoneInfo.phoneNumberId",
            id="device",
        ),
        pytest.param(("first_name",), "first_name", id="snake-case-key-is-plain"),
        pytest.param(
            ("contact", "first name"), 'contact["first name"]', id="key-with-space"
        ),
        pytest.param(("contact", "a.b"), 'contact["a.b"]', id="key-with-dot"),
        pytest.param(("contact", ""), 'contact[""]', id="empty-key"),
        pytest.param(("contact", '"x"'), 'contact["\\"x\\""]', id="key-with-quotes"),
        pytest.param(("9lives",), '["9lives"]', id="key-starting-with-digit"),
    ],
)
def test_wire_path(loc: tuple[str | int, ...], path: str) -> None:
    assert wire_path(loc) == path


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            {"records": [_record(), _record(contact={"emial": "a@example.com"})]},
            [(1, "records[1].contact.emial", "unknown_field")],
            id="typo-key-in-second-record",
        ),
        pytest.param(
            {"records": [_record(extensionNumber="101")] * 2},
            [(1, "records[1].extensionNumber", "duplicate_extension_number")],
            id="duplicate-extension",
        ),
        pytest.param(
            {"records": [_record()] * 11},
            [(None, "records", "records_count")],
            id="too-many-records",
        ),
        pytest.param(
            [_record()], [(None, "", "model_type")], id="body-is-not-an-object"
        ),
        pytest.param(
            {"records": [{"contact": {}}]},
            [(0, "records[0].status", "missing")],
            id="missing-status",
        ),
        pytest.param(
            {"records": [_record(status="enabled", roles="1")]},
            [
                (0, "records[0].status", "status_not_enabled"),
                (0, "records[0].roles", "array_expected"),
            ],
            id="two-errors-in-order",
        ),
    ],
)
def test_describe_request_errors(
    body: object, expected: list[tuple[int | None, str, str]]
) -> None:
    error = _errors_of(BatchProvisionUsersRequest, body)

    problems = describe_errors(error)

    assert [(p.record, p.path, p.type) for p in problems] == expected


@pytest.mark.parametrize(
    ("record", "within", "expected"),
    [
        pytest.param(4, (4,), (4, "[4].status", "status_not_enabled"), id="bare-array"),
        pytest.param(0, (), (0, "status", "status_not_enabled"), id="lone-record"),
        pytest.param(
            None, (), (None, "status", "status_not_enabled"), id="no-record-known"
        ),
    ],
)
def test_describe_record_errors(
    record: int | None,
    within: tuple[int, ...],
    expected: tuple[int | None, str, str],
) -> None:
    error = _errors_of(BatchProvisionUsersRequestItem, _record(status="ENABLED"))

    (problem,) = describe_errors(error, record=record, within=within)

    assert (problem.record, problem.path, problem.type) == expected


def test_describe_part_errors() -> None:
    error = _errors_of(Contact, {"mobileNumber": "+1 650-555-0123"})

    assert describe_errors(error) == [
        Problem(
            record=None,
            path="mobileNumber",
            type="e164_format",
            message=error.errors()[0]["msg"],
        )
    ]


@pytest.mark.parametrize(
    ("data", "redact", "message"),
    [
        pytest.param(
            _record(sendWelcomeEmail="yes"),
            False,
            "Input should be a valid boolean; got 'yes'",
            id="pydantic-type-shows-value",
        ),
        pytest.param(
            _record(sendWelcomeEmail="yes"),
            True,
            "Input should be a valid boolean",
            id="pydantic-type-redacted",
        ),
        pytest.param(
            {"contact": {}}, False, "Field required", id="missing-shows-no-value"
        ),
        pytest.param(
            _record(contact={"firstName": "x" * 65}),
            False,
            "String should have at most 64 characters; got '" + "x" * 56 + "...",
            id="long-value-cut-short",
        ),
    ],
)
def test_pydantic_messages_follow_the_grammar(
    data: dict[str, Any], redact: bool, message: str
) -> None:
    error = _errors_of(BatchProvisionUsersRequestItem, data)

    (problem,) = describe_errors(error, redact=redact)

    assert problem.message == message


@pytest.mark.parametrize("redact", [False, True], ids=["plain", "redacted"])
def test_own_messages_are_kept_as_the_models_wrote_them(redact: bool) -> None:
    context = {**WIRE, "redact": redact}
    data = _record(status="enabled")
    error = _errors_of(BatchProvisionUsersRequestItem, data, context)

    (problem,) = describe_errors(error, redact=redact)

    assert problem.message == error.errors()[0]["msg"]
    assert ("'enabled'" in problem.message) is not redact


@pytest.mark.parametrize(
    ("line", "column", "text"),
    [
        pytest.param(3, 7, "users.json:3:7: not valid JSON", id="line-and-column"),
        pytest.param(3, None, "users.json:3: not valid JSON", id="line-only"),
        pytest.param(None, None, "users.json: not valid JSON", id="no-position"),
    ],
)
def test_input_file_error_is_one_line(
    line: int | None, column: int | None, text: str
) -> None:
    error = InputFileError("users.json", "not valid JSON", line=line, column=column)

    assert (str(error), error.source, error.line, error.column, error.reason) == (
        text,
        "users.json",
        line,
        column,
        "not valid JSON",
    )
    assert isinstance(error, ValueError)
