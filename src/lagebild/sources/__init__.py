"""Readers turning files into `Article`s, plus boilerplate separation and duplicate detection."""

from .article import Article, Rejection
from .fields import FieldMap
from .files import walk
from .readers import choose_format, read_file

__all__ = ["Article", "FieldMap", "Rejection", "choose_format", "read_file", "walk"]
