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


# OpenBLAS kernels known to sum a product's terms in the same order whatever the matrices' shape and column order
# (checked on this project's machine, a Zen 5 CPU, where OpenBLAS picks them itself)
SHAPE_INDEPENDENT_KERNELS = frozenset({"SkylakeX"})


def same_product_values(actual, expected) -> bool:
    """Whether a layer of ours computed what thinc's or spaCy's computes from the same matrix products: bit for bit
    with OpenBLAS kernels that sum every product alike (`SHAPE_INDEPENDENT_KERNELS`), to within 1e-4 with others —
    the AVX2 kernels, which an environment can pin through OPENBLAS_CORETYPE, sum a column's terms in an order that
    depends on its position and on the number of rows (about 5 % of the values then differ in their last bits)."""
    import numpy

    from lagebild.nlp.ops import blas_kernels

    if actual.shape != expected.shape or actual.dtype != expected.dtype:
        return False
    if blas_kernels() in SHAPE_INDEPENDENT_KERNELS:
        return bool(numpy.array_equal(actual, expected))
    return bool(numpy.allclose(actual, expected, rtol=1e-5, atol=1e-4))
