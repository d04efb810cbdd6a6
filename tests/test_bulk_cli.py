"""Bulk onboarding through the command: jobs, redaction, terminals, pitfalls."""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import pytest
from bulk import cli, csv_text, person, record, write

from provisioning_schema import _checking
from provisioning_schema.cli import run
from provisioning_schema.readers import open_reader
from provisioning_schema.readers._line_reader import LineReader
from provisioning_schema.readers._source import ReadOptions

REPOSITORY = Path(__file__).resolve().parent.parent
STAFF = REPOSITORY / "examples" / "staff.csv"


def staff_rows() -> list[dict[str, str]]:
    rows = [person(i) for i in range(450)]
    rows[7]["contact.mobileNumber"] = "16505550007"
    rows[300]["contact.email"] = rows[12]["contact.email"].upper()
    rows[301]["extensionNumber"] = rows[5]["extensionNumber"]
    rows[420]["contact.email"] = "x@example"
    return rows


@pytest.mark.parametrize("report_format", ["text", "json"])
def test_report_is_the_same_for_any_number_of_jobs(
    tmp_path: Path, report_format: str
) -> None:
    path = write(tmp_path, "s.csv", csv_text(staff_rows()))

    one = cli("validate", "--format", report_format, path)
    two = cli("validate", "--format", report_format, "--jobs", "2", path)

    assert one.code == two.code == 1
    assert one.stdout == two.stdout
    assert "4 errors in 4 of 450 records" in cli("validate", path).stdout


def test_duplicates_run_over_the_whole_file_not_per_batch(tmp_path: Path) -> None:
    path = write(tmp_path, "s.csv", csv_text(staff_rows()))

    result = cli("validate", "--format", "json", path)

    duplicates = [
        e for e in result.report()["errors"] if e["type"].startswith("duplicate")
    ]
    assert [(e["row"], e["message"].split("; ")[1]) for e in duplicates] == [
        (302, "line 14 already uses it"),
        (303, "line 7 already uses it"),
    ]


SECRETS = ["16505550007", "PERSON12@example.com", "x@example", "'105'"]


@pytest.mark.parametrize("report_format", ["text", "json"])
def test_redact_masks_emails_and_numbers_in_every_report(
    tmp_path: Path, report_format: str
) -> None:
    path = write(tmp_path, "s.csv", csv_text(staff_rows()))

    plain = cli("validate", "--format", report_format, path)
    redacted = cli("validate", "--format", report_format, "--redact", path)

    assert [s for s in SECRETS if s in plain.stdout] == SECRETS
    assert [s for s in SECRETS if s.lower() in redacted.stdout.lower()] == []
    assert redacted.code == 1


def test_redact_masks_phone_changes(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "s.csv",
        csv_text([person(1, **{"contact.mobileNumber": "650 555 0001"})]),
    )

    result = cli(
        "validate", "--format", "json", "--redact", "--default-region", "US", path
    )

    assert "555" not in result.stdout
    assert result.changes() == [(2, "contact.mobileNumber", "phone_e164")]


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_and_progress_only_on_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    path = write(tmp_path, "s.csv", csv_text([person(i) for i in range(1000)]))
    monkeypatch.setattr("provisioning_schema._terminal._EVERY", 0.0)
    stdout, stderr = FakeTerminal(), FakeTerminal()

    code = run(["validate", path], io.StringIO(), stdout, stderr)

    assert code == 0
    assert "\x1b[32mvalid, 1000 records\x1b[0m" in stdout.getvalue()
    assert "rows" in stderr.getvalue()
    assert stderr.getvalue().endswith("\r\x1b[K")
    assert "\x1b" not in cli("validate", path).stdout + cli("validate", path).stderr


