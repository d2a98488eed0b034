"""The quotation assembly (nlp/quotes.py) on hand-set tagger output: no trained model needed."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
import spacy
from spacy.tokens import Span, SpanGroup

from lagebild.nlp import quotes
from lagebild.nlp.tokenizer import customize_tokenizer


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("de")
    customize_tokenizer(nlp)
    nlp.add_pipe("news_sentences")
    return nlp


def tagged(nlp, text: str, quote_spans: list[tuple[str, str]], roles: list[tuple[str, str]]):
    """A Doc with the span taggers' output set by hand: (text of the span, label), first occurrence."""
    doc = nlp(text)

    def span(fragment: str, label: str, after: int = 0) -> Span:
        start = text.index(fragment, after)
        found = doc.char_span(start, start + len(fragment), label=label)
        assert found is not None, fragment
        return found

    doc.spans[quotes.QUOTE_KEY] = SpanGroup(doc, spans=[span(f, label) for f, label in quote_spans])
    doc.spans[quotes.ROLE_KEY] = SpanGroup(doc, spans=[span(f, label) for f, label in roles])
    return doc


def test_a_direct_quote_interrupted_by_its_frame_is_one_quotation(nlp):
    text = "„Wir sind bereit“, sagte Peskow, „aber nicht um jeden Preis.“"
    doc = tagged(nlp, text, [("„Wir sind bereit“", "Direct"), ("„aber nicht um jeden Preis.“", "Direct")],
                 [("sagte", "CUE"), ("Peskow", "SPEAKER")])
    found = quotes.assemble(doc, {})
    assert len(found) == 1
    quote = found[0]
    assert [s.text for s in quote.spans] == ["„Wir sind bereit“", "„aber nicht um jeden Preis.“"]
    assert quote.cue.text == "sagte"
    assert quote.speaker.span.text == "Peskow"
    assert quote.type == "Direct"


def test_two_quotes_in_different_sentences_stay_apart(nlp):
    text = "„Wir sind bereit.“ Peskow sagte das am Montag. „Wir warten.“"
    doc = tagged(nlp, text, [("„Wir sind bereit.“", "Direct"), ("„Wir warten.“", "Direct")],
                 [("sagte", "CUE"), ("Peskow", "SPEAKER")])
    assert len(quotes.assemble(doc, {})) == 2


def test_indirect_quote_gets_cue_speaker_and_frame(nlp):
    text = "Der Kremlsprecher Dmitri Peskow sagte, die Beziehungen seien auf dem Nullpunkt."
    doc = tagged(nlp, text, [("die Beziehungen seien auf dem Nullpunkt", "Indirect")],
                 [("sagte", "CUE"), ("Der Kremlsprecher Dmitri Peskow", "SPEAKER")])
    (quote,) = quotes.assemble(doc, {"sagen": "Speech"})
    assert quote.type == "Indirect"
    assert quote.speaker.span.text == "Der Kremlsprecher Dmitri Peskow"
    assert quote.cue.text == "sagte"
    assert quote.frame.text == "Der Kremlsprecher Dmitri Peskow sagte,"
    assert quote.medium == "Speech"


def test_cue_in_two_pieces_and_its_medium(nlp):
    text = "Das Ministerium teilte am Montag mit, die Grenze bleibe geschlossen."
    doc = tagged(nlp, text, [("die Grenze bleibe geschlossen", "Indirect")],
                 [("teilte", "CUE"), ("mit", "CUE"), ("Das Ministerium", "SPEAKER")])
    (quote,) = quotes.assemble(doc, {"teilte mit": "Writing"})
    assert [c.text for c in quote.cue_parts] == ["teilte", "mit"]
    assert quote.medium == "Writing"  # the blank pipeline has no lemmatizer: the key is the lower-cased form


def test_uncued_continuation_takes_the_previous_speaker(nlp):
    text = ("Rjabkow sagte, ein Treffen sei möglich. Der Termin stehe aber noch nicht fest. "
            "Das Wetter war schön.")
    doc = tagged(nlp, text, [("ein Treffen sei möglich", "Indirect"),
                             ("Der Termin stehe aber noch nicht fest.", "IndirectFreeIndirect")],
                 [("sagte", "CUE"), ("Rjabkow", "SPEAKER")])
    first, second = quotes.assemble(doc, {})
    assert second.type == "IndirectFreeIndirect"
    assert second.cue is None
    assert second.speaker.span.text == "Rjabkow"


def test_continuation_far_away_stays_without_speaker(nlp):
    filler = " ".join(f"Satz Nummer {i} steht hier." for i in range(5))
    text = f"Rjabkow sagte, ein Treffen sei möglich. {filler} Der Termin stehe noch nicht fest."
    doc = tagged(nlp, text, [("ein Treffen sei möglich", "Indirect"),
                             ("Der Termin stehe noch nicht fest.", "IndirectFreeIndirect")],
                 [("sagte", "CUE"), ("Rjabkow", "SPEAKER")])
    assert quotes.assemble(doc, {})[1].speaker is None


def test_marked_passage_inside_an_indirect_quote_is_nested(nlp):
    text = "Peskow sagte, die Beziehungen seien „auf Nullniveau oder sogar darunter“."
    doc = tagged(nlp, text, [("die Beziehungen seien „auf Nullniveau oder sogar darunter“", "Indirect")],
                 [("sagte", "CUE"), ("Peskow", "SPEAKER")])
    outer, inner = quotes.assemble(doc, {})
    assert inner.nested_in == 0
    assert inner.type == "Direct"
    assert inner.text == "„auf Nullniveau oder sogar darunter“"
    assert inner.speaker.span.text == "Peskow"


