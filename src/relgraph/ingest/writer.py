"""How each array of a relgraph/1 document is written: statement and row shape per kind.

Graph properties carry the document's camelCase names, so the graph reads like the document.
Two derived values are stored beside what was given: an assessment's `score` (mean of the
dimensions) and `effectiveAttitude` (given attitude, else the score rounded to the nearest level,
halves toward 0).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from relgraph.cypher import Statement, statement
from relgraph.model import (
    Assessment,
    Interaction,
    InteractionType,
    Record,
    ReportingLine,
    Sponsor,
    assessment_attitude,
    assessment_score,
)

Doc = dict[str, Any]
# A row builder gets the record and its document dict (`record.to_doc()`, computed once per
# record: pydantic's dump is most of the Python cost of writing rows).
RowFn = Callable[[Record, Doc], dict[str, Any] | None]


def _props(doc: Doc, *drop: str) -> Doc:
    props = dict(doc)  # a copy: `doc` may be the caller's
    for key in ("id", *drop):
        props.pop(key, None)
    return props


def _node(_: Record, doc: Doc) -> dict[str, Any]:
    return {"id": doc["id"], "props": _props(doc)}


def _node_with_account(_: Record, doc: Doc) -> dict[str, Any]:
    return {"id": doc["id"], "account": doc["account"], "props": _props(doc)}


def _org_unit_link(_: Record, doc: Doc) -> dict[str, Any]:
    return {"id": doc["id"], "account": doc["account"], "parent": doc["parent"]}


def _contact_unit(_: Record, doc: Doc) -> dict[str, Any]:
    return {"id": doc["id"], "orgUnit": doc["orgUnit"]}


def reporting_key(line: ReportingLine) -> str:
    """Reporting lines are kept per (person, manager, since): history survives re-imports."""
    return line.since.isoformat() if line.since else "-"


def _reporting_line(record: Record, doc: Doc) -> dict[str, Any]:
    assert isinstance(record, ReportingLine)
    return {
        "person": doc["person"],
        "manager": doc["manager"],
        "key": reporting_key(record),
        "props": _props(doc, "person", "manager"),
    }


def _pair(a: str, b: str) -> RowFn:
    def row(_: Record, doc: Doc) -> dict[str, Any]:
        return {a: doc[a], b: doc[b], "props": _props(doc, a, b)}

    return row


def _influence(_: Record, doc: Doc) -> dict[str, Any]:
    return {"from": doc["from"], "to": doc["to"], "props": _props(doc, "from", "to")}


def _knows(_: Record, doc: Doc) -> dict[str, Any]:
    return {
        "staff": doc["staff"],
        "contact": doc["contact"],
        "props": {"strength": doc["strength"], "source": "asserted"},
    }


def _fields(*names: str) -> RowFn:
    def row(_: Record, doc: Doc) -> dict[str, Any]:
        return {n: doc[n] for n in names}

    return row


def _contact_sponsor(record: Record, _: Doc) -> dict[str, Any] | None:
    assert isinstance(record, Sponsor)
    return {"staff": record.staff, "contact": record.contact} if record.contact else None


def _account_sponsor(record: Record, _: Doc) -> dict[str, Any] | None:
    assert isinstance(record, Sponsor)
    return {"staff": record.staff, "account": record.account} if record.account else None


def _interaction(record: Record, doc: Doc) -> dict[str, Any]:
    assert isinstance(record, Interaction)
    props = _props(doc, "staff", "contacts")
    props["layer"] = record.layer or InteractionType(record.type).default_layer.value
    return {"id": record.id, "people": [*record.staff, *record.contacts], "props": props}


def assessment_id(contact: str, date: str) -> str:
    return f"{contact}@{date}"


def _assessment(record: Record, doc: Doc) -> dict[str, Any]:
    assert isinstance(record, Assessment)
    props = dict(doc)
    props["score"] = assessment_score(record)
    props["effectiveAttitude"] = assessment_attitude(record)
    return {
        "id": assessment_id(record.contact, props["date"]),
        "contact": record.contact,
        "props": props,
    }


def _node_of(ref: str) -> RowFn:
    """A node's row with the id of the node it belongs to (its contact, plan, org unit...)."""
    def row(_: Record, doc: Doc) -> dict[str, Any]:
        return {"id": doc["id"], ref: doc[ref], "props": _props(doc)}

    return row