def test_no_color_turns_colour_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    path = write(tmp_path, "s.csv", csv_text([person(1)]))
    stdout = FakeTerminal()

    run(["validate", path], io.StringIO(), stdout, io.StringIO())

    assert "\x1b" not in stdout.getvalue()


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["validate", "--jobs", "0", "a.csv"], id="jobs-0"),
        pytest.param(["validate", "--encoding", "klingon", "a.csv"], id="encoding"),
        pytest.param(["validate", "--default-region", "XX", "a.csv"], id="region"),
        pytest.param(
            ["validate", "--input-format", "xlsx", "a.csv"], id="input-format"
        ),
        pytest.param(["batch", "a.csv"], id="batch-without-output"),
        pytest.param(["validate", "--encoding", "rot13", "a.csv"], id="rot13"),
        pytest.param(
            ["batch", "--encoding", "hex", "a.csv", "--output", "o"], id="hex"
        ),
    ],
)
def test_usage_errors_exit_2(argv: list[str]) -> None:
    result = cli(*argv)

    assert (result.code, result.stdout) == (2, "")
    assert "usage: provisioning-schema" in result.stderr


def test_row_08_spreadsheet_numbers_in_a_csv(tmp_path: Path) -> None:
    rows = [
        person(1, **{"contact.mobileNumber": "16505550123"}),
        person(2, **{"contact.mobileNumber": "1.65056E+10"}),
    ]
    path = write(tmp_path, "s.csv", csv_text(rows))

    result = cli("validate", "--format", "json", path)

    messages = [e["message"] for e in result.report()["errors"]]
    assert result.errors() == [
        (2, "contact.mobileNumber", "e164_format"),
        (3, "contact.mobileNumber", "e164_format"),
    ]
    assert "the leading + is missing" in messages[0]
    assert "scientific notation" in messages[1]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        pytest.param("s.csv", csv_text([person(1)]), id="csv"),
        pytest.param("s.jsonl", json.dumps(record(1)) + "\n", id="jsonl"),
        pytest.param("s.json", json.dumps([record(1)]), id="json"),
    ],
)
def test_row_14_byte_order_mark_is_accepted(
    tmp_path: Path, name: str, content: str
) -> None:
    path = write(tmp_path, name, b"\xef\xbb\xbf" + content.encode())

    result = cli("validate", "--format", "json", path)

    assert (result.code, result.report()["errors"]) == (0, [])


def test_row_15_cp1252_names_file_line_and_byte(tmp_path: Path) -> None:
    text = csv_text([person(1), person(2, **{"contact.firstName": "Zo\u00eb"})])
    path = write(tmp_path, "s.csv", text.encode("cp1252"))

    result = cli("validate", path)
    decoded = cli("validate", "--encoding", "cp1252", path)

    assert result.code == 2
    assert result.stderr.startswith(
        f"provisioning-schema: {path}:3: byte 0xeb at offset"
    )
    assert "--encoding cp1252" in result.stderr
    assert "\ufffd" not in result.stdout + result.stderr
    assert decoded.code == 0


def test_row_16_duplicates_across_the_file_name_both_rows(tmp_path: Path) -> None:
    rows = [person(i) for i in range(15)]
    rows[0].update({"contact.email": "Jane.Roe@Example.com", "extensionNumber": "999"})
    rows[13].update({"contact.email": "jane.roe@EXAMPLE.COM", "extensionNumber": "999"})
    path = write(tmp_path, "s.csv", csv_text(rows))

    result = cli("validate", "--format", "json", path)

    errors = result.report()["errors"]
    assert sorted(result.errors()) == [
        (15, "contact.email", "duplicate_login_email"),
        (15, "extensionNumber", "duplicate_extension_number"),
    ]
    assert all("line 2 already uses it" in error["message"] for error in errors)


def test_bundled_staff_example_names_every_bad_row() -> None:
    result = cli("validate", "--format", "json", str(STAFF))

    report = result.report()
    assert (result.code, report["records"], report["invalid_records"]) == (1, 3000, 8)
    assert [row for row, _, _ in result.errors()] == [
        42,
        219,
        600,
        1035,
        1502,
        2026,
        2402,
        2752,
    ]


