"""Unions of closed forms, validated as the one form their keys pick.

Pydantic's own union validation tries every member and reports the errors
of each under locations that name the member (``PhoneNumberDefinitionTollType``
or a tag), which are not wire paths. A ``OneFormOf`` annotation picks the
form from the keys present instead, validates it alone, and so reports the
errors of that form at wire paths.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.fields import FieldInfo
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

from provisioning_schema._base import field_title, without_nulls
from provisioning_schema._errors import rule_error
from provisioning_schema.options import resolve_options

FormChooser = Callable[[dict[str, Any]], "type[BaseModel] | None"]


class OneFormOf:
    """Annotation for a union of closed forms: the keys present pick one.

    Args:
        forms: The members of the union.
        choose: Picks the form from the input's keys (nulls already dropped),
            or returns ``None`` when no form fits.
        error_type: The error when no form fits, such as ``phone_info_form``.
        rule: What is right, for that error's message.
        sibling_nulls: Read a null for another form's key as absent, in the
            models and in the emitted JSON Schema alike.

    """

    def __init__(
        self,
        forms: tuple[type[BaseModel], ...],
        choose: FormChooser,
        error_type: str,
        rule: str,
        *,
        sibling_nulls: bool = True,
    ) -> None:
        self.forms = forms
        self.choose = choose
        self.error_type = error_type
        self.rule = rule
        self.sibling_nulls = sibling_nulls

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.with_info_wrap_validator_function(
            self._validate, handler(source)
        )

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        if not self.sibling_nulls:
            return json_schema

        titles = {
            key: field_title(name, field)
            for form in self.forms
            for name, field in form.model_fields.items()
            for key in [_wire_key(name, field)]
        }
        for member in json_schema.get("anyOf", []):
            form_schema = handler.resolve_ref_schema(member)
            properties = form_schema.setdefault("properties", {})
            for key in sorted(titles.keys() - properties.keys()):
                properties[key] = {
                    "type": "null",
                    "title": titles[key],
                    "description": "A key of another form: only null, read as absent",
                }

        return json_schema

    def _validate(
        self, value: Any, _: core_schema.ValidatorFunctionWrapHandler, info: Any
    ) -> Any:
        if isinstance(value, self.forms):
            return value

        # The form is validated on its own, so it gets the options itself;
        # the caller's context is read, never changed.
        context = info.context
        if info.mode == "json":
            context = {**(context or {}), "wire_names_only": True}

        if isinstance(value, dict) and self.sibling_nulls and None in value.values():
            wire_only = bool(context and context.get("wire_names_only"))
            value = self._without_nulls(value, wire_only)

        form = self.choose(value) if isinstance(value, dict) else None
        if form is None:
            redact = resolve_options(info.context).redact
            raise rule_error(self.error_type, self.rule, value, redact=redact)

        return form.__pydantic_validator__.validate_python(value, context=context)

    def _without_nulls(self, value: dict[Any, Any], wire_only: bool) -> dict[Any, Any]:
        known: set[str] = set()
        for form in self.forms:
            known |= _wire_keys(form)
            if not wire_only:
                known |= form.model_fields.keys()

        return without_nulls(value, known)


def _wire_keys(form: type[BaseModel]) -> set[str]:
    return {_wire_key(name, field) for name, field in form.model_fields.items()}


def _wire_key(name: str, field: FieldInfo) -> str:
    alias = field.validation_alias
    return alias if isinstance(alias, str) else name
