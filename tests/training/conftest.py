"""Training scripts are not a package: tests load them from their path."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def training_script(relative: str, name: str):
    """The module of `training/<relative>`, registered as `name` (so its dataclasses and pickles resolve)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "training" / relative)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
