"""A FastAPI service that checks provisioning requests with provisioning_schema.

Run it with ``uvicorn examples.fastapi_app:app``. ``POST`` a request body to
``/batch-provisioning/users/check``: a valid body comes back in its canonical
wire form (200); anything else gets 422 with the models' error details, each
located under ``body`` by wire path.

The body is validated as JSON text, so, as for files, only wire (camelCase)
names are accepted. The OpenAPI document at ``/openapi.json`` holds the
package's own schemas.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

from provisioning_schema import BatchProvisionUsersRequest
from provisioning_schema.schema import openapi_document

REQUEST_REF = "#/components/schemas/BatchProvisionUsersRequest"
JSON_BODY = {"application/json": {"schema": {"$ref": REQUEST_REF}}}
ERROR_DETAILS = {
    "type": "object",
    "required": ["detail"],
    "properties": {
        "detail": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["type", "loc", "msg"],
                "properties": {
                    "type": {"type": "string", "examples": ["e164_format"]},
                    "loc": {"type": "array", "items": {"type": ["string", "integer"]}},
                    "msg": {"type": "string"},
                    "input": {},
                },
            },
        }
    },
}

app = FastAPI(title="Provisioning request check", version="1.0.0")


async def provisioning_request(request: Request) -> BatchProvisionUsersRequest:
    """Read the body through the models, as JSON text."""
    try:
        return BatchProvisionUsersRequest.model_validate_json(await request.body())
    except ValidationError as exc:
        # FastAPI answers RequestValidationError with 422 and these details.
        errors = json.loads(exc.json(include_url=False))
        for error in errors:
            error["loc"] = ["body", *error["loc"]]
        raise RequestValidationError(errors) from None


@app.post(
    "/batch-provisioning/users/check",
    summary="Check a batch provisioning request",
    response_description="The request in its canonical wire form",
    response_model=None,
    openapi_extra={
        "requestBody": {"required": True, "content": JSON_BODY},
        "responses": {
            "200": {"content": JSON_BODY},
            "422": {
                "description": "The body breaks the contract; one item per problem",
                "content": {"application/json": {"schema": ERROR_DETAILS}},
            },
        },
    },
)
async def check(
    body: Annotated[BatchProvisionUsersRequest, Depends(provisioning_request)],
) -> dict[str, Any]:
    """Return the request as it would be sent: camelCase, no nulls."""
    return body.model_dump(mode="json")


def _openapi() -> dict[str, Any]:
    if app.openapi_schema is None:
        document = FastAPI.openapi(app)
        schemas = document.setdefault("components", {}).setdefault("schemas", {})
        schemas.update(openapi_document()["components"]["schemas"])
        app.openapi_schema = document
    return app.openapi_schema


app.openapi = _openapi  # type: ignore[method-assign]  # FastAPI's documented hook
