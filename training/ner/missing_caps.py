"""Mark capitalised non-entity tokens of the out-of-domain sets (SmartData, MobIE) as *missing*.

SmartData and MobIE have no MISC/OTH annotation, so their MISC-like names (events, products, laws, ...) are
taught as O. This experiment removes the NER loss from every token that is
  (a) outside the gold entities,
  (b) capitalised (first character upper-case), and
  (c) not sentence-initial (not the first token of the doc, not after . ! ? : or a quotation mark);
all other tokens keep their gold annotation (entities, O, and the tokens already missing stay missing).
German capitalises every noun, so this is a large, coarse mask: it trades the O evidence of ordinary nouns for
not teaching unannotated names as O.

--only-proper narrows the mask: condition (b) becomes "the lagebild tagger (tok2vec + tagger of
lagebild.nlp.load_pipeline(), run on a copy of the doc with the same words) tags it NE, or tags it FM and it is
capitalised"; (a) and (c) stay. Default outputs are then corpus/smartdata_ne.spacy and corpus/mobie_ne.spacy.

Usage (from training/ner):
    python missing_caps.py                # corpus/smartdata.spacy -> corpus/smartdata_mc.spacy, mobie likewise
    python convert.py mix --seed 0 --out corpus/train_mc.spacy \
        corpus/ge_train.spacy:3 corpus/smartdata_mc.spacy:1 corpus/mobie_mc.spacy:0.5
    python missing_caps.py --only-proper  # -> corpus/smartdata_ne.spacy, corpus/mobie_ne.spacy
    python convert.py mix --seed 0 --out corpus/train_ne.spacy \
        corpus/ge_train.spacy:3 corpus/smartdata_ne.spacy:1 corpus/mobie_ne.spacy:0.5
"""
import argparse
import sys

import spacy
from spacy.tokens import Doc, DocBin, Span

BOUNDARY = set(".!?:") | set("\"'„“”‚‘’«»‹›") | {"``", "''"}


def sentence_initial(doc, i):
    return i == 0 or doc[i - 1].text in BOUNDARY


def proper_tags(docs, batch_size=256):
    """STTS tags of the lagebild tagger for each doc (run on Doc copies with the same words)."""
    from lagebild.nlp import load_pipeline
    tnlp = load_pipeline()
    tok2vec, tagger = tnlp.get_pipe("tok2vec"), tnlp.get_pipe("tagger")
    copies = (Doc(tnlp.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d]) for d in docs)
    return [[t.tag_ for t in d] for d in tagger.pipe(tok2vec.pipe(copies, batch_size=batch_size),
                                                      batch_size=batch_size)]


def candidate(tok, tags):
    if tags is None:
        return tok.text[:1].isupper()
    tag = tags[tok.i]
    return tag == "NE" or (tag == "FM" and tok.text[:1].isupper())


def mark(doc, tags=None):
    ents = list(doc.ents)
    gold_tok = {i for e in ents for i in range(e.start, e.end)}
    old_missing = {t.i for t in doc if t.ent_iob_ == ""}
    new = {t.i for t in doc
           if t.i not in gold_tok and t.i not in old_missing
           and candidate(t, tags) and not sentence_initial(doc, t.i)}
    missing = [Span(doc, i, i + 1) for i in sorted(old_missing | new)]
    doc.set_ents(ents, missing=missing, default="outside")
    return doc, len(new), len(old_missing)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pairs", nargs="*", default=None,
                    help="IN:OUT pairs (default: smartdata, mobie -> *_mc.spacy, or *_ne.spacy with --only-proper)")
    ap.add_argument("--only-proper", action="store_true",
                    help="mask only tokens the lagebild tagger tags NE (or FM and capitalised), not every capital")
    args = ap.parse_args()
    if args.pairs is None:
        suf = "ne" if args.only_proper else "mc"
        args.pairs = [f"corpus/smartdata.spacy:corpus/smartdata_{suf}.spacy",
                      f"corpus/mobie.spacy:corpus/mobie_{suf}.spacy"]
    nlp = spacy.blank("de")
    for pair in args.pairs:
        inp, out = pair.split(":")
        docs = list(DocBin().from_disk(inp).get_docs(nlp.vocab))
        all_tags = proper_tags(docs) if args.only_proper else [None] * len(docs)
        n_tok = n_new = n_old = 0
        ent_before = ent_after = 0
        out_docs = []
        for doc, tags in zip(docs, all_tags):
            before = [(e.start, e.end, e.label_) for e in doc.ents]
            doc, new, old = mark(doc, tags)
            after = [(e.start, e.end, e.label_) for e in doc.ents]
            assert before == after, "gold entities changed"
            assert sum(t.ent_iob_ == "" for t in doc) == new + old
            ent_before += len(before)
            ent_after += len(after)
            n_tok += len(doc)
            n_new += new
            n_old += old
            out_docs.append(doc)
        DocBin(docs=out_docs).to_disk(out)
        print(f"{inp} -> {out}: {len(docs)} docs, {n_tok} tokens, {ent_after} entities (unchanged); "
              f"{n_new} tokens newly missing ({100 * n_new / n_tok:.2f} %), "
              f"{n_old} already missing; total missing {n_new + n_old} ({100 * (n_new + n_old) / n_tok:.2f} %)")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
