"""Shared pieces of the differential tests: size, seed and outcomes.

The differential tests generate values with a seeded generator and compare
a checker with its fast path against the same checker with the library
alone. CI runs a few tens of thousands of values per checker; the full run
takes at least a million:

    PROVISIONING_DIFFERENTIAL_SIZE=1000000 .venv/bin/pytest tests/test_differential_*.py

``PROVISIONING_DIFFERENTIAL_SEED`` picks another seed; a failure prints the
seed and the values, so a run can be repeated exactly.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic_core import PydanticCustomError

SIZE = int(os.environ.get("PROVISIONING_DIFFERENTIAL_SIZE", "30000"))
SEED = int(os.environ.get("PROVISIONING_DIFFERENTIAL_SEED", "20240517"))
FULL_SIZE = 1_000_000

Outcome = tuple[str, ...]
"""``("ok", stored value)`` or ``("error", error type, message)``."""


def outcome(check: Callable[..., str], *args: Any, **kwargs: Any) -> Outcome:
    """Run a check and describe what it gave: the value, or the error."""
    try:
        return ("ok", check(*args, **kwargs))
    except PydanticCustomError as error:
        return ("error", error.type, error.message())


@dataclass
class Tally:
    """What a differential run saw, by category of generated value."""

    compared: dict[str, int] = field(default_factory=dict)
    accepted: dict[str, int] = field(default_factory=dict)
    """Values the library accepted."""
    fast: dict[str, int] = field(default_factory=dict)
    """Values the fast path answered without the library."""
    mismatches: list[str] = field(default_factory=list)

    def count(self, category: str, *, accepted: bool, fast: bool) -> None:
        """Count one comparison."""
        self.compared[category] = self.compared.get(category, 0) + 1
        self.accepted[category] = self.accepted.get(category, 0) + accepted
        self.fast[category] = self.fast.get(category, 0) + fast

    def report(self) -> str:
        """Say where the mismatches are and how to repeat the run."""
        shown = "\n".join(self.mismatches[:20])
        return (
            f"{len(self.mismatches)} mismatches with seed {SEED} and size {SIZE} "
            f"(repeat with PROVISIONING_DIFFERENTIAL_SEED={SEED} "
            f"PROVISIONING_DIFFERENTIAL_SIZE={SIZE}):\n{shown}"
        )
