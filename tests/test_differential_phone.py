"""The phone fast path gives exactly phonenumbers' verdict, error and value.

Generated numbers, seeded (see ``tests/differential.py`` for the size and
the full run): valid numbers of every country calling code phonenumbers
knows, near-valid ones (a digit changed, added or dropped, leading zeros,
national prefixes, another country's code) and hostile strings (unicode
digits, whitespace, letters, long strings). Each is checked with
``phone_check`` "valid" and "possible", with and without redaction.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

import phonenumbers
import pytest
from differential import SEED, SIZE, Tally, outcome
from phonenumbers import COUNTRY_CODE_TO_REGION_CODE, PhoneMetadata

from provisioning_schema import _phone_fast
from provisioning_schema._phone import (
    E164_PATTERN,
    check_phone_number,
    check_phone_number_with_library,
)
from provisioning_schema.options import PhoneCheck

CODES = sorted(COUNTRY_CODE_TO_REGION_CODE)
UNICODE_DIGITS = ("\u0660", "\u06f0", "\u0966", "\uff10", "\U0001d7ce")
WHITESPACE = (" ", "\t", "\n", "\u00a0", "\u2009", "\u200b")
CHECKS: tuple[PhoneCheck, ...] = ("valid", "possible")


def _examples(code: int) -> list[str]:
    """National numbers of every example phonenumbers has for a calling code."""
    found = set()
    for region in COUNTRY_CODE_TO_REGION_CODE[code]:
        if region == phonenumbers.REGION_CODE_FOR_NON_GEO_ENTITY:
            numbers = [phonenumbers.example_number_for_non_geo_entity(code)]
        else:
            numbers = [
                phonenumbers.example_number_for_type(region, number_type)
                for number_type in phonenumbers.supported_types_for_region(region)
            ]
            numbers.append(phonenumbers.invalid_example_number(region))
        found |= {
            phonenumbers.national_significant_number(number)
            for number in numbers
            if number is not None
        }
    return sorted(found) or ["1234567"]


EXAMPLES = {code: _examples(code) for code in CODES}


def _digits(rng: random.Random, count: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(count))


def _valid(rng: random.Random, code: int) -> str:
    national = rng.choice(EXAMPLES[code])
    kept = rng.randint(len(national) // 2, len(national))
    return f"+{code}{national[:kept]}{_digits(rng, len(national) - kept)}"


def _near_valid(rng: random.Random, code: int) -> str:
    national = rng.choice(EXAMPLES[code])
    at = rng.randrange(len(national) + 1)
    metadata = PhoneMetadata.metadata_for_region_or_calling_code(
        code, COUNTRY_CODE_TO_REGION_CODE[code][0]
    )
    national_prefix = (metadata.national_prefix if metadata else None) or "0"
    mutations = [
        national[:at] + _digits(rng, 1) + national[at + 1 :],
        national[:at] + _digits(rng, 1) + national[at:],
        national[:at] + national[at + 1 :],
        "0" * rng.randint(1, 3) + national,
        national_prefix + national,
        rng.choice(("1", "8", "9", "00", "15", "0")) + national,
        national[: rng.randrange(len(national) + 1)],
        national + _digits(rng, rng.randint(1, 4)),
    ]
    number = f"+{code}{rng.choice(mutations)}"
    if rng.random() < 0.15:
        number = f"+{rng.choice(CODES)}{national}"
    return number


def _hostile(rng: random.Random, code: int) -> str:
    number = _valid(rng, code)
    at = rng.randrange(1, len(number) + 1)
    choices = [
        "+" + _digits(rng, rng.randint(0, 20)),
        _digits(rng, rng.randint(1, 16)),
        number[:at] + rng.choice(UNICODE_DIGITS) + number[at:],
        number.translate({ord("5"): rng.choice(UNICODE_DIGITS)}),
        number[:at] + rng.choice(WHITESPACE) + number[at:],
        rng.choice(WHITESPACE) + number,
        number + rng.choice(("\n", " ", "x", " ext. 12", "--", "#")),
        number[:at] + rng.choice("ABCxyz()-.") + number[at:],
        "+" + _digits(rng, rng.randint(100, 1000)),
        rng.choice(("", "+", "++", "+0", "+00", "+1", "+12", "1.65056E+10")),
        "+" + number,
        number.replace("+", "\uff0b"),
    ]
    return rng.choice(choices)


def generated_numbers(count: int, seed: int) -> Iterator[tuple[str, int, str]]:
    """Yield ``(category, calling code, value)``; every code comes up in turn."""
    rng = random.Random(seed)
    makers = (("valid", _valid), ("near-valid", _near_valid), ("hostile", _hostile))
    for index in range(count):
        code = CODES[index % len(CODES)]
        category, make = rng.choices(makers, weights=(5, 3, 2))[0]
        yield category, code, make(rng, code)


@pytest.fixture(scope="module")
def tally() -> Tally:
    seen = Tally()
    for index, (category, _, value) in enumerate(generated_numbers(SIZE, SEED)):
        redact = index % 2 == 0
        for check in CHECKS:
            got = outcome(check_phone_number, value, check, redact=redact)
            expected = outcome(
                check_phone_number_with_library, value, check, redact=redact
            )
            answered = bool(E164_PATTERN.fullmatch(value)) and _phone_fast.accepts(
                value, valid=check == "valid"
            )
            seen.count(
                f"{category} {check}", accepted=expected[0] == "ok", fast=answered
            )
            if got != expected:
                seen.mismatches.append(f"{value!r} {check}: {got} != {expected}")
    return seen


def test_fast_path_gives_the_library_verdict_error_and_value(tally: Tally) -> None:
    assert not tally.mismatches, tally.report()


@pytest.mark.parametrize("category", ["valid", "near-valid", "hostile"])
@pytest.mark.parametrize("check", CHECKS)
def test_each_category_is_compared(tally: Tally, category: str, check: str) -> None:
    assert tally.compared[f"{category} {check}"] >= SIZE // 10


@pytest.mark.parametrize("check", CHECKS)
def test_fast_path_answers_most_valid_numbers(tally: Tally, check: str) -> None:
    # A fast path that never answered would agree with the library trivially.
    key = f"valid {check}"
    assert tally.fast[key] >= 0.9 * tally.accepted[key]


def test_every_calling_code_is_generated() -> None:
    codes = {code for _, code, _ in generated_numbers(len(CODES), SEED)}
    assert codes == set(CODES)
