"""The finite-verb analyser (`lagebild.nlp.verbs`): Konjunktiv I/II, indicative, imperative; the spaCy component;
the hand-labelled Wikinews list (tests/data/konjunktiv_wikinews_dev.tsv) and UD German GSD dev."""

from __future__ import annotations

import csv
import importlib
import json
import re
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, Token

from lagebild.nlp import verbs
from lagebild.nlp.verbs import FINITE_TAGS, VerbFeatures, analyse, find_subject

from ..conftest import SHARED, shared_path

DATA = Path(__file__).resolve().parents[1] / "data"
WIKINEWS_LIST = DATA / "konjunktiv_wikinews_dev.tsv"
WIKINEWS_DEV = SHARED / "data" / "wikinews-quotes" / "dev"


def mood(form: str, lemma: str | None, tag: str = "VVFIN", subject: str | None = None) -> str:
    features = analyse(form, lemma, tag, subject)
    assert features is not None
    return features.mood


# --- the analyser -----------------------------------------------------------------------------------------------

# form, lemma, tag, subject, expected (Mood, Tense, Person, Number, konjunktiv)
CASES = [
    # Konjunktiv I: 3sg -e where the indicative has -t
    ("gebe", "geben", "VVFIN", None, ("Sub", "Pres", 3, "Sing", 1)),
    ("bestehe", "bestehen", "VVFIN", None, ("Sub", "Pres", 3, "Sing", 1)),
    ("erfordere", "erfordern", "VVFIN", None, ("Sub", "Pres", 3, "Sing", 1)),
    ("ändere", "ändern", "VVFIN", None, ("Sub", "Pres", 3, "Sing", 1)),
    ("handele", "handeln", "VVFIN", None, ("Sub", "Pres", 3, "Sing", 1)),
    ("reagiere", "reagieren", "VVFIN", None, ("Sub", "Pres", 3, "Sing", 1)),
    ("berichte", "berichten", "VVFIN", None, ("Sub", "Pres", 3, "Sing", 1)),
    ("habe", "haben", "VAFIN", None, ("Sub", "Pres", 3, "Sing", 1)),
    ("werde", "werden", "VAFIN", None, ("Sub", "Pres", 3, "Sing", 1)),
    ("könne", "können", "VMFIN", None, ("Sub", "Pres", 3, "Sing", 1)),
    ("müsse", "müssen", "VMFIN", None, ("Sub", "Pres", 3, "Sing", 1)),
    ("wolle", "wollen", "VMFIN", None, ("Sub", "Pres", 3, "Sing", 1)),
    ("solle", "sollen", "VMFIN", None, ("Sub", "Pres", 3, "Sing", 1)),
    ("dürfe", "dürfen", "VMFIN", None, ("Sub", "Pres", 3, "Sing", 1)),
    ("möge", "mögen", "VMFIN", None, ("Sub", "Pres", 3, "Sing", 1)),
    ("wisse", "wissen", "VVFIN", None, ("Sub", "Pres", 3, "Sing", 1)),
    ("sei", "sein", "VAFIN", None, ("Sub", "Pres", 3, "Sing", 1)),
    ("seien", "sein", "VAFIN", None, ("Sub", "Pres", 3, "Plur", 1)),
    ("seien", "sein", "VAFIN", "wir", ("Sub", "Pres", 1, "Plur", 1)),
    ("seiest", "sein", "VAFIN", None, ("Sub", "Pres", 2, "Sing", 1)),
    ("seist", "sein", "VAFIN", None, ("Sub", "Pres", 2, "Sing", 1)),
    ("seiet", "sein", "VAFIN", None, ("Sub", "Pres", 2, "Plur", 1)),
    ("gebest", "geben", "VVFIN", None, ("Sub", "Pres", 2, "Sing", 1)),
    ("habest", "haben", "VAFIN", None, ("Sub", "Pres", 2, "Sing", 1)),
    ("könne", "können", "VMFIN", "ich", ("Sub", "Pres", 1, "Sing", 1)),  # modal: "ich kann" is the indicative
    ("sei", "sein", "VAFIN", "ich", ("Sub", "Pres", 1, "Sing", 1)),
    # forms identical with the indicative stay indicative
    ("gebe", "geben", "VVFIN", "ich", ("Ind", "Pres", 1, "Sing", None)),
    ("habe", "haben", "VAFIN", "ich", ("Ind", "Pres", 1, "Sing", None)),
    ("werde", "werden", "VAFIN", "ich", ("Ind", "Pres", 1, "Sing", None)),
    ("geben", "geben", "VVFIN", None, ("Ind", "Pres", 3, "Plur", None)),
    ("geben", "geben", "VVFIN", "sie", ("Ind", "Pres", 3, "Plur", None)),
    ("haben", "haben", "VAFIN", "wir", ("Ind", "Pres", 1, "Plur", None)),
    ("werden", "werden", "VAFIN", None, ("Ind", "Pres", 3, "Plur", None)),
    ("arbeitet", "arbeiten", "VVFIN", "ihr", ("Ind", "Pres", 2, "Plur", None)),
    ("werdet", "werden", "VAFIN", None, ("Ind", "Pres", 2, "Plur", None)),
    # Konjunktiv II: umlauted / ablauted Präteritum stems + e
    ("wäre", "sein", "VAFIN", None, ("Sub", "Past", 3, "Sing", 2)),
    ("wären", "sein", "VAFIN", "wir", ("Sub", "Past", 1, "Plur", 2)),
    ("hätte", "haben", "VAFIN", None, ("Sub", "Past", 3, "Sing", 2)),
    ("hätten", "haben", "VAFIN", None, ("Sub", "Past", 3, "Plur", 2)),
    ("würde", "werden", "VAFIN", "ich", ("Sub", "Past", 1, "Sing", 2)),
    ("würden", "werden", "VAFIN", None, ("Sub", "Past", 3, "Plur", 2)),
    ("könnte", "können", "VMFIN", None, ("Sub", "Past", 3, "Sing", 2)),
    ("müsste", "müssen", "VMFIN", None, ("Sub", "Past", 3, "Sing", 2)),
    ("müssten", "müssen", "VMFIN", None, ("Sub", "Past", 3, "Plur", 2)),
    ("müßte", "müssen", "VMFIN", None, ("Sub", "Past", 3, "Sing", 2)),
    ("dürfte", "dürfen", "VMFIN", None, ("Sub", "Past", 3, "Sing", 2)),
    ("möchte", "mögen", "VMFIN", None, ("Sub", "Past", 3, "Sing", 2)),
    ("möchten", "möchten", "VMFIN", None, ("Sub", "Past", 3, "Plur", 2)),
    ("wüsste", "wissen", "VVFIN", None, ("Sub", "Past", 3, "Sing", 2)),
    ("befänden", "befinden", "VVFIN", None, ("Sub", "Past", 3, "Plur", 2)),
    ("lägen", "liegen", "VVFIN", None, ("Sub", "Past", 3, "Plur", 2)),
    ("läge", "liegen", "VVFIN", None, ("Sub", "Past", 3, "Sing", 2)),
    ("gäbe", "geben", "VVFIN", None, ("Sub", "Past", 3, "Sing", 2)),
    ("käme", "kommen", "VVFIN", None, ("Sub", "Past", 3, "Sing", 2)),
    ("ginge", "gehen", "VVFIN", None, ("Sub", "Past", 3, "Sing", 2)),
    ("stünde", "stehen", "VVFIN", None, ("Sub", "Past", 3, "Sing", 2)),
    ("stände", "stehen", "VVFIN", None, ("Sub", "Past", 3, "Sing", 2)),
    ("ständen", "stehen", "VVFIN", None, ("Sub", "Past", 3, "Plur", 2)),
    ("hielte", "halten", "VVFIN", None, ("Sub", "Past", 3, "Sing", 2)),
    ("bräuchte", "brauchen", "VVFIN", None, ("Sub", "Past", 3, "Sing", 2)),
    ("brächte", "bringen", "VVFIN", None, ("Sub", "Past", 3, "Sing", 2)),
    ("täte", "tun", "VVFIN", None, ("Sub", "Past", 3, "Sing", 2)),
    ("spräche", "sprechen", "VVFIN", None, ("Sub", "Past", 3, "Sing", 2)),
    ("besäße", "besitzen", "VVFIN", None, ("Sub", "Past", 3, "Sing", 2)),
    ("gelänge", "gelingen", "VVFIN", None, ("Sub", "Past", 3, "Sing", 2)),
    ("annähmen", "annehmen", "VVFIN", None, ("Sub", "Past", 3, "Plur", 2)),
    ("aussähen", "aussehen", "VVFIN", None, ("Sub", "Past", 3, "Plur", 2)),
    # weak Konjunktiv II = Präteritum indicative, and syncretic strong plurals: indicative
    ("sagte", "sagen", "VVFIN", None, ("Ind", "Past", 3, "Sing", None)),
    ("machten", "machen", "VVFIN", None, ("Ind", "Past", 3, "Plur", None)),
    ("berichteten", "berichten", "VVFIN", None, ("Ind", "Past", 3, "Plur", None)),
    ("sollte", "sollen", "VMFIN", None, ("Ind", "Past", 3, "Sing", None)),
    ("wollten", "wollen", "VMFIN", None, ("Ind", "Past", 3, "Plur", None)),
    ("hielten", "halten", "VVFIN", None, ("Ind", "Past", 3, "Plur", None)),
    ("gingen", "gehen", "VVFIN", None, ("Ind", "Past", 3, "Plur", None)),
    ("ließen", "lassen", "VVFIN", None, ("Ind", "Past", 3, "Plur", None)),
    # indicative present and Präteritum
    ("ist", "sein", "VAFIN", None, ("Ind", "Pres", 3, "Sing", None)),
    ("bin", "sein", "VAFIN", None, ("Ind", "Pres", 1, "Sing", None)),
    ("sind", "sein", "VAFIN", "wir", ("Ind", "Pres", 1, "Plur", None)),
    ("seid", "sein", "VAFIN", None, ("Ind", "Pres", 2, "Plur", None)),
    ("war", "sein", "VAFIN", None, ("Ind", "Past", 3, "Sing", None)),
    ("waren", "sein", "VAFIN", None, ("Ind", "Past", 3, "Plur", None)),
    ("hat", "haben", "VAFIN", None, ("Ind", "Pres", 3, "Sing", None)),
    ("hast", "haben", "VAFIN", None, ("Ind", "Pres", 2, "Sing", None)),
    ("hatte", "haben", "VAFIN", None, ("Ind", "Past", 3, "Sing", None)),
    ("wird", "werden", "VAFIN", None, ("Ind", "Pres", 3, "Sing", None)),
    ("wurde", "werden", "VAFIN", None, ("Ind", "Past", 3, "Sing", None)),
    ("kann", "können", "VMFIN", None, ("Ind", "Pres", 3, "Sing", None)),
    ("muss", "müssen", "VMFIN", None, ("Ind", "Pres", 3, "Sing", None)),
    ("muß", "müssen", "VMFIN", None, ("Ind", "Pres", 3, "Sing", None)),
    ("will", "wollen", "VMFIN", None, ("Ind", "Pres", 3, "Sing", None)),
    ("mochte", "mögen", "VMFIN", None, ("Ind", "Past", 3, "Sing", None)),
    ("weiß", "wissen", "VVFIN", None, ("Ind", "Pres", 3, "Sing", None)),
    ("gibt", "geben", "VVFIN", None, ("Ind", "Pres", 3, "Sing", None)),
    ("gibst", "geben", "VVFIN", None, ("Ind", "Pres", 2, "Sing", None)),
    ("gab", "geben", "VVFIN", None, ("Ind", "Past", 3, "Sing", None)),
    ("gaben", "geben", "VVFIN", None, ("Ind", "Past", 3, "Plur", None)),
    ("hält", "halten", "VVFIN", None, ("Ind", "Pres", 3, "Sing", None)),
    ("stand", "stehen", "VVFIN", None, ("Ind", "Past", 3, "Sing", None)),
    ("befanden", "befinden", "VVFIN", None, ("Ind", "Past", 3, "Plur", None)),
    ("brachte", "bringen", "VVFIN", None, ("Ind", "Past", 3, "Sing", None)),
    ("kannte", "kennen", "VVFIN", None, ("Ind", "Past", 3, "Sing", None)),
    ("arbeitet", "arbeiten", "VVFIN", None, ("Ind", "Pres", 3, "Sing", None)),
    ("rechnet", "rechnen", "VVFIN", None, ("Ind", "Pres", 3, "Sing", None)),
    ("reist", "reisen", "VVFIN", None, ("Ind", "Pres", 3, "Sing", None)),
    ("erfordert", "erfordern", "VVFIN", None, ("Ind", "Pres", 3, "Sing", None)),
    ("tut", "tun", "VVFIN", None, ("Ind", "Pres", 3, "Sing", None)),
    ("tat", "tun", "VVFIN", None, ("Ind", "Past", 3, "Sing", None)),
    ("beantragt", "beantragen", "VVFIN", None, ("Ind", "Pres", 3, "Sing", None)),
    ("ging", "gehen", "VVFIN", None, ("Ind", "Past", 3, "Sing", None)),
    ("sagte", "sagen", "VVFIN", "ich", ("Ind", "Past", 1, "Sing", None)),
    ("führen", "führen", "VVFIN", None, ("Ind", "Pres", 3, "Plur", None)),  # not "fahren" Konjunktiv II
    ("führt", None, "VVFIN", None, ("Ind", "Pres", 3, "Sing", None)),
    # separable verbs: particle apart (main clause) or attached (verb-final clause)
    ("fügte", "hinzufügen", "VVFIN", None, ("Ind", "Past", 3, "Sing", None)),
    ("fügte", "fügen", "VVFIN", None, ("Ind", "Past", 3, "Sing", None)),
    ("hinzufügte", "hinzufügen", "VVFIN", None, ("Ind", "Past", 3, "Sing", None)),
    ("füge", "hinzufügen", "VVFIN", None, ("Sub", "Pres", 3, "Sing", 1)),
    ("wies", "hinweisen", "VVFIN", None, ("Ind", "Past", 3, "Sing", None)),
    ("wies", "weisen", "VVFIN", None, ("Ind", "Past", 3, "Sing", None)),
    ("hinwies", "hinweisen", "VVFIN", None, ("Ind", "Past", 3, "Sing", None)),
    ("weise", "hinweisen", "VVFIN", None, ("Sub", "Pres", 3, "Sing", 1)),
    ("wiesen", "zurückweisen", "VVFIN", None, ("Ind", "Past", 3, "Plur", None)),
    ("stünde", "bevorstehen", "VVFIN", None, ("Sub", "Past", 3, "Sing", 2)),
    ("ständen", "gegenüberstehen", "VVFIN", None, ("Sub", "Past", 3, "Plur", 2)),
    ("bevorstünde", "bevorstehen", "VVFIN", None, ("Sub", "Past", 3, "Sing", 2)),
    ("vorliege", "vorliegen", "VVFIN", None, ("Sub", "Pres", 3, "Sing", 1)),
    ("lag", "vorliegen", "VVFIN", None, ("Ind", "Past", 3, "Sing", None)),
    ("bereitete", "vorbereiten", "VVFIN", None, ("Ind", "Past", 3, "Sing", None)),
    ("habe", "vorhaben", "VAFIN", None, ("Sub", "Pres", 3, "Sing", 1)),
    ("hat", "vorhaben", "VAFIN", None, ("Ind", "Pres", 3, "Sing", None)),
    # imperatives
    ("Komm", "kommen", "VVIMP", None, ("Imp", None, 2, "Sing", None)),
    ("Kommt", "kommen", "VVIMP", None, ("Imp", None, 2, "Plur", None)),
    ("Gib", "geben", "VVIMP", None, ("Imp", None, 2, "Sing", None)),
    ("Lies", "lesen", "VVIMP", None, ("Imp", None, 2, "Sing", None)),
    ("Arbeite", "arbeiten", "VVIMP", None, ("Imp", None, 2, "Sing", None)),
    ("Laßt", "lassen", "VVIMP", None, ("Imp", None, 2, "Plur", None)),
    ("Sei", "sein", "VAIMP", None, ("Imp", None, 2, "Sing", None)),
    ("Seid", "sein", "VAIMP", None, ("Imp", None, 2, "Plur", None)),
    ("Kommen", "kommen", "VVIMP", None, ("Imp", None, None, None, None)),
]


