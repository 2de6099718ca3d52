"""Query limits: nesting depth, aliases, an estimated cost, page sizes, argument ranges and list
lengths, all checked from the document and its variables alone — before the API key is looked
up and before the database is touched — in time linear in the document.

Cost model (one unit is about a millisecond of server work; the weights are measured on the demo
portfolio by `bench/api_weights.py`):
- every field costs 1; the fields that run a whole analysis cost their `WEIGHTS` entry;
- a connection (`...Connection`) multiplies what its `edges`/`nodes` select by its page size
  (`first`, else the default page size; a page of 0 counts as 1);
- any other list multiplies what its items select by `limit` when the field takes one, else by
  an assumed list length (`list_size`);
- introspection (`__schema`, `__type`) costs 1 a field, not multiplied, plus
  `INTROSPECTION_WEIGHT` for each list of all the schema's types; its lists may nest at most
  `INTROSPECTION_LIST_NESTING` deep (`types { fields { args } }`, as GraphiQL asks).
A fragment is measured once per page size it is spread under, so nested spreads cost no more
time than the text they are written in; the walk stops as soon as a total passes its limit
(every part only adds to the whole). A query above a limit is rejected whole; so is an id
argument the input gate refuses (relgraph.ingest.gate), a `first` above `max_page_size`, an
argument out of its range (`RANGES`), a list argument longer than `max_list_items`, and text with
NUL characters (the FalkorDB client inlines parameters into the query text).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLArgument,
    GraphQLError,
    GraphQLField,
    GraphQLID,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    NamedTypeNode,
    Node,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    value_from_ast_untyped,
)
from graphql.language import DocumentNode
from pydantic import TypeAdapter, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from relgraph.api.errors import BAD_USER_INPUT, VALIDATION_FAILED
from relgraph.config import one_line
from relgraph.errors import InvalidSettings
from relgraph.ingest import gate
from relgraph.intel.paths import MAX_HOPS_LIMIT, MAX_PATHS
from relgraph.model import Score

# What one field that runs an analysis costs (`Type.field`), measured on the demo portfolio
# (bench/api_weights.py: the median milliseconds of the field alone on the largest account,
# with its costliest arguments, rounded up). `Account.figures` and `Account.coverageGaps` are
# per account of a page (one batched analysis for the whole page, which grows with its accounts).
WEIGHTS: dict[str, int] = {
    "Query.influencePaths": 300,
    "Query.influencedBy": 100,
    "Query.coaches": 250,
    "Query.coachCandidates": 250,
    "Query.coverageGaps": 450,
    "Query.powerMap": 800,
    "Query.contactScores": 300,
    "Query.attitudeChanges": 350,
    "Query.hiddenInfluencers": 700,
    "Query.singlePointsOfFailure": 700,
    "Query.portfolio": 1_000,
    "Query.organizationalRelationship": 500,
    "Query.generalRelationship": 500,
    "Account.figures": 200,
    "Account.coverageGaps": 200,
    "Query.annualReview": 1_000,
    "Query.plans": 300,
    "Mutation.importDocument": 1_000,
}
# The same field without the argument that names one account: it runs over every account the
# key sees (measured on the demo's 12 accounts; a larger portfolio meets the time budget).
PORTFOLIO_WEIGHTS: dict[tuple[str, str], int] = {("Query.coverageGaps", "accountId"): 2_500}
INTROSPECTION_WEIGHT = 250  # the list of every type, as the introspection GraphiQL sends
INTROSPECTION_LIST_NESTING = 3
FRAGMENT_NESTING = 100  # fragments spread inside fragments, at most this deep

HIDDEN_INFLUENCERS_MAX = 100
_SCORE = TypeAdapter(Score).json_schema()
ATTITUDE_RANGE = (int(_SCORE["minimum"]), int(_SCORE["maximum"]))
# Allowed values of integer arguments (field, argument) -> (lowest, highest).
RANGES: dict[tuple[str, str], tuple[int, int]] = {
    ("influencePaths", "maxHops"): (1, MAX_HOPS_LIMIT),
    ("influencePaths", "limit"): (1, MAX_PATHS),
    ("influencedBy", "maxHops"): (1, MAX_HOPS_LIMIT),
    ("singlePointsOfFailure", "maxHops"): (1, MAX_HOPS_LIMIT),
    ("hiddenInfluencers", "limit"): (1, HIDDEN_INFLUENCERS_MAX),
    ("contacts", "attitudeMin"): ATTITUDE_RANGE,
    ("contacts", "attitudeMax"): ATTITUDE_RANGE,
}


class Limits(BaseSettings):
    """Limits of the GraphQL API (env `RELGRAPH_API_*`), with these defaults."""

    model_config = SettingsConfigDict(env_prefix="RELGRAPH_API_", extra="ignore")

    max_depth: int = 12            # nesting of selections (introspection not counted)
    max_page_size: int = 500       # `first` of any connection
    default_page_size: int = 50    # `first` when not given
    max_cost: int = 30_000         # estimated cost (about ms of work), see the module doc
    list_size: int = 10            # assumed length of a nested list, for the cost
    max_aliases: int = 50
    max_tokens: int = 10_000
    max_list_items: int = 1_000    # items of any list argument (`from`, `contactIds`, ...)
    max_body_bytes: int = 32 * 1024 * 1024  # request body (importDocument carries documents)
    time_budget_s: float = 30.0    # reads of one request stop with REQUEST_TIMEOUT after this
    max_concurrent: int = 32       # requests at once; one more is answered SERVER_BUSY

    def __init__(self, **values: Any) -> None:
        """Read the limits; a value that does not parse raises InvalidSettings (one line)."""
        try:
            super().__init__(**values)
        except ValidationError as exc:
            raise InvalidSettings(one_line(exc, "RELGRAPH_API_")) from None


@dataclass
class Size:
    """What a selection set adds up to: cost, nesting depth (fields with selections) and
    aliases (as written, each fragment spread counting its fragment's)."""

    cost: int = 0
    depth: int = 0
    aliases: int = 0


@dataclass(frozen=True)
class Checked:
    """What `check_query` found: the operation's size (lower bounds when it stopped early)."""

    size: Size
    errors: list[GraphQLError] = field(default_factory=list)


class _Over(Exception):
    """A total passed its limit: the walk stops here (the whole is at least this part)."""

    def __init__(self, error: GraphQLError) -> None:
        super().__init__(error.message)
        self.error = error


_Composite = GraphQLObjectType | GraphQLInterfaceType


def _is_list(type_: Any) -> bool:
    while isinstance(type_, GraphQLNonNull):
        type_ = type_.of_type
    return isinstance(type_, GraphQLList)


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class _Walk:
    """One linear walk over the operation to run (fragments measured once per page size)."""

    def __init__(self, schema: GraphQLSchema, document: DocumentNode,
                 variables: Mapping[str, Any], limits: Limits) -> None:
        self.schema = schema
        self.fragments = {d.name.value: d for d in document.definitions
                          if isinstance(d, FragmentDefinitionNode)}
        self.variables = variables
        self.limits = limits
        self.errors: list[GraphQLError] = []
        self._sizes: dict[tuple[str, int | None], Size] = {}
        self._introspected: dict[tuple[str, int], Size] = {}
        self._open: list[str] = []  # fragments being walked (a cycle: validation reports it)
        self._checked: set[int] = set()  # field nodes whose arguments were checked

    # --- sizes --------------------------------------------------------------------------------

    def selection_set(self, node: SelectionSetNode | None, parent: _Composite | None,
                      page: int | None, level: int) -> Size:
        """The size of a selection set on `parent` at nesting `level` (`page`: the page size
        when `parent` is a connection)."""
        total = Size()
        if node is None:
            return total
        for selection in node.selections:
            if isinstance(selection, FieldNode):
                part = self.field(selection, parent, page, level)
            elif isinstance(selection, InlineFragmentNode):
                part = self.selection_set(selection.selection_set,
                                          self._condition(selection.type_condition, parent),
                                          page, level)
            else:
                assert isinstance(selection, FragmentSpreadNode)
                part = self.spread(selection, page, level)
            total.cost += part.cost
            total.aliases += part.aliases
            total.depth = max(total.depth, part.depth)
            self._bound(total, level, selection)
        return total

    def spread(self, node: FragmentSpreadNode, page: int | None, level: int) -> Size:
        name = node.name.value
        fragment = self.fragments.get(name)
        if fragment is None or name in self._open:
            return Size()  # unknown or cyclic: validation reports it
        key = (name, page)
        if key not in self._sizes:
            if len(self._open) >= FRAGMENT_NESTING:
                raise _Over(GraphQLError(
                    f"fragments are spread more than {FRAGMENT_NESTING} deep inside each other",
                    [node], extensions={"code": VALIDATION_FAILED}))
            self._open.append(name)
            try:
                self._sizes[key] = self.selection_set(
                    fragment.selection_set, self._condition(fragment.type_condition, None),
                    page, level)
            finally:
                self._open.pop()
        return self._sizes[key]

    def field(self, node: FieldNode, parent: _Composite | None, page: int | None,
              level: int) -> Size:
        name = node.name.value
        alias = 1 if node.alias else 0
        if name == "__typename":
            return Size(1, 0, alias)
        if name in ("__schema", "__type"):
            named = self.schema.get_type("__Schema" if name == "__schema" else "__Type")
            inner = self.introspection(node.selection_set,
                                       named if isinstance(named, _Composite) else None, 0)
            return Size(1 + inner.cost, 0, alias + inner.aliases)
        definition = parent.fields.get(name) if parent is not None else None
        if definition is None:
            return Size(1, 0, alias)  # unknown field: validation reports it
        assert parent is not None
        self._arguments(node, definition)
        named = get_named_type(definition.type)
        child = named if isinstance(named, _Composite) else None
        weight = self._weight(parent.name, node)
        deeper = level + 1 if node.selection_set else level
        if child is not None and child.name.endswith("Connection") and "edges" in child.fields:
            # A connection: its edges/nodes repeat once per item of the page.
            inner = self.selection_set(node.selection_set, child, self._page_size(node),
                                       deeper)
            cost = weight + inner.cost
        elif page is not None and name in ("edges", "nodes"):
            inner = self.selection_set(node.selection_set, child, None, deeper)
            cost = 1 + max(page, 1) * inner.cost
        else:
            inner = self.selection_set(node.selection_set, child, None, deeper)
            times = 1
            if _is_list(definition.type):
                limit = self._value(node, "limit")
                times = limit if _whole(limit) and limit > 0 else self.limits.list_size
            cost = weight + times * inner.cost
        depth = 1 + inner.depth if node.selection_set else 0
        return Size(cost, depth, alias + inner.aliases)

    def _bound(self, total: Size, level: int, node: Node) -> None:
        """Stop the walk when a total passed its limit."""
        limits = self.limits
        if level + total.depth > limits.max_depth:
            raise _Over(GraphQLError(
                f"the query nests selections more than {limits.max_depth} deep (the maximum "
                "depth)", [node], extensions={"code": VALIDATION_FAILED}))
        if total.aliases > limits.max_aliases:
            raise _Over(GraphQLError(
                f"the query has more than {limits.max_aliases} aliases (the maximum)", [node],
                extensions={"code": VALIDATION_FAILED}))
        if total.cost > limits.max_cost:
            raise _Over(GraphQLError(
                f"query cost {total.cost} or more is above the limit of {limits.max_cost}: ask "
                "for smaller pages (`first`), fewer nested lists or fewer analyses per request",
                extensions={"code": VALIDATION_FAILED, "cost": total.cost,
                            "maxCost": limits.max_cost}))

    def _weight(self, parent: str, node: FieldNode) -> int:
        key = f"{parent}.{node.name.value}"
        for (name, argument), weight in PORTFOLIO_WEIGHTS.items():
            if name == key and self._value(node, argument) is None:
                return weight
        return WEIGHTS.get(key, 1)

    def _condition(self, condition: NamedTypeNode | None,
                   parent: _Composite | None) -> _Composite | None:
        if condition is None:
            return parent
        named = self.schema.get_type(condition.name.value)
        return named if isinstance(named, _Composite) else None

    # --- introspection ------------------------------------------------------------------------

    def introspection(self, node: SelectionSetNode | None, parent: _Composite | None,
                      lists: int) -> Size:
        """The size of an introspection selection: 1 a field, not multiplied, plus
        INTROSPECTION_WEIGHT for each list of the schema's types; `lists`: how deep the
        enclosing introspection lists nest (at most INTROSPECTION_LIST_NESTING)."""
        total = Size()
        if node is None:
            return total
        for selection in node.selections:
            if isinstance(selection, FieldNode):
                name = selection.name.value
                part = Size(1, 0, 1 if selection.alias else 0)
                definition = parent.fields.get(name) if parent is not None else None
                if definition is not None and selection.selection_set is not None:
                    inner_lists = lists + (1 if _is_list(definition.type) else 0)
                    if inner_lists > INTROSPECTION_LIST_NESTING:
                        raise _Over(GraphQLError(
                            f"introspection lists nest more than {INTROSPECTION_LIST_NESTING} "
                            "deep (types, their fields, their arguments)", [selection],
                            extensions={"code": VALIDATION_FAILED}))
                    named = get_named_type(definition.type)
                    inner = self.introspection(selection.selection_set,
                                               named if isinstance(named, _Composite) else None,
                                               inner_lists)
                    part.cost += inner.cost
                    part.aliases += inner.aliases
                if parent is not None and parent.name == "__Schema" and name == "types":
                    part.cost += INTROSPECTION_WEIGHT
            elif isinstance(selection, InlineFragmentNode):
                part = self.introspection(selection.selection_set,
                                          self._condition(selection.type_condition, parent),
                                          lists)
            else:
                assert isinstance(selection, FragmentSpreadNode)
                part = self._introspection_spread(selection, lists)
            total.cost += part.cost
            total.aliases += part.aliases
            self._bound(total, 0, selection)
        return total

    def _introspection_spread(self, node: FragmentSpreadNode, lists: int) -> Size:
        name = node.name.value
        fragment = self.fragments.get(name)
        if fragment is None or name in self._open:
            return Size()  # unknown or cyclic: validation reports it
        key = (name, lists)
        if key not in self._introspected:
            self._open.append(name)
            try:
                self._introspected[key] = self.introspection(
                    fragment.selection_set, self._condition(fragment.type_condition, None),
                    lists)
            finally:
                self._open.pop()
        return self._introspected[key]

    # --- arguments ----------------------------------------------------------------------------

    def _value(self, node: FieldNode, name: str) -> Any:
        for arg in node.arguments or ():
            if arg.name.value == name:
                if isinstance(arg.value, VariableNode):
                    return self.variables.get(arg.value.name.value)
                return value_from_ast_untyped(arg.value, dict(self.variables))
        return None

    def _reject(self, node: FieldNode, argument: str, message: str) -> None:
        self.errors.append(GraphQLError(message, [node], extensions={
            "code": BAD_USER_INPUT, "field": node.name.value, "argument": argument}))

    def _page_size(self, node: FieldNode) -> int:
        first = self._value(node, "first")
        if first is None:
            return self.limits.default_page_size
        if not _whole(first) or first < 0:
            return 0  # reported by _arguments
        return min(int(first), self.limits.max_page_size)

    def _arguments(self, node: FieldNode, definition: GraphQLField) -> None:
        """Ranges, page sizes and list lengths of the field's arguments (once per node)."""
        if id(node) in self._checked:
            return
        self._checked.add(id(node))
        field_name = node.name.value
        for arg in node.arguments or ():
            name = arg.name.value
            declared: GraphQLArgument | None = definition.args.get(name)
            value = self._value(node, name)
            if declared is None or value is None:
                continue  # unknown argument or not given: validation and defaults apply
            if get_named_type(declared.type) is GraphQLID:
                self._ids(node, name, value)
            if name == "first":
                self._first(node, value)
            elif (field_name, name) in RANGES and _whole(value):
                low, high = RANGES[(field_name, name)]
                if not low <= value <= high:
                    self._reject(node, name, f"`{name}` of `{field_name}` must be from {low} to "
                                             f"{high}, got {value}")
            elif _is_list(declared.type) and isinstance(value, list) \
                    and len(value) > self.limits.max_list_items:
                self._reject(node, name, f"`{name}` of `{field_name}` lists {len(value)} items; "
                                         f"at most {self.limits.max_list_items}")

    def _ids(self, node: FieldNode, name: str, value: Any) -> None:
        """Ids as arguments pass the input gate, as the ids of a document do."""
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            why = gate.id_problem(item) if isinstance(item, str) else None
            if why is not None:
                where = name if index is None else f"{name}[{index}]"
                self._reject(node, name, f"`{where}` of `{node.name.value}` {why}")
                return

    def _first(self, node: FieldNode, first: Any) -> None:
        top = self.limits.max_page_size
        name = node.name.value
        if not _whole(first) or first < 0:
            self._reject(node, "first", f"`first` of `{name}` must be a whole number from 0 "
                                        f"to {top}")
        elif first > top:
            self._reject(node, "first", f"`first: {first}` of `{name}` is above the maximum "
                                        f"page size of {top}; page with `after`")


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_has_nul(v) for v in value)
    return False


def check_query(
    schema: GraphQLSchema, document: DocumentNode, operation_name: str | None,
    variables: Mapping[str, Any] | None, limits: Limits,
) -> Checked:
    """The size of the operation to run, and the errors that reject it."""
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is not None:
        operations = [o for o in operations if o.name and o.name.value == operation_name]
    if len(operations) != 1:
        return Checked(Size())  # graphql-core reports a missing or ambiguous operation itself
    operation = operations[0]
    values = dict(variables or {})
    for definition in operation.variable_definitions or ():
        key = definition.variable.name.value
        if key not in values and definition.default_value is not None:
            values[key] = value_from_ast_untyped(definition.default_value)
    if _has_nul(values) or "\x00" in (document.loc.source.body if document.loc else ""):
        return Checked(Size(), [GraphQLError("text values must not contain NUL characters",
                                             extensions={"code": BAD_USER_INPUT})])
    root = {"query": schema.query_type, "mutation": schema.mutation_type,
            "subscription": schema.subscription_type}[operation.operation.value]
    walk = _Walk(schema, document, values, limits)
    try:
        size = walk.selection_set(operation.selection_set, root, None, 0)
    except _Over as over:
        return Checked(Size(), [*walk.errors, over.error])
    return Checked(size, walk.errors)
