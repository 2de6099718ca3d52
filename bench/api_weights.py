"""What each analysis field of the GraphQL API costs: statements and milliseconds, on the demo.

    .venv/bin/python bench/api_weights.py              # 12 accounts, seed 7, 7 runs a field
    .venv/bin/python bench/api_weights.py --runs 15

It loads the demo portfolio into a fresh embedded engine in a temporary folder, asks each field
alone through the app in-process (the largest account, the costliest arguments the limits
allow), and prints per field the engine statements, the median and the fastest milliseconds,
and the weight that `relgraph.api.limits.WEIGHTS` holds for it: the cost unit is about one
millisecond, so a weight should be near the median. `Account.figures` and
`Account.coverageGaps` are measured on a page of every account, per account.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

from relgraph.api.app import create_app
from relgraph.api.limits import INTROSPECTION_WEIGHT, PORTFOLIO_WEIGHTS, WEIGHTS, Limits
from relgraph.config import Settings
from relgraph.ingest.demo import generate_portfolio
from relgraph.ingest.importer import import_document
from relgraph.store import EmbeddedEngine, open_store

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx2")
    from starlette.testclient import TestClient

AS_OF = dt.date(2026, 11, 1)


def fields(account: str, contact: str, accounts: int) -> list[tuple[str, str, int]]:
    """(weight key, query, items the weight is for)."""
    day = AS_OF.isoformat()
    since = (AS_OF - dt.timedelta(days=365)).isoformat()
    from graphql import get_introspection_query

    return [
        ("Query.influencePaths", f'{{ influencePaths(target: "{contact}", maxHops: 6, '
                                 f'limit: 100, asOf: "{day}") {{ strength }} }}', 1),
        ("Query.influencedBy", f'{{ influencedBy(contactId: "{contact}", maxHops: 6, '
                               f'asOf: "{day}") {{ hops }} }}', 1),
        ("Query.coaches", f'{{ coaches(accountId: "{account}", asOf: "{day}") '
                          "{ reachesDecisionMaker } }", 1),
        ("Query.coachCandidates", f'{{ coachCandidates(accountId: "{account}", asOf: "{day}") '
                                  "{ guidance } }", 1),
        ("Query.coverageGaps", f'{{ coverageGaps(accountId: "{account}", asOf: "{day}") '
                               "{ kind } }", 1),
        ("Query.coverageGaps (every account)", f'{{ coverageGaps(asOf: "{day}") {{ kind }} }}',
         1),
        ("Query.powerMap", f'{{ powerMap(accountId: "{account}", asOf: "{day}") {{ accountId '
                           "contacts { id owners { staffId } } links { type } gaps { kind } } }",
         1),
        ("Query.contactScores", f'{{ contactScores(accountId: "{account}", asOf: "{day}") '
                                "{ score } }", 1),
        ("Query.attitudeChanges", f'{{ attitudeChanges(accountId: "{account}", since: '
                                  f'"{since}", until: "{day}") {{ direction }} }}', 1),
        ("Query.hiddenInfluencers", f'{{ hiddenInfluencers(accountId: "{account}", limit: 100, '
                                    f'asOf: "{day}") {{ pagerank }} }}', 1),
        ("Query.singlePointsOfFailure", f'{{ singlePointsOfFailure(accountId: "{account}", '
                                        f'maxHops: 6, asOf: "{day}") {{ staff {{ id }} }} }}', 1),
        ("Account.figures", f'{{ accounts(first: {accounts}) {{ nodes {{ figures(asOf: '
                            f'"{day}") {{ health gapsHigh }} }} }} }}', accounts),
        ("Account.coverageGaps", f'{{ accounts(first: {accounts}) {{ nodes {{ coverageGaps('
                                 f'asOf: "{day}") {{ kind }} }} }} }}', accounts),
        ("introspection", get_introspection_query(descriptions=True), 1),
        ("(a page of account ids)", f"{{ accounts(first: {accounts}) {{ nodes {{ id }} }} }}",
         accounts),
    ]


def weight_of(key: str) -> int | None:
    if key == "introspection":
        return INTROSPECTION_WEIGHT
    if key.endswith("(every account)"):
        return PORTFOLIO_WEIGHTS[(key.split()[0], "accountId")]
    return WEIGHTS.get(key)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=12)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="rg-w-"))
    settings = Settings(data_dir=folder, dev_no_auth=True)
    try:
        store = open_store(settings)
        doc = generate_portfolio(accounts=args.accounts, seed=args.seed, as_of=AS_OF)
        import_document(store, doc)
        sizes: dict[str, int] = {}
        for c in doc["contacts"]:
            sizes[c["account"]] = sizes.get(c["account"], 0) + 1
        account = max(sizes, key=lambda a: (sizes[a], a))
        contact = next(c["id"] for c in doc["contacts"]
                       if c["account"] == account and c.get("rank") in ("S", "A"))
        app = create_app(settings, store, Limits(max_cost=10**9, time_budget_s=600))
        print(f"demo: {args.accounts} accounts (seed {args.seed}), the largest {account} with "
              f"{sizes[account]} contacts; {args.runs} runs a field\n")
        print("| field | statements | ms median | ms fastest | per | weight |")
        print("|---|--:|--:|--:|--:|--:|")
        with TestClient(app) as client:
            for key, query, per in fields(account, contact, args.accounts):
                measured: list[tuple[int, float]] = []
                for run in range(args.runs + 1):  # the first run warms caches up
                    before = store.statements_run
                    started = time.perf_counter()
                    body: dict[str, Any] = client.post("/graphql", json={"query": query}).json()
                    elapsed = (time.perf_counter() - started) * 1000 / per
                    assert not body.get("errors"), body["errors"]
                    if run:
                        measured.append((store.statements_run - before, elapsed))
                ms = [m for _, m in measured]
                weight = weight_of(key)
                print(f"| {key} | {measured[0][0]} | {statistics.median(ms):.0f} | "
                      f"{min(ms):.0f} | {'account' if per > 1 else 'request'} | "
                      f"{'-' if weight is None else weight} |")
        store.close()
    finally:
        EmbeddedEngine(settings).stop()
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