@pytest.mark.parametrize(("form", "lemma", "tag", "subject", "expected"), CASES)
def test_analyse(form, lemma, tag, subject, expected):
    features = analyse(form, lemma, tag, subject)
    assert features is not None
    got = (features.mood, features.tense, features.person, features.number, features.konjunktiv)
    assert got == expected


@pytest.mark.parametrize("form", ["gebe", "seien", "bestehe", "müssten", "befänden", "lägen", "erfordere"])
@pytest.mark.parametrize("use_lemma", [True, False])
def test_seed_forms_are_subjunctive(form, use_lemma):
    lemmas = {
        "gebe": "geben",
        "seien": "sein",
        "bestehe": "bestehen",
        "müssten": "müssen",
        "befänden": "befinden",
        "lägen": "liegen",
        "erfordere": "erfordern",
    }
    tag = {"seien": "VAFIN", "müssten": "VMFIN"}.get(form, "VVFIN")
    assert mood(form, lemmas[form] if use_lemma else None, tag) == "Sub"


@pytest.mark.parametrize(
    ("form", "lemma", "tag", "expected"),
    [
        # no lemma: the form alone
        ("wäre", None, "VAFIN", "Sub"),
        ("hätten", "", "VAFIN", "Sub"),
        ("befänden", None, "VVFIN", "Sub"),
        ("bestand", None, "VVFIN", "Ind"),
        ("sagte", None, "VVFIN", "Ind"),
        ("sagten", None, "VVFIN", "Ind"),
        ("resultiere", None, "VVFIN", "Sub"),
        ("gibt", None, "VVFIN", "Ind"),
        ("kommen", None, "VVFIN", "Ind"),
        ("ist", None, "VAFIN", "Ind"),
        # a wrong lemma: the form wins
        ("lägen", "legen", "VVFIN", "Sub"),
        ("wäre", "wäre", "VAFIN", "Sub"),
        ("aussähen", "aussähen", "VVFIN", "Sub"),
        ("seien", "seien", "VAFIN", "Sub"),
        ("gäbe", "gäben", "VVFIN", "Sub"),
    ],
)
def test_missing_or_wrong_lemma(form, lemma, tag, expected):
    assert mood(form, lemma, tag) == expected


