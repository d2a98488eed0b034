"""Building the pipeline `lagebild analyze` runs on every article."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import sentences, verbs  # noqa: F401  (register the news_sentences and verb_morph factories)
from .tokenizer import customize_tokenizer

MODELS = Path(__file__).parent / "models"

if not Doc.has_extension("article_id"):
    Doc.set_extension("article_id", default=None)
if not Doc.has_extension("segments"):
    # boilerplate and heading segments of the article (lagebild.sources.boilerplate.Segment)
    Doc.set_extension("segments", default=None)


def load_pipeline(models: Path = MODELS) -> Language:
    """The German news pipeline, built from the trained models shipped in `models/`:

    tokenizer with news rules → news_sentences → tok2vec, tagger (STTS), morphologizer (UPOS),
    trainable_lemmatizer (from `models/tagger`) → verb_morph (Mood, Tense, Person, Number,
    Konjunktiv) → ner (from `models/ner`, PER/LOC/ORG/MISC).

    A model folder that is missing leaves its components out (and verb_morph needs the tagger),
    so a checkout without trained models still tokenizes and splits sentences.
    """
    tagger_dir, ner_dir = models / "tagger", models / "ner"
    nlp = spacy.load(tagger_dir) if (tagger_dir / "config.cfg").exists() else spacy.blank("de")
    customize_tokenizer(nlp)
    nlp.add_pipe("news_sentences", first=True)
    if "tagger" in nlp.pipe_names:
        nlp.add_pipe("verb_morph", after=nlp.pipe_names[-1])
    if (ner_dir / "config.cfg").exists():
        nlp.add_pipe("ner", source=spacy.load(ner_dir))
    return nlp


def make_doc(nlp: Language, text: str, article_id: str | None = None, segments=None) -> Doc:
    """A Doc ready for `nlp.pipe`, carrying the article's id and boilerplate segments."""
    doc = nlp.make_doc(text)
    doc._.article_id = article_id
    doc._.segments = segments
    return doc
