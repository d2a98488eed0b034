"""A trained second opinion for the event coder: which verbs and nouns of a sentence report an event, and of which
PLOVER category.

The cue lexicon (`events.py`) knows the words it lists; news phrase the same acts in many more. This model reads
every full verb and common noun of a sentence and gives each a probability per category (and for "no event"),
from the word, its lemma and compound head, a separated particle, its neighbours and the words of its clause
(sparse features, one weight row each) and from the static word vectors of the NER model (so words never seen in
training but used like a cue get a share of its weight). The event coder adds what it finds with high confidence
where the lexicon found nothing, and lets the roles, mode and date be found by its rules as for any cue.

Trained by `training/events/train.py` on hand-labelled sentences (training/events/README.md) and read from
`models/events/` when a model is there (`model.npz`: weights; `features.txt`: one feature per row; `meta.json`:
labels and thresholds). None is shipped: on the event gold's dev half it did not raise the coder's scores (the
README has the numbers), so the pipeline codes events with the lexicon alone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

NO_EVENT = "O"
# the tags of the tokens the model reads: full verbs and common nouns
VERB_TAGS = frozenset({"VVFIN", "VVINF", "VVPP", "VVIZU", "VVIMP"})
NOUN_TAGS = frozenset({"NN"})
CANDIDATE_TAGS = VERB_TAGS | NOUN_TAGS
CLAUSE_BREAKS = frozenset({",", ";", ":", "(", ")", "–", "—", "„", "“", '"', "."})
CONTEXT_WINDOW = 6


def is_candidate(tag: str) -> bool:
    return tag in CANDIDATE_TAGS


def type_features(tags: list[str], lowers: list[str], lemmas: list[str], i: int, particle: str | None) -> list[str]:
    """The features of token `i` that depend on the word alone (its form, lemma, tag and separated particle)."""
    lemma = (particle or "") + lemmas[i]
    kind = "V" if tags[i] in VERB_TAGS else "N"
    feats = [f"b:{kind}", f"l:{lemma}", f"w:{lowers[i]}", f"t:{tags[i]}"]
    if kind == "N" and len(lemma) > 6:
        feats += [f"s{n}:{lemma[-n:]}" for n in (4, 5, 6, 7) if len(lemma) > n + 2]
    if particle:
        feats.append(f"p:{particle}")
    return feats


def context_features(texts: list[str], lemmas: list[str], i: int, first: int, last: int,
                     particle: str | None) -> list[str]:
    """The features of token `i` that depend on the words around it in the sentence `first`..`last`."""
    lemma = (particle or "") + lemmas[i]
    feats = []
    for d in (-2, -1, 1, 2):
        j = i + d
        if first <= j < last:
            feats.append(f"n{d}:{lemmas[j]}")
    if i + 1 < last:
        feats.append(f"ln:{lemma}|{lemmas[i + 1]}")
    if i - 1 >= first:
        feats.append(f"pl:{lemmas[i - 1]}|{lemma}")
    # the words of its clause near it ("eine rote Linie überschreiten", "die Tür bleibe offen")
    j = i - 1
    while j >= max(first, i - CONTEXT_WINDOW) and texts[j] not in CLAUSE_BREAKS:
        feats.append(f"c:{lemmas[j]}")
        j -= 1
    j = i + 1
    while j < min(last, i + CONTEXT_WINDOW + 1) and texts[j] not in CLAUSE_BREAKS:
        feats.append(f"c:{lemmas[j]}")
        j += 1
    return feats


def token_features(texts: list[str], tags: list[str], lowers: list[str], lemmas: list[str], i: int,
                   first: int, last: int, particle: str | None) -> list[str]:
    """All sparse features of token `i` of the sentence `first`..`last` (the lists are a doc's token
    attributes, as `events._Tables` holds them)."""
    return type_features(tags, lowers, lemmas, i, particle) + context_features(texts, lemmas, i, first, last,
                                                                                particle)


def _vector(vectors, strings, forms) -> np.ndarray | None:
    for form in forms:
        if form in strings:
            row = vectors.find(key=strings[form])
            if row >= 0:
                return vectors.data[row]
    return None


def dense_row(vectors, strings, text: str, lemma: str) -> np.ndarray:
    """The static vector of a token's form and of its lemma (zeros where there is none), side by side."""
    width = vectors.shape[1]
    out = np.zeros(2 * width, dtype=np.float32)
    if vectors.shape[0] == 0:
        return out
    form = _vector(vectors, strings, (text,))
    if form is not None:
        out[:width] = form
    base = _vector(vectors, strings, (lemma, lemma[:1].upper() + lemma[1:]))
    if base is not None:
        out[width:] = base
    return out


def dense_rows(vectors, strings, texts: list[str], lemmas: list[str], rows: list[int]) -> np.ndarray:
    out = np.zeros((len(rows), 2 * vectors.shape[1]), dtype=np.float32)
    for n, i in enumerate(rows):
        out[n] = dense_row(vectors, strings, texts[i], lemmas[i])
    return out


