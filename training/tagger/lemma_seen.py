"""Split a model's held-out lemma errors into words seen / unseen in the training corpora (analysis only)."""
import sys
from collections import Counter, defaultdict
from pathlib import Path
import spacy
from spacy.tokens import Doc, DocBin
from common import read_conllu

nlp = spacy.load(sys.argv[1])
train_dir = Path(sys.argv[3] if len(sys.argv) > 3 else "corpus/train_g3")
table = defaultdict(Counter)
for f in train_dir.glob("*.spacy"):
    for d in DocBin().from_disk(f).get_docs(nlp.vocab):
        for t in d:
            table[(t.text, t.tag_)][t.lemma_] += 1
sents = read_conllu(sys.argv[2])
c = Counter()
for s, doc in zip(sents, nlp.pipe([Doc(nlp.vocab, words=s.words, spaces=s.spaces) for s in sents])):
    for t, g in zip(doc, s.lemmas):
        seen = (t.text, t.tag_) in table
        c["seen" if seen else "unseen"] += 1
        ok = t.lemma_ == g
        c[("ok" if ok else "err", seen)] += 1
        if seen:
            lk = table[(t.text, t.tag_)].most_common(1)[0][0]
            c[("lookup_ok", True)] += lk == g
print(dict(c))
