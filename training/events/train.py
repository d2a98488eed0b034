"""Train the event coder's trigger model (`lagebild.nlp.event_model`) from hand-labelled sentences.

    python training/events/train.py training/events/events.cfg [--out src/lagebild/nlp/models/events]

Training data (README.md here): our training labels in `training/events/labels/*.jsonl`, which point into
`../shared` (Wikinews sentences by id, FANG-COVID sentences by article and character offsets; the text is read
from there, never stored here), and optionally the **dev** half of `tests/data/events_gold.jsonl` (`use_gold_dev`
in the config). The test half of the gold file is never read.

Each labelled event's trigger is placed on the first full verb or common noun among its words; every other full
verb and common noun of the sentence is a "no event" example. The model is a softmax regression over sparse
features and static vectors, fitted with Adam and L2 (settings in the config), deterministic for a seed.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from pathlib import Path

import numpy as np
from thinc.api import Config

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from lagebild.nlp import event_model  # noqa: E402
from lagebild.nlp.events import CATEGORIES, _Tables, separated_particles  # noqa: E402

GOLD = ROOT / "tests" / "data" / "events_gold.jsonl"


def _space(text: str) -> str:
    return " ".join(text.split())


class Texts:
    """Sentence texts of training labels, read from ../shared."""

    def __init__(self, shared: Path) -> None:
        self.shared = shared
        self._wikinews: dict[str, dict[int, str]] = {}
        self._fang: dict[int, str] | None = None

    def wikinews(self, ref: str, sentence: int) -> str:
        if ref not in self._wikinews:
            doc = json.loads((self.shared / "data" / ref).read_text(encoding="utf-8"))
            self._wikinews[ref] = {s["id"]: s["text"] for s in doc["sentences"]}
        return _space(self._wikinews[ref][sentence])

    def fang(self, line: int, start: int, end: int, wanted: set[int]) -> str:
        if self._fang is None:
            self._fang = {}
            with gzip.open(self.shared / "data" / "fang-covid" / "fang_covid_articles_text.jsonl.gz", "rt") as fh:
                for n, row in enumerate(fh):
                    if n in wanted:
                        self._fang[n] = json.loads(row)["article"]
        return _space(self._fang[line][start:end])


def read_labels(paths: list[Path], shared: Path) -> list[dict]:
    """`{"id", "text", "events"}` for every line of the training label files (text read from ../shared)."""
    rows = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                try:
                    row = json.loads(line)
                    row["ref"], row["id"], row["events"]
                except (json.JSONDecodeError, KeyError, TypeError) as exc:
                    raise ValueError(f"{path.name}:{number}: not a label line ({exc})") from exc
                row["_where"] = f"{path.name}:{number}"
                rows.append(row)
    texts = Texts(shared)
    wanted = {int(r["ref"].rsplit("#", 1)[1]) for r in rows if r["ref"].startswith("fang-covid/")}
    out = []
    for row in rows:
        ref = row["ref"]
        if ref.startswith("wikinews-quotes/"):
            text = texts.wikinews(ref, int(row["id"].rsplit("-s", 1)[1]))
        elif ref.startswith("fang-covid/"):
            text = texts.fang(int(ref.rsplit("#", 1)[1]), row["start"], row["end"], wanted)
        else:
            raise ValueError(f"{row['_where']}: unknown ref {ref!r}")
        for e in row["events"]:
            if e["category"] not in CATEGORIES:
                raise ValueError(f"{row['_where']}: unknown category {e['category']!r}")
        out.append({"id": row["id"], "text": text, "events": row["events"]})
    return out


def read_gold_dev(path: Path = GOLD) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [{"id": r["id"], "text": r["text"], "events": r["events"]} for r in rows if r["split"] == "dev"]


def trigger_token(doc, text: str, trigger: str) -> int | None:
    """The token the model is trained to find for `trigger`: the first full verb or common noun among its words,
    where they stand in the sentence."""
    words = [w for w in re.split(r"\s+", trigger.strip()) if w]
    at = text.find(trigger)
    found = []
    for w in words:
        c = text.find(w, at if at >= 0 and w == words[0] else 0)
        if c < 0:
            continue
        token = next((t for t in doc if t.idx <= c < t.idx + len(t.text)), None)
        if token is not None:
            found.append(token)
    for token in found:
        if event_model.is_candidate(token.tag_):
            return token.i
    return None


def examples(nlp, sentences: list[dict]):
    """Sparse features, dense rows and labels of every candidate token, and how many triggers were placed."""
    labels = (event_model.NO_EVENT,) + tuple(sorted(CATEGORIES))
    label_id = {c: n for n, c in enumerate(labels)}
    feats, dense, y, groups = [], [], [], []
    placed = missed = 0
    docs = nlp.pipe((s["text"] for s in sentences), batch_size=64)
    for number, (sentence, doc) in enumerate(zip(sentences, docs)):
        gold = {}
        for e in sentence["events"]:
            i = trigger_token(doc, sentence["text"], e["trigger"])
            if i is None:
                missed += 1
            else:
                placed += 1
                gold.setdefault(i, e["category"])
        tables = _Tables(doc)
        rows = []
        for sent in doc.sents:
            particles = separated_particles(tables, sent.start, sent.end)
            for i in range(sent.start, sent.end):
                if event_model.is_candidate(tables.tags[i]):
                    rows.append(i)
                    feats.append(event_model.token_features(tables.texts, tables.tags, tables.lowers,
                                                            tables.lemmas, i, sent.start, sent.end,
                                                            particles.get(i)))
                    y.append(label_id[gold.get(i, event_model.NO_EVENT)])
                    groups.append(number)
        dense.append(event_model.dense_rows(doc.vocab.vectors, doc.vocab.strings, tables.texts, tables.lemmas,
                                            rows))
    width = 2 * nlp.vocab.vectors.shape[1]
    dense_all = np.concatenate(dense) if dense else np.zeros((0, width), np.float32)
    return labels, feats, dense_all, np.array(y), np.array(groups), placed, missed


def fit(labels, feats, dense, y, cfg: dict, seed: int) -> event_model.TriggerModel:
    counts: dict[str, int] = {}
    for fs in feats:
        for f in set(fs):
            counts[f] = counts.get(f, 0) + 1
    index = {f: n for n, f in enumerate(sorted(f for f, c in counts.items() if c >= cfg["min_count"]))}
    rows = [np.array([index[f] for f in fs if f in index], dtype=np.int64) for fs in feats]
    n_labels = len(labels)
    rng = np.random.default_rng(seed)
    sparse = np.zeros((len(index), n_labels), np.float32)
    dense_w = np.zeros((dense.shape[1], n_labels), np.float32)
    bias = np.zeros(n_labels, np.float32)
    params = [sparse, dense_w, bias]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    weight = np.where(y == 0, cfg["no_event_weight"], 1.0).astype(np.float32)
    lr, l2, b1, b2 = cfg["learn_rate"], cfg["l2"], 0.9, 0.999
    step = 0
    for epoch in range(cfg["epochs"]):
        order = rng.permutation(len(y))
        for start in range(0, len(order), cfg["batch_size"]):
            batch = order[start:start + cfg["batch_size"]]
            logits = dense[batch] @ dense_w + bias
            for n, k in enumerate(batch):
                if len(rows[k]):
                    logits[n] += sparse[rows[k]].sum(axis=0)
            logits -= logits.max(axis=1, keepdims=True)
            p = np.exp(logits)
            p /= p.sum(axis=1, keepdims=True)
            p[np.arange(len(batch)), y[batch]] -= 1.0
            d = p * weight[batch, None] / len(batch)
            g_sparse = np.zeros_like(sparse)
            for n, k in enumerate(batch):
                if len(rows[k]):
                    np.add.at(g_sparse, rows[k], d[n])
            grads = [g_sparse + l2 * sparse, dense[batch].T @ d + l2 * dense_w, d.sum(axis=0)]
            step += 1
            for j, (param, grad) in enumerate(zip(params, grads)):
                m[j] = b1 * m[j] + (1 - b1) * grad
                v[j] = b2 * v[j] + (1 - b2) * grad * grad
                param -= lr * (m[j] / (1 - b1 ** step)) / (np.sqrt(v[j] / (1 - b2 ** step)) + 1e-8)
    return event_model.TriggerModel(labels, index, sparse, dense_w, bias, cfg["add_threshold"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("config", type=Path)
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "lagebild" / "nlp" / "models" / "events")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    cfg = Config().from_disk(args.config)
    data, train = cfg["data"], cfg["training"]
    from lagebild.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    sentences = read_labels(sorted((ROOT / data["labels"]).glob("*.jsonl")), args.shared)
    if data["use_gold_dev"]:
        sentences += read_gold_dev()
    with nlp.select_pipes(disable=["event_coder"]):
        labels, feats, dense, y, _, placed, missed = examples(nlp, sentences)
    print(f"{len(sentences)} sentences, {placed} triggers placed ({missed} not on a verb or noun), "
          f"{len(y)} candidate tokens", file=sys.stderr)
    model = fit(labels, feats, dense, y, train, train["seed"])
    model.save(args.out)
    print(f"{len(model.index)} features → {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
