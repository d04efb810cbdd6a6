"""The ``provisioning-schema`` command: check files, split them, print schemas.

``validate PATH...`` checks each file (CSV, JSONL or JSON; ``-`` reads
stdin) and exits 0 when all are valid, 1 when any is invalid and 2 when
any cannot be read or parsed, after reporting every file. ``batch PATH
--output DIR`` checks one file the same way and writes it as request
bodies of at most 10 records. ``template`` prints a CSV header naming
every column. ``schema`` prints the JSON Schema of the request or of one
record, or an OpenAPI document.

Everything but the argument parser is imported when a command runs, so
``--help`` and usage errors stay quick.
"""

from __future__ import annotations

import argparse
import codecs
import os
import sys
from collections.abc import Sequence
from contextlib import redirect_stderr, redirect_stdout
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TextIO

if TYPE_CHECKING:
    from provisioning_schema.options import ValidationOptions
    from provisioning_schema.report import Outcome

PROG = "provisioning-schema"
_DISTRIBUTION = "provisioning-schema"
_EXTENSION_LENGTHS = range(3, 9)
_MOST_JOBS = 64


def run(
    argv: Sequence[str],
    stdin: TextIO | BinaryIO | None,
    stdout: TextIO,
    stderr: TextIO,
) -> int:
    """Run the command with ``argv`` (without the program name) on these streams.

    Returns:
        The exit status: 0 all files valid, 1 some file invalid, 2 some file
        unreadable or the command line wrong.

    """
    parser = _parser()
    # argparse prints help and usage errors to sys.stdout and sys.stderr.
    with redirect_stdout(stdout), redirect_stderr(stderr):
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:
            return exc.code if isinstance(exc.code, int) else 2

    if args.command == "validate":
        return _validate(args, stdin, stdout, stderr)
    if args.command == "batch":
        from provisioning_schema import _batch_command  # noqa: PLC0415  # lazy

        return _batch_command.batch(args, stdin, stdout, stderr)
    if args.command == "template":
        from provisioning_schema.readers import template_header  # noqa: PLC0415

        stdout.write(template_header())
        return 0

    return _schema(args, stdout, stderr)


def main() -> None:
    """Entry point of the console script."""
    try:
        code = run(sys.argv[1:], sys.stdin, sys.stdout, sys.stderr)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader (such as `head`) has gone: stop quietly, as cat does.
        _silence_stdout()
        code = 1
    except KeyboardInterrupt:
        sys.stderr.write(f"{PROG}: interrupted\n")
        code = 130
    except OSError as exc:
        # Such as a full disk under `> file`: the report cannot be written.
        sys.stderr.write(f"{PROG}: cannot write the report: {exc.strerror}\n")
        _silence_stdout()
        code = 2
    sys.exit(code)


def _silence_stdout() -> None:
    # Python flushes stdout once more at exit; that must not fail again.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Check RingCentral batch user provisioning payloads.",
    )
    parser.add_argument("--version", action="version", version=_version())
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser(
        "validate",
        help="check CSV, JSONL or JSON files of records",
        description=(
            "Check files of records: CSV with a header of wire paths, JSONL "
            'with one record a line, or JSON (a request body {"records": '
            "[...]}, one record, or an array of records). Any number of "
            "records; the API takes 10 per request."
        ),
        epilog="exit status: 0 all valid, 1 some invalid, 2 some unreadable",
    )
    validate.add_argument("paths", nargs="+", metavar="PATH", help="a file, or -")
    _add_reading_options(validate)

    batch = commands.add_parser(
        "batch",
        help="split a file into API-ready request bodies of 10 records",
        description=(
            "Check a file as validate does, then write its records as request "
            "bodies of at most 10 records each (wire JSON), only when every "
            "record is valid, or with --skip-invalid the valid ones plus a "
            "rejects file in the input's format."
        ),
        epilog="exit status: 0 all valid, 1 some invalid, 2 unreadable or unwritable",
    )
    batch.add_argument("path", metavar="PATH", help="a file, or -")
    batch.add_argument(
        "--output", required=True, metavar="DIR", help="a new or empty folder"
    )
    batch.add_argument(
        "--skip-invalid",
        action="store_true",
        help="write the valid records, and the invalid ones to a rejects file",
    )
    _add_reading_options(batch)

    commands.add_parser(
        "template",
        help="print a CSV header with every column",
        description="Print a CSV header line naming every column a record has.",
    )

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema",
        description="Print the JSON Schema of the request or a record, or OpenAPI.",
    )
    schema.add_argument(
        "--model",
        choices=("request", "item"),
        help="the request body or one record (default request)",
    )
    schema.add_argument(
        "--format",
        choices=("json-schema", "openapi"),
        default="json-schema",
        help="JSON Schema 2020-12 or OpenAPI 3.1 (default json-schema)",
    )
    schema.add_argument("--output", metavar="FILE", help="write to FILE, not stdout")
    return parser


