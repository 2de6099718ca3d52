"""relgraph at portfolio scale on both engines, measured against each engine's own raw speed.

    make bench                                        # = .venv/bin/python bench/run.py
    .venv/bin/python bench/run.py --sizes 1000,10000 --engines falkordb
    .venv/bin/python bench/run.py --quick             # a smoke run (1 and 2 accounts)

For each engine (the embedded FalkorDB; Neo4j 5 as scripts/neo4j-local runs it, from Neo4j's
jars, one server per size in a temporary folder, heap and page cache sized for the size) and
each size (client contacts; ~100 per account, ~10 interactions per contact) it generates the
demo portfolio, loads it into a FRESH engine and measures, each against a baseline where one
exists, in the same run:

- import: rows (nodes + relationships) per second of relgraph's import, against the plainest
  `UNWIND $rows AS r MERGE ... SET x += r.props` of the same nodes and relationships in the
  same engine (bench/raw.cypher), same batch size; also per CPU second (this process + the
  engine's), steadier than wall time on a shared machine;
- export: the same rows per second of `export_document`;
- influence paths (4 hops, 5 best, weighted) from a random active staff member of the target's
  account team to a random key contact, p50/p95, against the engine's native unweighted
  `shortestPath` between the same pairs; and the link projection the paths use: how long the
  first question after the import took (it reads the graph), its memory per link;
- coverage gaps of one account (tier S, ~210 contacts), p50/p95, at every size, each round
  first asked after a write and then asked again; then first asks round-robin over all sizes'
  engines, alive at once, for the flatness ratio (largest ÷ smallest size) that a busy machine
  would otherwise distort;
- through GraphQL over HTTP against a real `relgraph serve` on 127.0.0.1: a BI tool's page
  (`accounts(first: N) { nodes { figures { ... } } }`, N = 10 and 100) against the same answer
  from the Python library, and the whole-portfolio `coverageGaps` in accounts per second; the
  database statements per request for N = 10 and 100 (the same app in this process, where its
  store can be counted); the server's peak memory.

"Asked again" and "after a write": relgraph keeps answers per graph generation
(relgraph.intel.memo), so a question asked again about an unchanged graph is answered from
memory, and per account, so that after a write about one account only its answers are
computed again. `touch` writes as it is (a real import, which bumps the generation) one
account (the first of the BI page and of the portfolio; for the per-account gaps, the account
asked), or a staff member: a write that every account reads, after which the next question
reads and computes everything. All three are reported.

Results: <out>/latest.json (figures, machine, date) and <out>/latest.md (the README's tables);
default <out> is bench/results/. `--profile PHASE` also writes a pyinstrument profile of one
phase (import, export, paths, gaps, bi) per engine and size to
<out>/profile-<engine>-<size>-<phase>.txt. Benchmarks are not tests:
tests/bench/test_bench_smoke.py only checks that `--quick` works.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import gc
import json
import math
import os
import platform
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from relgraph.config import Settings
from relgraph.cypher import Statement, parse_file
from relgraph.errors import RelgraphError
from relgraph.ingest.demo import generate_portfolio, summary_counts
from relgraph.store import EmbeddedEngine, GraphStore, open_store

BENCH = Path(__file__).resolve().parent
NEO4J_LOCAL = BENCH.parent / "scripts" / "neo4j-local"
# The raw baseline's statements live in bench/raw.cypher, not in cypher/: they are not
# relgraph's (no relgraph code may run them, the wheel does not ship them), so they stay out of
# the catalog; the catalog's own parser loads them (same header, same params check), and the smoke
# test checks that a quick run executed every one of them on each engine.
RAW = {s.name: s for s in parse_file(BENCH / "raw.cypher")}
RAW_RUN: dict[str, set[str]] = {}  # engine -> raw statements that ran on it

ENGINES = ("falkordb", "neo4j")
CONTACTS_PER_ACCOUNT = 100  # the demo portfolio's mean (tier mix 10/25/35/30)
BATCH = 5_000  # relgraph.ingest.writer's batch size; the raw baseline uses the same
AS_OF = dt.date.today()  # the demo is dated up to today, as the API's and the library's default
SEED = 7
PHASES = ("import", "export", "paths", "gaps", "bi")
BI_REPS = 5
BI_BUDGET_S = 120.0  # per page size: after two rounds, no new round once this is spent
PORTFOLIO_PATIENCE_S = 900.0  # how long the benchmark asks again for a whole portfolio

# The targets the README reports (not test assertions): name -> (op, bound, what, where).
TARGETS: dict[str, tuple[str, float, str, str]] = {
    "paths_ratio_p95": ("<=", 1.0, "influence paths p95 ÷ native shortestPath p95, same pairs",
                        "worst size"),
    "bi_page_100_p50_ms": ("<=", 300.0, "BI page of 100 accounts with figures, over HTTP, "
                           "p50 ms, asked again", "worst size of 10k+ contacts"),
    "bi_page_100_cold_p50_ms": ("<=", 300.0, "BI page of 100 accounts with figures, over HTTP, "
                                "p50 ms, first ask after a write to one account",
                                "worst size of 10k+ contacts"),
    "bi_page_100_cold_all_p50_ms": ("<=", 300.0, "BI page of 100 accounts with figures, over "
                                    "HTTP, p50 ms, first ask after a write to every account",
                                    "worst size of 10k+ contacts"),
    "portfolio_gaps_accounts_per_s": (">=", 500.0, "whole-portfolio `coverageGaps` over HTTP, "
                                      "accounts/s, asked again", "largest size"),
    "portfolio_gaps_cold_accounts_per_s": (">=", 500.0, "whole-portfolio `coverageGaps` over "
                                           "HTTP, accounts/s, first ask after a write to one "
                                           "account", "largest size"),
    "portfolio_gaps_cold_all_accounts_per_s": (">=", 500.0, "whole-portfolio `coverageGaps` "
                                               "over HTTP, accounts/s, first ask after a write "
                                               "to every account", "largest size"),
    "gaps_flatness_p95": ("<=", 1.2, "one account's gaps p95, largest ÷ smallest size, first "
                          "ask after a write to it", ""),
    "gaps_account_p50_ms": ("<=", 50.0, "one account's gaps p50 ms, asked again", "largest size"),
    "gaps_account_cold_p50_ms": ("<=", 50.0, "one account's gaps p50 ms, first ask after a "
                                 "write to it", "largest size"),
    "import_ratio": (">=", 0.9, "import ÷ raw `UNWIND … MERGE`", "largest size"),
    "export_rows_per_s": (">=", 50_000.0, "export rows/s", "largest size"),
    "statements_same_for_10_and_100": ("==", 1.0, "statements per GraphQL request, 10 vs 100 "
                                       "accounts (1 = the same)", "every size"),
}


def raw(engine: str, name: str) -> Statement:
    RAW_RUN.setdefault(engine, set()).add(name)
    return RAW[name]


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def pct(values: Sequence[float], q: float) -> float:
    """The q-quantile (0..1) with linear interpolation between closest ranks."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    k = (len(ordered) - 1) * q
    low = math.floor(k)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def timed_ms(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return (time.perf_counter() - start) * 1000, result


def spread(samples_ms: Sequence[float]) -> dict[str, float]:
    return {"p50_ms": round(pct(samples_ms, 0.50), 3), "p95_ms": round(pct(samples_ms, 0.95), 3),
            "n": len(samples_ms)}


def ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 3) if a is not None and b else None


