"""The input gate's rules (ingest/gate.py): ids, text, field names, nesting, and the API's call."""

from __future__ import annotations

from typing import Any

import pytest

from relgraph.errors import ValidationFailed
from relgraph.ingest import gate
from relgraph.ingest.validation import validate_document

ID_RULE = "ids must not contain control, invisible or non-space whitespace characters"
# The characters that crashed FalkorDB 4.16.3 at the end (or start) of an id, and a few more
# that an id must not hold: each with the reason the gate gives.
REFUSED_IDS = {
    "s-zz ": "ends with a space: an id must not start or end with whitespace",
    " s-zz": "starts with a space: an id must not start or end with whitespace",
    "s-zz\t": "ends with U+0009 (a control character): an id must not start or end with "
              "whitespace",
    "s-zz\n": "ends with U+000A (a control character): an id must not start or end with "
              "whitespace",
    "s-zz\r": "ends with U+000D (a control character): an id must not start or end with "
              "whitespace",
    "s-zz\x0b": "ends with U+000B (a control character): an id must not start or end with "
                "whitespace",
    "s-zz\x0c": "ends with U+000C (a control character): an id must not start or end with "
                "whitespace",
    "s-zz\x01": f"contains U+0001 (a control character) at character 5: {ID_RULE}",
    "s-\x01zz": f"contains U+0001 (a control character) at character 3: {ID_RULE}",
    "s-\x00zz": f"contains U+0000 (NUL) at character 3: {ID_RULE}",
    "s-zz\u00a0": "ends with U+00A0 (whitespace other than a plain space): an id must not "
                  "start or end with whitespace",
    "s-\u200bzz": f"contains U+200B (an invisible formatting character) at character 3: {ID_RULE}",
    "s-\u202ezz": f"contains U+202E (an invisible formatting character) at character 3: {ID_RULE}",
    "s-\ud800": f"contains U+D800 (a lone surrogate, not a character) at character 3: {ID_RULE}",
    "s-\uffff": f"contains U+FFFF (not a character) at character 3: {ID_RULE}",
    "s-\u3000zz": f"contains U+3000 (whitespace other than a plain space) at character 3: "
                  f"{ID_RULE}",
    "": "must not be empty",
    "x" * 201: "is longer than 200 characters",
}


@pytest.mark.parametrize("ident", sorted(REFUSED_IDS))
def test_an_id_with_whitespace_around_or_control_characters_is_refused(ident: str) -> None:
    assert gate.id_problem(ident) == REFUSED_IDS[ident]


@pytest.mark.parametrize("ident", ["c-1", "Acme Corp", "客户-北京-01", "Ångström", "a,b|c*{d}",
                                   "x" * 200, "😀" * 200, "O'Brien"])
def test_ordinary_ids_pass(ident: str) -> None:
    assert gate.id_problem(ident) is None


@pytest.mark.parametrize(("text", "reason"), [
    ("Bad\x00Name", "contains U+0000 (NUL) at character 4: text may hold tab and line breaks "
                    "but no other control characters"),
    ("\ud800", "contains U+D800 (a lone surrogate, not a character) at character 1"),
    ("ok\uffff", "contains U+FFFF (not a character) at character 3"),
    ("bell\x07", "contains U+0007 (a control character) at character 5: text may hold tab and "
                 "line breaks but no other control characters"),
    ("x" * 10_001, "is longer than 10000 characters"),
])
def test_text_that_cannot_be_stored_or_exported_is_refused(text: str, reason: str) -> None:
    assert gate.text_problem(text) == reason


@pytest.mark.parametrize("text", ["Line one\nline two\r\n\ttabbed", " padded ", "", "x" * 10_000,
                                  "emoji 😀 and 中文", "\u200b zero width is text"])
def test_text_keeps_tabs_line_breaks_and_surrounding_spaces(text: str) -> None:
    assert gate.text_problem(text) is None


def _interaction(**fields: Any) -> dict[str, Any]:
    return {"id": "i-1", "type": "visit", "date": "2026-01-05", "staff": ["s-1"],
            "contacts": ["c-1", "c-2"], "summary": "Met the CTO", **fields}


# Arrays the whole-array screen cannot clear, each with the one record that makes it so.
UNCLEAR = {
    "an id with a trailing space": _interaction(id="i-2 "),
    "an attendee id starting with a space": _interaction(contacts=["c-1", " c-2"]),
    "an id with a tab": _interaction(account="a\t1"),
    "an id beyond ASCII": _interaction(id="客户-1"),
    "text with a bell": _interaction(summary="ring\x07"),
    "text with a lone surrogate": _interaction(summary="\ud800"),
    "text over the limit": _interaction(summary="x" * 10_001),
    "an unknown field": _interaction(zzUnknown="x"),
    "an object for a value": _interaction(summary={"a": 1}),
    "a list inside a list": _interaction(staff=[["s-1"]]),
    "a record that is no object": ["i-3"],  # type: ignore[dict-item]
}


