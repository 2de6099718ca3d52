"""Settings: which engine to use and the thresholds of the coverage rules (env `RELGRAPH_*`)."""

from __future__ import annotations

from pathlib import Path

import platformdirs
from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


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

    # API
    host: str = "127.0.0.1"
    port: int = 8000
    dev_no_auth: bool = False

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
