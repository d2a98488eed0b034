"""Mark capitalised non-entity tokens of the out-of-domain sets (SmartData, MobIE) as *missing*.

SmartData and MobIE have no MISC/OTH annotation, so their MISC-like names (events, products, laws, ...) are
taught as O. This experiment removes the NER loss from every token that is
  (a) outside the gold entities,
  (b) capitalised (first character upper-case), and
  (c) not sentence-initial (not the first token of the doc, not after . ! ? : or a quotation mark);
all other tokens keep their gold annotation (entities, O, and the tokens already missing stay missing).
German capitalises every noun, so this is a large, coarse mask: it trades the O evidence of ordinary nouns for
not teaching unannotated names as O.

Usage (from training/ner):
    python missing_caps.py                # corpus/smartdata.spacy -> corpus/smartdata_mc.spacy, mobie likewise
    python convert.py mix --seed 0 --out corpus/train_mc.spacy \
        corpus/ge_train.spacy:3 corpus/smartdata_mc.spacy:1 corpus/mobie_mc.spacy:0.5
"""
import argparse
import sys

import spacy
from spacy.tokens import DocBin, Span

BOUNDARY = set(".!?:") | set("\"'„“”‚‘’«»‹›") | {"``", "''"}


def sentence_initial(doc, i):
    return i == 0 or doc[i - 1].text in BOUNDARY


def mark(doc):
    ents = list(doc.ents)
    gold_tok = {i for e in ents for i in range(e.start, e.end)}
    old_missing = {t.i for t in doc if t.ent_iob_ == ""}
    new = {t.i for t in doc
           if t.i not in gold_tok and t.i not in old_missing
           and t.text[:1].isupper() and not sentence_initial(doc, t.i)}
    missing = [Span(doc, i, i + 1) for i in sorted(old_missing | new)]
    doc.set_ents(ents, missing=missing, default="outside")
    return doc, len(new), len(old_missing)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pairs", nargs="*", default=["corpus/smartdata.spacy:corpus/smartdata_mc.spacy",
                                                   "corpus/mobie.spacy:corpus/mobie_mc.spacy"])
    args = ap.parse_args()
    nlp = spacy.blank("de")
    for pair in args.pairs:
        inp, out = pair.split(":")
        docs = list(DocBin().from_disk(inp).get_docs(nlp.vocab))
        n_tok = n_new = n_old = 0
        ent_before = ent_after = 0
        out_docs = []
        for doc in docs:
            before = [(e.start, e.end, e.label_) for e in doc.ents]
            doc, new, old = mark(doc)
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
