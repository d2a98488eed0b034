"""Compare the morphologizer's UPOS with UPOS derived from the predicted STTS tag by silver.upos_for (what an
attribute_ruler with the same table would give).  Usage: upos_from_tag.py MODEL FILE.conllu"""
import sys
import spacy
from spacy.tokens import Doc
from common import read_conllu
from silver import upos_for

nlp = spacy.load(sys.argv[1])
sents = read_conllu(sys.argv[2])
n = a = b = 0
for s, doc in zip(sents, nlp.pipe([Doc(nlp.vocab, words=s.words, spaces=s.spaces) for s in sents])):
    tags = [t.tag_ for t in doc]
    for t, g in zip(doc, s.upos):
        n += 1
        a += t.pos_ == g
        b += upos_for(t.text, t.tag_, t.lemma_, tags) == g
print(f"morphologizer UPOS {a / n:.4f}   UPOS from predicted tag {b / n:.4f}")
