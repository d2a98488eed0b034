"""Mood, tense, person and number of German finite verbs, with Konjunktiv I and II.

Konjunktiv on the finite verb is the main signal of indirect speech ("Er sagte, die Lage sei ernst"), so this module
reads it off the verb form: `analyse(form, lemma, tag)` returns a `VerbFeatures` for the STTS tags VVFIN, VAFIN,
VMFIN, VVIMP and VAIMP (None for every other tag), and the spaCy component `verb_morph` writes the result to
`token.morph` and `token._.konjunktiv`.

How a form is read:

1. The lemma names the verb; its paradigm is built from the tables in `verb_data` (sein, haben, werden, the modals,
   wissen; strong and mixed verbs with their Präteritum and Konjunktiv II stems) or, for a weak verb, from its stem.
   Prefixed verbs are split (befinden = be + finden, hinzufügen = hinzu + fügen), and a separated particle is
   allowed for ("fügte ... hinzu" with the lemma "hinzufügen" or "fügen").
2. Syncretism follows UD German: a subjunctive form identical with the indicative of the same person and number is
   read as indicative ("geben", "haben" in the plural; "sagte", "sollte", "hielten"). Only forms that differ from the
   indicative are Mood=Sub: Konjunktiv I "gebe", "sei", "seien", "könne", "habe" (3rd person); Konjunktiv II "wäre",
   "hätte", "würde", "gäbe", "lägen", "befänden", "stünde", "bräuchte", "möchte".
3. Forms ambiguous between persons ("habe": 1sg indicative or 3sg Konjunktiv I) are settled by the subject pronoun
   when one is given ("ich habe" → Ind), else the 3rd person is taken — the usual case in news.
4. Where the lemma is missing or does not fit the form, the form alone is read: full forms of the table verbs (also
   behind a prefix: "befänden" → "fänden"), then the endings.

Konjunktiv I has Tense=Pres, Konjunktiv II Tense=Past (as UD German annotates them); imperatives have no Tense.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

import numpy
from spacy.attrs import ORTH, TAG
from spacy.language import Language
from spacy.tokens import Doc, Token

from .arrays import decode
from .verb_data import (
    ALL_PREFIXES,
    CLOSED_PARADIGMS,
    HOMOGRAPH_WEAK_VERBS,
    LEMMA_ALIASES,
    SEPARABLE_PREFIXES,
    STRONG_VERBS,
    SUBJECT_PRONOUNS,
    WEAK_DESPITE_PREFIX,
)

FINITE_TAGS = frozenset({"VVFIN", "VAFIN", "VMFIN", "VVIMP", "VAIMP"})
IMPERATIVE_TAGS = frozenset({"VVIMP", "VAIMP"})

# A reading: (Mood, Tense, Person, Number, Konjunktiv).
Reading = tuple[str, "str | None", "int | None", "str | None", "int | None"]

_SLOTS = ((1, "Sing"), (2, "Sing"), (3, "Sing"), (1, "Plur"), (2, "Plur"), (3, "Plur"))
_PART_FEATURES = {
    "Präs": ("Ind", "Pres", None),
    "Prät": ("Ind", "Past", None),
    "K1": ("Sub", "Pres", 1),
    "K2": ("Sub", "Past", 2),
}
_VOWELS = frozenset("aeiouyäöü")
_PERSON_ORDER = {3: 0, 1: 1, 2: 2, None: 3}
_NUMBER_ORDER = {"Sing": 0, "Plur": 1, None: 2}


@dataclass(frozen=True, slots=True)
class VerbFeatures:
    """The finite-verb features of one token."""

    mood: str  # "Ind" | "Sub" | "Imp"
    tense: str | None  # "Pres" | "Past"; None for imperatives
    person: int | None  # 1 | 2 | 3
    number: str | None  # "Sing" | "Plur"
    konjunktiv: int | None  # 1 | 2 for Mood=Sub, else None

    def ud(self) -> dict[str, str]:
        """The UD features (with VerbForm=Fin)."""
        feats = {"Mood": self.mood, "VerbForm": "Fin"}
        if self.tense:
            feats["Tense"] = self.tense
        if self.person:
            feats["Person"] = str(self.person)
        if self.number:
            feats["Number"] = self.number
        return feats


# --- public functions -------------------------------------------------------------------------------------------


def analyse(form: str, lemma: str | None = None, tag: str = "VVFIN", subject: str | None = None) -> VerbFeatures | None:
    """The features of a finite verb form, or None when `tag` is not a finite verb tag.

    `lemma` may be missing or wrong (the form alone is read then); `subject` is the subject pronoun if known
    ("ich", "sie", "wir", ...), used to settle person and number and "ich habe" (Ind) vs "er habe" (Sub).
    """
    if tag not in FINITE_TAGS or not form:
        return None
    return _analyse(form, lemma or "", tag, _subject_key(subject))


def is_finite_tag(tag: str) -> bool:
    return tag in FINITE_TAGS


def find_subject(words: Sequence[str], index: int, tags: Sequence[str] | None = None, window: int = 12) -> str | None:
    """The subject pronoun of the finite verb at `index`, if one is in its clause.

    Looks between the nearest punctuation marks on either side (at most `window` tokens away): first the tokens
    right before and after the verb ("ich habe", "habe ich"), then the leftmost pronoun before the verb ("dass ich
    es gesehen habe"), then the first after it. Only nominative-capable personal pronouns count (ich, du, er, sie,
    es, man, wir, ihr); with `tags`, only those tagged PPER (or PIS for "man"); "ihr" only before the verb.
    """

    def is_boundary(k: int) -> bool:
        if tags is not None and tags[k].startswith("$"):
            return True
        return _is_mark(words[k])

    def pronoun(k: int) -> str | None:
        w = words[k].lower()
        if w not in SUBJECT_PRONOUNS:
            return None
        if tags is not None:
            t = tags[k]
            if not (t == "PPER" or (w == "man" and t == "PIS") or t == ""):
                return None
        if w == "ihr" and k > index:
            return None
        return w

    n = len(words)
    start = index
    while start - 1 >= 0 and index - (start - 1) <= window and not is_boundary(start - 1):
        start -= 1
    end = index + 1
    while end < n and end - index <= window and not is_boundary(end):
        end += 1
    for k in (index - 1, index + 1):
        if start <= k < end and k != index:
            p = pronoun(k)
            if p:
                return p
    for k in range(start, index):
        p = pronoun(k)
        if p:
            return p
    for k in range(index + 1, end):
        p = pronoun(k)
        if p:
            return p
    return None


def _is_mark(word: str) -> bool:
    """A word without letters or digits (punctuation); most words are settled by their first character."""
    return bool(word) and not word[:1].isalnum() and not any(ch.isalnum() for ch in word)


# --- the analysis -----------------------------------------------------------------------------------------------


def _normalise(word: str) -> str:
    w = word.strip().lower().replace("ß", "ss")
    for suffix in ("'s", "’s"):
        if w.endswith(suffix) and len(w) > 3:
            w = w[: -len(suffix)]
    return w


def _subject_key(subject: str | None) -> str | None:
    if not subject:
        return None
    key = subject.strip().lower()
    return key if key in SUBJECT_PRONOUNS else None


@lru_cache(maxsize=1 << 17)
def _analyse(form: str, lemma: str, tag: str, subject: str | None) -> VerbFeatures:
    f = _normalise(form)
    lem = _normalise(lemma.split("|")[0]) if lemma else ""
    lem = LEMMA_ALIASES.get(lem, lem)
    if tag in IMPERATIVE_TAGS:
        return _imperative(f, lem)
    readings = _readings(f, lem)
    chosen = readings[0]
    if subject is not None:
        allowed = SUBJECT_PRONOUNS[subject]
        for r in readings:
            if (r[2], r[3]) in allowed:
                chosen = r
                break
    mood, tense, person, number, konj = chosen
    return VerbFeatures(mood, tense, person, number, konj)


def _imperative(f: str, lemma: str) -> VerbFeatures:
    if f.endswith("en"):
        return VerbFeatures("Imp", None, None, None, None)  # "Kommen Sie", "Seien Sie": the polite form
    plural = False
    stem = _stem(lemma) if lemma.endswith("n") else None
    if f == "seid":
        plural = True
    elif stem:
        plural = f in (stem + "t", stem + "et") and f != stem
    elif f.endswith("t") and not f.endswith("st"):
        plural = True
    return VerbFeatures("Imp", None, 2, "Plur" if plural else "Sing", None)


def _readings(f: str, lemma: str) -> tuple[Reading, ...]:
    if lemma == f and lemma not in CLOSED_PARADIGMS and lemma not in STRONG_VERBS:
        # A lemmatiser that echoes the form ("aussähen" → "aussähen") did not know the word: trust the tables first.
        hit = _table_form(f)
        if hit:
            return hit
    if lemma and lemma.endswith("n") and len(lemma) >= 3:
        splits = ((), lemma), *_splits(lemma)
        table_hit: tuple[Reading, ...] | None = None
        table_via_prefix = False
        if lemma not in WEAK_DESPITE_PREFIX:
            for comps, base in splits:
                if base not in CLOSED_PARADIGMS and base not in STRONG_VERBS:
                    continue
                paradigm = _table_paradigm(base)
                for core in _cores(f, comps):
                    hit = paradigm.get(core)
                    if hit:
                        table_hit, table_via_prefix = hit, bool(comps)
                        break
                if table_hit:
                    break
        if table_hit and (not table_via_prefix or any(r[0] == "Sub" for r in table_hit)):
            return table_hit
        regular_hit: tuple[Reading, ...] | None = None
        for comps, base in splits:
            paradigm = _regular_paradigm(base)
            if not paradigm:
                continue
            for core in _cores(f, comps):
                hit = paradigm.get(core)
                if hit:
                    regular_hit = hit
                    break
            if regular_hit:
                break
        if table_hit and regular_hit:
            return _merge(table_hit + regular_hit)
        if table_hit or regular_hit:
            return table_hit or regular_hit  # type: ignore[return-value]
    return _form_only(f)


def _form_only(f: str) -> tuple[Reading, ...]:
    return _table_form(f) or _by_ending(f)


def _table_form(f: str) -> tuple[Reading, ...] | None:
    """The readings of `f` as a form of a table verb, also behind prefixes ("befänden" → "fänden")."""
    index = _full_form_index()
    hit = index.get(f)
    if hit:
        return hit
    for i in _prefix_chain_ends(f):
        core = f[i:]
        if len(core) >= 3:
            hit = index.get(core)
            if hit:
                return hit
    return None


def _by_ending(f: str) -> tuple[Reading, ...]:
    if f.endswith("te"):
        return (("Ind", "Past", 3, "Sing", None), ("Ind", "Past", 1, "Sing", None))
    if f.endswith("ten"):
        return (("Ind", "Past", 3, "Plur", None), ("Ind", "Past", 1, "Plur", None))
    if f.endswith("test"):
        return (("Ind", "Past", 2, "Sing", None),)
    if f.endswith("e"):
        return (("Sub", "Pres", 3, "Sing", 1), ("Ind", "Pres", 1, "Sing", None))
    if f.endswith("st"):
        return (("Ind", "Pres", 2, "Sing", None),)
    if f.endswith("t"):
        return (("Ind", "Pres", 3, "Sing", None), ("Ind", "Pres", 2, "Plur", None))
    if f.endswith("n"):
        return (("Ind", "Pres", 3, "Plur", None), ("Ind", "Pres", 1, "Plur", None))
    return (("Ind", "Pres", 3, "Sing", None),)


# --- prefixes ---------------------------------------------------------------------------------------------------

_PREFIXES_BY_INITIAL: dict[str, tuple[str, ...]] = {}
for _p in sorted(ALL_PREFIXES, key=len, reverse=True):
    _PREFIXES_BY_INITIAL.setdefault(_p[0], ())
    _PREFIXES_BY_INITIAL[_p[0]] += (_p,)


@lru_cache(maxsize=1 << 16)
def _splits(lemma: str) -> tuple[tuple[tuple[str, ...], str], ...]:
    """(prefix components, base verb) for every way `lemma` = prefixes + base, shortest prefix first."""
    found: list[tuple[tuple[str, ...], str]] = []

    def walk(pos: int, comps: tuple[str, ...]) -> None:
        if comps:
            found.append((comps, lemma[pos:]))
        if len(found) > 32:
            return
        for p in _PREFIXES_BY_INITIAL.get(lemma[pos], ()) if pos < len(lemma) else ():
            if lemma.startswith(p, pos) and len(lemma) - pos - len(p) >= 3:
                walk(pos + len(p), comps + (p,))

    walk(0, ())
    found.sort(key=lambda item: (sum(len(c) for c in item[0]), len(item[0])))
    return tuple(found)


def _cores(f: str, comps: tuple[str, ...]):
    """The part of form `f` that belongs to the base verb, given the lemma's prefixes `comps`."""
    if not comps:
        yield f
        return
    joined = "".join(comps)
    if f.startswith(joined) and len(f) - len(joined) >= 2:
        yield f[len(joined):]
    # Separable prefixes stand apart in main clauses ("stand ... auf"); inseparable ones after them stay on.
    for j in range(1, len(comps) + 1):
        if comps[j - 1] not in SEPARABLE_PREFIXES:
            break
        rest = "".join(comps[j:])
        if f.startswith(rest) and len(f) - len(rest) >= 2:
            yield f[len(rest):]


