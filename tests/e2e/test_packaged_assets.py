"""What a plain `pip install relgraph` ships: the wheel, built from this checkout, holds every
browser library of the pages and GraphiQL, and relgraph installed from it alone (no checkout, no
node_modules) serves each of them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from hatchling.builders.wheel import WheelBuilder

from relgraph.api import assets

ROOT = Path(__file__).resolve().parents[2]

# Run with only the unpacked wheel's relgraph importable (its dependencies from this venv).
SERVE_FROM_INSTALL = """
import base64, hashlib, json, sys
from fastapi import FastAPI
from fastapi.testclient import TestClient
from relgraph.api import assets, map_page
app = FastAPI()
assets.mount_assets(app)
map_page.mount_map(app)
client = TestClient(app)
served = {}
for name, spec in assets.vendor_files().items():
    body = client.get("/static/vendor/" + name).content
    served[name] = "sha384-" + base64.b64encode(hashlib.sha384(body).digest()).decode()
print(json.dumps({"module": assets.__file__, "served": served,
                  "map": client.get("/map/acc-1").status_code,
                  "graphiql": client.get("/static/graphiql/graphiql.js").status_code}))
"""


def test_an_install_from_the_wheel_serves_every_library(tmp_path: Path) -> None:
    wheel = next(iter(WheelBuilder(str(ROOT)).build(directory=str(tmp_path),
                                                    versions=["standard"])))
    install = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(install)  # a pure-Python wheel installs as exactly these files
    expected = assets.vendor_files()
    for spec in expected.values():
        assert f"relgraph/api/static/vendor/{spec.name}" in names
        assert f"relgraph/api/static/vendor/{spec.license}" in names
    assert not any("node_modules" in n for n in names)

    env = {**os.environ, "PYTHONPATH": str(install)}
    out = subprocess.run([sys.executable, "-c", SERVE_FROM_INSTALL], cwd=tmp_path, env=env,
                         capture_output=True, text=True, check=True, timeout=120).stdout
    answer = json.loads(out.strip().splitlines()[-1])
    assert Path(answer["module"]).is_relative_to(install), "relgraph came from the checkout"
    assert answer["served"] == {name: spec.sha384 for name, spec in expected.items()}
    assert answer["map"] == 200 and answer["graphiql"] == 200
