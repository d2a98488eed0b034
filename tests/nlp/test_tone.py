import logging

import pytest
import spacy
from spacy.tokens import Doc

from lagebild.nlp import tone
from lagebild.nlp.tone import load_lexicon, polar_terms, read_domain_terms

NLP = spacy.blank("de")


def doc(text: str, lemmas: dict[str, str] | None = None, pos: dict[str, str] | None = None) -> Doc:
    """A Doc of whitespace tokens; lemmas default to the form, pos to X (a noun-like token)."""
    words = text.split()
    lemmas, pos = lemmas or {}, pos or {}
    return Doc(NLP.vocab, words=words, lemmas=[lemmas.get(w, w) for w in words],
               pos=[pos.get(w, "X") for w in words])


@pytest.fixture(scope="module")
def domain_only():
    return load_lexicon(general=False)


@pytest.fixture(scope="module")
def full(tmp_path_factory):
    from tests.conftest import shared_path
    return load_lexicon(shared_path("data", "lexicons"))


def test_domain_terms_of_relations(domain_only):
    assert tone.tone(doc("Die Beziehungen seien auf Nullniveau ."), domain_only) < -0.5
    assert tone.tone(doc("Er warnte vor Russophobie ."), domain_only) < -0.5
    assert tone.tone(doc("Putin ist für einen Dialog und die Annäherung ."), domain_only) > 0.5
    assert tone.tone(doc("Die Zusammenarbeit wächst ."), domain_only) > 0.5


def test_phrase_of_lemmas_matches_inflected_forms(domain_only):
    d = doc("Die Beziehungen befänden sich in einer tiefen Krise .", lemmas={"tiefen": "tief"})
    terms = polar_terms(d, domain_only)
    assert [(t.text, t.source) for t in terms] == [("tiefen Krise", "domain")]
    # the phrase is stronger than "Krise" alone, and "tief" is not counted a second time as an intensifier
    assert terms[0].value < tone.tone(doc("Die Krise dauert ."), domain_only)
    assert not terms[0].intensified


@pytest.mark.parametrize("text", [
    "Das ist keine Krise .", "Es gab nie eine Krise .", "ohne Krise", "Weder Krise noch Konfrontation .",
])
def test_negation_before_turns_the_value(domain_only, text):
    negated = polar_terms(doc(text), domain_only)
    assert negated and all(t.negated and t.value > 0 for t in negated)


def test_negation_after_a_verb_in_the_same_clause(domain_only):
    d = doc("Das deeskaliert die Lage nicht .", pos={"deeskaliert": "VERB"}, lemmas={"deeskaliert": "deeskalieren"})
    [term] = polar_terms(d, domain_only)
    assert term.negated and term.value < 0
    # a negator in another clause does not count
    d = doc("Der Dialog wächst , das ist nicht neu .")
    assert [t.negated for t in polar_terms(d, domain_only)] == [False]


def test_intensifier_strengthens_up_to_the_bound(domain_only):
    plain = tone.tone(doc("eine Konfrontation"), domain_only)
    strong = tone.tone(doc("eine äußerst Konfrontation"), domain_only)
    assert strong < plain < 0
    assert tone.tone(doc("völlig Nullniveau"), domain_only) == -1.0


def test_neutral_statement_is_zero(domain_only):
    assert tone.tone(doc("Der Termin steht noch nicht fest ."), domain_only) == 0.0


def test_general_lexicons_add_ordinary_words(full, domain_only):
    assert full.has_general_lexicons and not domain_only.has_general_lexicons
    good = doc("Das ist gut .", pos={"gut": "ADJ"})
    assert tone.tone(good, full) > 0 and tone.tone(good, domain_only) == 0.0
    not_good = doc("Das ist nicht gut .", pos={"gut": "ADJ"})
    assert tone.tone(not_good, full) < 0
    assert tone.tone(doc("Das ist sehr gut ."), full) > tone.tone(good, full)


def test_domain_terms_take_precedence_over_general_lexicons(full):
    # Rauh counts "krise" -1; our table gives -0.6
    [term] = polar_terms(doc("Krise"), full)
    assert (term.source, term.value) == ("domain", -0.6)


def test_missing_lexicons_warn_once_and_fall_back(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="lagebild.nlp.tone"):
        lexicon = load_lexicon(tmp_path)
    assert not lexicon.has_general_lexicons and lexicon.domain
    assert sum("domain terms only" in r.message for r in caplog.records) == 1


def test_env_variable_names_the_lexicon_folder(monkeypatch, tmp_path):
    (tmp_path / "rauh").mkdir()
    (tmp_path / "rauh" / "rauh_sent_dictionary.tsv").write_text("feature\tsentiment\n wunderbar \t1\n", encoding="utf-8")
    monkeypatch.setenv(tone.ENV_VAR, str(tmp_path))
    assert tone.lexicon_directory() == tmp_path
    lexicon = load_lexicon()
    assert lexicon.rauh == {"wunderbar": 1.0}
    assert tone.tone(doc("wunderbar"), lexicon) == pytest.approx(0.3)


def test_domain_table_parses_and_stays_in_bounds():
    words, phrases = read_domain_terms()
    assert {"nullniveau", "russophobie", "dialog", "annäherung", "zusammenarbeit"} <= set(words)
    assert ("tief", "krise") in phrases
    assert all(-1 <= v <= 1 for v in [*words.values(), *phrases.values()])


@pytest.mark.parametrize("text", [
    "Die Beziehungen befänden sich in einer tiefen Krise , sagte er .",
    "Das deeskaliert die Lage nicht , aber der Dialog wächst .",
    "Weder Krise noch Konfrontation , sondern eine äußerst gute Zusammenarbeit .",
    "Es gab nie eine Krise ; völlig Nullniveau 2024 !",
    "İstanbul und die Annäherung : keine Russophobie .",
])
def test_tone_of_rows_is_tone_of_the_tokens(full, domain_only, text):
    from lagebild.nlp.events import _Tables

    d = doc(text, lemmas={"tiefen": "tief", "deeskaliert": "deeskalieren", "sagte": ""},
            pos={"deeskaliert": "VERB", "gute": "ADJ", "wächst": "VERB"})
    tables = _Tables(d)
    for lexicon in (full, domain_only):
        for rows in (range(len(d)), range(2, len(d)), [0, 1, 5, 6, 7]):
            expected = tone.tone([d[k] for k in rows], lexicon)
            got = tone.tone_of_rows(list(rows), tables.texts, tables.lowers, tables.lemmas, tables.pos, lexicon)
            assert got == expected
    assert tone.tone(d, full) != 0.0
