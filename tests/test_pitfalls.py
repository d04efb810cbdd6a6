"""One test per row of PITFALLS.md that concerns the models, named after the row.

Rows 13, 14 and 15 (and the file-reading half of row 8) are about the schema's
consumers and the file readers, and are tested with those.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from mypy import api as mypy_api
from pydantic import ValidationError

from provisioning_schema import (
    BatchProvisionUsersRequest,
    BatchProvisionUsersRequestItem,
    Contact,
    DeviceDefinition,
    EmergencyLocation,
    PhoneNumberDefinitionDirectNumberWithReservationId,
    PhoneNumberDefinitionPreferredAreaCode,
)
from provisioning_schema.options import ValidationOptions
from provisioning_schema.schema import request_json_schema

Loc = tuple[int | str, ...]
REPOSITORY = Path(__file__).resolve().parent.parent


def record(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"status": "Enabled", "contact": {"firstName": "Jane"}}
    body.update(changes)
    return body


def only_error(body: Any, context: ValidationOptions | None = None) -> Any:
    with pytest.raises(ValidationError) as caught:
        BatchProvisionUsersRequest.model_validate({"records": [body]}, context=context)

    [error] = caught.value.errors()
    return error


def all_errors(body: Any) -> list[tuple[str, Loc]]:
    with pytest.raises(ValidationError) as caught:
        BatchProvisionUsersRequest.model_validate(body)

    return [(error["type"], error["loc"]) for error in caught.value.errors()]


EMAIL = ("records", 0, "contact", "email")
MOBILE = ("records", 0, "contact", "mobileNumber")


@pytest.mark.parametrize(
    ("email", "error_type", "named"),
    [
        pytest.param(
            "Jane Roe <jroe@example.com>",
            "email_display_name",
            "display name",
            id="display-name",
        ),
        pytest.param(
            " jroe@example.com\u00a0", "email_whitespace", "U+0020", id="space-and-nbsp"
        ),
        pytest.param("jroe@example.com\u00a0", "email_whitespace", "U+00A0", id="nbsp"),
        pytest.param(
            "jroe\u200b@example.com",
            "email_whitespace",
            "U+200B",
            id="zero-width-space",
        ),
    ],
)
def test_row_01_email_display_name_and_whitespace_are_rejected_not_stripped(
    email: str, error_type: str, named: str
) -> None:
    error = only_error(record(contact={"email": email}))

    assert (error["type"], error["loc"]) == (error_type, EMAIL)
    assert named in error["msg"]


def test_row_02_non_ascii_email_is_rejected() -> None:
    error = only_error(record(contact={"email": "j\u00f6rg@example.com"}))

    assert (error["type"], error["loc"]) == ("email_not_ascii", EMAIL)


def test_row_02_punycode_domain_stays_ascii_in_the_output() -> None:
    item = BatchProvisionUsersRequestItem.model_validate(
        record(contact={"email": "jroe@xn--bcher-kva.de"})
    )

    assert json.loads(item.model_dump_json())["contact"]["email"] == (
        "jroe@xn--bcher-kva.de"
    )
    assert item.model_dump_json().isascii()


def test_row_03_unknown_top_level_domain_is_accepted() -> None:
    item = BatchProvisionUsersRequestItem.model_validate(
        record(contact={"email": "jsmith@example.comx"})
    )

    assert item.contact.email == "jsmith@example.comx"


@pytest.mark.parametrize(
    "mobile",
    [
        pytest.param("+1650555CALL", id="letters"),
        pytest.param("+16505550123--", id="trailing-junk"),
        pytest.param("+16505550123 ext. 12", id="extension"),
    ],
)
def test_row_04_letters_junk_and_extensions_fail_the_strict_pattern(
    mobile: str,
) -> None:
    error = only_error(record(contact={"mobileNumber": mobile}))

    assert (error["type"], error["loc"]) == ("e164_format", MOBILE)


def test_row_05_formatted_number_is_rejected_not_rewritten() -> None:
    error = only_error(record(contact={"mobileNumber": "+1 650-555-0123"}))

    assert (error["type"], error["loc"]) == ("e164_format", MOBILE)
    assert "spaces, dashes" in error["msg"]


def test_row_05_canonical_number_is_kept_as_given() -> None:
    contact = Contact.model_validate({"mobileNumber": "+16505550123"})

    assert contact.model_dump(mode="json") == {"mobileNumber": "+16505550123"}


def test_row_05_phone_schema_is_a_plain_string_with_pattern_and_max_length() -> None:
    contact = request_json_schema()["$defs"]["Contact"]

    [schema, null] = contact["properties"]["mobileNumber"]["anyOf"]

    assert null == {"type": "null"}
    assert schema["type"] == "string"
    assert schema["maxLength"] == 18
    assert "pattern" in schema
    assert "format" not in schema


@pytest.mark.parametrize(
    ("changes", "error_type", "loc"),
    [
        pytest.param(
            {"contact": {"mobileNumber": "+16505550123\n"}},
            "e164_format",
            MOBILE,
            id="mobile",
        ),
        pytest.param(
            {"extensionNumber": "101\n"},
            "extension_number_format",
            ("records", 0, "extensionNumber"),
            id="extension",
        ),
    ],
)
def test_row_06_trailing_newline_is_rejected(
    changes: dict[str, Any], error_type: str, loc: Loc
) -> None:
    error = only_error(record(**changes))

    assert (error["type"], error["loc"]) == (error_type, loc)


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"contact": {"mobileNumber": "+16505550123\n"}}, id="mobile"),
        pytest.param({"extensionNumber": "101\n"}, id="extension"),
    ],
)
def test_row_06_python_jsonschema_rejects_trailing_newline(
    changes: dict[str, Any],
) -> None:
    validator = Draft202012Validator(request_json_schema())

    assert validator.is_valid({"records": [record()]})
    assert not validator.is_valid({"records": [record(**changes)]})


def patterns_in(schema: Any) -> Iterator[str]:
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key == "pattern" and isinstance(value, str):
                yield value
            else:
                yield from patterns_in(value)
    elif isinstance(schema, list):
        for item in schema:
            yield from patterns_in(item)


# ajv compiles each pattern as `new RegExp(pattern, "u")`; node does the same here.
ECMA_MATCHER = """
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = input.patterns.map((p) => {
  const re = new RegExp(p, "u");
  return input.samples.map((s) => re.test(s));
});
process.stdout.write(JSON.stringify(out));
"""
PATTERN_SAMPLES = [
    "+16505550123",
    "+16505550123\n",
    "16505550123",
    "101",
    "0101",
    "101\n",
    "12345678",
    "123456789",
    "US",
    "US\n",
    "us",
    "650",
    "065",
    "650\n",
    "",
    "\u0661\u0660\u0661",
]


def test_row_07_schema_patterns_mean_the_same_in_ecma_262_and_python() -> None:
    patterns = sorted(set(patterns_in(request_json_schema())))
    node = shutil.which("node")
    assert node is not None, "node is needed to compile patterns as ajv does"

    run = subprocess.run(
        [node, "-e", ECMA_MATCHER],
        input=json.dumps({"patterns": patterns, "samples": PATTERN_SAMPLES}),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    in_ecma = json.loads(run.stdout)
    in_python = [
        [re.search(pattern, sample) is not None for sample in PATTERN_SAMPLES]
        for pattern in patterns
    ]

    assert len(patterns) >= 3
    assert in_ecma == in_python


@pytest.mark.parametrize(
    ("mobile", "told"),
    [
        pytest.param("16505550123", "leading + is missing", id="no-plus"),
        pytest.param("1.65056E+10", "scientific notation", id="scientific"),
    ],
)
def test_row_08_spreadsheet_numbers_say_what_happened(mobile: str, told: str) -> None:
    error = only_error(record(contact={"mobileNumber": mobile}))

    assert (error["type"], error["loc"]) == ("e164_format", MOBILE)
    assert told in error["msg"]


@pytest.mark.parametrize(
    "mobile",
    [
        pytest.param("+18615550123", id="new-area-code"),
        pytest.param("+15551234567", id="555-area-code"),
    ],
)
def test_row_09_range_unknown_to_phonenumbers(mobile: str) -> None:
    body = record(contact={"mobileNumber": mobile})

    error = only_error(body)
    relaxed = BatchProvisionUsersRequest.model_validate(
        {"records": [body]}, context={"phone_check": "possible"}
    )

    assert (error["type"], error["loc"]) == ("phone_number_invalid", MOBILE)
    assert 'phone_check="possible"' in error["msg"]
    assert relaxed.records[0].contact.mobile_number == mobile


@pytest.mark.parametrize("check", ["valid", "possible"])
def test_row_09_impossible_length_is_told_apart(check: Any) -> None:
    error = only_error(
        record(contact={"mobileNumber": "+1650555012"}), {"phone_check": check}
    )

    assert (error["type"], error["loc"]) == ("phone_number_length", MOBILE)
    assert "too short" in error["msg"]


ROW_10_DEVICES = [
    pytest.param(
        {"emergency": {"location": {"id": "123"}}, "phoneInfo": {"tollType": "Toll"}},
        EmergencyLocation,
        id="emergency-location",
    ),
    pytest.param(
        {
            "emergency": {"location": {"id": "123"}},
            "phoneInfo": {"phoneNumber": "+16505550123"},
        },
        PhoneNumberDefinitionDirectNumberWithReservationId,
        id="phone-number",
    ),
    pytest.param(
        {
            "emergency": {"location": {"id": "123"}},
            "phoneInfo": {"tollType": "Toll", "preferredAreaCode": "650"},
        },
        PhoneNumberDefinitionPreferredAreaCode,
        id="toll-type-and-area-code",
    ),
]


def device_request(device: dict[str, Any]) -> dict[str, Any]:
    return {"records": [record(devices=[{"deviceInfo": {"type": "WebRTC", **device}}])]}


@pytest.mark.parametrize(("device", "form"), ROW_10_DEVICES)
def test_row_10_overlapping_forms_validate_in_the_model(
    device: dict[str, Any], form: type[Any]
) -> None:
    parsed = DeviceDefinition.model_validate({"type": "WebRTC", **device})

    assert form in (type(parsed.emergency), type(parsed.phone_info))


@pytest.mark.parametrize(("device", "form"), ROW_10_DEVICES)
def test_row_10_overlapping_forms_validate_in_python_jsonschema(
    device: dict[str, Any], form: type[Any]
) -> None:
    validator = Draft202012Validator(request_json_schema())

    assert list(validator.iter_errors(device_request(device))) == []


@pytest.mark.parametrize(
    ("device", "loc"),
    [
        pytest.param(
            {
                "emergency": {"location": {"id": "123"}},
                "phoneInfo": {"phoneNumberId": "3001", "tollType": "Toll"},
            },
            ("phoneInfo", "tollType"),
            id="number-id-and-toll-type",
        ),
        pytest.param(
            {
                "emergency": {
                    "location": {"id": "123"},
                    "address": {
                        "street": "1 Main St",
                        "city": "Belmont",
                        "zip": "94002",
                        "country": "US",
                    },
                },
                "phoneInfo": {"tollType": "Toll"},
            },
            ("emergency", "address"),
            id="location-and-address",
        ),
    ],
)
def test_row_10_mixed_forms_are_rejected_by_model_and_schema(
    device: dict[str, Any], loc: Loc
) -> None:
    validator = Draft202012Validator(request_json_schema())

    assert all_errors(device_request(device)) == [
        ("unknown_field", ("records", 0, "devices", 0, "deviceInfo", *loc))
    ]
    assert not validator.is_valid(device_request(device))


def test_row_11_snake_case_from_a_file_is_unknown_with_the_wire_name() -> None:
    text = '{"status": "Enabled", "contact": {"first_name": "Jane"}}'

    with pytest.raises(ValidationError) as caught:
        BatchProvisionUsersRequestItem.model_validate_json(text)

    [error] = caught.value.errors()
    assert (error["type"], error["loc"]) == ("unknown_field", ("contact", "first_name"))
    assert "firstName" in error["msg"]


def test_row_11_plain_dump_is_camel_case() -> None:
    item = BatchProvisionUsersRequestItem.model_validate(
        record(contact={"first_name": "Jane"}, extension_number="101")
    )

    assert item.model_dump() == {
        "status": "Enabled",
        "contact": {"firstName": "Jane"},
        "extensionNumber": "101",
    }


def test_row_12_snake_case_keywords_work_at_runtime() -> None:
    contact = Contact(first_name="Jane", mobile_number="+16505550123")

    assert contact == Contact.model_validate(
        {"firstName": "Jane", "mobileNumber": "+16505550123"}
    )


TYPING_SNIPPET = """\
from provisioning_schema import Contact, CostCenter

