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
