"""Rules that span records: unique extension numbers and login emails.

The tracker sees records one at a time and keeps only what the rules need
(the numbers and emails already used, with the number of the record that
used them, packed tightly), so a whole file can be checked as a stream.
Invalid records take part too: their extension number and login email
count whenever those fields are valid on their own, so one mistake does
not hide a duplicate.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

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

        # A snake_case key is an unknown field on the wire: it counts only
        # where the record could have been valid with it.
        wire_only = bool(context and context.get("wire_names_only"))
        contact = _member(raw, "contact", "contact", wire_only)
        if not isinstance(contact, dict):
            contact = {}
        login = _member(contact, "emailAsLoginName", "email_as_login_name", wire_only)
        email = contact.get("email") if login is not False else None
        number = _member(raw, "extensionNumber", "extension_number", wire_only)

        return cls(
            _valid_or_none(_EXTENSION_NUMBER, number, context),
            _valid_or_none(_LOGIN_EMAIL, email, context),
        )


def _member(data: dict[Any, Any], wire: str, python: str, wire_only: bool) -> object:
    if wire in data or wire_only:
        return data.get(wire)
    return data.get(python)


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


class FirstSeen:
    """Which record first used each value, in a few bytes per value.

    A dict of strings costs about 100 bytes per value, too much for a file
    of a million users. This open-addressing table keeps the values' bytes
    end to end in one buffer and the rest in typed arrays, so it holds
    about 30 bytes plus the value's length per value. Values are compared
    exactly, never by hash alone.
    """

    _INITIAL_SLOTS = 1024

    def __init__(self) -> None:
        self._slots = array("i", [-1]) * self._INITIAL_SLOTS
        self._mask = self._INITIAL_SLOTS - 1
        self._hashes = array("q")
        self._ends = array("q")
        self._firsts = array("q")
        self._buffer = bytearray()

    def __len__(self) -> int:
        return len(self._firsts)

    def setdefault(self, value: str, index: int) -> int:
        """Remember ``index`` for ``value`` if it is new; return the first index."""
        key = value.encode("utf-8", "surrogatepass")
        digest = hash(key)
        # Called for every row of a file: attributes are read into locals.
        slots, mask = self._slots, self._mask
        slot = digest & mask
        while (entry := slots[slot]) >= 0:
            if self._hashes[entry] == digest and self._key(entry) == key:
                return self._firsts[entry]
            slot = (slot + 1) & mask

        firsts = self._firsts
        slots[slot] = len(firsts)
        self._hashes.append(digest)
        buffer = self._buffer
        buffer += key
        self._ends.append(len(buffer))
        firsts.append(index)
        # At most half full: linear probing stays short.
        if 2 * len(firsts) > len(slots):
            self._grow()

        return index

    def _key(self, entry: int) -> bytes:
        start = self._ends[entry - 1] if entry else 0
        return bytes(self._buffer[start : self._ends[entry]])

    def _grow(self) -> None:
        size = 2 * len(self._slots)
        self._slots = slots = array("i", [-1]) * size
        self._mask = mask = size - 1
        for entry, digest in enumerate(self._hashes):
            slot = digest & mask
            while slots[slot] >= 0:
                slot = (slot + 1) & mask
            slots[slot] = entry


class _FirstSeenTable(Protocol):
    def setdefault(self, value: str, index: int, /) -> int: ...


@dataclass
class UniquenessTracker:
    """Find repeated extension numbers and login emails across records.

    Login emails are compared case-insensitively and only among records
    whose ``emailAsLoginName`` is not ``false``. Each value is remembered
    with the number of the record that first used it, and that number is
    put into words by ``name_of`` only when a later record repeats it.
    """

    name_of: Callable[[int], str] = "records[{}]".format
    compact: bool = False
    """Keep the values in ``FirstSeen`` tables: slower, for long streams."""

    _extension_numbers: _FirstSeenTable = field(init=False)
    _login_emails: _FirstSeenTable = field(init=False)

    def __post_init__(self) -> None:
        table: Callable[[], _FirstSeenTable] = FirstSeen if self.compact else dict
        self._extension_numbers = table()
        self._login_emails = table()

    def add(self, values: UniqueValues, number: int) -> list[DuplicateValue]:
        """Remember a record's values as record ``number``'s; return repeats."""
        return self.add_values(values.extension_number, values.login_email, number)

    def add_values(
        self, extension: str | None, email: str | None, number: int
    ) -> list[DuplicateValue]:
        """Like ``add``, for the two values given one by one."""
        duplicates = []

        if extension is not None:
            first = self._extension_numbers.setdefault(extension, number)
            if first != number:
                duplicates.append(
                    DuplicateValue(
                        "duplicate_extension_number",
                        ("extensionNumber",),
                        extension,
                        self.name_of(first),
                    )
                )

        if email is not None:
            first = self._login_emails.setdefault(email.lower(), number)
            if first != number:
                duplicates.append(
                    DuplicateValue(
                        "duplicate_login_email",
                        ("contact", "email"),
                        email,
                        self.name_of(first),
                    )
                )

        return duplicates
