"""A faster greedy decoder for spaCy's transition-based entity recogniser, which our NER and both quotation span
taggers are.

spaCy decodes in a C loop that, per transition step, multiplies a handful of states with BLIS (whose PyPI wheel
runs its generic reference kernel, with a buffer allocation per call) and takes the GIL back once: on news
articles that loop cost ~30 µs per token, more than the whole network before it. Here the same network is
evaluated with numpy for all states of a step at once and the same transition code of spaCy applies the moves
(`Parser.transition_states`), so the entities are the same (up to float rounding of ties; tested against
spaCy's own decoding).

`greedy_ner` is registered as a factory with the same settings as spaCy's `ner`; `load_fast` loads a trained
`ner` pipeline folder with it in place of spaCy's class.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Callable, Optional

import numpy
import spacy
from spacy.language import Language
from spacy.ml.parser_model import ParserStepModel
from spacy.pipeline import EntityRecognizer
from spacy.pipeline._parser_internals.transition_system import TransitionSystem
from spacy.tokens import Doc
from thinc.api import Model

FACTORY = "greedy_ner"


class GreedyEntityRecognizer(EntityRecognizer):
    """spaCy's EntityRecognizer with `predict` decoding through `greedy_states`."""

    def predict(self, docs):
        if isinstance(docs, Doc):
            docs = [docs]
        if self.cfg.get("beam_width", 1) != 1 or not _supported(self.model) or not any(len(d) for d in docs):
            return super().predict(docs)
        return greedy_states(self, docs)


def _supported(model: Model) -> bool:
    return bool(model.attrs.get("has_upper")) and model.get_ref("lower").get_dim("nP") >= 2


def greedy_states(parser: EntityRecognizer, docs: list[Doc]) -> list:
    """The final parser states for `docs`, decoded greedily as spaCy's `greedy_parse` does."""
    model = parser.model
    tok2vec, lower, upper = model.layers[0], model.get_ref("lower"), model.get_ref("upper")
    tokvecs = tok2vec.predict(docs)
    # row 0: each feature's padding vector (a missing context token); row t + 1: token t of the batch
    features = lower.predict(tokvecs)
    n_features = features.shape[1]
    bias = lower.get_param("b")
    weights, upper_bias = upper.get_param("W"), upper.get_param("b")
    unseen = numpy.asarray(sorted(model.attrs.get("unseen_classes", ())), dtype="i")
    feature_index = numpy.arange(n_features)
    ids_of = SimpleNamespace(state2vec=SimpleNamespace(nF=n_features))

    states = parser.moves.init_batch(docs)
    active = [state for state in states if not state.is_final()]
    while active:
        ids = ParserStepModel.get_token_ids(ids_of, active)
        hidden = features[ids + 1, feature_index].sum(axis=1)
        hidden += bias
        hidden = hidden.max(axis=-1)
        scores = hidden @ weights.T
        scores += upper_bias
        if unseen.size:
            scores[:, unseen] = scores.min()
        active = parser.transition_states(active, numpy.ascontiguousarray(scores, dtype="f"))
    return states


@Language.factory(
    FACTORY,
    assigns=["doc.ents", "token.ent_iob", "token.ent_type"],
    default_config={"moves": None, "update_with_oracle_cut_size": 100, "model": None,
                    "incorrect_spans_key": None, "scorer": {"@scorers": "spacy.ner_scorer.v1"}},
)
def make_greedy_ner(nlp: Language, name: str, model: Model, moves: Optional[TransitionSystem],
                    update_with_oracle_cut_size: int, incorrect_spans_key: Optional[str],
                    scorer: Optional[Callable]) -> GreedyEntityRecognizer:
    return GreedyEntityRecognizer(nlp.vocab, model, name=name, moves=moves,
                                  update_with_oracle_cut_size=update_with_oracle_cut_size,
                                  incorrect_spans_key=incorrect_spans_key, scorer=scorer)


def load_fast(path: Path) -> Language:
    """spacy.load for a pipeline folder, with each `ner` component made a `greedy_ner` (same weights)."""
    config = spacy.util.load_config(Path(path) / "config.cfg")
    overrides = {f"components.{name}.factory": FACTORY
                 for name, section in config["components"].items() if section.get("factory") == "ner"}
    return spacy.load(path, config=overrides)