@dataclass
class TriggerModel:
    labels: tuple[str, ...]          # NO_EVENT first, then the categories
    index: dict[str, int]            # sparse feature → row of `sparse`
    sparse: np.ndarray               # [features, labels]
    dense: np.ndarray                # [2 × vector width, labels]
    bias: np.ndarray                 # [labels]
    add_threshold: float             # least probability of a category for an event the lexicon did not find
    # words whose features alone give every category together less than this are passed over without reading
    # their context (most nouns and verbs: "Jahr", "sagen"); the context could raise them by more only rarely
    gate: float = 0.02

    def __post_init__(self) -> None:
        self._types: dict[tuple, np.ndarray | None] = {}

    def _type_logits(self, tags, lowers, lemmas, i: int, particle: str | None, dense: np.ndarray
                     ) -> np.ndarray | None:
        index = self.index
        rows = [index[f] for f in type_features(tags, lowers, lemmas, i, particle) if f in index]
        logits = self.bias + self.sparse[rows].sum(axis=0)
        if self.dense.shape[0] == dense.shape[0]:
            logits = logits + dense @ self.dense
        p = np.exp(logits - logits.max())
        return logits if 1.0 - p[0] / p.sum() >= self.gate else None

    def find(self, texts: list[str], tags: list[str], lowers: list[str], lemmas: list[str],
             sentences: list[tuple[int, int, dict[int, str]]], vectors, strings) -> list[tuple[int, str, float]]:
        """(token, category, probability) for the full verbs and common nouns of `sentences` (token ranges, each
        with its separated verb particles as `events.separated_particles` finds them) that the model gives a
        category with at least `add_threshold`."""
        found = []
        types, index, sparse = self._types, self.index, self.sparse
        if len(types) > 100_000:
            types.clear()
        for first, last, particles in sentences:
            for i in range(first, last):
                tag = tags[i]
                if tag not in CANDIDATE_TAGS:
                    continue
                particle = particles.get(i)
                key = (texts[i], lemmas[i], tag, particle)
                if key in types:
                    base = types[key]
                else:
                    base = types[key] = self._type_logits(tags, lowers, lemmas, i, particle,
                                                          dense_row(vectors, strings, texts[i], lemmas[i]))
                if base is None:
                    continue
                rows = [index[f] for f in context_features(texts, lemmas, i, first, last, particle) if f in index]
                logits = base + sparse[rows].sum(axis=0) if rows else base
                p = np.exp(logits - logits.max())
                p /= p.sum()
                best = int(p[1:].argmax()) + 1
                if p[best] >= self.add_threshold:
                    found.append((i, self.labels[best], float(p[best])))
        return found

    def probabilities(self, feats: list[list[str]], dense: np.ndarray) -> np.ndarray:
        """[tokens, labels] softmax probabilities over all features (no gate; for training and tests)."""
        logits = np.tile(self.bias, (len(feats), 1))
        if self.dense.shape[0] == dense.shape[1]:
            logits += dense @ self.dense
        index, sparse = self.index, self.sparse
        for n, fs in enumerate(feats):
            rows = [index[f] for f in fs if f in index]
            if rows:
                logits[n] += sparse[rows].sum(axis=0)
        logits -= logits.max(axis=1, keepdims=True)
        np.exp(logits, out=logits)
        logits /= logits.sum(axis=1, keepdims=True)
        return logits

    def save(self, path: Path) -> None:
        path.mkdir(parents=True, exist_ok=True)
        features = [""] * len(self.index)
        for f, row in self.index.items():
            features[row] = f
        (path / "features.txt").write_text("\n".join(features) + "\n", encoding="utf-8")
        np.savez_compressed(path / "model.npz", sparse=self.sparse.astype(np.float16),
                            dense=self.dense.astype(np.float32), bias=self.bias.astype(np.float32))
        (path / "meta.json").write_text(json.dumps({"labels": list(self.labels),
                                                    "add_threshold": self.add_threshold,
                                                    "gate": self.gate}, indent=1) + "\n")


def load(path: Path) -> TriggerModel | None:
    """The model in `path`, or None where there is none (a checkout without trained models)."""
    if not (path / "model.npz").exists():
        return None
    meta = json.loads((path / "meta.json").read_text())
    features = (path / "features.txt").read_text(encoding="utf-8").split("\n")[:-1]
    with np.load(path / "model.npz") as arrays:
        sparse = arrays["sparse"].astype(np.float32)
        dense, bias = arrays["dense"], arrays["bias"]
    return TriggerModel(tuple(meta["labels"]), {f: n for n, f in enumerate(features)}, sparse, dense, bias,
                        float(meta["add_threshold"]), float(meta.get("gate", 0.02)))
