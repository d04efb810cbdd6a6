"""The CSV reader: header, rows, line numbers, normalization, hostile input."""

from __future__ import annotations

from pathlib import Path

import pytest
from bulk import cli, csv_text, person, write

from provisioning_schema.readers import template_header


def check(
    tmp_path: Path, text: str | bytes, *options: str
) -> tuple[int, list[tuple[int | None, str, str]]]:
    path = write(tmp_path, "staff.csv", text)
    result = cli("validate", "--format", "json", *options, path)
    return result.code, result.errors()


def test_valid_csv_exits_0(tmp_path: Path) -> None:
    path = write(tmp_path, "staff.csv", csv_text([person(1), person(2)]))

    result = cli("validate", path)

    assert (result.code, result.stderr) == (0, "")
    assert result.stdout.splitlines()[0] == f"{path}: valid, 2 records"


@pytest.mark.parametrize(
    ("cells", "error"),
    [
        pytest.param(
            {"contact.mobileNumber": "16505550123"},
            (3, "contact.mobileNumber", "e164_format"),
            id="plus-lost",
        ),
        pytest.param(
            {"extensionNumber": "1x1"},
            (3, "extensionNumber", "extension_number_format"),
            id="extension",
        ),
        pytest.param(
            {"contact.email": "a b@example.com"},
            (3, "contact.email", "email_whitespace"),
            id="email",
        ),
    ],
)
def test_errors_name_the_csv_line_and_column(
    tmp_path: Path, cells: dict[str, str], error: tuple[int, str, str]
) -> None:
    text = csv_text([person(1), person(2, **cells)])

    assert check(tmp_path, text) == (1, [error])


def test_quoted_line_breaks_keep_the_physical_line(tmp_path: Path) -> None:
    # A name may not hold a line break, so each quoted break is reported on
    # the row's first line, and the rows after it keep their own lines.
    header = "contact.firstName,extensionNumber\n"
    text = header + '"Ann\nMarie",101\n"Bo\n\nB",1x1\nCy,102\n'

    assert check(tmp_path, text) == (
        1,
        [
            (2, "contact.firstName", "control_character"),
            (4, "contact.firstName", "control_character"),
            (4, "extensionNumber", "extension_number_format"),
        ],
    )


def test_crlf_line_endings(tmp_path: Path) -> None:
    text = csv_text([person(1), person(2, extensionNumber="x")]).replace("\n", "\r\n")

    assert check(tmp_path, text) == (
        1,
        [(3, "extensionNumber", "extension_number_format")],
    )


def test_array_columns_build_the_wire_shape(tmp_path: Path) -> None:
    header = [
        "contact.firstName",
        "roles.0.id",
        "devices.0.deviceInfo.type",
        "devices.0.deviceInfo.emergency.location.id",
        "devices.0.deviceInfo.phoneInfo.tollType",
    ]
    row = {
        "contact.firstName": "Ann",
        "roles.0.id": " ",
        "devices.0.deviceInfo.type": "WebRTC",
        "devices.0.deviceInfo.emergency.location.id": "1009",
        "devices.0.deviceInfo.phoneInfo.tollType": "Tol",
    }

    code, errors = check(tmp_path, csv_text([row], header))

    assert (code, errors) == (
        1,
        [(2, "devices.0.deviceInfo.phoneInfo.tollType", "enum")],
    )


@pytest.mark.parametrize(
    ("cell", "value_ok", "change"),
    [
        pytest.param("true", True, None, id="true"),
        pytest.param("YES", True, "boolean_read", id="yes"),
        pytest.param("no", True, "boolean_read", id="no"),
        pytest.param("1", True, "boolean_read", id="one"),
        pytest.param("0", True, "boolean_read", id="zero"),
        pytest.param("False", True, "boolean_read", id="capital-false"),
        pytest.param("maybe", False, None, id="not-a-boolean"),
    ],
)
def test_booleans(
    tmp_path: Path, cell: str, value_ok: bool, change: str | None
) -> None:
    header = ["contact.firstName", "sendWelcomeEmail"]
    path = write(
        tmp_path,
        "b.csv",
        csv_text([{"contact.firstName": "A", "sendWelcomeEmail": cell}], header),
    )

    result = cli("validate", "--format", "json", path)

    assert result.code == (0 if value_ok else 1)
    assert result.changes() == ([(2, "sendWelcomeEmail", change)] if change else [])
    if not value_ok:
        assert result.errors() == [(2, "sendWelcomeEmail", "bool_type")]


