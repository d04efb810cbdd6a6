"""The batch command: request files of 10, rejects, and the accounting."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from bulk import cli, csv_text, person, record, write

from provisioning_schema import BatchProvisionUsersRequest
from provisioning_schema._batch import BatchWriter


def requests(folder: Path) -> list[dict[str, Any]]:
    return [
        json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(folder.glob("request-*.json"))
    ]


def test_valid_file_is_split_into_requests_of_10(tmp_path: Path) -> None:
    path = write(tmp_path, "s.csv", csv_text([person(i) for i in range(23)]))
    out = tmp_path / "out"

    result = cli("batch", path, "--output", str(out))

    bodies = requests(out)
    assert result.code == 0
    assert [len(body["records"]) for body in bodies] == [10, 10, 3]
    assert [
        BatchProvisionUsersRequest.model_validate_json(json.dumps(b)) for b in bodies
    ]
    assert bodies[2]["records"][2]["contact"]["email"] == "person22@example.com"
    assert result.stdout.splitlines()[-1] == (
        f"wrote 23 records in 3 requests to {out}: 23 valid + 0 rejected = 23 records"
    )


def test_nothing_is_written_when_a_record_is_invalid(tmp_path: Path) -> None:
    rows = [person(i) for i in range(12)]
    rows[4]["extensionNumber"] = "x"
    path = write(tmp_path, "s.csv", csv_text(rows))
    out = tmp_path / "out"

    result = cli("batch", path, "--output", str(out))

    assert result.code == 1
    assert list(out.iterdir()) == []
    assert result.stdout.splitlines()[-1].startswith("nothing written: 1 of 12 records")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_skip_invalid_accounts_for_every_row(tmp_path: Path, jobs: str) -> None:
    rows = [person(i) for i in range(25)]
    rows[3]["extensionNumber"] = "x"
    rows[20]["contact.email"] = rows[2]["contact.email"].upper()
    text = csv_text(rows) + "Ann,ann@example.com,+16505550100,900,extra\n"
    path = write(tmp_path, "s.csv", text)
    out = tmp_path / "out"

    result = cli("batch", path, "--output", str(out), "--skip-invalid", "--jobs", jobs)

    with (out / "rejects.csv").open(encoding="utf-8", newline="") as file:
        rejects = list(csv.reader(file))
    written = sum(len(body["records"]) for body in requests(out))
    assert result.code == 1
    assert (written, len(rejects) - 1) == (23, 3)
    assert rejects[0] == ["_reason", *rows[0].keys()]
    assert [row[1:] for row in rejects[1:3]] == [
        list(rows[3].values()),
        list(rows[20].values()),
    ]
    assert "line 4 already uses it" in rejects[2][0]
    assert rejects[3][1:] == ["Ann", "ann@example.com", "+16505550100", "900", "extra"]
    assert result.stdout.splitlines()[-1].endswith("23 valid + 3 rejected = 26 records")


def test_rejects_can_be_fixed_and_checked_again(tmp_path: Path) -> None:
    rows = [person(1), person(2, extensionNumber="x")]
    path = write(tmp_path, "s.csv", csv_text(rows))
    out = tmp_path / "out"
    cli("batch", path, "--output", str(out), "--skip-invalid")
    rejects = (out / "rejects.csv").read_text(encoding="utf-8")
    fixed = write(tmp_path, "fixed.csv", rejects.replace(",x\n", ",555\n"))

    result = cli("validate", "--format", "json", fixed)

    assert (result.code, result.report()["records"]) == (0, 1)


@pytest.mark.parametrize(
    ("name", "content", "rejects_name"),
    [
        pytest.param(
            "s.jsonl",
            "".join(
                json.dumps(r) + "\n" for r in [record(1), {"status": "x"}, record(3)]
            ),
            "rejects.jsonl",
            id="jsonl",
        ),
        pytest.param(
            "s.json",
            json.dumps([record(1), {"status": "x"}, record(3)]),
            "rejects.json",
            id="json",
        ),
    ],
)
def test_json_rejects_keep_the_record_with_a_reason(
    tmp_path: Path, name: str, content: str, rejects_name: str
) -> None:
    path = write(tmp_path, name, content)
    out = tmp_path / "out"

    result = cli("batch", path, "--output", str(out), "--skip-invalid")

    text = (out / rejects_name).read_text(encoding="utf-8")
    rejected = json.loads(text) if name.endswith(".json") else [json.loads(text)]
    assert result.code == 1
    assert [len(body["records"]) for body in requests(out)] == [2]
    assert [(list(item), item["status"]) for item in rejected] == [
        (["_reason", "status"], "x")
    ]
    assert "status_not_enabled" in rejected[0]["_reason"]


def test_request_body_longer_than_10_is_split(tmp_path: Path) -> None:
    path = write(
        tmp_path, "body.json", json.dumps({"records": [record(i) for i in range(12)]})
    )
    out = tmp_path / "out"

    result = cli("batch", path, "--output", str(out))

    assert result.code == 0
    assert [len(body["records"]) for body in requests(out)] == [10, 2]


def test_redact_masks_the_reason_but_keeps_the_data(tmp_path: Path) -> None:
    rows = [person(1), person(2, **{"contact.mobileNumber": "16505550002"})]
    path = write(tmp_path, "s.csv", csv_text(rows))
    out = tmp_path / "out"

    result = cli("batch", path, "--output", str(out), "--skip-invalid", "--redact")

    rejects = list(csv.reader((out / "rejects.csv").open(encoding="utf-8")))
    assert "16505550002" not in result.stdout + rejects[1][0]
    assert rejects[1][3] == "16505550002"


@pytest.mark.parametrize(
    "setup",
    [
        pytest.param("occupied", id="folder-holds-requests"),
        pytest.param("file", id="output-is-a-file"),
    ],
)
def test_unusable_output_folder_exits_2(tmp_path: Path, setup: str) -> None:
    path = write(tmp_path, "s.csv", csv_text([person(1)]))
    out = tmp_path / "out"
    if setup == "occupied":
        out.mkdir()
        (out / "request-000001.json").write_text("{}", encoding="utf-8")
    else:
        out.write_text("", encoding="utf-8")

    result = cli("batch", path, "--output", str(out))

    assert (result.code, result.stdout) == (2, "")
    assert result.stderr.startswith(f"provisioning-schema batch: {out}")
    if setup == "file":
        assert result.stderr.endswith(": is a file, not a folder\n")


def test_output_folder_that_cannot_be_written_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "s.csv", csv_text([person(1)]))
    out = tmp_path / "out"
    out.mkdir()

    # As a folder without write permission does, even for root.
    def refuse(**_: object) -> str:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("provisioning_schema._batch.tempfile.mkdtemp", refuse)
    result = cli("batch", path, "--output", str(out))

    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == (
        f"provisioning-schema batch: {out}: cannot write in it: Permission denied\n"
    )


def test_interrupted_batch_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "s.csv", csv_text([person(i) for i in range(25)]))
    out = tmp_path / "out"
    add = BatchWriter.add

    def interrupt_late(writer: BatchWriter, verdict: Any, reason: str) -> None:
        if verdict.index == 22:
            raise KeyboardInterrupt
        add(writer, verdict, reason)

    monkeypatch.setattr(BatchWriter, "add", interrupt_late)
    result = cli("batch", path, "--output", str(out))

    assert (result.code, result.stdout) == (130, "")
    assert (
        result.stderr
        == "provisioning-schema batch: interrupted; nothing more is written\n"
    )
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_lone_surrogate_escape_is_rejected_and_kept(tmp_path: Path, jobs: str) -> None:
    line = '{"status":"Enabled","contact":{"firstName":"A\\ud800B"}}\n'
    path = write(tmp_path, "s.jsonl", json.dumps(record(1)) + "\n" + line)
    out = tmp_path / "out"

    result = cli("batch", path, "--output", str(out), "--skip-invalid", "--jobs", jobs)

    text = (out / "rejects.jsonl").read_text(encoding="utf-8")
    rejected = json.loads(text)
    assert (result.code, result.stderr) == (1, "")
    assert "\\ud800" in text
    assert rejected["contact"]["firstName"] == "A\ud800B"
    assert "string_unicode" in rejected["_reason"]
    assert sorted(p.name for p in out.iterdir()) == [
        "rejects.jsonl",
        "request-000001.json",
    ]


def test_request_body_without_records_is_invalid(tmp_path: Path) -> None:
    path = write(tmp_path, "s.json", '{"records": []}')
    out = tmp_path / "out"

    result = cli("batch", "--format", "json", path, "--output", str(out))

    assert result.code == 1
    assert [e["type"] for e in result.report()["errors"]] == ["records_count"]
    assert list(out.iterdir()) == []


def test_closing_line_counts_in_the_singular(tmp_path: Path) -> None:
    path = write(tmp_path, "s.csv", csv_text([person(1)]))
    out = tmp_path / "out"

    result = cli("batch", path, "--output", str(out))

    assert result.stdout.splitlines()[-1] == (
        f"wrote 1 record in 1 request to {out}: 1 valid + 0 rejected = 1 record"
    )


def test_unreadable_input_leaves_nothing(tmp_path: Path) -> None:
    text = csv_text([person(i) for i in range(30)]).encode() + b"Zo\xeb,,,\n"
    path = write(tmp_path, "s.csv", text)
    out = tmp_path / "out"

    result = cli("batch", path, "--output", str(out), "--skip-invalid")

    assert result.code == 2
    assert list(out.iterdir()) == []
    assert f"{path}:32: byte 0xeb" in result.stderr


def test_json_summary(tmp_path: Path) -> None:
    path = write(
        tmp_path, "s.csv", csv_text([person(1), person(2, extensionNumber="x")])
    )
    out = tmp_path / "out"

    result = cli(
        "batch", "--format", "json", path, "--output", str(out), "--skip-invalid"
    )

    summary = json.loads(result.stdout.splitlines()[1])["batch"]
    assert summary == {
        "records": 2,
        "written": True,
        "requests": 1,
        "valid": 1,
        "rejected": 1,
        "output": str(out),
        "rejects_file": str(out / "rejects.csv"),
    }


def test_redacted_reasons_leave_out_header_cells_that_are_data(tmp_path: Path) -> None:
    text = "Enabled,Ada,ada.secret@example.com,+16505550100\nEnabled,Bo,b@x.org,+1\n"
    path = write(tmp_path, "no-header.csv", text)
    out = tmp_path / "out"

    cli("batch", path, "--output", str(out), "--skip-invalid", "--redact")

    with (out / "rejects.csv").open(encoding="utf-8", newline="") as file:
        header, rejected = list(csv.reader(file))
    assert header[1:] == ["Enabled", "Ada", "ada.secret@example.com", "+16505550100"]
    assert "secret" not in rejected[0]
    assert "+1650" not in rejected[0]
    assert "column 3: A cell of an unknown column" in rejected[0]
