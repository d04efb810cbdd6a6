"""The ``batch`` command: check a file, then write request bodies and rejects.

The file is read once. Rows go to a ``BatchWriter`` as they are checked;
its files are moved into the output folder only when the run ends well
(every record valid, or ``--skip-invalid``). The closing line shows that
the records written and the records rejected add up to the records read.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import IO, Any, TextIO

from provisioning_schema import _checking, _terminal, report
from provisioning_schema._batch import BatchResult, BatchWriter, OutputFolderError
from provisioning_schema.cli import PROG, validation_options
from provisioning_schema.problems import InputFileError
from provisioning_schema.readers import Reader


def batch(
    args: argparse.Namespace,
    stdin: IO[str] | IO[bytes] | Any,
    stdout: TextIO,
    stderr: TextIO,
) -> int:
    """Run ``batch`` (see the module notes); return the exit status."""
    reader = _terminal.reader_for(args.path, stdin, args)
    try:
        writer = BatchWriter(Path(args.output), reader)
    except OutputFolderError as exc:
        stderr.write(f"{PROG} batch: {exc}\n")
        return 2

    try:
        return _run(args, reader, writer, stdout, stderr)
    except KeyboardInterrupt:
        writer.discard()
        stderr.write(f"{PROG} batch: interrupted; nothing more is written\n")
        return 130
    except OSError as exc:
        # A full disk, for the request files or for the report on stdout.
        writer.discard()
        stderr.write(f"{PROG} batch: cannot write: {exc.strerror or exc}\n")
        return 2


def _run(
    args: argparse.Namespace,
    reader: Reader,
    writer: BatchWriter,
    stdout: TextIO,
    stderr: TextIO,
) -> int:
    try:
        with _terminal.Progress(stderr) as progress:
            checked = _checking.check_file(
                reader,
                validation_options(args),
                jobs=args.jobs,
                wire=True,
                each=lambda verdict: writer.add(verdict, _reason(verdict)),
                progress=progress.show,
            )
    except InputFileError as exc:
        writer.discard()
        stderr.write(f"{PROG}: {exc}\n")
        if args.format == "json":
            stdout.write(report.json_line(exc))
        return 2

    _write_report(args, checked, stdout)
    written = _finish(args, checked, writer)
    _write_closing(args, checked, written, stdout)
    stdout.flush()
    return 0 if checked.valid else 1


def _finish(
    args: argparse.Namespace, checked: _checking.CheckedFile, writer: BatchWriter
) -> BatchResult | None:
    if checked.valid or args.skip_invalid:
        return writer.commit()

    writer.discard()
    return None


def _reason(verdict: _checking.Verdict) -> str:
    return "; ".join(
        f"{problem.path or '(row)'}: {problem.message} [{problem.type}]"
        for problem in verdict.problems
    )


def _write_report(
    args: argparse.Namespace, checked: _checking.CheckedFile, stdout: TextIO
) -> None:
    if args.format == "json":
        stdout.write(report.json_line(checked))
    else:
        colour = _terminal.wants_colour(stdout)
        stdout.write(report.text_block(checked, colour=colour))


def _write_closing(
    args: argparse.Namespace,
    checked: _checking.CheckedFile,
    written: BatchResult | None,
    stdout: TextIO,
) -> None:
    if args.format == "json":
        summary = {
            "records": checked.records,
            "written": written is not None,
            "requests": written.requests if written else 0,
            "valid": checked.records - checked.invalid_records,
            "rejected": written.rejected if written else 0,
            "output": args.output,
            "rejects_file": str(written.rejects_file)
            if written and written.rejects_file
            else None,
        }
        stdout.write(json.dumps({"batch": summary}) + "\n")
        return

    if written is None:
        stdout.write(
            f"nothing written: {checked.invalid_records} of {checked.records} "
            "records are invalid, or the file has a problem; fix them, or pass "
            "--skip-invalid to write the valid ones\n"
        )
        return

    rejects = (
        f" and {written.rejected} to {written.rejects_file}"
        if written.rejects_file
        else ""
    )
    stdout.write(
        f"wrote {report.count(written.valid, 'record')} in "
        f"{report.count(written.requests, 'request')} to "
        f"{args.output}{rejects}: {written.valid} valid + {written.rejected} "
        f"rejected = {report.count(checked.records, 'record')}\n"
    )
