"""The response body: results told apart by `successful`, paired with records."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import ValidationError

from provisioning_schema import (
    ApiErrorWithParameter,
    BatchProvisionErrorItem,
    BatchProvisionUsersRequest,
    BatchProvisionUsersResponse,
    BatchProvisionUsersSuccessItem,
    pair_results,
)

Loc = tuple[int | str, ...]

SUCCESS: dict[str, Any] = {
    "successful": True,
    "extension": {
        "id": "62264425016",
        "devices": [{"id": "804425116", "phoneNumber": "+16505550123"}],
    },
}
FAILURE: dict[str, Any] = {
    "successful": False,
    "errors": [
        {
            "errorCode": "CMN-101",
            "message": "Parameter [contact.email] value is invalid",
            "parameterName": "contact.email",
            "parameterValue": "jsmith@example.comx",
        }
    ],
}


def response(*results: dict[str, Any]) -> BatchProvisionUsersResponse:
    return BatchProvisionUsersResponse.model_validate_json(
        json.dumps({"results": list(results)})
    )


def errors_of(body: Any) -> list[tuple[str, Loc]]:
    with pytest.raises(ValidationError) as caught:
        BatchProvisionUsersResponse.model_validate(body)

    return [(error["type"], error["loc"]) for error in caught.value.errors()]


def records(count: int) -> BatchProvisionUsersRequest:
    return BatchProvisionUsersRequest.model_validate(
        {
            "records": [
                {
                    "status": "Enabled",
                    "contact": {"firstName": f"User{index}"},
                    "extensionNumber": f"{301 + index}",
                }
                for index in range(count)
            ]
        }
    )


@pytest.mark.parametrize(
    ("result", "kind"),
    [
        pytest.param(SUCCESS, BatchProvisionUsersSuccessItem, id="success"),
        pytest.param(FAILURE, BatchProvisionErrorItem, id="error"),
        pytest.param(
            {**SUCCESS, "extension": {"id": "1", "devices": []}},
            BatchProvisionUsersSuccessItem,
            id="success-without-devices",
        ),
        pytest.param(
            {
                "successful": False,
                "errors": [{"errorCode": "EXT-1", "message": "Taken"}],
            },
            BatchProvisionErrorItem,
            id="error-without-parameter",
        ),
    ],
)
def test_results_are_told_apart_by_successful(
    result: dict[str, Any], kind: type[Any]
) -> None:
    [parsed] = response(result).results

    assert type(parsed) is kind


def test_success_members() -> None:
    [parsed] = response(SUCCESS).results

    assert isinstance(parsed, BatchProvisionUsersSuccessItem)
    assert parsed.extension.id_ == "62264425016"
    assert [(d.id_, d.phone_number) for d in parsed.extension.devices] == [
        ("804425116", "+16505550123")
    ]


def test_error_members() -> None:
    [parsed] = response(FAILURE).results

    assert isinstance(parsed, BatchProvisionErrorItem)
    assert parsed.errors == [
        ApiErrorWithParameter(
            error_code="CMN-101",
            message="Parameter [contact.email] value is invalid",
            parameter_name="contact.email",
            parameter_value="jsmith@example.comx",
        )
    ]


def test_unknown_keys_are_kept() -> None:
    body = {
        "results": [
            {
                **SUCCESS,
                "requestId": "req-7",
                "extension": {**SUCCESS["extension"], "status": "NotActivated"},
            },
            {
                "successful": False,
                "errors": [{**FAILURE["errors"][0], "severity": "Error"}],
            },
        ],
        "batchId": "b-12",
    }

    parsed = BatchProvisionUsersResponse.model_validate_json(json.dumps(body))

    assert parsed.model_dump(mode="json") == body


@pytest.mark.parametrize(
    ("body", "error_type", "loc"),
    [
        pytest.param(
            {"results": [{"successful": False, "errors": []}]},
            "too_short",
            ("results", 0, "errors"),
            id="no-errors",
        ),
        pytest.param(
            {"results": [{"successful": False}]},
            "missing",
            ("results", 0, "errors"),
            id="errors-missing",
        ),
        pytest.param(
            {"results": [{"successful": True}]},
            "missing",
            ("results", 0, "extension"),
            id="extension-missing",
        ),
        pytest.param(
            {"results": [{"extension": SUCCESS["extension"]}]},
            "result_form",
            ("results", 0),
            id="successful-missing",
        ),
        pytest.param(
            {"results": [{**SUCCESS, "successful": "yes"}]},
            "result_form",
            ("results", 0),
            id="successful-string",
        ),
        pytest.param({}, "missing", ("results",), id="results-missing"),
    ],
)
def test_invalid_response(body: Any, error_type: str, loc: Loc) -> None:
    assert errors_of(body) == [(error_type, loc)]


def test_pair_results_in_request_order_with_partial_success() -> None:
    request = records(3)
    answer = response(
        SUCCESS, FAILURE, {**SUCCESS, "extension": {"id": "9", "devices": []}}
    )

    outcomes = pair_results(request, answer)

    assert [o.index for o in outcomes] == [0, 1, 2]
    assert [o.record.extension_number for o in outcomes] == ["301", "302", "303"]
    assert [o.succeeded for o in outcomes] == [True, False, True]
    assert [o.result for o in outcomes] == list(answer.results)


def test_pair_results_takes_a_list_of_records() -> None:
    request = records(2)
    answer = response(FAILURE, SUCCESS)

    outcomes = pair_results(request.records, answer)

    assert [(o.record.contact.first_name, o.succeeded) for o in outcomes] == [
        ("User0", False),
        ("User1", True),
    ]


@pytest.mark.parametrize(
    ("record_count", "result_count"),
    [pytest.param(3, 2, id="fewer-results"), pytest.param(1, 2, id="more-results")],
)
def test_pair_results_refuses_a_response_to_another_request(
    record_count: int, result_count: int
) -> None:
    answer = response(*([SUCCESS] * result_count))

    with pytest.raises(ValueError, match=f"{result_count} results for {record_count}"):
        pair_results(records(record_count), answer)
