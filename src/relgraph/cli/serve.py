"""`relgraph serve`: the GraphQL API (uvicorn); `relgraph schema graphql`: print its SDL."""

from __future__ import annotations

import click

from relgraph.cli.app import announce, cli, fails_cleanly, settings
from relgraph.cli.db import schema


@cli.command()
@click.option("--host", default=None, help="Address to bind (default: RELGRAPH_HOST or 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default: RELGRAPH_PORT or 8000).")
@click.option("--dev-no-auth", is_flag=True, default=None,
              help="Development only: serve without API keys (loopback addresses only; also "
                   "RELGRAPH_DEV_NO_AUTH=1).")
@fails_cleanly
def serve(host: str | None, port: int | None, dev_no_auth: bool | None) -> None:
    """Serve the GraphQL API at /graphql (GraphiQL in a browser) and /healthz."""
    import uvicorn

    from relgraph.api.app import check_dev_no_auth, create_app
    from relgraph.api.limits import Limits
    from relgraph.store import open_store

    update: dict[str, object] = {}
    if host is not None:
        update["host"] = host
    if port is not None:
        update["port"] = port
    if dev_no_auth:
        update["dev_no_auth"] = True
    config = settings().model_copy(update=update)
    check_dev_no_auth(config)  # refuse before starting anything
    limits = Limits()
    graph = open_store(config, announce)
    try:
        app = create_app(config, graph, limits)
        where = f"http://{config.host}:{config.port}"
        announce(f"serving GraphQL at {where}/graphql on {graph.engine}"
                 + (" WITHOUT API keys (development)" if config.dev_no_auth else ""))
        announce(f"power map pages at {where}/map/ ; health at {where}/healthz")
        uvicorn.run(app, host=config.host, port=config.port, log_level="info")
    finally:
        graph.close()


@schema.command("graphql")
@fails_cleanly
def schema_graphql() -> None:
    """Print the GraphQL SDL from the code into schema/schema.graphql."""
    from relgraph.api.sdl import document, sdl_path

    path = sdl_path()
    path.write_text(document(), encoding="utf-8")
    click.echo(f"wrote {path}")
