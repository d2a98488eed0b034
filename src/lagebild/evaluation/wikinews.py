"""WIKINEWS quotation files: read them, map predictions onto their tokens, and score with the
published metric (our own implementation of its description in ../shared/README.md).

Scoring, per document: system and gold quotations are paired one-to-one by the maximum
token-overlap F1 of their quote spans (Hungarian assignment; a tiny bonus for equal type and
medium breaks ties); pairs without any quote overlap stay unpaired. For every pair, and for every
unpaired quotation against an empty one, token true/false positives and false negatives are
counted for the quote and for each role (addressee, cue, frame, speaker). Precision is averaged
over the pairs where it is defined (the system side is not empty), recall over those where the
gold side is not empty, across all documents; F1 is the harmonic mean of the two averages.
"Roles" pools the four roles' counts within a pair, "Joint" pools the quote's and the roles'.
Type ("Form") and medium ("STWR") are label matches: precision = matching pairs / system
quotations, recall = matching pairs / gold quotations.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .germeval import FormatError, Score

ROLES = ("addressee", "cue", "frame", "speaker")
TYPES = ("Direct", "Indirect", "Reported", "FreeIndirect", "IndirectFreeIndirect")
MEDIA = ("Speech", "Thought", "Writing", "ST", "SW", "TW", "none")
_BONUS = 1e-3


@dataclass(frozen=True)
class Token:
    id: int
    start: int
    end: int
    text: str


@dataclass
class Quotation:
    quote: frozenset[int]
    roles: dict[str, frozenset[int]] = field(default_factory=dict)
    type: str | None = None
    medium: str | None = None

    def role(self, name: str) -> frozenset[int]:
        return self.roles.get(name, frozenset())


@dataclass
class Document:
    path: Path
    data: dict
    tokens: list[Token]
    quotations: list[Quotation]

    @property
    def text(self) -> str:
        return self.data["originalText"]


def read(path: Path, annotated: bool = True) -> Document:
    """One WIKINEWS JSON file; `annotated=False` accepts a file without `annotations` (input to predict)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise FormatError(f"{path}: not a JSON file ({exc})") from exc
    if not isinstance(data, dict):
        raise FormatError(f"{path}: expected a JSON object")
    for key in ("originalText", "tokens", "annotations") if annotated else ("originalText", "tokens"):
        if key not in data:
            raise FormatError(f"{path}: missing field {key!r}")
    try:
        tokens = [Token(t["id"], t["charBegin"], t["charEnd"], t["text"]) for t in data["tokens"]]
        quotations = [quotation_from_annotation(a) for a in data.get("annotations") or []]
    except (KeyError, TypeError, AttributeError) as exc:
        raise FormatError(f"{path}: malformed tokens or annotations ({exc!r})") from exc
    return Document(path, data, tokens, quotations)


def quotation_from_annotation(annotation: dict) -> Quotation:
    def ids(name: str) -> frozenset[int]:
        part = annotation.get(name) or {}
        return frozenset(part.get("tokenIds") or [])

    return Quotation(ids("quote"), {r: ids(r) for r in ROLES}, annotation.get("type"), annotation.get("medium"))


def read_folder(folder: Path) -> dict[str, Document]:
    files = sorted(folder.glob("*.json"))
    if not files:
        raise FormatError(f"{folder}: no .json files")
    return {f.name: read(f) for f in files}


# -- mapping character spans to the file's tokens --------------------------------------------


def token_ids(tokens: list[Token], spans: Iterable[tuple[int, int]]) -> list[int]:
    """Ids of the tokens that overlap any of the character spans, in order."""
    found: set[int] = set()
    for start, end in spans:
        for token in tokens:
            if token.start < end and token.end > start:
                found.add(token.id)
    return sorted(found)


def annotation_part(tokens: list[Token], text: str, spans: Iterable[tuple[int, int]]) -> dict:
    """A role or quote in the dataset's shape: spans of consecutive tokens, text, tokenIds."""
    by_id = {t.id: t for t in tokens}
    ids = token_ids(tokens, spans)
    runs: list[list[int]] = []
    for i in ids:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    parts = [{"begin": run[0], "end": run[-1] + 1, "charBegin": by_id[run[0]].start, "charEnd": by_id[run[-1]].end}
             for run in runs]
    return {"spans": parts, "text": " ".join(text[p["charBegin"]:p["charEnd"]] for p in parts), "tokenIds": ids}


