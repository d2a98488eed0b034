"""Parallel `analyze`: the NLP of partitions on a local process pool or a Dask cluster, Parquet shards loaded by
the driver in order, one transaction each. See `driver.analyze_parallel` and docs/cli/analyze.md."""

from .driver import ENGINES, EngineSummary, analyze_parallel
from .executors import available_cores

__all__ = ["ENGINES", "EngineSummary", "analyze_parallel", "available_cores"]