def _link(field: str, name: str) -> RowFn:
    """A node's id and one of its references (`field`, may be null) as the statement's `name`."""
    def row(_: Record, doc: Doc) -> dict[str, Any]:
        return {"id": doc["id"], name: doc[field]}

    return row


# Batches of up to this many rows are written by statements that log what they touched (the
# kept answers of the other accounts then survive: relgraph.intel.memo.AccountAnswers); a step
# with a `bulk` statement writes bigger batches with it, without the log.
LOGGED_ROWS = 100


@dataclass(frozen=True)
class Write:
    """One write step of an import: an array of the document, a statement, a row builder, and
    the statement for batches of more than LOGGED_ROWS rows when it is another."""

    array: str
    statement: Statement
    row: RowFn
    bulk: Statement | None = None

    def statement_for(self, rows: int) -> Statement:
        """The statement that writes a batch of this many rows."""
        return self.bulk if self.bulk is not None and rows > LOGGED_ROWS else self.statement

    def rows(
        self, records: Sequence[Record], docs: Sequence[Doc] | None = None
    ) -> Iterator[dict[str, Any]]:
        """The statement's rows; `docs` (each record's `to_doc()`, same order) saves a dump."""
        if docs is not None and len(docs) != len(records):
            raise ValueError(f"{self.array}: {len(records)} records but {len(docs)} docs")
        for index, record in enumerate(records):
            row = self.row(record, record.to_doc() if docs is None else docs[index])
            if row is not None:
                yield row


# In dependency order: nodes before the links that need them.
WRITES: Sequence[Write] = (
    Write("accounts", statement("upsert_accounts"), _node),
    Write("orgUnits", statement("upsert_org_units"), _node),
    Write("orgUnits", statement("link_org_units"), _org_unit_link),
    Write("staff", statement("upsert_staff"), _node),
    Write("contacts", statement("upsert_contacts"), _node_with_account),
    Write("contacts", statement("link_contact_units"), _contact_unit),
    Write("competitors", statement("upsert_competitors"), _node),
    Write("opportunities", statement("upsert_opportunities"), _node_with_account),
    Write("reportingLines", statement("upsert_reporting_lines"), _reporting_line),
    Write("influences", statement("upsert_influences"), _influence),
    Write("knows", statement("upsert_knows"), _knows),
    Write("owners", statement("upsert_owners"), _fields("staff", "contact", "role")),
    Write("sponsors", statement("upsert_contact_sponsors"), _contact_sponsor),
    Write("sponsors", statement("upsert_account_sponsors"), _account_sponsor),
    Write("teams", statement("upsert_teams"), _fields("staff", "account", "role")),
    Write("interactions", statement("upsert_interactions"), _interaction,
          statement("upsert_interactions_bulk")),
    Write("assessments", statement("upsert_assessments"), _assessment),
    Write("supplies", statement("upsert_supplies"), _pair("competitor", "account")),
    Write("favors", statement("upsert_favors"), _pair("contact", "competitor")),
    Write(
        "decisionChain",
        statement("upsert_decision_chain"),
        _fields("opportunity", "contact", "role"),
    ),
    Write(
        "opportunityTeam",
        statement("upsert_opportunity_team"),
        _fields("opportunity", "staff", "role"),
    ),
    Write("plans", statement("upsert_plans"), _node_of("contact")),
    Write("plans", statement("link_plan_owners"), _link("owner", "staff")),
    Write("plans", statement("link_plan_sponsors"), _link("sponsor", "staff")),
    Write("plans", statement("link_plan_opportunities"), _link("opportunity", "opportunity")),
    Write("commitments", statement("upsert_commitments"), _node_of("plan")),
    Write("planReviews", statement("upsert_plan_reviews"), _node_of("plan")),
    Write("planReviews", statement("link_plan_reviewers"), _link("reviewedBy", "staff")),
    Write("orgActions", statement("upsert_org_actions"), _node_with_account),
    Write("departmentAssessments", statement("upsert_department_assessments"),
          _node_of("orgUnit")),
    Write("departmentAssessments", statement("link_department_assessors"),
          _link("assessedBy", "staff")),
    Write("tierReviews", statement("upsert_tier_reviews"), _node_with_account),
    Write("tierReviews", statement("link_tier_reviewers"), _link("reviewedBy", "staff")),
)