@pytest.mark.parametrize("tag", ["VVINF", "VVPP", "VAINF", "NN", "ADJD", "", "VVIZU"])
def test_other_tags_have_no_finite_features(tag):
    assert analyse("gebe", "geben", tag) is None


def test_features_as_ud():
    features = analyse("sei", "sein", "VAFIN")
    assert features == VerbFeatures("Sub", "Pres", 3, "Sing", 1)
    assert features.ud() == {"Mood": "Sub", "Tense": "Pres", "Person": "3", "Number": "Sing", "VerbForm": "Fin"}
    assert analyse("Komm", "kommen", "VVIMP").ud() == {"Mood": "Imp", "VerbForm": "Fin", "Person": "2", "Number": "Sing"}


def test_every_table_verb_has_distinct_konjunktiv_ii():
    """Each strong verb's Konjunktiv II 3sg reads as Sub with its lemma, and its Präteritum 3sg as Ind/Past."""
    from lagebild.nlp.verb_data import STRONG_VERBS

    for infinitive, (_pres3, praet, konj2, _weak) in STRONG_VERBS.items():
        for form in praet:
            f = analyse(form, infinitive, "VVFIN")
            assert (f.mood, f.tense) == ("Ind", "Past"), (infinitive, form, f)
        for form in konj2:
            f = analyse(form, infinitive, "VVFIN")
            if form in praet:  # weak-like Konjunktiv II (backte): the indicative
                assert (f.mood, f.konjunktiv) == ("Ind", None), (infinitive, form, f)
            elif form == infinitive[:-2] + "e":  # also the Konjunktiv I (erlösche, gebäre, schwöre)
                assert (f.mood, f.konjunktiv) == ("Sub", 1), (infinitive, form, f)
            else:
                assert (f.mood, f.konjunktiv) == ("Sub", 2), (infinitive, form, f)