@lru_cache(maxsize=1 << 16)
def _prefix_chain_ends(f: str) -> tuple[int, ...]:
    """Positions where a chain of prefixes at the start of `f` ends, shortest first."""
    ends: set[int] = set()

    def walk(pos: int, depth: int) -> None:
        if depth >= 3 or pos >= len(f):
            return
        for p in _PREFIXES_BY_INITIAL.get(f[pos], ()):
            if f.startswith(p, pos):
                ends.add(pos + len(p))
                walk(pos + len(p), depth + 1)

    walk(0, 0)
    return tuple(sorted(ends))


# --- paradigms --------------------------------------------------------------------------------------------------


def _sort_key(r: Reading) -> tuple[int, int, int, int]:
    return (_PERSON_ORDER[r[2]], _NUMBER_ORDER[r[3]], 0 if r[1] == "Pres" else 1, r[4] or 0)


def _merge(readings) -> tuple[Reading, ...]:
    """Drop subjunctive readings that coincide with an indicative of the same person/number; order by preference."""
    unique = set(readings)
    ind_slots = {(r[2], r[3]) for r in unique if r[0] == "Ind"}
    kept = [r for r in unique if not (r[0] == "Sub" and (r[2], r[3]) in ind_slots)]
    kept.sort(key=_sort_key)
    return tuple(kept)


