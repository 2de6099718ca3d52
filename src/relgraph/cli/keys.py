"""`relgraph keys create|list|revoke`: API keys of the GraphQL API (docs/CONTRACT.md §3)."""

from __future__ import annotations

import click

from relgraph.api.auth import Role, create_key, list_keys, revoke_key
from relgraph.cli.app import cli, fails_cleanly, store
from relgraph.errors import NotFound


@cli.group()
def keys() -> None:
    """API keys: clients send `Authorization: Bearer SECRET`."""


@keys.command("create")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True,
              help="reader reads; editor also writes; admin also manages keys.")
@click.option("--account", "accounts", multiple=True, metavar="ID",
              help="Limit the key to this account (repeatable); default: every account.")
@click.option("--sensitive", is_flag=True,
              help="Allow reading and writing sensitive personal attributes (socialStyle).")
@fails_cleanly
def create(role: str, accounts: tuple[str, ...], sensitive: bool) -> None:
    """Create a key; its secret is printed alone on the last line, this once only."""
    info, secret = create_key(store(), role, accounts, sensitive)
    scope = ", ".join(info.accounts) if info.accounts else "every account"
    click.echo(f"created API key {info.id}: role {info.role.value}, {scope}"
               f"{', sensitive' if info.sensitive else ''}")
    click.echo("the secret below is shown only now; send it as `Authorization: Bearer SECRET`")
    click.echo(secret)


@keys.command("list")
@fails_cleanly
def list_() -> None:
    """Every key: id, role, accounts, sensitive, created, revoked (never the secret)."""
    found = list_keys(store())
    if not found:
        click.echo("no API keys (create one with `relgraph keys create --role reader`)")
        return
    rows = [("ID", "ROLE", "ACCOUNTS", "SENSITIVE", "CREATED", "REVOKED")]
    rows += [(k.id, k.role.value, ",".join(k.accounts) or "*", "yes" if k.sensitive else "no",
              k.created_at, k.revoked_at or "-") for k in found]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


@keys.command("revoke")
@click.argument("key_id", metavar="ID")
@fails_cleanly
def revoke(key_id: str) -> None:
    """Revoke a key at once (revoking twice is harmless)."""
    info = revoke_key(store(), key_id)
    if info is None:
        raise NotFound("API key", key_id)
    click.echo(f"revoked API key {info.id} at {info.revoked_at}")
