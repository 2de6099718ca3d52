"""scripts/neo4j-local's generated passwords are never taken for an option by neo4j-admin (a
URL-safe token may begin with `-`: one start in 64 failed with "Missing required parameter")."""

from __future__ import annotations

import importlib.machinery
import importlib.util
from types import ModuleType

from tests.conftest import NEO4J_LOCAL


def _script() -> ModuleType:
    loader = importlib.machinery.SourceFileLoader("neo4j_local", str(NEO4J_LOCAL))
    spec = importlib.util.spec_from_loader("neo4j_local", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def test_generated_passwords_never_look_like_options() -> None:
    new_password = _script().new_password
    passwords = [new_password() for _ in range(5_000)]
    assert not [p for p in passwords if p.startswith("-")]
    assert len(set(passwords)) == len(passwords) and min(map(len, passwords)) >= 24
