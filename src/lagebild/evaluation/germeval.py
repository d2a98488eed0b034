"""GermEval 2014 NER files: read, write with predicted tags, and score strict outer spans.

Format: a `#` comment line per sentence (source URL and date), then one token per line
`index<TAB>token<TAB>outer<TAB>inner`, sentences separated by a blank line. Tags are BIO over
PER, LOC, ORG, OTH, optionally with `deriv` or `part` (B-LOCderiv). The standard metric is strict
span F1 on the outer column; `deriv`/`part` spans are types of their own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

# What our NER labels are called in GermEval
LABEL_TO_GERMEVAL = {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "OTH"}


class FormatError(ValueError):
    """A GermEval file that does not follow the format; the message names file and line."""


@dataclass
class Sentence:
    comment: str
    rows: list[list[str]] = field(default_factory=list)  # index, token, outer, inner (+ any more)

    @property
    def tokens(self) -> list[str]:
        return [row[1] for row in self.rows]

    @property
    def outer(self) -> list[str]:
        return [row[2] for row in self.rows]


def read(path: Path) -> list[Sentence]:
    sentences: list[Sentence] = []
    current: Sentence | None = None
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            line = line.rstrip("\n")
            if line.startswith("#"):
                current = Sentence(line)
                sentences.append(current)
            elif not line.strip():
                current = None
            else:
                row = line.split("\t")
                if len(row) < 4:
                    raise FormatError(f"{path}:{number}: expected 4 tab-separated columns, found {len(row)}")
                if current is None:
                    current = Sentence("")
                    sentences.append(current)
                current.rows.append(row)
    return sentences


def write(path: Path, sentences: Iterable[Sentence]) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for sentence in sentences:
            if sentence.comment:
                handle.write(sentence.comment + "\n")
            for row in sentence.rows:
                handle.write("\t".join(row) + "\n")
            handle.write("\n")


def spans(tags: list[str]) -> set[tuple[int, int, str]]:
    """Strict BIO spans `(start, end, type)`; an I- without a matching B- starts a span (conlleval's rule)."""
    found: set[tuple[int, int, str]] = set()
    start, kind = None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        prefix, _, label = tag.partition("-")
        if start is not None and (prefix != "I" or label != kind):
            found.add((start, i, kind))
            start, kind = None, None
        if prefix == "B" or (prefix == "I" and start is None):
            start, kind = i, label
    return found


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float
    support: int


def score(gold: list[Sentence], predicted: list[Sentence], collapse: bool = False) -> dict[str, Score]:
    """Strict outer-span precision, recall and F1 per type and `overall` (micro-averaged).

    `collapse=True` counts LOCderiv/LOCpart as LOC, and so on."""
    if len(gold) != len(predicted):
        raise FormatError(f"gold has {len(gold)} sentences, prediction {len(predicted)}")
    tp, fp, fn = Counter(), Counter(), Counter()
    for number, (g, p) in enumerate(zip(gold, predicted), start=1):
        if g.tokens != p.tokens:
            raise FormatError(f"sentence {number}: tokens differ between gold and prediction")
        gold_spans = {_collapsed(s, collapse) for s in spans(g.outer)}
        pred_spans = {_collapsed(s, collapse) for s in spans(p.outer)}
        for s in gold_spans & pred_spans:
            tp[s[2]] += 1
        for s in pred_spans - gold_spans:
            fp[s[2]] += 1
        for s in gold_spans - pred_spans:
            fn[s[2]] += 1
    result = {kind: _score(tp[kind], fp[kind], fn[kind]) for kind in sorted(set(tp) | set(fp) | set(fn))}
    result["overall"] = _score(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return result


def _collapsed(span: tuple[int, int, str], collapse: bool) -> tuple[int, int, str]:
    if not collapse:
        return span
    return span[0], span[1], span[2].removesuffix("deriv").removesuffix("part")


def _score(tp: int, fp: int, fn: int) -> Score:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1, tp + fn)


def predict(nlp, sentences: list[Sentence], batch_size: int = 256) -> Iterator[Sentence]:
    """The sentences with column 3 replaced by the pipeline's outer BIO tags (gold tokens kept)."""
    from spacy.tokens import Doc

    docs = (Doc(nlp.vocab, words=[t.replace("\u00ad", "") or t for t in s.tokens]) for s in sentences)
    for sentence, doc in zip(sentences, nlp.pipe(docs, batch_size=batch_size)):
        tags = ["O"] * len(doc)
        for ent in doc.ents:
            label = _germeval_label(ent.label_)
            if label is None:
                continue
            tags[ent.start] = f"B-{label}"
            for i in range(ent.start + 1, ent.end):
                tags[i] = f"I-{label}"
        rows = [[row[0], row[1], tag, *row[3:]] for row, tag in zip(sentence.rows, tags)]
        yield Sentence(sentence.comment, rows)


def _germeval_label(label: str) -> str | None:
    for suffix in ("deriv", "part"):
        if label.endswith(suffix) and label[: -len(suffix)] in LABEL_TO_GERMEVAL:
            return LABEL_TO_GERMEVAL[label[: -len(suffix)]] + suffix
    return LABEL_TO_GERMEVAL.get(label)
