"""Whole-document validation of relgraph/1: every problem at once, each as `path: reason`.

A document is checked in three passes: the shape of each record (pydantic, strict JSON types),
identity (duplicate ids and natural keys, one id space for contacts and staff), and references
(to ids in the document or already stored, of the right kind). Nothing is written unless all
three pass, so a rejected document leaves the graph as it was.
"""

from __future__ import annotations

import difflib
import json
import math
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, get_args

import annotated_types as at
import pydantic_core
from pydantic import TypeAdapter, ValidationError
from pydantic.fields import FieldInfo

from relgraph.batching import chunks
from relgraph.cypher import statement
from relgraph.errors import ValidationFailed
from relgraph.ingest import gate
from relgraph.model import (
    ARRAYS,
    DOCUMENT_ORDER,
    FORMAT,
    Assessment,
    Influence,
    Opportunity,
    OrgUnit,
    Plan,
    Record,
    ReportingLine,
    Sponsor,
    assessment_score,
)
from relgraph.store.base import GraphStore

Records = dict[str, list[Record]]
# Where a record's problem is: (array, index, camelCase field path) -> `contacts[3].rank`, or
# `contacts.csv:5 rank` for tabular input.
Locate = Callable[[str, int, str], str]

LOOKUP_BATCH = 10_000  # ids per lookup statement: one read per kind and batch, not per record

# What identifies a record of each array: its id, or the natural key a re-import upserts by.
NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "accounts": ("id",), "orgUnits": ("id",), "contacts": ("id",), "staff": ("id",),
    "competitors": ("id",), "opportunities": ("id",), "interactions": ("id",),
    "reportingLines": ("person", "manager", "since"), "influences": ("from", "to"),
    "knows": ("staff", "contact"), "owners": ("staff", "contact", "role"),
    "sponsors": ("staff", "contact", "account"), "teams": ("staff", "account", "role"),
    "assessments": ("contact", "date"), "supplies": ("competitor", "account"),
    "favors": ("contact", "competitor"), "decisionChain": ("opportunity", "contact"),
    "opportunityTeam": ("opportunity", "staff", "role"),
    # the management cycle
    "plans": ("id",), "commitments": ("id",), "planReviews": ("id",), "orgActions": ("id",),
    "departmentAssessments": ("id",), "tierReviews": ("id",),
}

# The arrays that define ids others refer to, and the kind of thing each id names.
DEFINES: dict[str, str] = {
    "accounts": "account", "orgUnits": "orgUnit", "contacts": "contact", "staff": "staff",
    "competitors": "competitor", "opportunities": "opportunity",
    "plans": "plan",
}
NOUNS: dict[str, str] = {
    "account": "an account", "orgUnit": "an org unit", "contact": "a contact",
    "staff": "a staff member", "person": "a person", "competitor": "a competitor",
    "opportunity": "an opportunity",
    "plan": "a plan",
}
PEOPLE = ("contact", "staff")

# Which fields of each array refer to which kind (`person`: a contact or a staff member).
REFS: dict[str, tuple[tuple[str, str], ...]] = {
    "orgUnits": (("account", "account"), ("parent", "orgUnit")),
    "contacts": (("account", "account"), ("orgUnit", "orgUnit")),
    "opportunities": (("account", "account"),),
    "reportingLines": (("person", "person"), ("manager", "person")),
    "influences": (("from", "person"), ("to", "person")),
    "knows": (("staff", "staff"), ("contact", "contact")),
    "owners": (("staff", "staff"), ("contact", "contact")),
    "sponsors": (("staff", "staff"), ("contact", "contact"), ("account", "account")),
    "teams": (("staff", "staff"), ("account", "account")),
    "interactions": (("account", "account"), ("opportunity", "opportunity"),
                     ("staff", "staff"), ("contacts", "contact")),
    "assessments": (("contact", "contact"), ("assessedBy", "staff")),
    "supplies": (("competitor", "competitor"), ("account", "account")),
    "favors": (("contact", "contact"), ("competitor", "competitor")),
    "decisionChain": (("opportunity", "opportunity"), ("contact", "contact")),
    "opportunityTeam": (("opportunity", "opportunity"), ("staff", "staff")),
    # the management cycle
    "plans": (("contact", "contact"), ("owner", "staff"), ("sponsor", "staff"),
              ("opportunity", "opportunity")),
    "commitments": (("plan", "plan"),),
    "planReviews": (("plan", "plan"), ("reviewedBy", "staff")),
    "orgActions": (("account", "account"),),
    "departmentAssessments": (("orgUnit", "orgUnit"), ("assessedBy", "staff")),
    "tierReviews": (("account", "account"), ("reviewedBy", "staff")),
}

