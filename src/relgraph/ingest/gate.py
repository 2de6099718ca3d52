"""The input gate: what every value must be before relgraph lets it reach a graph engine.

Every way data comes in passes here: import (JSON, CSV, XLSX), every API mutation (an import
of a small document), and the API's few writes by id (`id_problems`). The rules:

- **Ids** (a record's `id` and every reference to one): 1-200 characters, no leading or
  trailing whitespace, no control characters (tab and line breaks included), no invisible
  formatting characters (zero-width space, byte-order mark, bidi controls), no whitespace
  other than the plain space, no lone surrogates or non-characters. Rejected, never trimmed:
  an id is a key of another system; trimming would silently merge two of its keys, and the
  stored id would no longer be the one the caller holds. (FalkorDB's exact-match index also
  trims ASCII whitespace and splits at U+0001: such an id is found under another id, and its
  unique-constraint check crashes the engine; see docs/ARCHITECTURE.md.)
- **Text** (every other string, and field names): characters that XML 1.0 allows, so that
  every accepted value can be exported to JSON, CSV and XLSX alike: no NUL, no control
  characters other than tab, line feed and carriage return, no lone surrogates, no U+FFFE or
  U+FFFF. At most TEXT_MAX_CHARS characters.
- **Sizes**: values nested at most NESTING_MAX levels (document, array, record, list: 4 are
  enough); a file (or the files of a folder, or the uncompressed members of a zip or
  workbook) at most DOCUMENT_MAX_BYTES; a CSV cell at most CSV_CELL_MAX_CHARS; a sheet at most
  SHEET_MAX_ROWS rows.

Problems are reasons (`ends with a space: ...`) that the caller places (`contacts[3].id`).
"""

from __future__ import annotations

import csv
import re
import typing
import unicodedata
from collections.abc import Iterator, Mapping
from itertools import chain
from typing import Any, NamedTuple

import annotated_types as at

from relgraph.errors import ValidationFailed
from relgraph.model import ARRAYS, Id

ID_MAX_CHARS: int = next(m.max_length for m in typing.get_args(Id)[1].metadata
                         if isinstance(m, at.MaxLen))
TEXT_MAX_CHARS = 10_000  # an interaction summary of a few pages; names are far shorter
NESTING_MAX = 10
DOCUMENT_MAX_BYTES = 512 * 1024 * 1024
CSV_CELL_MAX_CHARS: int = csv.field_size_limit()  # Python's own limit (128 KiB), left as is
SHEET_MAX_ROWS = 1_048_576  # Excel's own limit: a larger sheet was not made by a spreadsheet

# Per array, the fields that hold ids (typed `Id`, `Id | None` or `list[Id]` in the model).
ID_FIELDS: dict[str, frozenset[str]] = {}

_ASCII_ID_BAD = re.compile(r"[\x00-\x1f\x7f]")
_TEXT_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_SCALARS = frozenset({str, int, float, bool, type(None)})


def _mentions_id(hint: Any) -> bool:
    return bool(hint == Id) or any(_mentions_id(arg) for arg in typing.get_args(hint))


_FIELD_NAMES = frozenset(info.alias or name for model in ARRAYS.values()
                         for name, info in model.model_fields.items())
for _array, _model in ARRAYS.items():
    _hints = typing.get_type_hints(_model, include_extras=True)
    ID_FIELDS[_array] = frozenset(
        info.alias or name for name, info in _model.model_fields.items()
        if _mentions_id(_hints[name]))


class Problem(NamedTuple):
    """A value the gate refuses: where in the record, why, and whether it bars parsing.

    A barred record (a lone surrogate, a bad field name the parser would echo, nesting too
    deep) is not parsed at all; the others still are, so that one run lists every problem.
    """

    path: str
    reason: str
    bars: bool = False


def id_problem(value: str) -> str | None:
    """Why `value` cannot be an id, or None when it can."""
    if not value:
        return "must not be empty"
    if len(value) > ID_MAX_CHARS:
        return f"is longer than {ID_MAX_CHARS} characters"
    return _id_characters(value)


