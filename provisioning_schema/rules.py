"""Rules that span records: unique extension numbers and login emails.

The tracker sees records one at a time and keeps only what the rules need
(the numbers and emails already used, with the record that used them), so
a whole file can be checked as a stream.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from provisioning_schema.request import BatchProvisionUsersRequestItem


@dataclass(frozen=True)
class DuplicateValue:
    """A record that repeats a value an earlier record already uses."""

    error_type: str
    path: tuple[str, ...]
    """Wire path of the repeated value inside the record."""
    value: str
    first_record: str
    """How the earlier record is named, such as ``records[0]`` or ``line 2``."""

    @property
    def rule(self) -> str:
        """The rule in words, naming the earlier record."""
        what = (
            "Extension number" if self.path[-1] == "extensionNumber" else "Login email"
        )
        return f"{what} must be unique; {self.first_record} already uses it"


@dataclass
class UniquenessTracker:
    """Find repeated extension numbers and login emails across records.

    Login emails are compared case-insensitively and only among records
    whose ``emailAsLoginName`` is not ``false``.
    """

    _extension_numbers: dict[str, str] = field(default_factory=dict)
    _login_emails: dict[str, str] = field(default_factory=dict)

    def add(
        self, record: BatchProvisionUsersRequestItem, name: str
    ) -> list[DuplicateValue]:
        """Remember ``record`` as ``name``; return the values it repeats."""
        duplicates = []

        number = record.extension_number
        if number is not None:
            first = self._extension_numbers.setdefault(number, name)
            if first != name:
                duplicates.append(
                    DuplicateValue(
                        "duplicate_extension_number",
                        ("extensionNumber",),
                        number,
                        first,
                    )
                )

        email = record.contact.login_email
        if email is not None:
            first = self._login_emails.setdefault(email.lower(), name)
            if first != name:
                duplicates.append(
                    DuplicateValue(
                        "duplicate_login_email", ("contact", "email"), email, first
                    )
                )

        return duplicates