_KNOWN = {
    "account": statement("known_accounts"), "orgUnit": statement("known_org_units"),
    "competitor": statement("known_competitors"), "opportunity": statement("known_opportunities"),
    "plan": statement("known_plans"),
}
_KNOWN_PEOPLE = statement("known_people")
_ANY_PERSON = statement("any_person")
# list[model] of a record type chosen at run time: mypy cannot check it as a type, pydantic can.
_ADAPTERS: dict[str, TypeAdapter[list[Record]]] = {
    array: TypeAdapter(list[model]) for array, model in ARRAYS.items()  # type: ignore[valid-type]
}


def json_location(array: str, index: int, path: str) -> str:
    """`contacts[3].rank`: the array, the record's index, then the camelCase field."""
    where = f"{array}[{index}]"
    return f"{where}.{path}" if path else where


def natural_key(array: str, doc: Mapping[str, Any]) -> tuple[Any, ...]:
    """The record's identity: the values of its natural key (id, or e.g. staff and contact)."""
    return tuple(doc.get(k) for k in NATURAL_KEYS[array])


@dataclass(frozen=True)
class Validated:
    """A valid document: its records by array (dependency order), and the same as JSON dicts."""

    records: Records
    docs: dict[str, list[dict[str, Any]]]


def validate_document(
    doc: Any, store: GraphStore | None = None, *, locate: Locate = json_location,
    early: Sequence[str] = (),
) -> Records:
    """The document's records by array (dependency order), or ValidationFailed listing all."""
    return validate(doc, store, locate=locate, early=early).records


def validate(
    doc: Any, store: GraphStore | None = None, *, locate: Locate = json_location,
    early: Sequence[str] = (),
) -> Validated:
    """The document's valid records and their dicts, or ValidationFailed listing every problem.

    `store` resolves references to ids the document does not define (None: nothing is stored);
    `early` are problems a reader already found (e.g. unknown CSV columns), reported first.
    """
    check = _Check(locate)
    arrays = check.top_level(check.screen_names(doc))
    for array in DOCUMENT_ORDER:
        if array in arrays:
            check.shape(array, check.screen(array, arrays[array]))
    check.identity()
    check.rules()
    check.references(store)
    problems = [*early, *check.sorted_problems()]
    if problems:
        raise ValidationFailed(problems)
    present = [a for a in ARRAYS if a in check.records]
    return Validated({a: [r for _, r in check.records[a]] for a in present},
                     {a: [d for _, d in check.doc_of(a)] for a in present})


