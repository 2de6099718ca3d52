"""docker-compose.yml cannot run here (no Docker engine); check its wiring against the code."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from relgraph.config import Settings

ROOT = Path(__file__).resolve().parents[2]


def compose() -> dict[str, Any]:
    data = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    assert isinstance(data, dict)
    return data


def test_neo4j_5_with_healthcheck_volume_and_auth_from_environment() -> None:
    neo4j = compose()["services"]["neo4j"]
    assert neo4j["image"].startswith("neo4j:5")
    assert "healthcheck" in neo4j
    assert any(v.startswith("neo4j-data:/data") for v in neo4j["volumes"])
    assert "neo4j-data" in compose()["volumes"]
    assert "${NEO4J_PASSWORD" in neo4j["environment"]["NEO4J_AUTH"]


def test_api_uses_the_real_setting_names() -> None:
    env = compose()["services"]["api"]["environment"]
    fields = set(Settings.model_fields)
    prefix = Settings.model_config["env_prefix"]
    for name in env:
        assert name.startswith(prefix) and name[len(prefix):].lower() in fields, name
    # With the URI set, the API runs on Neo4j, and the URI points at the neo4j service's Bolt port.
    settings = Settings(**{k[len(prefix):].lower(): v for k, v in env.items()})
    assert settings.engine == "neo4j"
    neo4j_ports = {p.split(":")[-1] for p in compose()["services"]["neo4j"]["ports"]}
    assert settings.neo4j_uri is not None
    assert settings.neo4j_uri.rsplit(":", 1)[-1] in neo4j_ports


def test_api_port_matches_the_serve_command_and_settings_default() -> None:
    api = compose()["services"]["api"]
    command = api["command"]
    port = command[command.index("--port") + 1]
    assert port == str(Settings.model_fields["port"].default)
    assert any(p.endswith(f":{port}") for p in api["ports"])
    assert f"127.0.0.1:{port}/healthz" in " ".join(api["healthcheck"]["test"])
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"


def test_dockerfile_installs_the_package_with_its_cypher_and_schema() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    for folder in ("src", "cypher", "schema"):
        assert f"COPY {folder} ./{folder}" in dockerfile
    assert "pip install" in dockerfile and '"relgraph", "serve"' in dockerfile
    # the pages' libraries are package data now (tests/e2e/test_packaged_assets.py): no npm step
    assert "npm ci" not in dockerfile and "node_modules" not in dockerfile