def test_bundled_staff_example_is_what_the_script_makes(tmp_path: Path) -> None:
    target = tmp_path / "staff.csv"

    subprocess.run(
        [
            sys.executable,
            str(REPOSITORY / "examples" / "make_staff_csv.py"),
            str(target),
        ],
        check=True,
    )

    assert target.read_bytes() == STAFF.read_bytes()


def test_bundled_staff_example_batches_to_the_right_count(tmp_path: Path) -> None:
    out = tmp_path / "out"

    result = cli("batch", str(STAFF), "--output", str(out), "--skip-invalid")

    written = sum(
        len(json.loads(p.read_text(encoding="utf-8"))["records"])
        for p in out.glob("request-*.json")
    )
    assert (result.code, written) == (1, 2992)
    assert result.stdout.endswith("2992 valid + 8 rejected = 3000 records\n")


def test_pre_commit_hook_runs_the_command() -> None:
    text = (REPOSITORY / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")

    assert "entry: provisioning-schema validate" in text
    assert "language: python" in text


def _csv_bytes(rows: list[dict[str, str]], *, newline: str = "\n") -> bytes:
    return csv_text(rows).replace("\n", newline).encode()


def _jsonl_bytes(records: list[dict[str, Any]]) -> bytes:
    return "".join(json.dumps(item) + "\n" for item in records).encode()


def _people(count: int) -> list[dict[str, str]]:
    rows = [person(i) for i in range(count)]
    rows[count - 3]["extensionNumber"] = rows[2]["extensionNumber"]
    rows[count - 2]["contact.email"] = rows[1]["contact.email"].upper()
    return rows


def _quoted_breaks() -> bytes:
    rows = _people(40)
    for number in range(0, 40, 3):
        rows[number]["contact.firstName"] = f"Line one\nline two {number}"
    return _csv_bytes(rows)


def _stray_quote() -> bytes:
    # An unquoted `5"` is a plain character to the csv module, so the count
    # of quotes is odd from there on and a cut may fall inside a quoted cell.
    text = _quoted_breaks().decode()
    return text.replace("Person1,", 'Person 5" tall,', 1).encode()


def _with_line(data: bytes, line: int, replacement: bytes) -> bytes:
    lines = data.split(b"\n")
    lines[line - 1] = replacement
    return b"\n".join(lines)


_PEOPLE = _csv_bytes(_people(40))
_RECORDS = [record(i) for i in range(40)]
_RECORDS[30]["extensionNumber"] = "102"
_LINES = _jsonl_bytes(_RECORDS)
_LONG = b"x" * 1_100_000
_NESTED = b'{"a":' * 500 + b"1" + b"}" * 500
_DEEP = _with_line(_LINES, 7, b'{"status":"Enabled","contact":{"x":' + _NESTED + b"}}")
_SURROGATE = _with_line(
    _LINES, 7, b'{"status":"Enabled","contact":{"firstName":"A\\ud800B"}}'
)
_NO_HEADER = _PEOPLE.split(b"\n", 1)[1]
_EMPTY_AT_END = _PEOPLE.replace(b"\n", b",,\n").replace(b"Person5,", b"Person5,x", 1)

HOSTILE_FILES = [
    pytest.param("s.csv", _PEOPLE, [], id="csv-duplicates-far-apart"),
    pytest.param("s.csv", b"\xef\xbb\xbf" + _PEOPLE, [], id="csv-bom"),
    pytest.param("s.csv", _csv_bytes(_people(40), newline="\r\n"), [], id="csv-crlf"),
    pytest.param("s.csv", _quoted_breaks(), [], id="csv-quoted-line-breaks"),
    pytest.param("s.csv", _stray_quote(), [], id="csv-stray-quote"),
    pytest.param(
        "s.csv",
        _with_line(_PEOPLE, 30, b"Zo\xeb,z@example.com,,1"),
        [],
        id="csv-cp1252",
    ),
    pytest.param(
        "s.csv",
        _with_line(_PEOPLE, 30, b"Zo\xeb,z@example.com,,1"),
        ["--encoding", "cp1252"],
        id="csv-cp1252-given",
    ),
    pytest.param(
        "s.csv", csv_text(_people(40)).encode("utf-16"), [], id="csv-utf16-unasked"
    ),
    pytest.param(
        "s.csv",
        csv_text(_people(40)).encode("utf-16"),
        ["--encoding", "utf-16"],
        id="csv-utf16-given",
    ),
    pytest.param("s.csv", _with_line(_PEOPLE, 25, b"a,\x00,b,c"), [], id="csv-nul"),
    pytest.param("s.csv", _with_line(_PEOPLE, 20, b"a,b,c,d,e,f"), [], id="csv-ragged"),
    pytest.param("s.csv", _with_line(_PEOPLE, 20, b"a,b,c"), [], id="csv-short-row"),
    pytest.param("s.csv", _with_line(_PEOPLE, 33, _LONG), [], id="csv-long-line"),
    pytest.param(
        "s.csv",
        _with_line(_PEOPLE, 12, b'"' + b"y" * 140_000 + b'",b,c,d'),
        [],
        id="csv-long-cell",
    ),
    pytest.param("s.csv", _PEOPLE + b'"never closed,a,b,c\n', [], id="csv-open-quote"),
    pytest.param(
        "s.csv", _with_line(_PEOPLE, 15, b'"a"b,c,d,e'), [], id="csv-quote-in-cell"
    ),
    pytest.param("s.csv", _PEOPLE.replace(b"\n", b"\n\n"), [], id="csv-blank-lines"),
    pytest.param("s.csv", csv_text([]).encode(), [], id="csv-header-only"),
    pytest.param(
        "s.csv",
        _PEOPLE.replace(b"contact.email", b"contact.emial", 1),
        [],
        id="csv-unknown-column",
    ),
    pytest.param(
        "s.csv",
        _with_line(_PEOPLE, 9, b"A, 650 555 0101 ,(650) 555-0102,201"),
        ["--default-region", "US"],
        id="csv-changes",
    ),
    pytest.param("s.jsonl", _LINES, [], id="jsonl-duplicates-far-apart"),
    pytest.param("s.jsonl", b"\xef\xbb\xbf" + _LINES, [], id="jsonl-bom"),
    pytest.param("s.jsonl", _LINES.rstrip(b"\n"), [], id="jsonl-no-last-newline"),
    pytest.param("s.jsonl", _LINES.replace(b"\n", b"\n \n"), [], id="jsonl-blank"),
    pytest.param("s.jsonl", _with_line(_LINES, 28, b'{"a": '), [], id="jsonl-bad"),
    pytest.param("s.jsonl", _with_line(_LINES, 28, b'{"a": NaN}'), [], id="jsonl-nan"),
    pytest.param("s.jsonl", _with_line(_LINES, 28, b'"\xff"'), [], id="jsonl-bytes"),
    pytest.param("s.jsonl", _with_line(_LINES, 28, b"{\x00}"), [], id="jsonl-nul"),
    pytest.param("s.jsonl", _with_line(_LINES, 28, _LONG), [], id="jsonl-long-line"),
    pytest.param("s.jsonl", _with_line(_LINES, 28, b"[1, 2]"), [], id="jsonl-array"),
    pytest.param(
        "s.jsonl",
        _with_line(_LINES, 5, b'{"_reason": "old", "status": "Enabled"}'),
        [],
        id="jsonl-reason",
    ),
    pytest.param("s.jsonl", "\n".encode("utf-16") + _LINES, [], id="jsonl-utf16"),
    pytest.param("s.jsonl", b"", [], id="jsonl-empty"),
    pytest.param("s.jsonl", b"\n \n\n", [], id="jsonl-blank-only"),
    pytest.param("s.json", json.dumps(_RECORDS).encode(), [], id="json-document"),
    pytest.param("s.jsonl", _DEEP, [], id="jsonl-deep"),
    pytest.param("s.jsonl", _DEEP, ["--redact"], id="jsonl-deep-redacted"),
    pytest.param("s.jsonl", _SURROGATE, [], id="jsonl-surrogate"),
    pytest.param("s.csv", _NO_HEADER, ["--redact"], id="csv-no-header"),
    pytest.param("s.csv", _EMPTY_AT_END, [], id="csv-empty-columns-at-the-end"),
]


@pytest.fixture
def small_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cut files into pieces of a few rows, so every case spans many pieces."""
    monkeypatch.setattr("provisioning_schema.readers._split.PIECE_BYTES", 64)


@pytest.mark.usefixtures("small_pieces")
@pytest.mark.parametrize("report_format", ["text", "json"])
@pytest.mark.parametrize(("name", "content", "options"), HOSTILE_FILES)
def test_hostile_files_get_the_same_report_with_two_jobs(
    tmp_path: Path, name: str, content: bytes, options: list[str], report_format: str
) -> None:
    path = write(tmp_path, name, content)
    argv = ["validate", "--format", report_format, *options, path]

    one = cli(*argv, "--jobs", "1")
    two = cli(*argv, "--jobs", "2")

    assert (two.code, two.stdout, two.stderr) == (one.code, one.stdout, one.stderr)


@pytest.mark.usefixtures("small_pieces")
@pytest.mark.parametrize(
    ("name", "content"),
    [
        pytest.param("s.csv", _stray_quote(), id="csv"),
        pytest.param("s.jsonl", _LINES, id="jsonl"),
        pytest.param("s.jsonl", _DEEP, id="jsonl-deep"),
        pytest.param("s.jsonl", _SURROGATE, id="jsonl-surrogate"),
        pytest.param("s.csv", _EMPTY_AT_END, id="csv-empty-columns-at-the-end"),
    ],
)
@pytest.mark.parametrize("redact", [[], ["--redact"]], ids=["plain", "redacted"])
def test_batch_writes_the_same_files_with_two_jobs(
    tmp_path: Path, name: str, content: bytes, redact: list[str]
) -> None:
    path = write(tmp_path, name, content)
    written = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out-{jobs}"
        result = cli(
            "batch",
            path,
            "--output",
            str(out),
            "--skip-invalid",
            "--jobs",
            jobs,
            *redact,
        )
        files = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
        written[jobs] = (result.code, result.stdout.replace(str(out), "OUT"), files)

    assert written["2"] == written["1"]
    assert written["1"][0] == 1


def _failing_check(piece: Any) -> None:
    raise ValueError("person1@example.com")


def test_a_failing_worker_is_one_line_without_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "s.jsonl", _LINES)
    out = tmp_path / "out"

    # Small pieces, so that the file goes to workers (a file of one piece is
    # checked in this process); a spawned worker imports this module to run
    # the stand-in.
    monkeypatch.setattr("provisioning_schema.readers._split.PIECE_BYTES", 64)
    monkeypatch.setattr("provisioning_schema._checking._check_piece", _failing_check)
    result = cli("batch", path, "--output", str(out), "--jobs", "2", "--skip-invalid")

    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == (
        f"provisioning-schema: {path}: a worker process failed (ValueError); "
        "run again with --jobs 1\n"
    )
    assert list(out.iterdir()) == []


def test_two_jobs_share_the_pieces_between_this_process_and_a_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [person(i) for i in range(300)]
    rows[250]["contact.email"] = rows[10]["contact.email"]
    path = write(tmp_path, "s.csv", csv_text(rows))
    one = cli("validate", path, "--jobs", "1")

    monkeypatch.setattr("provisioning_schema.readers._split.PIECE_BYTES", 512)
    here: list[int] = []
    check_here = _checking._check_piece_with

    def counted(job: Any, piece: Any) -> Any:
        here.append(piece.line)
        return check_here(job, piece)

    # Only this process sees the stand-in; the worker checks the real way.
    monkeypatch.setattr(_checking, "_check_piece_with", counted)
    two = cli("validate", path, "--jobs", "2")

    pieces = _piece_count(path)
    assert 0 < len(here) < pieces
    assert (two.code, two.stdout, two.stderr) == (one.code, one.stdout, one.stderr)
    assert "line 12" in one.stdout


def _piece_count(path: str) -> int:
    reader = open_reader(path, None, ReadOptions())
    assert isinstance(reader, LineReader)
    with reader.split() as split:
        assert split is not None
        return sum(1 for _ in split.pieces)


def test_a_file_of_one_piece_is_checked_without_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "s.jsonl", _LINES)

    # A worker would run the failing stand-in; none is started.
    monkeypatch.setattr("provisioning_schema._checking._check_piece", _failing_check)
    two = cli("validate", path, "--jobs", "2")

    assert two.stderr == ""
    assert (two.code, two.stdout) == (
        cli("validate", path, "--jobs", "1").code,
        cli("validate", path, "--jobs", "1").stdout,
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_is_one_line(tmp_path: Path) -> None:
    path = write(tmp_path, "s.csv", csv_text([person(i) for i in range(300)]))

    with Path("/dev/full").open("w", encoding="utf-8") as full:
        done = subprocess.run(
            [sys.executable, "-m", "provisioning_schema", "validate", path],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            cwd=REPOSITORY,
        )

    assert (done.returncode, done.stderr) == (
        2,
        "provisioning-schema: cannot write the report: No space left on device\n",
    )


def test_a_worker_lost_while_pieces_are_sent_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "s.jsonl", _LINES)

    def lost(*_: Any, **__: Any) -> Any:
        raise BrokenProcessPool("A child process terminated abruptly")

    monkeypatch.setattr("provisioning_schema.readers._split.PIECE_BYTES", 64)
    monkeypatch.setattr(ProcessPoolExecutor, "submit", lost)
    result = cli("validate", path, "--jobs", "2")

    assert result.code == 2
    assert result.stderr == (
        f"provisioning-schema: {path}: a worker process failed "
        "(BrokenProcessPool); run again with --jobs 1\n"
    )
    assert "1 unreadable" in result.stdout


def test_ctrl_c_is_held_back_while_workers_start() -> None:
    with _checking._sigint_held():
        held = signal.pthread_sigmask(signal.SIG_BLOCK, set())
    after = signal.pthread_sigmask(signal.SIG_BLOCK, set())

    assert signal.SIGINT in held
    assert signal.SIGINT not in after


def _big_csv(tmp_path: Path) -> str:
    return write(tmp_path, "big.csv", csv_text([person(i) for i in range(60_000)]))


def _command(path: str, jobs: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "provisioning_schema", "validate", "--jobs", jobs, path],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPOSITORY,
        start_new_session=True,
    )


@pytest.mark.parametrize("delay", [0.3, 0.4, 0.5])
def test_ctrl_c_while_workers_start_is_one_line(tmp_path: Path, delay: float) -> None:
    command = _command(_big_csv(tmp_path), "2")
    time.sleep(delay)

    # As a terminal sends it: to every process of the group.
    os.killpg(command.pid, signal.SIGINT)
    _, stderr = command.communicate(timeout=60)

    assert "Traceback" not in stderr
    assert command.returncode in (130, 0, 1)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_workers_end_when_their_parent_is_terminated(tmp_path: Path) -> None:
    command = _command(_big_csv(tmp_path), "3")
    workers = _children(command.pid, wait_for=2)
    time.sleep(1)

    os.kill(command.pid, signal.SIGTERM)
    try:
        deadline = time.monotonic() + 10
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = [pid for pid in workers if _alive(pid)]
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(command.pid, signal.SIGKILL)
        command.communicate(timeout=60)

    assert left == []


def _children(parent: int, wait_for: int) -> list[int]:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        found = [
            int(stat.parent.name)
            for stat in Path("/proc").glob("[0-9]*/stat")
            if _parent_of(stat) == parent
        ]
        if len(found) >= wait_for:
            return found
        time.sleep(0.05)
    raise AssertionError("the workers did not start")


def _parent_of(stat: Path) -> int | None:
    try:
        # The command name may hold spaces; the fields after it do not.
        return int(stat.read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"
