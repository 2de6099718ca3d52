"""Writes through the API: every upsert is an import of a small relgraph/1 document, so it gets
exactly the import's validation (all problems, nothing written on error) and writes.

Before the import, two checks of the API's own:
- **scope**: a key limited to some accounts may only write records of those accounts (see
  `scope_problems`); staff members and competitors, shared by every account, need an unlimited
  key;
- **sensitive attributes**: `socialStyle` may only be written with the `sensitive` permission;
  a key without it that upserts a contact keeps the stored value (it is read server-side and
  written back, never shown).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from relgraph.api.auth import Principal, Role
from relgraph.api.context import Context
from relgraph.cypher import statement
from relgraph.errors import Forbidden, NotFound
from relgraph.ingest.importer import ImportSummary, import_document
from relgraph.model import FORMAT
from relgraph.store.base import GraphStore

RECORD_ACCOUNTS = statement("api_record_accounts")
SOCIAL_STYLES = statement("api_social_styles")
REMOVE_OWNER = statement("api_remove_owner")
UNPAIR_CONTACT = statement("api_unpair_contact_sponsor")
UNPAIR_ACCOUNT = statement("api_unpair_account_sponsor")
ERASE_SENSITIVE = statement("api_erase_sensitive")

SENSITIVE_FIELDS = ("socialStyle",)
# Arrays of records every account shares: only an unlimited key may write them.
SHARED_ARRAYS = ("staff", "competitors")
# Arrays whose records have an id and an `account` (the stored one must be in scope too).
ACCOUNT_RECORDS = ("orgUnits", "contacts", "opportunities", "interactions")


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


def scope_problems(store: GraphStore, who: Principal, doc: Mapping[str, Any]) -> list[str]:
    """What a key limited to some accounts may not write in `doc` (empty when all is in scope).

    Each record must belong to the key's accounts: by its `account` (and, for an existing
    record, by the account it is stored under), or through the contact, opportunity or org unit
    it refers to. Interactions need an `account` in scope. People in reporting lines and
    influences must be contacts in scope or staff members.
    """
    if not who.scoped:
        return []
    problems: list[str] = []
    for array in SHARED_ARRAYS:
        if _dicts(doc, array):
            problems.append(f"{array}: shared by every account; only a key without an account "
                            "limit may write them")
    # Accounts of the ids records refer to: defined in the document, else as stored.
    defined: dict[str, dict[str, str | None]] = {a: {} for a in ACCOUNT_RECORDS}
    for array in ACCOUNT_RECORDS:
        for _, r in _dicts(doc, array):
            if (rid := _text(r.get("id"))) is not None:
                defined[array][rid] = _text(r.get("account"))
    wanted: dict[str, set[str]] = {a: set(defined[a]) for a in ACCOUNT_RECORDS}
    for _, r in _dicts(doc, "decisionChain"):
        _add(wanted, "opportunities", r.get("opportunity"))
    for array in ("knows", "owners", "sponsors", "assessments", "favors", "decisionChain",
                  "reportingLines", "influences"):
        for _, r in _dicts(doc, array):
            for name in ("contact", "person", "manager", "from", "to"):
                _add(wanted, "contacts", r.get(name))
    for _, r in _dicts(doc, "opportunityTeam"):
        _add(wanted, "opportunities", r.get("opportunity"))
    for _, r in _dicts(doc, "interactions"):
        _add(wanted, "opportunities", r.get("opportunity"))
        for cid in r.get("contacts") or []:
            _add(wanted, "contacts", cid)
    stored: dict[str, dict[str, str | None]] = {a: {} for a in ACCOUNT_RECORDS}
    if any(wanted.values()):
        params = {a: sorted(ids) for a, ids in wanted.items()}
        for row in store.run(RECORD_ACCOUNTS, params):
            stored[row["kind"]][row["id"]] = row.get("account")

    def account_of(array: str, ident: Any) -> tuple[bool, str | None]:
        """(known, account) of an id of `array`: the document's record first, else stored."""
        key = _text(ident)
        if key is None:
            return False, None
        if key in defined[array]:
            return True, defined[array][key]
        if key in stored[array]:
            return True, stored[array][key]
        return False, None

    def check(where: str, account: Any) -> None:
        if not who.sees_account(_text(account)):
            problems.append(f"{where}: outside the accounts this API key may write")

    for i, r in _dicts(doc, "accounts"):
        check(f"accounts[{i}].id", r.get("id"))
    for array in ACCOUNT_RECORDS:
        for i, r in _dicts(doc, array):
            check(f"{array}[{i}].account", r.get("account"))
            rid = _text(r.get("id"))
            if rid is not None and rid in stored[array]:
                check(f"{array}[{i}].id (stored under another account)", stored[array][rid])
    for array in ("knows", "owners", "assessments", "favors", "decisionChain"):
        for i, r in _dicts(doc, array):
            known, account = account_of("contacts", r.get("contact"))
            if known:
                check(f"{array}[{i}].contact", account)
    people: tuple[tuple[str, tuple[str, ...]], ...] = (
        ("reportingLines", ("person", "manager")), ("influences", ("from", "to")))
    for array, fields in people:
        for i, r in _dicts(doc, array):
            for name in fields:
                known, account = account_of("contacts", r.get(name))
                if known:  # else a staff member (or unknown: the validation says so)
                    check(f"{array}[{i}].{name}", account)
    for i, r in _dicts(doc, "sponsors"):
        if r.get("account") is not None:
            check(f"sponsors[{i}].account", r.get("account"))
        if r.get("contact") is not None:
            known, account = account_of("contacts", r.get("contact"))
            if known:
                check(f"sponsors[{i}].contact", account)
    for array in ("teams", "supplies"):
        for i, r in _dicts(doc, array):
            check(f"{array}[{i}].account", r.get("account"))
    for array in ("decisionChain", "opportunityTeam", "interactions"):
        for i, r in _dicts(doc, array):
            if r.get("opportunity") is None:
                continue
            known, account = account_of("opportunities", r.get("opportunity"))
            if known:
                check(f"{array}[{i}].opportunity", account)
    for i, r in _dicts(doc, "interactions"):
        for j, cid in enumerate(r.get("contacts") or []):
            known, account = account_of("contacts", cid)
            if known:
                check(f"interactions[{i}].contacts[{j}]", account)
    return problems