@dataclass
class _Check:
    """The state of one validation: valid records by array (with their index) and problems."""

    locate: Locate
    records: dict[str, list[tuple[int, Record]]] = field(default_factory=dict)
    problems: list[tuple[int, int, int, str]] = field(default_factory=list)
    docs: dict[str, list[tuple[int, dict[str, Any]]]] = field(default_factory=dict)
    # Records that failed their shape check still have their references checked (so that one
    # run lists every problem) and still define their id (so that others' references to them
    # do not cascade into more problems).
    loose: dict[str, list[tuple[int, dict[str, Any]]]] = field(default_factory=dict)
    # Records the input gate barred from parsing; only their gate-clean ids are used.
    barred: dict[str, set[int]] = field(default_factory=dict)
    # Arrays the gate proved clean whole: records of plain JSON values only (gate.array_is_clean).
    clean: set[str] = field(default_factory=set)

    # --- reporting --------------------------------------------------------------------
    def top(self, text: str) -> None:
        self.problems.append((-1, 0, len(self.problems), text))

    def add(self, array: str, index: int, path: str, reason: str) -> None:
        where = self.locate(array, index, path)
        self.problems.append((DOCUMENT_ORDER.index(array), index, len(self.problems),
                              f"{where}: {reason}"))

    def at(self, array: str, index: int) -> str:
        return self.locate(array, index, "")

    def sorted_problems(self) -> list[str]:
        return [text for *_, text in sorted(self.problems)]

    # --- pass 1: shape ----------------------------------------------------------------
    def top_level(self, doc: Any) -> dict[str, list[Any]]:
        """The document's arrays; problems with `format`, unknown keys and non-list arrays."""
        if not isinstance(doc, dict):
            self.top(f"document: expected a JSON object, got {_json_type(doc)}")
            return {}
        if "format" not in doc:
            self.top(f"format: required field missing (must be '{FORMAT}')")
        elif doc["format"] != FORMAT:
            self.top(f"format: {_show(doc['format'])} is not supported (must be '{FORMAT}')")
        arrays: dict[str, list[Any]] = {}
        for key, value in doc.items():
            if key == "format":
                continue
            if key not in ARRAYS:
                self.top(f"{key}: unknown array{did_you_mean(key, DOCUMENT_ORDER)}")
            elif value is None:
                continue  # every array is optional; null reads as absent
            elif not isinstance(value, list):
                self.top(f"{key}: expected a list of records, got {_json_type(value)}")
            else:
                arrays[key] = value
        return arrays

    def shape(self, array: str, items: list[Any]) -> None:
        """Validate one array's records with pydantic (strict JSON types, camelCase keys only)."""
        adapter = _ADAPTERS[array]
        text = _json_text(items, array in self.clean)
        try:
            valid = adapter.validate_json(text, strict=True, by_alias=True, by_name=False)
            self.records[array] = list(enumerate(valid))
            return
        except ValidationError as exc:
            failed = self._report(array, exc)
        self.loose[array] = self.loose.get(array, []) + [
            (i, _loose_doc(array, items[i])) for i in sorted(failed) if isinstance(items[i], dict)]
        good = [i for i in range(len(items)) if i not in failed]
        again = adapter.validate_json(json.dumps([items[i] for i in good], default=str),
                                      strict=True, by_alias=True, by_name=False)
        self.records[array] = list(zip(good, again, strict=True))

    def _report(self, array: str, exc: ValidationError) -> set[int]:
        failed: set[int] = set()
        for error in exc.errors():
            index, *rest = error["loc"]
            assert isinstance(index, int)
            failed.add(index)
            if index in self.barred.get(array, ()):
                continue  # refused by the gate, reported already
            path = _path(rest)
            self.add(array, index, path, _reason(array, error, rest))
        return failed

    # --- the input gate (ingest/gate.py), before anything is parsed -----------------
    def screen_names(self, doc: Any) -> Any:
        """The document without the array names the gate refuses (each one reported)."""
        if not isinstance(doc, dict):
            return doc
        refused = gate.array_name_problems(doc)
        if not refused:
            return doc
        for problem in refused:
            self.top(f"document: {problem}")
        return {k: v for k, v in doc.items() if not (isinstance(k, str) and gate.name_problem(k))}

    def screen(self, array: str, items: list[Any]) -> list[Any]:
        """Report what the gate refuses in one array; the items, barred records as None."""
        if gate.array_is_clean(array, items):
            self.clean.add(array)
            return items
        kept = items
        for index, item in enumerate(items):
            found = gate.record_problems(array, item)
            for problem in found:
                self.add(array, index, problem.path, problem.reason)
            if not any(problem.bars for problem in found):
                continue
            if kept is items:
                kept = list(items)
            kept[index] = None
            self.barred.setdefault(array, set()).add(index)
            if isinstance(item, dict):
                self.loose.setdefault(array, []).append((index, _gated(_loose_doc(array, item))))
        return kept

    # --- pass 2: identity and record rules --------------------------------------------
    def doc_of(self, array: str) -> list[tuple[int, dict[str, Any]]]:
        """The valid records of `array` as document dicts, with their index."""
        if array not in self.docs:
            records = self.records.get(array, [])
            # In bulk at Rust speed: `record.to_doc()` of each record, in one call.
            docs = _ADAPTERS[array].dump_python([r for _, r in records], mode="json",
                                                by_alias=True)
            self.docs[array] = [(i, doc) for (i, _), doc in zip(records, docs, strict=True)]
        return self.docs[array]

    def ref_docs(self, array: str) -> list[tuple[int, dict[str, Any]]]:
        """Valid records and what is usable of invalid ones, for the reference checks."""
        return self.doc_of(array) + self.loose.get(array, [])

    def identity(self) -> None:
        """Duplicate ids and natural keys within an array; one id space for all people."""
        for array in DOCUMENT_ORDER:
            seen: dict[Any, int] = {}
            keys = NATURAL_KEYS[array]
            key_of = operator.itemgetter(*keys)  # a valid record's doc holds every field
            for index, doc in self.doc_of(array):
                key = key_of(doc)
                if key not in seen:
                    seen[key] = index
                elif keys == ("id",):
                    self.add(array, index, "id", f"duplicate id {_show(doc['id'])} "
                             f"(also at {self.at(array, seen[key])})")
                else:
                    self.add(array, index, "", f"duplicate of {self.at(array, seen[key])} "
                             f"(same {', '.join(keys)})")
        contacts = {doc["id"]: index for index, doc in self.doc_of("contacts")}
        for index, doc in self.doc_of("staff"):
            if doc["id"] in contacts:
                self.add("staff", index, "id", f"duplicate person id {_show(doc['id'])} "
                         f"(also at {self.at('contacts', contacts[doc['id']])})")

    def rules(self) -> None:
        """Rules of single records that the field types cannot say."""
        for array, checks in _RULES.items():
            for index, record in self.records.get(array, []):
                for path, reason in checks(record):
                    self.add(array, index, path, reason)
        self._org_unit_cycles()

    def _org_unit_cycles(self) -> None:
        units = self.records.get("orgUnits", [])
        parent = {u.id: u.parent for _, u in units if isinstance(u, OrgUnit)}
        for index, unit in units:
            assert isinstance(unit, OrgUnit)
            seen, at_unit = {unit.id}, unit.parent
            while at_unit in parent:
                if at_unit in seen:
                    if at_unit == unit.id:
                        self.add("orgUnits", index, "parent",
                                 f"org unit {_show(unit.id)} would be its own ancestor")
                    break
                seen.add(at_unit)
                at_unit = parent[at_unit]

    # --- pass 3: references -----------------------------------------------------------
    def references(self, store: GraphStore | None) -> None:
        """Every reference names an id of the right kind, in the document or already stored."""
        defined: dict[str, dict[str, str | None]] = {kind: {} for kind in DEFINES.values()}
        for array, kind in DEFINES.items():
            for _, doc in self.ref_docs(array):
                if "id" in doc:
                    defined[kind][doc["id"]] = doc.get("account") if kind == "orgUnit" else None
        used = self._used()
        stored = _Stored.lookup(store, _wanted(used, defined))
        self._person_conflicts(stored)
        missing = {kind: {i for i in ids if gate.id_problem(i) is None
                          and _unresolved(kind, i, defined, stored)}
                   for kind, ids in used.items()}
        if any(missing.values()):  # only then look for the records that hold them
            for array, refs in REFS.items():
                for index, doc in self.ref_docs(array):
                    for name, kind in refs:
                        for path, ident in ref_values(name, doc.get(name)):
                            if ident in missing[kind]:
                                reason = _unresolved(kind, ident, defined, stored)
                                self.add(array, index, path, str(reason))
        for array in ("orgUnits", "contacts"):
            name = "parent" if array == "orgUnits" else "orgUnit"
            for index, doc in self.ref_docs(array):
                unit = doc.get(name)
                account = doc.get("account")
                # A unit or account that does not resolve is reported already.
                if unit is None or unit in missing["orgUnit"] or account in missing["account"]:
                    continue
                reason = _unit_account(doc, unit, defined, stored)
                if reason:
                    self.add(array, index, name, reason)

    def _used(self) -> dict[str, set[str]]:
        """Every id referred to, by the kind the reference wants."""
        used: dict[str, set[str]] = {kind: set() for kind in NOUNS}
        for array, refs in REFS.items():
            docs = [doc for _, doc in self.ref_docs(array)]
            for name, kind in refs:
                values = [doc.get(name) for doc in docs]
                if any(isinstance(v, list) for v in values):
                    used[kind].update(i for v in values if v for i in v if i is not None)
                else:
                    used[kind].update(v for v in values if v is not None)
        return used

    def _person_conflicts(self, stored: _Stored) -> None:
        """A document's contact stored as a staff member (or the reverse) cannot be written."""
        for array in ("contacts", "staff"):
            for index, doc in self.doc_of(array):
                was = stored.people.get(doc["id"])
                if was is not None and was != DEFINES[array]:
                    self.add(array, index, "id", f"{_show(doc['id'])} is stored as {NOUNS[was]}; "
                             "a person id is either a contact or a staff member")