def _add_reading_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="aligned text, or JSON Lines with one object per file (default text)",
    )
    command.add_argument(
        "--input-format",
        choices=("csv", "jsonl", "json"),
        help="how to read the input (default: by extension; JSON for stdin)",
    )
    command.add_argument(
        "--encoding",
        type=_encoding,
        help="the input's text encoding, such as cp1252 (default UTF-8)",
    )
    command.add_argument(
        "--default-region",
        type=_region,
        metavar="REGION",
        help="read national phone numbers as of this region, such as US",
    )
    command.add_argument(
        "--redact",
        action="store_true",
        help="mask emails, phone numbers and other values in every message",
    )
    command.add_argument(
        "--max-extension-length",
        type=_extension_length,
        metavar="N",
        help="the account's longest extension number, 3 to 8 digits (default 8)",
    )
    command.add_argument(
        "--phone-check",
        choices=("valid", "possible", "pattern"),
        help="how strictly phone numbers are checked (default valid)",
    )
    command.add_argument(
        "--jobs",
        type=_jobs,
        default=1,
        metavar="N",
        help="validate in N processes; the report is the same (default 1)",
    )


def _encoding(text: str) -> str:
    try:
        codec = codecs.lookup(text)
    except LookupError:
        raise argparse.ArgumentTypeError(f"unknown encoding {text!r}") from None

    # Codecs such as rot13 and hex turn text into text or bytes into bytes.
    if not getattr(codec, "_is_text_encoding", True):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a text encoding; give one such as utf-8 or cp1252"
        )

    return codec.name


def _region(text: str) -> str:
    from provisioning_schema.readers._normalize import region_code  # noqa: PLC0415

    code = region_code(text)
    if code is None:
        raise argparse.ArgumentTypeError(
            f"must be a region phonenumbers knows, such as US or GB; got {text!r}"
        )

    return code


def _jobs(text: str) -> int:
    if not text.isdecimal() or not 1 <= int(text) <= _MOST_JOBS:
        raise argparse.ArgumentTypeError(
            f"must be a number from 1 to {_MOST_JOBS}; got {text!r}"
        )

    return int(text)


def _version() -> str:
    try:
        return f"{PROG} {version(_DISTRIBUTION)}"
    except PackageNotFoundError:
        return f"{PROG} (not installed; run pip install -e .)"


def _extension_length(text: str) -> int:
    if not text.isdecimal() or int(text) not in _EXTENSION_LENGTHS:
        raise argparse.ArgumentTypeError(f"must be a number from 3 to 8; got {text!r}")

    return int(text)


def _validate(
    args: argparse.Namespace,
    stdin: TextIO | BinaryIO | None,
    stdout: TextIO,
    stderr: TextIO,
) -> int:
    from provisioning_schema import (  # noqa: PLC0415  # lazy, see above
        _checking,
        _terminal,
        problems,
        report,
    )

    if args.paths.count("-") > 1:
        stderr.write(f"{PROG} validate: - (stdin) can be given only once\n")
        return 2

    options = validation_options(args)
    colour = _terminal.wants_colour(stdout)
    outcomes: list[Outcome] = []
    for source in args.paths:
        outcome: Outcome
        reader = _terminal.reader_for(source, stdin, args)
        try:
            with _terminal.Progress(stderr) as progress:
                outcome = _checking.check_file(
                    reader, options, jobs=args.jobs, progress=progress.show
                )
        except problems.InputFileError as exc:
            stderr.write(f"{PROG}: {exc}\n")
            outcome = exc

        outcomes.append(outcome)
        if args.format == "json":
            stdout.write(report.json_line(outcome))
        elif not isinstance(outcome, problems.InputFileError):
            stdout.write(report.text_block(outcome, colour=colour))

    if args.format == "text":
        stdout.write(report.text_summary(outcomes))

    checked = [
        item for item in outcomes if not isinstance(item, problems.InputFileError)
    ]
    if len(checked) < len(outcomes):
        return 2

    return 0 if all(result.valid for result in checked) else 1


def validation_options(args: argparse.Namespace) -> ValidationOptions:
    """Collect the validation options the command line asks for."""
    options: ValidationOptions = {"redact": args.redact}
    if args.max_extension_length is not None:
        options["max_extension_length"] = args.max_extension_length
    if args.phone_check is not None:
        options["phone_check"] = args.phone_check

    return options


def _schema(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from provisioning_schema import schema  # noqa: PLC0415  # lazy, see above

    if args.format == "openapi" and args.model is not None:
        stderr.write(f"{PROG} schema: --model applies to --format json-schema only\n")
        return 2

    if args.format == "openapi":
        document = schema.openapi_document()
    elif args.model == "item":
        document = schema.item_json_schema()
    else:
        document = schema.request_json_schema()

    text = schema.render(document)
    if args.output is None:
        stdout.write(text)
        return 0

    try:
        Path(args.output).write_text(text, encoding="utf-8")
    except OSError as exc:
        stderr.write(f"{PROG}: {args.output}: cannot write: {exc.strerror}\n")
        return 2

    return 0


if __name__ == "__main__":
    main()