# --- subjects ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "verb", "expected"),
    [
        ("Er sagte , ich habe nichts gesehen .", "habe", "ich"),
        ("Gestern habe ich nichts gesehen .", "habe", "ich"),
        ("Er sagte , er habe nichts gesehen .", "habe", "er"),
        ("Er sagte , dass ich das nicht gesehen habe .", "habe", "ich"),
        ("Die Regierung habe nichts gewusst , sagte er .", "habe", None),
        ("Sie geben nichts .", "geben", "sie"),
        ("Man gebe nichts .", "gebe", "man"),
        ("Die Polizei sagt ihr nichts .", "sagt", None),  # "ihr" after the verb is a dative
    ],
)
def test_find_subject(sentence, verb, expected):
    words = sentence.split()
    assert find_subject(words, words.index(verb)) == expected


def test_find_subject_with_tags():
    words = "Er sagte , es gebe sie nicht .".split()
    tags = ["PPER", "VVFIN", "$,", "PPER", "VVFIN", "PPER", "PTKNEG", "$."]
    assert find_subject(words, 4, tags) == "es"
    words = "Die Lage habe ihre Gründe .".split()
    tags = ["ART", "NN", "VAFIN", "PPOSAT", "NN", "$."]
    assert find_subject(words, 2, tags) is None


