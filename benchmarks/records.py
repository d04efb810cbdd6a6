"""Generate realistic, valid provisioning records for the benchmarks.

Every record is valid: names vary, emails are unique over a handful of
domains, mobile numbers are valid numbers from ten countries, and about a
third of the records carry a device. Generation is seeded, so two runs
validate the same records.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import phonenumbers

DOMAINS = (
    "example.com",
    "corp.example.net",
    "mail.example.org",
    "sales.example.co.uk",
    "example.de",
    "xn--bcher-kva.example",
)
# Region, and how often it appears: +1 and +44 dominate, as in most accounts.
REGIONS = (
    ("US", 30),
    ("CA", 5),
    ("GB", 15),
    ("DE", 10),
    ("FR", 8),
    ("IN", 8),
    ("AU", 6),
    ("BR", 6),
    ("JP", 6),
    ("MX", 6),
)
GIVEN = (
    "Jane", "John", "Aiko", "Mateo", "Priya", "Liam", "Chloé", "Sven", "Amara",
    "Noah", "Olivia", "Rahul", "Sofia", "Lukas", "Mei", "Kwame", "Ana", "Omar",
)  # fmt: skip
FAMILY = (
    "Roe", "Doe", "Tanaka", "García", "Sharma", "O'Neil", "Dubois", "Berg",
    "Okafor", "Smith", "Müller", "Kowalski", "Chen", "Mensah", "Silva", "Haddad",
)  # fmt: skip


def mobile_numbers(rng: random.Random) -> Iterator[str]:
    """Yield valid mobile numbers in E.164, drawn by region weight."""
    regions = [region for region, _ in REGIONS]
    weights = [weight for _, weight in REGIONS]
    examples = {
        region: phonenumbers.example_number_for_type(
            region, phonenumbers.PhoneNumberType.MOBILE
        )
        for region in regions
    }
    while True:
        region = rng.choices(regions, weights)[0]
        example = examples[region]
        assert example is not None
        national = str(example.national_number)
        # Keep the leading digits that make it mobile; vary the rest.
        kept = max(2, len(national) - 6)
        digits = "".join(rng.choice("0123456789") for _ in national[kept:])
        number = phonenumbers.PhoneNumber(
            country_code=example.country_code,
            national_number=int(national[:kept] + digits),
        )
        if phonenumbers.is_valid_number(number):
            yield phonenumbers.format_number(
                number, phonenumbers.PhoneNumberFormat.E164
            )


def records(count: int, *, seed: int = 2024) -> list[dict[str, Any]]:
    """Return ``count`` valid records with wire names (unique extensions, emails)."""
    rng = random.Random(seed)
    numbers = mobile_numbers(rng)
    made = []
    for index in range(count):
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        local = f"{given}.{family}".replace("'", "").replace(" ", "")
        local = local.encode("ascii", "ignore").decode().lower()
        contact: dict[str, Any] = {
            "firstName": given,
            "lastName": family,
            "email": f"{local}.{index}@{rng.choice(DOMAINS)}",
            "mobileNumber": next(numbers),
        }
        if rng.random() < 0.2:
            contact["transition"] = {"sendWelcomeEmail": False}
        record: dict[str, Any] = {
            "status": "Enabled",
            "extensionNumber": str(1_000_000 + index),
            "contact": contact,
        }
        if index % 3 == 0:
            record["devices"] = [{"deviceInfo": _device(rng, numbers)}]
        made.append(record)

    return made


def _device(rng: random.Random, numbers: Iterator[str]) -> dict[str, Any]:
    phone_info: dict[str, Any] = rng.choice(
        [
            {"tollType": "Toll"},
            {"phoneNumber": next(numbers)},
            {"phoneNumberId": str(rng.randrange(1000, 9999))},
        ]
    )
    return {
        "type": rng.choice(["OtherPhone", "WebRTC"]),
        "emergency": {"location": {"id": str(rng.randrange(1000, 9999))}},
        "phoneInfo": phone_info,
    }


def bodies(count: int, *, size: int = 10, seed: int = 2024) -> list[dict[str, Any]]:
    """Return request bodies of ``size`` records each, ``count`` records in all."""
    made = records(count, seed=seed)
    return [{"records": made[i : i + size]} for i in range(0, count, size)]