def _id_characters(value: str) -> str | None:
    """What is wrong with the characters of a (non-empty) id, or None."""
    if not value or (value.isascii() and value[0] != " " and value[-1] != " "
                     and not _ASCII_ID_BAD.search(value)):
        return None  # the common case, without a look at each character
    for end, char in (("starts", value[0]), ("ends", value[-1])):
        if char.isspace():
            return f"{end} with {_describe(char)}: an id must not start or end with whitespace"
    for position, char in enumerate(value, start=1):
        if _strict_bad(char) or (char.isspace() and char != " "):
            return f"contains {_describe(char)} at character {position}: ids must not " \
                   "contain control, invisible or non-space whitespace characters"
    return None


def text_problem(value: str) -> str | None:
    """Why `value` cannot be stored as text, or None when it can."""
    bad = _TEXT_BAD.search(value)
    if bad is not None:
        char = bad.group()
        rule = ": text may hold tab and line breaks but no other control characters" \
            if unicodedata.category(char) == "Cc" else ""
        return f"contains {_describe(char)} at character {bad.start() + 1}{rule}"
    if len(value) > TEXT_MAX_CHARS:
        return f"is longer than {TEXT_MAX_CHARS} characters"
    return None


def name_problem(name: str) -> str | None:
    """Why `name` cannot be a field or array name (it is shown to users as is), or None."""
    if name.isascii() and not _ASCII_ID_BAD.search(name):
        return None  # every name of the model, without a look at each character
    for position, char in enumerate(name, start=1):
        if _strict_bad(char):
            return f"contains {_describe(char)} at character {position}"
    return None


def record_problems(array: str, item: Any) -> list[Problem]:
    """Every value of one record of `array` that the gate refuses.

    Empty and over-long ids are left to the record's own type, which says so already.
    """
    if not isinstance(item, dict):
        # Not a record at all (the validation says so); refused here only when unsafe to parse.
        return [Problem("", p.reason, True) for p in _nested(item, "", 3, as_id=False)
                if p.bars][:1]
    ids = ID_FIELDS.get(array, frozenset())
    found: list[Problem] = []
    for key, value in item.items():
        kind = type(value)
        if kind is str:
            why = _id_characters(value) if key in ids else text_problem(value)
            if why:
                found.append(Problem(key, why, _unparseable(value)))
        elif kind is list and all(type(v) is str for v in value):  # e.g. attendees' ids
            check = _id_characters if key in ids else text_problem
            found += [Problem(f"{key}[{i}]", why, _unparseable(v))
                      for i, v in enumerate(value) if (why := check(v))]
        elif kind is list or kind is dict or kind is tuple:
            found.extend(_nested(value, key, 4, as_id=key in ids))
        if key not in _FIELD_NAMES and type(key) is str and (why := name_problem(key)):
            found.append(Problem("", f"the field name {key!r} {why}", True))
    return found


def array_is_clean(array: str, items: list[Any]) -> bool:
    """Whether `record_problems` finds nothing in any of the items, proven over the whole array
    with joins and one regex each (C speed). False means "look record by record": a document
    with anything unusual (an unknown field, a nested value, a non-ASCII id) is checked the
    slow way, so the answer is always the same as record_problems'."""
    if not all(type(item) is dict for item in items):
        return False
    fields: set[Any] = set().union(*items)
    if not fields <= _FIELD_NAMES:
        return False  # unknown field names are checked one by one
    # Every value of every record in one list (C speed), lists of values flattened once: the
    # texts are all of its strings. Ids are held to the text rule too, which every id that
    # passes the id rule below does (ASCII printable), but for one over TEXT_MAX_CHARS, which
    # its type refuses anyway: checked the slow way, with the same answer.
    values = list(chain.from_iterable(map(dict.values, items)))
    kinds = set(map(type, values))
    if list in kinds:
        inner = list(chain.from_iterable(v for v in values if type(v) is list))
        if not set(map(type, inner)) <= _SCALARS:
            return False  # lists of lists: the nested walk says what is wrong there
        values += inner
        kinds.discard(list)
    if not kinds <= _SCALARS:
        return False  # objects: the nested walk says what is wrong there
    texts = [v for v in values if type(v) is str]
    if texts and (_TEXT_BAD.search("".join(texts)) or max(map(len, texts)) > TEXT_MAX_CHARS):
        return False
    id_values: list[str] = []
    for name in fields & ID_FIELDS.get(array, frozenset()):
        column = [item.get(name) for item in items]
        if any(type(v) is list for v in column):
            column = [*chain.from_iterable(v for v in column if type(v) is list),
                      *(v for v in column if type(v) is not list)]
        id_values += [v for v in column if type(v) is str]
    # An ASCII string is printable exactly when it holds none of _ASCII_ID_BAD's characters.
    joined = "".join(id_values)
    if not (joined.isascii() and joined.isprintable()):
        return False
    joined = "\x00".join(id_values)  # no id holds a NUL: a space beside one ends an id
    return not (joined[:1] == " " or joined[-1:] == " " or " \x00" in joined
                or "\x00 " in joined)