def test_an_array_the_screen_clears_has_no_problem_record_by_record() -> None:
    # The common document is cleared as a whole; the slow path would find nothing either.
    items = [_interaction(id=f"i-{n}", summary=" padded\nline\ttab 😀 ", account=None)
             for n in range(50)]
    assert gate.array_is_clean("interactions", items)
    assert not any(gate.record_problems("interactions", item) for item in items)
    assert gate.array_is_clean("interactions", [])


@pytest.mark.parametrize("case", sorted(UNCLEAR))
def test_anything_unusual_sends_the_array_to_the_record_by_record_check(case: str) -> None:
    items = [_interaction(id="i-0"), UNCLEAR[case]]
    assert not gate.array_is_clean("interactions", items)
    # ... which still lists a problem only where there is one (a non-ASCII id is fine)
    found = [gate.record_problems("interactions", item) for item in items]
    assert found[0] == []
    assert bool(found[1]) == (case not in ("an id beyond ASCII", "a list inside a list",
                                           "an object for a value", "an unknown field",
                                           "a record that is no object"))


def test_the_id_fields_come_from_the_model() -> None:
    assert gate.ID_FIELDS["interactions"] == {"id", "account", "opportunity", "staff", "contacts"}
    assert gate.ID_FIELDS["sponsors"] == {"staff", "contact", "account"}
    assert "name" not in gate.ID_FIELDS["contacts"]


def problems(doc: dict[str, Any]) -> list[str]:
    with pytest.raises(ValidationFailed) as caught:
        validate_document({"format": "relgraph/1", **doc})
    return caught.value.problems


def test_every_problem_is_placed_and_listed_with_the_others() -> None:
    assert problems({
        "accounts": [{"id": "acc-1 ", "name": "Bad\x00Name", "tier": "X"}],
        "interactions": [{"id": "i-1", "type": "call", "date": "2026-01-01",
                          "contacts": ["c-1", "c-\x012"]}],
    }) == [
        "accounts[0].id: ends with a space: an id must not start or end with whitespace",
        "accounts[0].name: contains U+0000 (NUL) at character 4: text may hold tab and line "
        "breaks but no other control characters",
        "accounts[0].tier: 'X' is not one of S, A, B, C",
        f"interactions[0].contacts[1]: contains U+0001 (a control character) at character 3: "
        f"{ID_RULE}",
        "interactions[0].contacts[0]: no contact 'c-1' in the document or the graph",
    ]


def test_a_record_the_parser_cannot_read_is_reported_once_and_defines_no_id() -> None:
    # A lone surrogate would break the record's JSON text: the record is not parsed at all,
    # and its good id still counts, so references to it do not fail as well.
    assert problems({
        "accounts": [{"id": "acc-1", "name": "\ud800", "tier": "S"}],
        "contacts": [{"id": "c-1", "account": "acc-1", "name": "Ana"}],
    }) == ["accounts[0].name: contains U+D800 (a lone surrogate, not a character) at character 1"]


def test_deep_nesting_is_a_problem_not_a_recursion_error() -> None:
    deep: list[Any] = []
    for _ in range(5_000):
        deep = [deep]
    assert problems({"accounts": [{"id": "a", "name": "A", "tier": "S", "industry": deep},
                                  deep]}) == [
        "accounts[0].industry[0][0][0][0][0][0][0]: nested deeper than 10 levels "
        "(a relgraph/1 document needs 4)",
        "accounts[1]: nested deeper than 10 levels (a relgraph/1 document needs 4)",
    ]


def test_names_that_would_be_echoed_are_refused_without_echoing_them() -> None:
    assert problems({"acc\x1b[2Junts": [],
                     "accounts": [{"id": "a", "na\x1bme": "A", "tier": "S"}]}) == [
        "document: the array name 'acc\\x1b[2Junts' contains U+001B (a control character) "
        "at character 4",
        "accounts[0]: the field name 'na\\x1bme' contains U+001B (a control character) "
        "at character 3",
    ]


def test_the_api_checks_ids_it_takes_directly() -> None:
    assert gate.id_problems({"staffId": "s-1", "contactId": "c-1 ", "ids": ["c-2", "c-\x00"],
                             "role": 3}) == [
        "contactId: ends with a space: an id must not start or end with whitespace",
        f"ids[1]: contains U+0000 (NUL) at character 3: {ID_RULE}",
        "role: is not a string",
    ]
    gate.check_ids(staffId="s-1", contactIds=["c-1", "c-2"])
    with pytest.raises(ValidationFailed) as caught:
        gate.check_ids(accountId="acc-1\t")
    assert caught.value.problems == [
        "accountId: ends with U+0009 (a control character): an id must not start or end with "
        "whitespace"]


def test_the_api_can_screen_a_document_before_looking_at_its_ids() -> None:
    assert gate.document_problems({
        "format": "relgraph/1",
        "contacts": [{"id": "c-1", "account": "acc-1", "name": "Ana"},
                     {"id": "c-crash ", "account": "acc-1", "name": "Bo"}],
    }) == ["contacts[1].id: ends with a space: an id must not start or end with whitespace"]