@contextlib.contextmanager
def profiled(phase: str, wanted: str | None, out: Path, tag: str) -> Iterator[None]:
    """Profile the block with pyinstrument when `phase` is the one asked for."""
    if wanted != phase:
        yield
        return
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.001)
    profiler.start()
    try:
        yield
    finally:
        profiler.stop()
        path = out / f"profile-{tag}-{phase}.txt"
        path.write_text(profiler.output_text(unicode=True, color=False, show_all=False))
        say(f"  profile of {phase} written to {path}")


# --- the raw baseline: the same nodes and relationships as plain id-keyed rows ------------------

End = str | Callable[[dict[str, Any]], str | None]  # a key of the record, or a function of it

# (array, start, end) of every relationship an import writes; the ends' keys are not properties.
_LINKS: tuple[tuple[str, End, End], ...] = (
    ("orgUnits", "id", lambda r: r["parent"] or r["account"]),
    ("contacts", "id", "account"),
    ("contacts", "id", "orgUnit"),
    ("opportunities", "id", "account"),
    ("reportingLines", "person", "manager"),
    ("influences", "from", "to"),
    ("knows", "staff", "contact"),
    ("owners", "staff", "contact"),
    ("sponsors", "staff", lambda r: r.get("contact") or r.get("account")),
    ("teams", "staff", "account"),
    ("assessments", lambda r: _assessment_id(r), "contact"),
    ("supplies", "competitor", "account"),
    ("favors", "contact", "competitor"),
    ("decisionChain", "contact", "opportunity"),
    ("opportunityTeam", "staff", "opportunity"),
)
_NODE_ARRAYS = ("accounts", "orgUnits", "staff", "contacts", "competitors", "opportunities",
                "interactions", "assessments")
_LINK_ONLY_KEYS = {"staff", "contacts"}  # an interaction's attendees become ATTENDED links


def _assessment_id(record: dict[str, Any]) -> str:
    return f"{record['contact']}@{record['date']}"


def _scalars(record: dict[str, Any], *drop: str) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k not in drop and not isinstance(v, list | dict)}


