"""Building the pipeline `lagebild analyze` runs on every article."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import sentences  # noqa: F401  (registers the news_sentences factory)
from .tokenizer import customize_tokenizer

MODELS = Path(__file__).parent / "models"

if not Doc.has_extension("article_id"):
    Doc.set_extension("article_id", default=None)
if not Doc.has_extension("segments"):
    # boilerplate and heading segments of the article (lagebild.sources.boilerplate.Segment)
    Doc.set_extension("segments", default=None)


def load_pipeline() -> Language:
    """The German news pipeline: tokenizer with news rules and sentence boundaries.

    Trained components (tagger with Konjunktiv, NER, quotations) are added here as they land.
    """
    nlp = spacy.blank("de")
    customize_tokenizer(nlp)
    nlp.add_pipe("news_sentences")
    return nlp


def make_doc(nlp: Language, text: str, article_id: str | None = None, segments=None) -> Doc:
    """A Doc ready for `nlp.pipe`, carrying the article's id and boilerplate segments."""
    doc = nlp.make_doc(text)
    doc._.article_id = article_id
    doc._.segments = segments
    return doc
