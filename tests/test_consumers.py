"""Validators nobody here wrote agree with the models over the corpus.

For every request body in wire names: what the models accept, each consumer
accepts; what a consumer accepts and the models reject breaks only rules in
``MODEL_ONLY_RULES``. The consumers are ajv 8 (draft 2020-12 build with
ajv-formats) under Node, python-jsonschema and jsonschema-rs, each checking
formats.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import jsonschema_rs
import pytest
from corpus import DEVICE, Case, corpus
from pydantic import BaseModel, ValidationError

from provisioning_schema import (
    BatchProvisionUsersRequest,
    BatchProvisionUsersRequestItem,
)
from provisioning_schema._base import WireModel, wire_name
from provisioning_schema.schema import (
    DIALECT,
    MODEL_ONLY_RULES,
    item_json_schema,
    request_json_schema,
)

ROOT = Path(__file__).resolve().parent.parent
CONSUMERS = ROOT / "tests" / "consumers"
INSTALL = "npm ci --prefix tests/consumers"
# RingCentral's published definition of the operation (snapshot of 2026-08-13).
PUBLISHED = (
    ROOT
    / "tests"
    / "data"
    / "published"
    / "ringcentral-batch-provisioning.openapi-subset.json"
)
MODEL_ONLY_TYPES = frozenset().union(*(rule.error_types for rule in MODEL_ONLY_RULES))

Consumer = Callable[[dict[str, Any], list[Any]], list[bool]]


def _node_ready() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.fail(
            "Node.js is not installed; the ajv consumer needs Node 18 or later "
            f"and its modules from `{INSTALL}`"
        )

    pinned = json.loads((CONSUMERS / "package.json").read_text())["dependencies"]
    for name, version in pinned.items():
        manifest = CONSUMERS / "node_modules" / name / "package.json"
        found = (
            json.loads(manifest.read_text())["version"] if manifest.exists() else None
        )
        if found != version:
            pytest.fail(
                f"{name}@{version} is not installed in tests/consumers "
                f"(found {found}); run `{INSTALL}`"
            )
    return node


def ajv(
    schema: dict[str, Any], bodies: list[Any], *, strict: bool = True
) -> list[bool]:
    """Validate in one Node process with ajv/dist/2020 and ajv-formats."""
    return [verdict["valid"] for verdict in ajv_verdicts(schema, bodies, strict=strict)]


def ajv_verdicts(
    schema: dict[str, Any], bodies: list[Any], *, strict: bool = True
) -> list[dict[str, Any]]:
    """Return ajv's verdict on each body: ``valid`` and, if not, ``errors``."""
    node = _node_ready()
    lines = "".join(json.dumps(body) + "\n" for body in bodies)
    command = [node, str(CONSUMERS / "validate.mjs")]
    if not strict:
        command.append("--lax")
    done = subprocess.run(
        command,
        input=json.dumps(schema) + "\n" + lines,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    if done.returncode != 0:
        pytest.fail(f"ajv failed (exit {done.returncode}): {done.stderr.strip()}")

    verdicts = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(verdicts) == len(bodies), done.stderr
    return verdicts


def python_jsonschema(schema: dict[str, Any], bodies: list[Any]) -> list[bool]:
    """Validate with python-jsonschema, checking formats."""
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    validator = jsonschema.Draft202012Validator(schema, format_checker=checker)
    return [validator.is_valid(body) for body in bodies]


def jsonschema_rs_(schema: dict[str, Any], bodies: list[Any]) -> list[bool]:
    """Validate with jsonschema-rs, checking formats."""
    validator = jsonschema_rs.Draft202012Validator(schema, validate_formats=True)
    return [validator.is_valid(body) for body in bodies]


CONSUMER_FUNCTIONS: dict[str, Consumer] = {
    "ajv": ajv,
    "python-jsonschema": python_jsonschema,
    "jsonschema-rs": jsonschema_rs_,
}


@dataclass(frozen=True)
class Outcome:
    """The models' verdict on a case and each consumer's."""

    case: Case
    model_errors: frozenset[str] | None
    """Error types the models report, or ``None`` when they accept."""
    consumers: dict[str, bool]

    def describe(self) -> str:
        """Name the case and the verdicts for a failure message."""
        model = "accepted" if self.model_errors is None else sorted(self.model_errors)
        body = json.dumps(self.case.body, ensure_ascii=False)
        body = body if len(body) < 300 else body[:297] + "..."
        return f"{self.case.name}: models {model}, consumers {self.consumers}\n  {body}"


def _model_errors(model: type[BaseModel], case: Case) -> frozenset[str] | None:
    try:
        model.model_validate_json(json.dumps(case.body), context=case.options)
    except ValidationError as exc:
        return frozenset(str(error["type"]) for error in exc.errors())
    return None


def _outcomes(
    model: type[BaseModel], schema: dict[str, Any], cases: list[Case]
) -> list[Outcome]:
    bodies = [case.body for case in cases]
    verdicts = {name: run(schema, bodies) for name, run in CONSUMER_FUNCTIONS.items()}
    return [
        Outcome(
            case,
            _model_errors(model, case),
            {name: verdicts[name][index] for name in verdicts},
        )
        for index, case in enumerate(cases)
    ]


@cache
def request_outcomes() -> tuple[Outcome, ...]:
    """Verdicts on the corpus of request bodies, against the request schema."""
    return tuple(_outcomes(BatchProvisionUsersRequest, request_json_schema(), corpus()))


def _records(cases: list[Case]) -> Iterator[Case]:
    seen: set[str] = set()
    for case in cases:
        body = case.body
        records = body.get("records") if isinstance(body, dict) else None
        for index, record in enumerate(records if isinstance(records, list) else []):
            text = json.dumps(record, sort_keys=True)
            if text not in seen:
                seen.add(text)
                yield Case(f"{case.name} records[{index}]", record, case.options)


@cache
def item_outcomes() -> tuple[Outcome, ...]:
    """Verdicts on every distinct record of the corpus, against the item schema."""
    records = list(_records(corpus()))
    return tuple(_outcomes(BatchProvisionUsersRequestItem, item_json_schema(), records))


OUTCOMES = {"request": request_outcomes, "item": item_outcomes}


@pytest.mark.parametrize("schema", OUTCOMES)
@pytest.mark.parametrize("consumer", CONSUMER_FUNCTIONS)
def test_consumer_accepts_what_the_models_accept(schema: str, consumer: str) -> None:
    refused = [
        outcome.describe()
        for outcome in OUTCOMES[schema]()
        if outcome.model_errors is None and not outcome.consumers[consumer]
    ]

    assert refused == [], "\n".join(refused)


@pytest.mark.parametrize("schema", OUTCOMES)
@pytest.mark.parametrize("consumer", CONSUMER_FUNCTIONS)
def test_consumer_accepts_only_what_model_only_rules_refuse(
    schema: str, consumer: str
) -> None:
    undocumented = [
        outcome.describe()
        for outcome in OUTCOMES[schema]()
        if outcome.model_errors is not None
        and outcome.consumers[consumer]
        and not outcome.model_errors <= MODEL_ONLY_TYPES
    ]

    assert undocumented == [], "\n".join(undocumented)


@pytest.mark.parametrize("rule", MODEL_ONLY_RULES, ids=lambda rule: rule.name)
def test_each_model_only_rule_is_a_real_difference(rule: Any) -> None:
    shown = [
        outcome.case.name
        for outcome in request_outcomes()
        if outcome.model_errors is not None
        and outcome.model_errors <= rule.error_types
        and all(outcome.consumers.values())
    ]

    assert shown, f"no corpus case shows that the schema cannot check {rule.name}"


def test_corpus_is_large_and_balanced() -> None:
    outcomes = request_outcomes()
    accepted = [outcome for outcome in outcomes if outcome.model_errors is None]

    assert len(outcomes) >= 300
    assert len(accepted) >= 100
    assert len(outcomes) - len(accepted) >= 100


def _wire_fields(model: type[BaseModel], seen: set[type[BaseModel]]) -> set[str]:
    seen.add(model)
    names = {wire_name(name) for name in model.model_fields}
    for field in model.model_fields.values():
        for inner in _models_in(field.annotation):
            if issubclass(inner, WireModel) and inner not in seen:
                names |= _wire_fields(inner, seen)
    return names


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in getattr(annotation, "__args__", ()):
        yield from _models_in(arg)


def _keys(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        yield from value
    children = value.values() if isinstance(value, dict) else value
    for inner in children if isinstance(value, (dict, list)) else ():
        yield from _keys(inner)


def test_corpus_has_valid_and_invalid_values_in_every_field() -> None:
    fields = _wire_fields(BatchProvisionUsersRequest, set())
    outcomes = request_outcomes()
    given_valid = {
        key
        for outcome in outcomes
        if outcome.model_errors is None
        for key in _keys(outcome.case.body)
    }
    refused_at = set()
    for outcome in outcomes:
        try:
            BatchProvisionUsersRequest.model_validate_json(
                json.dumps(outcome.case.body)
            )
        except ValidationError as exc:
            refused_at |= {
                str(error["loc"][-1]) for error in exc.errors() if error["loc"]
            }

    assert sorted(fields - given_valid) == []
    assert sorted(fields - refused_at) == []


def test_ajv_compiles_the_schemas_in_strict_mode() -> None:
    for schema in (request_json_schema(), item_json_schema()):
        assert ajv(schema, schema["examples"]) == [True]


def test_ajv_reports_a_compile_failure() -> None:
    broken = {"$schema": DIALECT, "type": "object", "pattern": "(?<name"}

    with pytest.raises(pytest.fail.Exception, match="ajv cannot compile"):
        ajv(broken, [{}])


# The published schema's emergency and phoneInfo forms overlap under oneOf.


def _published_schema() -> dict[str, Any]:
    document = json.loads(PUBLISHED.read_text())
    components = _as_json_schema(document["components"])
    return {
        "$schema": DIALECT,
        "$ref": "#/components/schemas/BatchProvisionUsersRequest",
        "components": components,
    }


def _as_json_schema(value: Any) -> Any:
    """Port OpenAPI 3.0 keywords (``example``, ``nullable``) to JSON Schema."""
    if isinstance(value, list):
        return [_as_json_schema(item) for item in value]
    if not isinstance(value, dict):
        return value

    ported = {
        key: _as_json_schema(item)
        for key, item in value.items()
        if key not in ("example", "nullable")
    }
    if "example" in value:
        ported["examples"] = [value["example"]]
    if value.get("nullable") is True:
        ported["type"] = [value["type"], "null"]
        if "enum" in ported:
            ported["enum"] = [*ported["enum"], None]
    return ported


PUBLISHED_CONTACT = {"firstName": "Jane", "lastName": "Roe", "email": "j@example.com"}
WITHOUT_DEVICE = {"records": [{"status": "Enabled", "contact": PUBLISHED_CONTACT}]}
WITH_DEVICE = {
    "records": [
        {
            "status": "Enabled",
            "contact": PUBLISHED_CONTACT,
            "devices": [{"deviceInfo": DEVICE}],
        }
    ]
}


def _published_verdicts(body: Any) -> dict[str, bool]:
    schema = _published_schema()
    return {
        "ajv": ajv(schema, [body], strict=False)[0],
        "python-jsonschema": python_jsonschema(schema, [body])[0],
        "jsonschema-rs": jsonschema_rs_(schema, [body])[0],
    }


def test_published_schema_accepts_a_record_without_devices() -> None:
    assert _published_verdicts(WITHOUT_DEVICE) == dict.fromkeys(
        CONSUMER_FUNCTIONS, True
    )


def test_published_schema_rejects_a_valid_device() -> None:
    assert _published_verdicts(WITH_DEVICE) == dict.fromkeys(CONSUMER_FUNCTIONS, False)


def test_published_schema_rejects_it_for_the_overlapping_emergency_forms() -> None:
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    validator = jsonschema.Draft202012Validator(
        _published_schema(), format_checker=checker
    )

    paths = {
        "/".join(map(str, error.absolute_path)): error.validator
        for error in validator.iter_errors(WITH_DEVICE)
    }

    assert paths == {"records/0/devices/0/deviceInfo/emergency": "oneOf"}


def test_our_schema_and_models_accept_the_same_device() -> None:
    schema = request_json_schema()
    verdicts = {
        name: run(schema, [WITH_DEVICE])[0] for name, run in CONSUMER_FUNCTIONS.items()
    }

    assert verdicts == dict.fromkeys(CONSUMER_FUNCTIONS, True)
    assert BatchProvisionUsersRequest.model_validate_json(json.dumps(WITH_DEVICE))