def raw_rows(doc: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The document's nodes and relationships as `{id, props}` / `{from, to, props}` rows."""
    nodes: list[dict[str, Any]] = []
    for array in _NODE_ARRAYS:
        for rec in doc.get(array, []):
            node_id = _assessment_id(rec) if array == "assessments" else rec["id"]
            nodes.append({"id": node_id, "props": _scalars(rec, "id", *_LINK_ONLY_KEYS)})
    links: list[dict[str, Any]] = []
    for array, src, dst in _LINKS:
        own_props = array not in _NODE_ARRAYS  # a node's link (WORKS_AT, OF, ...) has none
        for rec in doc.get(array, []):
            start = src(rec) if callable(src) else rec[src]
            end = dst(rec) if callable(dst) else rec.get(dst)
            if end is None:
                continue
            ends = [k for k in (src, dst) if isinstance(k, str)]
            props = _scalars(rec, *ends, "contact", "account") if own_props else {}
            links.append({"from": start, "to": end, "props": props})
    for rec in doc.get("interactions", []):
        for person in (*rec["staff"], *rec["contacts"]):
            links.append({"from": person, "to": rec["id"], "props": {}})
    return nodes, links


def run_batches(store: GraphStore, stmt: Statement, rows: list[dict[str, Any]],
                label: str) -> float:
    """Write rows in batches with one statement each; seconds taken (progress every ~10 s)."""
    start = last = time.perf_counter()
    for offset in range(0, len(rows), BATCH):
        store.run(stmt, {"rows": rows[offset:offset + BATCH]})
        now = time.perf_counter()
        if now - last > 10:
            done = offset + BATCH
            say(f"    {label}: {done:,}/{len(rows):,} ({done / (now - start):,.0f} rows/s)")
            last = now
    return time.perf_counter() - start


class TimedStore:
    """A GraphStore that adds up the time spent in write and in read statements."""

    def __init__(self, inner: GraphStore) -> None:
        self.inner = inner
        self.engine = inner.engine
        self.seconds = {"write": 0.0, "read": 0.0}

    @property
    def statements_run(self) -> int:
        return self.inner.statements_run

    def run(self, stmt: Statement, params: Any = None) -> list[dict[str, Any]]:
        start = time.perf_counter()
        try:
            return self.inner.run(stmt, params)
        finally:
            self.seconds["write" if stmt.writes else "read"] += time.perf_counter() - start

    def run_each(self, stmt: Statement, batches: Iterable[Any]) -> Iterator[list[dict[str, Any]]]:
        """The inner store's `run_each` (the import's writes), timed step by step."""
        from relgraph.store.base import run_each

        start = time.perf_counter()
        for rows in run_each(self.inner, stmt, batches):
            self.seconds["write" if stmt.writes else "read"] += time.perf_counter() - start
            yield rows
            start = time.perf_counter()

    def run_schema(self, ddl: str) -> None:
        self.inner.run_schema(ddl)

    def version(self) -> str:
        return self.inner.version()

    def close(self) -> None:
        self.inner.close()


# --- engines -----------------------------------------------------------------------------------

@dataclass
class Engine:
    """One engine under test: the product's store, a raw store, and how to reach it."""

    name: str
    store: GraphStore
    raw: GraphStore
    settings: Settings  # what a process (`relgraph serve`) needs to use the same engine
    stop: Callable[[], None]
    pid: int | None = None  # the engine's process, when it runs on this machine

    def cpu_seconds(self) -> float | None:
        """CPU time the engine process has used so far (Linux), or None where unknown."""
        if self.pid is None:
            return None
        try:
            fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


@dataclass
class Cpu:
    """Wall time and CPU time (this process + the engine's) of a block: on a busy machine,
    work per CPU second is a steadier measure than work per wall second."""

    engine: Engine
    wall: float = 0.0
    cpu: float | None = None

    def __enter__(self) -> Cpu:
        self._wall, self._mine = time.perf_counter(), time.process_time()
        self._theirs = self.engine.cpu_seconds()
        return self

    def __exit__(self, *_: object) -> None:
        self.wall = time.perf_counter() - self._wall
        theirs = self.engine.cpu_seconds()
        if theirs is not None and self._theirs is not None:
            self.cpu = time.process_time() - self._mine + theirs - self._theirs


def fresh_falkordb(size: int) -> Engine:
    del size  # the embedded engine sizes itself
    folder = Path(tempfile.mkdtemp(prefix="rgb-"))  # short: unix socket paths are ~100 bytes
    settings = Settings(data_dir=folder, _env_file=None)  # type: ignore[call-arg]
    engine = EmbeddedEngine(settings)
    engine.start()
    store = open_store(settings)
    from relgraph.store.falkordb import FalkorStore

    raw_store = FalkorStore(settings.socket_path, "bench_raw", settings.query_timeout_ms)
    raw_store.run_schema("CREATE INDEX FOR (n:BenchRaw) ON (n.id)")

    def stop() -> None:
        store.close()
        raw_store.close()
        engine.stop()
        shutil.rmtree(folder, ignore_errors=True)

    return Engine("falkordb", store, raw_store, settings, stop, engine.pid())


def neo4j_memory(size: int) -> tuple[str, str]:
    """Heap and page cache of the Neo4j server for a portfolio of `size` contacts."""
    if size <= 2_000:
        return "768m", "256m"
    if size <= 20_000:
        return "1g", "512m"
    return "2g", "1536m"


def fresh_neo4j(size: int) -> Engine:
    """A Neo4j 5 of its own for one size: scripts/neo4j-local in a temporary folder."""
    folder = Path(tempfile.mkdtemp(prefix="rgb-neo4j-"))
    heap, pagecache = neo4j_memory(size)
    started = subprocess.run(
        [sys.executable, str(NEO4J_LOCAL), "start", str(folder), "--heap", heap,
         "--pagecache", pagecache], capture_output=True, text=True, check=False)
    if started.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        raise SystemExit(f"scripts/neo4j-local could not start Neo4j: {started.stderr.strip()}")
    words = started.stdout.strip().splitlines()[-1].split()
    env = dict(word.split("=", 1) for word in words[1:])  # `export A=1 B=2 ...`
    settings = Settings(neo4j_uri=env["RELGRAPH_NEO4J_URI"],  # type: ignore[call-arg]
                        neo4j_user=env["RELGRAPH_NEO4J_USER"],
                        neo4j_password=env["RELGRAPH_NEO4J_PASSWORD"], _env_file=None)
    store = open_store(settings)
    store.run_schema("CREATE INDEX bench_raw_id IF NOT EXISTS FOR (n:BenchRaw) ON (n.id)")
    pid = int((folder / "neo4j.pid").read_text().strip())
    say(f"  Neo4j (heap {heap}, page cache {pagecache}) on {settings.neo4j_uri}, pid {pid}")

    def stop() -> None:
        store.close()
        subprocess.run([sys.executable, str(NEO4J_LOCAL), "stop", str(folder)],
                       capture_output=True, check=False)
        shutil.rmtree(folder, ignore_errors=True)

    return Engine("neo4j", store, store, settings, stop, pid)


FRESH = {"falkordb": fresh_falkordb, "neo4j": fresh_neo4j}


def clear_in_slices(engine: Engine) -> None:
    # One DETACH DELETE of a million nodes would need one huge transaction on Neo4j.
    while engine.raw.run(raw(engine.name, "raw_clear"), {"limit": 50_000})[0]["deleted"]:
        pass


# --- the library calls under test ---------------------------------------------------------------

def import_portfolio(store: GraphStore, doc: dict[str, Any]) -> None:
    from relgraph.ingest.importer import import_document

    start = last = time.perf_counter()
    finished: dict[str, int] = {}

    def progress(array: str, done: int, total: int) -> None:
        nonlocal last
        finished[array] = done
        now = time.perf_counter()
        if now - last > 10:
            records = sum(finished.values())
            say(f"    import: {array} {done:,}/{total:,}; {records:,} records written, "
                f"{records / (now - start):,.0f} records/s since the start (validation included)")
            last = now

    import_document(store, doc, progress=progress)


def influence_paths(store: GraphStore, target: str, source: str) -> int:
    from relgraph.intel import influence_paths as paths

    return len(paths(store, target, from_ids=(source,), max_hops=4, limit=5, as_of=AS_OF))


def coverage_gaps(store: GraphStore, account_id: str | None) -> int:
    from relgraph.intel import coverage_gaps as gaps

    return len(gaps(store, account_id=account_id, as_of=AS_OF))


# --- phases -------------------------------------------------------------------------------------

def graph_rows(engine: Engine) -> tuple[int, int]:
    """Nodes and relationships of the relationship graph (not the schema marker, generation or
    API keys: the raw baseline has none of them), each count alone in its statement."""
    def count(name: str) -> int:
        return int(engine.store.run(raw(engine.name, name))[0]["count"])

    nodes = count("raw_count_nodes") - count("raw_count_meta") - count("raw_count_keys")
    return nodes, count("raw_count_relationships")


def per_cpu(rows: int, block: Cpu) -> float | None:
    return rows / block.cpu if block.cpu else None


def measure_import(engine: Engine, doc: dict[str, Any], size: int, args: argparse.Namespace,
                   out: Path) -> dict[str, Any]:
    nodes, links = raw_rows(doc)
    say(f"  raw baseline: {len(nodes):,} nodes + {len(links):,} relationships, "
        f"batches of {BATCH:,}")
    with Cpu(engine) as raw_block:
        raw_nodes_s = run_batches(engine.raw, raw(engine.name, "raw_merge_nodes"), nodes,
                                  "raw nodes")
        raw_links_s = run_batches(engine.raw, raw(engine.name, "raw_merge_relationships"),
                                  links, "raw relationships")
    raw_total = len(nodes) + len(links)
    raw_rate = raw_total / raw_block.wall
    raw_cpu_rate = per_cpu(raw_total, raw_block)
    say(f"  raw: {len(nodes) / raw_nodes_s:,.0f} nodes/s, {len(links) / raw_links_s:,.0f} "
        f"relationships/s, {raw_rate:,.0f} rows/s ({_num(raw_cpu_rate, ',.0f')} per CPU second)")
    clear_in_slices(engine)

    nodes_before, links_before = graph_rows(engine)
    say("  relgraph import ...")
    timed = TimedStore(engine.store)
    with profiled("import", args.profile, out, f"{engine.name}-{size}"), Cpu(engine) as block:
        import_portfolio(timed, doc)
    seconds = block.wall
    nodes_after, links_after = graph_rows(engine)
    written = nodes_after - nodes_before + links_after - links_before
    if written != raw_total:
        say(f"  NOTE: the import wrote {written:,} rows, the raw baseline {raw_total:,}")
    records = sum(len(v) for v in doc.values() if isinstance(v, list))
    rate = written / seconds
    cpu_rate = per_cpu(written, block)
    writes, reads = timed.seconds["write"], timed.seconds["read"]
    say(f"  import: {written:,} rows in {seconds:.1f} s = {rate:,.0f} rows/s "
        f"({records / seconds:,.0f} records/s; {_num(cpu_rate, ',.0f')} rows per CPU second); "
        f"ratio to raw {rate / raw_rate:.2f} (per CPU second "
        f"{_num(ratio(cpu_rate, raw_cpu_rate), '.2f')})")
    say(f"  of which {writes:.1f} s in write statements ({written / writes:,.0f} rows/s, "
        f"{written / writes / raw_rate:.2f}× raw), {reads:.1f} s in reads, "
        f"{seconds - writes - reads:.1f} s in Python")
    return {
        "import": {"seconds": round(seconds, 3), "nodes": nodes_after - nodes_before,
                   "relationships": links_after - links_before,
                   "rows": written, "rows_per_s": round(rate), "records": records,
                   "records_per_s": round(records / seconds),
                   "rows_per_cpu_s": None if cpu_rate is None else round(cpu_rate),
                   "write_statements_s": round(writes, 3), "read_statements_s": round(reads, 3),
                   "python_s": round(seconds - writes - reads, 3),
                   "write_statements_ratio": ratio(written / writes, raw_rate)},
        "raw_import": {"nodes": len(nodes), "relationships": len(links),
                       "nodes_per_s": round(len(nodes) / raw_nodes_s),
                       "relationships_per_s": round(len(links) / raw_links_s),
                       "rows_per_s": round(raw_rate),
                       "rows_per_cpu_s": None if raw_cpu_rate is None else round(raw_cpu_rate),
                       "batch_size": BATCH},
        "import_ratio": ratio(rate, raw_rate),
        "import_ratio_cpu": ratio(cpu_rate, raw_cpu_rate),
    }


def measure_export(engine: Engine, size: int, args: argparse.Namespace,
                   out: Path) -> dict[str, Any]:
    """The whole graph back as a relgraph/1 document: rows (nodes + relationships, the unit of
    the import) and records per second."""
    from relgraph.ingest.export import export_document

    rows = sum(graph_rows(engine))
    with profiled("export", args.profile, out, f"{engine.name}-{size}"), Cpu(engine) as block:
        doc = export_document(engine.store)
    records = sum(len(v) for v in doc.values() if isinstance(v, list))
    figures = {"seconds": round(block.wall, 3), "rows": rows, "records": records,
               "rows_per_s": round(rows / block.wall),
               "records_per_s": round(records / block.wall)}
    say(f"  export: {records:,} records ({rows:,} rows) in {block.wall:.1f} s = "
        f"{figures['rows_per_s']:,} rows/s")
    return {"export": figures}


def path_pairs(doc: dict[str, Any], count: int, rng: random.Random) -> list[tuple[str, str]]:
    """(staff, key contact) pairs: a random active member of the contact's account team."""
    active = {s["id"] for s in doc["staff"] if s["active"]}
    team: dict[str, list[str]] = {}
    for member in doc["teams"]:
        if member["staff"] in active:
            team.setdefault(member["account"], []).append(member["staff"])
    keys = [c for c in doc["contacts"]
            if c["active"] and (c["key"] or c["rank"] in ("S", "A"))]
    chosen = rng.sample(keys, min(count, len(keys)))
    everyone = sorted(active)
    return [(rng.choice(team.get(c["account"]) or everyone), c["id"]) for c in chosen]


def projection_figures(engine: Engine) -> dict[str, Any]:
    """The link projection the paths were answered from: links, bytes, bytes per link."""
    from relgraph.intel.projection import projection_of

    base = projection_of(engine.store).base
    if base is None or not base.days:
        return {}
    view = next(iter(base.days.values()))
    held = base.nbytes() + view.nbytes()
    return {"people": base.size, "links": len(view.links), "arcs": len(view.arcs.out_nbr),
            "base_bytes": base.nbytes(), "day_bytes": view.nbytes(), "bytes": held,
            "bytes_per_link": round(held / max(len(view.links), 1), 1)}


def measure_paths(engine: Engine, plan: Plan, size: int, args: argparse.Namespace,
                  out: Path) -> dict[str, Any]:
    pairs = plan.pairs
    shortest = raw(engine.name, "raw_shortest_path")
    # The first question after the import reads the graph into the link projection.
    load_ms, _ = timed_ms(lambda: influence_paths(engine.store, pairs[0][1], pairs[0][0]))
    projection = {"load_s": round(load_ms / 1000, 3), **projection_figures(engine)}
    say(f"  link projection: read in {load_ms / 1000:.2f} s, {projection.get('links', 0):,} "
        f"links, {projection.get('bytes', 0) / 2**20:,.1f} MiB, "
        f"{projection.get('bytes_per_link', 0)} bytes per link")
    for source, target in pairs[:3]:  # warm both up
        influence_paths(engine.store, target, source)
        engine.store.run(shortest, {"a": source, "b": target})
    ours: list[float] = []
    native: list[float] = []
    found = native_found = failed = 0
    say(f"  influence paths vs native shortestPath over {len(pairs)} (staff, key contact) pairs")
    with profiled("paths", args.profile, out, f"{engine.name}-{size}"):
        for source, target in pairs:  # interleaved: both see the same engine state
            start = time.perf_counter()
            try:
                found += influence_paths(engine.store, target, source) > 0
            except RelgraphError:  # e.g. the engine's query timeout: counted, time kept
                failed += 1
            ours.append((time.perf_counter() - start) * 1000)
            ms, rows = timed_ms(lambda s=source, t=target: engine.store.run(
                shortest, {"a": s, "b": t}))
            native.append(ms)
            native_found += rows[0]["hops"] is not None
    if failed:
        say(f"  {failed} of {len(pairs)} influence-path questions FAILED (their time is counted)")
    result: dict[str, Any] = {
        "projection": projection,
        "influence_paths": {**spread(ours), "with_a_path": found, "failed": failed},
        "native_shortest_path": {**spread(native), "with_a_path": native_found}}
    result["paths_ratio_p95"] = ratio(result["influence_paths"]["p95_ms"],
                                      result["native_shortest_path"]["p95_ms"])
    result["paths_ratio_p50"] = ratio(result["influence_paths"]["p50_ms"],
                                      result["native_shortest_path"]["p50_ms"])
    say(f"  paths p50/p95 {result['influence_paths']['p50_ms']:.2f}/"
        f"{result['influence_paths']['p95_ms']:.2f} ms ({found} with a path); native "
        f"{result['native_shortest_path']['p50_ms']:.2f}/"
        f"{result['native_shortest_path']['p95_ms']:.2f} ms; ratio p95 "
        f"{result['paths_ratio_p95']}")
    return result


def gap_account(doc: dict[str, Any]) -> tuple[str, int]:
    """A tier-S account of typical size (the same kind of account at every portfolio size)."""
    sizes: dict[str, int] = {}
    for contact in doc["contacts"]:
        sizes[contact["account"]] = sizes.get(contact["account"], 0) + 1
    tier_s = [a["id"] for a in doc["accounts"] if a["tier"] == "S"] or list(sizes)
    best = min(tier_s, key=lambda a: (abs(sizes.get(a, 0) - 214), a))
    return best, sizes.get(best, 0)


@dataclass(frozen=True)
class Plan:
    """What the questions after the import need from the document (which is then dropped: a
    million-interaction document left in this process would make every later library call pay
    for garbage-collection passes over it, which a real API process does not)."""

    pairs: list[tuple[str, str]]
    gap_account: tuple[str, int]
    account_ids: list[str]
    unchanged: dict[str, Any]  # a document that writes an account as it is (see `touch`)
    gap_unchanged: dict[str, Any]  # the same for the account of the per-account gaps
    staff_unchanged: dict[str, Any]  # and for a staff member: a write about every account

    @classmethod
    def of(cls, doc: dict[str, Any], targets: int) -> Plan:
        gap = gap_account(doc)
        form = doc.get("format", "relgraph/1")
        return cls(path_pairs(doc, targets, random.Random(SEED)), gap,
                   sorted(a["id"] for a in doc["accounts"]),
                   {"format": form, "accounts": [dict(doc["accounts"][0])]},
                   {"format": form, "accounts": [dict(a) for a in doc["accounts"]
                                                 if a["id"] == gap[0]]},
                   {"format": form, "staff": [dict(doc["staff"][0])]})


def touch(engine: Engine, plan: Plan, what: str = "account") -> None:
    """A real write that changes nothing but the graph's generation: the first account upserted
    as it is ("account": its kept answers are stale, the other accounts' are not), the account
    of the per-account gaps ("gap account"), or a staff member ("everything": staff are read by
    every account, so every kept answer is stale and the next question a first ask)."""
    from relgraph.ingest.importer import import_document

    import_document(engine.store, {"account": plan.unchanged, "gap account": plan.gap_unchanged,
                                   "everything": plan.staff_unchanged}[what])


def measure_gaps(engine: Engine, plan: Plan, size: int, args: argparse.Namespace,
                 out: Path) -> dict[str, Any]:
    """One account's gaps, each round first asked after a write (cold), then asked again."""
    account, contacts = plan.gap_account
    for _ in range(2):
        coverage_gaps(engine.store, account)
    warm: list[float] = []
    cold: list[float] = []
    with profiled("gaps", args.profile, out, f"{engine.name}-{size}"):
        for _ in range(args.reps):
            touch(engine, plan, "gap account")
            ms, found = timed_ms(lambda: coverage_gaps(engine.store, account))
            cold.append(ms)
            ms, _ = timed_ms(lambda: coverage_gaps(engine.store, account))
            warm.append(ms)
    about = {"account": account, "contacts": contacts, "gaps": found}
    gaps, first = {**spread(warm), **about}, {**spread(cold), **about}
    say(f"  gaps of {account} ({contacts} contacts), {found} gaps: p50/p95 "
        f"{first['p50_ms']:.1f}/{first['p95_ms']:.1f} ms after a write, "
        f"{gaps['p50_ms']:.2f}/{gaps['p95_ms']:.2f} ms asked again")
    return {"gaps_account": gaps, "gaps_account_cold": first}


# --- GraphQL over HTTP, against `relgraph serve` ------------------------------------------------

# A BI tool's page of accounts with their flat figures (health and gap counts).
BI_QUERY = """
query Portfolio($first: Int!) {
  accounts(first: $first) {
    nodes { id name tier figures {
      keyContacts supportiveShare ownerCoverage cadenceAdherence coachPresent health
      gapsHigh gapsMedium gapsLow gapsTotal } }
    pageInfo { hasNextPage endCursor }
  }
}
"""
PORTFOLIO_GAPS = "{ coverageGaps { kind severity subjectId accountId } }"


def bi_library(store: GraphStore, account_ids: list[str]) -> dict[str, dict[str, Any]]:
    """BI_QUERY's figures from the Python library (`account_analyses`, which keeps its answers
    per graph generation as the API does)."""
    from relgraph.intel.portfolio import account_analyses

    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    answer: dict[str, dict[str, Any]] = {}
    for aid, analysis in account_analyses(store, account_ids, AS_OF, None, settings).items():
        health = analysis.health
        count = Counter(str(g.severity) for g in analysis.gaps)
        answer[aid] = {
            "keyContacts": health.key_contacts, "supportiveShare": health.supportive_share,
            "ownerCoverage": health.owner_coverage,
            "cadenceAdherence": health.cadence_adherence, "coachPresent": health.coach_present,
            "health": health.health, "gapsHigh": count["HIGH"], "gapsMedium": count["MEDIUM"],
            "gapsLow": count["LOW"], "gapsTotal": sum(count.values()),
        }
    return answer


def bi_answer(data: Any) -> dict[str, dict[str, Any]]:
    """BI_QUERY's answer in bi_library's shape."""
    return {n["id"]: n["figures"] for n in data["accounts"]["nodes"]}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def peak_rss_bytes(pid: int) -> int | None:
    """A process's resident-set high-water mark (VmHWM, Linux), None where unknown."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


@contextlib.contextmanager
def relgraph_serve(engine: Engine) -> Iterator[tuple[httpx.Client, int]]:
    """`relgraph serve` on 127.0.0.1 and a free port, on the engine under test (development
    flag: no API keys, loopback only); stopped (SIGTERM, then kill) at the end."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("RELGRAPH_")}
    env.update(engine.settings.engine_environment())
    with tempfile.TemporaryFile() as log, httpx.Client(
        base_url=f"http://127.0.0.1:{port}", timeout=3600,
    ) as client:
        proc = subprocess.Popen(
            [sys.executable, "-m", "relgraph", "serve", "--host", "127.0.0.1", "--port",
             str(port), "--dev-no-auth"], env=env, stdin=subprocess.DEVNULL, stdout=log,
            stderr=log)

        def failed(why: str) -> RuntimeError:
            log.seek(0)
            lines = log.read().decode(errors="replace").strip().splitlines()
            return RuntimeError(f"relgraph serve {why}: {' | '.join(lines[-5:])}")

        try:
            deadline = time.monotonic() + 60
            while True:
                if proc.poll() is not None:
                    raise failed(f"exited at start (code {proc.returncode})")
                try:
                    client.get("/healthz").raise_for_status()
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline:
                        raise failed("did not answer within 60 s") from None
                    time.sleep(0.1)
            yield client, proc.pid
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def graphql(client: Any, query: str, variables: dict[str, Any] | None = None) -> Any:
    response = client.post("/graphql", json={"query": query, "variables": variables or {}})
    response.raise_for_status()
    body = response.json()
    if body.get("errors"):
        raise RuntimeError(f"GraphQL errors: {body['errors']}")
    return body["data"]


def statements_per_request(engine: Engine, plan: Plan,
                           firsts: Sequence[int]) -> dict[str, dict[int, int]]:
    """Database statements of one BI request per page size, asked again and first asked after
    a write: the same app in this process, whose store (the benchmark's) can be counted."""
    with warnings.catch_warnings():  # starlette asks for `httpx2`; httpx works the same here
        warnings.filterwarnings("ignore", message=".*httpx2")
        from starlette.testclient import TestClient

    from relgraph.api.app import create_app

    settings = engine.settings.model_copy(update={"dev_no_auth": True})
    counted: dict[str, dict[int, int]] = {"again": {}, "cold": {}}
    with TestClient(create_app(settings, engine.store)) as client:
        for first in firsts:
            # From a graph whose answers are all kept (as when a user asks after a write):
            # else what an earlier write left stale (the roster after a staff write) would be
            # counted for the first page size only.
            graphql(client, BI_QUERY, {"first": first})
            touch(engine, plan)
            before = engine.store.statements_run
            graphql(client, BI_QUERY, {"first": first})
            counted["cold"][first] = engine.store.statements_run - before
            before = engine.store.statements_run
            graphql(client, BI_QUERY, {"first": first})
            counted["again"][first] = engine.store.statements_run - before
    return counted


def rounds(reps: int, measure: Callable[[], None]) -> None:
    """At least two rounds of `measure`, up to `reps`, none begun after BI_BUDGET_S."""
    began = time.perf_counter()
    for rep in range(reps):
        if rep >= 2 and time.perf_counter() - began > BI_BUDGET_S:
            break  # slow pages: two rounds each way tell the p50 well enough
        measure()


def measure_page(engine: Engine, plan: Plan, client: httpx.Client, first: int,
                 args: argparse.Namespace) -> dict[str, Any]:
    """A BI page over HTTP and from the library, asked again and first asked after a write."""
    page = plan.account_ids[:first]
    over_http_answer = bi_answer(graphql(client, BI_QUERY, {"first": first}))
    if over_http_answer != bi_library(engine.store, page):
        raise RuntimeError(f"GraphQL and the library disagree on accounts(first: {first})")
    samples: dict[str, list[float]] = {k: [] for k in ("graphql", "library", "graphql_cold",
                                                       "library_cold", "graphql_cold_all")}

    def again() -> None:
        samples["graphql"].append(timed_ms(
            lambda: graphql(client, BI_QUERY, {"first": first}))[0])
        samples["library"].append(timed_ms(lambda: bi_library(engine.store, page))[0])

    def cold() -> None:
        touch(engine, plan)
        samples["graphql_cold"].append(timed_ms(
            lambda: graphql(client, BI_QUERY, {"first": first}))[0])
        touch(engine, plan)
        samples["library_cold"].append(timed_ms(lambda: bi_library(engine.store, page))[0])

    def cold_all() -> None:
        touch(engine, plan, "everything")
        samples["graphql_cold_all"].append(timed_ms(
            lambda: graphql(client, BI_QUERY, {"first": first}))[0])

    rounds(args.bi_reps, again)
    rounds(min(args.bi_reps, 3), cold)
    rounds(2, cold_all)
    figures: dict[str, Any] = {"accounts": len(page), "answers_match": True,
                               **{k: spread(v) for k, v in samples.items()}}
    figures["ratio_p50"] = ratio(figures["graphql"]["p50_ms"], figures["library"]["p50_ms"])
    figures["ratio_cold_p50"] = ratio(figures["graphql_cold"]["p50_ms"],
                                      figures["library_cold"]["p50_ms"])
    say(f"  BI accounts(first: {first}) p50: GraphQL {figures['graphql']['p50_ms']:.1f} ms "
        f"asked again, {figures['graphql_cold']['p50_ms']:.1f} ms after a write to one "
        f"account, {figures['graphql_cold_all']['p50_ms']:.1f} ms after one to every account; "
        f"library {figures['library']['p50_ms']:.1f} / {figures['library_cold']['p50_ms']:.1f} "
        "ms")
    return figures


def portfolio_gaps(client: httpx.Client, accounts: int) -> dict[str, Any]:
    """The whole portfolio's gaps over HTTP, timed from the first ask to the answer. An answer
    that takes longer than the API's time budget is finished in the background and kept
    (REQUEST_TIMEOUT with `stillComputing`): the benchmark asks again, as a BI tool would,
    every second until it is answered, and records how many asks it took. Any other refusal is
    recorded as failed, with the reason."""
    began, asks = time.perf_counter(), 0
    while True:
        asks += 1
        response = client.post("/graphql", json={"query": PORTFOLIO_GAPS})
        response.raise_for_status()
        body = response.json()
        errors = body.get("errors") or []
        if not errors:
            break
        if not all(e.get("extensions", {}).get("stillComputing") for e in errors) or (
                time.perf_counter() - began > PORTFOLIO_PATIENCE_S):
            return {"accounts": accounts, "asks": asks, "failed": str(errors)[:200]}
        time.sleep(1.0)
    seconds = time.perf_counter() - began
    return {"accounts": accounts, "seconds": round(seconds, 3), "asks": asks,
            "gaps": len(body["data"]["coverageGaps"]),
            "accounts_per_s": round(accounts / seconds, 1)}


def measure_bi(engine: Engine, plan: Plan, size: int, args: argparse.Namespace,
               out: Path) -> dict[str, Any]:
    result: dict[str, Any] = {"transport": "http (relgraph serve on 127.0.0.1)"}
    ids = plan.account_ids
    with relgraph_serve(engine) as (client, pid):
        for first in (10, 100):
            with profiled("bi", args.profile if first == 100 else None, out,
                          f"{engine.name}-{size}"):
                result[f"page_{first}"] = measure_page(engine, plan, client, first, args)
        touch(engine, plan, "everything")
        result["portfolio_gaps_cold_all"] = portfolio_gaps(client, len(ids))
        touch(engine, plan)
        result["portfolio_gaps_cold"] = portfolio_gaps(client, len(ids))
        result["portfolio_gaps"] = portfolio_gaps(client, len(ids))
        for key, when in (("portfolio_gaps_cold_all", "after a write to every account"),
                          ("portfolio_gaps_cold", "after a write to one account"),
                          ("portfolio_gaps", "asked again")):
            found = result[key]
            shown = (f"FAILED: {found['failed']}" if "failed" in found else
                     f"{found['seconds']:.2f} s = {found['accounts_per_s']:,.1f} accounts/s, "
                     f"{found['gaps']} gaps, {found['asks']} ask{'s' * (found['asks'] > 1)}")
            say(f"  whole-portfolio coverageGaps over HTTP, {when}: {shown}")
        peak = peak_rss_bytes(pid)
    counted = statements_per_request(engine, plan, (10, 100))
    for first in (10, 100):
        result[f"page_{first}"]["statements_per_request"] = counted["again"][first]
        result[f"page_{first}"]["statements_per_request_cold"] = counted["cold"][first]
    say(f"  statements per BI request (10, 100 accounts): {counted['again'][10]}, "
        f"{counted['again'][100]} asked again; {counted['cold'][10]}, {counted['cold'][100]} "
        "after a write")
    result["graphql_ratio"] = result["page_100"]["ratio_p50"]
    result["statements_same_for_10_and_100"] = 1.0 if all(
        c[10] == c[100] for c in counted.values()) else 0.0
    result["api_peak_rss_mb"] = None if peak is None else round(peak / 2**20, 1)
    say(f"  relgraph serve peak RSS {_num(result['api_peak_rss_mb'], ',.0f')} MB")
    return result


# --- one size on one engine -----------------------------------------------------------------

def measure_size(engine_name: str, size: int, args: argparse.Namespace,
                 out: Path) -> tuple[dict[str, Any], Engine, Plan]:
    """Every phase at one size; returns the figures and the still-running engine."""
    accounts = max(1, round(size / CONTACTS_PER_ACCOUNT))
    say(f"== {engine_name}, {size:,} contacts ({accounts:,} account{'s' * (accounts > 1)})")
    start = time.perf_counter()
    doc = generate_portfolio(accounts, SEED, AS_OF)
    generate_s = time.perf_counter() - start
    counts = summary_counts(doc)
    plan = Plan.of(doc, args.targets)
    say(f"  generated in {generate_s:.1f} s: {counts['contacts']:,} contacts, "
        f"{counts['interactions']:,} interactions, {counts['staff']:,} staff")
    engine = FRESH[engine_name](size)
    run: dict[str, Any] = {"engine": engine_name, "engine_version": engine.store.version(),
                           "size": size, "accounts": accounts, "counts": counts,
                           "generate_s": round(generate_s, 3)}

    def phase(name: str, measure: Callable[[], dict[str, Any]]) -> None:
        try:
            run.update(measure())
        except Exception as exc:  # one failing phase must not lose the others' figures
            reason = f"{type(exc).__name__}: {exc}"
            run.setdefault("errors", {})[name] = reason
            say(f"  {name} FAILED: {reason}")

    try:
        phase("import", functools.partial(measure_import, engine, doc, size, args, out))
        del doc
        gc.collect()
        phase("export", lambda: measure_export(engine, size, args, out))
        phase("paths", lambda: measure_paths(engine, plan, size, args, out))
        phase("gaps", lambda: measure_gaps(engine, plan, size, args, out))
        phase("bi", lambda: measure_bi(engine, plan, size, args, out))
    except BaseException:
        engine.stop()
        raise
    return run, engine, plan


def measure_flatness(live: list[tuple[dict[str, Any], Engine, Plan]],
                     args: argparse.Namespace) -> None:
    """Per-account gaps again, round-robin over every size's engine: a busy machine then slows
    all sizes alike, so largest ÷ smallest measures the portfolio's size, not the moment."""
    say(f"== {live[0][1].name}: per-account gaps, interleaved over {len(live)} sizes, "
        f"{args.reps} rounds")
    samples: list[list[float]] = [[] for _ in live]
    for _ in range(args.reps):
        for index, (_, engine, plan) in enumerate(live):
            touch(engine, plan, "gap account")  # a first ask: what grows with the portfolio
            ms, _ = timed_ms(lambda e=engine, p=plan: coverage_gaps(e.store, p.gap_account[0]))
            samples[index].append(ms)
    for (run, _, _), mine in zip(live, samples, strict=True):
        run["gaps_interleaved"] = spread(mine)
        say(f"  {run['size']:,} contacts: p50/p95 {pct(mine, 0.5):.1f}/{pct(mine, 0.95):.1f} ms")


# --- results ------------------------------------------------------------------------------------

def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = None
    with contextlib.suppress(OSError, ValueError, IndexError):
        first = Path("/proc/meminfo").read_text().splitlines()[0]
        memory = round(int(first.split()[1]) / 2**20, 1)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=BENCH, text=True,
                            capture_output=True, check=False).stdout.strip() or None
    return {"platform": platform.platform(), "python": platform.python_version(), "cpu": cpu,
            "cores": os.cpu_count(), "memory_gib": memory, "commit": commit}


