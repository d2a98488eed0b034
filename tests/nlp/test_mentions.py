"""Actor mentions resolved within an article (nlp/mentions.py), with the shipped pipeline."""

import pytest

from lagebild.nlp.pipeline import MODELS, load_pipeline

pytestmark = pytest.mark.skipif(not (MODELS / "ner" / "config.cfg").exists(), reason="trained models not installed")


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def resolved(nlp, text):
    return {(m.span.text, m.name, m.role, m.country) for m in nlp(text)._.mentions}


def test_role_before_a_name_gives_role_and_country(nlp):
    found = resolved(nlp, "Kremlsprecher Dmitri Peskow äußerte sich. Peskow sagte, er sei zufrieden.")
    assert ("Dmitri Peskow", "Dmitri Peskow", "spokesperson", "RUS") in found
    assert ("Peskow", "Dmitri Peskow", "spokesperson", "RUS") in found
    assert ("er", "Dmitri Peskow", "spokesperson", "RUS") in found


def test_coordinated_names_after_a_plural_role_take_the_states_in_order(nlp):
    found = resolved(nlp, "Die Präsidenten Russlands und der Vereinigten Staaten, Wladimir Putin und Joe Biden, "
                          "werden in naher Zukunft direkte Kontakte unterhalten.")
    assert ("Wladimir Putin", "Wladimir Putin", "president", "RUS") in found
    assert ("Joe Biden", "Joe Biden", "president", "USA") in found


def test_a_role_phrase_alone_means_the_last_holder_of_that_role(nlp):
    found = resolved(nlp, "Der stellvertretende russische Außenminister Sergei Rjabkow traf Diplomaten. "
                          "Der stellvertretende Außenminister zeigte sich zuversichtlich.")
    assert any(text.startswith("stellvertretende Außenminister") and name == "Sergei Rjabkow"
               for text, name, _, _ in found)


def test_metonyms_and_capitals_name_states(nlp):
    found = resolved(nlp, "Der Kreml wies die Vorwürfe zurück. Auch Washington reagierte.")
    assert ("Kreml", "Kreml", None, "RUS") in found
    assert ("Washington", "Washington", None, "USA") in found


def annotated(nlp, words, tags, ents):
    """A doc with the given STTS tags and entities, one sentence, as the recogniser might have left it."""
    from spacy.tokens import Doc, Span

    doc = Doc(nlp.vocab, words=words)
    for token, tag in zip(doc, tags):
        token.tag_ = tag
        token.is_sent_start = token.i == 0
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in ents]
    return doc


def test_a_one_word_person_entity_that_cannot_be_a_name_is_no_mention(nlp):
    from lagebild.nlp import gazetteer, mentions

    words = ["Zugleich", "kritisierte", "Merkel", "die", "Pläne", "von", "Herrn", "Trabert", "."]
    tags = ["ADV", "VVFIN", "NE", "ART", "NN", "APPR", "NN", "VVPP", "$."]  # the tagger errs on unknown names
    doc = annotated(nlp, words, tags, [(0, 1, "PER"), (2, 3, "PER"), (7, 8, "PER")])
    assert [m.span.text for m in mentions.resolve(doc, gazetteer.load()) if m.label == "PER"] == ["Merkel", "Trabert"]


def test_a_family_name_alone_means_the_longer_name_beginning_with_it(nlp):
    from lagebild.nlp import gazetteer, mentions

    words = ["Xi", "sagte", ",", "Xi", "Jinping", "und", "Wang", "Yi", "kämen", ",", "auch", "Yi", "."]
    tags = ["NE", "VVFIN", "$,", "NE", "NE", "KON", "NE", "NE", "VVFIN", "$,", "ADV", "NE", "$."]
    doc = annotated(nlp, words, tags, [(0, 1, "PER"), (3, 5, "PER"), (6, 8, "PER"), (11, 12, "PER")])
    found = {(m.span.start, m.name) for m in mentions.resolve(doc, gazetteer.load()) if m.label == "PER"}
    assert found == {(0, "Xi Jinping"), (3, "Xi Jinping"), (6, "Wang Yi"), (11, "Wang Yi")}  # "Yi" as a surname


def test_name_particles_before_a_person_entity_join_it(nlp):
    from lagebild.nlp.mentions import PersonRoles

    words = ["Ursula", "von", "der", "Leyen", "traf", "von", "der", "Bellen", "und", "sprach", "von", "Merkel", "."]
    tags = ["NE", "APPR", "ART", "NE", "VVFIN", "APPR", "ART", "NE", "KON", "VVFIN", "APPR", "NE", "$."]
    doc = annotated(nlp, words, tags, [(0, 1, "PER"), (3, 4, "PER"), (7, 8, "PER"), (11, 12, "PER")])
    doc = PersonRoles()(doc)
    assert [e.text for e in doc.ents] == ["Ursula von der Leyen", "von der Bellen", "Merkel"]
