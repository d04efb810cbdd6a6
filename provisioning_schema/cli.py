"""The ``provisioning-schema`` command: check files, print the JSON Schema.

``validate PATH...`` checks each file (``-`` reads stdin) and exits 0 when
all are valid, 1 when any is invalid and 2 when any cannot be read or
parsed, after reporting every file. ``schema`` prints the JSON Schema of
the request or of one record, or an OpenAPI document.

Everything but the argument parser is imported when a command runs, so
``--help`` and usage errors stay quick.
"""

from __future__ import annotations

import argparse
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


def run(
    argv: Sequence[str],
    stdin: TextIO | BinaryIO,
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

    return _schema(args, stdout, stderr)


def main() -> None:
    """Entry point of the console script."""
    try:
        code = run(sys.argv[1:], sys.stdin, sys.stdout, sys.stderr)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader (such as `head`) has gone: stop quietly, as cat does.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = 1
    sys.exit(code)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Check RingCentral batch user provisioning payloads.",
    )
    parser.add_argument("--version", action="version", version=_version())
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser(
        "validate",
        help="check JSON files of records",
        description=(
            'Check JSON files: a request body {"records": [...]}, one record, '
            "or an array of records (any number; the API takes 10 per request)."
        ),
        epilog="exit status: 0 all valid, 1 some invalid, 2 some unreadable",
    )
    validate.add_argument("paths", nargs="+", metavar="PATH", help="a file, or -")
    validate.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="aligned text, or JSON Lines with one object per file (default text)",
    )
    validate.add_argument(
        "--redact", action="store_true", help="keep input values out of messages"
    )
    validate.add_argument(
        "--max-extension-length",
        type=_extension_length,
        metavar="N",
        help="the account's longest extension number, 3 to 8 digits (default 8)",
    )
    validate.add_argument(
        "--phone-check",
        choices=("valid", "possible", "pattern"),
        help="how strictly phone numbers are checked (default valid)",
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
    stdin: TextIO | BinaryIO,
    stdout: TextIO,
    stderr: TextIO,
) -> int:
    from provisioning_schema import (  # noqa: PLC0415  # lazy, see above
        _reading,
        problems,
        report,
    )

    if args.paths.count("-") > 1:
        stderr.write(f"{PROG} validate: - (stdin) can be given only once\n")
        return 2

    options = _options(args)
    outcomes: list[Outcome] = []
    for source in args.paths:
        outcome: Outcome
        try:
            outcome = _reading.check_file(source, stdin, options)
        except problems.InputFileError as exc:
            stderr.write(f"{PROG}: {exc}\n")
            outcome = exc

        outcomes.append(outcome)
        if args.format == "json":
            stdout.write(report.json_line(outcome))
        elif not isinstance(outcome, problems.InputFileError):
            stdout.write(report.text_block(outcome))

    if args.format == "text":
        stdout.write(report.text_summary(outcomes))

    checked = [
        item for item in outcomes if not isinstance(item, problems.InputFileError)
    ]
    if len(checked) < len(outcomes):
        return 2

    return 0 if all(result.valid for result in checked) else 1


def _options(args: argparse.Namespace) -> ValidationOptions:
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
