"""Accept the common phone number quickly, with phonenumbers' own metadata.

``phonenumbers.parse`` and ``is_valid_number`` spend most of their time in
general-purpose work that a canonical E.164 string does not need: finding
the number in free text, stripping extensions, compiling and looking up
patterns for every call. For a string that already passed the E.164
pattern this module answers one question only: does the library's full
check accept it? It reads the same metadata (the region's possible lengths,
national prefix and number patterns) in the same order as the library and
says yes only when every step is certain to go the library's way; whenever
in doubt it says "ask the library". It never rejects anything, so every
error still comes from ``phonenumbers`` itself.

The steps ``phonenumbers`` takes for ``+<country code><national number>``:

1. The country code is the shortest prefix of one to three digits that the
   library knows.
2. A national prefix or carrier code is stripped when its pattern matches
   the start of the national number. Here only numbers the pattern does not
   touch (no match, or an empty match with no rewrite) are taken.
3. A national number with a leading zero keeps it as "Italian leading
   zeros"; such numbers are left to the library.
4. ``is_possible_number_with_reason`` depends on the length only; the
   lengths it calls possible are read by asking the library itself once.
5. ``is_valid_number`` picks the region (the only one for the code, or the
   first whose leading digits or number patterns fit), then needs the
   general pattern and one of the number type patterns of that region.

``tests/test_differential_phone.py`` compares this with the library over
generated numbers of every country calling code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import phonenumbers
from phonenumbers import (
    COUNTRY_CODE_TO_REGION_CODE,
    REGION_CODE_FOR_NON_GEO_ENTITY,
    PhoneMetadata,
    PhoneNumber,
)
from phonenumbers import ValidationResult as Reason

# phonenumbers' own bounds: a national number has 2 to 17 digits, and the
# whole number must have more than 2 digits after the plus sign.
_SHORTEST_NATIONAL = 2
_LONGEST_NATIONAL = 17
_SHORTEST_DIGITS = 3

# The number types _number_type_helper tries after the general description;
# the mobile description is only read when it differs from the fixed line.
_TYPE_DESCRIPTIONS = (
    "premium_rate",
    "toll_free",
    "shared_cost",
    "voip",
    "personal_number",
    "pager",
    "uan",
    "voicemail",
    "fixed_line",
)


@dataclass(frozen=True)
class _Description:
    """One number description: its lengths (empty: any) and its pattern."""

    lengths: frozenset[int]
    pattern: str | None


@dataclass(frozen=True)
class _Region:
    """What validity needs from one region's metadata."""

    name: str
    leading_digits: re.Pattern[str] | None
    known_by_length: dict[int, str]
    """For each length, one pattern: the general one and any type's pattern."""
    usable: bool
    """False when the library would refuse the region for this calling code."""
    compiled: dict[int, re.Pattern[str]] = field(default_factory=dict)
    """The patterns compiled so far: only the lengths numbers come in."""

    def fits(self, national: str) -> bool:
        """Whether the number has a known type here (``_number_type_helper``)."""
        length = len(national)
        known = self.compiled.get(length)
        if known is None:
            if length not in self.known_by_length:
                return False
            known = self.compiled[length] = re.compile(self.known_by_length[length])
        return known.fullmatch(national) is not None


@dataclass(frozen=True)
class _CallingCode:
    """What the checks need for one country calling code."""

    prefix: str
    national_prefix: re.Pattern[str] | None
    rewrites_prefix: bool
    possible_lengths: frozenset[int]
    regions: tuple[_Region, ...]
    """The regions with metadata, in the library's order."""
    single: bool
    """Whether the library lists one region only, so takes it unchecked."""

    def keeps(self, national: str) -> bool:
        """Whether parse() keeps the national number as given."""
        if self.national_prefix is None:
            return True
        match = self.national_prefix.match(national)
        return match is None or (match.end() == 0 and not self.rewrites_prefix)

    def region_of(self, national: str) -> _Region | None:
        """Pick the region as phonenumbers does (``region_code_for_number``)."""
        if self.single:
            return self.regions[0] if self.regions else None

        for region in self.regions:
            if region.leading_digits is not None:
                if region.leading_digits.match(national):
                    return region
            elif region.fits(national):
                return region
        return None


_KNOWN = frozenset(str(code) for code in COUNTRY_CODE_TO_REGION_CODE)
_CALLING_CODES: dict[str, _CallingCode | None] = {}


