from __future__ import annotations

import io
import json
import subprocess
import sys
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest

from provisioning_schema import schema
from provisioning_schema.cli import run

DATA = Path(__file__).parent / "data" / "cli"
VALID = str(DATA / "valid-request.json")
INVALID = str(DATA / "invalid-request.json")
MISSING = str(DATA / "no-such-file.json")

INVALID_PROBLEMS = [
    (0, "records[0].status", "status_not_enabled"),
    (0, "records[0].contact.emial", "unknown_field"),
    (0, "records[0].contact.mobileNumber", "e164_format"),
    (2, "records[2].extensionNumber", "duplicate_extension_number"),
]
REPORT_KEYS = [
    "file",
    "format",
    "valid",
    "records",
    "invalid_records",
    "errors",
    "changes",
    "notes",
    "read_error",
]


@dataclass(frozen=True)
class Result:
    code: int
    stdout: str
    stderr: str

    def json_lines(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.stdout.splitlines()]

    def rows(self) -> list[tuple[int | None, str, str]]:
        """The (record, path, type) of each problem line of a text report."""
        found = []
        for line in self.stdout.splitlines():
            cells = line.split(maxsplit=3)
            if line.startswith("  ") and cells[0] != "record" and cells[0] != "note:":
                record = None if cells[0] == "-" else int(cells[0])
                found.append((record, cells[1], cells[2]))
        return found


def cli(*argv: str, stdin: str | bytes | io.TextIOWrapper | None = "") -> Result:
    stream: Any = stdin
    if isinstance(stdin, str):
        stream = io.StringIO(stdin)
    elif isinstance(stdin, bytes):
        stream = io.BytesIO(stdin)
    stdout, stderr = io.StringIO(), io.StringIO()

    code = run(list(argv), stream, stdout, stderr)

    return Result(code, stdout.getvalue(), stderr.getvalue())


def write(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


def record(**fields: Any) -> dict[str, Any]:
    return {"status": "Enabled", "contact": {}, **fields}


def test_valid_file_exits_0() -> None:
    result = cli("validate", VALID)

    assert (result.code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        f"{VALID}: valid, 2 records",
        "1 file: 1 valid, 0 invalid, 0 unreadable; 2 records, 0 invalid, 0 errors",
    ]


def test_invalid_file_text_report_names_record_path_and_type() -> None:
    result = cli("validate", INVALID)

    assert (result.code, result.stderr) == (1, "")
    assert result.rows() == INVALID_PROBLEMS
    assert (
        result.stdout.splitlines()[0]
        == f"{INVALID}: invalid, 4 errors in 2 of 3 records"
    )
    assert result.stdout.splitlines()[-1] == (
        "1 file: 0 valid, 1 invalid, 0 unreadable; 3 records, 2 invalid, 4 errors"
    )


def test_text_report_columns_are_aligned() -> None:
    lines = cli("validate", INVALID).stdout.splitlines()[1:-1]

    type_columns = {
        line.index(kind)
        for line, (*_, kind) in zip(lines[1:], INVALID_PROBLEMS, strict=True)
    }

    assert type_columns == {lines[0].index("type")}


def test_invalid_file_json_report() -> None:
    result = cli("validate", "--format", "json", INVALID)

    (report,) = result.json_lines()
    assert (result.code, result.stderr) == (1, "")
    assert list(report) == REPORT_KEYS
    assert (report["file"], report["valid"], report["records"]) == (INVALID, False, 3)
    assert report["invalid_records"] == 2
    assert [(e["record"], e["path"], e["type"]) for e in report["errors"]] == (
        INVALID_PROBLEMS
    )
    assert all(
        list(e) == ["record", "row", "path", "type", "message"]
        for e in report["errors"]
    )
    assert [e["row"] for e in report["errors"]] == [0, 0, 0, 2]
    assert report["errors"][2]["message"].endswith("; got '+1 650-555-0123'")


def test_valid_file_json_report() -> None:
    result = cli("validate", "--format", "json", VALID)

    assert result.code == 0
    assert result.json_lines() == [
        {
            "file": VALID,
            "format": "json",
            "valid": True,
            "records": 2,
            "invalid_records": 0,
            "errors": [],
            "changes": [],
            "notes": [],
            "read_error": None,
        }
    ]


DEEP = "[" * 100_000 + "]" * 100_000
HUGE_NUMBER = '{"status": "Enabled",\n "contact": {"firstName": ' + "9" * 10_000 + "}}"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        pytest.param(
            '[{"status": "Enabled",\n "contact": {"firstName": "Zoë"}}]'.encode(
                "cp1252"
            ),
            ":2: byte 0xeb at offset 52 is not UTF-8",
            id="cp1252",
        ),
        pytest.param(
            '{"records": []}'.encode("utf-16"),
            ":1: the file is UTF-16; save it as UTF-8",
            id="utf-16",
        ),
        pytest.param(
            '{"status": "Enabled",\n "contact": {,}}',
            ":2:14: not valid JSON: Expecting property name",
            id="malformed",
        ),
        pytest.param(DEEP, ": the JSON nests arrays or objects too deeply", id="deep"),
        pytest.param(
            HUGE_NUMBER,
            ":2:27: a number has 10000 characters; at most 4300 are read",
            id="huge-number",
        ),
        pytest.param('{"status": NaN}', ":1:12: NaN is not JSON", id="nan"),
        pytest.param("[1e400]", ":1:2: the number 1e400 is too large", id="infinity"),
        pytest.param(
            '{"status": "Enabled", "status": "enabled", "contact": {}}',
            ': the key "status" appears twice in one object',
            id="repeated-key",
        ),
        pytest.param(" \n", ": the file is empty", id="empty"),
    ],
)
def test_unreadable_file_exits_2_with_one_line(
    tmp_path: Path, content: str | bytes, reason: str
) -> None:
    path = write(tmp_path, "users.json", content)

    result = cli("validate", path)

    assert result.code == 2
    assert result.stderr.startswith(f"provisioning-schema: {path}{reason}")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        pytest.param(MISSING, "No such file or directory", id="missing"),
        pytest.param(str(DATA), "Is a directory", id="directory"),
    ],
)
def test_missing_file_exits_2(path: str, reason: str) -> None:
    result = cli("validate", path)

    assert result.code == 2
    assert result.stderr == (
        f"provisioning-schema: {path}: cannot read the file: {reason}\n"
    )


