"""Our own GermEval-style NER gold: sentences we chose and labelled by hand (training/ner/gold/).

Usage (from training/ner):
    python gold.py sample --out gold --parts 4 --per-part 350                       # parts a-d
    python gold.py sample --out gold --parts 4 --per-part 350 --first-part e --per-doc 4
    python gold.py check gold/ner_gold_a.tsv ...          # validate the markup, print label counts
    python gold.py convert --out corpus/ourgold.spacy gold/ner_gold_*.tsv

`sample` draws sentences (seed 0) from WIKINEWS-quotes *train* (and *dev* with `--wikinews train dev`; news, up to
`--per-doc` sentences per document) and UD German GSD *dev* (web/wiki text; a quarter of the sample at most) —
never from GermEval (test or dev), UD test files, or FANG-COVID (whose text we may not ship) — leaving out every
sentence already in a `todo_*.txt` file of the folder. It writes `todo_<part>.txt` files, one `id<TAB>text` line
per sentence.

The labelled files hold the same lines with the text marked up: `[[Angela Merkel|PER]] sprach in [[Paris|LOC]]`.
Labels follow the GermEval 2014 outer column: PER, LOC, ORG, OTH and their -deriv / -part forms (a -deriv or -part
label marks the whole word, e.g. `[[russischen|LOCderiv]]`, `[[EU-Beitritt|ORGpart]]`). Removing the markup must give
the sampled text back exactly; `check` reports every line where it does not, or where a span does not fall on token
boundaries of the tokenizer used for training (spaCy's German tokenizer, as for SmartData).
"""

from __future__ import annotations

import argparse
import glob
import json
import random
import re
import sys
from pathlib import Path

LABELS = {f"{t}{s}" for t in ("PER", "LOC", "ORG", "OTH") for s in ("", "deriv", "part")}
MARK = re.compile(r"\[\[(.+?)\|([A-Za-z]+)\]\]")


def wikinews_sentences(shared: Path, split: str = "train"):
    for path in sorted(glob.glob(str(shared / f"data/wikinews-quotes/{split}/*.json"))):
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
        number = Path(path).name.split(" ", 1)[0]
        for s in doc["sentences"]:
            text = " ".join(s["text"].split())
            yield f"wn-{number}-s{s['id']}", text


def gsd_sentences(shared: Path):
    path = shared / "data/ud-german/UD_German-GSD/de_gsd-ud-dev.conllu"
    sent_id = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# sent_id = "):
            sent_id = line.split("=", 1)[1].strip()
        elif line.startswith("# text = "):
            yield f"gsd-{sent_id}", " ".join(line.split("=", 1)[1].split())


def usable(text: str) -> bool:
    words = text.split()
    return 6 <= len(words) <= 60 and "\t" not in text and "[[" not in text and "]]" not in text


