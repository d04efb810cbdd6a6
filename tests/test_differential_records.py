"""Every way a request is validated gives the same outcome.

Three ways, from fastest to most careful:

- ``model_validate`` and ``model_validate_json`` first try the model's fast
  validator (``_fast``: everything in pydantic-core, stricter), and keep
  its result only when it accepts;
- the full validator then validates all records with Pydantic's own list
  validation, kept only when every record is valid and no value repeats
  (``_valid_and_unique``);
- otherwise it checks record by record.

Each body here is validated the three ways (the last two with the faster
steps switched off) and the outcomes must be identical: the same records
with the same fields set, or the same errors with the same types,
locations, messages and inputs. The bodies are the schema corpus
(hand-written and generated, valid and invalid), as dicts and as JSON, and
generated realistic bodies with and without repeated values.
"""

from __future__ import annotations

import copy
import json
import random
from typing import Any

import pytest
from checking import fast_validator_as
from corpus import DEVICE, RECORD, Case, corpus
from pydantic import ValidationError

from provisioning_schema import (
    BatchProvisionUsersRequest,
    request,
)

Outcome = tuple[str, Any, Any]


def _outcome(body: Any, *, as_json: bool, options: Any) -> Outcome:
    try:
        if as_json:
            model = BatchProvisionUsersRequest.model_validate_json(
                json.dumps(body), context=options
            )
        else:
            model = BatchProvisionUsersRequest.model_validate(body, context=options)
    except ValidationError as error:
        return ("errors", error.errors(), None)
    return (
        "valid",
        model.model_dump(mode="json", exclude_none=False),
        model.model_dump(mode="json", exclude_unset=True, exclude_none=False),
    )


def _full(body: Any, *, as_json: bool, options: Any) -> Outcome:
    with fast_validator_as(BatchProvisionUsersRequest, None):
        return _outcome(body, as_json=as_json, options=options)


def _record_by_record(
    body: Any, monkeypatch: pytest.MonkeyPatch, *, as_json: bool, options: Any
) -> Outcome:
    with monkeypatch.context() as patch:
        patch.setattr(request, "_valid_and_unique", lambda *_: None)
        return _full(body, as_json=as_json, options=options)


def _body(rng: random.Random, size: int) -> dict[str, Any]:
    records = []
    for index in range(size):
        record = copy.deepcopy(RECORD)
        record["extensionNumber"] = str(100 + index)
        record["contact"]["email"] = f"user.{index}@example.com"
        if rng.random() < 0.3:
            record["devices"] = [{"deviceInfo": copy.deepcopy(DEVICE)}]
        if rng.random() < 0.2:
            record["contact"]["emailAsLoginName"] = False
        records.append(record)
    return {"records": records}


def _realistic(seed: int, count: int) -> list[Case]:
    """Valid bodies of 2 to 10 records, two thirds with a repeated value."""
    rng = random.Random(seed)
    cases = []
    for index in range(count):
        body = _body(rng, rng.randint(2, 10))
        records = body["records"]
        first, second = rng.sample(range(len(records)), 2)
        if index % 3 == 0:
            records[second]["extensionNumber"] = records[first]["extensionNumber"]
        elif index % 3 == 1:
            email = records[first]["contact"]["email"]
            records[second]["contact"]["email"] = email.upper()
        cases.append(Case(f"realistic-{index}", body))
    return cases


def _is_json(body: Any) -> bool:
    try:
        json.dumps(body, allow_nan=False)
    except (TypeError, ValueError):
        return False
    return True


CASES = [*corpus(), *_realistic(7, 150)]
SERIALIZABLE = [case for case in CASES if _is_json(case.body)]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_dict_input_gives_the_same_outcome(
    case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = _outcome(case.body, as_json=False, options=case.options)
    full = _full(case.body, as_json=False, options=case.options)
    slow = _record_by_record(
        case.body, monkeypatch, as_json=False, options=case.options
    )
    assert fast == full == slow


@pytest.mark.parametrize("case", SERIALIZABLE, ids=[case.name for case in SERIALIZABLE])
def test_json_input_gives_the_same_outcome(
    case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = _outcome(case.body, as_json=True, options=case.options)
    full = _full(case.body, as_json=True, options=case.options)
    slow = _record_by_record(case.body, monkeypatch, as_json=True, options=case.options)
    assert fast == full == slow


def test_valid_bodies_take_the_one_go_path(monkeypatch: pytest.MonkeyPatch) -> None:
    # The comparison above means little unless valid bodies do take it.
    taken = []
    one_go = request._valid_and_unique

    def spy(*args: Any) -> Any:
        result = one_go(*args)
        taken.append(result is not None)
        return result

    monkeypatch.setattr(request, "_valid_and_unique", spy)
    rng = random.Random(3)
    with fast_validator_as(BatchProvisionUsersRequest, None):
        for _ in range(10):
            BatchProvisionUsersRequest.model_validate(_body(rng, 10))
    assert taken == [True] * 10
