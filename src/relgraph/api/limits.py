"""Query limits: depth, page size, aliases, tokens and an estimated cost, all checked before a
query touches the database.

Cost model (deterministic, from the document and its variables only):
- every field costs 1 (its `weight` for the intelligence fields, which run whole analyses);
- a connection (`...Connection`) multiplies what its `edges`/`nodes` select by its page size
  (`first`, else the default page size);
- any other list multiplies what its items select by `limit` when the field takes one, else
  by an assumed list length (`list_size`);
- introspection (`__schema`, `__type`) costs 1 per field and is not multiplied.
A query whose cost exceeds `max_cost` is rejected whole; so is a `first` above `max_page_size`,
and text with NUL characters (the FalkorDB client inlines parameters into the query text).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValueNode,
    VariableNode,
    get_named_type,
    value_from_ast_untyped,
)
from graphql.language import DocumentNode
from pydantic_settings import BaseSettings, SettingsConfigDict

from relgraph.api.errors import BAD_USER_INPUT, VALIDATION_FAILED

# Weight of the fields that run a whole analysis (paths, gaps, power map, ...), instead of 1:
# with the default limit, about 25 analyses fit in one request.
WEIGHTS: dict[str, int] = {
    "influencePaths": 2_000,
    "singlePointsOfFailure": 2_000,
    "influencedBy": 1_000,
    "coverageGaps": 1_000,
    "powerMap": 1_000,
    "hiddenInfluencers": 1_000,
    "importDocument": 1_000,
    "coaches": 500,
    "coachCandidates": 500,
    "contactScores": 500,
    "attitudeChanges": 500,
    "portfolio": 1_000,
    "organizationalRelationship": 500,
    "generalRelationship": 500,
    "annualReview": 1_000,
    "plans": 500,
    "figures": 2,  # batched: one analysis per page, not per account
}


class Limits(BaseSettings):
    """Limits of the GraphQL API (env `RELGRAPH_API_*`), with these defaults."""

    model_config = SettingsConfigDict(env_prefix="RELGRAPH_API_", extra="ignore")

    max_depth: int = 12            # nesting of selections (introspection not counted)
    max_page_size: int = 500       # `first` of any connection
    default_page_size: int = 50    # `first` when not given
    max_cost: int = 50_000         # estimated cost, see the module doc
    list_size: int = 10            # assumed length of a nested list, for the cost
    max_aliases: int = 50
    max_tokens: int = 10_000
    max_body_bytes: int = 32 * 1024 * 1024  # request body (importDocument carries documents)


@dataclass
class _Walk:
    schema: GraphQLSchema
    fragments: dict[str, FragmentDefinitionNode]
    variables: Mapping[str, Any]
    limits: Limits
    errors: list[GraphQLError]


def _unwrap_list(type_: GraphQLOutputType) -> bool:
    while isinstance(type_, GraphQLNonNull):
        type_ = type_.of_type
    return isinstance(type_, GraphQLList)


def _argument(node: FieldNode, name: str, walk: _Walk) -> Any:
    for arg in node.arguments or ():
        if arg.name.value == name:
            value: ValueNode = arg.value
            if isinstance(value, VariableNode):
                return walk.variables.get(value.name.value)
            return value_from_ast_untyped(value, dict(walk.variables))
    return None


def _page_size(node: FieldNode, walk: _Walk) -> int:
    first = _argument(node, "first", walk)
    if first is None:
        return walk.limits.default_page_size
    if not isinstance(first, int) or isinstance(first, bool) or first < 0:
        walk.errors.append(GraphQLError(
            f"`first` of `{node.name.value}` must be a whole number from 0 to "
            f"{walk.limits.max_page_size}", [node], extensions={"code": BAD_USER_INPUT}))
        return 0
    if first > walk.limits.max_page_size:
        walk.errors.append(GraphQLError(
            f"`first: {first}` of `{node.name.value}` is above the maximum page size of "
            f"{walk.limits.max_page_size}; page with `after`", [node],
            extensions={"code": BAD_USER_INPUT}))
    return first


def _selection_cost(
    selection_set: SelectionSetNode | None, parent: GraphQLObjectType | None, walk: _Walk,
    page: int | None, seen: frozenset[str],
) -> int:
    """Cost of a selection set on `parent` (`page`: page size when `parent` is a connection)."""
    if selection_set is None:
        return 0
    total = 0
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            total += _field_cost(selection, parent, walk, page, seen)
        elif isinstance(selection, InlineFragmentNode):
            target = parent
            if selection.type_condition is not None:
                named = walk.schema.get_type(selection.type_condition.name.value)
                target = named if isinstance(named, GraphQLObjectType) else None
            total += _selection_cost(selection.selection_set, target, walk, page, seen)
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            fragment = walk.fragments.get(name)
            if fragment is None or name in seen:
                continue  # unknown or cyclic: validation reports it
            named = walk.schema.get_type(fragment.type_condition.name.value)
            target = named if isinstance(named, GraphQLObjectType) else None
            total += _selection_cost(fragment.selection_set, target, walk, page, seen | {name})
    return total


def _field_cost(
    node: FieldNode, parent: GraphQLObjectType | None, walk: _Walk, page: int | None,
    seen: frozenset[str],
) -> int:
    name = node.name.value
    if name.startswith("__"):
        return 1  # introspection and __typename: cheap, never multiplied
    definition = parent.fields.get(name) if parent is not None else None
    if definition is None:
        return 1  # unknown field: validation reports it
    named = get_named_type(definition.type)
    child = named if isinstance(named, GraphQLObjectType) else None
    weight = WEIGHTS.get(name, 1)
    if child is not None and child.name.endswith("Connection") and "edges" in child.fields:
        # A connection: its edges/nodes repeat once per item of the page.
        return weight + _selection_cost(node.selection_set, child, walk, _page_size(node, walk),
                                        seen)
    if page is not None and name in ("edges", "nodes"):
        return 1 + page * _selection_cost(node.selection_set, child, walk, None, seen)
    inner = _selection_cost(node.selection_set, child, walk, None, seen)
    if _unwrap_list(definition.type):
        limit = _argument(node, "limit", walk)
        size = limit if isinstance(limit, int) and limit > 0 else walk.limits.list_size
        return weight + size * inner
    return weight + inner


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
) -> tuple[int, list[GraphQLError]]:
    """The estimated cost of the operation to run, and the errors that reject it."""
    fragments = {d.name.value: d for d in document.definitions
                 if isinstance(d, FragmentDefinitionNode)}
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is not None:
        operations = [o for o in operations if o.name and o.name.value == operation_name]
    if len(operations) != 1:
        return 0, []  # graphql-core reports a missing or ambiguous operation itself
    operation = operations[0]
    values = dict(variables or {})
    for definition in operation.variable_definitions or ():
        key = definition.variable.name.value
        if key not in values and definition.default_value is not None:
            values[key] = value_from_ast_untyped(definition.default_value)
    if _has_nul(values) or "\x00" in (document.loc.source.body if document.loc else ""):
        return 0, [GraphQLError("text values must not contain NUL characters",
                                extensions={"code": BAD_USER_INPUT})]
    root = {"query": schema.query_type, "mutation": schema.mutation_type,
            "subscription": schema.subscription_type}[operation.operation.value]
    walk = _Walk(schema, fragments, values, limits, [])
    cost = _selection_cost(operation.selection_set, root, walk, None, frozenset())
    errors = list(walk.errors)
    if cost > limits.max_cost:
        errors.append(GraphQLError(
            f"query cost {cost} is above the limit of {limits.max_cost}: ask for smaller pages "
            "(`first`), fewer nested lists or fewer analyses per request",
            [operation], extensions={"code": VALIDATION_FAILED, "cost": cost,
                                     "maxCost": limits.max_cost}))
    return cost, errors
