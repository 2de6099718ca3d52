"""Export the graph as a relgraph/1 document in canonical order (the import's exact inverse).

Canonical means: arrays in the contract's order, records sorted by their natural key, keys in
the records' field order, every field present (null when not set), lists sorted. Derived values
(an assessment's score and effectiveAttitude, a reporting line's key, a knows link's source)
are not data and are left out, so import -> export -> import -> export gives the same document.
"""

from __future__ import annotations

import json
import operator
from collections import deque
from collections.abc import Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TextIO

from relgraph.collector import collector_paused
from relgraph.cypher import statement
from relgraph.ingest.validation import NATURAL_KEYS
from relgraph.model import ARRAYS, DOCUMENT_ORDER, FORMAT, InteractionType
from relgraph.store.base import GraphStore, Row, parallel_reads

PAGE_SIZE = 5_000  # anchor ids per page: bounded memory and result size on a graph of any size
# Anchor ids per id statement, cut into pages of PAGE_SIZE: FalkorDB sorts every id of the label
# for each `id > $after ORDER BY id LIMIT n`, so fewer, longer id pages cost far less.
ID_PAGE = 100_000
# Pages whose statements run at once (each on its own session) while this thread turns the page
# before into records, where the engine allows (relgraph.store.base.parallel_reads; else one).
# Measured on a 10k-contact export on Neo4j: 1 in flight 2.4 s, 2 in flight 1.7-1.9 s (and
# 2.2-2.4 s against 3.0-3.8 s on FalkorDB, which is not safe under concurrent queries).
AHEAD = 2

# Each array is read by anchor: the node label to page through, and the record field holding
# that node's id. Link arrays are anchored on the end with few links per node, so that a page
# of anchors holds a bounded number of records.
ANCHORS: dict[str, tuple[str, str]] = {
    "accounts": ("account", "id"), "orgUnits": ("org_unit", "id"),
    "contacts": ("contact", "id"), "staff": ("staff", "id"),
    "reportingLines": ("person", "person"), "influences": ("person", "from"),
    "knows": ("contact", "contact"), "owners": ("contact", "contact"),
    "sponsors": ("staff", "staff"), "teams": ("account", "account"),
    "interactions": ("interaction", "id"), "assessments": ("contact", "contact"),
    "competitors": ("competitor", "id"), "supplies": ("account", "account"),
    "favors": ("contact", "contact"), "opportunities": ("opportunity", "id"),
    "decisionChain": ("opportunity", "opportunity"),
    "opportunityTeam": ("opportunity", "opportunity"),
    "plans": ("plan", "id"), "commitments": ("commitment", "id"),
    "planReviews": ("plan_review", "id"), "orgActions": ("org_action", "id"),
    "departmentAssessments": ("department_assessment", "id"),
    "tierReviews": ("tier_review", "id"),
}

# Canonical record order within an array: the anchor first (pages follow it), then the rest
# of the natural key.
SORT_KEYS: dict[str, tuple[str, ...]] = {
    "reportingLines": ("person", "manager", "since"), "influences": ("from", "to"),
    "knows": ("contact", "staff"), "owners": ("contact", "role", "staff"),
    "sponsors": ("staff", "account", "contact"), "teams": ("account", "role", "staff"),
    "assessments": ("contact", "date"), "supplies": ("account", "competitor"),
    "favors": ("contact", "competitor"), "decisionChain": ("opportunity", "contact"),
    "opportunityTeam": ("opportunity", "role", "staff"),
}

FIELDS: dict[str, tuple[str, ...]] = {
    array: tuple(f.alias or name for name, f in model.model_fields.items())
    for array, model in ARRAYS.items()
}

_PAGES = {label: statement(f"page_{label}_ids") for label, _ in ANCHORS.values()}
# The labels that anchor more than one array (their ids are read once per export).
SHARED_ANCHORS = frozenset(label for label, _ in ANCHORS.values()
                           if sum(other == label for other, _ in ANCHORS.values()) > 1)
_RECORDS = {
    array: statement("export_" + "".join(f"_{c.lower()}" if c.isupper() else c for c in array))
    for array in ARRAYS
}
# Where an interaction's attendees are in its values: sorted, as the canonical document has them.
_ATTENDEES = [FIELDS["interactions"].index("staff"), FIELDS["interactions"].index("contacts")]
_ID = operator.itemgetter("id")


def canonical_doc(array: str, doc: Mapping[str, Any]) -> dict[str, Any]:
    """A validated record's document dict as an export gives it back (layer set, lists sorted)."""
    if array != "interactions":
        return dict(doc)
    layer = doc["layer"] or InteractionType(doc["type"]).default_layer.value
    return {**doc, "layer": layer, "staff": sorted(set(doc["staff"])),
            "contacts": sorted(set(doc["contacts"]))}


def stored_doc(array: str, values: list[Any]) -> dict[str, Any]:
    """A record of `array` from its values as its export statement lists them (field order)."""
    return dict(zip(FIELDS[array], values, strict=True))


def sort_key(array: str, doc: Mapping[str, Any]) -> tuple[str, ...]:
    """Where a record goes in its array: by anchor, then the rest of its natural key."""
    keys = SORT_KEYS.get(array, NATURAL_KEYS[array])
    return tuple("" if doc.get(k) is None else str(doc[k]) for k in keys)


def fetch_records(store: GraphStore, array: str, anchor_ids: list[str]) -> list[dict[str, Any]]:
    """The stored records of `array` anchored at the given ids, in canonical order."""
    return _records_of(array, _page_values(store, array, anchor_ids))


def _one(rows: list[Row], column: str) -> list[Any]:
    """The list an export statement collects into its one row (no row: nothing matched)."""
    return rows[0][column] if rows else []