def _finalise(cells: list[tuple[str, Reading]]) -> dict[str, tuple[Reading, ...]]:
    by_form: dict[str, list[Reading]] = defaultdict(list)
    for form, reading in cells:
        by_form[form].append(reading)
    return {form: _merge(rs) for form, rs in by_form.items()}


def _add_part(cells: list[tuple[str, Reading]], part: str, forms: Sequence[str | Sequence[str]]) -> None:
    mood, tense, konj = _PART_FEATURES[part]
    for (person, number), slot in zip(_SLOTS, forms):
        for form in (slot,) if isinstance(slot, str) else slot:
            cells.append((form, (mood, tense, person, number, konj)))


def _stem(infinitive: str) -> str | None:
    if infinitive.endswith("en") and len(infinitive) > 3:
        stem = infinitive[:-2]
    elif infinitive.endswith(("eln", "ern")) and len(infinitive) > 4:
        stem = infinitive[:-1]
    elif infinitive.endswith("n") and len(infinitive) > 2:
        stem = infinitive[:-1]
    else:
        return None
    return stem if any(ch in _VOWELS for ch in stem) else None


def _needs_e(stem: str) -> bool:
    """Whether endings take a linking e: "arbeitet", "rechnet", "atmet" (but "lernt", "wohnt", "filmt")."""
    if stem.endswith(("t", "d")):
        return True
    if len(stem) >= 3 and stem[-1] in "mn" and stem[-2] not in _VOWELS and stem[-2] not in "lrmn":
        return not (stem[-2] == "h" and stem[-3] in _VOWELS)
    return False


