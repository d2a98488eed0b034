"""A Dask worker plugin for the tests, in its own module so that worker processes can import it."""

from __future__ import annotations

import os
import threading

from distributed import WorkerPlugin


class KillOnce(WorkerPlugin):
    """Kill the worker process shortly after it starts running a lagebild partition, once per cluster (the marker
    file, created exclusively, says who did it): the partition dies mid-run with its worker."""

    name = "kill-once"

    def __init__(self, marker: str, delay: float = 0.3) -> None:
        self.marker = marker
        self.delay = delay

    def transition(self, key, start, finish, **kwargs) -> None:
        if finish != "executing" or not str(key).startswith("lagebild-partition-"):
            return
        try:
            fd = os.open(self.marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            return
        os.write(fd, f"{os.getpid()} {key}".encode())
        os.close(fd)
        threading.Timer(self.delay, os._exit, (1,)).start()