def _wanted(used: dict[str, set[str]],
            defined: dict[str, dict[str, str | None]]) -> dict[str, set[str]]:
    """Ids to look up by kind: references the document does not define, and its own people.

    `own_people` is kept apart: they need a lookup only for the conflict check (a stored person
    of the other kind), and only when the graph holds any person at all (_Stored.lookup).
    """
    people = defined["contact"].keys() | defined["staff"].keys()
    wanted = {kind: used[kind] - defined[kind].keys() for kind in _KNOWN}
    wanted["person"] = (used["person"] | used["contact"] | used["staff"]) - people
    wanted["own_people"] = set(people)
    # Ids the gate refuses are reported already; none of them may reach an engine.
    return {kind: {i for i in ids if gate.id_problem(i) is None} for kind, ids in wanted.items()}


@dataclass
class _Stored:
    """What the graph already holds of the ids a document needs."""

    people: dict[str, str] = field(default_factory=dict)  # id -> contact | staff
    ids: dict[str, dict[str, str | None]] = field(default_factory=dict)  # kind -> id -> account

    @classmethod
    def lookup(cls, store: GraphStore | None, wanted: dict[str, set[str]]) -> _Stored:
        found = cls(ids={kind: {} for kind in _KNOWN})
        if store is None:
            return found
        people = wanted["person"]
        # The document's own people are looked up with the referenced ones (one read), or, when
        # it refers to no stored person, only if one cheap read finds any person stored.
        if people or (wanted["own_people"] and store.run(_ANY_PERSON)):
            people = people | wanted["own_people"]
        for ids in chunks(sorted(people), LOOKUP_BATCH):
            for row in store.run(_KNOWN_PEOPLE, {"ids": ids}):
                found.people[row["id"]] = "staff" if "Staff" in row["labels"] else "contact"
        for kind, known in _KNOWN.items():
            for ids in chunks(sorted(wanted[kind]), LOOKUP_BATCH):
                for row in store.run(known, {"ids": ids}):
                    found.ids[kind][row["id"]] = row.get("account")
        return found