def _regular_cells(infinitive: str, stem: str) -> list[tuple[str, Reading]]:
    """Present, Konjunktiv I and weak Präteritum of a verb with stem `stem`."""
    e = _needs_e(stem)
    sibilant = stem.endswith(("s", "z", "x"))
    el_er = infinitive.endswith(("eln", "ern")) and not infinitive.endswith("en")
    first = [stem + "e"]
    if el_er:
        first.append(stem[:-2] + stem[-1] + "e")  # sammle, ändre
    second = stem + ("est" if e else ("t" if sibilant else "st"))
    third = stem + ("et" if e else "t")
    cells: list[tuple[str, Reading]] = []
    _add_part(cells, "Präs", [first, second, third, infinitive, third, infinitive])
    _add_part(cells, "K1", [first, stem + "est", first, infinitive, stem + "et", infinitive])
    past = stem + ("ete" if e else "te")
    _add_part(cells, "Prät", [past, past + "st", past, past + "n", past + "t", past + "n"])
    return cells


@lru_cache(maxsize=1 << 14)
def _regular_paradigm(infinitive: str) -> dict[str, tuple[Reading, ...]] | None:
    stem = _stem(infinitive)
    if stem is None:
        return None
    return _finalise(_regular_cells(infinitive, stem))


def _strong_cells(infinitive: str) -> list[tuple[str, Reading]]:
    pres3, praet, konj2, weak_too = STRONG_VERBS[infinitive]
    stem = _stem(infinitive) or infinitive
    cells: list[tuple[str, Reading]] = []
    regular = _regular_cells(infinitive, stem)
    for form, reading in regular:
        if reading[1] == "Past" and not weak_too:
            continue
        if pres3 and reading[:2] == ("Ind", "Pres") and reading[3] == "Sing" and reading[2] in (2, 3):
            continue  # replaced by the vowel-changed forms below
        cells.append((form, reading))
    if pres3:
        second = pres3 if pres3[-2] in "szx" else pres3[:-1] + "st"
        cells.append((pres3, ("Ind", "Pres", 3, "Sing", None)))
        cells.append((second, ("Ind", "Pres", 2, "Sing", None)))
    for p in praet:
        if p.endswith("te"):  # mixed verbs: brachte, dachte, kannte
            _add_part(cells, "Prät", [p, p + "st", p, p + "n", p + "t", p + "n"])
        else:
            plural = p + ("n" if p.endswith("e") else "en")
            _add_part(cells, "Prät", [p, (p + "st", p + "est"), p, plural, (p + "t", p + "et"), plural])
    for k in konj2:
        _add_part(cells, "K2", [k, k + "st", k, k + "n", k + "t", k + "n"])
    return cells


