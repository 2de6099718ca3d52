"""Root queries about access: who the request acts as, and the API keys (admin only)."""

from __future__ import annotations

import strawberry

from relgraph.api.auth import list_keys
from relgraph.api.loaders import Info
from relgraph.api.permissions import Admin
from relgraph.api.types.results import ApiKey, Viewer


@strawberry.type
class ViewerQuery:
    @strawberry.field(description="Who this request acts as (role, account limit, sensitive).")
    def viewer(self, info: Info) -> Viewer:
        return Viewer.of(info.context.principal)


@strawberry.type
class KeyQueries:
    @strawberry.field(description="Every API key (admin only).", permission_classes=[Admin])
    async def api_keys(self, info: Info) -> list[ApiKey]:
        ctx = info.context
        return [ApiKey.of(k) for k in await ctx.call(list_keys, ctx.store)]