Contact(first_name="Jane", last_name="Roe", email_as_login_name=False)
CostCenter(id_="224149")
Contact(firstName="Jane")
"""


def checker_errors(checker: str, tmp_path: Path) -> list[int]:
    """Lines of the snippet that the checker reports as errors."""
    snippet = tmp_path / "snippet.py"
    snippet.write_text(TYPING_SNIPPET)

    if checker == "mypy":
        config = str(REPOSITORY / "pyproject.toml")
        cache = str(tmp_path / "mypy-cache")
        out, _, _ = mypy_api.run(
            ["--config-file", config, "--cache-dir", cache, str(snippet)]
        )
        lines = re.findall(r"snippet\.py:(\d+): error", out)
    else:
        pyright = Path(sys.executable).with_name("pyright")
        run = subprocess.run(
            [str(pyright), "--pythonpath", sys.executable, str(snippet)],
            capture_output=True,
            text=True,
            cwd=REPOSITORY,
            check=False,
            timeout=300,
        )
        lines = re.findall(r"snippet\.py:(\d+):\d+ - error", run.stdout)

    return sorted({int(line) for line in lines})


@pytest.mark.parametrize("checker", ["mypy", "pyright"])
def test_row_12_type_checkers_take_snake_case_keywords_only(
    checker: str, tmp_path: Path
) -> None:
    assert checker_errors(checker, tmp_path) == [5]


def test_row_16_duplicates_found_case_insensitively_naming_both_rows() -> None:
    body = {
        "records": [
            record(contact={"email": "Jane.Roe@Example.com"}, extensionNumber="101"),
            record(contact={"email": "jane.roe@EXAMPLE.COM"}, extensionNumber="101"),
        ]
    }

    with pytest.raises(ValidationError) as caught:
        BatchProvisionUsersRequest.model_validate(body)

    errors = caught.value.errors()
    assert sorted((e["type"], e["loc"]) for e in errors) == [
        ("duplicate_extension_number", ("records", 1, "extensionNumber")),
        ("duplicate_login_email", ("records", 1, "contact", "email")),
    ]
    assert all("records[0]" in error["msg"] for error in errors)


@pytest.mark.parametrize(
    ("changes", "error_type", "loc", "shape"),
    [
        pytest.param(
            {"roles": "1"},
            "array_expected",
            ("roles",),
            '[{"id": "1"}]',
            id="roles-string",
        ),
        pytest.param(
            {"roles": ["1"]},
            "object_expected",
            ("roles", 0),
            '{"id": "1"}',
            id="roles-array-of-strings",
        ),
        pytest.param(
            {"costCenter": "224149"},
            "object_expected",
            ("costCenter",),
            '{"id": "224149"}',
            id="cost-center-string",
        ),
        pytest.param(
            {"costCenter": {}},
            "missing",
            ("costCenter", "id"),
            "required",
            id="cost-center-empty",
        ),
    ],
)
def test_row_17_wrong_shapes_are_named_with_path_and_expected_shape(
    changes: dict[str, Any], error_type: str, loc: Loc, shape: str
) -> None:
    error = only_error(record(**changes))

    assert (error["type"], error["loc"]) == (error_type, ("records", 0, *loc))
    assert shape in error["msg"]
