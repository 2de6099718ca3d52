"""What the intelligence questions share: dates, attitudes, link strengths, the key-contact rule.

Everything here is pure (no store): plain values in, plain values out.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from relgraph.config import Settings
from relgraph.errors import InvalidInput
from relgraph.model import OPEN_STAGES, Rank

# Strength of a current reporting line that gives none (docs/CONTRACT.md, "Links for paths").
REPORTING_STRENGTH = 0.5
# Strength of an asserted KNOWS that gives none (unless the derived strength is higher).
ASSERTED_KNOWS_DEFAULT = 0.5
# Derived KNOWS: each shared interaction adds weight w(layer) * 2^(-age / HALF_LIFE_DAYS).
HALF_LIFE_DAYS = 180.0
LAYER_WEIGHT: dict[str, float] = {"key": 0.4, "general": 0.3, "organizational": 0.2}
DEFAULT_LAYER_WEIGHT = LAYER_WEIGHT["general"]  # interactions without a known layer
# Output precision of strengths and scores (sorting uses the unrounded values).
DIGITS = 6


def today() -> dt.date:
    return dt.date.today()


def resolve_as_of(as_of: dt.date | None) -> dt.date:
    """`as_of` defaults to today; a datetime is cut to its date."""
    if as_of is None:
        return today()
    if isinstance(as_of, dt.datetime):
        return as_of.date()
    return as_of


def settings_or_default(settings: Settings | None) -> Settings:
    """The settings given, else the environment's (read once per process: building Settings
    costs milliseconds; callers that must follow a changed environment pass their own)."""
    return settings if settings is not None else _environment_settings()


@functools.cache
def _environment_settings() -> Settings:
    return Settings()


def to_date(value: Any) -> dt.date | None:
    """An ISO string (as stored) or a date from the engine, as a date; None stays None."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def iso(day: dt.date) -> str:
    return day.isoformat()


def window_start(as_of: dt.date, settings: Settings) -> dt.date:
    """First day of the derived-KNOWS window: `as_of - derived_knows_window_days`."""
    return as_of - dt.timedelta(days=settings.derived_knows_window_days)


def rank_level(rank: str | None) -> int:
    """S=4 .. C=1 (unknown counts as C, the model's default rank)."""
    try:
        return Rank(rank).level if rank else 1
    except ValueError:
        return 1


def is_open_stage(stage: str | None) -> bool:
    return stage in OPEN_STAGES


def is_key_contact(active: bool, flagged: bool, rank: str | None, on_open_chain: bool) -> bool:
    """The contract's key-contact rule: an active contact flagged key, ranked S or A, or on the
    decision chain of an open opportunity. (The same rule in Cypher: the `key_contact`
    fragment of cypher/fragments.cypher.)"""
    return active and (flagged or rank in ("S", "A") or on_open_chain)


def cadence_days(rank: str | None, settings: Settings) -> int:
    """How often a key contact of this rank must be met (docs/CONTRACT.md: 365 days for rank
    S, 183 for A, 31 for B and C; settings)."""
    if rank == "S":
        return settings.cadence_days_s
    if rank == "A":
        return settings.cadence_days_a
    return settings.cadence_days_bc


def line_is_current(since: Any, until: Any, day: dt.date) -> bool:
    """A reporting line is current at `day` when since <= day < until (open ends allowed)."""
    start, end = to_date(since), to_date(until)
    return (start is None or start <= day) and (end is None or end > day)


# --- assessments ------------------------------------------------------------------------------

@dataclass(frozen=True)
class AssessmentInfo:
    """One dated assessment of a contact, as stored (score and effective attitude derived)."""

    date: dt.date
    attitude: int | None
    score: float | None
    information_sharing: int | None = None
    guidance: int | None = None

    @staticmethod
    def from_row(row: dict[str, Any]) -> AssessmentInfo:
        return AssessmentInfo.of(row.get("date"), row.get("score"), row.get("effectiveAttitude"),
                                 row.get("informationSharing"), row.get("guidance"))

    @staticmethod
    def of(date: Any, score: Any, attitude: Any, information_sharing: Any,
           guidance: Any) -> AssessmentInfo:
        """From the values as an engine returns them (an ISO or date `date`, numbers or null)."""
        day = to_date(date)
        assert day is not None
        return AssessmentInfo(
            date=day,
            attitude=None if attitude is None else int(attitude),
            score=None if score is None else float(score),
            information_sharing=None if information_sharing is None else int(information_sharing),
            guidance=None if guidance is None else int(guidance),
        )