def test_unreadable_file_json_report() -> None:
    result = cli("validate", "--format", "json", MISSING)

    (report,) = result.json_lines()
    assert result.code == 2
    assert list(report) == REPORT_KEYS
    assert (report["valid"], report["read_error"]) == (
        False,
        {
            "line": None,
            "column": None,
            "message": "cannot read the file: No such file or directory",
        },
    )


BOM = b"\xef\xbb\xbf"
ONE_RECORD = json.dumps(record(contact={"firstName": "Zoë"})).encode()


def test_bom_is_accepted_in_a_file(tmp_path: Path) -> None:
    path = write(tmp_path, "bom.json", BOM + ONE_RECORD)

    assert cli("validate", path).code == 0


@pytest.mark.parametrize(
    "stdin",
    [
        pytest.param(ONE_RECORD.decode(), id="text"),
        pytest.param("\ufeff" + ONE_RECORD.decode(), id="text-with-bom"),
        pytest.param(BOM + ONE_RECORD, id="bytes-with-bom"),
        pytest.param(
            io.TextIOWrapper(io.BytesIO(BOM + ONE_RECORD)), id="like-sys-stdin"
        ),
    ],
)
def test_stdin(stdin: str | bytes | io.TextIOWrapper) -> None:
    result = cli("validate", "-", stdin=stdin)

    assert result.code == 0
    assert result.stdout.startswith("<stdin>: valid, 1 record\n")


def test_undecodable_stdin_names_the_byte() -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b'{"status": "Enabled",\n"x": "\xff"}'))

    result = cli("validate", "-", stdin=stdin)

    assert (result.code, result.stderr) == (
        2,
        "provisioning-schema: <stdin>:2: byte 0xff at offset 28 is not UTF-8 "
        "(it may be cp1252 or Latin-1); save the file as UTF-8\n",
    )


def test_stdin_can_be_named_once() -> None:
    result = cli("validate", "-", "-", stdin=ONE_RECORD.decode())

    assert (result.code, result.stdout) == (2, "")
    assert "can be given only once" in result.stderr


SECRETS = ["jane.roe@example.com", "650-555-0123", "'enabled'", "'102'"]