def _json_text(items: list[Any], plain: bool) -> str | bytes:
    """The array as JSON text for pydantic's strict JSON mode (ISO strings are dates there,
    never in Python mode). Records of plain JSON values only (`plain`: the gate proved it)
    are written by pydantic-core, 3-4x faster than the json module (0.08 s against 0.32 s
    for 100k interactions) and the same text as far as the parse can tell (NaN and infinity
    as JSON's constants, big integers whole); anything else as before, `str` of what JSON
    cannot hold (a spreadsheet's datetime, say), so that its problem reads the same."""
    if plain:
        return pydantic_core.to_json(items, inf_nan_mode="constants")
    return json.dumps(items, default=str)


def ref_values(name: str, value: Any) -> Iterator[tuple[str, str]]:
    """(path, id) of a reference field: one for a plain field, one per item for a list."""
    if isinstance(value, list):
        for i, item in enumerate(value):
            if item is not None:
                yield f"{name}[{i}]", item
    elif value is not None:
        yield name, value


def _loose_doc(array: str, item: dict[str, Any]) -> dict[str, Any]:
    """The id, account and references of a record that failed its shape check, where usable."""
    def usable(value: Any) -> bool:
        return isinstance(value, str) and 0 < len(value) <= 200

    names = {"id", "account", *(name for name, _ in REFS.get(array, ()))}
    loose: dict[str, Any] = {}
    for name in names & item.keys():
        value = item[name]
        if isinstance(value, list) and name not in ("id", "account"):  # lists of references
            loose[name] = [v if usable(v) else None for v in value]
        elif usable(value):
            loose[name] = value
    return loose


