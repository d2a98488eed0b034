"""HanTa silver labels -> (STTS tag, UPOS, lemma) following UD German GSD's conventions where they are systematic.

`label_sentence(words, hanta_output)` is used both for the silver corpora and, in analyse_mapping.py, to measure how
well the rules agree with GSD dev when HanTa runs on GSD's gold words.
"""
from __future__ import annotations

import re
import unicodedata

from common import STTS_TO_UPOS, hanta_to_stts

# HanTa-only sub-classes of NN (nominalised adjectives / infinitives) are plain NN in STTS; HanTa's PROAV is STTS PAV
# (the name GSD uses).
_TAG_FIX = {"NNA": "NN", "NNI": "NN", "PROAV": "PAV", "UNKNOWN": "XY"}

_URL = re.compile(r"^(https?://|www\.)\S+$|^\S+@\S+\.\w+$", re.I)
_SENT_FINAL = {".", "!", "?", ":", ";", "?!", "!?", "!!", "??", "!!!", "???"}


def is_punct(word: str) -> bool:
    return bool(word) and all(unicodedata.category(c).startswith("P") for c in word)


# --- UPOS: word-dependent refinements of STTS_TO_UPOS --------------------------------------------------------------
# UD German (since GSD 2.12): quantifying and demonstrative pronouns that inflect like determiners are DET even when
# they stand alone (alles, alle, andere, beides, dies); only the "true" pronouns are PRON.
_PRON_LEMMAS = {
    "man", "nichts", "niemand", "jemand", "etwas", "was", "wer", "jedermann", "nix", "irgendwer", "irgendwas",
    "irgendjemand", "einander", "unsereiner",
    # d-pronouns (demonstrative use of der/die/das)
    "der", "die", "das",
}
_PREP_PARTICLES = {
    "an", "ab", "auf", "aus", "bei", "durch", "mit", "nach", "vor", "zu", "um", "statt", "gegenüber", "entgegen",
    "hinter", "gegen", "über", "zwischen", "nahe",
}
_WEEKDAYS_MONTHS = {
    "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonnabend", "Sonntag",
    "Januar", "Jänner", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
    "November", "Dezember",
}
_DET_ADJ_LEMMAS = {"anderer", "selber", "derselbe", "dieselbe", "dasselbe"}
_PARTICIPLES = {"VVPP", "VAPP", "VMPP"}
_INFINITIVES = {"VVINF", "VAINF", "VMINF", "VVIZU"}


def upos_for(word: str, stts: str, lemma: str, sent_tags: list[str]) -> str:
    u = STTS_TO_UPOS.get(stts, "X")
    low = word.lower()
    if stts in ("PIS", "PIAT", "PIDAT", "PDS", "PDAT"):
        return "PRON" if lemma.lower() in _PRON_LEMMAS else "DET"
    if stts in ("ADJA", "ADJD") and lemma in _DET_ADJ_LEMMAS:
        return "DET"
    if stts == "PTKVZ":
        return "ADP" if low in _PREP_PARTICLES else "ADV"
    if stts == "NN" and lemma in _WEEKDAYS_MONTHS:
        return "PROPN"
    if stts in ("VAFIN", "VAINF") and lemma == "haben":
        # "haben" without any participle or zu-infinitive in the sentence is a main verb ("Ich hatte Gelegenheit").
        if not any(t in _PARTICIPLES or t in ("VVIZU", "PTKZU") for t in sent_tags):
            return "VERB"
    if stts == "VMFIN":
        if not any(t in _INFINITIVES for t in sent_tags):
            return "VERB"
    return u


# --- lemmas ---------------------------------------------------------------------------------------------------------
_PRON_LEMMA = {
    "ich": "ich", "mir": "ich", "mich": "ich", "meiner": "ich",
    "du": "du", "dir": "du", "dich": "du", "deiner": "du",
    "er": "er", "ihn": "er", "ihm": "er", "seiner": "er",
    "es": "es", "'s": "es",
    "wir": "wir", "uns": "wir", "unser": "wir",
    "euch": "ihr",
    "ihnen": "sie",
}
_LEMMA_FIX = {
    "ander": "anderer", "all": "alle", "einig": "einige", "jed": "jeder", "selb": "selber", "solch": "solcher",
    "manch": "mancher", "welch": "welcher", "dies": "dieser", "jen": "jener", "beid": "beide", "etlich": "etliche",
}


def lemma_for(word: str, stts: str, lemma: str) -> str:
    low = word.lower()
    if stts in ("PPER", "PRF"):
        if low in _PRON_LEMMA:
            return _PRON_LEMMA[low]
        if low == "sich":
            return "sich"
        return lemma
    if stts.startswith("$") or _URL.match(word) or word[:1] in "#@":
        return word
    if lemma in _LEMMA_FIX and stts in ("PIS", "PIAT", "PIDAT", "PDS", "PDAT", "ADJA", "ADJD"):
        return _LEMMA_FIX[lemma]
    # HanTa title-cases unknown and all-caps names ("SPD" -> "Spd", "Müller-Lüdenscheidt" -> "Müller-lüdenscheidt");
    # GSD keeps the written form.
    if lemma.lower() == low and (stts in ("NE", "FM", "XY") or (word.isupper() and len(word) > 1)):
        return word
    return lemma


def label_sentence(words: list[str], hanta: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """(STTS, UPOS, lemma) per word from HanTa's (word, lemma, tag)."""
    tags, lemmas = [], []
    for w, (_, lem, tag) in zip(words, hanta):
        t = hanta_to_stts(tag)
        t = _TAG_FIX.get(t, t)
        if t == "PROAV":
            t = "PAV"
        if is_punct(w):
            if w == ",":
                t = "$,"
            elif w in _SENT_FINAL:
                t = "$."
            elif not t.startswith("$"):
                t = "$("
        elif _URL.match(w):
            t = "XY"
        tags.append(t)
        lemmas.append(lemma_for(w, t, lem))
    return [(t, upos_for(w, t, lem, tags), lem) for w, t, lem in zip(words, tags, lemmas)]
