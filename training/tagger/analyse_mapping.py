"""Agreement of HanTa + our labelling rules (silver.py) with a CoNLL-U file on its gold words.

Usage: analyse_mapping.py [conllu] [--verbose].  Default: GSD dev.  Prints the agreement of the plain STTS->UPOS
table and of the rules, for UPOS, XPOS and lemma.
"""
import sys
from collections import Counter
from HanTa import HanoverTagger as ht
from common import GSD_DEV, STTS_TO_UPOS, hanta_to_stts, read_conllu
from silver import label_sentence

args = [a for a in sys.argv[1:] if not a.startswith("--")]
verbose = "--verbose" in sys.argv
sents = read_conllu(args[0] if args else GSD_DEV)
t = ht.HanoverTagger("morphmodel_ger.pgz")
n = 0
c = Counter()
conf = Counter(); xconf = Counter(); lconf = Counter()
for s in sents:
    out = t.tag_sent(s.words)
    lab = label_sentence(s.words, out)
    for w, g_up, g_x, g_l, (_, l, tag), (st, up, lem) in zip(s.words, s.upos, s.xpos, s.lemmas, out, lab):
        n += 1
        raw = hanta_to_stts(tag)
        c["upos_table"] += STTS_TO_UPOS.get(raw, "X") == g_up
        c["xpos_raw"] += raw == g_x
        c["lemma_raw"] += l == g_l
        c["upos_rules"] += up == g_up
        c["xpos_rules"] += st == g_x
        c["lemma_rules"] += lem == g_l
        c["lemma_rules_ci"] += lem.lower() == g_l.lower()
        if up != g_up: conf[(st, g_up, up)] += 1
        if st != g_x: xconf[(g_x, st)] += 1
        if lem != g_l: lconf[(g_x, w, g_l, lem)] += 1
print(f"tokens {n}")
for k, v in c.items():
    print(f"  {k:15s} {v / n:.4f}")
if verbose:
    print("UPOS disagreements (stts, gold, ours):"); [print(" ", k, v) for k, v in conf.most_common(40)]
    print("XPOS disagreements (gold, ours):"); [print(" ", k, v) for k, v in xconf.most_common(25)]
    print("lemma disagreements (gold xpos, word, gold, ours):"); [print(" ", k, v) for k, v in lconf.most_common(50)]
