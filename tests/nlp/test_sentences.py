import pytest
import spacy

import lagebild.nlp.sentences  # noqa: F401  (registers the factory)
from lagebild.nlp.tokenizer import customize_tokenizer


@pytest.fixture(scope="module")
def nlp():
    nlp = customize_tokenizer(spacy.blank("de"))
    nlp.add_pipe("news_sentences")
    return nlp


def sentences(nlp, text):
    return [s.text.strip() for s in nlp(text).sents]


def test_closing_quote_stays_with_its_sentence(nlp):
    assert sentences(nlp, "Rjabkow sagte: „Man hofft.“ Er fügte hinzu, es gebe keine Bewegung.") == [
        "Rjabkow sagte: „Man hofft.“", "Er fügte hinzu, es gebe keine Bewegung."]


@pytest.mark.parametrize("text", ["„Ich komme.“, sagte er.", "„Kommt er?“, fragte sie.", "»Nie!« – so der Minister."])
def test_attribution_after_a_quote_is_not_split_off(nlp, text):
    assert sentences(nlp, text) == [text]


def test_quote_over_several_sentences(nlp):
    found = sentences(nlp, "Er sagte: „Wir reden anders. Darauf reagieren wir jetzt.“ Im April hatte Putin betont.")
    assert found == ["Er sagte: „Wir reden anders.", "Darauf reagieren wir jetzt.“", "Im April hatte Putin betont."]


def test_colon_before_direct_speech_in_the_next_paragraph(nlp):
    found = sentences(nlp, "Rjabkow sagte:\n\n\"Man hofft, dass es klappt. Der Termin steht nicht.\"\n\nEr ging.")
    assert found == ["Rjabkow sagte:\n\n\"Man hofft, dass es klappt.", "Der Termin steht nicht.\"", "Er ging."]


def test_headline_lines_are_sentences(nlp):
    assert sentences(nlp, "Putin für Dialog offen\n\nDie russische Seite hört zu.") == [
        "Putin für Dialog offen", "Die russische Seite hört zu."]
    assert sentences(nlp, "US-Präsidentschaftswahlen\nFerner betonte Peskow, er sei interessiert.") == [
        "US-Präsidentschaftswahlen", "Ferner betonte Peskow, er sei interessiert."]


def test_abbreviations_ordinals_and_ellipsis_do_not_split(nlp):
    assert sentences(nlp, "Am 2. Dezember sprach Dr. Müller z. B. über u. a. Russland. Er sagte … und ging.") == [
        "Am 2. Dezember sprach Dr. Müller z. B. über u. a. Russland.", "Er sagte … und ging."]


def test_masked_boilerplate_ends_a_sentence(nlp):
    text = "aufnehmen müssten" + " " * 20 + "Auf eine Frage sagte Peskow, es sei möglich."
    assert sentences(nlp, text) == ["aufnehmen müssten", "Auf eine Frage sagte Peskow, es sei möglich."]


def test_hard_wrapped_text_is_not_split_at_line_breaks(nlp):
    text = ("Die Regierung hat am Montag nach langen Beratungen\nBeschlüsse gefasst, die Maßnahmen bis in den\n"
            "Sommer zu verlängern, obwohl die Opposition\nDebatten im Parlament forderte. Dann\nkam der Abend.")
    assert len(sentences(nlp, text)) == 2