def test_trimming_is_reported_and_blank_cells_are_absent(tmp_path: Path) -> None:
    text = csv_text(
        [person(1, **{"contact.firstName": " Ann\t", "contact.mobileNumber": "  "})]
    )
    path = write(tmp_path, "t.csv", text)

    result = cli("validate", "--format", "json", path)

    assert (result.code, result.changes()) == (0, [(2, "contact.firstName", "trimmed")])


def test_non_breaking_space_is_not_trimmed(tmp_path: Path) -> None:
    text = csv_text([person(1, **{"contact.email": "person1@example.com\u00a0"})])

    assert check(tmp_path, text) == (1, [(2, "contact.email", "email_whitespace")])


def test_status_defaults_to_enabled(tmp_path: Path) -> None:
    header = ["status", "contact.firstName"]
    text = csv_text(
        [
            {"status": "", "contact.firstName": "A"},
            {"status": "Enabled", "contact.firstName": "B"},
        ],
        header,
    )
    path = write(tmp_path, "s.csv", text)

    result = cli("validate", "--format", "json", path)

    assert (result.code, result.changes()) == (0, [(2, "status", "status_default")])


def test_missing_status_column_is_a_note(tmp_path: Path) -> None:
    path = write(tmp_path, "s.csv", csv_text([person(1)]))

    result = cli("validate", "--format", "json", path)

    assert result.report()["notes"] == [
        'there is no status column: every status is "Enabled"'
    ]


@pytest.mark.parametrize(
    ("cell", "e164"),
    [
        pytest.param("(650) 555-0123", "+16505550123", id="national-formatted"),
        pytest.param("650 555 0123", "+16505550123", id="national-spaces"),
        pytest.param("+1 650-555-0123", "+16505550123", id="international-formatted"),
        pytest.param("1 650 555 0123", "+16505550123", id="trunk-prefix"),
    ],
)
def test_default_region_turns_numbers_into_e164(
    tmp_path: Path, cell: str, e164: str
) -> None:
    path = write(
        tmp_path, "p.csv", csv_text([person(1, **{"contact.mobileNumber": cell})])
    )

    result = cli("validate", "--format", "json", "--default-region", "us", path)

    change = result.report()["changes"][0]
    assert (result.code, result.changes()) == (
        0,
        [(2, "contact.mobileNumber", "phone_e164")],
    )
    assert change["message"] == f"Read {cell!r} as {e164} (region US)"


@pytest.mark.parametrize(
    ("cell", "told"),
    [
        pytest.param("1.4155552671E+10", "scientific notation", id="scientific"),
        pytest.param("4.15556E+9", "scientific notation", id="scientific-short"),
    ],
)
def test_mangled_numbers_are_errors_even_with_a_region(
    tmp_path: Path, cell: str, told: str
) -> None:
    path = write(
        tmp_path, "p.csv", csv_text([person(1, **{"contact.mobileNumber": cell})])
    )

    result = cli("validate", "--format", "json", "--default-region", "US", path)

    (error,) = result.report()["errors"]
    assert (result.code, error["type"], error["path"]) == (
        1,
        "e164_format",
        "contact.mobileNumber",
    )
    assert told in error["message"]


def test_without_a_region_formatted_numbers_are_errors(tmp_path: Path) -> None:
    text = csv_text([person(1, **{"contact.mobileNumber": "(650) 555-0123"})])

    assert check(tmp_path, text) == (1, [(2, "contact.mobileNumber", "e164_format")])