def latest_assessment(
    assessments: Iterable[AssessmentInfo], day: dt.date
) -> AssessmentInfo | None:
    """The latest assessment dated on or before `day`; None when there is none."""
    best: AssessmentInfo | None = None
    for a in assessments:
        if a.date <= day and (best is None or a.date > best.date):
            best = a
    return best


def attitude_at(assessments: Iterable[AssessmentInfo], day: dt.date) -> int | None:
    """A contact's attitude at `day`: that of its latest assessment; None means unknown."""
    latest = latest_assessment(assessments, day)
    return None if latest is None else latest.attitude


# --- link strengths ---------------------------------------------------------------------------

@dataclass(frozen=True)
class SharedInteractions:
    """Interactions a staff member and a contact both attended inside the window."""

    count: int
    last: dt.date | None
    strength: float


def derived_knows_strength(
    shared: Iterable[tuple[dt.date, str | None]], as_of: dt.date
) -> float:
    """Strength of the KNOWS derived from shared interactions (date, layer), in (0, 1).

    strength = 1 - prod_i (1 - w(layer_i) * 2^(-age_i / 180)), age_i = days before `as_of`
    (interactions after `as_of` do not count). w is 0.4 for key-layer interactions (visits,
    banquets), 0.3 for general ones (exchanges, calls, email) and 0.2 for organizational ones
    (summits): every further or more recent interaction makes the link stronger, and it never
    reaches 1. Returns 0.0 when nothing counts.
    """
    remaining = 1.0
    for day, layer in shared:
        age = (as_of - day).days
        if age < 0:
            continue
        weight = LAYER_WEIGHT.get(layer or "", DEFAULT_LAYER_WEIGHT)
        remaining *= 1.0 - weight * math.pow(2.0, -age / HALF_LIFE_DAYS)
    return 1.0 - remaining


def shared_summary(packed: Sequence[str], as_of: dt.date,
                   misses: dict[str, float]) -> SharedInteractions:
    """The interactions a staff member and a contact both attended, each packed 'date|layer'
    (none after `as_of`): how many, the last, and `derived_knows_strength` of them, multiplied
    in the order given. `misses` keeps each packed value's factor, shared across calls."""
    if not packed:
        return SharedInteractions(0, None, 0.0)
    remaining = 1.0
    for event in packed:
        miss = misses.get(event)
        if miss is None:
            day, _, layer = event.partition("|")
            age = (as_of - dt.date.fromisoformat(day[:10])).days
            weight = LAYER_WEIGHT.get(layer, DEFAULT_LAYER_WEIGHT)
            miss = misses[event] = 1.0 - weight * math.pow(2.0, -age / HALF_LIFE_DAYS)
        remaining *= miss
    # The latest event is the latest date: ISO dates compare as strings, and come first.
    return SharedInteractions(len(packed), to_date(max(packed).partition("|")[0]),
                              1.0 - remaining)


def knows_strength(asserted: bool, asserted_strength: float | None, derived: float | None) -> float:
    """The strength of a staff member's KNOWS of a contact.

    An asserted strength wins. An asserted KNOWS without a strength counts 0.5, or the derived
    strength when that is higher. Without an assertion, the derived strength.
    """
    if asserted and asserted_strength is not None:
        return float(asserted_strength)
    if asserted:
        return max(ASSERTED_KNOWS_DEFAULT, derived or 0.0)
    return derived or 0.0


def reporting_strength(strength: float | None) -> float:
    return REPORTING_STRENGTH if strength is None else float(strength)


def rounded(value: float) -> float:
    return round(value, DIGITS)


# --- validation -------------------------------------------------------------------------------

def check_range(name: str, value: int, low: int, high: int) -> None:
    if not low <= value <= high:
        raise InvalidInput(f"{name} must be between {low} and {high}, got {value}")
