"""Base classes: camelCase on the wire, snake_case in Python, no unknown keys."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, Literal, NoReturn

from pydantic import (
    AliasGenerator,
    BaseModel,
    ConfigDict,
    ModelWrapValidatorHandler,
    ValidationError,
    ValidationInfo,
    model_validator,
)
from pydantic.alias_generators import to_camel
from pydantic.config import ExtraValues
from pydantic.fields import ComputedFieldInfo, FieldInfo
from pydantic_core import InitErrorDetails, SchemaValidator

from provisioning_schema._errors import (
    carry_over,
    line_error,
    reraise,
    rule_error,
    show_key,
)
from provisioning_schema.options import DEFAULT_OPTIONS, resolve_options

if TYPE_CHECKING:
    from typing_extensions import Self


def wire_name(python_name: str) -> str:
    """Return the API's camelCase name of a Python attribute (``id_`` is ``id``)."""
    return to_camel(python_name.rstrip("_"))


def field_title(python_name: str, _: FieldInfo | ComputedFieldInfo) -> str:
    """Title a field in words for its JSON Schema (``mobile_number``: Mobile number)."""
    words = re.sub(r"(?<=[a-z])(?=[0-9])", " ", python_name.rstrip("_")).split("_")
    text = " ".join("ID" if word == "id" else word for word in words)
    return text[:1].upper() + text[1:]


_SHORTEST_PREFIX_TYPO = 5
_PLAIN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.]{0,63}")
_WIRE_NAMES = AliasGenerator(validation_alias=wire_name, serialization_alias=wire_name)
_SHAPE_ERRORS = frozenset(
    {"model_type", "model_attributes_type", "list_type", "dict_type"}
)


class _WireDumps(BaseModel):
    """Dumps leave out absent (``None``) members unless told otherwise."""

    def model_dump(  # same contract as BaseModel.model_dump
        self,
        *,
        mode: Literal["json", "python"] | str = "python",
        exclude_none: bool = True,
        **kwargs: Any,
    ) -> dict[str, Any]:
        return super().model_dump(mode=mode, exclude_none=exclude_none, **kwargs)

    def model_dump_json(  # same contract as BaseModel.model_dump_json
        self, *, exclude_none: bool = True, **kwargs: Any
    ) -> str:
        return super().model_dump_json(exclude_none=exclude_none, **kwargs)


