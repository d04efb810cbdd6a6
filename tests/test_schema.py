"""The emitted JSON Schema and OpenAPI document: valid, complete, committed."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from provisioning_schema import (
    BatchProvisionUsersRequest,
    BatchProvisionUsersRequestItem,
)
from provisioning_schema.schema import (
    DIALECT,
    ITEM_SCHEMA_ID,
    MODEL_ONLY_RULES,
    REQUEST_SCHEMA_ID,
    generated_files,
    item_json_schema,
    main,
    openapi_document,
    request_json_schema,
)

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_FOLDER = ROOT / "schema"
REGENERATE = "python -m provisioning_schema.schema --write schema/"
SCHEMAS = {"request": request_json_schema, "item": item_json_schema}
Validator = jsonschema.Draft202012Validator


def _subschemas(schema: Any, path: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(schema, dict):
        yield path, schema
        for key, value in schema.items():
            if key not in ("examples", "enum", "const", "default"):
                yield from _subschemas(value, f"{path}/{key}")
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            yield from _subschemas(value, f"{path}/{index}")


def _objects(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    definitions = {"(root)": schema, **schema["$defs"]}
    for name, definition in definitions.items():
        if definition.get("type") == "object":
            yield name, definition


@pytest.mark.parametrize("name", sorted(generated_files()))
def test_committed_file_matches_the_models(name: str) -> None:
    committed = SCHEMA_FOLDER / name

    assert committed.exists(), f"schema/{name} is missing; run `{REGENERATE}`"
    assert committed.read_text(encoding="utf-8") == generated_files()[name], (
        f"schema/{name} is out of date with the models; run `{REGENERATE}`"
    )


def test_no_stray_files_in_the_schema_folder() -> None:
    assert sorted(path.name for path in SCHEMA_FOLDER.iterdir()) == sorted(
        generated_files()
    )


def test_write_regenerates_the_files(tmp_path: Path) -> None:
    assert main(["--write", str(tmp_path)]) == 0

    written = {
        path.name: path.read_text(encoding="utf-8") for path in tmp_path.iterdir()
    }
    assert written == generated_files()


@pytest.mark.parametrize(
    ("kind", "schema_id", "title"),
    [
        ("request", REQUEST_SCHEMA_ID, "BatchProvisionUsersRequest"),
        ("item", ITEM_SCHEMA_ID, "BatchProvisionUsersRequestItem"),
    ],
)
def test_schema_names_its_dialect_and_identity(
    kind: str, schema_id: str, title: str
) -> None:
    schema = SCHEMAS[kind]()

    assert (schema["$schema"], schema["$id"], schema["title"]) == (
        DIALECT,
        schema_id,
        title,
    )


@pytest.mark.parametrize("kind", SCHEMAS)
def test_schema_is_valid_under_the_2020_12_meta_schema(kind: str) -> None:
    Validator.check_schema(SCHEMAS[kind]())


def test_openapi_component_schemas_are_valid_json_schema() -> None:
    for schema in openapi_document()["components"]["schemas"].values():
        Validator.check_schema(schema)


@pytest.mark.parametrize("kind", SCHEMAS)
def test_every_object_is_closed(kind: str) -> None:
    open_objects = [
        name
        for name, definition in _objects(SCHEMAS[kind]())
        if definition.get("additionalProperties") is not False
    ]

    assert open_objects == []


def _referenced_title(schema: dict[str, Any], member: dict[str, Any]) -> str:
    reference = member.get("$ref", "")
    target = schema["$defs"].get(reference.removeprefix("#/$defs/"), {})
    return str(target.get("title", ""))


@pytest.mark.parametrize("kind", SCHEMAS)
def test_properties_have_wire_names_titles_and_descriptions(kind: str) -> None:
    schema = SCHEMAS[kind]()
    problems = []
    for name, definition in _objects(schema):
        for wire, member in definition["properties"].items():
            if not re.fullmatch(r"[a-z][A-Za-z0-9]*", wire):
                problems.append(f"{name}.{wire}: not a camelCase wire name")
            if not member.get("description"):
                problems.append(f"{name}.{wire}: no description")
            # A reference to a model whose title is the field's keeps only that.
            title = member.get("title") or _referenced_title(schema, member)
            squashed = wire.lower() != wire and " " not in title
            if not title or squashed:
                problems.append(f"{name}.{wire}: title {title!r} is not in words")

    assert problems == []


def _definition_for(kind: str, pointer: str) -> dict[str, Any]:
    schema = SCHEMAS[kind]()
    target: Any = schema
    for key in pointer.split("/"):
        target = target[int(key)] if key.isdigit() else target[key]
    return dict(target)


@pytest.mark.parametrize(
    ("pointer", "facts"),
    [
        ("properties/records", {"minItems": 1, "maxItems": 10, "type": "array"}),
        (
            "$defs/BatchProvisionUsersRequestItem/properties/extensionNumber/anyOf/0",
            {
                "type": "string",
                "pattern": "^[0-9]{3,8}(?!\\n)$",
                "minLength": 3,
                "maxLength": 8,
            },
        ),
        (
            "$defs/BatchProvisionUsersRequestItem/properties/roles/anyOf/0",
            {"maxItems": 1},
        ),
        (
            "$defs/BatchProvisionUsersRequestItem/properties/devices/anyOf/0",
            {"maxItems": 1},
        ),
        (
            "$defs/Contact/properties/email/anyOf/0",
            {"type": "string", "format": "email", "maxLength": 64},
        ),
        (
            "$defs/Contact/properties/mobileNumber/anyOf/0",
            {"pattern": "^\\+[1-9][0-9]{1,14}(?!\\n)$", "maxLength": 18},
        ),
        (
            "$defs/Contact/properties/firstName/anyOf/0",
            {"minLength": 1, "maxLength": 64},
        ),
        (
            "$defs/PhoneNumberDefinitionPreferredAreaCode/properties/preferredAreaCode",
            {"pattern": "^[1-9][0-9]{1,3}(?!\\n)$"},
        ),
        ("$defs/PostalAddress/properties/street", {"maxLength": 256}),
        ("$defs/PostalAddress/properties/zip", {"maxLength": 10}),
        ("$defs/EmergencyAddress", {"deprecated": True}),
        ("$defs/BatchProvisionUsersRequestItemStatus", {"enum": ["Enabled"]}),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_schema_states_the_fact(pointer: str, facts: dict[str, Any]) -> None:
    definition = _definition_for("request", pointer)

    assert {key: definition.get(key) for key in facts} == facts


def test_emergency_location_form_is_not_deprecated() -> None:
    location = _definition_for("request", "$defs/EmergencyLocation")

    assert "deprecated" not in location


@pytest.mark.parametrize("field", ["emergency", "phoneInfo"])
def test_overlapping_forms_use_any_of(field: str) -> None:
    device = _definition_for("request", f"$defs/DeviceDefinition/properties/{field}")

    assert "oneOf" not in device
    assert len(device["anyOf"]) in (2, 5)


@pytest.mark.parametrize("kind", SCHEMAS)
def test_patterns_are_ecma_262_safe(kind: str) -> None:
    patterns = [
        subschema["pattern"]
        for _, subschema in _subschemas(SCHEMAS[kind]())
        if isinstance(subschema.get("pattern"), str)
    ]

    assert patterns
    assert [p for p in patterns if re.search(r"\\[dDwWsSAZ]|\(\?[aiLmsux]", p)] == []
    assert [
        p for p in patterns if not (p.startswith("^") and p.endswith("(?!\\n)$"))
    ] == []


def _with_defs(schema: dict[str, Any], subschema: dict[str, Any]) -> dict[str, Any]:
    return {"$defs": schema["$defs"], **subschema}


@pytest.mark.parametrize("kind", SCHEMAS)
def test_every_example_fits_its_schema(kind: str) -> None:
    schema = SCHEMAS[kind]()
    checker = Validator.FORMAT_CHECKER
    misfits = [
        f"{path}: {example!r}"
        for path, subschema in _subschemas(schema)
        for example in subschema.get("examples", [])
        if not Validator(
            _with_defs(schema, subschema), format_checker=checker
        ).is_valid(example)
    ]

    assert misfits == []
    assert len(list(_subschemas(schema))) > 50


@pytest.mark.parametrize(
    ("kind", "model"),
    [("request", BatchProvisionUsersRequest), ("item", BatchProvisionUsersRequestItem)],
)
def test_top_example_passes_the_models(kind: str, model: Any) -> None:
    (example,) = SCHEMAS[kind]()["examples"]

    assert model.model_validate_json(json.dumps(example)).model_dump(mode="json") == (
        example
    )


@pytest.mark.parametrize("kind", SCHEMAS)
def test_optional_members_allow_null_and_required_ones_do_not(kind: str) -> None:
    schema = SCHEMAS[kind]()
    wrong = []
    for name, definition in _objects(schema):
        required = set(definition.get("required", []))
        for wire, member in definition["properties"].items():
            takes_null = Validator(_with_defs(schema, member)).is_valid(None)
            if takes_null == (wire in required):
                wrong.append(f"{name}.{wire}")

    assert wrong == []


def test_openapi_document_describes_the_operation() -> None:
    document = openapi_document()
    operation = document["paths"][
        "/restapi/v2/accounts/{accountId}/batch-provisioning/users"
    ]["post"]

    assert document["openapi"] == "3.1.0"
    assert operation["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/BatchProvisionUsersRequest"
    }
    assert operation["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/BatchProvisionUsersResponse"
    }


def _refs(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        if isinstance(value.get("$ref"), str):
            yield value["$ref"]
        for inner in value.values():
            yield from _refs(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _refs(inner)


def test_openapi_references_all_resolve() -> None:
    document = openapi_document()
    names = set(document["components"]["schemas"])
    targets = {ref.removeprefix("#/components/schemas/") for ref in _refs(document)}

    assert targets <= names
    assert {"BatchProvisionUsersRequest", "BatchProvisionUsersResponse"} <= targets


def test_openapi_components_are_the_standalone_definitions() -> None:
    standalone = request_json_schema()
    components = openapi_document()["components"]["schemas"]
    rewritten = json.loads(
        json.dumps(standalone["$defs"]).replace('"#/$defs/', '"#/components/schemas/')
    )

    assert {name: components[name] for name in rewritten} == rewritten


def test_model_only_rules_are_documented() -> None:
    guide = (ROOT / "docs" / "json-schema.md").read_text(encoding="utf-8")

    missing = [rule.name for rule in MODEL_ONLY_RULES if rule.name not in guide]
    assert missing == []
    for rule in MODEL_ONLY_RULES:
        assert all(f"`{error_type}`" in guide for error_type in rule.error_types)


def test_readme_lists_every_model_only_error_type() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")

    for rule in MODEL_ONLY_RULES:
        assert all(f"`{error_type}`" in readme for error_type in rule.error_types)


def test_model_only_rules_are_named_in_the_schema() -> None:
    description = request_json_schema()["description"]

    assert all(rule.name.lower() in description for rule in MODEL_ONLY_RULES)
