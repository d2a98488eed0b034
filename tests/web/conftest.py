"""Fixtures: the same test database as tests/api (demo corpus + fixture rows + search index)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from lagebild.api import create_app

from ..api.demo_db import build


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("web") / "demo.duckdb"
    info = build(path)
    return path, info


@pytest.fixture(scope="session")
def info(demo_db):
    return demo_db[1]


@pytest.fixture(scope="session")
def client(demo_db):
    with TestClient(create_app(demo_db[0])) as test_client:
        yield test_client
