"""Shared fixtures: paths to ../shared (skipped with a reason when absent) and small corpora."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEMO_CORPUS = REPO / "src" / "lagebild" / "demo" / "corpus"


def shared_path(*parts: str) -> Path:
    """A path inside ../shared, or skip the test saying what is missing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path} (the shared data folder beside the repository), which is absent")
    return path


@pytest.fixture
def seeds_dir() -> Path:
    return shared_path("seeds")


def write_seed(folder: Path, name: str, date: str, title: str, body: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(f" date {date} {title}\n\n{body}\n".encode(encoding))
    return path