def _closed_cells(infinitive: str) -> list[tuple[str, Reading]]:
    cells: list[tuple[str, Reading]] = []
    for part, text in CLOSED_PARADIGMS[infinitive].items():
        _add_part(cells, part, [slot.split("/") for slot in text.split()])
    return cells


@lru_cache(maxsize=1024)
def _table_paradigm(infinitive: str) -> dict[str, tuple[Reading, ...]]:
    if infinitive in CLOSED_PARADIGMS:
        return _finalise(_closed_cells(infinitive))
    return _finalise(_strong_cells(infinitive))


@lru_cache(maxsize=1)
def _full_form_index() -> dict[str, tuple[Reading, ...]]:
    """Every form of every table verb, for reading a form without (a fitting) lemma."""
    cells: list[tuple[str, Reading]] = []
    for infinitive in CLOSED_PARADIGMS:
        cells.extend(_closed_cells(infinitive))
    for infinitive in STRONG_VERBS:
        cells.extend(_strong_cells(infinitive))
    for infinitive in HOMOGRAPH_WEAK_VERBS:
        cells.extend(_regular_cells(infinitive, infinitive[:-2]))
    return _finalise(cells)


def clear_word_caches() -> None:
    """Empty the caches by word form (a long-running worker calls this when it loads its pipeline anew)."""
    for cached in (_analyse, _splits, _prefix_chain_ends, _regular_paradigm):
        cached.cache_clear()


# --- the spaCy component ----------------------------------------------------------------------------------------

if not Token.has_extension("konjunktiv"):
    Token.set_extension("konjunktiv", default=None, force=True)

class VerbMorphologizer:
    """Sets Mood/Tense/Person/Number/VerbForm=Fin on finite verbs (by `tag_`) and `token._.konjunktiv`."""

    def __init__(self, overwrite: bool = True) -> None:
        self.overwrite = overwrite

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        values = doc.to_array([ORTH, TAG])
        finite = numpy.flatnonzero(numpy.isin(values[:, 1], [strings.add(t) for t in FINITE_TAGS])).tolist()
        if not finite:
            return doc
        # strings read off the arrays: Token objects for every word cost more than the analysis of the verbs
        words = decode(values[:, 0], strings)
        tags = decode(values[:, 1], strings)
        for i in finite:
            token, tag = doc[i], tags[i]
            subject = None if tag in IMPERATIVE_TAGS else find_subject(words, i, tags)
            feats = analyse(token.text, token.lemma_, tag, subject)
            if feats is None:
                continue
            token._.konjunktiv = feats.konjunktiv
            morph = token.morph.to_dict()
            new = feats.ud()
            if self.overwrite:
                if feats.mood == "Imp":
                    morph.pop("Tense", None)
                morph.update(new)
            else:
                for key, value in new.items():
                    morph.setdefault(key, value)
            token.set_morph(morph)
        return doc


@Language.factory(
    "verb_morph",
    default_config={"overwrite": True},
    assigns=["token.morph", "token._.konjunktiv"],
    requires=["token.tag"],
)
def make_verb_morph(nlp: Language, name: str, overwrite: bool) -> VerbMorphologizer:
    return VerbMorphologizer(overwrite=overwrite)