@pytest.mark.parametrize("report_format", ["text", "json"])
def test_redact_hides_emails_and_numbers(report_format: str) -> None:
    plain = cli("validate", "--format", report_format, INVALID)
    redacted = cli("validate", "--format", report_format, "--redact", INVALID)

    assert [s for s in SECRETS if s in plain.stdout] == SECRETS
    assert [s for s in SECRETS if s in redacted.stdout] == []
    assert redacted.code == 1


def test_redact_hides_values_of_pydantic_errors(tmp_path: Path) -> None:
    path = write(tmp_path, "one.json", json.dumps(record(sendWelcomeEmail="yes")))

    plain = cli("validate", path)
    redacted = cli("validate", "--redact", path)

    assert "'yes'" in plain.stdout
    assert "'yes'" not in redacted.stdout


@pytest.mark.parametrize(
    ("paths", "code"),
    [
        pytest.param([VALID, VALID], 0, id="all-valid"),
        pytest.param([VALID, INVALID], 1, id="one-invalid"),
        pytest.param([INVALID, MISSING], 2, id="invalid-and-unreadable"),
        pytest.param([MISSING, VALID], 2, id="unreadable-first"),
    ],
)
def test_exit_code_reflects_every_file(paths: list[str], code: int) -> None:
    result = cli("validate", *paths)

    assert result.code == code
    assert [path in result.stdout + result.stderr for path in paths] == [True] * 2
    assert result.stdout.splitlines()[-1].startswith("2 files: ")


def test_json_report_has_one_line_per_file() -> None:
    result = cli("validate", "--format", "json", VALID, INVALID, MISSING)

    reports = result.json_lines()
    assert [(r["file"], r["valid"]) for r in reports] == [
        (VALID, True),
        (INVALID, False),
        (MISSING, False),
    ]


def test_list_of_records_is_checked_across_records(tmp_path: Path) -> None:
    records = [
        record(contact={"email": f"user{i}@example.com"}, extensionNumber=f"{100 + i}")
        for i in range(12)
    ]
    records[11]["contact"]["email"] = "USER3@Example.com"
    records.append(record(contact={"mobileNumber": "16505550123"}))
    path = write(tmp_path, "list.json", json.dumps(records))

    result = cli("validate", "--format", "json", path)

    (report,) = result.json_lines()
    assert result.code == 1
    assert (report["records"], report["invalid_records"]) == (13, 2)
    assert [(e["record"], e["path"], e["type"]) for e in report["errors"]] == [
        (11, "[11].contact.email", "duplicate_login_email"),
        (12, "[12].contact.mobileNumber", "e164_format"),
    ]
    assert "record 3 already uses it" in report["errors"][0]["message"]
    assert report["notes"] == [
        "13 records: the API takes at most 10 per request, so send them in 2 requests"
    ]


def test_long_valid_list_is_valid_with_a_note(tmp_path: Path) -> None:
    records = [record(extensionNumber=f"{100 + i}") for i in range(11)]
    path = write(tmp_path, "list.json", json.dumps(records))

    result = cli("validate", path)

    assert result.code == 0
    assert result.stdout.splitlines()[:2] == [
        f"{path}: valid, 11 records",
        "  note: 11 records: the API takes at most 10 per request, "
        "so send them in 2 requests",
    ]


@pytest.mark.parametrize(
    ("document", "problem"),
    [
        pytest.param(
            record(status="ENABLED"),
            (0, "status", "status_not_enabled"),
            id="one-record",
        ),
        pytest.param(
            {"status": "Enabled", "contact": {"first_name": "Jane"}},
            (0, "contact.first_name", "unknown_field"),
            id="snake-case-is-unknown-in-files",
        ),
        pytest.param([], (None, "", "records_count"), id="empty-array"),
        pytest.param("hello", (None, "", "object_expected"), id="a-string"),
        pytest.param(
            {"records": "x"},
            (None, "records", "array_expected"),
            id="records-not-array",
        ),
    ],
)
def test_document_kinds(
    tmp_path: Path, document: object, problem: tuple[int | None, str, str]
) -> None:
    path = write(tmp_path, "doc.json", json.dumps(document))

    result = cli("validate", path)

    assert result.code == 1
    assert result.rows() == [
        (problem[0], problem[1] or "(document)", problem[2]),
    ]