def test_subject_settles_person_and_the_ich_form():
    assert mood("habe", "haben", "VAFIN", "ich") == "Ind"
    assert mood("habe", "haben", "VAFIN", "er") == "Sub"
    assert mood("gebe", "geben", "VVFIN", "Sie") == "Sub"  # "sie gebe" vs "sie geben"
    assert analyse("geben", "geben", "VVFIN", "sie").number == "Plur"
    assert analyse("gebe", "geben", "VVFIN", "sie").number == "Sing"
    assert analyse("habe", "haben", "VAFIN", "unbekannt").mood == "Sub"


# --- the spaCy component ----------------------------------------------------------------------------------------


def tagged_doc(nlp, pairs: str) -> Doc:
    words, tags = zip(*(item.rsplit("/", 1) for item in pairs.split()))
    return Doc(nlp.vocab, words=list(words), tags=list(tags))


@pytest.fixture
def nlp():
    nlp = spacy.blank("de")
    nlp.add_pipe("verb_morph")
    return nlp


def test_component_sets_morph_and_konjunktiv(nlp):
    doc = tagged_doc(
        nlp,
        "Er/PPER sagte/VVFIN ,/$, ich/PPER habe/VAFIN nichts/PIS gesehen/VVPP ,/$, die/ART Lage/NN sei/VAFIN "
        "ernst/ADJD und/KON die/ART Preise/NN lägen/VVFIN hoch/ADJD ./$.",
    )
    doc = nlp(doc)
    by_text = {t.text: t for t in doc}
    assert str(by_text["sagte"].morph) == "Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin"
    assert str(by_text["habe"].morph) == "Mood=Ind|Number=Sing|Person=1|Tense=Pres|VerbForm=Fin"
    assert str(by_text["sei"].morph) == "Mood=Sub|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin"
    assert str(by_text["lägen"].morph) == "Mood=Sub|Number=Plur|Person=3|Tense=Past|VerbForm=Fin"
    assert [by_text[w]._.konjunktiv for w in ("sagte", "habe", "sei", "lägen")] == [None, None, 1, 2]
    assert str(by_text["gesehen"].morph) == ""
    assert by_text["gesehen"]._.konjunktiv is None
    assert by_text["Lage"]._.konjunktiv is None