def test_long_marked_passage_the_tagger_missed_is_a_direct_quote(nlp):
    text = "Blinken sagte: „Wir haben vereinbart, das Ergebnis unseren Präsidenten mitzuteilen.“"
    doc = tagged(nlp, text, [], [("sagte", "CUE"), ("Blinken", "SPEAKER")])
    (quote,) = quotes.assemble(doc, {})
    assert quote.type == "Direct"
    assert quote.text.startswith("„Wir haben") and quote.text.endswith("mitzuteilen.“")
    assert quote.speaker.span.text == "Blinken"


def test_a_single_quoted_word_is_not_a_quotation(nlp):
    text = "Der Sender „Perwy Kanal“ berichtete darüber."
    doc = tagged(nlp, text, [], [])
    assert quotes.assemble(doc, {}) == []


def test_tagged_direct_quote_takes_the_extent_of_its_quotation_marks(nlp):
    text = "„Das ist eine Provokation“, erklärte Sacharowa."
    doc = tagged(nlp, text, [("Das ist eine Provokation", "Direct")], [("erklärte", "CUE"), ("Sacharowa", "SPEAKER")])
    (quote,) = quotes.assemble(doc, {})
    assert quote.text == "„Das ist eine Provokation“"


def test_reported_speech_may_contain_its_speaker(nlp):
    text = "Die Tat bezeichnete der Minister als sinnlos."
    doc = tagged(nlp, text, [("Die Tat bezeichnete der Minister als sinnlos.", "Reported")],
                 [("bezeichnete", "CUE"), ("der Minister", "SPEAKER")])
    (quote,) = quotes.assemble(doc, {})
    assert quote.speaker.span.text == "der Minister"
    assert quote.cue.text == "bezeichnete"


def test_no_tagger_output_and_no_marks_gives_no_quotes(nlp):
    doc = nlp("Das Wetter war schön.")
    assert quotes.assemble(doc, {}) == []


@pytest.mark.parametrize("text, passage, is_name", [
    ("Er sah den Film „Eine unbequeme Wahrheit“ im Kino.", "„Eine unbequeme Wahrheit“", True),
    ("Sie arbeitet am „Department of Vertebrate Zoology“ in Washington.", "„Department of Vertebrate Zoology“", True),
    ("Die „Koalition Für Einheit Und Entwicklung“ gewann.", "„Koalition Für Einheit Und Entwicklung“", True),
    ("Er sagte: „Wir sind bereit für Gespräche.“", "„Wir sind bereit für Gespräche.“", False),
    ("Er nannte das „bürgerrechtlichen Dammbruch“.", "„bürgerrechtlichen Dammbruch“", False),
])
def test_names_and_titles_in_quotation_marks_are_not_quotes(nlp, text, passage, is_name):
    doc = nlp(text)
    start = text.index(passage)
    assert quotes.is_name_or_title(doc.char_span(start, start + len(passage))) is is_name


def test_role_tagging_regions_are_quotation_sentences_and_long_marked_passages(nlp):
    text = ("Der Minister sprach von einer „Hexenjagd“. Die Sitzung dauerte zwei Stunden. "
            "„Wir werden diesen Weg nicht weitergehen“, sagte der Sprecher. Danach wurde abgestimmt. "
            "Die Regierung sei zu Gesprächen bereit.")
    doc = tagged(nlp, text, [("Die Regierung sei zu Gesprächen bereit", "IndirectFreeIndirect")], [])
    regions = [r.text for r in quotes._regions(doc, 0)]
    assert regions == ["„Wir werden diesen Weg nicht weitergehen“, sagte der Sprecher.",
                       "Die Regierung sei zu Gesprächen bereit."]


def test_a_marked_passage_left_open_counts_to_the_end():
    words = ["Er", "sagte", ":", "„", "Wir", "bleiben", "hier", "und", "warten"]
    doc = spacy.tokens.Doc(spacy.blank("de").vocab, words=words)
    signal = quotes._signal_tokens(doc)
    assert signal[3] and signal[-1] and signal.sum() == 2


def _marked_passages_token_by_token(doc, start, end):
    """The reference: every opening mark with the first matching closing mark after it, read token by token."""
    found, i = [], start
    while i < end:
        if doc[i].text in quotes.OPENING:
            for j in range(i + 1, end):
                if doc[j].text == quotes.CLOSING[doc[i].text]:
                    found.append((i, j + 1))
                    i = j
                    break
        i += 1
    return found


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["„", "“", "”", "»", "«", '"', "‚", "‘", "›", "‹", "Wort", "er"]), min_size=1,
                max_size=30), st.integers(0, 30), st.integers(0, 30))
def test_marked_passages_read_off_the_arrays_match_the_token_walk(words, a, b):
    from spacy.vocab import Vocab
    from spacy.tokens import Doc

    doc = Doc(Vocab(), words=words)
    start, end = sorted((min(a, len(doc)), min(b, len(doc))))
    found = [(s.start, s.end) for s in quotes._marked_passages(doc, start, end)]
    assert found == _marked_passages_token_by_token(doc, start, end)