@pytest.mark.parametrize(
    ("options", "code"),
    [
        pytest.param([], 0, id="default-8"),
        pytest.param(["--max-extension-length", "4"], 0, id="4-digits"),
        pytest.param(["--max-extension-length", "3"], 1, id="3-digits"),
    ],
)
def test_max_extension_length(tmp_path: Path, options: list[str], code: int) -> None:
    path = write(tmp_path, "one.json", json.dumps(record(extensionNumber="1234")))

    result = cli("validate", *options, path)

    assert result.code == code
    if code:
        assert result.rows() == [(0, "extensionNumber", "extension_number_too_long")]


@pytest.mark.parametrize(
    ("options", "rows"),
    [
        pytest.param(
            [],
            [(0, "contact.mobileNumber", "phone_number_invalid")],
            id="default-valid",
        ),
        pytest.param(
            ["--phone-check", "valid"],
            [(0, "contact.mobileNumber", "phone_number_invalid")],
            id="valid",
        ),
        pytest.param(["--phone-check", "possible"], [], id="possible"),
        pytest.param(["--phone-check", "pattern"], [], id="pattern"),
    ],
)
def test_phone_check(
    tmp_path: Path, options: list[str], rows: list[tuple[int, str, str]]
) -> None:
    # 861 is an area code newer than some phonenumbers releases know.
    data = record(contact={"mobileNumber": "+18615550123"})
    path = write(tmp_path, "one.json", json.dumps(data))

    result = cli("validate", *options, path)

    assert (result.code, result.rows()) == (1 if rows else 0, rows)


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["validate"], id="no-path"),
        pytest.param(["validate", "--max-extension-length", "9", VALID], id="length-9"),
        pytest.param(["validate", "--max-extension-length", "2", VALID], id="length-2"),
        pytest.param(["validate", "--max-extension-length", "x", VALID], id="length-x"),
        pytest.param(["validate", "--phone-check", "strict", VALID], id="phone-check"),
        pytest.param(["validate", "--format", "xml", VALID], id="format"),
        pytest.param(["check", VALID], id="unknown-command"),
        pytest.param([], id="no-command"),
    ],
)
def test_usage_errors_exit_2_on_stderr(argv: list[str]) -> None:
    result = cli(*argv)

    assert (result.code, result.stdout) == (2, "")
    assert "usage: provisioning-schema" in result.stderr
    assert "Traceback" not in result.stderr


def test_help_and_version_exit_0() -> None:
    helped = cli("--help")
    versioned = cli("--version")

    assert helped.code == 0
    assert "{validate,batch,template,schema}" in helped.stdout
    assert (versioned.code, versioned.stdout) == (
        0,
        f"provisioning-schema {version('provisioning-schema')}\n",
    )


@pytest.mark.parametrize(
    ("argv", "builder"),
    [
        pytest.param([], "request_json_schema", id="request"),
        pytest.param(["--model", "request"], "request_json_schema", id="model-request"),
        pytest.param(["--model", "item"], "item_json_schema", id="item"),
        pytest.param(["--format", "openapi"], "openapi_document", id="openapi"),
    ],
)
def test_schema_prints_the_document(argv: list[str], builder: str) -> None:
    result = cli("schema", *argv)

    assert (result.code, result.stderr) == (0, "")
    assert json.loads(result.stdout) == getattr(schema, builder)()
    assert result.stdout.endswith("}\n")


def test_schema_output_file(tmp_path: Path) -> None:
    target = tmp_path / "item.schema.json"

    result = cli("schema", "--model", "item", "--output", str(target))

    assert (result.code, result.stdout) == (0, "")
    assert target.read_text(encoding="utf-8") == cli("schema", "--model", "item").stdout


def test_schema_output_to_unwritable_place_exits_2(tmp_path: Path) -> None:
    target = tmp_path / "missing-folder" / "schema.json"

    result = cli("schema", "--output", str(target))

    assert result.code == 2
    assert result.stderr.startswith(f"provisioning-schema: {target}: cannot write: ")


def test_openapi_takes_no_model() -> None:
    result = cli("schema", "--format", "openapi", "--model", "item")

    assert (result.code, result.stdout) == (2, "")
    assert "--model applies to --format json-schema only" in result.stderr


def test_importing_the_cli_leaves_reports_and_schema_unloaded() -> None:
    code = (
        "import sys, provisioning_schema.cli; "
        "print(sorted(m for m in sys.modules if m.startswith('provisioning_schema.')"
        " and m.rsplit('.', 1)[1] in ('schema', 'report', '_reading')))"
    )

    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )

    assert loaded.stdout == "[]\n"


