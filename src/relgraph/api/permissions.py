"""Who may use a field, declared on the field (`permission_classes=[Editor]`): each permission
reads the asking key (the context's principal) and, when it does not allow the field, stops it
with FORBIDDEN and a message naming what the key lacks. (It raises that error itself: strawberry
shares one permission object among all requests, so the message cannot wait on the object.)

- `Editor`: writes (every mutation but key management); `reader` keys only read.
- `Admin`: key management (`apiKeys`, `createApiKey`, `revokeApiKey`).
- `Sensitive`: sensitive personal attributes (`Contact.socialStyle`, `eraseSensitive`).
"""

from __future__ import annotations

from typing import Any

from strawberry.permission import BasePermission

from relgraph.api.auth import Role
from relgraph.api.context import Context
from relgraph.errors import Forbidden


def _context(info: Any) -> Context[Any]:
    ctx = info.context
    assert isinstance(ctx, Context)
    return ctx


class _RoleAtLeast(BasePermission):
    needed: Role

    def has_permission(self, source: Any, info: Any, **kwargs: Any) -> bool:
        who = _context(info).principal
        if not who.role.allows(self.needed):
            raise Forbidden(f"this API key's role ({who.role.value}) cannot do this; "
                            f"it needs {self.needed.value}")
        return True


class Editor(_RoleAtLeast):
    """An editor (or admin) key: it may write."""

    needed = Role.EDITOR


class Admin(_RoleAtLeast):
    """An admin key: it manages API keys."""

    needed = Role.ADMIN


class Sensitive(BasePermission):
    """A key with the `sensitive` permission: it reads and writes sensitive personal data."""

    def has_permission(self, source: Any, info: Any, **kwargs: Any) -> bool:
        if not _context(info).principal.sensitive:
            raise Forbidden(f"`{info.field_name}` is sensitive personal data: it needs the "
                            "`sensitive` permission, which this API key lacks")
        return True