def test_unknown_column_is_named_with_a_suggestion(tmp_path: Path) -> None:
    text = "contact.first_name,contact.email\nAnn,ann@example.com\n,bo@example.com\n"
    path = write(tmp_path, "u.csv", text)

    result = cli("validate", "--format", "json", path)

    header_problem = result.report()["errors"][0]
    assert result.code == 1
    assert result.errors() == [
        (1, "contact.first_name", "unknown_column"),
        (2, "contact.first_name", "unknown_column"),
    ]
    assert header_problem["record"] is None
    assert header_problem["message"].endswith("did you mean contact.firstName?")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        pytest.param("", ": the file is empty", id="empty"),
        pytest.param("\n\n", ": the file is empty", id="blank-lines"),
        pytest.param(
            "contact.email,extensionNumber,contact.email\n",
            ":1: the column contact.email appears twice, as columns 1 and 3",
            id="duplicate-column",
        ),
        pytest.param(
            "contact.firstName\nAnn\x00\n",
            ":2: the line holds a NUL character",
            id="nul",
        ),
        pytest.param(
            "contact.firstName\n" + "A" * 10_485_760 + "\n",
            ":2: the line has 10,485,761 characters; at most 1,048,576 are read",
            id="10-mb-cell",
        ),
        pytest.param(
            'contact.firstName\n"' + "A\n" * 70_000,
            ":2: a cell is longer than 131,072 characters; a quote may be left open",
            id="open-quote",
        ),
        pytest.param(
            'contact.firstName\n"Ann\n',
            ":2: a quoted cell is not closed before the end of the file",
            id="unclosed-quote-at-end",
        ),
        pytest.param(
            "contact.firstName\nZo\u00eb\n".encode("cp1252"),
            ":2: byte 0xeb at offset 20 is not UTF-8 (it may be cp1252 or Latin-1); "
            "save the file as UTF-8 or give its encoding, such as --encoding cp1252",
            id="cp1252",
        ),
        pytest.param(
            "contact.firstName\nAnn\n".encode("utf-16"),
            ":1: the file is UTF-16; save it as UTF-8 or pass --encoding utf-16",
            id="utf-16",
        ),
    ],
)
def test_unreadable_csv_exits_2_with_one_line(
    tmp_path: Path, text: str | bytes, reason: str
) -> None:
    path = write(tmp_path, "h.csv", text)

    result = cli("validate", path)

    assert result.code == 2
    assert result.stderr.startswith(f"provisioning-schema: {path}{reason}")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stdout + result.stderr


def test_header_only_is_invalid_with_no_records(tmp_path: Path) -> None:
    path = write(tmp_path, "h.csv", "contact.firstName,contact.email\n")

    result = cli("validate", "--format", "json", path)

    assert (result.code, result.report()["records"]) == (1, 0)
    assert result.errors() == [(None, "", "records_count")]


@pytest.mark.parametrize(
    ("line", "cells"),
    [
        pytest.param("Ann,Roe,extra", 3, id="too-many"),
        pytest.param("Ann", 1, id="too-few"),
    ],
)
def test_ragged_rows_are_errors_not_lost(tmp_path: Path, line: str, cells: int) -> None:
    text = f"contact.firstName,contact.lastName\nBo,Lee\n{line}\nCy,Ng\n"
    path = write(tmp_path, "r.csv", text)

    result = cli("validate", "--format", "json", path)

    (error,) = result.report()["errors"]
    assert (result.code, result.report()["records"]) == (1, 3)
    assert result.errors() == [(3, "", "row_length")]
    assert f"it has {cells}" in error["message"]
    # Only a row with too many cells can come from an unquoted comma.
    assert ("needs quotes" in error["message"]) == (cells > 2)


NO_HEADER = (
    "Enabled,Ada,Lovelace,ada.secret@example.com,+16505550100,101\n"
    "Enabled,Bo,Lee,bo.secret@example.com,+16505550101,102\n"
)
NO_HEADER_SECRETS = ["secret@example.com", "+1650555010"]


