"""The fast validators: all in pydantic-core, taken for valid input only.

``tests/test_differential_records.py`` compares whole request bodies the
fast and the full way; here are the models one by one, the cases the fast
validator must refuse so that the full one decides, and the proof that
the fast validators hold no Python key checks and are really taken.
"""

from __future__ import annotations

import collections
import copy
import json
import re
from contextlib import nullcontext
from typing import Any

import pytest
from checking import fast_validator_as
from corpus import DEVICE, RECORD, corpus
from pydantic import (
    ConfigDict,
    ModelWrapValidatorHandler,
    ValidationError,
    ValidatorFunctionWrapHandler,
    field_validator,
    model_validator,
)

from provisioning_schema import (
    BatchProvisionUsersRequest,
    BatchProvisionUsersRequestItem,
    Contact,
    CostCenter,
    _base,
)
from provisioning_schema._base import WireModel
from provisioning_schema._fast import fast_validator


def _models() -> list[type[WireModel]]:
    found: list[type[WireModel]] = []
    pending = list(WireModel.__subclasses__())
    while pending:
        model = pending.pop()
        if model.__module__.startswith("provisioning_schema."):
            found.append(model)
        pending.extend(model.__subclasses__())
    return sorted(found, key=lambda model: model.__name__)


MODELS = _models()


def test_every_request_model_is_found() -> None:
    names = {model.__name__ for model in MODELS}
    assert {"BatchProvisionUsersRequest", "Contact", "DeviceDefinition"} <= names
    assert len(MODELS) >= 15


@pytest.mark.parametrize("model", MODELS, ids=[model.__name__ for model in MODELS])
def test_the_fast_validator_holds_no_python_key_checks(
    model: type[WireModel],
) -> None:
    validator = fast_validator(model)

    assert validator is not None
    built = repr(validator)
    for slow_part in ("_check_keys", "OneFormOf", "_validate_records", "nullable["):
        assert slow_part not in built
    assert not re.search(r"validate_by_name: Some\(\s*true", built)
    assert re.search(r"validate_by_name: Some\(\s*false", built)


def _outcome(model: type[WireModel], value: Any, *, fast: bool) -> tuple[Any, ...]:
    with nullcontext() if fast else fast_validator_as(model, None):
        try:
            valid = model.model_validate(value)
        except ValidationError as error:
            return ("errors", error.errors())
    return _described(valid)


def _described(valid: WireModel) -> tuple[Any, ...]:
    return (
        "valid",
        valid.model_dump(exclude_none=False),
        valid.model_dump(exclude_unset=True, exclude_none=False),
    )


def _records_of_the_corpus() -> list[Any]:
    records = []
    for case in corpus():
        body = case.body
        if isinstance(body, dict) and isinstance(body.get("records"), list):
            records.extend(body["records"])
    return records


RECORDS = _records_of_the_corpus()


def test_records_of_the_corpus_validate_alike_fast_and_full() -> None:
    accepted = 0
    for record in RECORDS:
        fast = _outcome(BatchProvisionUsersRequestItem, record, fast=True)
        full = _outcome(BatchProvisionUsersRequestItem, record, fast=False)
        assert fast == full, record
        accepted += fast[0] == "valid"

    assert len(RECORDS) > 500
    assert 100 < accepted < len(RECORDS)


def test_contacts_of_the_corpus_validate_alike_fast_and_full() -> None:
    contacts = [record.get("contact") for record in RECORDS if isinstance(record, dict)]
    for contact in contacts:
        fast = _outcome(Contact, contact, fast=True)
        assert fast == _outcome(Contact, contact, fast=False), contact


def _record(**changes: Any) -> dict[str, Any]:
    record = copy.deepcopy(RECORD)
    record.update(changes)
    return record


# Inputs the fast validator refuses, so that the full one decides.
REFUSED_FAST: dict[str, Any] = {
    "a null read as absent": _record(costCenter=None),
    "a null in a device form": _record(
        devices=[
            {
                "deviceInfo": {
                    **DEVICE,
                    "phoneInfo": {"tollType": "Toll", "phoneNumberId": None},
                }
            }
        ]
    ),
    "snake_case names from Python": {
        "status": "Enabled",
        "contact": {"first_name": "Jane", "email": "jane@example.com"},
        "extension_number": "205",
    },
    "an unknown key": _record(nickname="JR"),
    "an invalid value": _record(extensionNumber="12"),
}


@pytest.mark.parametrize("name", REFUSED_FAST)
def test_the_fast_validator_refuses_and_the_full_one_decides(name: str) -> None:
    record = REFUSED_FAST[name]
    validator = fast_validator(BatchProvisionUsersRequestItem)
    assert validator is not None

    with pytest.raises(ValidationError):
        validator.validate_python(record)
    assert _outcome(BatchProvisionUsersRequestItem, record, fast=True) == _outcome(
        BatchProvisionUsersRequestItem, record, fast=False
    )


def test_a_null_stays_absent_through_the_public_call() -> None:
    item = BatchProvisionUsersRequestItem.model_validate(_record(costCenter=None))

    assert item.cost_center is None
    assert "cost_center" not in item.model_fields_set


def test_snake_case_names_are_refused_from_json_either_way() -> None:
    text = json.dumps({"status": "Enabled", "contact": {"first_name": "Jane"}})

    with pytest.raises(ValidationError) as caught:
        BatchProvisionUsersRequestItem.model_validate_json(text)
    assert caught.value.errors()[0]["type"] == "unknown_field"
    assert caught.value.errors()[0]["loc"] == ("contact", "first_name")