def test_component_uses_lemmas_and_separable_particles(nlp):
    doc = tagged_doc(nlp, "Er/PPER fügte/VVFIN hinzu/PTKVZ ,/$, sie/PPER befänden/VVFIN sich/PRF dort/ADV ./$.")
    doc[1].lemma_ = "hinzufügen"
    doc = nlp(doc)
    assert doc[1].morph.get("Mood") == ["Ind"] and doc[1].morph.get("Tense") == ["Past"]
    assert doc[5].morph.get("Mood") == ["Sub"] and doc[5]._.konjunktiv == 2


def test_component_merges_with_existing_features(nlp):
    doc = tagged_doc(nlp, "Es/PPER gebe/VVFIN Probleme/NN ./$.")
    doc[1].set_morph("Mood=Ind|Foo=Bar")
    doc = nlp(doc)
    assert doc[1].morph.to_dict() == {
        "Foo": "Bar",
        "Mood": "Sub",
        "Number": "Sing",
        "Person": "3",
        "Tense": "Pres",
        "VerbForm": "Fin",
    }

    keep = spacy.blank("de")
    keep.add_pipe("verb_morph", config={"overwrite": False})
    doc = tagged_doc(keep, "Es/PPER gebe/VVFIN Probleme/NN ./$.")
    doc[1].set_morph("Mood=Ind")
    doc = keep(doc)
    assert doc[1].morph.get("Mood") == ["Ind"] and doc[1].morph.get("Person") == ["3"]


