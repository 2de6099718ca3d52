"""What writes and key management answer: import summaries, API keys, the viewer."""

from __future__ import annotations

import strawberry

from relgraph.api.auth import ApiKeyInfo, Principal
from relgraph.ingest.importer import ImportSummary as Summary


@strawberry.type(description="An API key (its secret is only ever shown when created).")
class ApiKey:
    id: strawberry.ID
    role: str
    accounts: list[strawberry.ID] = strawberry.field(
        description="The accounts the key is limited to (empty: every account).")
    sensitive: bool
    created_at: str
    revoked_at: str | None

    @staticmethod
    def of(key: ApiKeyInfo) -> ApiKey:
        return ApiKey(id=strawberry.ID(key.id), role=key.role.value,
                      accounts=[strawberry.ID(a) for a in key.accounts], sensitive=key.sensitive,
                      created_at=key.created_at, revoked_at=key.revoked_at)


@strawberry.type(description="A new API key and its secret: store the secret now.")
class NewApiKey:
    key: ApiKey
    secret: str


@strawberry.type(description="Who the request acts as.")
class Viewer:
    key_id: strawberry.ID | None
    role: str
    accounts: list[strawberry.ID] | None = strawberry.field(
        description="The accounts the key is limited to (null: every account).")
    sensitive: bool

    @staticmethod
    def of(who: Principal) -> Viewer:
        return Viewer(key_id=strawberry.ID(who.key_id) if who.key_id else None,
                      role=who.role.value,
                      accounts=None if who.accounts is None
                      else [strawberry.ID(a) for a in sorted(who.accounts)],
                      sensitive=who.sensitive)


@strawberry.type(description="What an import did to the records of one array.")
class ArrayCounts:
    array: str
    created: int
    updated: int
    unchanged: int


@strawberry.type(description="What an import or upsert did, per array of the document.")
class ImportSummary:
    records: int
    seconds: float
    arrays: list[ArrayCounts]

    @staticmethod
    def of(summary: Summary) -> ImportSummary:
        return ImportSummary(
            records=summary.records, seconds=round(summary.seconds, 3),
            arrays=[ArrayCounts(array=a, created=c.created, updated=c.updated,
                                unchanged=c.unchanged) for a, c in summary.arrays.items()],
        )
