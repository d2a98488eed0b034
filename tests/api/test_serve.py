"""`lagebild serve`: starts on loopback, prints the URL, serves the database; refuses a missing one."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import httpx
from typer.testing import CliRunner

from lagebild.cli import app


def test_serve_refuses_a_missing_database(tmp_path):
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "fehlt.duckdb")])
    assert result.exit_code == 1
    assert "no database at" in result.output


def test_serve_prints_the_url_and_answers(demo_db):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "lagebild", "serve", "--db", str(demo_db[0]), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        body = None
        for _ in range(150):
            try:
                body = httpx.get(f"http://127.0.0.1:{port}/api/articles", params={"limit": 1}, timeout=5).json()
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert body is not None, "the server did not answer"
        assert body["total"] > 0 and body["items"][0]["article_id"]
        page = httpx.get(f"http://127.0.0.1:{port}/", timeout=5)
        assert page.status_code == 200 and "lagebild" in page.text
    finally:
        server.terminate()
        out, _ = server.communicate(timeout=10)
    assert f"http://127.0.0.1:{port}/" in out