def test_a_repeated_json_key_counts_alike_fast_and_full() -> None:
    text = '{"status": "Enabled", "contact": {"firstName": "A", "firstName": "B"}}'

    item = BatchProvisionUsersRequestItem.model_validate_json(text)
    with fast_validator_as(BatchProvisionUsersRequestItem, None):
        full = BatchProvisionUsersRequestItem.model_validate_json(text)
    assert item == full
    assert item.contact.first_name == "B"


def test_valid_bodies_take_the_fast_validator() -> None:
    built = fast_validator(BatchProvisionUsersRequest)
    assert built is not None
    validator = built
    accepted: list[Any] = []

    class Spy:
        def validate_python(self, value: Any, **kwargs: Any) -> Any:
            accepted.append(validator.validate_python(value, **kwargs))
            return accepted[-1]

        def validate_json(self, value: Any, **kwargs: Any) -> Any:
            accepted.append(validator.validate_json(value, **kwargs))
            return accepted[-1]

    body = {"records": [RECORD]}
    with fast_validator_as(BatchProvisionUsersRequest, Spy()):
        from_dict = BatchProvisionUsersRequest.model_validate(body)
        from_json = BatchProvisionUsersRequest.model_validate_json(json.dumps(body))
    assert len(accepted) == 2
    assert from_dict is accepted[0]
    assert from_json is accepted[1]


def test_validation_settings_take_the_full_validator_only() -> None:
    body = {"records": [RECORD]}

    # A fast validator that is not one fails loudly if it is called.
    with fast_validator_as(BatchProvisionUsersRequest, object()):
        valid = BatchProvisionUsersRequest.model_validate(body, strict=True)
        with pytest.raises(ValidationError):
            BatchProvisionUsersRequest.model_validate_json("{}", by_alias=True)
    assert valid.records[0].contact.first_name == "Jane"


def test_a_subclass_validates_the_full_way_only() -> None:
    class Tagged(BatchProvisionUsersRequestItem):
        team: str | None = None

    item = Tagged.model_validate(_record(team="Sales"))

    assert isinstance(item, Tagged)
    assert item.team == "Sales"
    assert fast_validator(Tagged) is None
    assert _base._fast_validators[Tagged] is None


class _LooseContact(Contact):
    model_config = ConfigDict(extra="ignore")


class _Forgiving(BatchProvisionUsersRequestItem):
    @field_validator("contact", mode="wrap")
    @classmethod
    def _empty_contact_on_error(
        cls, value: Any, handler: ValidatorFunctionWrapHandler
    ) -> Any:
        try:
            return handler(value)
        except ValidationError:
            return Contact()


# Subclasses whose own settings or validators would read the stricter
# fast validator's refusals differently from the full validator's answers.
SUBCLASS_CASES = [
    pytest.param(_LooseContact, {"firstName": "Jane", "nickname": "J"}, id="extra"),
    pytest.param(
        _Forgiving,
        {"status": "Enabled", "contact": {"firstName": "Jane", "lastName": None}},
        id="wrap-recovers",
    ),
]


@pytest.mark.parametrize(("model", "value"), SUBCLASS_CASES)
def test_subclasses_give_what_the_full_validator_gives(
    model: type[WireModel], value: dict[str, Any]
) -> None:
    direct = _direct(model, value)

    assert _outcome(model, value, fast=True) == direct
    assert fast_validator(model) is None


def _direct(model: type[WireModel], value: Any) -> tuple[Any, ...]:
    try:
        valid = model.__pydantic_validator__.validate_python(value)
    except ValidationError as error:
        return ("errors", error.errors())
    return _described(valid)


@pytest.mark.parametrize(
    "records",
    [
        pytest.param(collections.deque([RECORD]), id="deque"),
        pytest.param((record for record in [RECORD]), id="generator"),
        pytest.param({"a": RECORD}.values(), id="dict-values"),
    ],
)
def test_records_must_be_a_list_or_tuple_either_way(records: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        BatchProvisionUsersRequest.model_validate({"records": records})

    assert [(e["type"], e["loc"]) for e in caught.value.errors()] == [
        ("array_expected", ("records",))
    ]


@pytest.mark.parametrize(
    ("model", "value", "context"),
    [
        pytest.param(CostCenter, {"id": "1"}, {"phone_check": "nope"}, id="phone"),
        pytest.param(CostCenter, {"id": "1"}, "x", id="not-a-dict"),
        pytest.param(Contact, {}, {"redact": "no"}, id="redact"),
        pytest.param(
            BatchProvisionUsersRequest,
            {"records": [{"status": "Enabled", "contact": {}}]},
            {"max_extension_length": 2},
            id="length",
        ),
    ],
)
def test_a_bad_option_is_a_type_error_even_when_no_field_reads_it(
    model: type[WireModel], value: Any, context: Any
) -> None:
    with pytest.raises(TypeError):
        model.model_validate(value, context=context)
    with pytest.raises(TypeError):
        model.model_validate_json(json.dumps(value), context=context)


def test_a_subclass_keeps_its_own_wrap_validator() -> None:
    class WithoutCostCenters(BatchProvisionUsersRequestItem):
        @model_validator(mode="wrap")
        @classmethod
        def _check_keys(cls, data: Any, handler: ModelWrapValidatorHandler[Any]) -> Any:
            # Named like the base class's key check (which it replaces here),
            # which the fast validator drops; this one must stay.
            if isinstance(data, dict) and "costCenter" in data:
                raise ValueError("no cost centers on this account")
            return handler(data)

    with pytest.raises(ValidationError, match="no cost centers"):
        WithoutCostCenters.model_validate(_record(costCenter={"id": "224149"}))
    record = {key: value for key, value in _record().items() if key != "costCenter"}
    assert WithoutCostCenters.model_validate(record).cost_center is None