@pytest.mark.parametrize("report_format", ["text", "json"])
def test_redact_masks_header_cells_that_are_not_wire_paths(
    tmp_path: Path, report_format: str
) -> None:
    path = write(tmp_path, "no-header.csv", NO_HEADER)

    result = cli("validate", "--redact", "--format", report_format, path)

    assert result.code == 1
    assert [s for s in NO_HEADER_SECRETS if s in result.stdout] == []
    assert "column 4" in result.stdout
    assert "the first row looks like data, not a header" in result.stdout


def test_redacted_paths_of_unknown_columns(tmp_path: Path) -> None:
    path = write(tmp_path, "no-header.csv", NO_HEADER)

    result = cli("validate", "--redact", "--format", "json", path)

    assert [path for _, path, _ in result.errors()] == [
        "Enabled",
        "Ada",
        "Lovelace",
        "column 4",
        "column 5",
        "101",
        "Enabled",
        "Ada",
        "Lovelace",
        "column 4",
        "column 5",
        "101",
        "contact",
    ]


def test_without_redact_unknown_columns_are_named(tmp_path: Path) -> None:
    path = write(tmp_path, "no-header.csv", NO_HEADER)

    result = cli("validate", "--format", "json", path)

    assert (1, "ada.secret@example.com", "unknown_column") in result.errors()


def test_a_real_header_is_not_taken_for_data(tmp_path: Path) -> None:
    path = write(tmp_path, "s.csv", csv_text([person(1)]))

    result = cli("validate", "--format", "json", path)

    assert not any("looks like data" in n for n in result.report()["notes"])


@pytest.mark.parametrize(
    ("text", "code", "errors", "note"),
    [
        pytest.param(
            "contact.email,extensionNumber,,\na@example.com,101,,\n",
            0,
            [],
            "ignored 2 empty columns at the end",
            id="two-empty",
        ),
        pytest.param(
            "contact.email,extensionNumber,\na@example.com,101,\n",
            0,
            [],
            "ignored 1 empty column at the end",
            id="one-empty",
        ),
        pytest.param(
            "contact.email,extensionNumber,,\na@example.com,101\n",
            0,
            [],
            "ignored 2 empty columns at the end",
            id="rows-without-them",
        ),
        pytest.param(
            "contact.email,extensionNumber,,\na@example.com,101,,x\n",
            1,
            [(2, "column 4", "unknown_column")],
            "ignored 2 empty columns at the end",
            id="a-value-under-one",
        ),
    ],
)
def test_empty_columns_at_the_end_are_ignored(
    tmp_path: Path,
    text: str,
    code: int,
    errors: list[tuple[int, str, str]],
    note: str,
) -> None:
    path = write(tmp_path, "excel.csv", text)

    result = cli("validate", "--format", "json", path)

    assert (result.code, result.errors()) == (code, errors)
    assert note in result.report()["notes"]


def test_encoding_option_reads_cp1252(tmp_path: Path) -> None:
    text = "contact.firstName\nZo\u00eb\n".encode("cp1252")

    assert check(tmp_path, text, "--encoding", "cp1252") == (0, [])


def test_a_number_of_10000_digits_is_a_cell_error(tmp_path: Path) -> None:
    text = csv_text([person(1, **{"contact.mobileNumber": "9" * 10_000})])

    assert check(tmp_path, text) == (1, [(2, "contact.mobileNumber", "e164_format")])


def test_template_names_every_column() -> None:
    result = cli("template")

    columns = result.stdout.rstrip("\n").split(",")
    assert result.code == 0
    assert result.stdout == template_header()
    assert len(columns) == len(set(columns)) == 33
    assert columns[:2] == ["status", "contact.firstName"]
    assert "devices.0.deviceInfo.emergency.location.id" in columns
    assert "roles.0.id" in columns


def test_template_header_reads_as_a_valid_empty_row(tmp_path: Path) -> None:
    header = cli("template").stdout
    path = write(tmp_path, "t.csv", header + "," * header.count(",") + "\n")

    result = cli("validate", "--format", "json", path)

    assert result.errors() == [(2, "contact", "missing")]
