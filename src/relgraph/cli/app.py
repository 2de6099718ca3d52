"""The `relgraph` command group and what its commands share: settings, the store, errors."""

from __future__ import annotations

import functools
import logging
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar, cast

import click

from relgraph.config import Settings
from relgraph.errors import RelgraphError, ValidationFailed
from relgraph.store import GraphStore, open_store

F = TypeVar("F", bound=Callable[..., Any])


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="relgraph")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """relgraph: relationship intelligence for B2B key-account selling (the MCR method)."""
    # The Neo4j driver logs connection failures itself; the CLI reports them once, in one line.
    logging.getLogger("neo4j").addHandler(logging.NullHandler())


def announce(message: str) -> None:
    """One line on stderr about what relgraph did on the user's behalf (e.g. started the engine)."""
    click.echo(f"relgraph: {message}", err=True)


def settings() -> Settings:
    """The settings, read when a command first needs them (so that a bad one is reported like
    any error of the command: one line)."""
    root = click.get_current_context().find_root()
    if root.obj is None:
        root.obj = Settings()
    assert isinstance(root.obj, Settings)
    return root.obj


def store() -> GraphStore:
    """The configured store, opened once per command (the embedded engine starts if needed)."""
    ctx = click.get_current_context().find_root()
    if "store" not in ctx.meta:
        opened = open_store(settings(), announce)
        ctx.meta["store"] = opened
        ctx.call_on_close(opened.close)
    shared: GraphStore = ctx.meta["store"]
    return shared


def fails_cleanly(func: F) -> F:
    """Report a RelgraphError, or a file or folder that cannot be used, as one line on stderr
    (a rejected import lists every problem first)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ValidationFailed as exc:
            for problem in exc.problems:
                click.echo(problem, err=True)
            click.echo(f"relgraph: rejected, {len(exc.problems)} problem(s); nothing was written",
                       err=True)
            sys.exit(1)
        except RelgraphError as exc:
            click.echo(f"relgraph: {str(exc).splitlines()[0]}", err=True)
            sys.exit(1)
        except BrokenPipeError:  # the reader of our output went away (`| head`): nothing to say
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
        except OSError as exc:
            where = f": {exc.filename}" if exc.filename else ""
            click.echo(f"relgraph: {exc.strerror or exc}{where}", err=True)
            sys.exit(1)

    return cast(F, wrapper)