def cmd_sample(args):
    shared = Path(args.shared)
    out = Path(args.out)
    taken = {line.split("\t", 1)[0] for p in out.glob("todo_*.txt")
             for line in p.read_text(encoding="utf-8").splitlines()}
    rng = random.Random(args.seed)
    by_doc: dict[str, list[tuple[str, str]]] = {}
    for split in args.wikinews:
        for sid, text in wikinews_sentences(shared, split):
            if usable(text) and sid not in taken:
                by_doc.setdefault(sid.rsplit("-s", 1)[0], []).append((sid, text))
    wn = []
    for doc_id in sorted(by_doc):
        sents = by_doc[doc_id]
        wn.extend(rng.sample(sents, min(args.per_doc, len(sents))))
    gsd = [(sid, t) for sid, t in gsd_sentences(shared) if usable(t) and sid not in taken]
    rng.shuffle(wn)
    rng.shuffle(gsd)
    total = args.parts * args.per_part
    n_gsd = min(len(gsd), total // 4)
    chosen = wn[: total - n_gsd] + gsd[:n_gsd]
    rng.shuffle(chosen)
    out.mkdir(parents=True, exist_ok=True)
    for i in range(args.parts):
        part = chosen[i * args.per_part:(i + 1) * args.per_part]
        name = out / f"todo_{chr(ord(args.first_part) + i)}.txt"
        if name.exists():
            raise ValueError(f"{name} exists: choose another --first-part")
        name.write_text("".join(f"{sid}\t{t}\n" for sid, t in part), encoding="utf-8")
        print(f"{name}: {len(part)} sentences", file=sys.stderr)


def parse_marked(marked: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Plain text and (start, end, label) character spans of one marked-up line."""
    plain, spans, pos = [], [], 0
    n = 0
    for m in MARK.finditer(marked):
        plain.append(marked[pos:m.start()])
        n += len(marked[pos:m.start()])
        surface, label = m.group(1), m.group(2)
        if label not in LABELS:
            raise ValueError(f"unknown label {label!r}")
        spans.append((n, n + len(surface), label))
        plain.append(surface)
        n += len(surface)
        pos = m.end()
    plain.append(marked[pos:])
    text = "".join(plain)
    if "[[" in text or "]]" in text:
        raise ValueError("unbalanced [[ ]] markup")
    return text, spans


def read_gold(paths, nlp, todo_dir: Path | None = None):
    """Yield (id, Doc with ents) per labelled line; raise ValueError naming file and line for any bad line."""
    originals = {}
    if todo_dir is not None:
        for p in todo_dir.glob("todo_*.txt"):
            for line in p.read_text(encoding="utf-8").splitlines():
                sid, text = line.split("\t", 1)
                originals[sid] = text
    seen = set()
    for path in paths:
        for no, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            where = f"{path}:{no}"
            if "\t" not in line:
                raise ValueError(f"{where}: expected id<TAB>marked text")
            sid, marked = line.split("\t", 1)
            if sid in seen:
                raise ValueError(f"{where}: duplicate id {sid}")
            seen.add(sid)
            try:
                text, spans = parse_marked(marked)
            except ValueError as e:
                raise ValueError(f"{where}: {e}") from None
            if originals and originals.get(sid) != text:
                raise ValueError(f"{where}: text differs from the sampled sentence {sid}")
            doc = nlp.make_doc(text)
            ents = []
            for s, e, label in spans:
                span = doc.char_span(s, e, label=label.replace("OTH", "MISC"), alignment_mode="strict")
                if span is None:
                    raise ValueError(f"{where}: span {text[s:e]!r} ({label}) is not on token boundaries "
                                     f"(tokens: {[t.text for t in doc.char_span(s, e, alignment_mode='expand')]})")
                ents.append(span)
            doc.ents = ents
            yield sid, doc


def _nlp():
    import spacy
    return spacy.blank("de")


def cmd_check(args):
    from collections import Counter
    counts, n = Counter(), 0
    for _, doc in read_gold(args.files, _nlp(), Path(args.todo)):
        n += 1
        counts.update(e.label_ for e in doc.ents)
    print(f"{n} sentences, {sum(counts.values())} entities: " + ", ".join(f"{k} {v}" for k, v in counts.most_common()))


def cmd_convert(args):
    from spacy.tokens import DocBin
    docs = [doc for _, doc in read_gold(args.files, _nlp(), Path(args.todo))]
    DocBin(docs=docs).to_disk(args.out)
    print(f"{args.out}: {len(docs)} sentences", file=sys.stderr)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample")
    s.add_argument("--shared", default="../../../shared")
    s.add_argument("--out", default="gold")
    s.add_argument("--parts", type=int, default=3)
    s.add_argument("--per-part", type=int, default=400)
    s.add_argument("--seed", type=int, default=0)
    s.add_argument("--first-part", default="a", help="letter of the first part file")
    s.add_argument("--per-doc", type=int, default=2, help="WIKINEWS sentences per document at most")
    s.add_argument("--wikinews", nargs="+", default=["train"], help="WIKINEWS-quotes splits to draw from")
    for name in ("check", "convert"):
        c = sub.add_parser(name)
        c.add_argument("files", nargs="+")
        c.add_argument("--todo", default="gold", help="folder with the sampled todo_*.txt files")
        if name == "convert":
            c.add_argument("--out", required=True)
    args = p.parse_args()
    try:
        {"sample": cmd_sample, "check": cmd_check, "convert": cmd_convert}[args.cmd](args)
    except ValueError as e:
        sys.exit(f"error: {e}")


if __name__ == "__main__":
    main()
