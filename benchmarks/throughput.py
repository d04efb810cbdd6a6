"""Measure validation speed, memory and start-up; see docs/performance.md.

Run from the repository root:

    .venv/bin/python benchmarks/throughput.py

It generates realistic valid records (``benchmarks/records.py``), then
times, in one process and interleaved so that they see the same machine:

- our full validation of 10-record request bodies, from dicts and from JSON;
- the straightforward build (``EmailStr`` plus a phonenumbers validator);
- the same shape with patterns only, a ceiling for any Python-side check;
- jsonschema-rs and python-jsonschema on our emitted JSON Schema.

Each line gives the median records/second and the spread (lowest and
highest run). Then it streams 100,000 and 1,000,000 records through
``provisioning-schema validate`` as JSONL and reports each run's peak RSS,
and it times ``import provisioning_schema`` and a one-record ``validate``.
``--quick`` runs fewer records and skips the million-record file.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import jsonschema_rs
from baselines import PatternsOnly, Straightforward
from records import bodies, records

from provisioning_schema import BatchProvisionUsersRequest

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schema" / "batch-provision-users-request.schema.json"
# python-jsonschema is about a hundred times slower; it validates a sample.
SLOW_SAMPLE = 5_000

Subject = Callable[[], None]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="a short run")
    parser.add_argument("--skip-cli", action="store_true", help="no CLI runs")
    args = parser.parse_args()
    count = 20_000 if args.quick else args.records

    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    print(f"generating {count:,} records in 10-record request bodies ...")
    dict_bodies = bodies(count)
    json_bodies = [json.dumps(body) for body in dict_bodies]

    rates = _throughput(_subjects(dict_bodies, json_bodies), count, args.repeats)
    _print_ratio(rates)

    if not args.skip_cli:
        sizes = [100_000] if args.quick else [100_000, 1_000_000]
        _memory(sizes)
        _jobs(100_000)
        _start_up()
    return 0


def _subjects(
    dict_bodies: list[dict[str, Any]], json_bodies: list[str]
) -> dict[str, tuple[Subject, int]]:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    fast = jsonschema_rs.validator_for(schema)
    slow = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    sample = dict_bodies[: SLOW_SAMPLE // 10]
    count = 10 * len(dict_bodies)

    def ours_dicts() -> None:
        for body in dict_bodies:
            BatchProvisionUsersRequest.model_validate(body)

    def ours_json() -> None:
        for text in json_bodies:
            BatchProvisionUsersRequest.model_validate_json(text)

    def straightforward() -> None:
        for body in dict_bodies:
            Straightforward.model_validate(body)

    def patterns_only() -> None:
        for body in dict_bodies:
            PatternsOnly.model_validate(body)

    def schema_rs() -> None:
        for body in dict_bodies:
            assert fast.is_valid(body)

    def schema_python() -> None:
        for body in sample:
            assert slow.is_valid(body)

    return {
        "ours, from dicts": (ours_dicts, count),
        "ours, from JSON": (ours_json, count),
        "straightforward (EmailStr + phonenumbers)": (straightforward, count),
        "patterns only (ceiling)": (patterns_only, count),
        "jsonschema-rs on our schema (shape only)": (schema_rs, count),
        "python-jsonschema on our schema (shape only)": (schema_python, SLOW_SAMPLE),
    }


def _throughput(
    subjects: dict[str, tuple[Subject, int]], count: int, repeats: int
) -> dict[str, float]:
    print(f"\nthroughput, {count:,} records, {repeats} runs each (records/s)")
    runs: dict[str, list[float]] = {name: [] for name in subjects}
    for name, (subject, _) in subjects.items():
        subject()  # warm up: caches, lazily built tables
        gc.collect()
        del name

    # Interleaved, so a slow moment of the machine hits every subject.
    for _ in range(repeats):
        for name, (subject, records_done) in subjects.items():
            started = time.perf_counter()
            subject()
            runs[name].append(records_done / (time.perf_counter() - started))
            gc.collect()

    medians = {}
    for name, rates in runs.items():
        medians[name] = statistics.median(rates)
        print(
            f"  {name:46} {medians[name]:>10,.0f}"
            f"   (runs {min(rates):,.0f} to {max(rates):,.0f})"
        )
    return medians


def _print_ratio(rates: dict[str, float]) -> None:
    baseline = rates["straightforward (EmailStr + phonenumbers)"]
    print()
    for name in ("ours, from dicts", "ours, from JSON"):
        print(f"ratio {name} / straightforward: {rates[name] / baseline:.1f}")


def _memory(sizes: list[int]) -> None:
    print("\nmemory: records streamed through `provisioning-schema validate`")
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            path = Path(folder) / f"records-{size}.jsonl"
            _write_jsonl(path, size)
            elapsed, peak, code = _run_cli(["validate", str(path)])
            mb = path.stat().st_size / 1e6
            print(
                f"  {size:>9,} records ({mb:,.0f} MB JSONL): peak RSS "
                f"{peak / 1024:,.0f} MB, {elapsed:,.1f} s, "
                f"{size / elapsed:,.0f} records/s, exit {code}"
            )


def _jobs(size: int) -> None:
    print(f"\n--jobs on {size:,} JSONL records (wall time)")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "records.jsonl"
        _write_jsonl(path, size)
        one, _, _ = _run_cli(["validate", str(path)])
        two, _, code = _run_cli(["validate", "--jobs", "2", str(path)])
        print(f"  1 job {one:.1f} s, 2 jobs {two:.1f} s: {one / two:.2f}x, exit {code}")


def _start_up() -> None:
    print("\nstart-up, median of 7 runs (wall time)")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "one.json"
        path.write_text(json.dumps(records(1)[0]), encoding="utf-8")
        commands = {
            "import provisioning_schema": [
                sys.executable,
                "-c",
                "import provisioning_schema",
            ],
            "provisioning-schema validate (1 record)": [
                sys.executable,
                "-m",
                "provisioning_schema",
                "validate",
                str(path),
            ],
        }
        for name, command in commands.items():
            times = [_wall(command) for _ in range(7)]
            print(f"  {name:42} {statistics.median(times):.3f} s")


def _wall(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, capture_output=True, check=True)
    return time.perf_counter() - started


def _write_jsonl(path: Path, size: int) -> None:
    chunk = 50_000
    with path.open("w", encoding="utf-8") as out:
        for start in range(0, size, chunk):
            # Each chunk gets its own seed and unique extension numbers.
            made = records(min(chunk, size - start), seed=start)
            for offset, record in enumerate(made):
                record["extensionNumber"] = str(10_000_000 + start + offset)
                local, domain = record["contact"]["email"].split("@")
                record["contact"]["email"] = f"{local}.{start}@{domain}"
                out.write(json.dumps(record) + "\n")


def _run_cli(arguments: list[str]) -> tuple[float, int, int]:
    command = [sys.executable, "-m", "provisioning_schema", *arguments]
    return _measured(command)


# A small process starts the command and reports its peak RSS. Started from
# this process instead, the command would count the pages it shares with
# this process's records between fork and exec.
_MEASURE = """
import resource, subprocess, sys
code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(code)
"""


def _measured(command: list[str]) -> tuple[float, int, int]:
    """Run a command; return wall seconds, its peak RSS in KiB, its exit code."""
    started = time.perf_counter()
    measured = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    return elapsed, int(measured.stdout.split()[-1]), measured.returncode


if __name__ == "__main__":
    sys.exit(main())
