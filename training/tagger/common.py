"""Shared helpers for the tagger training: CoNLL-U reading, HanTa tag normalisation, STTS -> UPOS mapping."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = (HERE / "../../../shared").resolve()
DATA = SHARED / "data"
UD = DATA / "ud-german"
GSD_DEV = UD / "UD_German-GSD" / "de_gsd-ud-dev.conllu"
GSD_TEST = UD / "UD_German-GSD" / "de_gsd-ud-test.conllu"
PUD_TEST = UD / "UD_German-PUD" / "de_pud-ud-test.conllu"
LIT_TEST = UD / "UD_German-LIT" / "de_lit-ud-test.conllu"

SEED = 20260521


@dataclass
class Sentence:
    sent_id: str
    words: list[str] = field(default_factory=list)
    spaces: list[bool] = field(default_factory=list)
    lemmas: list[str] = field(default_factory=list)
    upos: list[str] = field(default_factory=list)
    xpos: list[str] = field(default_factory=list)


def read_conllu(path: Path | str) -> list[Sentence]:
    """Syntactic words of every sentence (multi-word tokens like "zum" appear as "zu" + "dem", as in UD).

    SpaceAfter=No on a multi-word token range applies to its last word; words inside a range have no space.
    """
    sents: list[Sentence] = []
    cur = Sentence("")
    range_end = -1
    range_space = True
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if cur.words:
                    sents.append(cur)
                cur = Sentence("")
                range_end = -1
                continue
            if line.startswith("#"):
                if line.startswith("# sent_id"):
                    cur.sent_id = line.split("=", 1)[1].strip()
                continue
            cols = line.split("\t")
            tid = cols[0]
            if "." in tid:  # empty node
                continue
            misc = cols[9]
            if "-" in tid:
                a, b = tid.split("-")
                range_end = int(b)
                range_space = "SpaceAfter=No" not in misc
                continue
            i = int(tid)
            if i <= range_end:
                space = range_space if i == range_end else False
            else:
                space = "SpaceAfter=No" not in misc
            cur.words.append(cols[1])
            cur.spaces.append(space)
            cur.lemmas.append(cols[2])
            cur.upos.append(cols[3])
            cur.xpos.append(cols[4])
    if cur.words:
        sents.append(cur)
    return sents


_PAREN = re.compile(r"^([A-Z]+)\(([A-Z]+)\)$")


def hanta_to_stts(tag: str) -> str:
    """HanTa writes STTS with the sub-tag in parentheses: VV(FIN) -> VVFIN, ADJ(A) -> ADJA."""
    m = _PAREN.match(tag)
    if m:
        tag = m.group(1) + m.group(2)
    return tag


# STTS (TIGER variant, PROAV for pronominal adverbs) -> UPOS, following UD German GSD's conventions where they are
# systematic.  Measured against GSD dev with HanTa on the gold words (see analyse_mapping.py).
STTS_TO_UPOS = {
    "$(": "PUNCT", "$,": "PUNCT", "$.": "PUNCT",
    "ADJA": "ADJ", "ADJD": "ADJ", "ADV": "ADV",
    "APPR": "ADP", "APPRART": "ADP", "APPO": "ADP", "APZR": "ADP",
    "ART": "DET", "CARD": "NUM", "FM": "X", "ITJ": "INTJ",
    "KOUI": "SCONJ", "KOUS": "SCONJ", "KON": "CCONJ", "KOKOM": "CCONJ",
    "NN": "NOUN", "NE": "PROPN", "NNE": "PROPN",
    "PDS": "PRON", "PDAT": "DET", "PIS": "PRON", "PIAT": "DET", "PIDAT": "DET",
    "PPER": "PRON", "PPOSS": "PRON", "PPOSAT": "DET", "PRELS": "PRON", "PRELAT": "DET", "PRF": "PRON",
    "PWS": "PRON", "PWAT": "DET", "PWAV": "ADV", "PROAV": "ADV", "PAV": "ADV",
    "PTKZU": "PART", "PTKNEG": "PART", "PTKVZ": "ADP", "PTKANT": "PART", "PTKA": "PART",
    "TRUNC": "X", "XY": "X",
    "VVFIN": "VERB", "VVIMP": "VERB", "VVINF": "VERB", "VVIZU": "VERB", "VVPP": "VERB",
    "VAFIN": "AUX", "VAIMP": "AUX", "VAINF": "AUX", "VAPP": "AUX",
    "VMFIN": "AUX", "VMINF": "AUX", "VMPP": "AUX",
}