def document_problems(doc: Any) -> list[str]:
    """Every problem of the gate in a whole document (`contacts[3].name: ...`), in order.

    For callers that must look at a document's ids before importing it (the API's scope
    checks): nothing of a document with problems may be sent to an engine.
    """
    if not isinstance(doc, dict):
        return []  # the validation says what a document must be
    problems = [f"document: {why}" for why in array_name_problems(doc)]
    for array, items in doc.items():
        if array in ARRAYS and isinstance(items, list):
            for index, item in enumerate(items):
                problems += [f"{array}[{index}]" + (f".{p.path}" if p.path else "") +
                             f": {p.reason}" for p in record_problems(array, item)]
    return problems


def array_name_problems(doc: Mapping[Any, Any]) -> list[str]:
    """Problems of a document's own keys (its array names), which are shown as given."""
    return [f"the array name {key!r} {why}" for key in doc
            if isinstance(key, str) and (why := name_problem(key))]


def id_problems(values: Mapping[str, Any]) -> list[str]:
    """`name: reason` for each named id (a string or a list of them) that is not an id.

    For writes that take ids directly rather than a document, e.g.
    `id_problems({"staffId": staff, "contactId": contact})`.
    """
    problems = []
    for name, value in values.items():
        items = list(enumerate(value)) if isinstance(value, list | tuple) else [(None, value)]
        for index, item in items:
            where = name if index is None else f"{name}[{index}]"
            why = id_problem(item) if isinstance(item, str) else "is not a string"
            if why:
                problems.append(f"{where}: {why}")
    return problems


def check_ids(**values: Any) -> None:
    """Raise ValidationFailed listing every named id that is not an id (see `id_problems`)."""
    problems = id_problems(values)
    if problems:
        raise ValidationFailed(problems)


def nesting_problem() -> str:
    """The reason given for a value nested too deeply (also when a parser gives up on it)."""
    return f"nested deeper than {NESTING_MAX} levels (a relgraph/1 document needs 4)"


def _nested(value: Any, path: str, depth: int, *, as_id: bool) -> Iterator[Problem]:
    """Problems inside a list or object value, without recursion (any depth is safe)."""
    stack = [(value, path, depth)]
    while stack:
        current, where, level = stack.pop()
        if isinstance(current, str):
            why = _id_characters(current) if as_id else text_problem(current)
            if why:
                yield Problem(where, why, _unparseable(current))
        elif isinstance(current, list | tuple | dict):
            if level > NESTING_MAX:
                yield Problem(where, nesting_problem(), True)
                continue
            if isinstance(current, dict):
                for key, item in current.items():
                    if isinstance(key, str) and (why := name_problem(key)):
                        yield Problem(where, f"the field name {key!r} {why}", True)
                    stack.append((item, f"{where}.{key}" if where else str(key), level + 1))
            else:
                stack.extend((item, f"{where}[{i}]", level + 1)
                             for i, item in reversed(list(enumerate(current))))


def _unparseable(value: str) -> bool:
    """A lone surrogate: the record's JSON text could not be parsed back."""
    return _SURROGATE.search(value) is not None


def _strict_bad(char: str) -> bool:
    """Control, invisible formatting, surrogate or non-character: never in an id or a name."""
    return unicodedata.category(char) in ("Cc", "Cf", "Cs") or char in "\ufffe\uffff"


def _describe(char: str) -> str:
    code = f"U+{ord(char):04X}"
    if char == " ":
        return "a space"
    if char == "\x00":
        return f"{code} (NUL)"
    kind = unicodedata.category(char)
    if kind == "Cc":
        return f"{code} (a control character)"
    if kind == "Cf":
        return f"{code} (an invisible formatting character)"
    if kind == "Cs":
        return f"{code} (a lone surrogate, not a character)"
    if char in "\ufffe\uffff":
        return f"{code} (not a character)"
    return f"{code} (whitespace other than a plain space)"
