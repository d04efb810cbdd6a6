"""What an IDE shows is what works: snake_case keywords type-check.

The examples must pass mypy (with the pydantic plugin) and pyright, the
checker behind most IDEs; calls with wire names or wrong types must not.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TYPING_CASES = Path(__file__).resolve().parent / "data" / "typing"


def _checker(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", name, *args]
    return subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, check=False, timeout=600
    )


Checker = Callable[[Path], "subprocess.CompletedProcess[str]"]


def _mypy(path: Path) -> subprocess.CompletedProcess[str]:
    return _checker("mypy", "--no-incremental", str(path))


def _pyright(path: Path) -> subprocess.CompletedProcess[str]:
    return _checker("pyright", str(path))


@pytest.mark.parametrize("check", [_mypy, _pyright], ids=["mypy", "pyright"])
def test_usage_example_type_checks(check: Checker) -> None:
    result = check(ROOT / "examples" / "usage.py")

    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("check", [_mypy, _pyright], ids=["mypy", "pyright"])
def test_wire_names_are_not_keywords(check: Checker) -> None:
    result = check(TYPING_CASES / "camel_case_keywords.py")

    assert result.returncode != 0
    assert '"firstName"' in result.stdout
    assert '"id"' in result.stdout


@pytest.mark.parametrize("check", [_mypy, _pyright], ids=["mypy", "pyright"])
def test_wrong_value_types_are_flagged(check: Checker) -> None:
    result = check(TYPING_CASES / "wrong_types.py")

    assert result.returncode != 0
    assert '"extension_number"' in result.stdout
    assert "error" in result.stdout
