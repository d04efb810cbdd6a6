"""Write examples/staff.csv: an HR-style export of 3,000 people, 8 of them wrong.

The file is the same on every run (no randomness, no clock), so the
README's output can be checked against it. Run it from the repository
root: ``python examples/make_staff_csv.py``.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

PEOPLE = 3000
HEADER = [
    "status",
    "contact.firstName",
    "contact.lastName",
    "contact.email",
    "contact.mobileNumber",
    "extensionNumber",
    "costCenter.id",
    "roles.0.id",
    "contact.transition.sendWelcomeEmail",
    "devices.0.deviceInfo.type",
    "devices.0.deviceInfo.emergency.location.id",
    "devices.0.deviceInfo.phoneInfo.tollType",
]
FIRST = ["Ada", "Ben", "Chloé", "Dev", "Eve", "Femi", "Gus", "Hana", "Ivan", "Jo"]
LAST = ["Okafor", "Lindqvist", "Nakamura", "Rossi", "Kowalski", "Adeyemi", "Moreau"]


def person(number: int) -> list[str]:
    """One correct row; person 0 is the first data row (line 2)."""
    first = FIRST[number % len(FIRST)]
    last = LAST[(number // len(FIRST)) % len(LAST)]
    ascii_first = first.replace("é", "e").lower()
    return [
        "Enabled",
        first,
        last,
        f"{ascii_first}.{last.lower()}.{number}@example.com",
        f"+1650555{number:04d}",
        f"{1000 + number}",
        f"{200 + number % 7}",
        "1",
        "false" if number % 3 else "true",
        "WebRTC" if number % 2 else "OtherPhone",
        f"{1000 + number % 12}",
        "Toll",
    ]


def mistakes(rows: list[list[str]]) -> None:
    """Break eight rows the ways HR exports break (row i is on line i + 2)."""
    rows[40][4] = "16505550040"  # the + lost
    rows[217][4] = "1.65056E+10"  # a spreadsheet's scientific notation
    rows[598][0] = "enabled"  # the wrong casing
    rows[1033][3] = rows[12][3].upper()  # the same login as row 12, other case
    rows[1500][5] = rows[77][5]  # the same extension as row 77
    rows[2024][3] = "pat.lee@example"  # no top-level domain
    rows[2400][8] = "maybe"  # not a boolean
    rows[2750][2] = "Smith, Jr."  # written below without quotes: one cell too many


def main() -> None:
    rows = [person(number) for number in range(PEOPLE)]
    mistakes(rows)
    rows[5][1] = " Dev "  # trimmed, and reported
    rows[6][8] = "No"  # read as false, and reported

    target = Path(sys.argv[1] if len(sys.argv) > 1 else "examples/staff.csv")
    with target.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(HEADER)
        for row in rows:
            if "," in row[2]:
                file.write(",".join(row) + "\n")
            else:
                writer.writerow(row)


if __name__ == "__main__":
    main()
