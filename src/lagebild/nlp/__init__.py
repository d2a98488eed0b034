"""The spaCy pipeline: German tokenizer and our components; the `Doc` is the data model."""

from .pipeline import load_pipeline

__all__ = ["load_pipeline"]