def test_component_imperative(nlp):
    doc = nlp(tagged_doc(nlp, "Gebt/VVIMP nicht/PTKNEG auf/PTKVZ !/$."))
    assert doc[0].morph.to_dict() == {"Mood": "Imp", "Number": "Plur", "Person": "2", "VerbForm": "Fin"}


def test_component_on_untagged_doc_does_nothing(nlp):
    doc = nlp("Er sagte, die Lage sei ernst.")
    assert all(str(t.morph) == "" and t._.konjunktiv is None for t in doc)


def test_importing_twice_is_safe():
    importlib.reload(verbs)
    importlib.reload(verbs)
    assert Token.has_extension("konjunktiv")
    nlp = spacy.blank("de")
    nlp.add_pipe("verb_morph")
    doc = nlp(tagged_doc(nlp, "Das/PDS sei/VAFIN gut/ADJD ./$."))
    assert doc[1]._.konjunktiv == 1


def test_results_are_cached():
    assert analyse("befänden", "befinden", "VVFIN") is analyse("befänden", "befinden", "VVFIN")


# --- evaluation on the hand-labelled Wikinews list --------------------------------------------------------------


def read_list() -> list[dict[str, str]]:
    with WIKINEWS_LIST.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_wikinews_list_is_well_formed():
    rows = read_list()
    assert len(rows) >= 300
    assert list(rows[0]) == ["file", "token_id", "form", "sentence", "mood", "konjunktiv"]
    for row in rows:
        assert row["mood"] in ("Ind", "Sub", "Imp"), row
        assert (row["konjunktiv"] in ("1", "2")) == (row["mood"] == "Sub"), row
        assert row["konjunktiv"] in ("", "1", "2"), row
        assert int(row["token_id"]) >= 0
        assert re.search(rf"(?<!\w){re.escape(row['form'])}(?!\w)", row["sentence"]), row
    assert len({(row["file"], row["token_id"]) for row in rows}) == len(rows)
    share_sub = sum(row["mood"] == "Sub" for row in rows) / len(rows)
    assert 0.35 <= share_sub <= 0.65
    assert {row["konjunktiv"] for row in rows} >= {"1", "2"}