# -- scoring ----------------------------------------------------------------------------------


def f1_overlap(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    common = len(a & b)
    return 2 * common / (len(a) + len(b))


def pair(system: list[Quotation], gold: list[Quotation]) -> list[tuple[int | None, int | None]]:
    """One-to-one pairs `(system index, gold index)`; unpaired ones come with None on the other side."""
    weights = [[_pair_weight(s, g) for g in gold] for s in system]
    assignment = maximum_assignment(weights)
    pairs: list[tuple[int | None, int | None]] = []
    used_system, used_gold = set(), set()
    for i, j in assignment:
        if f1_overlap(system[i].quote, gold[j].quote) > 0:
            pairs.append((i, j))
            used_system.add(i)
            used_gold.add(j)
    pairs += [(i, None) for i in range(len(system)) if i not in used_system]
    pairs += [(None, j) for j in range(len(gold)) if j not in used_gold]
    return pairs


def _pair_weight(s: Quotation, g: Quotation) -> float:
    weight = f1_overlap(s.quote, g.quote)
    if weight > 0:
        weight += _BONUS * ((s.type == g.type) + (s.medium == g.medium))
    return weight


def maximum_assignment(weights: list[list[float]]) -> list[tuple[int, int]]:
    """Rows and columns paired so that the sum of weights is maximal (Hungarian method, O(n³)).

    Works on a square matrix padded with zeros; returns only pairs inside the original matrix."""
    rows = len(weights)
    cols = len(weights[0]) if rows else 0
    n = max(rows, cols)
    if n == 0:
        return []
    top = max((w for row in weights for w in row), default=0.0)
    # minimise cost = top - weight; padding costs `top` (weight 0)
    cost = [[top - (weights[i][j] if i < rows and j < cols else 0.0) for j in range(n)] for i in range(n)]
    inf = float("inf")
    u, v = [0.0] * (n + 1), [0.0] * (n + 1)
    match = [0] * (n + 1)  # match[column] = row, 1-based
    way = [0] * (n + 1)
    for i in range(1, n + 1):
        match[0] = i
        j0 = 0
        slack = [inf] * (n + 1)
        used = [False] * (n + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = match[j0], inf, 0
            for j in range(1, n + 1):
                if not used[j]:
                    current = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if current < slack[j]:
                        slack[j], way[j] = current, j0
                    if slack[j] < delta:
                        delta, j1 = slack[j], j
            for j in range(n + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    slack[j] -= delta
            j0 = j1
            if match[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            match[j0] = match[j1]
            j0 = j1
    return [(match[j] - 1, j - 1) for j in range(1, n + 1) if match[j] - 1 < rows and j - 1 < cols]


@dataclass
class _Average:
    precision_sum: float = 0.0
    precision_n: int = 0
    recall_sum: float = 0.0
    recall_n: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        if tp + fp:
            self.precision_sum += tp / (tp + fp)
            self.precision_n += 1
        if tp + fn:
            self.recall_sum += tp / (tp + fn)
            self.recall_n += 1

    def score(self) -> Score:
        precision = self.precision_sum / self.precision_n if self.precision_n else 0.0
        recall = self.recall_sum / self.recall_n if self.recall_n else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return Score(precision, recall, f1, self.recall_n)


def _counts(system: frozenset[int], gold: frozenset[int]) -> tuple[int, int, int]:
    return len(system & gold), len(system - gold), len(gold - system)


def score(documents: Iterable[tuple[list[Quotation], list[Quotation]]]) -> dict[str, Score]:
    """Messages, Roles, Joint, Form, STWR (and each role) over `(system, gold)` quotation lists."""
    averages = {name: _Average() for name in ("Messages", "Roles", "Joint", *ROLES)}
    labels = {"Form": [0, 0, 0], "STWR": [0, 0, 0]}  # matches, system, gold
    empty = Quotation(frozenset(), {})
    for system, gold in documents:
        labels["Form"][1] += len(system)
        labels["STWR"][1] += len(system)
        labels["Form"][2] += len(gold)
        labels["STWR"][2] += len(gold)
        for i, j in pair(system, gold):
            s = system[i] if i is not None else empty
            g = gold[j] if j is not None else empty
            quote = _counts(s.quote, g.quote)
            roles = [_counts(s.role(r), g.role(r)) for r in ROLES]
            averages["Messages"].add(*quote)
            for name, counts in zip(ROLES, roles):
                averages[name].add(*counts)
            pooled = [sum(c[k] for c in roles) for k in range(3)]
            averages["Roles"].add(*pooled)
            averages["Joint"].add(*(pooled[k] + quote[k] for k in range(3)))
            if i is not None and j is not None:
                labels["Form"][0] += s.type == g.type
                labels["STWR"][0] += s.medium == g.medium
    result = {name: average.score() for name, average in averages.items()}
    for name, (matches, n_system, n_gold) in labels.items():
        precision = matches / n_system if n_system else 0.0
        recall = matches / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result[name] = Score(precision, recall, f1, n_gold)
    return result


def score_by_type(documents: Iterable[tuple[list[Quotation], list[Quotation]]]) -> dict[str, Score]:
    """Quote ("Messages") P/R/F1 per quotation type: system and gold restricted to that type."""
    documents = list(documents)
    result = {}
    for qtype in TYPES:
        restricted = [([q for q in s if q.type == qtype], [q for q in g if q.type == qtype]) for s, g in documents]
        result[qtype] = score(restricted)["Messages"]
    return result


def score_folders(gold_dir: Path, predicted_dir: Path, by_type: bool = False) -> tuple[dict[str, Score], list[str]]:
    """Score every gold file against the file of the same name in `predicted_dir`; a missing
    prediction counts as a document without quotations and is reported. `by_type`: quote scores per type."""
    gold = read_folder(gold_dir)
    missing = []
    pairs = []
    for name, document in gold.items():
        path = predicted_dir / name
        if path.exists():
            predicted = read(path).quotations
        else:
            missing.append(name)
            predicted = []
        pairs.append((predicted, document.quotations))
    return (score_by_type(pairs) if by_type else score(pairs)), missing


# -- predictions in the dataset's format -------------------------------------------------------


def _char_spans(spans) -> list[tuple[int, int]]:
    return [(s.start_char, s.end_char) for s in spans]


def prediction_annotations(quotes, tokens: list[Token], text: str) -> list[dict]:
    """`doc._.quotes` (QuoteAnnotation objects) as the dataset's `annotations`, against the file's own tokens.
    A quotation whose quote maps to no token is left out."""
    annotations = []
    ids = {}
    for index, quote in enumerate(quotes):
        part = annotation_part(tokens, text, _char_spans(quote.spans))
        if part["tokenIds"]:
            ids[index] = len(ids)
    for index, quote in enumerate(quotes):
        if index not in ids:
            continue
        roles = {
            "cue": quote.cue_parts or ([quote.cue] if quote.cue is not None else []),
            "speaker": [quote.speaker.span] if quote.speaker is not None else [],
            "addressee": [quote.addressee.span] if quote.addressee is not None else [],
            "frame": [quote.frame] if quote.frame is not None else [],
        }
        annotation = {name: annotation_part(tokens, text, _char_spans(spans)) for name, spans in roles.items()}
        annotation.update(
            quote=annotation_part(tokens, text, _char_spans(quote.spans)),
            type=quote.type,
            medium=quote.medium or "none",
            isNested=quote.nested_in is not None and quote.nested_in in ids,
            hasNested=any(q.nested_in == index for q in quotes),
            id=ids[index],
        )
        annotations.append(annotation)
    return annotations


def predict_folder(nlp, in_dir: Path, out_dir: Path) -> tuple[int, int]:
    """Run the pipeline on each WIKINEWS JSON's `originalText` in `in_dir` and write OUT/<same name> with
    `documentName`, `sentences` (and `tokens`) copied and our `annotations`. Returns (files, quotations)."""
    files = sorted(in_dir.glob("*.json"))
    if not files:
        raise FormatError(f"{in_dir}: no .json files")
    out_dir.mkdir(parents=True, exist_ok=True)
    documents = [read(path, annotated=False) for path in files]
    n_quotes = 0
    docs = nlp.pipe((d.text for d in documents), batch_size=16)
    for document, doc in zip(documents, docs):
        annotations = prediction_annotations(doc._.quotes or [], document.tokens, document.text)
        n_quotes += len(annotations)
        result = {
            "documentName": document.data.get("documentName", document.path.stem),
            "originalText": document.text,
            "sentences": document.data.get("sentences", []),
            "tokens": document.data["tokens"],
            "annotations": annotations,
        }
        (out_dir / document.path.name).write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    return len(files), n_quotes