class WireModel(_WireDumps):
    """A request object: known keys only, each given by one of its two names.

    Python code may use the snake_case attribute name or the camelCase wire
    name of a field. Files are the wire and take wire names only, as does
    JSON input and any validation with ``wire_names_only`` in its context.
    """

    model_config = ConfigDict(
        extra="forbid",
        # str(ValidationError) leaves input values out: messages carry them,
        # unless redacted, and errors() still holds them for code.
        hide_input_in_errors=True,
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
        alias_generator=_WIRE_NAMES,
        field_title_generator=field_title,
    )

    _by_wire_name: ClassVar[dict[str, str]]
    _by_python_name: ClassVar[dict[str, str]]
    _wire_names: ClassVar[frozenset[str]]

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        cls._by_wire_name = {wire_name(name): name for name in cls.model_fields}
        cls._by_python_name = {name: wire_name(name) for name in cls.model_fields}
        cls._wire_names = frozenset(cls._by_wire_name)

    @classmethod
    def model_validate(  # same contract as BaseModel.model_validate
        cls,
        obj: Any,
        *,
        strict: bool | None = None,
        extra: ExtraValues | None = None,
        from_attributes: bool | None = None,
        context: Any | None = None,
        by_alias: bool | None = None,
        by_name: bool | None = None,
    ) -> Self:
        settings = _given(
            strict=strict,
            extra=extra,
            from_attributes=from_attributes,
            by_alias=by_alias,
            by_name=by_name,
        )
        valid: Self | None = _validated_fast(
            cls,
            settings,
            context,
            lambda fast: fast.validate_python(obj, context=context),
        )
        if valid is not None:
            return valid

        return super().model_validate(obj, context=context, **settings)

    @classmethod
    def model_validate_json(  # same contract as BaseModel.model_validate_json
        cls,
        json_data: str | bytes | bytearray,
        *,
        strict: bool | None = None,
        extra: ExtraValues | None = None,
        context: Any | None = None,
        by_alias: bool | None = None,
        by_name: bool | None = None,
    ) -> Self:
        settings = _given(
            strict=strict, extra=extra, by_alias=by_alias, by_name=by_name
        )
        valid: Self | None = _validated_fast(
            cls,
            settings,
            context,
            lambda fast: fast.validate_json(json_data, context=context),
        )
        if valid is not None:
            return valid

        return super().model_validate_json(json_data, context=context, **settings)

    @model_validator(mode="wrap")
    @classmethod
    def _check_keys(
        cls, data: Any, handler: ModelWrapValidatorHandler[Any], info: ValidationInfo
    ) -> Any:
        context = info.context
        options = resolve_options(context) if context else DEFAULT_OPTIONS
        if (
            type(data) is dict
            and data.keys() <= cls._wire_names
            and None not in data.values()
        ):
            # The common case, inline: wire names only and no nulls to drop.
            try:
                return handler(data)
            except ValidationError as exc:
                _reraise_shapes(cls, exc, redact=options.redact)

        if not isinstance(data, dict):
            return _with_shapes(cls, data, handler, redact=options.redact)

        wire_only = options.wire_names_only or info.mode == "json"
        if None in data.values():
            data = cls._without_nulls(data, wire_only)
        if data.keys() <= cls._by_wire_name.keys():
            return _with_shapes(cls, data, handler, redact=options.redact)

        problems = list(cls._key_problems(data, wire_only, redact=options.redact))
        if not problems:
            return _with_shapes(cls, data, handler, redact=options.redact)

        rejected = {problem["loc"][0] for problem in problems}
        kept = {key: value for key, value in data.items() if key not in rejected}
        try:
            _with_shapes(cls, kept, handler, redact=options.redact)
        except ValidationError as exc:
            problems.extend(carry_over(exc))
        reraise(cls.__name__, problems)

    @classmethod
    def _without_nulls(cls, data: dict[Any, Any], wire_only: bool) -> dict[Any, Any]:
        known: set[str] = set(cls._by_wire_name)
        if not wire_only:
            known |= cls._by_python_name.keys()
        return without_nulls(data, known)

    @classmethod
    def _key_problems(
        cls, data: dict[Any, Any], wire_only: bool, *, redact: bool
    ) -> list[InitErrorDetails]:
        problems = []
        for key, value in data.items():
            if key in cls._by_wire_name:
                continue

            wire = cls._by_python_name.get(key) if isinstance(key, str) else None
            if wire is None or wire_only:
                rule = _unknown_key_rule(cls, key, wire, redact=redact)
                error = rule_error("unknown_field", rule, value, redact=redact)
            elif wire in data:
                rule = f"Give {wire} or {key}, not both: they name the same field"
                error = rule_error("duplicate_field", rule, value, redact=redact)
            else:
                continue
            problems.append(line_error(error, [key], value))

        return problems


def _given(**settings: Any) -> dict[str, Any]:
    # Only settings the caller gave are passed on: older Pydantic releases
    # do not know every keyword of the newest.
    return {name: value for name, value in settings.items() if value is not None}


_fast_validators: dict[type[WireModel], SchemaValidator | None] = {}


def _validated_fast(
    cls: type[WireModel],
    settings: dict[str, Any],
    context: Any,
    validate: Callable[[SchemaValidator], Any],
) -> Any:
    """Validate with the fast validator; ``None`` when the full one must decide."""
    fast = None if settings else _fast_validator(cls)
    if fast is None:
        return None

    resolve_options(context)  # a bad option is a TypeError either way
    try:
        return validate(fast)
    except ValidationError:
        return None  # the full validation says what is wrong


def _fast_validator(cls: type[WireModel]) -> SchemaValidator | None:
    """Return the validator for valid input (see ``_fast``), built on first use."""
    try:
        return _fast_validators[cls]
    except KeyError:
        from provisioning_schema._fast import fast_validator  # noqa: PLC0415

        validator = _fast_validators[cls] = fast_validator(cls)
        return validator