def _gated(loose: dict[str, Any]) -> dict[str, Any]:
    """A refused record's usable ids: only those the gate passes may reach a lookup."""
    def fine(value: Any) -> bool:
        return isinstance(value, str) and gate.id_problem(value) is None

    kept: dict[str, Any] = {}
    for name, value in loose.items():
        if isinstance(value, list):
            kept[name] = [v if fine(v) else None for v in value]
        elif fine(value):
            kept[name] = value
    return kept


def _kind_of(ident: str, defined: dict[str, dict[str, str | None]], stored: _Stored,
             kinds: Iterable[str]) -> str | None:
    for kind in kinds:
        if ident in defined[kind]:
            return kind
        if kind in PEOPLE and stored.people.get(ident) == kind:
            return kind
        if kind in stored.ids and ident in stored.ids[kind]:
            return kind
    return None


def _unresolved(kind: str, ident: str, defined: dict[str, dict[str, str | None]],
                stored: _Stored) -> str | None:
    """Why a reference to `ident` as `kind` does not resolve, or None when it does."""
    wanted = PEOPLE if kind == "person" else (kind,)
    if _kind_of(ident, defined, stored, wanted):
        return None
    other = _kind_of(ident, defined, stored, [k for k in defined if k not in wanted])
    if other:
        return f"{_show(ident)} is {NOUNS[other]}, not {NOUNS[kind]}"
    noun = NOUNS[kind].split(" ", 1)[1]
    return f"no {noun} {_show(ident)} in the document or the graph"


def _unit_account(doc: dict[str, Any], unit: str, defined: dict[str, dict[str, str | None]],
                  stored: _Stored) -> str | None:
    """An org unit belongs to one account: a contact's unit and a unit's parent must share it."""
    account = defined["orgUnit"][unit] if unit in defined["orgUnit"] else \
        stored.ids["orgUnit"].get(unit)
    if account is None or doc.get("account") is None or account == doc["account"]:
        return None
    return (f"org unit {_show(unit)} belongs to account {_show(account)}, "
            f"not {_show(doc['account'])}")


# --- record rules -------------------------------------------------------------------------

Rule = Callable[[Record], list[tuple[str, str]]]


def _sponsor_rule(record: Record) -> list[tuple[str, str]]:
    assert isinstance(record, Sponsor)
    if (record.contact is None) == (record.account is None):
        return [("", "give exactly one of contact (personal sponsor) or account (account sponsor)")]
    return []


def _assessment_rule(record: Record) -> list[tuple[str, str]]:
    assert isinstance(record, Assessment)
    if record.attitude is None and assessment_score(record) is None:
        return [("", "give attitude or at least one of the six dimension scores")]
    return []


def _reporting_rule(record: Record) -> list[tuple[str, str]]:
    assert isinstance(record, ReportingLine)
    found = []
    if record.person == record.manager:
        found.append(("manager", "a person cannot report to themselves"))
    if record.since and record.until and record.until < record.since:
        found.append(("until", f"'{record.until}' is before since '{record.since}'"))
    return found


def _influence_rule(record: Record) -> list[tuple[str, str]]:
    assert isinstance(record, Influence)
    return [("to", "a person cannot influence themselves")] if record.from_ == record.to else []


def _opportunity_rule(record: Record) -> list[tuple[str, str]]:
    assert isinstance(record, Opportunity)
    if record.value is not None and not math.isfinite(record.value):
        return [("value", f"{_show(record.value)} is not a finite number")]
    return []


def _plan_rule(record: Record) -> list[tuple[str, str]]:
    assert isinstance(record, Plan)
    if record.end < record.start:
        return [("end", f"'{record.end}' is before start '{record.start}'")]
    return []


