"""The builders' own records of one portfolio while it is made (accounts, org units, people,
teams, decision chains), indexed by position; the document's records are written from them."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Account:
    index: int
    id: str
    name: str
    tier: str
    partnership: str
    industry: str
    region: str
    size: int
    domain: str
    flags: frozenset[str] = frozenset()


@dataclass(slots=True)
class Unit:
    id: str
    name: str
    parent: int
    level: int
    function: str
    division: int
    head_title: str = ""
    head: int = -1
    members: list[int] = field(default_factory=list)
    children: list[int] = field(default_factory=list)
    dark: bool = False


@dataclass(slots=True)
class Contact:
    id: str
    name: str
    email: str
    title: str
    rank: str
    function: str
    unit: int
    start: int  # days before as_of the person took the current position
    end: int = 0  # days before as_of the person left; 0 = still there
    manager: int = -1
    key: bool = False
    rising: bool = False


@dataclass(slots=True)
class Team:
    ar: str | None = None
    sr: str | None = None
    fr: str | None = None
    members: list[str] = field(default_factory=list)
    active: list[str] = field(default_factory=list)  # active team staff, AR first
    former: str | None = None  # an inactive ex-member (left the company)


@dataclass(slots=True)
class Chains:
    """Decision chains of one account's opportunities."""

    open_members: set[int] = field(default_factory=set)
    by_contact: dict[int, list[str]] = field(default_factory=dict)


# (days ago, type, layer, opportunity, our attendees, their attendees, summary)
Row = tuple[int, str, str, str | None, list[str], list[str], str]
