"""Building the pipeline `lagebild analyze` runs on every article."""

from __future__ import annotations

import gc
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# imported to register their factories
from . import arrays, events, gazetteer, greedy, lemmatizer, mentions, quotes, sentences, tagging, verbs  # noqa: F401
from .ops import collect_less, release_freed_memory, use_numpy_blas
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
    Konjunktiv) → quote_spans (span tagger from `models/quotes/quote`) and stash_quote_spans (moves its
    spans into `doc.spans`) → role_spans (the role tagger from `models/quotes/roles`, run only on sentences
    near quotations) → gazetteer_ruler (entity patterns of `gazetteer`) → ner (from `models/ner`,
    PER/LOC/ORG/MISC and the GermEval deriv/part variants it predicts) → quotations (`doc._.quotes`) → actor_mentions
    (`doc._.mentions`, and the quotations' speakers resolved) → event_coder (`doc._.events`,
    `doc._.relation_statements`, `doc._.quote_tones`).

    A model folder that is missing leaves its components out (and verb_morph needs the tagger),
    so a checkout without trained models still tokenizes and splits sentences.

    For speed, with the same results: the three transition-based taggers decode through `greedy`, the lemmatizer
    through `lemmatizer.speed_up`, the tagger and morphologizer annotate through `tagging.speed_up`, and every
    model multiplies matrices through numpy (`ops`); what is loaded is frozen out of the garbage collector, which
    runs less often (`ops.collect_less`).
    """
    tagger_dir, ner_dir, quotes_dir = models / "tagger", models / "ner", models / "quotes"
    nlp = spacy.load(tagger_dir) if (tagger_dir / "config.cfg").exists() else spacy.blank("de")
    customize_tokenizer(nlp)
    if "trainable_lemmatizer" in nlp.pipe_names:
        lemmatizer.speed_up(nlp.get_pipe("trainable_lemmatizer"))
    tagging.speed_up(*(nlp.get_pipe(name) if name in nlp.pipe_names else None for name in ("tagger", "morphologizer")))
    nlp.add_pipe("news_sentences", first=True)
    has_quotes = "tagger" in nlp.pipe_names and (quotes_dir / "quote" / "config.cfg").exists()
    if "tagger" in nlp.pipe_names:
        nlp.add_pipe("verb_morph", after=nlp.pipe_names[-1])
    if has_quotes:
        # the span taggers were trained on the tagger's TAG and verb_morph's MORPH (Mood=Sub)
        nlp.add_pipe("spans", name=quotes.QUOTE_KEY, source=greedy.load_fast(quotes_dir / "quote"))
        nlp.add_pipe("stash_entities", name=f"stash_{quotes.QUOTE_KEY}", config={"key": quotes.QUOTE_KEY})
        # the role tagger runs, through spans_near_quotes, only where quotations can be
        nlp.add_pipe("spans", name="role_tagger", source=greedy.load_fast(quotes_dir / "roles"))
        nlp.disable_pipe("role_tagger")
        nlp.add_pipe("spans_near_quotes", name=quotes.ROLE_KEY, config={"inner": "role_tagger", "key": quotes.ROLE_KEY})
    if (ner_dir / "config.cfg").exists():
        ner_nlp = greedy.load_fast(ner_dir)
        if ner_nlp.vocab.vectors.shape[0]:
            # the NER's tok2vec reads static vectors (the tagger's does not): they come along
            nlp.vocab.vectors = ner_nlp.vocab.vectors
        # states, capitals, adjectives, organisations and metonyms from our gazetteer are fixed
        # entities the statistical NER then works around (+0.6 F1 on held-out GermEval dev)
        ruler = nlp.add_pipe("entity_ruler", name="gazetteer_ruler")
        ruler.add_patterns(phrase_patterns(nlp, gazetteer.load().entity_patterns()))
        nlp.add_pipe("ner", source=ner_nlp)
        nlp.add_pipe("person_roles")  # "Kremlsprecher Dmitri Peskow" → PER "Dmitri Peskow"
    if has_quotes:
        nlp.add_pipe("quotations", config={"media": str(quotes_dir / "media.json"), "cues": str(quotes_dir / "cues.json")})
    if "ner" in nlp.pipe_names:
        nlp.add_pipe("actor_mentions")
    # events, relation statements and quote tone; runs without NER/quotes (and without its trigger model) too
    nlp.add_pipe("event_coder", config={"model": str(models / "events")})
    use_numpy_blas(nlp)
    collect_less()
    return nlp


def clear_word_caches() -> None:
    """Empty our components' caches by word form (process-wide; they are memoisation only, so results stay the
    same). Together with a newly loaded pipeline this gives a long-running process its start-up memory back."""
    arrays.clear_decoded()
    events.clear_word_caches()
    gazetteer.clear_word_caches()
    verbs.clear_word_caches()


def release_dropped_pipeline() -> None:
    """After the caller let go of its pipeline: empty the caches by word form and give the memory back to the
    system, so that a newly loaded pipeline starts from start-up memory."""
    clear_word_caches()
    gc.unfreeze()  # the dropped pipeline was frozen out of the collector when it was loaded
    gc.collect()
    release_freed_memory()


def phrase_patterns(nlp: Language, patterns: list[dict]) -> list[dict]:
    """The exact-form (ORTH) token patterns as phrase patterns, which spaCy matches with its
    PhraseMatcher: ~400k tokens/s instead of ~2k for the same 4,300 patterns as token patterns.

    Patterns with other conditions (capitalised adjectives only at a sentence start) are left out:
    on held-out GermEval dev they changed nothing, and they would need the slow Matcher."""
    result = []
    for pattern in patterns:
        tokens = pattern["pattern"]
        if isinstance(tokens, str):
            result.append(pattern)
        elif all(set(t) == {"ORTH"} for t in tokens):
            words = [t["ORTH"] for t in tokens]
            text = " ".join(words)
            if [t.text for t in nlp.make_doc(text)] == words:
                result.append({**pattern, "pattern": text})
    return result


def make_doc(nlp: Language, text: str, article_id: str | None = None, segments=None,
             article_date: str | None = None, date_precision: str | None = None) -> Doc:
    """A Doc ready for `nlp.pipe`, carrying the article's id, boilerplate segments and date (against which the
    event coder resolves "am 2. Dezember")."""
    doc = nlp.make_doc(text)
    doc._.article_id = article_id
    doc._.segments = segments
    doc._.article_date = article_date
    doc._.article_date_precision = date_precision
    return doc
