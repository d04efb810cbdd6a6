"""Validate a model the way the contract tests need: from dicts or JSON text."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Generic, TypeVar
from unittest.mock import patch

import pytest
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from provisioning_schema import _base
from provisioning_schema.options import ValidationOptions

Loc = tuple[int | str, ...]
Model = TypeVar("Model", bound=BaseModel)


@contextmanager
def fast_validator_as(model: type[BaseModel], validator: object) -> Iterator[None]:
    """Give ``model`` another fast validator for a while; ``None`` turns it off."""
    with patch.dict(_base._fast_validators, {model: validator}):
        yield


class ModelCheck(Generic[Model]):
    """Validation helpers bound to one model class."""

    def __init__(self, model: type[Model]) -> None:
        self.model = model

    def validate(
        self,
        body: Any,
        *,
        json_input: bool = False,
        context: ValidationOptions | None = None,
    ) -> Model:
        """Validate ``body``, as a dict or (``json_input``) as its JSON text."""
        if json_input:
            return self.model.model_validate_json(json.dumps(body), context=context)
        return self.model.model_validate(body, context=context)

    def raw_errors(
        self,
        body: Any,
        *,
        json_input: bool = False,
        context: ValidationOptions | None = None,
    ) -> list[ErrorDetails]:
        """The errors of a body that must be invalid."""
        with pytest.raises(ValidationError) as caught:
            self.validate(body, json_input=json_input, context=context)

        return caught.value.errors()

    def errors_of(
        self,
        body: Any,
        *,
        json_input: bool = False,
        context: ValidationOptions | None = None,
    ) -> list[tuple[str, Loc]]:
        """The (type, location) of each error of a body that must be invalid."""
        errors = self.raw_errors(body, json_input=json_input, context=context)

        return [(error["type"], error["loc"]) for error in errors]

    def messages_of(
        self, body: Any, *, context: ValidationOptions | None = None
    ) -> list[str]:
        """The message of each error of a body that must be invalid."""
        return [error["msg"] for error in self.raw_errors(body, context=context)]
