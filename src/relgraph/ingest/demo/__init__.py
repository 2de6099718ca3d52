"""Deterministic demo portfolio: a realistic `relgraph/1` document for demos, tests and benchmarks.

Everything is drawn from one `random.Random(seed)` and dated relative to `as_of`, so the same
(accounts, seed, as_of) always gives the same document and the portfolio always looks current.
Deliberate imperfections (missing owners, stale contacts, dark units, ...) make every coverage
rule of the contract fire somewhere.

The package: `tables` (the data the builders draw from), `records` (the builders' own records),
`state` (what they share: the generator, the document, ids, our staff), and one builder per
part of an account: `accounts` (the portfolio's accounts and executives), `client` (org chart
and people), `ours` (team, owners, sponsors, who knows whom), `deals` (opportunities, decision
chains, competitors), `activity` (assessments, interactions), `company` (organizational
actions, department assessments, tier reviews); `builder` puts them together.
"""

from __future__ import annotations

import datetime
from typing import Any

from relgraph.ingest.demo.builder import Builder
from relgraph.model import DOCUMENT_ORDER

__all__ = ["ARRAYS", "generate_portfolio", "summary_counts"]

# The arrays of a demo document: every array of the contract, in its order.
ARRAYS: tuple[str, ...] = DOCUMENT_ORDER


def generate_portfolio(accounts: int = 12, seed: int = 7,
                       as_of: datetime.date | None = None) -> dict[str, Any]:
    """A deterministic `relgraph/1` document of `accounts` client accounts, dated up to `as_of`."""
    if accounts < 1:
        raise ValueError("accounts must be at least 1")
    return Builder(accounts, seed, as_of or datetime.date.today()).build()


def summary_counts(doc: dict[str, Any]) -> dict[str, int]:
    """Number of records in each array of a dataset document."""
    return {name: len(doc.get(name) or []) for name in ARRAYS}