def _met(value: Any, op: str, bound: float) -> bool:
    if value is None:
        return False
    if op == "==":
        return bool(value == bound)
    return bool(value >= bound if op == ">=" else value <= bound)


def fig(run: dict[str, Any], *path: str) -> Any:
    """A figure of a run by its path in the JSON, or None when that phase failed."""
    value: Any = run
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def gaps_of(run: dict[str, Any]) -> str:
    """Which first-ask per-account gap figures to show: the round-robin ones where measured."""
    return "gaps_interleaved" if "gaps_interleaved" in run else "gaps_account_cold"


def _worst(values: list[Any], op: str) -> Any:
    if not values or any(v is None for v in values):
        return None
    return max(values) if op == "<=" else min(values)


def summarise(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Per engine: each target's headline figure, over the sizes its target names."""
    summary: dict[str, Any] = {}
    for engine in dict.fromkeys(r["engine"] for r in runs):
        mine = sorted((r for r in runs if r["engine"] == engine), key=lambda r: r["size"])
        small, large = mine[0], mine[-1]
        big = [r for r in mine if r["counts"]["contacts"] >= 10_000] or mine
        figures: dict[str, Any] = {
            "sizes": [r["size"] for r in mine],
            "paths_ratio_p95": _worst([fig(r, "paths_ratio_p95") for r in mine], "<="),
            "bi_page_100_p50_ms": _worst([fig(r, "page_100", "graphql", "p50_ms")
                                          for r in big], "<="),
            "bi_page_100_cold_p50_ms": _worst([fig(r, "page_100", "graphql_cold", "p50_ms")
                                               for r in big], "<="),
            "portfolio_gaps_accounts_per_s": fig(large, "portfolio_gaps", "accounts_per_s"),
            "portfolio_gaps_cold_accounts_per_s": fig(large, "portfolio_gaps_cold",
                                                      "accounts_per_s"),
            "portfolio_gaps_cold_all_accounts_per_s": fig(large, "portfolio_gaps_cold_all",
                                                          "accounts_per_s"),
            "bi_page_100_cold_all_p50_ms": _worst(
                [fig(r, "page_100", "graphql_cold_all", "p50_ms") for r in big], "<="),
            "gaps_flatness_p95": ratio(fig(large, gaps_of(large), "p95_ms"),
                                       fig(small, gaps_of(small), "p95_ms")),
            "gaps_flatness_p50": ratio(fig(large, gaps_of(large), "p50_ms"),
                                       fig(small, gaps_of(small), "p50_ms")),
            "gaps_account_p50_ms": fig(large, "gaps_account", "p50_ms"),
            "gaps_account_cold_p50_ms": fig(large, gaps_of(large), "p50_ms"),
            "import_ratio": fig(large, "import_ratio"),
            "import_ratio_cpu": fig(large, "import_ratio_cpu"),
            "export_rows_per_s": fig(large, "export", "rows_per_s"),
            "statements_same_for_10_and_100": _worst(
                [fig(r, "statements_same_for_10_and_100") for r in mine], ">="),
        }
        figures["met"] = {name: _met(figures.get(name), op, bound)
                          for name, (op, bound, _, _) in TARGETS.items()}
        summary[engine] = figures
    return summary


def _num(value: Any, spec: str, suffix: str = "") -> str:
    return "n/a" if value is None else f"{value:{spec}}{suffix}"


def markdown(result: dict[str, Any]) -> str:
    m = result["machine"]
    lines = [
        f"Measured {result['date'][:10]} on {m['cpu']} ({m['cores']} cores, "
        f"{m['memory_gib']} GiB), Python {m['python']}, commit {m['commit']}; "
        f"`{result['command']}`, {result['seconds'] / 60:.0f} min.",
        "",
        "| engine | contacts | interactions | import rows/s (× raw) | export rows/s | "
        "influence paths p50 / p95 ms (× native p95) | link projection: read s, bytes/link | "
        "gaps of 1 account p50 / p95 ms: again · after a write to it | whole-portfolio "
        "coverageGaps accounts/s: again · after a write to one account · to every account | "
        "BI page of 100 over HTTP p50 ms (× library): again · after a write to one account · "
        "to every account | statements / request (10, 100 accounts): again · after a write "
        "| API peak RSS MB |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for r in sorted(result["runs"], key=lambda r: (r["size"], ENGINES.index(r["engine"]))):
        lines.append(" | ".join([
            f"| {r['engine']}", f"{r['counts']['contacts']:,}", f"{r['counts']['interactions']:,}",
            f"{_num(fig(r, 'import', 'rows_per_s'), ',')} "
            f"({_num(fig(r, 'import_ratio'), '.2f', '×')})",
            _num(fig(r, "export", "rows_per_s"), ","),
            f"{_num(fig(r, 'influence_paths', 'p50_ms'), '.2f')} / "
            f"{_num(fig(r, 'influence_paths', 'p95_ms'), '.2f')} "
            f"({_num(fig(r, 'paths_ratio_p95'), '.2f', '×')})",
            f"{_num(fig(r, 'projection', 'load_s'), '.2f')}, "
            f"{_num(fig(r, 'projection', 'bytes_per_link'), '.0f')}",
            f"{_num(fig(r, 'gaps_account', 'p50_ms'), '.2f')} / "
            f"{_num(fig(r, 'gaps_account', 'p95_ms'), '.2f')} · "
            f"{_num(fig(r, gaps_of(r), 'p50_ms'), '.1f')} / "
            f"{_num(fig(r, gaps_of(r), 'p95_ms'), '.1f')}",
            f"{_num(fig(r, 'portfolio_gaps', 'accounts_per_s'), ',.1f')} · "
            f"{_num(fig(r, 'portfolio_gaps_cold', 'accounts_per_s'), ',.1f')} · "
            f"{_num(fig(r, 'portfolio_gaps_cold_all', 'accounts_per_s'), ',.1f')}",
            f"{_num(fig(r, 'page_100', 'graphql', 'p50_ms'), ',.1f')} "
            f"({_num(fig(r, 'page_100', 'ratio_p50'), '.2f', '×')}) · "
            f"{_num(fig(r, 'page_100', 'graphql_cold', 'p50_ms'), ',.1f')} "
            f"({_num(fig(r, 'page_100', 'ratio_cold_p50'), '.2f', '×')}) · "
            f"{_num(fig(r, 'page_100', 'graphql_cold_all', 'p50_ms'), ',.1f')}",
            f"{_num(fig(r, 'page_10', 'statements_per_request'), 'd')}, "
            f"{_num(fig(r, 'page_100', 'statements_per_request'), 'd')} · "
            f"{_num(fig(r, 'page_10', 'statements_per_request_cold'), 'd')}, "
            f"{_num(fig(r, 'page_100', 'statements_per_request_cold'), 'd')}",
            f"{_num(fig(r, 'api_peak_rss_mb'), ',.0f')} |",
        ]))
    engines = list(result["summary"])
    lines += ["", "| target | over | " + " | ".join(engines) + " |",
              "|---|---|" + "--:|" * len(engines)]
    for name, (op, bound, meaning, where) in TARGETS.items():
        cells = []
        for engine in engines:
            figures = result["summary"][engine]
            value = figures.get(name)
            shown = _num(value, ",.2f") if name != "statements_same_for_10_and_100" else (
                "n/a" if value is None else ("same" if value == 1.0 else "differ"))
            cells.append(f"{shown} {'yes' if figures['met'][name] else '**no**'}")
        limit = "same" if op == "==" else f"{op} {bound:,g}"
        lines.append(f"| {meaning} {limit} | {where} | " + " | ".join(cells) + " |")
    failed = [(r["engine"], r["size"], phase, reason) for r in result["runs"]
              for phase, reason in r.get("errors", {}).items()]
    if failed:
        lines += ["", "Failed phases: " + "; ".join(
            f"{e} {s:,} contacts {p}: {why}" for e, s, p, why in failed)]
    lines += [
        "",
        "Raw baseline: `UNWIND $rows AS r MERGE (n:BenchRaw {id: r.id}) SET n += r.props` and the "
        "same for relationships (bench/raw.cypher), on the same engine: the same nodes and "
        "relationships as the import, same batch size. Export rows: the same nodes and "
        "relationships, read back as a relgraph/1 document. Native paths: "
        "`length(shortestPath((a)-[*..4]->(b)))` between the same (staff, key contact) pairs: "
        "unweighted, one path, directed (FalkorDB has no undirected shortestPath); relgraph's "
        "are weighted, both ways, the 5 strongest, from the link projection (read once after "
        "the import: its time is the 'read s'). Per-account gaps: one tier-S account of ~210 "
        "contacts per size, measured round-robin over every size's engine (all alive at once). "
        "Asked again: the same question about an unchanged graph (kept answers, one statement); "
        "after a write: the first question after an import that wrote as it was one account "
        "(the first of the page and the portfolio; for one account's gaps, that account) or "
        "one staff member (read by every account: to every account). "
        "BI page and whole-portfolio gaps: GraphQL over HTTP to `relgraph serve` on 127.0.0.1 "
        f"(up to {BI_REPS} rounds each way, at least 2, none begun after {BI_BUDGET_S:.0f} s); "
        "statements counted on the same app in the benchmark's process. Neo4j: "
        "scripts/neo4j-local, one server per size, heap / page cache 768m / 256m up to 2k "
        "contacts, 1g / 512m up to 20k, 2g / 1536m above.",
    ]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="relgraph benchmarks at portfolio scale on both engines, as ratios against "
                    "each engine's own raw speed.")
    parser.add_argument("--sizes", default="1000,10000,100000",
                        help="portfolio sizes in client contacts, comma-separated "
                             "(default: 1000,10000,100000)")
    parser.add_argument("--engines", default=",".join(ENGINES),
                        help="engines, comma-separated (default: falkordb,neo4j; Neo4j needs "
                             "Java 17+ and Maven for scripts/neo4j-local)")
    parser.add_argument("--quick", action="store_true",
                        help="a smoke run (1 and 2 accounts, few repetitions)")
    parser.add_argument("--targets", type=int, default=None,
                        help="key-contact targets for influence paths (default 300; quick 5)")
    parser.add_argument("--reps", type=int, default=None,
                        help="repetitions of the per-account gaps (default 30; quick 3)")
    parser.add_argument("--bi-reps", type=int, default=None,
                        help=f"repetitions of the BI query, each way (default {BI_REPS}; quick "
                             "2; at least 2, none begun after "
                             f"{BI_BUDGET_S:.0f} s)")
    parser.add_argument("--out", type=Path, default=BENCH / "results",
                        help="results folder (default bench/results)")
    parser.add_argument("--profile", choices=PHASES, default=None,
                        help="write a pyinstrument profile of this phase, per engine and size")
    args = parser.parse_args(argv)
    sizes = [100, 200] if args.quick else [int(s) for s in args.sizes.split(",") if s.strip()]
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    unknown = sorted(set(engines) - set(ENGINES))
    if unknown or not engines:
        parser.error(f"--engines: choose from {', '.join(ENGINES)} (got {args.engines!r})")
    missing = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
    if "neo4j" in engines and missing:
        parser.error(f"the Neo4j leg needs {' and '.join(missing)} (scripts/neo4j-local); "
                     "install them or pass --engines falkordb")
    args.targets = args.targets or (5 if args.quick else 300)
    args.reps = args.reps or (3 if args.quick else 30)
    args.bi_reps = args.bi_reps or (2 if args.quick else BI_REPS)
    args.out.mkdir(parents=True, exist_ok=True)

    started = time.perf_counter()
    runs: list[dict[str, Any]] = []
    for engine_name in engines:
        live: list[tuple[dict[str, Any], Engine, Plan]] = []
        try:
            for size in sizes:  # one engine per size, all alive until the round-robin
                run, engine, plan = measure_size(engine_name, size, args, args.out)
                runs.append(run)
                live.append((run, engine, plan))
            if len(live) > 1:
                measure_flatness(live, args)
        finally:
            for _, engine, _ in live:
                engine.stop()
    result = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "command": " ".join(["bench/run.py", *(argv if argv is not None else sys.argv[1:])]),
        "quick": args.quick,
        "seconds": round(time.perf_counter() - started, 1),
        "targets": {k: {"op": op, "bound": b, "meaning": m, "over": w}
                    for k, (op, b, m, w) in TARGETS.items()},
        "runs": runs,
        "summary": summarise(runs),
        "raw_statements_run": {engine: sorted(names) for engine, names in RAW_RUN.items()},
    }
    (args.out / "latest.json").write_text(json.dumps(result, indent=2) + "\n")
    table = markdown(result)
    (args.out / "latest.md").write_text(table)
    print()
    print(table)
    say(f"results in {args.out / 'latest.json'} and {args.out / 'latest.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
