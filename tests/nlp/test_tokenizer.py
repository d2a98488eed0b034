import pytest
import spacy

from lagebild.nlp.tokenizer import customize_tokenizer


@pytest.fixture(scope="module")
def nlp():
    return customize_tokenizer(spacy.blank("de"))


def words(nlp, text):
    return [t.text for t in nlp(text) if not t.is_space]


@pytest.mark.parametrize(("text", "expected"), [
    ("„Wir reden anders“, sagte er.", ["„", "Wir", "reden", "anders", "“", ",", "sagte", "er", "."]),
    ("»Nein«, ‚nie‘ und \"gar nicht\".", ["»", "Nein", "«", ",", "‚", "nie", "‘", "und", "\"", "gar", "nicht", "\"", "."]),
    ("Kreml-Sprecher Peskow und US-Außenminister Blinken", ["Kreml-Sprecher", "Peskow", "und", "US-Außenminister", "Blinken"]),
    ("Dr. Müller, z. B. heute, u. a. in Berlin", ["Dr.", "Müller", ",", "z.", "B.", "heute", ",", "u.", "a.", "in", "Berlin"]),
    ("am 2. Dezember 2021 um 14.30 Uhr", ["am", "2.", "Dezember", "2021", "um", "14.30", "Uhr"]),
    ("im Jahr 2021. Dann", ["im", "Jahr", "2021", ".", "Dann"]),
    ("Wahl am 3.11.2020. Die", ["Wahl", "am", "3.11.2020", ".", "Die"]),
    ("am 24.2. kam er", ["am", "24.2.", "kam", "er"]),
    ("Art. 5 Abs. 2 GG, stellv. Vorsitzende", ["Art.", "5", "Abs.", "2", "GG", ",", "stellv.", "Vorsitzende"]),
    ("Die Außen\u00administerin sagte", ["Die", "Außen\u00administerin", "sagte"]),
    ("Peskow: Beziehungen \"auf Nullniveau\"", ["Peskow", ":", "Beziehungen", "\"", "auf", "Nullniveau", "\""]),
    ("5,3 Prozent, 10.000 Menschen, 1980er-Jahre", ["5,3", "Prozent", ",", "10.000", "Menschen", ",", "1980er-Jahre"]),
])
def test_news_tokenization(nlp, text, expected):
    assert words(nlp, text) == expected


def test_offsets_cover_the_text(nlp):
    text = "Er sagte: „Ja.“\n\nMehr zum Thema – x"
    doc = nlp(text)
    assert "".join(t.text_with_ws for t in doc) == text


def test_plain_special_cases_dropped_without_changing_tokens(nlp):
    """The special cases that stop spaCy's chunk cache ("\\n" between paragraphs, dashes, apostrophes) are gone, and
    texts full of them come out token for token as with spaCy's rules in place."""
    from lagebild.nlp import tokenizer as module

    assert not set(module.PLAIN_SPECIAL_CASES) & set(nlp.tokenizer.rules)
    assert nlp.tokenizer.max_cache_size == module.CACHE_CHUNKS
    reference = spacy.blank("de")
    saved = module.PLAIN_SPECIAL_CASES
    try:
        module.PLAIN_SPECIAL_CASES = ()
        customize_tokenizer(reference)
    finally:
        module.PLAIN_SPECIAL_CASES = saved
    assert "\n" in reference.tokenizer.rules
    text = ("Moskau \u2014 Der Kreml\u2019s Sprecher sagte:\n\n„Nein.\u201c\t Dr. Peskow \u2014\u2014 z. B. heute\u2019 \n"
            " \u2014 Putin\u2019s Plan \xa0und \u2019Nein\u2019.\n\n\n") * 3
    for _ in range(2):  # the second time from the cache
        ours = [(t.text, t.norm_, t.whitespace_, t.is_space) for t in nlp(text)]
        theirs = [(t.text, t.norm_, t.whitespace_, t.is_space) for t in reference(text)]
        assert ours == theirs
