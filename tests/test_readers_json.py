"""The JSONL and JSON readers: rows, line numbers, hostile input, formats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bulk import cli, record, write


def jsonl(*records: object) -> str:
    return "".join(json.dumps(item) + "\n" for item in records)


def test_jsonl_errors_name_the_line(tmp_path: Path) -> None:
    text = jsonl(record(1), record(2, mobileNumber="6505550123"))
    path = write(tmp_path, "staff.jsonl", "\n" + text)

    result = cli("validate", "--format", "json", path)

    assert result.code == 1
    assert result.errors() == [(3, "contact.mobileNumber", "e164_format")]
    assert result.report()["notes"] == ["1 blank line(s) skipped"]


def test_jsonl_takes_wire_names_only(tmp_path: Path) -> None:
    path = write(tmp_path, "s.jsonl", jsonl(record(1, first_name="Ann")))

    result = cli("validate", "--format", "json", path)

    message = result.report()["errors"][0]["message"]
    assert result.errors() == [(1, "contact.first_name", "unknown_field")]
    assert "the wire name is firstName" in message


def test_redact_masks_keys_that_are_not_field_names(tmp_path: Path) -> None:
    data = record(1, **{"ada.secret@example.com": "x", "nickName": "y"})
    path = write(tmp_path, "s.jsonl", jsonl(data))

    result = cli("validate", "--redact", "--format", "json", path)

    assert "ada.secret" not in result.stdout
    assert result.errors() == [
        (1, "contact.<key>", "unknown_field"),
        (1, "contact.nickName", "unknown_field"),
    ]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        pytest.param("", ": the file is empty", id="empty"),
        pytest.param(" \n\n", ": the file is empty", id="blank"),
        pytest.param(
            jsonl(record(1)) + '{"status": "Enabled",}\n',
            ":2:22: not valid JSON",
            id="malformed-line",
        ),
        pytest.param(
            jsonl(record(1)) + '{"status": ' + "9" * 10_000 + "}\n",
            ":2:12: a number has 10000 characters; at most 4300 are read",
            id="10000-digits",
        ),
        pytest.param(
            "[" * 100_000 + "]" * 100_000 + "\n",
            ":1: the JSON nests arrays or objects too deeply to read",
            id="deep",
        ),
        pytest.param(jsonl(record(1)) + "\x00\n", ":2: the line holds a NUL", id="nul"),
        pytest.param(
            b'{"status": "Enabled", "contact": {"firstName": "\xff"}}\n',
            ":1: byte 0xff at offset 48 is not UTF-8",
            id="invalid-utf-8",
        ),
    ],
)
def test_unreadable_jsonl_exits_2(
    tmp_path: Path, text: str | bytes, reason: str
) -> None:
    path = write(tmp_path, "h.jsonl", text)

    result = cli("validate", path)

    assert result.code == 2
    assert result.stderr.startswith(f"provisioning-schema: {path}{reason}")
    assert "Traceback" not in result.stdout + result.stderr


def test_bom_and_crlf_are_read(tmp_path: Path) -> None:
    text = jsonl(record(1), record(2)).replace("\n", "\r\n")
    path = write(tmp_path, "s.jsonl", b"\xef\xbb\xbf" + text.encode())

    assert cli("validate", path).code == 0


def test_json_list_errors_name_the_index(tmp_path: Path) -> None:
    path = write(tmp_path, "s.json", json.dumps([record(1), record(2, email="x")]))

    result = cli("validate", "--format", "json", path)

    assert result.errors() == [(1, "[1].contact.email", "email_invalid")]


def test_json_document_over_the_limit_is_refused(tmp_path: Path) -> None:
    item = json.dumps(record(1))
    count = 16 * 2**20 // len(item) + 1
    path = write(tmp_path, "big.json", "[" + ",".join([item] * count) + "]")

    result = cli("validate", path)

    assert result.code == 2
    assert "write it as JSONL" in result.stderr


@pytest.mark.parametrize(
    ("name", "content", "option"),
    [
        pytest.param("s.txt", "contact.firstName\nAnn\n", "csv", id="csv"),
        pytest.param("s.json", jsonl(record(1), record(2)), "jsonl", id="jsonl"),
        pytest.param("s.csv", json.dumps([record(1)]), "json", id="json"),
    ],
)
def test_input_format_overrides_the_extension(
    tmp_path: Path, name: str, content: str, option: str
) -> None:
    path = write(tmp_path, name, content)

    result = cli("validate", "--format", "json", "--input-format", option, path)

    assert (result.code, result.report()["format"]) == (0, option)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("a.CSV", "csv", id="csv-upper"),
        pytest.param("a.ndjson", "jsonl", id="ndjson"),
        pytest.param("a.jsonl", "jsonl", id="jsonl"),
        pytest.param("a.json", "json", id="json"),
    ],
)
def test_format_follows_the_extension(tmp_path: Path, name: str, expected: str) -> None:
    content = "contact.firstName\nAnn\n" if expected == "csv" else jsonl(record(1))
    path = write(tmp_path, name, content)

    assert cli("validate", "--format", "json", path).report()["format"] == expected


def test_stdin_reads_csv_with_input_format() -> None:
    result = cli(
        "validate", "--input-format", "csv", "-", stdin=b"contact.firstName\nAnn\n"
    )

    assert result.code == 0
    assert result.stdout.startswith("<stdin>: valid, 1 record")


def test_default_region_applies_to_jsonl(tmp_path: Path) -> None:
    path = write(tmp_path, "s.jsonl", jsonl(record(1, mobileNumber="020 7946 0958")))

    result = cli("validate", "--format", "json", "--default-region", "GB", path)

    assert (result.code, result.changes()) == (
        0,
        [(1, "contact.mobileNumber", "phone_e164")],
    )
    assert "+442079460958" in result.report()["changes"][0]["message"]
