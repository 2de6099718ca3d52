"""`relgraph db start|stop|status` and `relgraph schema apply`."""

from __future__ import annotations

import click

from relgraph.cli.app import announce, cli, fails_cleanly, settings, store
from relgraph.errors import RelgraphError
from relgraph.store import EmbeddedEngine, apply_schema


@cli.group()
def db() -> None:
    """Run the embedded engine (FalkorDB) in the background."""


def _embedded() -> EmbeddedEngine:
    config = settings()
    if config.engine != "falkordb":
        raise RelgraphError(
            f"RELGRAPH_NEO4J_URI is set ({config.neo4j_uri}): Neo4j is the engine and is run by "
            "its own service, not by `relgraph db`"
        )
    return EmbeddedEngine(config)


@db.command()
@fails_cleanly
def start() -> None:
    """Start the embedded engine (says so and succeeds when it already runs)."""
    engine = _embedded()
    if not engine.start(announce):
        status = engine.status()
        click.echo(f"already running (pid {status.pid}, {status.socket})")
    else:
        click.echo(f"running (pid {engine.pid()}, {engine.socket})")


@db.command()
@fails_cleanly
def stop() -> None:
    """Stop the embedded engine cleanly (nothing acknowledged is lost)."""
    engine = _embedded()
    click.echo("stopped" if engine.stop() else "not running")


@db.command()
@fails_cleanly
def status() -> None:
    """Show pid, socket, data size and engine version."""
    engine = _embedded()
    st = engine.status()
    state = "running" if st.running else "not answering" if st.pid is not None else "stopped"
    click.echo(f"state:    {state}")
    click.echo(f"pid:      {st.pid if st.pid is not None else '-'}")
    click.echo(f"socket:   {st.socket}")
    click.echo(f"data:     {st.data_dir} ({_size(st.data_bytes)})")
    click.echo(f"engine:   {st.version or '-'}")


@cli.group()
def schema() -> None:
    """The database schema (unique ids and indexes)."""


@schema.command("apply")
@fails_cleanly
def schema_apply() -> None:
    """Apply the schema of the configured engine (idempotent)."""
    graph = store()
    from relgraph.store.schema import ddl_file

    count = apply_schema(graph)
    click.echo(
        f"applied {count} schema statements on {graph.engine} ({ddl_file(graph.engine).name})"
    )


def _size(n: int) -> str:
    value = float(n)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if value < 1024 or unit == "GiB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{n} B"