_RULES: dict[str, Rule] = {
    "sponsors": _sponsor_rule, "assessments": _assessment_rule,
    "reportingLines": _reporting_rule, "influences": _influence_rule,
    "opportunities": _opportunity_rule,
    "plans": _plan_rule,
}


# --- pydantic errors as readable reasons --------------------------------------------------

def _path(loc: Sequence[int | str]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _reason(array: str, error: Any, loc: Sequence[int | str]) -> str:
    kind, value = error["type"], error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return "required field missing"
    if kind == "extra_forbidden":
        fields = [f.alias or n for n, f in ARRAYS[array].model_fields.items()]
        return f"unknown field{did_you_mean(str(loc[-1]), fields)}"
    if kind in ("enum", "literal_error"):
        choices = [c.strip("'") for c in _split_expected(ctx.get("expected", ""))]
        return f"{_show(value)} is not one of {', '.join(choices)}"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return f"{_show(value)} is not in {_interval(array, str(loc[0]))}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected an object, got {_json_type(value)}"
    simple = {
        "string_type": "is not a string", "int_type": "is not an integer",
        "int_parsing": "is not an integer", "int_from_float": "is not an integer",
        "float_type": "is not a number", "float_parsing": "is not a number",
        "finite_number": "is not a finite number", "bool_type": "is not true or false",
        "bool_parsing": "is not true or false", "list_type": "is not a list",
        "date_type": "is not a date (YYYY-MM-DD)", "date_parsing": "is not a date (YYYY-MM-DD)",
        "date_from_datetime_parsing": "is not a date (YYYY-MM-DD)",
        "date_from_datetime_inexact": "is not a date (YYYY-MM-DD)",
    }
    if kind in simple:
        return f"{_show(value)} {simple[kind]}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is longer than {ctx.get('max_length')} characters"
    return str(error["msg"])


def _split_expected(expected: str) -> list[str]:
    # pydantic phrases choices as "'S', 'A', 'B' or 'C'".
    head, _, last = expected.rpartition(" or ")
    return [*(p.strip() for p in head.split(",") if p.strip()), last.strip()]


def _interval(array: str, alias: str) -> str:
    """A field's allowed range in interval notation, e.g. `(0, 1]` or `[-1, 3]`."""
    model = ARRAYS[array]
    info = next(f for n, f in model.model_fields.items() if (f.alias or n) == alias)
    bounds: dict[type, Any] = {type(c): c for c in _constraints(info)}
    low = f"({_number(bounds[at.Gt].gt)}" if at.Gt in bounds else \
        f"[{_number(bounds[at.Ge].ge)}" if at.Ge in bounds else "(-inf"
    high = f"{_number(bounds[at.Lt].lt)})" if at.Lt in bounds else \
        f"{_number(bounds[at.Le].le)}]" if at.Le in bounds else "inf)"
    return f"{low}, {high}"


def _number(value: Any) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _constraints(info: FieldInfo) -> list[Any]:
    found: list[Any] = list(info.metadata)
    stack: list[Any] = [info.annotation]
    while stack:
        hint = stack.pop()
        for meta in getattr(hint, "__metadata__", ()):
            found.extend(meta.metadata if isinstance(meta, FieldInfo) else [meta])
        stack.extend(get_args(hint))
    return found


def _show(value: Any) -> str:
    """A value as the user wrote it: strings quoted, JSON literals for the rest."""
    if isinstance(value, str):
        return repr(value if len(value) <= 60 else value[:57] + "...")
    text = json.dumps(value, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def _json_type(value: Any) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    return "null" if value is None else type(value).__name__


def did_you_mean(word: str, choices: Sequence[str], cutoff: float = 0.6) -> str:
    """` (did you mean X?)` for the choice closest to `word` (by `difflib` at `cutoff`, or the
    same letters without case and underscores), else empty."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=cutoff)
    if not close and word.replace("_", "").lower() in {c.lower() for c in choices}:
        close = [c for c in choices if c.lower() == word.replace("_", "").lower()]
    return f" (did you mean {close[0]}?)" if close else ""