_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|\w+(?:[-'’./]\w+)*-?|[^\w\s]")


def sentence_tokens(row: dict[str, str], documents: dict[str, dict]) -> tuple[list[str], int]:
    """The sentence's tokens and the labelled token's index: from the Wikinews JSON where ../shared is there,
    else from the `sentence` column (first occurrence of the form)."""
    path = WIKINEWS_DEV / row["file"]
    if path.exists():
        if row["file"] not in documents:
            documents[row["file"]] = json.loads(path.read_text(encoding="utf-8"))
        token_id = int(row["token_id"])
        for sentence in documents[row["file"]]["sentences"]:
            if token_id in sentence["tokenIds"]:
                return sentence["tokens"], sentence["tokenIds"].index(token_id)
    tokens = _TOKEN.findall(row["sentence"])
    return tokens, tokens.index(row["form"])


def hanta_stts(tag: str) -> str:
    """HanTa's tags ("VV(FIN)", "VA(INF)", "NN") as STTS ("VVFIN", "VAINF", "NN")."""
    return tag.replace("(", "").replace(")", "")


def test_accuracy_on_wikinews_list():
    hanta = pytest.importorskip("HanTa.HanoverTagger")
    tagger = hanta.HanoverTagger("morphmodel_ger.pgz")
    rows = read_list()
    documents: dict[str, dict] = {}
    tagged_sentences: dict[tuple[str, ...], list] = {}
    correct = konjunktiv_correct = konjunktiv_total = not_finite = 0
    errors = []
    for row in rows:
        tokens, index = sentence_tokens(row, documents)
        key = tuple(tokens)
        if key not in tagged_sentences:
            tagged_sentences[key] = tagger.tag_sent(tokens)
        tagged = tagged_sentences[key]
        word, lemma, tag = tagged[index]
        tags = [hanta_stts(t) for _w, _l, t in tagged]
        tag = hanta_stts(tag)
        if tag not in FINITE_TAGS:  # the list says it is a finite verb; keep the tagger's verb class
            not_finite += 1
            tag = (tag[:2] if tag[:2] in ("VV", "VA", "VM") else "VV") + "FIN"
        features = analyse(word, lemma, tag, find_subject(tokens, index, tags))
        predicted = "Sub" if features.mood == "Sub" else "Ind"
        gold = "Sub" if row["mood"] == "Sub" else "Ind"
        if predicted == gold:
            correct += 1
        else:
            errors.append(f"{row['form']!r} (lemma {lemma!r}, {tag}): gold {gold}, got {features} | {row['sentence']}")
        if gold == "Sub" and predicted == "Sub":
            konjunktiv_total += 1
            konjunktiv_correct += str(features.konjunktiv) == row["konjunktiv"]
    accuracy = correct / len(rows)
    labels = {m: sum(r["mood"] == m for r in rows) for m in ("Ind", "Sub", "Imp")}
    print(
        f"\nWikinews Konjunktiv list: {len(rows)} verbs {labels}; Sub-vs-Ind accuracy {accuracy:.3f}; "
        f"Konjunktiv I/II agreement on Sub {konjunktiv_correct}/{konjunktiv_total}; "
        f"HanTa tagged {not_finite} of them non-finite"
    )
    for error in errors:
        print("  error:", error)
    assert accuracy >= 0.95
    assert konjunktiv_correct >= 0.95 * konjunktiv_total


# --- evaluation on UD German GSD dev ----------------------------------------------------------------------------


def read_conllu(path: Path):
    sentence: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line:
            if sentence:
                yield sentence
            sentence = []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if cols[0].isdigit():
                sentence.append(cols)
    if sentence:
        yield sentence


@pytest.mark.shared
def test_mood_sub_on_gsd_dev():
    """Mood=Sub on GSD dev with its gold XPOS and lemmas. GSD's Mood=Sub is noisy (1sg "ich habe" and pro-drop
    "Habe ... gekauft" marked Sub, syncretic "sollte"/"teilte" marked Sub in some sentences and Ind in others), so
    the floor is below what the analyser reaches (P 0.95, R 0.87, F1 0.90 when written)."""
    path = shared_path("data", "ud-german", "UD_German-GSD", "de_gsd-ud-dev.conllu")
    tp = fp = fn = finite = 0
    for sentence in read_conllu(path):
        words = [c[1] for c in sentence]
        tags = [c[4] for c in sentence]
        for i, cols in enumerate(sentence):
            if cols[4] not in FINITE_TAGS:
                continue
            finite += 1
            gold = "Mood=Sub" in cols[5]
            predicted = analyse(cols[1], cols[2], cols[4], find_subject(words, i, tags)).mood == "Sub"
            tp += gold and predicted
            fp += predicted and not gold
            fn += gold and not predicted
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    f1 = 2 * precision * recall / (precision + recall)
    print(f"\nGSD dev Mood=Sub ({finite} finite verbs): P {precision:.3f} R {recall:.3f} F1 {f1:.3f}")
    assert precision >= 0.85 and recall >= 0.8 and f1 >= 0.85
