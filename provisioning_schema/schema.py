"""Export the wire models as JSON Schema (draft 2020-12) and OpenAPI 3.1.

The schemas describe the wire: camelCase names, closed objects, ``null``
allowed wherever the models read it as absent. A payload the models accept
is accepted by any standard validator given these schemas; the few rules
that JSON Schema cannot state are listed in ``MODEL_ONLY_RULES``.

Example:
    >>> schema = request_json_schema()
    >>> schema["$schema"]
    'https://json-schema.org/draft/2020-12/schema'

Regenerate the committed files with ``python -m provisioning_schema.schema
--write schema/``.

"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from provisioning_schema.request import (
    BatchProvisionUsersRequest,
    BatchProvisionUsersRequestItem,
)
from provisioning_schema.response import BatchProvisionUsersResponse

__all__ = [
    "DIALECT",
    "ITEM_SCHEMA_ID",
    "MODEL_ONLY_RULES",
    "REQUEST_SCHEMA_ID",
    "ModelOnlyRule",
    "item_json_schema",
    "main",
    "openapi_document",
    "render",
    "request_json_schema",
]

DIALECT = "https://json-schema.org/draft/2020-12/schema"
REQUEST_SCHEMA_ID = "urn:provisioning-schema:batch-provision-users-request"
ITEM_SCHEMA_ID = "urn:provisioning-schema:batch-provision-users-request-item"
OPERATION_PATH = "/restapi/v2/accounts/{accountId}/batch-provisioning/users"


@dataclass(frozen=True)
class ModelOnlyRule:
    """A rule the models enforce that the JSON Schema cannot state."""

    name: str
    error_types: frozenset[str]
    """The error types the models report when the rule is broken."""
    reason: str
    """Why no JSON Schema keyword can carry the rule."""


MODEL_ONLY_RULES: tuple[ModelOnlyRule, ...] = (
    ModelOnlyRule(
        "Phone number validity",
        frozenset(
            {
                "phone_country_code",
                "e164_not_canonical",
                "phone_number_length",
                "phone_number_invalid",
            }
        ),
        "whether an E.164 number is assigned, canonical and of a possible length "
        "depends on each country's numbering plan (phonenumbers' metadata); the "
        "schema checks the E.164 shape only",
    ),
    ModelOnlyRule(
        "Email syntax beyond the format",
        frozenset(
            {
                "email_invalid",
                "email_display_name",
                "email_whitespace",
                "email_not_ascii",
            }
        ),
        'validators read "format": "email" differently (python-jsonschema only '
        "looks for an @); the models apply email-validator's full syntax check",
    ),
    ModelOnlyRule(
        "Cross-record uniqueness",
        frozenset({"duplicate_extension_number", "duplicate_login_email"}),
        "uniqueItems compares whole records, not one member of each, and login "
        "emails are compared without regard to case",
    ),
    ModelOnlyRule(
        "The account's extension length",
        frozenset({"extension_number_too_long"}),
        "the account's longest extension (3 to 8 digits) is a validation option; "
        "the schema allows the API's 8",
    ),
    ModelOnlyRule(
        "Blank strings",
        frozenset({"blank_string"}),
        "names and IDs must hold a character that is not whitespace, and Python "
        "and ECMA-262 regular expressions disagree on what whitespace is; the "
        "schema refuses the empty string only",
    ),
)

_SCHEMA_NOTE = "Rules only the provisioning_schema models check: " + "; ".join(
    rule.name.lower() for rule in MODEL_ONLY_RULES
)

_EXAMPLE_RECORD: dict[str, Any] = {
    "status": "Enabled",
    "extensionNumber": "205",
    "contact": {
        "firstName": "Jane",
        "lastName": "Roe",
        "email": "jane.roe@example.com",
        "mobileNumber": "+16505550123",
        "transition": {"sendWelcomeEmail": False},
    },
    "costCenter": {"id": "224149"},
    "roles": [{"id": "1"}],
    "devices": [
        {
            "deviceInfo": {
                "type": "OtherPhone",
                "emergency": {"location": {"id": "1009"}},
                "phoneInfo": {"tollType": "Toll"},
            }
        }
    ],
}


def request_json_schema() -> dict[str, Any]:
    """Return the JSON Schema of the request body (``{"records": [...]}``)."""
    return _standalone(
        BatchProvisionUsersRequest,
        REQUEST_SCHEMA_ID,
        {"records": [_EXAMPLE_RECORD]},
    )


def item_json_schema() -> dict[str, Any]:
    """Return the JSON Schema of one record of the request body."""
    return _standalone(BatchProvisionUsersRequestItem, ITEM_SCHEMA_ID, _EXAMPLE_RECORD)


def openapi_document() -> dict[str, Any]:
    """Return an OpenAPI 3.1 document of the batch provisioning operation."""
    _, definitions = models_json_schema(
        [
            (BatchProvisionUsersRequest, "validation"),
            (BatchProvisionUsersResponse, "validation"),
        ],
        by_alias=True,
        ref_template="#/components/schemas/{model}",
    )
    components = definitions["$defs"]
    components["BatchProvisionUsersRequest"]["examples"] = [
        {"records": [_EXAMPLE_RECORD]}
    ]

    return {
        "openapi": "3.1.0",
        "info": {
            "title": "RingCentral batch user provisioning",
            "version": "v2",
            "description": (
                "The request and response bodies as the provisioning_schema models "
                f"read them. {_SCHEMA_NOTE}."
            ),
        },
        "paths": {OPERATION_PATH: {"post": _operation()}},
        "components": {"schemas": components},
    }


def render(document: dict[str, Any]) -> str:
    """Serialize a schema the way the committed files are written."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _standalone(
    model: type[BaseModel], schema_id: str, example: dict[str, Any]
) -> dict[str, Any]:
    body = model.model_json_schema(by_alias=True, mode="validation")
    description = f"{body.pop('description')} {_SCHEMA_NOTE}."
    return {
        "$schema": DIALECT,
        "$id": schema_id,
        **body,
        "description": description,
        "examples": [example],
    }


