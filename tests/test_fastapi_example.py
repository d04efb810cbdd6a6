"""The FastAPI example answers with the models' verdicts and shows our schema."""

from __future__ import annotations

import copy
import importlib.util
from pathlib import Path
from typing import Any

import pytest
from corpus import RECORD
from fastapi import FastAPI
from fastapi.testclient import TestClient

from provisioning_schema.schema import openapi_document

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "fastapi_app.py"
CHECK = "/batch-provisioning/users/check"


def _example_app() -> FastAPI:
    # Loaded from its path: examples/ is a folder of scripts, not a package.
    spec = importlib.util.spec_from_file_location("fastapi_app", EXAMPLE)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    app: FastAPI = module.app
    return app


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(_example_app())


def _body(**contact: Any) -> dict[str, Any]:
    record = copy.deepcopy(RECORD)
    record["contact"].update(contact)
    return {"records": [record]}


def test_valid_body_comes_back_in_wire_form(client: TestClient) -> None:
    body = _body(email="Jane.Roe@EXAMPLE.com", firstName=None)

    answer = client.post(CHECK, json=body)

    expected = copy.deepcopy(body)
    expected["records"][0]["contact"]["email"] = "Jane.Roe@example.com"
    del expected["records"][0]["contact"]["firstName"]
    assert (answer.status_code, answer.json()) == (200, expected)


@pytest.mark.parametrize(
    ("body", "error_type", "loc"),
    [
        (
            _body(mobileNumber="+1 650-555-0123"),
            "e164_format",
            ["body", "records", 0, "contact", "mobileNumber"],
        ),
        (
            _body(mobileNumber="+15551234567"),
            "phone_number_invalid",
            ["body", "records", 0, "contact", "mobileNumber"],
        ),
        (
            _body(first_name="Jane"),
            "unknown_field",
            ["body", "records", 0, "contact", "first_name"],
        ),
        (
            {"records": [{**RECORD, "status": "enabled"}]},
            "status_not_enabled",
            ["body", "records", 0, "status"],
        ),
        ({"records": []}, "records_count", ["body", "records"]),
    ],
    ids=["e164_format", "phone_number_invalid", "snake_case", "status", "no records"],
)
def test_bad_body_gets_422_with_our_error(
    client: TestClient, body: Any, error_type: str, loc: list[Any]
) -> None:
    answer = client.post(CHECK, json=body)

    assert answer.status_code == 422
    assert [(e["type"], e["loc"]) for e in answer.json()["detail"]] == [
        (error_type, loc)
    ]


def test_error_message_says_what_is_right(client: TestClient) -> None:
    answer = client.post(CHECK, json=_body(mobileNumber="16505550123"))

    (error,) = answer.json()["detail"]
    assert error["msg"] == (
        "Phone number must be E.164, a + and 2 to 15 digits like +14155552671: "
        "the leading + is missing; got '16505550123'"
    )


def test_text_that_is_not_json_gets_422(client: TestClient) -> None:
    answer = client.post(
        CHECK, content=b"{records", headers={"content-type": "application/json"}
    )

    assert answer.status_code == 422
    assert [e["type"] for e in answer.json()["detail"]] == ["json_invalid"]


def test_openapi_document_holds_our_schemas(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    ours = openapi_document()["components"]["schemas"]

    schemas = document["components"]["schemas"]
    assert {name: schemas[name] for name in ours} == ours


def test_openapi_operation_takes_our_request_body(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    operation = document["paths"][CHECK]["post"]

    assert operation["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/BatchProvisionUsersRequest"
    }
    assert set(operation["responses"]) == {"200", "422"}
