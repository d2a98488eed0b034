"""The unit every reader yields: one article, with its original text untouched."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    """One article as read from a file.

    `text` is the body exactly as the source has it (after decoding); boilerplate is separated
    later by offsets into this string, never cut out of it. `source_file` is the path as read,
    `locator` says where in that file the article is (a line number, a CSV row, `-` for a
    single-article file).
    """

    source_file: str
    locator: str
    text: str
    title: str | None = None
    date: str | None = None
    date_precision: str | None = None
    date_raw: str | None = None
    date_flag: str | None = None
    url: str | None = None
    outlet: str | None = None
    outlet_source: str | None = None
    encoding: str = "utf-8"
    id: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", article_id(self))


def article_id(article: Article) -> str:
    """A stable id from where the article was found and what it says.

    The file's base name (not its full path) is used so the same corpus analysed from another
    directory or machine keeps its ids; the content fields make a changed article a new one.
    """
    basename = article.source_file.replace("\\", "/").rsplit("/", 1)[-1]
    parts = (
        basename,
        article.locator,
        article.title or "",
        article.date_raw or "",
        article.url or "",
        article.outlet or "",
        article.text,
    )
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
    return digest[:16]


@dataclass(frozen=True)
class Rejection:
    """A file, or one record inside a file, that could not be read, and why."""

    source_file: str
    reason: str
    locator: str = "-"
