"""Quotations found by the shipped pipeline on our own German examples: each type, multi-sentence direct quotes,
nested quotes, colon headlines, "laut/zufolge/so", and speakers resolved to names, roles and countries."""

from __future__ import annotations

import pytest

from lagebild.nlp.pipeline import MODELS, load_pipeline

pytestmark = pytest.mark.skipif(
    not (MODELS / "quotes" / "quote" / "config.cfg").exists(), reason="the quotation models are not installed"
)


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def quotes_of(nlp, text):
    return nlp(text)._.quotes


def test_multi_sentence_direct_quote_with_speaker_resolved(nlp):
    (quote,) = quotes_of(nlp, "„Wir sind zu Gesprächen bereit. Aber wir lassen uns nicht erpressen“, sagte "
                              "Kremlsprecher Dmitri Peskow am Montag in Moskau.")
    assert quote.type == "Direct"
    assert quote.text == "„Wir sind zu Gesprächen bereit. Aber wir lassen uns nicht erpressen“"
    assert quote.cue.text == "sagte"
    assert (quote.speaker.name, quote.speaker.role, quote.speaker.country) == ("Dmitri Peskow", "spokesperson", "RUS")


def test_indirect_speech_and_its_free_indirect_continuation(nlp):
    first, second = quotes_of(nlp, "Der stellvertretende russische Außenminister Sergei Rjabkow erklärte am Dienstag, "
                                   "der Termin für das Treffen stehe noch nicht fest. Die Vorbereitungen seien aber "
                                   "bereits weit fortgeschritten.")
    assert first.type == "Indirect"
    assert first.text == "der Termin für das Treffen stehe noch nicht fest"
    assert first.cue.text == "erklärte"
    assert (first.speaker.name, first.speaker.role, first.speaker.country) == (
        "Sergei Rjabkow", "deputy_foreign_minister", "RUS")
    assert second.type == "IndirectFreeIndirect"
    assert second.cue is None
    assert second.speaker.name == "Sergei Rjabkow"


def test_reported_speech(nlp):
    (quote,) = quotes_of(nlp, "Außenminister Sergei Lawrow kritisierte die neuen Sanktionen der Europäischen Union scharf.")
    assert quote.type == "Reported"
    assert quote.speaker.name == "Sergei Lawrow"


def test_free_indirect_speech_with_reportative_sollen(nlp):
    (quote,) = quotes_of(nlp, "Die Gespräche in Genf sollen ohne Ergebnis geblieben sein.")
    assert quote.type == "FreeIndirect"
    assert quote.speaker is None  # the text names nobody: left without a speaker


def test_nested_quote_inside_indirect_speech(nlp):
    outer, inner = quotes_of(nlp, "Peskow sagte, Präsident Putin habe die Lage als „äußerst gefährlich und völlig "
                                  "unberechenbar“ bezeichnet.")
    assert outer.type == "Indirect" and outer.nested_in is None
    assert inner.nested_in == 0
    assert inner.text == "„äußerst gefährlich und völlig unberechenbar“"


@pytest.mark.parametrize("text, cue, speaker, statement", [
    ("Laut Kremlsprecher Dmitri Peskow gibt es derzeit keine direkten Kontakte zu Washington.", "Laut",
     "Dmitri Peskow", "gibt es derzeit keine direkten Kontakte zu Washington"),
    ("Dem Außenministerium zufolge wurde der Botschafter am Mittwoch einbestellt.", "zufolge", None,
     "wurde der Botschafter am Mittwoch einbestellt"),
    ("Die Lage an der Grenze sei sehr angespannt, so der Sprecher des Verteidigungsministeriums.", "so", None,
     "Die Lage an der Grenze sei sehr angespannt"),
])
def test_laut_zufolge_so(nlp, text, cue, speaker, statement):
    (quote,) = quotes_of(nlp, text)
    assert quote.type == "Indirect"
    assert quote.cue.text == cue
    assert quote.text == statement
    assert quote.speaker is not None
    if speaker:
        assert quote.speaker.name == speaker


def test_colon_headline(nlp):
    quote = quotes_of(nlp, "Peskow: Beziehungen zu den USA auf dem Nullpunkt\n\nDer Kreml äußerte sich am Sonntag.")[0]
    assert quote.type == "Direct"
    assert quote.text == "Beziehungen zu den USA auf dem Nullpunkt"
    assert quote.speaker.span.text == "Peskow"


def test_pronoun_speaker_resolves_to_the_person(nlp):
    (quote,) = quotes_of(nlp, "Kremlsprecher Dmitri Peskow äußerte sich am Montag vor Journalisten. Er sagte, "
                              "Moskau sei zu Verhandlungen bereit.")
    assert quote.speaker.span.text == "Er"
    assert (quote.speaker.name, quote.speaker.country) == ("Dmitri Peskow", "RUS")


def test_text_without_statements_has_no_quotes(nlp):
    assert quotes_of(nlp, "Am Montag regnete es in Berlin. Der Verkehr floss langsam.") == []


def test_sentence_rules_are_skipped_only_where_they_cannot_match(nlp):
    """The array pre-check of each sentence rule (`_SentenceRules`) is true wherever the rule finds something, on
    the demo corpus: skipping the rule elsewhere changes nothing."""
    from pathlib import Path

    from lagebild.nlp import quotes

    corpus = Path(quotes.__file__).parents[1] / "demo" / "corpus"
    cue_lemmas = nlp.get_pipe("quotations").cues
    matched = 0
    for path in sorted(corpus.glob("*.txt")):
        doc = nlp(path.read_text(encoding="utf-8"))
        konjunktiv = quotes.konjunktiv_array(doc)
        may = quotes._SentenceRules(doc, cue_lemmas, konjunktiv)
        cues = [s for s in doc.spans[quotes.ROLE_KEY] if s.label_ == "CUE"]
        for sent in doc.sents:
            s, e = sent.start, sent.end
            for rule, found in (
                ("according_to", quotes.according_to(sent)),
                ("colon_headline", quotes.colon_headline(sent)),
                ("cued_clause", quotes._cued_clause(sent, cue_lemmas, konjunktiv)),
                ("konjunktiv_sentence", quotes._konjunktiv_sentence(sent, cues, cue_lemmas, konjunktiv)),
                ("reportative_sentence", quotes._reportative_sentence(sent)),
                ("reported_sentence", quotes._reported_sentence(sent)),
            ):
                if found is not None:
                    matched += 1
                    assert may.can(rule, s, e), (path.name, sent.text, rule)
    assert matched > 50
