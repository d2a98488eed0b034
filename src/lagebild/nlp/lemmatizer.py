"""The edit-tree lemmatizer's decoding without its per-token Python loop over the top k trees.

spaCy's `EditTreeLemmatizer` with top_k > 1 takes, token by token, the best tree, tries it, and on failure
masks it and takes the next: ~5 µs per token on news, as long as the network before it. Here the best tree of
every token comes from one argmax; only tokens whose best tree does not apply go through the top-k search; each
tree is applied once (spaCy applies it again to annotate), and the lemmas are written in one `Doc.from_array`.
The results are the same as spaCy's (tested).
"""

from __future__ import annotations

import numpy
from spacy.attrs import LEMMA
from spacy.pipeline import EditTreeLemmatizer
from spacy.tokens import Doc


def speed_up(lemmatizer: EditTreeLemmatizer) -> None:
    """Replace the instance's decoding (top_k ≤ spaCy's guardrail, the path we use) and annotation."""
    if lemmatizer.top_k <= 1:
        return
    lemmatizer._scores2guesses_top_k_greater_1 = lambda docs, scores: _guesses(lemmatizer, docs, scores)
    lemmatizer.set_annotations = lambda docs, guesses: _set_lemmas(lemmatizer, docs, guesses)


class Guess(numpy.ndarray):
    """A document's tree ids (-1: none applies), as spaCy's decoding gives them, carrying the lemmas the trees
    produced (string hashes), so that annotation does not apply each tree a second time."""

    lemmas: numpy.ndarray


def _guesses(lemmatizer: EditTreeLemmatizer, docs: list[Doc], scores) -> list[Guess]:
    labels, trees, strings = lemmatizer.cfg["labels"], lemmatizer.trees, lemmatizer.vocab.strings
    top_k = min(lemmatizer.top_k, len(labels))
    guesses = []
    for doc, doc_scores in zip(docs, scores):
        doc_scores = lemmatizer.numpy_ops.asarray(doc_scores)
        best = doc_scores.argmax(axis=1)
        tree_ids = numpy.full(len(doc), -1, dtype="int64")
        lemmas = numpy.zeros(len(doc), dtype="uint64")
        for i, (text, candidate) in enumerate(zip([t.text for t in doc], best.tolist())):
            tree_id = labels[candidate]
            lemma = trees.apply(tree_id, text)
            if lemma is None:
                row = doc_scores[i].copy()
                row[candidate] = numpy.finfo(numpy.float32).min
                for _ in range(top_k - 1):
                    candidate = int(row.argmax())
                    tree_id = labels[candidate]
                    lemma = trees.apply(tree_id, text)
                    if lemma is not None:
                        break
                    row[candidate] = numpy.finfo(numpy.float32).min
            if lemma is not None:
                tree_ids[i] = tree_id
                lemmas[i] = strings.add(lemma)
        guess = tree_ids.view(Guess)
        guess.lemmas = lemmas
        guesses.append(guess)
    return guesses


def _set_lemmas(lemmatizer: EditTreeLemmatizer, docs: list[Doc], guesses: list[Guess]) -> None:
    backoff = lemmatizer.backoff
    for doc, guess in zip(docs, guesses):
        if not len(doc):
            continue
        current = doc.to_array([LEMMA])
        lemmas = guess.lemmas.copy()
        missing = numpy.asarray(guess) == -1
        if backoff is not None:
            lemmas[missing] = doc.to_array([backoff.upper()])[missing]
        else:
            lemmas[missing] = current[missing]
        if not lemmatizer.overwrite:
            lemmas = numpy.where(current == 0, lemmas, current)
        doc.from_array([LEMMA], lemmas)
