"""The README's Python examples run and print what the README says."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def _python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def _run(block: str) -> str:
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(block, str(README), "exec"), {})  # our own README
    return printed.getvalue()


def test_quick_start_prints_the_errors_it_shows() -> None:
    quick_start = _python_blocks()[0]
    shown = [
        line.removeprefix("# ").removesuffix(" ...")
        for line in quick_start.splitlines()
        if line.startswith("# (")
    ]

    printed = _run(quick_start).splitlines()

    assert len(shown) == len(printed) == 2
    assert all(
        line.startswith(start) for line, start in zip(printed, shown, strict=True)
    )


def test_snake_case_example_runs() -> None:
    assert _run(_python_blocks()[1]) == ""