def _page_values(store: GraphStore, array: str, anchor_ids: list[str]) -> list[list[Any]]:
    """The records of `array` anchored at the given ids, each as its values in field order."""
    values: list[list[Any]] = _one(store.run(_RECORDS[array], {"ids": anchor_ids}), "records")
    if array == "interactions":
        for record in values:
            for at in _ATTENDEES:
                record[at].sort()
    return values


def _records_of(array: str, values: list[list[Any]]) -> list[dict[str, Any]]:
    """The records of `array` from their values, in canonical order."""
    docs = [stored_doc(array, record) for record in values]
    if SORT_KEYS.get(array, NATURAL_KEYS[array]) == ("id",):
        return sorted(docs, key=_ID)  # an id is a non-empty string: its own sort key
    return sorted(docs, key=lambda d: sort_key(array, d))


def iter_records(store: GraphStore, array: str, page_size: int = PAGE_SIZE,
                 id_page: int = ID_PAGE, anchors: AnchorIds | None = None,
                 ) -> Iterator[dict[str, Any]]:
    """Every stored record of `array` in canonical order, a page of anchors at a time (their
    ids read `id_page` at a time, or once per export for a label that anchors several arrays:
    `anchors`).

    The next pages' statements (AHEAD, or one) run in helper threads while this one turns the
    page before into records: the engine and the client work at once (reads only, each page
    one statement; records come out in page order whatever order the statements finish in)."""
    pages = (anchors or AnchorIds(store, id_page)).pages(ANCHORS[array][0], page_size)
    in_flight = AHEAD if parallel_reads(store) else 1
    with ThreadPoolExecutor(max_workers=in_flight, thread_name_prefix="relgraph-export") as ahead:
        pending: deque[Future[list[list[Any]]]] = deque()
        for page in pages:
            pending.append(ahead.submit(_page_values, store, array, page))
            if len(pending) > in_flight:
                yield from _records_of(array, pending.popleft().result())
        while pending:
            yield from _records_of(array, pending.popleft().result())


def _anchor_pages(store: GraphStore, label: str, page_size: int,
                  id_page: int) -> Iterator[list[str]]:
    """The ids of the nodes of `label` (an ANCHORS label), in id order, `page_size` at a time."""
    page = _PAGES[label]
    after = ""  # ids are non-empty strings, so every id sorts after ''
    while True:
        ids = _one(store.run(page, {"after": after, "limit": id_page}), "ids")
        for start in range(0, len(ids), page_size):
            yield ids[start:start + page_size]
        if len(ids) < id_page:
            return
        after = ids[-1]


class AnchorIds:
    """The anchor ids of the labels that anchor several arrays, read once per export (contacts
    anchor five arrays: reading and sorting their ids five times cost about a fifth of an
    export). Labels that anchor one array (interactions: a million ids) are not kept."""

    def __init__(self, store: GraphStore, id_page: int = ID_PAGE) -> None:
        self._store = store
        self._id_page = id_page
        self._ids: dict[str, list[str]] = {}

    def pages(self, label: str, page_size: int) -> Iterator[list[str]]:
        """The ids of the nodes of `label`, in id order, `page_size` at a time."""
        if label not in SHARED_ANCHORS:
            yield from _anchor_pages(self._store, label, page_size, self._id_page)
            return
        ids = self._ids.get(label)
        if ids is None:
            ids = self._ids[label] = [
                i for page in _anchor_pages(self._store, label, self._id_page, self._id_page)
                for i in page]
        for start in range(0, len(ids), page_size):
            yield ids[start:start + page_size]


def export_document(store: GraphStore, page_size: int = PAGE_SIZE,
                    id_page: int = ID_PAGE) -> dict[str, Any]:
    """The whole graph as one relgraph/1 document (in memory; see write_json for big graphs)."""
    doc: dict[str, Any] = {"format": FORMAT}
    anchors = AnchorIds(store, id_page)
    # The document grows to every record while each page builds thousands more objects: with
    # the cycle collector on, its full passes walked the whole document again and again (a
    # 10k-contact export on FalkorDB took 8.4 s with them, 3.6 s without). Records hold no
    # cycles: relgraph.collector.
    with collector_paused():
        for array in DOCUMENT_ORDER:
            doc[array] = list(iter_records(store, array, page_size, id_page, anchors))
    return doc


def stream_document(store: GraphStore, page_size: int = PAGE_SIZE) -> dict[str, Any]:
    """The export with each array a lazy iterator of records (CSV/XLSX writers stream it);
    memory: a page of records, and the ids of the labels that anchor several arrays."""
    anchors = AnchorIds(store)
    return {"format": FORMAT, **{array: iter_records(store, array, page_size, anchors=anchors)
                                 for array in DOCUMENT_ORDER}}


def write_json(store: GraphStore, out: TextIO, page_size: int = PAGE_SIZE) -> dict[str, int]:
    """Stream the export as JSON, one record per line; returns the record count per array.

    The text parses to exactly `export_document(store)`; memory stays at one page (and the ids
    of the labels that anchor several arrays).
    """
    return dump_json(stream_document(store, page_size), out)


def dump_json(doc: Mapping[str, Any], out: TextIO) -> dict[str, int]:
    """Write a document whose arrays may be iterators (stream_document) as JSON, one record per
    line; returns the record count per array."""
    counts: dict[str, int] = {}
    out.write(json.dumps({"format": FORMAT})[:-1])
    for array in DOCUMENT_ORDER:
        out.write(f",\n{json.dumps(array)}: [")
        count = 0
        for record in doc.get(array) or ():
            out.write(",\n  " if count else "\n  ")
            out.write(json.dumps(record, ensure_ascii=False))
            count += 1
        out.write("\n]" if count else "]")
        counts[array] = count
    out.write("\n}\n")
    return counts
