"""A second validator per model for valid input, run entirely by pydantic-core.

The models' own validators give good errors: Python wrap validators check
keys, read nulls as absent and choose union forms by keys. They are paid on
every object, valid or not, and from JSON they make pydantic-core build a
Python dict of each nested object first. Most input is valid, so each model
also gets a *fast* validator, derived from its core schema:

- the key checks are left to pydantic-core: unknown keys are refused and
  fields are taken by their wire names only;
- a null is refused rather than read as absent;
- a union of forms is a tagged union, its tag chosen by the same function
  that picks the form;
- a wrap validator registered with ``fast_form`` is replaced by its plain
  check of the valid value.

Each change makes the fast validator stricter, never looser, and leaves the
values it builds the same. So when it accepts, the full validator would
accept and build the same model; when it refuses, the full validator runs
and reports. ``tests/test_fast_path.py`` holds both to that over the corpus.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from pydantic_core import CoreSchema, SchemaError, SchemaValidator, core_schema

from provisioning_schema._base import WireModel
from provisioning_schema._forms import OneFormOf

_Replacement = Callable[[CoreSchema], CoreSchema]
_BUILDING = threading.Lock()
_replacements: dict[Callable[..., Any], _Replacement] = {}


def fast_form(wrap: Callable[..., Any], replacement: _Replacement) -> None:
    """In fast validators, put ``replacement(inner)`` where ``wrap`` wraps ``inner``.

    The replacement must refuse whatever ``wrap`` refuses.
    """
    _replacements[wrap] = replacement


def fast_validator(model: type[Any]) -> SchemaValidator | None:
    """Build the fast validator of one of this package's model classes.

    ``None`` for a model that holds a class from elsewhere (a subclass of
    ours, say), and when pydantic-core refuses the rewritten schema, as a
    release that changed its schemas might: the model then validates the
    full way only, slower and with the same verdicts.
    """
    schema = model.__pydantic_core_schema__
    stricter = _Stricter(schema)
    fast = stricter.schema(schema)
    if not all(cls.__module__.startswith(_OURS) for cls in stricter.models):
        # Another model's validators may read what a stricter inner
        # validator refuses differently (a wrap validator that recovers, a
        # before validator that renames keys, its own aliases or extra
        # keys): it validates the full way only.
        return None

    # pydantic-core reuses a complete model class's own validator wherever
    # the class appears in a schema; marked incomplete while the fast
    # validator is built, each class is built from its rewritten schema.
    with _BUILDING:
        complete = [
            cls for cls in stricter.models if cls.__dict__.get("__pydantic_complete__")
        ]
        try:
            for cls in complete:
                cls.__pydantic_complete__ = False
            return SchemaValidator(fast)
        except SchemaError:
            return None
        finally:
            for cls in complete:
                cls.__pydantic_complete__ = True


class _Stricter:
    """Rewrites one core schema into its stricter, all-in-core twin."""

    def __init__(self, root: CoreSchema) -> None:
        self.models: set[type[Any]] = set()
        self._definitions: dict[str, Any] = {
            definition["ref"]: definition for definition in root.get("definitions", [])
        }

    def schema(self, node: Any) -> Any:
        if isinstance(node, list):
            return [self.schema(item) for item in node]
        if not isinstance(node, dict):
            return node
        if not isinstance(node.get("type"), str):
            # A mapping of schemas, such as a model's fields by name.
            return {key: self.schema(value) for key, value in node.items()}

        if node["type"] == "function-wrap":
            return self._wrap(node)
        if node["type"] == "nullable":
            return self._keep_ref(node, self.schema(node["schema"]))
        if node["type"] == "model":
            self.models.add(node["cls"])
            config = {**node.get("config", {}), "validate_by_name": False}
            node = {**node, "config": config}
        return self._children(node)

    def _children(self, node: dict[str, Any]) -> dict[str, Any]:
        return {
            key: value if key in _OPAQUE else self.schema(value)
            for key, value in node.items()
        }

    def _wrap(self, node: dict[str, Any]) -> Any:
        function = node["function"]["function"]
        owner = getattr(function, "__self__", None)
        inner = self.schema(node["schema"])
        if getattr(function, "__func__", None) is _CHECK_KEYS:
            return self._keep_ref(node, inner)
        if isinstance(owner, OneFormOf):
            return self._keep_ref(node, self._tagged(owner, node["schema"]))
        if function in _replacements:
            return self._keep_ref(node, _replacements[function](inner))
        return self._children(node)

    def _tagged(self, forms: OneFormOf, union: dict[str, Any]) -> CoreSchema:
        choices = {
            _tag_of(self._model_class(choice)): self.schema(choice)
            for choice in union["choices"]
        }

        def tag(value: Any) -> str | None:
            if isinstance(value, forms.forms):
                return _tag_of(type(value))
            form = forms.choose(value) if isinstance(value, dict) else None
            return _tag_of(form) if form is not None else None

        return core_schema.tagged_union_schema(choices, tag)

    def _model_class(self, node: dict[str, Any]) -> type[Any]:
        while "cls" not in node:
            if node["type"] == "definition-ref":
                node = self._definitions[node["schema_ref"]]
            else:
                node = node["schema"]
        model: type[Any] = node["cls"]
        return model

    @staticmethod
    def _keep_ref(node: dict[str, Any], replacement: Any) -> Any:
        if "ref" not in node:
            return replacement
        return {**replacement, "ref": node["ref"]}


def _tag_of(form: type[Any]) -> str:
    return f"{form.__module__}.{form.__qualname__}"


_CHECK_KEYS = WireModel._check_keys.__func__

_OURS = "provisioning_schema."

# Values that hold Python objects, not schemas.
_OPAQUE = frozenset(
    {"cls", "function", "metadata", "serialization", "config", "default"}
)
