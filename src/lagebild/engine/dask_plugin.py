"""The Dask worker plugin (its own module: importing it imports `distributed`, which the local engine does not need)."""

from __future__ import annotations

from distributed import WorkerPlugin

from .worker import warm


class PipelinePlugin(WorkerPlugin):
    """Load the pipeline when a worker starts (also on workers that join or are restarted later), so each worker
    process loads it once and every partition it runs uses it."""

    name = "lagebild-pipeline"

    def __init__(self, models: str | None = None) -> None:
        self.models = models

    def setup(self, worker) -> None:
        warm(self.models)