def _add(wanted: dict[str, set[str]], array: str, ident: Any) -> None:
    key = _text(ident)
    if key is not None:
        wanted[array].add(key)


def write_document(store: GraphStore, who: Principal, doc: Any) -> ImportSummary:
    """Check scope and sensitive attributes, then import `doc` (blocking: run in a thread)."""
    if isinstance(doc, dict):
        doc = dict(doc)
        problems = sensitive_problems(who, doc) + scope_problems(store, who, doc)
        if problems:
            raise Forbidden("this API key may not write some of these records; nothing was "
                            "written", problems=problems)
        keep_sensitive(store, who, doc)
    return import_document(store, doc)


async def write(ctx: Context, arrays: Mapping[str, Iterable[dict[str, Any]]]) -> ImportSummary:
    """Import the records given (array -> records) as one document, as the asking key."""
    who = ctx.require(Role.EDITOR)
    doc: dict[str, Any] = {"format": FORMAT}
    for array, records in arrays.items():
        doc[array] = [dict(r) for r in records]
    return await ctx.call(write_document, ctx.store, who, doc)


async def import_whole(ctx: Context, document: Any) -> ImportSummary:
    who = ctx.require(Role.EDITOR)
    return await ctx.call(write_document, ctx.store, who, document)


async def remove_owner(ctx: Context, staff: str, contact: str, role: str) -> int:
    await _contact_in_scope(ctx, contact)
    rows = await ctx.rows(REMOVE_OWNER, {"staff": staff, "contact": contact, "role": role})
    if not rows:
        raise NotFound("staff member or contact", f"{staff}/{contact}")
    return int(rows[0]["removed"])


async def unpair_sponsor(
    ctx: Context, staff: str, contact: str | None, account: str | None,
) -> int:
    if (contact is None) == (account is None):
        from relgraph.errors import InvalidInput

        raise InvalidInput("give exactly one of `contactId` (personal sponsor) or `accountId` "
                           "(account sponsor)")
    if contact is not None:
        await _contact_in_scope(ctx, contact)
        rows = await ctx.rows(UNPAIR_CONTACT, {"staff": staff, "contact": contact})
    else:
        ctx.require(Role.EDITOR)
        if not ctx.sees_account(account):
            raise NotFound("account", str(account))
        rows = await ctx.rows(UNPAIR_ACCOUNT, {"staff": staff, "account": account})
    if not rows:
        raise NotFound("staff member or " + ("contact" if contact else "account"),
                        f"{staff}/{contact or account}")
    return int(rows[0]["removed"])


async def erase_sensitive(ctx: Context, contacts: list[str]) -> list[str]:
    who = ctx.require(Role.EDITOR)
    if not who.sensitive:
        raise Forbidden("erasing sensitive attributes needs the `sensitive` permission")
    for cid in contacts:
        await _contact_in_scope(ctx, cid)
    rows = await ctx.rows(ERASE_SENSITIVE, {"ids": sorted(set(contacts))})
    return [str(r["id"]) for r in rows]


async def _contact_in_scope(ctx: Context, contact: str) -> None:
    ctx.require(Role.EDITOR)
    row = await ctx.loaders.contact.load(contact)
    if row is None or not ctx.sees_account(row.get("account")):
        raise NotFound("contact", contact)