def test_installed_console_script() -> None:
    script = Path(sys.executable).with_name("provisioning-schema")
    assert script.exists(), (
        f"{script} is missing: install the package with `pip install -e .` "
        "so its console script exists"
    )

    result = subprocess.run(
        [str(script), "validate", VALID, INVALID],
        capture_output=True,
        text=True,
        check=False,
    )

    assert (result.returncode, result.stderr) == (1, "")
    assert "records[2].extensionNumber" in result.stdout


@pytest.mark.parametrize("command", ["validate", "batch"])
def test_closed_stdin_is_one_line_exit_2(tmp_path: Path, command: str) -> None:
    argv = [command, "-"] + (["--output", str(tmp_path / "out")] * (command == "batch"))

    result = cli(*argv, stdin=None)

    assert (result.code, result.stderr) == (
        2,
        "provisioning-schema: <stdin>: cannot read stdin: it is closed\n",
    )


def test_closed_stdin_of_the_installed_command() -> None:
    command = f"exec {sys.executable} -m provisioning_schema validate - <&-"

    done = subprocess.run(
        ["sh", "-c", command], capture_output=True, text=True, check=False
    )

    assert (done.returncode, done.stderr) == (
        2,
        "provisioning-schema: <stdin>: cannot read stdin: it is closed\n",
    )


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        pytest.param(
            '{"status": "Enabled",\n "contact": {"firstName": "NaN Smith"},\n'
            ' "x": NaN}',
            ":3:7: NaN is not JSON; write a string or a number",
            id="nan-after-a-string-holding-nan",
        ),
        pytest.param(
            '{"a": "say \\"Infinity\\" here",\n "b": -Infinity}',
            ":2:7: -Infinity is not JSON; write a string or a number",
            id="infinity-after-an-escaped-quote",
        ),
        pytest.param(
            '{"NaN": "NaN",\n "n": [1, NaN]}',
            ":2:11: NaN is not JSON; write a string or a number",
            id="nan-after-a-key-named-nan",
        ),
    ],
)
def test_refused_token_is_located_outside_strings(
    tmp_path: Path, content: str, reason: str
) -> None:
    path = write(tmp_path, "users.json", content)

    result = cli("validate", path)

    expected = f"provisioning-schema: {path}{reason}\n"
    assert (result.code, result.stderr) == (2, expected)


@pytest.mark.parametrize(
    ("document", "verdict"),
    [
        pytest.param(5, "invalid, 1 error in the file as a whole, no records", id="5"),
        pytest.param(
            {"records": [record()] * 11},
            "invalid, 1 error in the file as a whole, 11 records",
            id="too-many-records",
        ),
        pytest.param(
            {"records": [record(extensionNumber="1"), record()] * 6},
            "invalid, 6 errors in 6 of 12 records, 1 error in the file as a whole",
            id="both",
        ),
        pytest.param(
            [record(status="x")], "invalid, 1 error in 1 of 1 record", id="records"
        ),
    ],
)
def test_verdict_tells_file_errors_from_record_errors(
    tmp_path: Path, document: object, verdict: str
) -> None:
    path = write(tmp_path, "doc.json", json.dumps(document))

    result = cli("validate", path)

    assert result.stdout.splitlines()[0] == f"{path}: {verdict}"


@pytest.mark.parametrize("key", ["Records", "record", "RECORDS", "recods"])
def test_misspelt_records_key_suggests_records(tmp_path: Path, key: str) -> None:
    path = write(tmp_path, "body.json", json.dumps({key: [record()]}))

    result = cli("validate", "--format", "json", path)

    (report,) = result.json_lines()
    assert [(e["path"], e["type"]) for e in report["errors"]] == [
        (key, "unknown_field"),
        ("status", "missing"),
        ("contact", "missing"),
    ]
    assert report["notes"] == [
        f'the key "{key}" is read as a field of one record; did you mean '
        '"records", for a request body?'
    ]


def test_record_without_a_records_like_key_gets_no_suggestion(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, "one.json", json.dumps(record(costCenter={"id": "1"})))

    (report,) = cli("validate", "--format", "json", path).json_lines()

    assert report["notes"] == []
