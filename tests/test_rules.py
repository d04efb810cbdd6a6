"""The rules across records: the tracker, its compact table, salvaged values."""

from __future__ import annotations

import random

import pytest

from provisioning_schema.rules import FirstSeen, UniquenessTracker, UniqueValues


@pytest.mark.parametrize("compact", [False, True], ids=["dict", "compact"])
def test_tracker_names_the_first_record_of_each_repeat(compact: bool) -> None:
    tracker = UniquenessTracker("line {}".format, compact=compact)

    assert tracker.add(UniqueValues("101", "Jane.Roe@Example.com"), 2) == []
    assert tracker.add(UniqueValues("102", "sam@example.com"), 3) == []
    repeats = tracker.add(UniqueValues("101", "jane.roe@EXAMPLE.COM"), 4)

    assert [(r.error_type, r.first_record) for r in repeats] == [
        ("duplicate_extension_number", "line 2"),
        ("duplicate_login_email", "line 2"),
    ]


def test_first_seen_agrees_with_a_dict_over_many_values() -> None:
    table = FirstSeen()
    reference: dict[str, int] = {}
    generator = random.Random(20261204)
    values = [f"user{generator.randrange(40_000)}@example.com" for _ in range(60_000)]

    for index, value in enumerate(values):
        assert table.setdefault(value, index) == reference.setdefault(value, index)

    assert len(table) == len(reference)


@pytest.mark.parametrize(
    ("raw", "context", "expected"),
    [
        pytest.param(
            {"status": "x", "contact": {}, "extensionNumber": "101"},
            {"wire_names_only": True},
            UniqueValues("101", None),
            id="wire-name",
        ),
        pytest.param(
            {"status": "x", "contact": {}, "extension_number": "101"},
            {"wire_names_only": True},
            UniqueValues(None, None),
            id="snake-case-on-the-wire-does-not-count",
        ),
        pytest.param(
            {"status": "x", "contact": {}, "extension_number": "101"},
            None,
            UniqueValues("101", None),
            id="snake-case-in-python-counts",
        ),
        pytest.param(
            {"contact": {"email": "Jo@Example.COM", "emailAsLoginName": False}},
            None,
            UniqueValues(None, None),
            id="not-a-login-email",
        ),
        pytest.param(
            {"contact": {"email": "Jo@Example.COM"}, "extensionNumber": "12"},
            None,
            UniqueValues(None, "Jo@example.com"),
            id="invalid-extension-left-out",
        ),
        pytest.param(["not", "a", "record"], None, UniqueValues(), id="not-an-object"),
    ],
)
def test_salvage_takes_only_values_valid_on_their_own(
    raw: object, context: dict[str, bool] | None, expected: UniqueValues
) -> None:
    assert UniqueValues.salvage(raw, context) == expected