def _operation() -> dict[str, Any]:
    def body(name: str) -> dict[str, Any]:
        return {
            "application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}
        }

    return {
        "operationId": "postBatchProvisionUsers",
        "summary": "Create multiple user extensions",
        "description": (
            "Creates user extensions with BYOD (customer provided) devices. "
            "Partial success is possible: each result answers the record at "
            "the same position."
        ),
        "parameters": [
            {
                "name": "accountId",
                "in": "path",
                "required": True,
                "description": 'Internal identifier of the account, or "~"',
                "schema": {"type": "string"},
            }
        ],
        "requestBody": {
            "required": True,
            "content": body("BatchProvisionUsersRequest"),
        },
        "responses": {
            "200": {
                "description": "One result per record (partial success is possible)",
                "content": body("BatchProvisionUsersResponse"),
            }
        },
    }


_WRITTEN: dict[str, Literal["request", "item", "openapi"]] = {
    "batch-provision-users-request.schema.json": "request",
    "batch-provision-users-request-item.schema.json": "item",
    "openapi.json": "openapi",
}


def generated_files() -> dict[str, str]:
    """Return the committed schema files by name, as they should read."""
    documents = {
        "request": request_json_schema,
        "item": item_json_schema,
        "openapi": openapi_document,
    }
    return {name: render(documents[kind]()) for name, kind in _WRITTEN.items()}


def main(argv: Sequence[str] | None = None) -> int:
    """Write the schema files into a folder: ``--write schema/``."""
    parser = argparse.ArgumentParser(
        prog="python -m provisioning_schema.schema",
        description="Regenerate the committed JSON Schema and OpenAPI files.",
    )
    parser.add_argument("--write", metavar="FOLDER", type=Path, required=True)
    folder: Path = parser.parse_args(argv).write

    folder.mkdir(parents=True, exist_ok=True)
    for name, text in generated_files().items():
        (folder / name).write_text(text, encoding="utf-8")
        print(f"wrote {folder / name}")

    return 0


if __name__ == "__main__":
    sys.exit(main())
