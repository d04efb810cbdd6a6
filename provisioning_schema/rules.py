"""Rules that span records: unique extension numbers and login emails.

The tracker sees records one at a time and keeps only what the rules need
(the numbers and emails already used, with the record that used them), so
a whole file can be checked as a stream. Invalid records take part too:
their extension number and login email count whenever those fields are
valid on their own, so one mistake does not hide a duplicate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic import TypeAdapter, ValidationError

from provisioning_schema.types import ExtensionNumber, LoginEmail

if TYPE_CHECKING:
    from provisioning_schema.request import BatchProvisionUsersRequestItem

_EXTENSION_NUMBER = TypeAdapter(ExtensionNumber)
_LOGIN_EMAIL = TypeAdapter(LoginEmail)


@dataclass(frozen=True)
class UniqueValues:
    """The values of one record that must be unique across records."""

    extension_number: str | None = None
    login_email: str | None = None

    @classmethod
    def of(cls, record: BatchProvisionUsersRequestItem) -> UniqueValues:
        """Take the values from a valid record."""
        return cls(record.extension_number, record.contact.login_email)

    @classmethod
    def salvage(
        cls, raw: object, context: dict[str, Any] | None = None
    ) -> UniqueValues:
        """Take the values that are valid on their own from an invalid record."""
        if not isinstance(raw, dict):
            return cls()

        contact = _member(raw, "contact", "contact")
        if not isinstance(contact, dict):
            contact = {}
        login = _member(contact, "emailAsLoginName", "email_as_login_name")
        email = _member(contact, "email", "email") if login is not False else None

        return cls(
            _valid_or_none(
                _EXTENSION_NUMBER,
                _member(raw, "extensionNumber", "extension_number"),
                context,
            ),
            _valid_or_none(_LOGIN_EMAIL, email, context),
        )


def _member(data: dict[Any, Any], wire: str, python: str) -> object:
    return data[wire] if wire in data else data.get(python)


def _valid_or_none(
    adapter: TypeAdapter[str], value: object, context: dict[str, Any] | None
) -> str | None:
    if value is None:
        return None
    try:
        return adapter.validate_python(value, context=context)
    except ValidationError:
        return None


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

    def add(self, values: UniqueValues, name: str) -> list[DuplicateValue]:
        """Remember a record's values as ``name``'s; return those it repeats."""
        duplicates = []

        number = values.extension_number
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

        email = values.login_email
        if email is not None:
            first = self._login_emails.setdefault(email.lower(), name)
            if first != name:
                duplicates.append(
                    DuplicateValue(
                        "duplicate_login_email", ("contact", "email"), email, first
                    )
                )

        return duplicates
