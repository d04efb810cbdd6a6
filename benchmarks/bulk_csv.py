"""Validate a generated CSV of many users; print rows/second and peak RSS.

Usage: python benchmarks/bulk_csv.py [ROWS] [--jobs N] [--format csv|jsonl]
       python benchmarks/bulk_csv.py [ROWS] --jobs N --compare RUNS

The CSV (default 1,000,000 rows, every one valid, each with a unique
login email and extension number), or the same records as JSONL, is
written to a temporary folder, then checked with
``provisioning-schema validate`` in a child process,
whose peak resident memory is read from the operating system. This is a
measurement, not a test: the figures go into docs/bulk-onboarding.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADER = [
    "contact.firstName",
    "contact.lastName",
    "contact.email",
    "contact.mobileNumber",
    "extensionNumber",
    "costCenter.id",
    "roles.0.id",
]


def write_csv(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(HEADER)
        for number in range(rows):
            writer.writerow(
                [
                    f"First{number}",
                    f"Last{number}",
                    f"user{number}@example.com",
                    f"+1650555{number % 10_000:04d}",
                    f"{10_000_000 + number}",
                    "224149",
                    "1",
                ]
            )


def write_jsonl(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8") as file:
        for number in range(rows):
            record = {
                "status": "Enabled",
                "contact": {
                    "firstName": f"First{number}",
                    "lastName": f"Last{number}",
                    "email": f"user{number}@example.com",
                    "mobileNumber": f"+1650555{number % 10_000:04d}",
                },
                "extensionNumber": f"{10_000_000 + number}",
                "costCenter": {"id": "224149"},
                "roles": [{"id": "1"}],
            }
            file.write(json.dumps(record) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", type=int, nargs="?", default=1_000_000)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--format", choices=("csv", "jsonl"), default="csv")
    parser.add_argument(
        "--compare",
        type=int,
        metavar="RUNS",
        default=0,
        help="time --jobs 1 and --jobs N in turn, RUNS times each, and give "
        "the median speed-up",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"users.{args.format}"
        write = write_csv if args.format == "csv" else write_jsonl
        write(path, args.rows)
        if args.compare:
            _compare(path, args.rows, args.jobs, args.compare)
            return

        seconds, done = _validate(path, args.jobs)

    # ru_maxrss of the children is the largest one, in KiB on Linux.
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(done.stdout.splitlines()[-1] if done.stdout else done.stderr)
    print(
        f"{args.format} rows: {args.rows:,}  jobs: {args.jobs}  exit: {done.returncode}"
    )
    print(f"time: {seconds:.1f} s  rows/s: {args.rows / seconds:,.0f}")
    print(f"peak RSS (largest process): {peak:.0f} MiB")


def _validate(path: Path, jobs: int) -> tuple[float, subprocess.CompletedProcess[str]]:
    command = [
        sys.executable,
        "-m",
        "provisioning_schema",
        "validate",
        "--jobs",
        str(jobs),
        str(path),
    ]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    return time.perf_counter() - started, done


def _compare(path: Path, rows: int, jobs: int, runs: int) -> None:
    # In turn, so that a slow moment of a shared machine hits both alike.
    ratios = []
    for run in range(1, runs + 1):
        one, _ = _validate(path, 1)
        many, _ = _validate(path, jobs)
        ratios.append(one / many)
        print(
            f"run {run}: --jobs 1 {one:.2f} s ({rows / one:,.0f} rows/s), "
            f"--jobs {jobs} {many:.2f} s ({rows / many:,.0f} rows/s), "
            f"speed-up {one / many:.2f}x",
            flush=True,
        )
    print(
        f"speed-up with {jobs} jobs: median {statistics.median(ratios):.2f}x "
        f"(runs {min(ratios):.2f}x to {max(ratios):.2f}x)"
    )


if __name__ == "__main__":
    main()