def accepts(value: str, *, valid: bool) -> bool:
    """Whether phonenumbers' full check certainly accepts ``value`` as given.

    ``value`` must already match the E.164 pattern. True means the library
    parses it to the same canonical string with a possible length (and, if
    ``valid``, a valid number); False means "ask the library", not "invalid".
    """
    digits = value[1:]
    code = _calling_code(digits) if len(digits) >= _SHORTEST_DIGITS else None
    if code is None:
        return False

    # Possible lengths lie within the library's 2 to 17 digits.
    national = digits[len(code.prefix) :]
    if len(national) not in code.possible_lengths or national[0] == "0":
        return False
    if not code.keeps(national):
        return False
    if not valid:
        return True

    region = code.region_of(national)
    return region is not None and region.usable and region.fits(national)


def _calling_code(digits: str) -> _CallingCode | None:
    # The library takes the shortest known prefix of one to three digits.
    for size in (1, 2, 3):
        prefix = digits[:size]
        if prefix in _KNOWN:
            if prefix not in _CALLING_CODES:
                _CALLING_CODES[prefix] = _load(prefix)
            return _CALLING_CODES[prefix]
    return None


def _load(prefix: str) -> _CallingCode | None:
    code = int(prefix)
    names = COUNTRY_CODE_TO_REGION_CODE[code]
    main = PhoneMetadata.metadata_for_region_or_calling_code(code, names[0])
    if main is None:
        return None

    regions = tuple(
        region
        for name in names
        for region in [_region(code, name, single=len(names) == 1)]
        if region is not None
    )
    national_prefix = main.national_prefix_for_parsing
    return _CallingCode(
        prefix=prefix,
        national_prefix=re.compile(national_prefix) if national_prefix else None,
        rewrites_prefix=bool(main.national_prefix_transform_rule),
        possible_lengths=_possible_lengths(code),
        regions=regions,
        single=len(names) == 1,
    )


def _possible_lengths(code: int) -> frozenset[int]:
    # The library's answer depends on the length of the national number
    # only, so asking it once per length gives its whole table.
    return frozenset(
        length
        for length in range(_SHORTEST_NATIONAL, _LONGEST_NATIONAL + 1)
        if phonenumbers.is_possible_number_with_reason(
            PhoneNumber(country_code=code, national_number=int("9" * length))
        )
        == Reason.IS_POSSIBLE
    )


def _region(code: int, name: str, *, single: bool) -> _Region | None:
    if name == REGION_CODE_FOR_NON_GEO_ENTITY:
        metadata = PhoneMetadata.metadata_for_nongeo_region(code, None)
    elif single:
        metadata = PhoneMetadata.metadata_for_region_or_calling_code(code, name)
    else:
        # The region list is searched with metadata_for_region, which has
        # no entry for the non-geographic "001".
        metadata = PhoneMetadata.metadata_for_region(name.upper(), None)
    if metadata is None:
        return None

    types = [_description(getattr(metadata, name)) for name in _TYPE_DESCRIPTIONS]
    if not metadata.same_mobile_and_fixed_line_pattern:
        types.append(_description(metadata.mobile))
    leading = metadata.leading_digits
    return _Region(
        name=name,
        leading_digits=re.compile(leading) if leading is not None else None,
        known_by_length=_known_by_length(_description(metadata.general_desc), types),
        usable=name == REGION_CODE_FOR_NON_GEO_ENTITY or metadata.country_code == code,
    )


def _known_by_length(
    general: _Description, types: list[_Description]
) -> dict[int, str]:
    # A number has a known type when the general description and any one
    # type's description fit it (lengths, then a full match of the pattern).
    # The lookahead makes one full match do both: it holds when the general
    # pattern spans the whole number, and the alternation fully matches only
    # where one alternative does. The metadata's patterns use no back
    # references or anchors that joining them would change.
    joined = {}
    for length in range(_SHORTEST_NATIONAL, _LONGEST_NATIONAL + 1):
        if general.pattern is None or not _allows(general, length):
            continue
        alternatives = [
            f"(?:{description.pattern})"
            for description in types
            if description.pattern is not None and _allows(description, length)
        ]
        if alternatives:
            joined[length] = f"(?=(?:{general.pattern})\\Z)(?:{'|'.join(alternatives)})"
    return joined


def _allows(description: _Description, length: int) -> bool:
    return not description.lengths or length in description.lengths


def _description(description: object) -> _Description:
    if description is None:
        return _Description(frozenset(), None)

    lengths = frozenset(getattr(description, "possible_length", None) or ())
    pattern = getattr(description, "national_number_pattern", None)
    return _Description(lengths, pattern or None)
