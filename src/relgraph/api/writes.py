"""Writes through the API: every upsert is an import of a small relgraph/1 document, so it gets
exactly the import's validation (all problems, nothing written on error) and writes.

Before the import, two checks of the API's own (the role a write needs is declared on each
mutation, relgraph.api.permissions):
- **scope**: a key limited to some accounts may only write records of those accounts (see
  `scope_of`, which reads which field refers to what from the import's own table,
  `validation.REFS`); staff members and competitors, shared by every account, need an unlimited
  key;
- **sensitive attributes**: `socialStyle` may only be written with the `sensitive` permission;
  a key without it that upserts a contact keeps the stored value (it is read server-side and
  written back, never shown).

A reference to a record stored under an account the key may not see is no scope problem: the
document is validated as if the graph did not hold that record (`_Unseen`), so the key gets
exactly the answer it gets for an id that does not exist ("no contact ... in the document or the
graph") and learns nothing of other accounts. Only a record's own id cannot be hidden so: an id
another account's record has is refused (FORBIDDEN), where a free one is created.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from relgraph.api.auth import Principal
from relgraph.api.context import Context
from relgraph.api.loaders import Loaders
from relgraph.cypher import Statement, statement
from relgraph.errors import Forbidden, InvalidInput, NotFound, UnknownStatement, ValidationFailed
from relgraph.ingest import gate
from relgraph.ingest.importer import ImportSummary, import_document
from relgraph.ingest.validation import DEFINES, NATURAL_KEYS, REFS, ref_values, validate
from relgraph.model import ARRAYS, FORMAT
from relgraph.store.base import GraphStore, Row

RECORD_ACCOUNTS = statement("api_record_accounts")
SOCIAL_STYLES = statement("api_social_styles")
REMOVE_OWNER = statement("api_remove_owner")
UNPAIR_CONTACT = statement("api_unpair_contact_sponsor")
UNPAIR_ACCOUNT = statement("api_unpair_account_sponsor")
ERASE_SENSITIVE = statement("api_erase_sensitive")

SENSITIVE_FIELDS = ("socialStyle",)
# Arrays whose records have an id and an `account` (the stored one must be in scope too).
ACCOUNT_RECORDS = tuple(a for a, refs in REFS.items()
                        if NATURAL_KEYS[a] == ("id",) and ("account", "account") in refs)
# Records whose account is that of another record they name: a plan's is its contact's, a
# department assessment's its org unit's, a commitment's and a review's that of their plan (in
# this order: a plan of the document first).
_ACCOUNT_VIA = {"plans": ("contact", "contacts"), "departmentAssessments": ("orgUnit", "orgUnits"),
                "commitments": ("plan", "plans"), "planReviews": ("plan", "plans")}
# Arrays of records with an id of no account (shared by every account): unlimited keys only.
SHARED_ARRAYS = tuple(a for a in DEFINES
                      if a != "accounts" and a not in ACCOUNT_RECORDS and a not in _ACCOUNT_VIA)
# The array that defines the ids of each kind a reference may name (`person`: a contact, else
# a staff member, who belongs to no account).
_ARRAY_OF = {kind: array for array, kind in DEFINES.items()} | {"person": "contacts"}
# The kinds of reference whose record belongs to an account that the key must see.
_OF_ACCOUNT = {"contact", "person", "opportunity", "orgUnit", "plan"}

# Per array, the camelCase names of its required fields (a required account must be in scope
# even when left out: the document is then invalid as well).
_REQUIRED = {array: {f.alias or name for name, f in model.model_fields.items() if f.is_required()}
             for array, model in ARRAYS.items()}

if missing := ({_ARRAY_OF[k] for k in _OF_ACCOUNT} | set(ACCOUNT_RECORDS) | set(_ACCOUNT_VIA)) \
        - set(RECORD_ACCOUNTS.params):
    raise UnknownStatement(f"{RECORD_ACCOUNTS.where}: api_record_accounts must also read the "
                           f"stored account of {sorted(missing)} (the write-scope check)")


def _dicts(doc: Mapping[str, Any], array: str) -> list[tuple[int, dict[str, Any]]]:
    items = doc.get(array)
    if not isinstance(items, list):
        return []
    return [(i, r) for i, r in enumerate(items) if isinstance(r, dict)]


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def sensitive_problems(who: Principal, doc: Mapping[str, Any]) -> list[str]:
    if who.sensitive:
        return []
    return [f"contacts[{i}].{name}: sensitive personal attribute; this API key lacks the "
            "`sensitive` permission"
            for i, record in _dicts(doc, "contacts") for name in SENSITIVE_FIELDS
            if record.get(name) is not None]


def keep_sensitive(store: GraphStore, who: Principal, doc: dict[str, Any]) -> None:
    """For a key without the permission: write back the stored sensitive attributes."""
    if who.sensitive:
        return
    contacts = _dicts(doc, "contacts")
    ids = sorted({cid for _, r in contacts if (cid := _text(r.get("id")))})
    if not ids:
        return
    stored = {r["id"]: r["socialStyle"] for r in store.run(SOCIAL_STYLES, {"ids": ids})}
    for _, record in contacts:
        style = stored.get(record.get("id"))
        if style is not None:
            record["socialStyle"] = style


class _Accounts:
    """The account of each id a document's records are or refer to: the document's own record
    first, else the stored one (one statement for all of them)."""

    def __init__(self, store: GraphStore, doc: Mapping[str, Any]) -> None:
        self.defined: dict[str, dict[str, str | None]] = {a: {} for a in RECORD_ACCOUNTS.params}
        for array in ACCOUNT_RECORDS:
            for _, r in _dicts(doc, array):
                if (rid := _text(r.get("id"))) is not None:
                    self.defined[array][rid] = _text(r.get("account"))
        wanted: dict[str, set[str]] = {a: set(ids) for a, ids in self.defined.items()}
        for array, refs in REFS.items():
            for _, r in _dicts(doc, array):
                for name, kind in refs:
                    if kind in _OF_ACCOUNT:
                        wanted[_ARRAY_OF[kind]].update(
                            i for _, i in ref_values(name, r.get(name)) if _text(i))
        for array in _ACCOUNT_VIA:
            wanted[array].update(rid for _, r in _dicts(doc, array)
                                 if (rid := _text(r.get("id"))) is not None)
        self.stored: dict[str, dict[str, str | None]] = {a: {} for a in RECORD_ACCOUNTS.params}
        if any(wanted.values()):
            for row in store.run(RECORD_ACCOUNTS, {a: sorted(ids) for a, ids in wanted.items()}):
                self.stored[row["kind"]][row["id"]] = row.get("account")
        # A plan of the document belongs to the account of the contact it names; its
        # commitments and reviews to the account of their plan.
        for array, (name, via) in _ACCOUNT_VIA.items():
            for _, r in _dicts(doc, array):
                if (rid := _text(r.get("id"))) is not None:
                    self.defined[array][rid] = self.of(via, r.get(name))[1]

    def of(self, array: str, ident: Any) -> tuple[bool, str | None]:
        """(known, account) of an id of `array`."""
        key = _text(ident)
        if key is not None and key in self.defined[array]:
            return True, self.defined[array][key]
        if key is not None and key in self.stored[array]:
            return True, self.stored[array][key]
        return False, None


@dataclass
class Scope:
    """What a key limited to some accounts may not write in a document (`problems`), and the
    stored records of other accounts it refers to (`unseen` ids)."""

    problems: list[str] = field(default_factory=list)
    unseen: set[str] = field(default_factory=set)


def scope_of(store: GraphStore, who: Principal, doc: Mapping[str, Any]) -> Scope:
    """The scope problems of `doc` for `who` (none for a key without an account limit).

    Each record must belong to the key's accounts: by its `account` (and, for an existing
    record, by the account it is stored under), or through the contact or opportunity it refers
    to. Interactions need an `account` in scope. People in reporting lines and influences must
    be contacts in scope or staff members. (An org unit a record names must be of the record's
    own account, which the import's validation checks.)
    """
    scope = Scope()
    if not who.scoped:
        return scope
    problems = scope.problems
    problems += [f"{array}: shared by every account; only a key without an account limit may "
                 "write them" for array in SHARED_ARRAYS if _dicts(doc, array)]

    def check(where: str, account: Any) -> None:
        if not who.sees_account(_text(account)):
            problems.append(f"{where}: outside the accounts this API key may write")

    accounts = _Accounts(store, doc)
    for i, r in _dicts(doc, "accounts"):
        check(f"accounts[{i}].id", r.get("id"))
    for array in ACCOUNT_RECORDS:
        for i, r in _dicts(doc, array):
            check(f"{array}[{i}].account", r.get("account"))
            _stored_elsewhere(check, accounts, array, i, r)
    for array in _ACCOUNT_VIA:
        for i, r in _dicts(doc, array):
            _stored_elsewhere(check, accounts, array, i, r)
    for array, refs in REFS.items():
        for i, r in _dicts(doc, array):
            for name, kind in refs:
                if kind == "account" and array not in ACCOUNT_RECORDS and (
                        r.get(name) is not None or name in _REQUIRED[array]):
                    check(f"{array}[{i}].{name}", r.get(name))
                elif kind in _OF_ACCOUNT:
                    for path, ident in ref_values(name, r.get(name)):
                        of = _ARRAY_OF[kind]
                        known, account = accounts.of(of, ident)
                        if known and ident not in accounts.defined[of] \
                                and not who.sees_account(account):
                            scope.unseen.add(ident)  # stored elsewhere: as if not there
                        elif known:  # else a staff member (or unknown: the validation says so)
                            check(f"{array}[{i}].{path}", account)
    return scope


class _Unseen:
    """The store as a key limited to some accounts may know it: the rows of records it may not
    see (lookups return the `id` of each record found) are not there."""

    def __init__(self, store: GraphStore, unseen: set[str]) -> None:
        self._store = store
        self._unseen = unseen
        self.engine = store.engine
        self.statements_run = 0

    def run(self, statement: Statement, params: Mapping[str, Any] | None = None) -> list[Row]:
        self.statements_run += 1
        return [row for row in self._store.run(statement, params)
                if row.get("id") not in self._unseen]

    def run_schema(self, ddl: str) -> None:
        raise UnknownStatement("a document's validation applies no schema")

    def drop(self) -> None:
        raise UnknownStatement("a document's validation drops nothing")

    def version(self) -> str:
        return self._store.version()

    def close(self) -> None:
        """The store is not this view's to close."""


def _stored_elsewhere(check: Callable[[str, Any], None], accounts: _Accounts, array: str,
                      index: int, record: dict[str, Any]) -> None:
    """A record already stored must be stored under an account of the key, too."""
    rid = _text(record.get("id"))
    if rid is not None and rid in accounts.stored[array]:
        check(f"{array}[{index}].id (stored under another account)", accounts.stored[array][rid])


def write_document(store: GraphStore, who: Principal, doc: Any) -> ImportSummary:
    """Check scope and sensitive attributes, then import `doc` (blocking: run in a thread)."""
    if isinstance(doc, dict):
        doc = dict(doc)
        # The input gate first: the scope check sends the document's ids to the engine.
        refused = gate.document_problems(doc)
        if refused:
            raise ValidationFailed(refused)
        scope = scope_of(store, who, doc)
        problems = sensitive_problems(who, doc) + scope.problems
        if problems:
            raise Forbidden("this API key may not write some of these records; nothing was "
                            "written", problems=problems)
        if scope.unseen:
            # Refers to records the key may not see: rejected as for ids that do not exist.
            validate(doc, _Unseen(store, scope.unseen))
            raise AssertionError("a reference to a record the key may not see validated")
        keep_sensitive(store, who, doc)
    return import_document(store, doc)


async def write(ctx: Context[Loaders],
                arrays: Mapping[str, Iterable[dict[str, Any]]]) -> ImportSummary:
    """Import the records given (array -> records) as one document, as the asking key."""
    doc: dict[str, Any] = {"format": FORMAT}
    for array, records in arrays.items():
        doc[array] = [dict(r) for r in records]
    return await import_whole(ctx, doc)


async def import_whole(ctx: Context[Loaders], document: Any) -> ImportSummary:
    return await ctx.write(write_document, ctx.principal, document)


async def remove_owner(ctx: Context[Loaders], staff: str, contact: str, role: str) -> int:
    await contact_in_scope(ctx, contact)
    rows = await ctx.write_rows(REMOVE_OWNER, {"staff": staff, "contact": contact, "role": role})
    if not rows:
        raise NotFound("staff member or contact", f"{staff}/{contact}")
    return int(rows[0]["removed"])


def one_sponsored(contact: str | None, account: str | None) -> None:
    """A sponsorship is of exactly one contact (personal sponsor) or one account."""
    if (contact is None) == (account is None):
        raise InvalidInput("give exactly one of `contactId` (personal sponsor) or `accountId` "
                           "(account sponsor)")


async def unpair_sponsor(
    ctx: Context[Loaders], staff: str, contact: str | None, account: str | None,
) -> int:
    one_sponsored(contact, account)
    if contact is not None:
        await contact_in_scope(ctx, contact)
        rows = await ctx.write_rows(UNPAIR_CONTACT, {"staff": staff, "contact": contact})
    else:
        if not ctx.loaders.sees(account):
            raise NotFound("account", str(account))
        rows = await ctx.write_rows(UNPAIR_ACCOUNT, {"staff": staff, "account": account})
    if not rows:
        raise NotFound("staff member or " + ("contact" if contact else "account"),
                       f"{staff}/{contact or account}")
    return int(rows[0]["removed"])


async def erase_sensitive(ctx: Context[Loaders], contacts: list[str]) -> list[str]:
    for cid in contacts:
        await contact_in_scope(ctx, cid)
    rows = await ctx.write_rows(ERASE_SENSITIVE, {"ids": sorted(set(contacts))})
    return [str(r["id"]) for r in rows]


async def contact_in_scope(ctx: Context[Loaders], contact: str) -> None:
    if await ctx.loaders.contact.load(contact) is None:
        raise NotFound("contact", contact)