def without_nulls(data: dict[Any, Any], known: set[str]) -> dict[Any, Any]:
    """Drop known keys whose value is null: the contract reads them as absent.

    An unknown key stays, whatever its value, so that it is refused.
    """
    return {
        key: value
        for key, value in data.items()
        if value is not None or key not in known
    }


def _unknown_key_rule(
    cls: type[WireModel], key: object, wire: str | None, *, redact: bool
) -> str:
    # Keys come from the input: shown escaped and cut short, like values, so
    # a newline or terminal escape in a key cannot forge a report line. A key
    # that is not a plain name may be data (a file without its header row),
    # so redaction hides it.
    if redact and not (isinstance(key, str) and _PLAIN_NAME.fullmatch(key)):
        shown = "(a key that is not a plain name)"
    else:
        shown = show_key(key)
    if wire is not None:
        return f"Unknown field {shown}: the wire name is {wire}"

    suggestion = _closest_wire_name(cls, str(key))
    if suggestion is not None:
        return f"Unknown field {shown}: did you mean {suggestion}?"

    known = ", ".join(cls._by_wire_name)
    return f"Unknown field {shown}: the known fields here are {known}"


def _closest_wire_name(cls: type[WireModel], key: str) -> str | None:
    folded = {name.lower(): name for name in cls._by_wire_name}
    plain = key.replace("_", "").replace("-", "").replace(" ", "").lower()
    if plain in folded:
        return folded[plain]

    matches = difflib.get_close_matches(key, list(cls._by_wire_name), n=1, cutoff=0.7)
    if matches:
        return matches[0]

    # A misspelt start of a long name ("extention" for extensionNumber).
    if len(plain) >= _SHORTEST_PREFIX_TYPO:
        for name in cls._by_wire_name:
            start = name[: len(plain)].lower()
            if difflib.SequenceMatcher(None, plain, start).ratio() >= 0.8:
                return name
    return None


def _with_shapes(
    cls: type[WireModel],
    data: Any,
    handler: ModelWrapValidatorHandler[Any],
    *,
    redact: bool,
) -> Any:
    """Validate, rewording "wrong type" errors to show the expected shape."""
    try:
        return handler(data)
    except ValidationError as exc:
        _reraise_shapes(cls, exc, redact=redact)


def _reraise_shapes(
    cls: type[WireModel], exc: ValidationError, *, redact: bool
) -> NoReturn:
    errors = exc.errors()
    if not any(error["type"] in _SHAPE_ERRORS for error in errors):
        raise exc

    details = carry_over(exc)
    reshaped = [
        _reshaped(cls, error, detail, redact=redact)
        for error, detail in zip(errors, details, strict=True)
    ]
    reraise(cls.__name__, reshaped)


def _reshaped(
    cls: type[WireModel], error: Any, details: InitErrorDetails, *, redact: bool
) -> InitErrorDetails:
    loc = error["loc"]
    if error["type"] not in _SHAPE_ERRORS or len(loc) not in (1, 2):
        return details

    name = cls._by_wire_name.get(loc[0]) if isinstance(loc[0], str) else None
    examples = cls.model_fields[name].examples if name else None
    if not examples:
        return details

    shape, subject = examples[0], str(loc[0])
    if len(loc) == 2:
        if not isinstance(shape, list):
            return details
        shape, subject = shape[0], f"Each item of {subject}"

    is_array = isinstance(shape, list)
    error_type = "array_expected" if is_array else "object_expected"
    rule = f"{subject} must be {'an array' if is_array else 'an object'} like "
    rule += json.dumps(shape)
    value = error.get("input")
    return line_error(rule_error(error_type, rule, value, redact=redact), loc, value)


class ResponseModel(_WireDumps):
    """A response object: wire names, and keys this package does not know kept."""

    model_config = ConfigDict(
        extra="allow",
        hide_input_in_errors=True,
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
        alias_generator=_WIRE_NAMES,
        field_title_generator=field_title,
    )
