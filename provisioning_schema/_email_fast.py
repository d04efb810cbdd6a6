"""Accept the common login email quickly: check each domain once.

email-validator spends two thirds of its time on the part after the @-sign
(IDNA encoding and UTS #46 character checks), and a batch of users has few
distinct domains. Its result for an address in plain dot-atom form splits
cleanly (see ``validate_email`` in email-validator 2.x):

- ``split_email`` cuts at the first @-sign, and a dot-atom local part has
  none; it has no quotes or angle brackets either, so no display name;
- ``validate_email_local_part`` returns a dot-atom local part unchanged,
  and only the RFC 2142 names (``postmaster``, ``info``, ...) are then
  lower-cased;
- ``validate_email_domain_name`` reads the domain alone, so its verdict can
  be cached per distinct domain, with the options this package always uses;
- the address lengths are checked over the whole address, at 254 bytes.

So for such an address the result is the cached domain verdict, provided
the local part is not one of the RFC 2142 names and the address is short.
Anything else (a quoted local part, an invalid domain, a long address) is
left to email-validator, so every error still comes from it.
``tests/test_differential_email.py`` compares this with the library.
"""

from __future__ import annotations

import re
from functools import lru_cache

from email_validator import EmailNotValidError, ValidatedEmail, validate_email
from email_validator.rfc_constants import (
    CASE_INSENSITIVE_MAILBOX_NAMES,
    EMAIL_MAX_LENGTH,
)

# RFC 5322 atext, the characters of a dot-atom local part, and a domain of
# letters, digits, dots and hyphens (which email-validator checks further).
_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_PLAIN_ADDRESS = re.compile(rf"({_ATEXT}(?:\.{_ATEXT})*)@([A-Za-z0-9.-]+)")
_CASE_INSENSITIVE = frozenset(CASE_INSENSITIVE_MAILBOX_NAMES)
_LONGEST_PLAIN_ADDRESS = 64
# Distinct domains remembered; a batch has a handful, a stream maybe some
# thousands, and each entry is a few hundred bytes.
DOMAIN_CACHE_SIZE = 4096
_PROBE_LOCAL_PART = "a"


def validate_with_library(address: str) -> ValidatedEmail:
    """Run email-validator with the options this package always uses.

    Raises:
        EmailNotValidError: the address is refused, with the library's reason.

    """
    # No DNS: validation is offline and deterministic. Quoted local parts,
    # display names, IP literals and internationalized addresses are all
    # refused, because the API refuses them.
    return validate_email(
        address,
        check_deliverability=False,
        allow_smtputf8=False,
        allow_quoted_local=False,
        allow_display_name=False,
        allow_domain_literal=False,
        globally_deliverable=True,
    )


def plain_address(value: str) -> str | None:
    """Return what the slow check stores for ``value``, or None to run it.

    None means "ask email-validator", not "invalid".
    """
    if len(value) > _LONGEST_PLAIN_ADDRESS:
        return None

    match = _PLAIN_ADDRESS.fullmatch(value)
    if match is None:
        return None

    local, domain = match.groups()
    if local.lower() in _CASE_INSENSITIVE:
        return None

    checked = checked_domain(domain)
    if checked is None:
        return None

    ascii_domain, unicode_bytes = checked
    # The lengths email-validator checks: as given, normalized (Unicode
    # domain) and with the ASCII domain; all are ASCII but the second.
    if len(local) + 1 + max(unicode_bytes, len(ascii_domain)) > EMAIL_MAX_LENGTH:
        return None
    return f"{local}@{ascii_domain}"


@lru_cache(maxsize=DOMAIN_CACHE_SIZE)
def checked_domain(domain: str) -> tuple[str, int] | None:
    """Return the ASCII domain and the UTF-8 size of its Unicode form.

    None when email-validator refuses the domain (the caller then lets
    email-validator say why).
    """
    try:
        checked = validate_with_library(f"{_PROBE_LOCAL_PART}@{domain}")
    except EmailNotValidError:
        return None

    return checked.ascii_domain, len(checked.domain.encode("utf-8"))
