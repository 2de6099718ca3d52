"""The link projection of influence paths: every person and usable link in compact arrays in this
process, shared by all requests and threads of it, and never stale.

As graph-analytics engines keep a projected graph in memory: `LinkBase` holds the people and the
links as stored (asserted KNOWS, reporting lines with their dates, INFLUENCES, the interactions
each staff member shared with each contact), loaded with a few bulk statements; `DayView`
resolves what depends on the as-of day (current lines, who is opposed, the derived KNOWS with
their decay) into the strongest arc per ordered pair of people, as CSR adjacency both ways.

Freshness: every write statement adds 1 to the generation stored in the graph, in the same
statement as its write (cypher/meta.cypher). `day_view` reads it (one statement) and, when it
differs from the projection's, reloads before answering. Projections are kept per store object
(`projection_of`), so every user of one store shares one.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import threading
import time
import weakref
from array import array
from collections import Counter, OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from itertools import accumulate, pairwise
from typing import Any

from relgraph.config import Settings
from relgraph.cypher import statement
from relgraph.intel.common import (
    DEFAULT_LAYER_WEIGHT,
    HALF_LIFE_DAYS,
    LAYER_WEIGHT,
    knows_strength,
    reporting_strength,
    to_date,
)
from relgraph.intel.generation import Generation, graph_generation, per_store, wait_for
from relgraph.intel.types import LinkType, PathLink, PathNode, Side
from relgraph.store.base import GraphStore, Row, note_waiting, read_deadline, unbounded

PEOPLE = statement("projection_people")
ASSESSMENTS = statement("projection_assessments")
KNOWS = statement("projection_knows")
REPORTING_LINES = statement("projection_reporting_lines")
INFLUENCES = statement("projection_influences")
SHARED = statement("projection_shared_interactions")
# What a load reads (SHARED once per slice of staff members).
LOAD_STATEMENTS = (PEOPLE, SHARED, ASSESSMENTS, KNOWS, REPORTING_LINES, INFLUENCES)

# Staff members per shared-interactions statement: bounds one statement's time and memory.
SHARED_SLICE = 2_000
# Day views kept per generation (the API mostly asks about today).
DAYS_KEPT = 4
# A load that saw writes land between its statements is repeated (then kept, tagged with the
# generation it started at, so that the next question loads again).
LOAD_ATTEMPTS = 3

# Link kinds, sources and the tie preference between link types (KNOWS, then REPORTS_TO).
K_KNOWS, K_REPORTS_TO, K_INFLUENCES = 0, 1, 2
LINK_TYPES = (LinkType.KNOWS, LinkType.REPORTS_TO, LinkType.INFLUENCES)
PREFERENCE = (2, 1, 0)
SOURCES = ("asserted", "derived", "reporting", "influence")
S_ASSERTED, S_DERIVED, S_REPORTING, S_INFLUENCE = 0, 1, 2, 3
OPEN_START, OPEN_END = 0, 10**7  # day numbers beyond any date: a line without since / until
NONE = -1  # no kind / no interaction day in the int arrays


def _is_newer_or_same(have: Generation, asked: Generation) -> bool:
    """Whether a projection built at `have` reflects every write up to `asked`."""
    if have == asked:
        return True
    same_epoch = have[0] is not None and have[0] == asked[0]
    return same_epoch and isinstance(have[1], int) and isinstance(asked[1], int) \
        and have[1] > asked[1]


# --- what an answer shows -----------------------------------------------------------------------

@dataclass(frozen=True)
class Link:
    """One link of a day (KNOWS already merged from asserted and derived), as a hop shows it.

    KNOWS and REPORTS_TO are walked both ways, INFLUENCES only from `src` to `dst`.
    """

    type: LinkType
    src: str
    dst: str
    strength: float
    source: str  # asserted | derived | reporting | influence
    kind: str | None = None  # INFLUENCES kind (mentor, friend, ...)
    interactions: int | None = None
    last_interaction: dt.date | None = None
    forward: bool = True  # walked from src to dst (False: from dst back to src)


# --- adjacency ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class LinkTable:
    """Links of one day as parallel arrays (index = link number)."""

    kind: bytearray = field(default_factory=bytearray)
    src: array[int] = field(default_factory=lambda: array("i"))
    dst: array[int] = field(default_factory=lambda: array("i"))
    strength: array[float] = field(default_factory=lambda: array("d"))
    source: bytearray = field(default_factory=bytearray)
    interactions: array[int] = field(default_factory=lambda: array("i"))
    last: array[int] = field(default_factory=lambda: array("i"))  # day number or NONE
    label: array[int] = field(default_factory=lambda: array("i"))  # index into kinds or NONE

    def add(self, kind: int, src: int, dst: int, strength: float, source: int,
            interactions: int = 0, last: int = NONE, label: int = NONE) -> None:
        self.kind.append(kind)
        self.src.append(src)
        self.dst.append(dst)
        self.strength.append(strength)
        self.source.append(source)
        self.interactions.append(interactions)
        self.last.append(last)
        self.label.append(label)

    def __len__(self) -> int:
        return len(self.src)


@dataclass(frozen=True)
class Arcs:
    """The strongest usable link per ordered pair of people, as CSR adjacency both ways.

    Out-arcs of u: positions out_start[u] .. out_start[u + 1] of out_nbr (neighbours in index
    order), out_cost (-log strength) and out_link (link number); in-arcs alike.
    """

    out_start: array[int]
    out_nbr: array[int]
    out_cost: array[float]
    out_link: array[int]
    in_start: array[int]
    in_nbr: array[int]
    in_cost: array[float]
    in_link: array[int]

    def link_of(self, u: int, v: int) -> int:
        """The link number of the arc u -> v (which must exist)."""
        lo, hi = self.out_start[u], self.out_start[u + 1]
        at = bisect.bisect_left(self.out_nbr, v, lo, hi)
        assert at < hi and self.out_nbr[at] == v, (u, v)
        return self.out_link[at]

    def nbytes(self) -> int:
        return sum(a.itemsize * len(a) for a in (
            self.out_start, self.out_nbr, self.out_cost, self.out_link,
            self.in_start, self.in_nbr, self.in_cost, self.in_link))


def build_arcs(size: int, links: LinkTable) -> Arcs:
    """Arcs of `size` people from links: each usable link gives an arc from src to dst, and one
    back unless it is INFLUENCES; per ordered pair the strongest link counts, ties going to
    KNOWS, then REPORTS_TO, then the lower link number. Links of strength <= 0 and self-links
    are not usable."""
    count = len(links)
    kind, src, dst, strength = links.kind, links.src, links.dst, links.strength
    # One int per arc, (u * size + v) * count + link: one C-speed sort groups the arcs by
    # tail, orders each tail's heads, and brings the candidates for one pair together
    # (whole-list comprehensions: a Python loop per arc costs several times more).
    codes = [(u * size + v) * count + n
             for n, u, v, s in zip(range(count), src, dst, strength, strict=True)
             if u != v and s > 0]
    codes += [(v * size + u) * count + n
              for n, u, v, s, k in zip(range(count), src, dst, strength, kind, strict=True)
              if u != v and s > 0 and k != K_INFLUENCES]
    codes.sort()
    numbers = [code % count for code in codes]
    pairs = [code // count for code in codes]
    del codes
    twins = [j for j in range(1, len(pairs)) if pairs[j] == pairs[j - 1]]
    if twins:  # a second link for the same ordered pair (rare): the stronger one stays
        for j in reversed(twins):  # each run's best moves to its first position
            held, other = numbers[j - 1], numbers[j]
            if (strength[other], PREFERENCE[kind[other]]) > (strength[held],
                                                             PREFERENCE[kind[held]]):
                numbers[j - 1] = other
        dropped = set(twins)
        kept = [j for j in range(len(pairs)) if j not in dropped]
        pairs, numbers = [pairs[j] for j in kept], [numbers[j] for j in kept]
    tails = array("i", [pair // size for pair in pairs])
    heads = array("i", [pair % size for pair in pairs])
    del pairs
    cost_of = [-math.log(s if s < 1.0 else 1.0) for s in strength]
    out_link = array("i", numbers)
    out_cost = array("d", [cost_of[n] for n in numbers])
    del numbers, cost_of
    out_start = array("i", (bisect.bisect_left(tails, u) for u in range(size + 1)))
    # The same arcs by head: a counting sort, stable, so each head's tails stay in order.
    degree = Counter(heads)
    in_start = array("i", accumulate((degree.get(v, 0) for v in range(size)), initial=0))
    place = array("i", in_start)
    order = array("i", bytes(4 * len(heads)))
    for j, v in enumerate(heads):
        order[place[v]] = j
        place[v] += 1
    return Arcs(out_start, heads, out_cost, out_link, in_start,
                array("i", [tails[j] for j in order]), array("d", [out_cost[j] for j in order]),
                array("i", [out_link[j] for j in order]))


# --- the generation's links, as stored ----------------------------------------------------------

@dataclass
class LinkBase:
    """Every person and link of one generation of the graph (nothing here depends on a day).

    People are numbered in the order of their ids, so that ordering numbers orders ids.
    """

    generation: Generation
    ids: list[str]
    index: dict[str, int]
    names: list[str]
    titles: list[str | None]
    accounts: list[str | None]
    staff: bytearray
    active: bytearray
    # assessments per person (days ascending): positions asm_start[p] .. asm_start[p + 1]
    asm_start: array[int]
    asm_day: array[int]
    asm_opposed: bytearray
    # asserted KNOWS, ordered by (src, dst); strength NaN where none was given
    knows_key: array[int]
    knows_strength: array[float]
    # reporting lines, ordered by (src, dst); since / until as day numbers (open: OPEN_*)
    line_key: array[int]
    line_since: array[int]
    line_until: array[int]
    line_strength: array[float]
    # INFLUENCES with a strength
    influence_src: array[int]
    influence_dst: array[int]
    influence_strength: array[float]
    influence_label: array[int]
    labels: list[str]
    # interactions shared by (staff, contact), ordered by pair; each pair's days ascending
    pair_key: array[int]
    pair_start: array[int]
    events: array[int]  # event_code of each shared interaction
    days: OrderedDict[tuple[int, int], DayView] = field(default_factory=OrderedDict)
    nodes: dict[int, PathNode] = field(default_factory=dict)  # answers' people, as shown

    @property
    def size(self) -> int:
        return len(self.ids)

    def node(self, number: int) -> PathNode:
        """The person as an answer shows them (kept: answers repeat the same people)."""
        found = self.nodes.get(number)
        if found is None:
            staff = bool(self.staff[number])
            found = self.nodes[number] = PathNode(
                id=self.ids[number], name=self.names[number],
                side=Side.OURS if staff else Side.THEIRS, title=self.titles[number],
                account=None if staff else self.accounts[number])
        return found

    def nbytes(self) -> int:
        """Bytes held: the arrays, plus the id, name, title and account strings and the index."""
        arrays = sum(a.itemsize * len(a) for a in (
            self.asm_start, self.asm_day, self.knows_key, self.knows_strength, self.line_key,
            self.line_since, self.line_until, self.line_strength, self.influence_src,
            self.influence_dst, self.influence_strength, self.influence_label, self.pair_key,
            self.pair_start, self.events))
        flags = len(self.staff) + len(self.active) + len(self.asm_opposed)
        return arrays + flags + _strings_nbytes(self)


def _strings_nbytes(base: LinkBase) -> int:
    import sys

    seen: set[int] = set()
    total = sum(sys.getsizeof(x) for x in (base.ids, base.names, base.titles, base.accounts,
                                            base.index))
    for values in (base.ids, base.names, base.titles, base.accounts):
        for value in values:
            if value is not None and id(value) not in seen:
                seen.add(id(value))
                total += sys.getsizeof(value)
    return total


_DAY_MASK = (1 << 21) - 1  # day numbers (proleptic ordinals) up to the year 5741
_EVENT_MASK = (1 << 23) - 1
# Layers of shared interactions and their weights in the derived KNOWS (last: any other).
_LAYERS = {"key": 0, "general": 1, "organizational": 2}
_WEIGHTS = (LAYER_WEIGHT["key"], LAYER_WEIGHT["general"], LAYER_WEIGHT["organizational"],
            DEFAULT_LAYER_WEIGHT)


def event_code(day: int, layer: str | None) -> int:
    """A shared interaction as one int, 4 * day - layer: ordered by day, and on day T its
    index in a table by age is 4 * T - code."""
    return 4 * day - _LAYERS.get(layer or "", 3)


class _DayNumbers(dict[str, int]):
    """ISO date -> day number, each date parsed once."""

    def __missing__(self, iso_date: str) -> int:
        number = self[iso_date] = dt.date.fromisoformat(iso_date).toordinal()
        return number


def _day(value: Any, default: int) -> int:
    day = to_date(value)
    return default if day is None else day.toordinal()


def _float(value: Any) -> float:
    return math.nan if value is None else float(value)


def base_from_rows(
    generation: Generation, people: Iterable[Row], assessments: Iterable[str],
    knows: Iterable[Row], lines: Iterable[Row], influences: Iterable[Row],
    shared: Iterable[Row],
) -> LinkBase:
    """A LinkBase from the rows of the projection statements (cypher/intel_paths.cypher)."""
    rows = sorted(people, key=lambda r: r["id"])
    ids = [r["id"] for r in rows]
    index = {pid: n for n, pid in enumerate(ids)}
    size = len(ids)

    days = _DayNumbers()
    # Int codes (person << 23 | day << 2 | flag), sorted at C speed, then cut into columns.
    marks = sorted([(index[c] << 23) | (days[d] << 2) | (a == "-1")
                    for d, a, c in (x.split("|", 2) for x in assessments) if c in index])
    owners = [code >> 23 for code in marks]
    asm_start = array("i", (bisect.bisect_left(owners, who) for who in range(size + 1)))
    asm_day = array("i", [(code >> 2) & _DAY_MASK for code in marks])
    asm_opposed = bytearray(code & 1 for code in marks)

    asserted = sorted(
        (index[r["src"]] * size + index[r["dst"]], _float(r["strength"])) for r in knows
        if r["src"] in index and r["dst"] in index)
    reporting = sorted(
        (index[r["src"]] * size + index[r["dst"]], _day(r["since"], OPEN_START),
         _day(r["until"], OPEN_END), _float(r["strength"])) for r in lines
        if r["src"] in index and r["dst"] in index)
    labels: list[str] = []
    label_of: dict[str, int] = {}
    influence = sorted(
        (index[r["src"]], index[r["dst"]], float(r["strength"]),
         NONE if r["kind"] is None else label_of.setdefault(r["kind"], len(label_of)))
        for r in influences
        if r["strength"] is not None and r["src"] in index and r["dst"] in index)
    labels = sorted(label_of, key=label_of.__getitem__)

    # (staff * size + contact) << 23 | event (event_code: day and layer), sorted
    codes: list[int] = []
    for row in shared:
        staff_member = index.get(row["staff"])
        if staff_member is not None:
            first = staff_member * size
            codes.extend(((first + index[c]) << 23) | event_code(days[d], lay)
                         for d, lay, c in (x.split("|", 2) for x in row["shared"])
                         if c in index)
    codes.sort()
    keys = [code >> 23 for code in codes]
    firsts = [j for j in range(len(keys)) if j == 0 or keys[j] != keys[j - 1]]
    pair_key = array("q", [keys[j] for j in firsts])
    pair_start = array("i", [*firsts, len(keys)])
    events = array("i", [code & _EVENT_MASK for code in codes])

    return LinkBase(
        generation=generation, ids=ids, index=index,
        names=[r.get("name") or r["id"] for r in rows],
        titles=[r.get("title") for r in rows], accounts=[r.get("account") for r in rows],
        staff=bytearray(bool(r.get("staff")) for r in rows),
        active=bytearray(r.get("active") is not False for r in rows),
        asm_start=asm_start, asm_day=asm_day, asm_opposed=asm_opposed,
        knows_key=array("q", (k for k, _ in asserted)),
        knows_strength=array("d", (s for _, s in asserted)),
        line_key=array("q", (k for k, *_ in reporting)),
        line_since=array("i", (r[1] for r in reporting)),
        line_until=array("i", (r[2] for r in reporting)),
        line_strength=array("d", (r[3] for r in reporting)),
        influence_src=array("i", (r[0] for r in influence)),
        influence_dst=array("i", (r[1] for r in influence)),
        influence_strength=array("d", (r[2] for r in influence)),
        influence_label=array("i", (r[3] for r in influence)),
        labels=labels, pair_key=pair_key, pair_start=pair_start, events=events,
    )


def load_base(store: GraphStore, generation: Generation) -> LinkBase:
    """Read every person and link (a few bulk statements) into a LinkBase tagged `generation`."""
    people = store.run(PEOPLE)
    staff = sorted(r["id"] for r in people if r.get("staff"))

    def shared() -> Iterator[Row]:  # slice by slice, each turned into arrays before the next
        for start in range(0, len(staff), SHARED_SLICE):
            yield from store.run(SHARED, {"staff": staff[start:start + SHARED_SLICE]})

    packed = store.run(ASSESSMENTS)
    return base_from_rows(
        generation, people, packed[0]["assessments"] if packed else [], store.run(KNOWS),
        store.run(REPORTING_LINES), store.run(INFLUENCES), shared())


# --- one day ------------------------------------------------------------------------------------

def derived_strengths(pair_start: Sequence[int], events: array[int], today: int,
                      first_day: int) -> list[tuple[int, int, float]]:
    """The derived KNOWS on day `today` of each pair, from its shared interactions (pair p's
    event codes at positions pair_start[p] .. pair_start[p + 1], ascending), counting those from
    `first_day` to `today`: (count, last day, strength) per pair. The formula of
    `common.derived_knows_strength`: strength = 1 - prod(1 - w(layer) * 2^(-age / 180))."""
    span = max(today - first_day, 0)
    # misses[4 * age + layer] = 1 - w(layer) * 2^(-age / half-life), computed as the contract's
    misses = [1.0 - _WEIGHTS[layer] * math.pow(2.0, -age / HALF_LIFE_DAYS)
              for age in range(span + 1) for layer in range(4)]
    low, high, now = 4 * first_day - 3, 4 * today, 4 * today
    # Outside the window a factor of 1.0 (exact: x * 1.0 == x), so one pass over all events and
    # one product per pair give each pair's product over its days inside, in day order.
    factors = [misses[now - code] if low <= code <= high else 1.0 for code in events]
    products = [math.prod(factors[a:b]) for a, b in pairwise(pair_start)]
    found: list[tuple[int, int, float]] = []
    for (start, end), product in zip(pairwise(pair_start), products, strict=True):
        if start < end and events[start] >= low and events[end - 1] <= high:  # all inside
            found.append((end - start, (events[end - 1] + 3) // 4, 1.0 - product))
            continue
        lo = bisect.bisect_left(events, low, start, end)
        hi = bisect.bisect_right(events, high, lo, end)
        found.append((0, NONE, 0.0) if lo == hi
                     else (hi - lo, (events[hi - 1] + 3) // 4, 1.0 - product))
    return found


@dataclass
class StartBounds:
    """For paths from every active staff member: per person, the cheapest way from a start into
    them in one arc (`one`) and in two arcs through a relay (`two`); `two_anywhere` is the
    cheapest `two` of any relay, a lower bound on the first two arcs of any longer way."""

    one: array[float]
    two: array[float]
    two_anywhere: float


@dataclass
class DayView:
    """The projection of one day: relays, links and arcs (built by `DayView.of`)."""

    base: LinkBase
    day: dt.date
    window_days: int
    relay: bytearray  # 1: may be an intermediate hop (active, not opposed on the day)
    start: bytearray  # 1: an active staff member (a start when paths start from everyone)
    relay_not_start: bytearray  # relay and not start: the hops of paths from everyone
    contact_relay: bytearray  # 1: an active contact (reached by influence)
    links: LinkTable
    arcs: Arcs
    hops: dict[tuple[int, int], PathLink] = field(default_factory=dict)  # answers' hops, kept
    _bounds: StartBounds | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def of(cls, base: LinkBase, day: dt.date, window_days: int) -> DayView:
        today = day.toordinal()
        size = base.size
        relay = bytearray(base.active)
        for who in range(size):
            lo, hi = base.asm_start[who], base.asm_start[who + 1]
            if lo < hi:
                at = bisect.bisect_right(base.asm_day, today, lo, hi) - 1
                if at >= lo and base.asm_opposed[at]:
                    relay[who] = 0
        start = bytearray(a & s for a, s in zip(base.active, base.staff, strict=True))
        relay_not_start = bytearray(r & (1 - s) for r, s in zip(relay, start, strict=True))
        contact_relay = bytearray(a & (1 - s) for a, s in zip(base.active, base.staff,
                                                              strict=True))
        knows = _knows_links(base, today, today - window_days)
        lines = _line_links(base, today)
        keys = [k for k, *_ in knows] + [k for k, _ in lines]
        influences = len(base.influence_src)
        links = LinkTable(
            kind=bytearray([K_KNOWS] * len(knows) + [K_REPORTS_TO] * len(lines)
                           + [K_INFLUENCES] * influences),
            src=array("i", [k // size for k in keys]) + base.influence_src,
            dst=array("i", [k % size for k in keys]) + base.influence_dst,
            strength=array("d", [x[1] for x in knows] + [x[1] for x in lines])
            + base.influence_strength,
            source=bytearray([x[2] for x in knows] + [S_REPORTING] * len(lines)
                             + [S_INFLUENCE] * influences),
            interactions=array("i", [x[3] for x in knows] + [0] * (len(lines) + influences)),
            last=array("i", [x[4] for x in knows] + [NONE] * (len(lines) + influences)),
            label=array("i", [NONE] * (len(knows) + len(lines))) + base.influence_label,
        )
        return cls(base, day, window_days, relay, start, relay_not_start, contact_relay, links,
                   build_arcs(size, links))

    def link(self, number: int, walked_from: int | None = None) -> Link:
        """Link `number`; `walked_from` (a person number): the end its hop starts at."""
        t = self.links
        last = t.last[number]
        label = t.label[number]
        return Link(
            type=LINK_TYPES[t.kind[number]], src=self.base.ids[t.src[number]],
            dst=self.base.ids[t.dst[number]], strength=t.strength[number],
            source=SOURCES[t.source[number]],
            kind=None if label == NONE else self.base.labels[label],
            interactions=t.interactions[number] or None,
            last_interaction=None if last == NONE else dt.date.fromordinal(last),
            forward=walked_from is None or walked_from == t.src[number],
        )

    def start_bounds(self) -> StartBounds:
        """StartBounds of this day (computed at the first question from every staff member)."""
        with self._lock:
            if self._bounds is None:
                self._bounds = start_bounds(self.arcs, self.start, self.relay_not_start)
            return self._bounds

    def nbytes(self) -> int:
        t = self.links
        tables = sum(a.itemsize * len(a) for a in (t.src, t.dst, t.strength, t.interactions,
                                                   t.last, t.label))
        flags = len(t.kind) + len(t.source) + len(self.relay) + len(self.start) \
            + len(self.relay_not_start) + len(self.contact_relay)
        return tables + flags + self.arcs.nbytes()


def _knows_links(base: LinkBase, today: int,
                 first_day: int) -> list[tuple[int, float, int, int, int]]:
    """KNOWS of the day, asserted and derived merged per (staff, contact), an asserted strength
    winning (common.knows_strength): (src * size + dst, strength, source, interactions, last)."""
    asserted = dict(zip(base.knows_key, base.knows_strength, strict=True))
    found: list[tuple[int, float, int, int, int]] = []
    derived = derived_strengths(base.pair_start, base.events, today, first_day)
    for key, (count, last, strength) in zip(base.pair_key, derived, strict=True):
        given = asserted.pop(key, None)  # None: not asserted; NaN: asserted without strength
        if given is not None:
            found.append(_knows(key, given, count, last, strength))
        elif count:  # derived only: its strength is in (0, 1)
            found.append((key, strength, S_DERIVED, count, last))
    found.extend(_knows(key, given, 0, NONE, 0.0) for key, given in asserted.items())
    return [link for link in found if link[1] > 0]


def _knows(key: int, given: float | None, count: int, last: int,
           derived_value: float) -> tuple[int, float, int, int, int]:
    """One KNOWS of the day: (key, strength, source, interactions, last day)."""
    is_asserted = given is not None
    asserted_strength = None if given is None or math.isnan(given) else given
    derived = derived_value if count else None
    strength = knows_strength(is_asserted, asserted_strength, derived)
    from_derived = derived is not None and (
        not is_asserted or (asserted_strength is None and derived >= strength))
    return key, strength, S_DERIVED if from_derived else S_ASSERTED, count, last


def _line_links(base: LinkBase, today: int) -> list[tuple[int, float]]:
    """Reporting lines current on the day (since <= day < until): (src * size + dst, strength);
    of two current lines between the same two people in the same direction, the stronger."""
    found: list[tuple[int, float]] = []
    for number in range(len(base.line_key)):
        if not base.line_since[number] <= today < base.line_until[number]:
            continue
        given = base.line_strength[number]
        strength = reporting_strength(None if math.isnan(given) else given)
        key = base.line_key[number]
        if found and found[-1][0] == key:
            if strength > found[-1][1]:
                found[-1] = (key, strength)
        else:
            found.append((key, strength))
    return found


def start_bounds(arcs: Arcs, start: Sequence[int], relay: Sequence[int]) -> StartBounds:
    """StartBounds of the people with `start[p]` true, through the people with `relay[p]` true
    (which must be false for the starts)."""
    size = len(start)
    inf = math.inf
    in_start, in_nbr, in_cost = arcs.in_start, arcs.in_nbr, arcs.in_cost
    one = array("d", [inf]) * size
    for v in range(size):
        best = inf
        for j in range(in_start[v], in_start[v + 1]):
            if start[in_nbr[j]] and in_cost[j] < best:
                best = in_cost[j]
        one[v] = best
    two = array("d", [inf]) * size
    anywhere = inf
    for v in range(size):
        best = inf
        for j in range(in_start[v], in_start[v + 1]):
            u = in_nbr[j]
            if relay[u]:
                cost = one[u] + in_cost[j]
                if cost < best:
                    best = cost
        two[v] = best
        if relay[v] and best < anywhere:
            anywhere = best
    return StartBounds(one, two, anywhere)


# --- shared by the process ----------------------------------------------------------------------

class Projection:
    """The projection of one store: its latest LinkBase and day views, rebuilt when stale.

    One load at a time: whoever needs a newer base than the latest waits for the load under way,
    or starts one. An asker whose reads stop at a deadline (an API request) has the load run on
    a thread of its own against the store without the deadline, and waits for it until the
    deadline: past it the asker gets StillComputing, and the load goes on and is kept, so asking
    again is answered (the links of 100k contacts take about 25 s to read on a quiet machine).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._base: LinkBase | None = None
        self._loading: tuple[Future[LinkBase], float] | None = None  # the load, when it began
        self.loads = 0  # how many times the links were read (tests, benchmark)

    def view(self, store: GraphStore, generation: Generation, day: dt.date,
             window_days: int) -> DayView:
        """The day view of the graph at `generation` or later; loads when stale."""
        base = self._base
        if base is None or not _is_newer_or_same(base.generation, generation):
            base = self._fresh(store, generation)
        key = (day.toordinal(), window_days)
        view = base.days.get(key)
        if view is None:
            with self._lock:
                view = base.days.get(key)
                if view is None:
                    view = DayView.of(base, day, window_days)
                    base.days[key] = view
                    while len(base.days) > DAYS_KEPT:
                        base.days.popitem(last=False)
        return view

    def kept_view(self, day: dt.date, window_days: int) -> DayView | None:
        """The day view kept from the latest base, whatever the graph's generation now (no
        statement): the caller checks `is_current` before it trusts an answer from it."""
        base = self._base
        return None if base is None else base.days.get((day.toordinal(), window_days))

    def _fresh(self, store: GraphStore, generation: Generation) -> LinkBase:
        """A base at `generation` or later: the one a load under way gives, or one loaded now."""
        deadline = read_deadline(store)
        while True:
            with self._lock:
                base = self._base
                if base is not None and _is_newer_or_same(base.generation, generation):
                    return base
                under_way = self._loading
                mine = under_way is None
                loading, began = self._loading = under_way or (Future(), time.monotonic())
            if mine and deadline is None:
                self._run(store, generation, loading)
            elif mine:
                threading.Thread(target=self._run, name="relgraph-projection-load", daemon=True,
                                 args=(unbounded(store), generation, loading)).start()
            note_waiting(store, began)  # a load goes on past an asker's deadline
            failure = wait_for(loading, deadline, began)
            if failure is not None and (mine or not loading.done()):
                raise failure  # our own load failed, or StillComputing (the load goes on)
            # loaded (a base older than `generation` if a write landed meanwhile: load again),
            # or someone else's load failed: load ourselves

    def _run(self, store: GraphStore, generation: Generation,
             loading: Future[LinkBase]) -> None:
        try:
            base = self._load(store, generation)
        except BaseException as failure:
            with self._lock:
                self._loading = None
            loading.set_exception(failure)
        else:
            with self._lock:  # kept before anyone waiting is told
                self._base = base
                self._loading = None
            loading.set_result(base)

    def _load(self, store: GraphStore, generation: Generation) -> LinkBase:
        for _ in range(LOAD_ATTEMPTS):
            base = load_base(store, generation)
            self.loads += 1
            after = graph_generation(store)
            if after == generation:
                return base  # no write landed between the statements: one consistent graph
            generation = after
        return base  # tagged with a generation that is already old: the next question reloads

    @property
    def base(self) -> LinkBase | None:
        return self._base


_PROJECTIONS: weakref.WeakKeyDictionary[GraphStore, Projection] = weakref.WeakKeyDictionary()
_REGISTRY_LOCK = threading.Lock()


def projection_of(store: GraphStore) -> Projection:
    """The projection shared by every user of `store` (or of the store it is a view of) in this
    process."""
    return per_store(_PROJECTIONS, _REGISTRY_LOCK, store, Projection)


def is_current(view: DayView, generation: Generation) -> bool:
    """Whether `view` reflects every write up to `generation` (the graph's, just read)."""
    return _is_newer_or_same(view.base.generation, generation)


def day_view(store: GraphStore, day: dt.date, settings: Settings) -> DayView:
    """The projection of the graph as it is now, for `day`: one statement when nothing changed
    since the last question, a reload first when something did."""
    generation = graph_generation(store)
    return projection_of(store).view(store, generation, day, settings.derived_knows_window_days)
