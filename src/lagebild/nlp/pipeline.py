"""Building the pipeline `lagebild analyze` runs on every article."""

from __future__ import annotations

import spacy
from spacy.language import Language


def load_pipeline() -> Language:
    """The German pipeline.

    For now: spaCy's German tokenizer and a rule-based sentencizer. The trained components
    (tagger with Konjunktiv, NER, quotations) are added here as they land.
    """
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    return nlp
