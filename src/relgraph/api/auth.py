"""API keys and who is asking.

A key is a random secret (`rg_` + 43 URL-safe characters, 256 bits) shown once when created;
the graph keeps only its sha256 as `(:ApiKey {id, hash, role, accounts, sensitive, createdAt,
revokedAt})`. Clients send `Authorization: Bearer SECRET`; the server hashes what it gets and
looks the hash up (a lookup by hash of a high-entropy secret needs no constant-time compare).

Roles, each including the one before: `reader` reads, `editor` also writes, `admin` also manages
keys. `accounts` limits a key to those accounts ([] = every account; admin keys are never
limited). `sensitive` allows reading and writing sensitive personal attributes (socialStyle).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from relgraph.cypher import statement
from relgraph.errors import InvalidInput
from relgraph.ingest.gate import check_ids
from relgraph.store.base import GraphStore

CREATE = statement("api_key_create")
BY_HASH = statement("api_key_by_hash")
LIST = statement("api_keys_list")
REVOKE = statement("api_key_revoke")
DELETE = statement("api_keys_delete")

SECRET_PREFIX = "rg_"


class Role(StrEnum):
    READER = "reader"
    EDITOR = "editor"
    ADMIN = "admin"

    @property
    def level(self) -> int:
        return {"reader": 1, "editor": 2, "admin": 3}[self.value]

    def allows(self, needed: Role) -> bool:
        return self.level >= needed.level


@dataclass(frozen=True)
class Principal:
    """Who a request acts as: the key's role, account scope and sensitive permission."""

    key_id: str | None
    role: Role
    accounts: frozenset[str] | None  # None: every account
    sensitive: bool

    @property
    def scoped(self) -> bool:
        return self.accounts is not None

    def sees_account(self, account_id: str | None) -> bool:
        """Whether records of this account are visible (None: a record of no account)."""
        if self.accounts is None:
            return True
        return account_id is not None and account_id in self.accounts

    def scope_params(self) -> dict[str, Any]:
        """The `$scoped, $accounts` parameters of the api_* statements."""
        return {"scoped": self.scoped, "accounts": sorted(self.accounts or ())}


# Development mode (`--dev-no-auth`, loopback only): everything allowed.
DEVELOPER = Principal(key_id=None, role=Role.ADMIN, accounts=None, sensitive=True)


@dataclass(frozen=True)
class ApiKeyInfo:
    id: str
    role: Role
    accounts: list[str]
    sensitive: bool
    created_at: str
    revoked_at: str | None

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None

    @staticmethod
    def from_row(row: dict[str, Any]) -> ApiKeyInfo:
        return ApiKeyInfo(
            id=str(row["id"]), role=Role(row["role"]), accounts=list(row.get("accounts") or []),
            sensitive=bool(row.get("sensitive")), created_at=str(row.get("createdAt") or ""),
            revoked_at=row.get("revokedAt"),
        )

    def principal(self) -> Principal:
        return Principal(
            key_id=self.id, role=self.role,
            accounts=frozenset(self.accounts) if self.accounts else None,
            sensitive=self.sensitive,
        )


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def create_key(
    store: GraphStore, role: Role | str, accounts: Iterable[str] = (), sensitive: bool = False,
) -> tuple[ApiKeyInfo, str]:
    """Create a key; returns it and its secret (the only time the secret exists in clear)."""
    role = Role(role)
    given = list(accounts)
    check_ids(accounts=given)  # an account id as the import takes it, never silently trimmed
    scope = sorted(set(given))
    if role is Role.ADMIN and scope:
        raise InvalidInput("an admin key manages every key, so it cannot be limited to accounts")
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    info = ApiKeyInfo(id="key-" + secrets.token_hex(6), role=role, accounts=scope,
                      sensitive=sensitive, created_at=_now(), revoked_at=None)
    store.run(CREATE, {"id": info.id, "hash": hash_secret(secret), "role": role.value,
                       "accounts": scope, "sensitive": sensitive, "createdAt": info.created_at})
    return info, secret


def list_keys(store: GraphStore) -> list[ApiKeyInfo]:
    return [ApiKeyInfo.from_row(r) for r in store.run(LIST)]


def revoke_key(store: GraphStore, key_id: str) -> ApiKeyInfo | None:
    """Revoke a key (idempotent); None when no key has this id."""
    if not store.run(REVOKE, {"id": key_id, "revokedAt": _now()}):
        return None
    return next((k for k in list_keys(store) if k.id == key_id), None)


def delete_keys(store: GraphStore, key_ids: Iterable[str]) -> None:
    """Delete keys for good (tests, housekeeping); users revoke keys instead."""
    ids = sorted(set(key_ids))
    if ids:
        store.run(DELETE, {"ids": ids})


def bearer_secret(authorization: str | None) -> str | None:
    """The secret of an `Authorization: Bearer SECRET` header (None when absent or malformed)."""
    if not authorization:
        return None
    scheme, _, secret = authorization.strip().partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        return None
    return secret.strip()


def key_for_secret(store: GraphStore, secret: str) -> ApiKeyInfo | None:
    """The live (not revoked) key of a secret, or None."""
    rows = store.run(BY_HASH, {"hash": hash_secret(secret)})
    if not rows:
        return None
    info = ApiKeyInfo.from_row(rows[0])
    return None if info.revoked else info
