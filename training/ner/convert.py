"""Convert the labelled and raw German data in ../shared into spaCy DocBins.

Usage (from training/ner):
    python convert.py base --shared ../../../shared --out corpus [--seed 0 --heldout 0.15]
    python convert.py mix --out corpus/train.spacy corpus/ge_train.spacy:3 corpus/smartdata.spacy:1 ...
    python convert.py augment --inp corpus/ge_train.spacy --pool corpus/smartdata.spacy --out corpus/ge_aug.spacy
    python convert.py silver --model output/X/model-best --out corpus/silver.spacy
    python convert.py harmonise --model output/X/model-best --inp corpus/smartdata.spacy --out corpus/smartdata_h.spacy
    python convert.py fang --shared ../../../shared --out corpus/fang_pretrain.jsonl --words 4000000

Outputs of `base` (all under --out, git-ignored):
    ge_train.spacy / ge_train.tsv       GermEval 2014 *dev* minus the held-out part (training data)
    ge_heldout.spacy / ge_heldout.tsv   held-out part of GermEval dev (model selection only)
    smartdata.spacy                     SmartData v1 train+test and v3 dev+test (deduplicated, v3 wins)
    mobie.spacy                         MobIE train+dev+test
    raw.jsonl                           unlabelled text for vectors / pretraining / self-training:
                                        WIKINEWS-quotes train, SmartData texts, GermEval-train sentences
                                        (never the held-out part and never GermEval test)

Never read here: GermEval *test* (evaluation only), UD test files. FANG-COVID (no licence stated by its authors:
never shipped) is read only as unlabelled text: `fang` writes a sample of its paragraphs for `spacy pretrain`, and
vectors.py computes the static vectors from it.

Label scheme of the model (GermEval outer column, OTH renamed MISC):
    PER, LOC, ORG, MISC and the GermEval derivation/part types
    PERderiv, LOCderiv, ORGderiv, MISCderiv, PERpart, LOCpart, ORGpart, MISCpart
    (GermEval "OTH*" <-> "MISC*"; evaluate.py maps back.)

Label mapping of the out-of-domain sets (SmartData and MobIE share the DFKI schema; v3 uses UPPER_CASE names):
    person                                   -> PER
    organization, organization-company      -> ORG
    location, location-city, location-stop,
    location-street                          -> LOC  (stations and streets/motorways are LOC in GermEval too)
      ... but a location span that is one adjective/demonym token (lower-case initial, or ending in
      -isch/-ische/-ischen/..., or listed as adjective/demonym and not as a place in gazetteer/de_gazetteer.txt,
      e.g. "deutschen", "US-amerikanische", "Deutsche", "Berliner") -> LOCderiv, as GermEval
      annotates such derivations; a location span without any upper-case initial and without that ending
      (e.g. "beiden Richtungen") is not a name -> O.
    location-route (train lines "S4", "IC 2083", "Strecke") -> *missing* (no GermEval counterpart; neither
      entity nor O is safe, so these tokens carry no NER loss)
    org-position ("Chef", "CEO"), date, time, duration, number, distance, money, percent, set, trigger,
    event-cause, disaster-type              -> O (GermEval does not annotate them either)
    Spans that cannot be aligned to tokens   -> *missing*.
    These sets have no MISC and no *part annotation; `harmonise` can mark tokens where a GermEval-trained
    teacher predicts MISC/*part/*deriv (and the OOD gold has nothing) as missing.

GermEval tokens: soft hyphens (U+00AD) are removed from token texts (if a token would become empty it is kept
as is); evaluate.py does the same. Tags are taken from the OUTER column only.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin, Span

SOFT_HYPHEN = "\u00ad"
GE_TO_MODEL = {"OTH": "MISC", "OTHderiv": "MISCderiv", "OTHpart": "MISCpart"}
MODEL_TO_GE = {v: k for k, v in GE_TO_MODEL.items()}
LABELS = ["PER", "LOC", "ORG", "MISC", "PERderiv", "LOCderiv", "ORGderiv", "MISCderiv",
          "PERpart", "LOCpart", "ORGpart", "MISCpart"]

OOD_MAP = {
    "person": "PER",
    "organization": "ORG",
    "organization-company": "ORG",
    "location": "LOC",
    "location-city": "LOC",
    "location-stop": "LOC",
    "location-street": "LOC",
    "location-route": None,  # None = missing
}
DERIV_RE = re.compile(r"isch(e|en|er|es|em)?$")


def clean_token(tok: str) -> str:
    t = tok.replace(SOFT_HYPHEN, "")
    return t if t else tok


# ---------------------------------------------------------------- GermEval

def read_germeval(path: Path):
    """Yield (comment, rows) per sentence; rows are lists of the tab-separated fields."""
    comment, rows = None, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#") and not rows:
                comment = line
                continue
            if not line.strip():
                if rows:
                    yield comment, rows
                comment, rows = None, []
                continue
            rows.append(line.split("\t"))
    if rows:
        yield comment, rows


def bio_spans(tags):
    """Strict BIO -> [(start, end, label)], conlleval-style (I- after O or other type starts a span)."""
    spans, start, label = [], None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        if tag == "O" or tag.startswith("B-") or (tag.startswith("I-") and tag[2:] != label):
            if start is not None:
                spans.append((start, i, label))
                start, label = None, None
            if tag != "O":
                start, label = i, tag[2:]
    return spans


def germeval_doc(vocab, rows) -> Doc:
    words = [clean_token(r[1]) for r in rows]
    doc = Doc(vocab, words=words)
    ents = [Span(doc, s, e, label=GE_TO_MODEL.get(l, l)) for s, e, l in bio_spans([r[2] for r in rows])]
    doc.set_ents(ents, default="outside")
    return doc


def write_tsv(path: Path, sents):
    with open(path, "w", encoding="utf-8") as f:
        for comment, rows in sents:
            if comment:
                f.write(comment + "\n")
            for r in rows:
                f.write("\t".join(r) + "\n")
            f.write("\n")


# ---------------------------------------------------------------- OOD helpers

_DERIV_FORMS = None


def deriv_forms():
    global _DERIV_FORMS
    if _DERIV_FORMS is None:
        from gazetteer import derivation_forms, read_gazetteer
        _DERIV_FORMS = derivation_forms(read_gazetteer(), spacy.blank("de").tokenizer)
    return _DERIV_FORMS


def map_ood_label(label: str, tokens) -> str | None | bool:
    """Returns model label, None (missing) or False (O)."""
    key = label.lower().replace("_", "-")
    if key not in OOD_MAP:
        return False
    mapped = OOD_MAP[key]
    if mapped == "LOC":
        texts = [t.text for t in tokens]
        if len(texts) == 1 and (DERIV_RE.search(texts[0]) or texts[0][:1].islower()
                                or texts[0] in deriv_forms()):
            return "LOCderiv" if any(c.isalpha() for c in texts[0]) else False
        if not any(t[:1].isupper() or t[:1].isdigit() for t in texts):
            return False
    return mapped


def set_ood_ents(doc: Doc, spans):
    """spans: [(start_tok, end_tok, label|None)]; None = missing. Overlaps: first/longest wins."""
    ents, missing, used = [], [], set()
    for s, e, lab in sorted(spans, key=lambda x: (x[0], -(x[1] - x[0]))):
        if any(i in used for i in range(s, e)):
            continue
        used.update(range(s, e))
        if lab is None:
            missing.append(Span(doc, s, e))
        else:
            ents.append(Span(doc, s, e, label=lab))
    doc.set_ents(ents, missing=missing, default="outside")
    return doc


# ---------------------------------------------------------------- MobIE

def read_conll(path: Path):
    doc_tokens = []
    words, tags = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("-DOCSTART-"):
                continue
            if not line.strip():
                if words:
                    doc_tokens.append((words, tags))
                words, tags = [], []
                continue
            parts = line.split()
            words.append(parts[0])
            tags.append(parts[-1])
    if words:
        doc_tokens.append((words, tags))
    return doc_tokens


def mobie_docs(vocab, shared: Path):
    docs = []
    for split in ("train", "dev", "test"):
        for words, tags in read_conll(shared / "data/mobie" / f"{split}.conll2003"):
            doc = Doc(vocab, words=words)
            spans = []
            for s, e, lab in bio_spans(tags):
                m = map_ood_label(lab, doc[s:e])
                if m is False:
                    continue
                spans.append((s, e, m))
            docs.append(set_ood_ents(doc, spans))
    return docs


# ---------------------------------------------------------------- SmartData

def load_concat_json(path: Path):
    raw = gzip.open(path, "rt", encoding="utf-8").read()
    dec = json.JSONDecoder()
    i, objs = 0, []
    while i < len(raw):
        while i < len(raw) and raw[i].isspace():
            i += 1
        if i >= len(raw):
            break
        o, i = dec.raw_decode(raw, i)
        objs.append(o)
    return objs


def smartdata_records(shared: Path):
    """Deduplicated documents; v3 (newer annotation release) overrides v1 for the same id."""
    base = shared / "data/smartdata"
    recs = {}
    for f in ("v1_20180119/train.json.gz", "v1_20180119/test.json.gz",
              "v3_20200302/dev.json.gz", "v3_20200302/test.json.gz"):
        for o in load_concat_json(base / f):
            recs[o["id"]] = o
    return [recs[k] for k in sorted(recs)]


def smartdata_docs(nlp, shared: Path):
    docs, n_bad = [], 0
    sentencizer = nlp.get_pipe("sentencizer")
    for o in smartdata_records(shared):
        text = o["text"]["string"]
        mentions = (o.get("conceptMentions") or {}).get("array", [])
        # split into lines first (RSS/news have one field per line), tokenise each line
        offset = 0
        for line in text.split("\n"):
            start, end = offset, offset + len(line)
            offset = end + 1
            if not line.strip():
                continue
            doc = sentencizer(nlp.make_doc(line))
            spans = []
            for m in mentions:
                ms, me = m["span"]["start"], m["span"]["end"]
                if ms < start or me > end:
                    continue
                sp = doc.char_span(ms - start, me - start, alignment_mode="strict")
                if sp is None:
                    sp = doc.char_span(ms - start, me - start, alignment_mode="expand")
                    if sp is None:
                        continue
                    n_bad += 1
                    lab = OOD_MAP.get(m["type"].lower().replace("_", "-"), False)
                    if lab is not False:
                        spans.append((sp.start, sp.end, None))
                    continue
                lab = map_ood_label(m["type"], sp)
                if lab is False:
                    continue
                spans.append((sp.start, sp.end, lab))
            doc = set_ood_ents(doc, spans)
            # sentence-sized training docs (never split inside an entity)
            for sent in doc.sents:
                s, e = sent.start, sent.end
                docs.append(sent.as_doc())
    print(f"smartdata: {len(docs)} segments, {n_bad} misaligned spans marked missing", file=sys.stderr)
    return docs


# ---------------------------------------------------------------- raw text

def raw_texts(shared: Path, ge_train_sents):
    """[(source, paragraph)] of unlabelled text."""
    out = []
    for f in sorted((shared / "data/wikinews-quotes/train").glob("*.json")):
        d = json.load(open(f, encoding="utf-8"))
        for para in d["originalText"].split("\n"):
            if para.strip():
                out.append(("wikinews", para.strip()))
    for o in smartdata_records(shared):
        for para in o["text"]["string"].split("\n"):
            if para.strip():
                out.append(("smartdata", para.strip()))
    for _, rows in ge_train_sents:
        out.append(("germeval-train", " ".join(clean_token(r[1]) for r in rows)))
    return out


# ---------------------------------------------------------------- commands

def cmd_base(args):
    shared, out = Path(args.shared), Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")

    sents = list(read_germeval(shared / "data/germeval2014/NER-de-dev.tsv"))
    idx = list(range(len(sents)))
    random.Random(args.seed).shuffle(idx)
    n_held = round(len(sents) * args.heldout)
    held_idx = set(idx[:n_held])
    train = [s for i, s in enumerate(sents) if i not in held_idx]
    held = [s for i, s in enumerate(sents) if i in held_idx]
    for name, part in (("ge_train", train), ("ge_heldout", held)):
        DocBin(docs=[germeval_doc(nlp.vocab, rows) for _, rows in part]).to_disk(out / f"{name}.spacy")
        write_tsv(out / f"{name}.tsv", part)
        print(f"{name}: {len(part)} sentences", file=sys.stderr)

    docs = mobie_docs(nlp.vocab, shared)
    DocBin(docs=docs).to_disk(out / "mobie.spacy")
    print(f"mobie: {len(docs)} docs", file=sys.stderr)

    docs = smartdata_docs(nlp, shared)
    DocBin(docs=docs).to_disk(out / "smartdata.spacy")

    texts = raw_texts(shared, train)
    with open(out / "raw.jsonl", "w", encoding="utf-8") as f:
        for src, t in texts:
            f.write(json.dumps({"text": t, "source": src}, ensure_ascii=False) + "\n")
    print(f"raw: {len(texts)} paragraphs", file=sys.stderr)


def cmd_mix(args):
    """Concatenate DocBins with weights: path:w  (w>=1 repeats floor(w) times + fraction sampled)."""
    rng = random.Random(args.seed)
    nlp = spacy.blank("de")
    out_docs = []
    for spec in args.parts:
        path, _, w = spec.rpartition(":")
        w = float(w)
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        reps = int(w)
        frac = w - reps
        chosen = docs * reps + (rng.sample(docs, round(frac * len(docs))) if frac > 0 else [])
        out_docs.extend(chosen)
        print(f"{path}: {len(docs)} docs x {w} -> {len(chosen)}", file=sys.stderr)
    rng.shuffle(out_docs)
    DocBin(docs=out_docs).to_disk(args.out)
    print(f"{args.out}: {len(out_docs)} docs", file=sys.stderr)


def cmd_harmonise(args):
    """Mark tokens as missing where a GermEval-trained teacher predicts a type that the OOD scheme cannot have
    (MISC, *part, *deriv) and the OOD gold has no entity there."""
    teacher = spacy.load(args.model)
    docs = list(DocBin().from_disk(args.inp).get_docs(teacher.vocab))
    kinds = ("MISC",)
    n = 0
    out = []
    for doc, pred in zip(docs, teacher.pipe([Doc(teacher.vocab, words=[t.text for t in d],
                                                  spaces=[bool(t.whitespace_) for t in d]) for d in docs],
                                            batch_size=256)):
        ents = list(doc.ents)
        missing = [Span(doc, t.i, t.i + 1) for t in doc if t.ent_iob_ == ""]
        gold_tok = {i for e in ents for i in range(e.start, e.end)}
        for p in pred.ents:
            if (p.label_.startswith(kinds) or p.label_.endswith(("part", "deriv"))) and \
                    not any(i in gold_tok for i in range(p.start, p.end)):
                missing.append(Span(doc, p.start, p.end))
                n += 1
        missing_tok = {i for m in missing for i in range(m.start, m.end)}
        missing = [Span(doc, i, i + 1) for i in sorted(missing_tok)]
        doc.set_ents(ents, missing=missing, default="outside")
        out.append(doc)
    DocBin(docs=out).to_disk(args.out)
    print(f"{args.out}: {len(out)} docs, {n} teacher spans marked missing", file=sys.stderr)


def cmd_augment(args):
    """Mention replacement: copies of the GermEval-train sentences in which PER/LOC/ORG/MISC spans are replaced
    by other mentions of the same type drawn from the labelled training data (GermEval train + the OOD sets)."""
    rng = random.Random(args.seed)
    nlp = spacy.blank("de")
    pools: dict[str, set] = {}
    for path in [args.inp] + args.pool:
        for doc in DocBin().from_disk(path).get_docs(nlp.vocab):
            for e in doc.ents:
                if e.label_ in ("PER", "LOC", "ORG", "MISC") and len(e) <= 6:
                    pools.setdefault(e.label_, set()).add(tuple(t.text for t in e))
    pools = {k: sorted(v) for k, v in pools.items()}
    print({k: len(v) for k, v in pools.items()}, file=sys.stderr)
    src = [d for d in DocBin().from_disk(args.inp).get_docs(nlp.vocab) if d.ents]
    out = []
    for _ in range(args.copies):
        for doc in src:
            words, ents, i = [], [], 0
            for e in doc.ents:
                words.extend(t.text for t in doc[i:e.start])
                if e.label_ in pools and rng.random() < args.prob:
                    rep = list(rng.choice(pools[e.label_]))
                else:
                    rep = [t.text for t in e]
                ents.append((len(words), len(words) + len(rep), e.label_))
                words.extend(rep)
                i = e.end
            words.extend(t.text for t in doc[i:])
            new = Doc(nlp.vocab, words=words)
            new.set_ents([Span(new, s, e, label=l) for s, e, l in ents], default="outside")
            out.append(new)
    DocBin(docs=out).to_disk(args.out)
    print(f"{args.out}: {len(out)} augmented docs", file=sys.stderr)


def cmd_silver(args):
    """Self-training data: sentences of the unlabelled WIKINEWS paragraphs in raw.jsonl, labelled by a model
    (complete annotation: tokens outside predicted entities are O)."""
    nlp = spacy.load(args.model)
    senter = spacy.blank("de")
    senter.add_pipe("sentencizer")
    texts = [d["text"] for d in map(json.loads, open(args.raw, encoding="utf-8"))
             if d.get("source") in args.sources]
    sents = [s.text for doc in senter.pipe(texts, batch_size=64) for s in doc.sents if len(s) >= 4]
    out = []
    for doc in nlp.pipe(sents, batch_size=128):
        new = Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
        new.set_ents([Span(new, e.start, e.end, label=e.label_) for e in doc.ents], default="outside")
        out.append(new)
    DocBin(docs=out).to_disk(args.out)
    n_ents = sum(len(d.ents) for d in out)
    print(f"{args.out}: {len(out)} silver sentences, {n_ents} entities", file=sys.stderr)


def cmd_fang(args):
    """Unlabelled FANG-COVID paragraphs for `spacy pretrain`: every --every-th article (header + body), paragraphs
    of >= 5 words, exact duplicates dropped, until about --words whitespace-separated words."""
    path = Path(args.shared) / "data/fang-covid/fang_covid_articles_text.jsonl.gz"
    seen, n_words, n_para = set(), 0, 0
    with gzip.open(path, "rt", encoding="utf-8") as f, open(args.out, "w", encoding="utf-8") as out:
        for i, line in enumerate(f):
            if i % args.every:
                continue
            d = json.loads(line)
            for para in ((d.get("header") or "") + "\n" + (d.get("article") or "")).split("\n"):
                para = para.strip()
                n = len(para.split())
                if n < 5 or para in seen:
                    continue
                seen.add(para)
                out.write(json.dumps({"text": para, "source": "fang-covid"}, ensure_ascii=False) + "\n")
                n_words += n
                n_para += 1
            if n_words >= args.words:
                break
    print(f"{args.out}: {n_para} paragraphs, {n_words} words", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("base")
    b.add_argument("--shared", default="../../../shared")
    b.add_argument("--out", default="corpus")
    b.add_argument("--seed", type=int, default=0)
    b.add_argument("--heldout", type=float, default=0.15)
    m = sub.add_parser("mix")
    m.add_argument("--out", required=True)
    m.add_argument("--seed", type=int, default=0)
    m.add_argument("parts", nargs="+")
    h = sub.add_parser("harmonise")
    h.add_argument("--model", required=True)
    h.add_argument("--inp", required=True)
    h.add_argument("--out", required=True)
    a = sub.add_parser("augment")
    a.add_argument("--inp", required=True)
    a.add_argument("--pool", nargs="*", default=[])
    a.add_argument("--out", required=True)
    a.add_argument("--copies", type=int, default=2)
    a.add_argument("--prob", type=float, default=0.8)
    a.add_argument("--seed", type=int, default=0)
    sv = sub.add_parser("silver")
    sv.add_argument("--model", required=True)
    sv.add_argument("--raw", default="corpus/raw.jsonl")
    sv.add_argument("--sources", nargs="+", default=["wikinews"])
    sv.add_argument("--out", required=True)
    fg = sub.add_parser("fang")
    fg.add_argument("--shared", default="../../../shared")
    fg.add_argument("--out", required=True)
    fg.add_argument("--words", type=int, default=4_000_000)
    fg.add_argument("--every", type=int, default=3)
    args = ap.parse_args()
    {"fang": cmd_fang, "silver": cmd_silver, "base": cmd_base, "mix": cmd_mix, "harmonise": cmd_harmonise, "augment": cmd_augment}[args.cmd](args)


if __name__ == "__main__":
    main()
