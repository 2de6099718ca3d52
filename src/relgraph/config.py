"""Settings: which engine to use and the thresholds of the coverage rules (env `RELGRAPH_*`)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

import platformdirs
from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from relgraph.errors import InvalidSettings
from relgraph.model import Tier

_SHARES = re.compile(r"\s*(\d+)\s*:\s*(\d+)\s*:\s*(\d+)\s*:\s*(\d+)\s*")
NEO4J_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
_POSITIVE = re.compile(r"\s*\+?\d+\s*")


@dataclass(frozen=True)
class TierResources:
    """How relationship effort is split over the account tiers, as shares of S:A:B:C (7:3:0:0).

    A tier is resourced when its share is above 0: only accounts of resourced tiers (and their
    contacts) get the findings that demand relationship investment.
    """

    s: int
    a: int
    b: int
    c: int

    @classmethod
    def parse(cls, text: str) -> TierResources:
        """`S:A:B:C` as four non-negative integers with a positive sum; ValueError otherwise."""
        found = _SHARES.fullmatch(text)
        if found is None:
            raise ValueError(f"{text!r} is not four shares S:A:B:C such as 7:3:0:0 "
                             "(non-negative integers with a positive sum)")
        shares = cls(*(int(n) for n in found.groups()))
        if shares.total == 0:
            raise ValueError(f"{text!r} gives no tier a share (the sum must be positive)")
        return shares

    @property
    def total(self) -> int:
        return self.s + self.a + self.b + self.c

    def share(self, tier: Tier | str) -> int:
        """The tier's share as given (7 of 7:3:0:0 for S)."""
        return {"S": self.s, "A": self.a, "B": self.b, "C": self.c}[Tier(tier).value]

    def resourced(self, tier: Tier | str) -> bool:
        """Whether the tier gets relationship effort at all (its share is above 0)."""
        return self.share(tier) > 0

    def target_share(self, tier: Tier | str) -> float:
        """The part of all effort the tier should get: its share over the sum (0.7 for S)."""
        return self.share(tier) / self.total

    def target_shares(self) -> dict[Tier, float]:
        """Every tier's target share, S first."""
        return {tier: self.target_share(tier) for tier in Tier}

    def __str__(self) -> str:
        return f"{self.s}:{self.a}:{self.b}:{self.c}"


DEFAULT_TIER_RESOURCES = TierResources(7, 3, 0, 0)


def _default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("relgraph", appauthor=False))


class Settings(BaseSettings):
    """One settings object, read from the environment and passed down (never a global)."""

    model_config = SettingsConfigDict(env_prefix="RELGRAPH_", extra="ignore")

    # Engine choice: a Neo4j URI selects Neo4j; otherwise the embedded FalkorDB engine.
    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr = SecretStr("")
    neo4j_database: str | None = None
    data_dir: Path = Field(default_factory=_default_data_dir)
    graph_name: str = "relgraph"

    # Engine guards: one runaway query must not stall or exhaust the engine.
    query_timeout_ms: int = 30_000
    query_memory_mb: int = 2_048

    # Coverage-rule thresholds (docs/CONTRACT.md §1), settings with these defaults.
    overloaded_owner_threshold: int = 12
    cadence_days_s: int = 365
    cadence_days_a: int = 183
    cadence_days_bc: int = 31
    derived_knows_window_days: int = 730

    # The management cycle: where effort goes, and how a department's general relationship is
    # scored: process = min(1, interactions a year / activity target), weighted 1 - w against
    # the result's w.
    tier_resources: Annotated[TierResources, NoDecode] = DEFAULT_TIER_RESOURCES
    general_activity_target: int = 12
    general_result_weight: float = 0.8

    # API
    host: str = "127.0.0.1"
    port: int = 8000
    dev_no_auth: bool = False

    def __init__(self, **values: Any) -> None:
        """Read the settings; a value that does not parse raises InvalidSettings (one line)."""
        try:
            super().__init__(**values)
        except ValidationError as exc:
            raise InvalidSettings(one_line(exc)) from None

    @field_validator("neo4j_uri")
    @classmethod
    def _neo4j_uri(cls, value: str | None) -> str | None:
        if value:
            parts = urlsplit(value)
            if parts.scheme not in NEO4J_SCHEMES or not parts.hostname:
                raise ValueError(f"{value!r} is not the address of a Neo4j server, such as "
                                 f"bolt://localhost:7687 (schemes: {', '.join(NEO4J_SCHEMES)})")
        return value

    @field_validator("tier_resources", mode="before")
    @classmethod
    def _tier_resources(cls, value: Any) -> Any:
        return TierResources.parse(value) if isinstance(value, str) else value

    @field_validator("general_activity_target", mode="before")
    @classmethod
    def _activity_target(cls, value: Any) -> int:
        target = int(value) if isinstance(value, str) and _POSITIVE.fullmatch(value) else value
        if isinstance(target, bool) or not isinstance(target, int) or target <= 0:
            raise ValueError(f"{value!r} is not a positive integer (interactions a year, e.g. 12)")
        return target

    @field_validator("general_result_weight", mode="before")
    @classmethod
    def _result_weight(cls, value: Any) -> float:
        weight = value
        if isinstance(value, str):
            try:
                weight = float(value)
            except ValueError:
                weight = None
        if isinstance(weight, bool) or not isinstance(weight, int | float) or \
                not math.isfinite(weight) or not 0 <= weight <= 1:
            raise ValueError(f"{value!r} is not a number in [0, 1] (the weight of the result "
                             "against the process, e.g. 0.8)")
        return float(weight)

    @property
    def engine(self) -> str:
        """`neo4j` when a Neo4j URI is configured, else `falkordb` (embedded)."""
        return "neo4j" if self.neo4j_uri else "falkordb"

    @property
    def socket_path(self) -> Path:
        return self.data_dir / "relgraph.sock"

    def engine_environment(self) -> dict[str, str]:
        """The RELGRAPH_* variables that point a child process at this same engine."""
        if self.neo4j_uri:
            env = {
                "RELGRAPH_NEO4J_URI": self.neo4j_uri,
                "RELGRAPH_NEO4J_USER": self.neo4j_user,
                "RELGRAPH_NEO4J_PASSWORD": self.neo4j_password.get_secret_value(),
            }
            if self.neo4j_database:
                env["RELGRAPH_NEO4J_DATABASE"] = self.neo4j_database
            return env
        return {"RELGRAPH_DATA_DIR": str(self.data_dir)}


def one_line(exc: ValidationError, prefix: str = "RELGRAPH_") -> str:
    """Every problem of a ValidationError of settings on one line, each naming its variable."""
    found = []
    for error in exc.errors():
        name = f"{prefix}{str(error['loc'][0]).upper()}" if error["loc"] else f"{prefix}*"
        if error["type"] == "value_error":
            reason = str(error["ctx"]["error"])
        else:
            reason = f"{error.get('input')!r}: {error['msg']}"
        found.append(f"{name}: {reason}")
    return "; ".join(found)
