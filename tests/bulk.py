"""Helpers shared by the bulk onboarding tests: run the command, write files."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from provisioning_schema.cli import run

HEADER = [
    "contact.firstName",
    "contact.email",
    "contact.mobileNumber",
    "extensionNumber",
]


@dataclass(frozen=True)
class Result:
    code: int
    stdout: str
    stderr: str

    def report(self) -> dict[str, Any]:
        """The first JSON line of a --format json report."""
        return json.loads(self.stdout.splitlines()[0])  # type: ignore[no-any-return]  # an object

    def errors(self) -> list[tuple[int | None, str, str]]:
        """The (row, path, type) of each error of a JSON report."""
        return [(e["row"], e["path"], e["type"]) for e in self.report()["errors"]]

    def changes(self) -> list[tuple[int | None, str, str]]:
        """The (row, path, type) of each change of a JSON report."""
        return [(e["row"], e["path"], e["type"]) for e in self.report()["changes"]]


def cli(*argv: str, stdin: str | bytes = "") -> Result:
    stream: Any = io.StringIO(stdin) if isinstance(stdin, str) else io.BytesIO(stdin)
    stdout, stderr = io.StringIO(), io.StringIO()

    code = run(list(argv), stream, stdout, stderr)

    return Result(code, stdout.getvalue(), stderr.getvalue())


def person(number: int, **cells: str) -> dict[str, str]:
    row = {
        "contact.firstName": f"Person{number}",
        "contact.email": f"person{number}@example.com",
        "contact.mobileNumber": f"+1650555{number:04d}",
        "extensionNumber": f"{100 + number}",
    }
    row.update(cells)
    return row


def csv_text(rows: list[dict[str, str]], header: list[str] | None = None) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header or HEADER, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def write(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return str(path)


def record(number: int, **contact: Any) -> dict[str, Any]:
    return {
        "status": "Enabled",
        "contact": {"email": f"person{number}@example.com", **contact},
        "extensionNumber": f"{100 + number}",
    }
