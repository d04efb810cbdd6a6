"""The email fast path gives exactly email-validator's verdict, error and value.

Generated addresses, seeded (see ``tests/differential.py`` for the size and
the full run): valid ones with odd but legal local parts over a pool of
domains (subdomains, punycode, mixed case, long labels) and random new
domains; near-valid ones (dots and hyphens in the wrong places, RFC 2142
names, special-use domains, length edges) and hostile strings (display
names, whitespace, invisible and non-ASCII characters, quotes, IP literals,
long strings). Each is checked with and without redaction.
"""

from __future__ import annotations

import random
import string
from collections.abc import Iterator

import pytest
from differential import SEED, SIZE, Tally, outcome

from provisioning_schema._email import (
    check_login_email,
    check_login_email_with_library,
)
from provisioning_schema._email_fast import plain_address

DOMAINS = (
    "example.com",
    "Example.COM",
    "corp.example.net",
    "mail.sales.example.co.uk",
    "xn--bcher-kva.de",
    "XN--BCHER-KVA.DE",
    "xn--mnchen-3ya.example",
    "a-b.example.org",
    "1.example.net",
    "x.io",
    "example.comx",
    "e.xn--p1ai",
    "a" * 63 + ".com",
    "b" * 20 + "." + "c" * 20 + ".org",
)
ATEXT = string.ascii_letters + string.digits + "!#$%&'*+-/=?^_`{|}~"
RFC_2142 = ("postmaster", "Postmaster", "INFO", "abuse", "Sales", "www", "noc")
SPECIAL_USE = ("local", "test", "invalid", "localhost", "onion", "arpa", "example")
ODD_CHARACTERS = (
    " ", "\t", "\n", "\u00a0", "\u200b", "\ufeff", "\u2028", "\u0000",
    "\u00e9", "\u00f6", "\u0430", "\uff20", "\ufe6b", "\u0301", "\U0001f600",
)  # fmt: skip


def _local(rng: random.Random) -> str:
    shape = rng.random()
    if shape < 0.6:
        first = rng.choice(("jane", "John", "o'neil", "li", "ana-maria", "x"))
        last = rng.choice(("roe", "Doe", "smith+tag", "o_brien", "9", "k"))
        return f"{first}.{last}{rng.randrange(100000)}"
    atoms = [
        "".join(rng.choice(ATEXT) for _ in range(rng.randint(1, 8)))
        for _ in range(rng.randint(1, 4))
    ]
    return ".".join(atoms)


def _label(rng: random.Random, size: int) -> str:
    inner = string.ascii_lowercase + string.digits + "-"
    if size == 1:
        return rng.choice(string.ascii_lowercase)
    middle = "".join(rng.choice(inner) for _ in range(size - 2))
    return rng.choice(string.ascii_letters) + middle + rng.choice(string.digits + "z")


def _domain(rng: random.Random) -> str:
    if rng.random() < 0.7:
        return rng.choice(DOMAINS)
    labels = [_label(rng, rng.randint(1, 12)) for _ in range(rng.randint(1, 3))]
    return ".".join([*labels, rng.choice(("com", "org", "de", "co.uk", "xn--p1ai"))])


def _valid(rng: random.Random) -> str:
    return f"{_local(rng)}@{_domain(rng)}"


def _near_valid(rng: random.Random) -> str:
    local, domain = _local(rng), _domain(rng)
    choices = [
        f".{local}@{domain}",
        f"{local}.@{domain}",
        f"{local}..x@{domain}",
        f"{rng.choice(RFC_2142)}@{domain}",
        f"{local}@{domain}.",
        f"{local}@.{domain}",
        f"{local}@{domain.replace('.', '..', 1)}",
        f"{local}@-{domain}",
        f"{local}@{domain.split('.')[0]}-.com",
        f"{local}@ab--cd.{domain}",
        f"{local}@xn--zz.{domain}",
        f"{local}@localhost",
        f"{local}@{domain}.{rng.choice(SPECIAL_USE)}",
        f"{local}@{rng.choice(SPECIAL_USE)}",
        f"{local}@example.123",
        f"{local}@exa_mple.com",
        f"{local}@{'d' * 64}.com",
        f"{'l' * rng.randint(50, 70)}@{domain}",
        f"{local}@{'e' * rng.randint(40, 60)}.com",
        f"{local}@@{domain}",
        f"{local}@{domain}@{domain}",
        f"@{domain}",
        f"{local}@",
        local,
    ]
    return rng.choice(choices)


def _hostile(rng: random.Random) -> str:
    address = _valid(rng)
    at = rng.randrange(len(address) + 1)
    odd = rng.choice(ODD_CHARACTERS)
    choices = [
        address[:at] + odd + address[at:],
        odd + address,
        address + odd,
        f"Jane Roe <{address}>",
        f"<{address}>",
        f'"jane roe"@{_domain(rng)}',
        f'"jane"@{_domain(rng)}',
        f"{_local(rng)}@[192.0.2.1]",
        f"{_local(rng)}@[IPv6:2001:db8::1]",
        address.replace("@", "\uff20"),
        "".join(rng.choice(string.printable) for _ in range(rng.randint(0, 40))),
        address * rng.randint(5, 30),
        f"{_local(rng)}@m\u00fcnchen.de",
        "",
        "@",
    ]
    return rng.choice(choices)


def generated_addresses(count: int, seed: int) -> Iterator[tuple[str, str]]:
    """Yield ``(category, value)`` pairs."""
    rng = random.Random(seed)
    makers = (("valid", _valid), ("near-valid", _near_valid), ("hostile", _hostile))
    for _ in range(count):
        category, make = rng.choices(makers, weights=(5, 3, 2))[0]
        yield category, make(rng)


@pytest.fixture(scope="module")
def tally() -> Tally:
    seen = Tally()
    for index, (category, value) in enumerate(generated_addresses(SIZE, SEED)):
        redact = index % 2 == 0
        got = outcome(check_login_email, value, redact=redact)
        expected = outcome(check_login_email_with_library, value, redact=redact)
        answered = plain_address(value) is not None
        seen.count(category, accepted=expected[0] == "ok", fast=answered)
        if got != expected:
            seen.mismatches.append(f"{value!r}: {got} != {expected}")
    return seen


def test_fast_path_gives_the_library_verdict_error_and_value(tally: Tally) -> None:
    assert not tally.mismatches, tally.report()


@pytest.mark.parametrize("category", ["valid", "near-valid", "hostile"])
def test_each_category_is_compared(tally: Tally, category: str) -> None:
    assert tally.compared[category] >= SIZE // 10


def test_fast_path_answers_most_valid_addresses(tally: Tally) -> None:
    # A fast path that never answered would agree with the library trivially.
    assert tally.fast["valid"] >= 0.9 * tally.accepted["valid"]


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        pytest.param("Jane.Roe@Example.COM", "Jane.Roe@example.com", id="domain-case"),
        pytest.param("j@XN--BCHER-KVA.DE", "j@xn--bcher-kva.de", id="punycode-kept"),
        pytest.param("Postmaster@example.com", "postmaster@example.com", id="rfc2142"),
    ],
)
def test_stored_value_is_the_library_one(value: str, stored: str) -> None:
    assert check_login_email(value, redact=False) == stored
    assert check_login_email_with_library(value, redact=False) == stored
