"""CoNLL-U files (Universal Dependencies): read, and score UPOS, lemma and Mood on gold tokens."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .germeval import FormatError, Score, _score


@dataclass(frozen=True)
class Word:
    form: str
    lemma: str
    upos: str
    xpos: str
    feats: dict[str, str]
    space_after: bool


def read(path: Path) -> list[list[Word]]:
    """Sentences of syntactic words (multi-word token ranges like `1-2` and empty nodes skipped)."""
    sentences: list[list[Word]] = []
    current: list[Word] = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            line = line.rstrip("\n")
            if not line:
                if current:
                    sentences.append(current)
                current = []
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 10:
                raise FormatError(f"{path}:{number}: expected 10 tab-separated columns, found {len(cols)}")
            if "-" in cols[0] or "." in cols[0]:
                continue
            feats = dict(f.split("=", 1) for f in cols[5].split("|") if "=" in f)
            current.append(Word(cols[1], cols[2], cols[3], cols[4], feats, "SpaceAfter=No" not in cols[9]))
    if current:
        sentences.append(current)
    return sentences


@dataclass(frozen=True)
class TaggerScores:
    tokens: int
    upos_accuracy: float
    lemma_accuracy: float
    lemma_accuracy_nocase: float
    mood: dict[str, Score]


def score(gold: list[list[Word]], predicted: list[list[Word]]) -> TaggerScores:
    """Accuracy of UPOS and lemma over all words; Mood precision/recall/F1 per value and micro.

    A Mood counts as predicted when the pipeline gives the word a Mood feature; gold words
    without Mood that get one are false positives of that value."""
    total = upos = lemma = lemma_nocase = 0
    tp, fp, fn = Counter(), Counter(), Counter()
    for number, (g_sent, p_sent) in enumerate(zip(gold, predicted, strict=True), start=1):
        if [w.form for w in g_sent] != [w.form for w in p_sent]:
            raise FormatError(f"sentence {number}: words differ between gold and prediction")
        for g, p in zip(g_sent, p_sent):
            total += 1
            upos += g.upos == p.upos
            lemma += g.lemma == p.lemma
            lemma_nocase += g.lemma.lower() == p.lemma.lower()
            g_mood, p_mood = g.feats.get("Mood"), p.feats.get("Mood")
            if g_mood and g_mood == p_mood:
                tp[g_mood] += 1
            else:
                if p_mood:
                    fp[p_mood] += 1
                if g_mood:
                    fn[g_mood] += 1
    moods = {m: _score(tp[m], fp[m], fn[m]) for m in sorted(set(tp) | set(fp) | set(fn))}
    moods["overall"] = _score(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    div = total or 1
    return TaggerScores(total, upos / div, lemma / div, lemma_nocase / div, moods)


def predict(nlp, sentences: list[list[Word]], batch_size: int = 256) -> list[list[Word]]:
    """Run the pipeline on the gold words and read back UPOS, lemma and features."""
    from spacy.tokens import Doc

    docs = (Doc(nlp.vocab, words=[w.form for w in s], spaces=[w.space_after for w in s]) for s in sentences)
    result = []
    for doc in nlp.pipe(docs, batch_size=batch_size):
        result.append([
            Word(t.text, t.lemma_, t.pos_, t.tag_, dict(f.split("=", 1) for f in str(t.morph).split("|") if "=" in f),
                 bool(t.whitespace_))
            for t in doc
        ])
    return result
