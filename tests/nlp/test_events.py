import pytest

from lagebild.nlp import events
from lagebild.nlp.annotations import ActorMention, QuoteAnnotation
from lagebild.nlp.event_records import events_to_rows, statements_to_rows
from lagebild.nlp.events import CATEGORIES, MODES, code_doc, read_event_lexicon, read_scores


@pytest.fixture(scope="module")
def nlp():
    from lagebild.nlp.pipeline import MODELS, load_pipeline
    if not (MODELS / "tagger" / "config.cfg").exists():
        pytest.skip("needs the trained tagger in src/lagebild/nlp/models")
    return load_pipeline()


def coded(nlp, text, article_date="2021-12", quotes=None):
    doc = nlp.make_doc(text)
    doc._.article_date = article_date
    doc = nlp(doc)
    if quotes is not None:
        doc._.quotes = quotes(doc)
    return code_doc(doc)


def summary(doc):
    return [(e.category, e.mode, e.source.country if e.source else None, e.target.country if e.target else None)
            for e in doc._.events]


# -- tables ---------------------------------------------------------------------------------------------------

def test_lexicon_parses_with_known_categories_only():
    lexicon = read_event_lexicon()
    cues = list(lexicon.verbs.values()) + list(lexicon.nouns.values()) + [c for _, c in lexicon.phrases]
    assert {c.category for c in cues} <= set(CATEGORIES)
    assert len(cues) > 150
    assert lexicon.noun("Luftangriffe").category == "ASSAULT"       # compound + plural
    assert lexicon.noun("Zölle").category == "COERCE"                # umlaut plural
    assert lexicon.noun("Gegenmaßnahmen").category == "COERCE"


def test_lexicon_rejects_unknown_categories(tmp_path):
    bad = tmp_path / "lex.tsv"
    bad.write_text("cue\tkind\tcategory\tmode\nschimpfen\tverb\tGRUMBLE\tactual\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown PLOVER category"):
        read_event_lexicon(bad)


def test_scores_cover_every_category_and_order_the_modes():
    scores = read_scores()
    for category in CATEGORIES:
        actual, intended, negated = (scores[(category, m)] for m in MODES)
        assert -10 <= actual <= 10 and negated == 0
        assert abs(intended) <= abs(actual) and (intended >= 0) == (actual >= 0)
    assert scores[("AID", "actual")] > scores[("CONSULT", "actual")] > 0 > scores[("ACCUSE", "actual")] \
        > scores[("ASSAULT", "actual")]


# -- coding -----------------------------------------------------------------------------------------------------

def test_planned_contacts_from_the_issue(nlp):
    doc = coded(nlp, "Die Präsidenten Russlands und der Vereinigten Staaten, Wladimir Putin und Joe Biden, werden "
                     "in naher Zukunft direkte Kontakte unterhalten.")
    [event] = doc._.events
    assert (event.category, event.mode, event.source.country, event.target.country) == \
        ("CONSULT", "intended", "RUS", "USA")
    assert (event.date, event.date_precision) == ("2021-12", "month")
    assert event.score == read_scores()[("CONSULT", "intended")]


@pytest.mark.parametrize("text, expected", [
    ("Der Kreml hat die Entscheidung Washingtons scharf kritisiert.", ("ACCUSE", "actual", "RUS", "USA")),
    ("Das Weiße Haus hat Moskau eine Einmischung in die Wahl vorgeworfen.", ("ACCUSE", "actual", "USA", "RUS")),
    ("Peking hat die Vereinigten Staaten aufgefordert, das Konsulat zu schließen.", ("REQUEST", "actual", "CHN", "USA")),
])
def test_metonyms_and_capitals_stand_for_their_states(nlp, text, expected):
    assert summary(coded(nlp, text))[0] == expected


def test_negated_event_scores_zero(nlp):
    doc = coded(nlp, "Die USA haben das Abkommen mit China nie unterzeichnet.")
    [event] = doc._.events
    assert (event.category, event.mode, event.score) == ("AGREE", "negated", 0.0)


def test_passive_agent_is_the_source(nlp):
    doc = coded(nlp, "Die Bundesregierung wurde von der EU-Kommission aufgefordert, die Regeln einzuhalten.")
    assert summary(doc)[0] == ("REQUEST", "actual", "EC", "DEU")
    # the content of a demand is not an event of its own
    assert [e.category for e in doc._.events] == ["REQUEST"]


def test_noun_cue_takes_its_adjective_and_gegen_phrase(nlp):
    doc = coded(nlp, "Die amerikanischen Sanktionen gegen Russland treten am Montag in Kraft.", "2021-12-17")
    [event] = doc._.events
    assert (event.category, event.source.country, event.target.country) == ("COERCE", "USA", "RUS")


def test_date_location_and_joint_subjects(nlp):
    doc = coded(nlp, "Am 2. Dezember trafen sich Lawrow und Blinken in Stockholm.", "2021-12")
    [event] = doc._.events
    assert (event.category, event.date, event.date_precision, event.date_text) == \
        ("CONSULT", "2021-12-02", "day", "2. Dezember")
    assert event.location == "Stockholm"
    doc = coded(nlp, "Russland und China haben ein Abkommen unterzeichnet.")
    assert summary(doc) == [("AGREE", "actual", "RUS", "CHN")]


def test_quote_speaker_is_the_source(nlp):
    text = "„Wir werden die Sanktionen gegen Russland verlängern“, sagte der Sprecher."

    def quotes(doc):
        inner = doc.char_span(1, text.index("“"), alignment_mode="expand")
        speaker = doc.char_span(text.index("der Sprecher"), text.index("."), alignment_mode="expand")
        return [QuoteAnnotation([inner], "Direct", speaker=ActorMention(speaker, "ROLE", country="EU"))]

    doc = coded(nlp, text, quotes=quotes)
    [event] = [e for e in doc._.events if e.category == "COERCE"]
    assert (event.source.country, event.target.country, event.mode, event.quote) == ("EU", "RUS", "intended", 0)
    assert doc._.quote_tones[0] < 0


def test_relation_statements_and_their_tone(nlp):
    doc = coded(nlp, "Die Beziehungen zwischen Russland und den Vereinigten Staaten seien auf Nullniveau.", "2023-11")
    [rel] = doc._.relation_statements
    assert rel.states == ("RUS", "USA") and rel.tone < 0
    doc = coded(nlp, "Das deutsch-französische Verhältnis bleibt eng, die Zusammenarbeit wächst.")
    assert doc._.relation_statements[0].states == ("DEU", "FRA")
    assert doc._.relation_statements[0].tone > 0
    doc = coded(nlp, "Die Beziehungen der Menschen zueinander sind gut.")
    assert doc._.relation_statements == []


def test_rows_point_back_into_the_text(nlp):
    text = "Russland hat die Sanktionen der USA verurteilt. Die Beziehungen zwischen Russland und den USA sind schlecht."
    doc = coded(nlp, text, "2021-04-16")
    rows = events_to_rows(doc, "a1", [])
    assert [r.event_id for r in rows] == [f"a1-e{i}" for i in range(len(rows))]
    # "die Sanktionen der USA": the genitive is the sanctions' source
    assert [(r.category, r.source_country) for r in rows if r.category == "COERCE"] == [("COERCE", "USA")]
    [event] = [r for r in rows if r.category == "ACCUSE"]
    assert (event.source_country, event.target_country) == ("RUS", "USA")
    assert text[event.start:event.end] == event.text and text[event.trigger_start:event.trigger_end] == "verurteilt"
    assert text[event.source_start:event.source_end] == event.source_text == "Russland"
    assert (event.sentence_no, event.date, event.date_precision, event.date_text) == (0, "2021-04-16", "day", None)
    statements = statements_to_rows(doc, "a1", [])
    assert {(s.source_country, s.target_country) for s in statements} == {("RUS", "USA"), ("USA", "RUS")}
    assert all(s.relation and s.basis == "relation" and s.sentence_no == 1 and s.tone < 0 for s in statements)


def test_sentence_without_cues_has_no_events(nlp):
    doc = coded(nlp, "Der Vertrag läuft im Februar aus.")
    assert doc._.events == [] and doc._.relation_statements == []


def test_component_is_registered(nlp):
    import spacy
    blank = spacy.blank("de")
    blank.add_pipe("news_sentences")
    blank.add_pipe("event_coder")
    doc = blank("Russland kritisiert die USA.")
    assert doc._.events is not None and doc._.relation_statements == []


# -- actors: attribution, pronouns, genitives, reactions (issue 5) --------------------------------------------------

def _quote_with_speaker(text, inner_end, speaker_text, country=None):
    def quotes(doc):
        inner = doc.char_span(0, inner_end, alignment_mode="expand")
        start = text.index(speaker_text)
        speaker = doc.char_span(start, start + len(speaker_text), alignment_mode="expand")
        return [QuoteAnnotation([inner], "Indirect", speaker=ActorMention(speaker, "ROLE", country=country))]
    return quotes


def test_an_attribution_is_not_the_source(nlp):
    text = "Beide Regierungen vereinbarten nach Angaben des polnischen Außenministeriums neue Gespräche."
    doc = coded(nlp, text, quotes=_quote_with_speaker(text, text.index(" nach"),
                                                      "Angaben des polnischen Außenministeriums", "POL"))
    agree = next(e for e in doc._.events if e.category == "AGREE")
    assert agree.source is None or agree.source.country is None
    assert agree.target is None or agree.target.country != "POL"


def test_a_dative_speaker_is_no_speaker(nlp):
    text = "In dem Bericht, der dem Sicherheitsrat vorgelegt wurde, fordert Norwegen ein Ende der Kämpfe."
    doc = coded(nlp, text, quotes=_quote_with_speaker(text, len(text) - 1, "dem Sicherheitsrat", "UNSC"))
    request = next(e for e in doc._.events if e.category == "REQUEST")
    assert request.source.country == "NOR"


def test_a_noun_cue_keeps_its_own_agent_inside_a_quotation(nlp):
    text = "Der Besuch des japanischen Premierministers in Peking sei eine Provokation, sagte der Sprecher."
    doc = coded(nlp, text, quotes=_quote_with_speaker(text, text.index(", sagte"), "der Sprecher", "CHN"))
    got = {e.category: (e.source.country if e.source else None, e.target.country if e.target else None)
           for e in doc._.events}
    assert got["CONSULT"] == ("JPN", "CHN")
    # the reaction is aimed at the one whose act it answers
    assert got["ACCUSE"] == ("CHN", "JPN")


def test_a_reaction_to_a_noun_event_targets_its_agent(nlp):
    doc = coded(nlp, "Italien distanzierte sich von der Kritik des französischen Präsidenten an der Nato.")
    got = {e.category: (e.source.country if e.source else None, e.target.country if e.target else None)
           for e in doc._.events}
    assert got["ACCUSE"] == ("FRA", "NATO")
    assert got["REJECT"] == ("ITA", "FRA")


@pytest.mark.parametrize("text, expected", [
    ("Er warf Washington vor, die Verhandlungen zu blockieren.", ("ACCUSE", "actual", None, "USA")),
    ("Sie forderte die Türkei auf, die Grenze zu öffnen.", ("REQUEST", "actual", None, "TUR")),
])
def test_a_pronoun_opening_the_clause_is_the_subject(nlp, text, expected):
    assert summary(coded(nlp, text))[0] == expected


@pytest.mark.parametrize("text, expected", [
    ("Auch das Außenministerium der Türkei verurteilte den Angriff.", ("ACCUSE", "actual", "TUR", None)),
    ("Vertreter der französischen Regierung haben Polen zu Gesprächen aufgerufen.",
     ("REQUEST", "actual", "FRA", "POL")),
])
def test_the_genitive_of_the_subject_noun_names_the_actor(nlp, text, expected):
    assert next(s for s in summary(coded(nlp, text)) if s[0] == expected[0]) == expected


def test_man_after_a_capital_speaks_for_its_state(nlp):
    doc = coded(nlp, "In Paris kritisierte man, dass Italien die Grenze geschlossen habe.")
    assert summary(doc)[0][:4] == ("ACCUSE", "actual", "FRA", "ITA")


def test_a_demand_made_of_someone_targets_them(nlp):
    doc = coded(nlp, "Bundeskanzlerin Angela Merkel forderte von der chinesischen Regierung eine Erklärung.")
    assert summary(doc)[0] == ("REQUEST", "actual", "DEU", "CHN")


def test_a_summit_is_a_venue_not_a_counterpart(nlp):
    doc = coded(nlp, "Beim EU-Gipfel kritisierte Ungarn die Pläne scharf.")
    event = next(e for e in doc._.events if e.category == "ACCUSE")
    assert event.source.country == "HUN" and (event.target is None or event.target.country != "EU")


def test_a_reason_clause_gives_no_target(nlp):
    doc = coded(nlp, "Die Regierung in Wien kritisierte die Entscheidung, weil die Slowakei nicht gefragt worden sei.")
    event = next(e for e in doc._.events if e.category == "ACCUSE")
    assert event.target is None or event.target.country != "SVK"


def test_separable_and_zu_infinitive_verbs(nlp):
    # "kündigte … an" is ankündigen (a threat with "Antwort"), not kündigen (ending a treaty)
    assert [e.category for e in coded(nlp, "Moskau kündigte eine Antwort an.")._.events] == ["THREATEN"]
    assert summary(coded(nlp, "Washington hält Peking vor, den Markt abzuschotten."))[0] == \
        ("ACCUSE", "actual", "USA", "CHN")
    doc = coded(nlp, "Die USA seien bereit, rasch zusammenzukommen.")
    assert summary(doc)[0][:3] == ("CONSULT", "intended", "USA")


def test_a_nouns_genitive_must_be_its_own(nlp):
    doc = coded(nlp, "Die EU-Kommission empfahl Verhandlungen über einen Beitritt Islands.")
    event = next(e for e in doc._.events if e.category == "CONSULT")
    assert event.source.country == "EC"


def test_a_compound_counterpart_leaves_the_agent_to_the_clause(nlp):
    doc = coded(nlp, "Der US-Außenminister sprach während seines Japanbesuchs über Handelsfragen.")
    event = next(e for e in doc._.events if e.category == "CONSULT")
    assert (event.source.country, event.target.country) == ("USA", "JPN")


# -- rules added for issue 5 (source/target accuracy on new gold sentences) -----------------------------------------

def test_umlaut_is_removed_from_plural_stems_only():
    lexicon = read_event_lexicon()
    assert lexicon.noun("Förderung") is None                          # not "Forderung"
    assert lexicon.noun("Forderungen").category == "REQUEST"


@pytest.mark.parametrize("text, expected", [
    ("Der Präsident hat Litauen für die Zusammenarbeit gedankt.", ("SUPPORT", None, "LTU")),
    ("Die Minister wollen den Plan mit Litauen besprechen.", ("CONSULT", None, "LTU")),
    ("Am Montag will der Minister nach Warschau weiterreisen.", ("CONSULT", None, "POL")),
    ("Die Polizei führte Razzien in mehreren Städten durch.", ("COERCE", None, None)),
    ("Litauen hat sich gegen einen Boykott ausgesprochen.", ("REJECT", "LTU", None)),
    ("Schweden wandte sich gegen die Pläne.", ("REJECT", "SWE", None)),
    ("Die Spieler wurden von Polen scharf angegriffen.", ("ACCUSE", "POL", None)),
    ("Die Regierung in Warschau erwartet von Litauen eine rasche Antwort.", ("REQUEST", "POL", "LTU")),
    ("Das Regime in Minsk hatte die Inspekteure des Landes verwiesen.", ("SANCTION", "BLR", None)),
])
def test_new_lexicon_entries(nlp, text, expected):
    found = [(c, s, t) for c, _, s, t in summary(coded(nlp, text))]
    assert expected in found


def test_institution_in_a_capital_is_that_state(nlp):
    # "die Regierung in Warschau", "das Außenministerium in Vilnius": the state of the place
    assert summary(coded(nlp, "Die Regierung in Warschau kritisierte den Plan."))[0][2] == "POL"
    assert summary(coded(nlp, "Das Außenministerium in Vilnius kritisierte die Regierung in Warschau."))[0][2:] == \
        ("LTU", "POL")
    # an ambassador in a capital is a foreign one
    assert summary(coded(nlp, "Der Botschafter in Vilnius kritisierte den Plan."))[0][2] is None


def test_apposition_before_the_finite_verb_is_the_subject(nlp):
    doc = coded(nlp, "Der Außenminister der Republik Polen, Jan Nowak, hat den Vorschlag zurückgewiesen.")
    assert ("REJECT", "actual", "POL", None) in summary(doc)


def test_pronoun_and_man_subjects_keep_named_actors_as_objects(nlp):
    assert ("REJECT", "actual", "POL", None) in summary(coded(nlp, "Warschau bestreitet das."))
    assert ("SUPPORT", "intended", None, "UKR") in summary(coded(nlp, "Man wolle die Ukraine weiter unterstützen, hieß es."))
    assert ("CONSULT", "actual", None, "FRA") in summary(coded(nlp, "Er sagte, dass er Paris im Sommer besucht habe."))


def test_place_phrases_with_von_and_venues_are_not_actors(nlp):
    doc = coded(nlp, "Der Oppositionsführer wurde in der Nähe von Brüssel verhaftet.")
    assert all(e.source is None or e.source.country != "EU" for e in doc._.events)
    doc = coded(nlp, "Die beiden Minister trafen sich am Rande des Gipfels der Afrikanischen Union.")
    assert summary(doc) == [("CONSULT", "actual", None, None)]


def test_passive_agent_of_the_cues_own_conjunct(nlp):
    doc = coded(nlp, "Der Plan, der von Polen und Litauen entworfen wurde und von Schweden unterstützt wird, liegt vor.")
    support = [e for e in doc._.events if e.category == "SUPPORT"]
    assert support and support[0].source.country == "SWE"
    assert support[0].target is None or support[0].target.country != "LTU"


def test_nouns_that_refer_back_or_are_reacted_to_are_not_events(nlp):
    assert summary(coded(nlp, "Warschau wies die Vorwürfe zurück.")) == [("REJECT", "actual", "POL", None)]
    assert summary(coded(nlp, "Ein solches Treffen sei nicht sinnvoll, sagte der Minister.")) == []
    # a noun with an actor of its own is an event of its own
    doc = coded(nlp, "Polen verurteilte die Sanktionen gegen Litauen.")
    assert {e.category for e in doc._.events} == {"ACCUSE", "COERCE"}


def test_modes_of_announced_unplanned_and_conditional_events(nlp):
    doc = coded(nlp, "Der Minister kündigte an, Polen werde zwei Diplomaten ausweisen.")
    assert ("SANCTION", "intended", "POL", None) in summary(doc)
    assert summary(coded(nlp, "Ein Treffen mit Polen sei nicht geplant."))[0][:2] == ("CONSULT", "negated")
    doc = coded(nlp, "Das Auto wurde aus nicht geklärten Gründen von polnischen Soldaten beschossen.")
    assert summary(doc)[0][:3] == ("ASSAULT", "actual", "POL")
    doc = coded(nlp, "Der Minister nahm eine Einladung zu einem Besuch in Warschau an.")
    assert summary(doc)[0][:2] == ("CONSULT", "intended")
    doc = coded(nlp, "Der Sicherheitsrat hat Sanktionen gegen Syrien beschlossen.")
    assert summary(doc)[0][:2] == ("COERCE", "actual")
    doc = coded(nlp, "Polen drohte mit Folgen, falls Litauen Belarus unterstütze.")
    assert [e.category for e in doc._.events] == ["THREATEN"]


def test_content_of_an_accusation_is_not_an_event(nlp):
    doc = coded(nlp, "Polen warf Litauen vor, Sanktionen gegen Belarus zu verhängen.")
    assert summary(doc) == [("ACCUSE", "actual", "POL", "LTU")]


def test_protest_by_people_or_by_a_state(nlp):
    doc = coded(nlp, "Tausende Studenten protestierten gegen die Regierung in Minsk.")
    assert summary(doc)[0][0] == "PROTEST"
    doc = coded(nlp, "Polen protestierte gegen die Entscheidung.")
    assert summary(doc)[0][:3] == ("ACCUSE", "actual", "POL")


def test_criticism_met_in_a_capital_comes_from_its_state(nlp):
    doc = coded(nlp, "In Warschau stieß der Vorschlag auf Kritik.")
    assert summary(doc) == [("ACCUSE", "actual", "POL", None)]


def test_comparison_with_erwartet_is_no_demand(nlp):
    doc = coded(nlp, "Die Gespräche verliefen besser als von vielen erwartet.")
    assert "REQUEST" not in {e.category for e in doc._.events}


def test_speaker_in_the_cues_own_clause_is_not_the_teller(nlp):
    def quotes(doc):
        # a (wrong) quotation around the whole sentence whose "speaker" is the verb's object
        speaker = ActorMention(span=doc[6:8], label="ORG", kind="organisation", country="EC")
        return [QuoteAnnotation(spans=[doc[0:len(doc)]], type="Indirect", speaker=speaker)]
    doc = coded(nlp, "Der Ministerpräsident kritisierte auch die Europäische Kommission für ihr Vorgehen.", quotes=quotes)
    accuse = [e for e in doc._.events if e.category == "ACCUSE"]
    assert accuse and (accuse[0].source is None or accuse[0].source.country != "EC")
    assert accuse[0].target is not None and accuse[0].target.country == "EC"


def test_speaker_inside_a_prepositional_phrase_is_no_speaker(nlp):
    doc = nlp("Im vergangenen Jahr kritisierte er die Pläne.")
    quote = QuoteAnnotation(spans=[doc[3:]], type="Indirect",
                            speaker=ActorMention(span=doc[1:3], label="ORG", kind="organisation", country="USA"))
    assert events._speaker(quote) is None


# -- targets (issue 5, third round) ---------------------------------------------------------------------------

def test_criticism_in_reported_speech_targets_the_subject_of_what_it_says(nlp):
    doc = coded(nlp, "Die Sprecherin kritisierte, die polnische Regierung habe voreilig gehandelt.")
    assert ("ACCUSE", "actual", None, "POL") in summary(doc)


def test_demand_told_in_a_quotation_before_its_verb_targets_the_quotations_subject(nlp):
    doc = coded(nlp, "„Die Türkei sollte ihre Truppen sofort abziehen“, forderte er.")
    assert ("REQUEST", "actual", None, "TUR") in summary(doc)


def test_reported_content_gives_no_object_as_target(nlp):
    # only the subject of the reported clause is whom a criticism is about
    doc = coded(nlp, "Die Sprecherin kritisierte, man habe die Ukraine zu spät informiert.")
    assert all(target is None for *_, target in summary(doc))


def test_state_in_the_genitive_before_an_event_noun_is_its_agent_and_the_reactions_target(nlp):
    doc = coded(nlp, "Die Regierung kritisierte Israels Angriffe auf den Libanon.")
    assert ("ACCUSE", "actual", None, "ISR") in summary(doc)
    assert ("ASSAULT", "actual", "ISR", "LBN") in summary(doc)


def test_genitive_before_a_noun_of_what_is_done_to_someone_is_its_patient(nlp):
    doc = coded(nlp, "Die Regierung verurteilte Nawalnys Festnahme durch Russland.")
    accuse = next(e for e in doc._.events if e.category == "ACCUSE")
    coerce = next(e for e in doc._.events if e.category == "COERCE")
    assert coerce.source.country == "RUS" and coerce.target is not None and coerce.target.text == "Nawalnys"
    # the condemnation of an event noun right after the verb is directed at that event's agent
    assert accuse.target is not None and accuse.target.country == "RUS"


def test_past_tense_cue_the_tagger_reads_as_an_adjective_is_the_clauses_verb(nlp):
    doc = coded(nlp, "Die Bundesregierung verurteilte Russlands Annexion der Krim scharf.")
    assert ("ACCUSE", "actual", "DEU", "RUS") in summary(doc)
    assert ("COERCE", "actual", "RUS", None) in summary(doc)
    assert events._may_be_cue(events.default_lexicon(), "verurteilen", "verurteilten", False, "A")
    assert not events._may_be_cue(events.default_lexicon(), "verurteilen", "verurteilend", False, "A")


def test_auf_phrase_of_a_coercion_is_its_target_and_a_dative_one_a_place(nlp):
    doc = coded(nlp, "Die Zölle auf chinesische Waren würden ausgesetzt, teilte das Weiße Haus mit.")
    assert summary(doc) == [("RETREAT", "intended", "USA", "CHN")]
    doc = coded(nlp, "Die Minister kritisierten auf dem russischen Forum die Pläne.")
    assert summary(doc) == [("ACCUSE", "actual", None, None)]


def test_von_seiten_names_the_agent_of_a_passive(nlp):
    doc = coded(nlp, "Von Seiten der polnischen Regierung wurde Deutschland scharf kritisiert.")
    assert summary(doc) == [("ACCUSE", "actual", "POL", "DEU")]


def test_new_cues_of_concession_pardon_warning_and_reservation():
    lexicon = read_event_lexicon()
    assert lexicon.verbs["entgegenkommen"].category == "CONCEDE"
    assert lexicon.verbs["begnadigen"].category == "RETREAT"
    assert lexicon.verbs["verwarnen"].category == "ACCUSE"
    assert lexicon.noun("Sonderabgaben").category == "COERCE"
    phrases = {parts: cue.category for parts, cue in lexicon.phrases}
    assert phrases[("*zoll", "aussetzen")] == "RETREAT" and phrases[("vorbehalten", "*schritt")] == "THREATEN"


def test_threat_with_a_measure_is_aimed_at_the_measures_target(nlp):
    doc = coded(nlp, "Moskau drohte mit Gegenmaßnahmen gegen Berlin.")
    assert ("THREATEN", "actual", "RUS", "DEU") in summary(doc)


def test_protest_lodged_bei_a_state_targets_it_but_criticism_met_bei_a_state_does_not(nlp):
    doc = coded(nlp, "Japan protestierte bei China gegen die Pläne.")
    assert ("ACCUSE", "actual", "JPN", "CHN") in summary(doc)
    doc = coded(nlp, "Die Entscheidung stieß bei Russland auf Kritik.")
    assert all(target != "RUS" for *_, target in summary(doc))


def test_legal_proceedings_and_protest_notes_are_accusations():
    lexicon = read_event_lexicon()
    assert lexicon.noun("Protestnote").category == "ACCUSE"
    assert {parts: cue.category for parts, cue in lexicon.phrases}[("*verfahren", "einleiten")] == "ACCUSE"


# -- round 4: conjuncts, relative clauses, venues, phrases that name no target ----------------------------------

def test_a_passive_is_passive_only_in_its_own_conjunct(nlp):
    doc = coded(nlp, "Humala war im Wahlkampf vom venezuelanischen Präsidenten Hugo Chávez unterstützt worden und "
                     "hatte den „US-Imperialismus“ angeprangert.")
    assert summary(doc) == [("SUPPORT", "actual", "VEN", None), ("ACCUSE", "actual", None, "USA")]


def test_a_word_taken_for_a_name_is_no_subject(nlp):
    doc = coded(nlp, "Zugleich sei Washington bereit, über Fragen der gegenseitigen Sicherheit zu sprechen.")
    assert summary(doc) == [("CONSULT", "intended", "USA", None)]


def test_what_was_agreed_is_not_the_partner(nlp):
    doc = coded(nlp, "Beide Seiten vereinbarten, dass US-Außenminister Antony Blinken zu Folgegesprächen nach "
                     "China reisen soll.")
    assert ("AGREE", "actual", None, None) in summary(doc)


def test_the_topic_of_talks_is_no_event_and_no_target(nlp):
    doc = coded(nlp, "Auch über die Unterstützung der Ukraine sprachen beide.")
    assert summary(doc) == [("CONSULT", "actual", None, None)]


def test_criticism_of_what_happens_in_a_state_targets_it(nlp):
    doc = coded(nlp, "Die OSZE kritisiert den Verlauf der Parlamentswahl in Georgien.")
    assert summary(doc) == [("ACCUSE", "actual", "OSCE", "GEO")]


def test_the_place_of_a_meeting_is_a_venue_but_the_place_of_a_visit_a_counterpart(nlp):
    doc = coded(nlp, "Beim G20-Gipfel im japanischen Osaka könnten Trump und Staatschef Xi Jinping zusammentreffen.")
    assert all(target != "JPN" for *_, target in summary(doc))
    doc = coded(nlp, "Lawrow reiste am Montag nach Peking.")
    assert summary(doc) == [("CONSULT", "actual", None, "CHN")]


def test_a_phrase_of_place_or_manner_names_no_target(nlp):
    doc = coded(nlp, "Piraten hatten vor der somalischen Küste über 100 Schiffe angegriffen.")
    assert summary(doc) == [("ASSAULT", "actual", None, None)]


def test_a_person_from_a_state_is_of_that_state(nlp):
    doc = coded(nlp, "Umweltminister aus Singapur und Malaysia kamen am Freitag zu Beratungen zusammen.")
    assert summary(doc) == [("CONSULT", "actual", "SGP", "MYS")]


def test_a_relative_clause_is_about_the_actor_before_it(nlp):
    doc = coded(nlp, "Peking kritisierte die USA, die neue Sanktionen gegen Russland verhängt hatten.")
    assert summary(doc) == [("ACCUSE", "actual", "CHN", "USA"), ("COERCE", "actual", "USA", "RUS")]
    doc = coded(nlp, "Die EU unterstützt die Ukraine, die Russland angegriffen hat.")
    assert ("ASSAULT", "actual", "RUS", "UKR") in summary(doc)


def test_cues_of_round_four():
    lexicon = read_event_lexicon()
    assert lexicon.verbs["gratulieren"].category == "SUPPORT"
    assert lexicon.verbs["ermitteln"].category == "ACCUSE"      # CAMEO 09 (investigate) is PLOVER's ACCUSE
    assert lexicon.verbs["räumen"].category == "COERCE"
    assert lexicon.noun("Feuergefechten").category == "ASSAULT"
    assert lexicon.noun("Entführung").category == "ASSAULT"
    assert lexicon.verbs["freigeben"].category == "RETREAT"


# -- round 5: appositions, origins, seats, joint subjects, answered measures -------------------------------------

def test_an_apposition_naming_an_office_places_the_person(nlp):
    doc = coded(nlp, "Ewald Nowotny, Ratsmitglied der Europäischen Zentralbank, drängte auf eine rasche Entscheidung.")
    assert summary(doc) == [("REQUEST", "actual", "ECB", None)]


def test_where_a_reaction_comes_from_is_who_reacts(nlp):
    doc = coded(nlp, "Kritik kam aus dem Europäischen Parlament.")
    assert summary(doc) == [("ACCUSE", "actual", "EP", None)]


def test_an_institution_in_the_capital_the_clause_opens_with_is_of_its_state(nlp):
    doc = coded(nlp, "In Peking bestätigte die Regierung die Einigung.")
    assert summary(doc) == [("AGREE", "actual", "CHN", None)]


def test_both_sides_act_not_the_one_who_tells_it(nlp):
    doc = coded(nlp, "Der Kreml-Sprecher fügte hinzu, beide Seiten hätten vereinbart, in Kontakt zu bleiben.")
    assert all(source is None for _, _, source, _ in summary(doc))


def test_measures_without_a_target_were_aimed_at_the_one_who_rejects_them(nlp):
    doc = coded(nlp, "Russland hat die neuen Sanktionen der Vereinigten Staaten entschieden zurückgewiesen.")
    assert set(summary(doc)) == {("COERCE", "actual", "USA", "RUS"), ("REJECT", "actual", "RUS", "USA")}


def test_a_demand_is_not_aimed_at_a_phrase_of_what_it_demands(nlp):
    doc = coded(nlp, "US-Außenminister Mike Pompeo hatte eine härtere Haltung gegenüber China verlangt.")
    assert summary(doc) == [("REQUEST", "actual", "USA", None)]


def test_cues_of_round_five():
    lexicon = read_event_lexicon()
    assert lexicon.noun("Rücktrittsultimatum").category == "THREATEN"
    assert lexicon.noun("Handelskrieg").category == "COERCE"        # the exact noun wins over "*krieg"
    assert lexicon.noun("Bürgerkrieg").category == "ASSAULT"
    assert lexicon.verbs["tagen"].category == "CONSULT"
    assert lexicon.verbs["erschießen"].category == "ASSAULT"
    assert {parts: cue.category for parts, cue in lexicon.phrases}[("frieden", "schließen")] == "AGREE"


def test_a_person_at_the_very_end_of_a_text_is_no_index_error(nlp):
    # the apposition check looks at the token after a name; a text may end with the name
    doc = coded(nlp, "Gestern kritisierte Ewald Nowotny")
    assert summary(doc) == [("ACCUSE", "actual", None, None)]


# -- round 6: adjectives of event nouns, objects' phrases, participles after appositions, verb forms -----------

def test_a_states_adjective_before_an_event_noun_is_that_nouns_agent(nlp):
    doc = coded(nlp, "Im Exil lebende Uiguren weisen die chinesischen Anschuldigungen zurück.")
    assert ("REJECT", "actual", None, "CHN") in summary(doc)


def test_a_rejection_is_not_aimed_at_a_phrase_of_what_it_rejects(nlp):
    doc = coded(nlp, "Er wies den Vergleich mit den amerikanischen Maßnahmen zurück.")
    assert summary(doc) == [("REJECT", "actual", None, None)]


def test_a_participle_after_an_apposition_is_passive_with_the_clause_before_it(nlp):
    doc = coded(nlp, "Vor einem Jahr wurde Rashid Rehman, ein pakistanischer Rechtsanwalt, erschossen.")
    assert summary(doc) == [("ASSAULT", "actual", None, "PAK")]


def test_an_infinitive_is_a_cue_by_its_form_where_the_lemma_is_wrong(nlp):
    doc = coded(nlp, "Zugleich hätten beide Präsidenten vereinbart, bei der Rüstungskontrolle weiter "
                     "zusammenzuarbeiten.")
    assert ("COOPERATE", "intended", None, None) in summary(doc)
    lexicon = read_event_lexicon()
    assert events._form_cue("zusammenarbeiten", lexicon).category == "COOPERATE"
    assert events._form_cue("zusammenarbeitet", lexicon) is None       # only forms in -en


def test_when_both_sides_act_a_place_or_a_third_party_is_no_partner(nlp):
    doc = coded(nlp, "Beide Seiten hätten vereinbart, die Gespräche in Peking fortzusetzen.")
    assert all(target is None for *_, target in summary(doc))
    doc = coded(nlp, "Le Maire sagte, beide Länder würden bei den Plänen der EU-Kommission eng zusammenarbeiten.")
    assert summary(doc) == [("COOPERATE", "intended", None, None)]


def test_expressing_concern_is_an_accusation():
    phrases = {parts: cue.category for parts, cue in read_event_lexicon().phrases}
    assert phrases[("sorge", "äußern")] == phrases[("besorgnis", "äußern")] == "ACCUSE"


# -- session 8: cues from the CAMEO → PLOVER table, verdicts, joint action ---------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Die Behörden in Ankara verhängten eine Ausgangssperre.", ("COERCE", "TUR", None)),
    ("Die Polizei nahm in Minsk Dutzende Demonstranten in Gewahrsam.", ("COERCE", None, None)),
    ("Tausende gingen in Warschau gegen die Regierung auf die Straße.", ("PROTEST", None, None)),
    ("Die Gewerkschaften riefen einen Generalstreik aus.", ("PROTEST", None, None)),
    ("Litauen hat seinen Botschafter aus Minsk abberufen.", ("SANCTION", "LTU", "BLR")),
    ("Polen bestellte den russischen Botschafter ein.", ("ACCUSE", "POL", "RUS")),
    ("Schweden widersetzte sich dem Plan.", ("REJECT", "SWE", None)),
    ("Die Ukraine wirft Russland eine neue Offensive im Osten vor.", ("ACCUSE", "UKR", "RUS")),
    ("Die Regierung in Vilnius mahnte Minsk zur Zurückhaltung.", ("REQUEST", "LTU", "BLR")),
    ("Der Ministerpräsident ist nach den Protesten zurückgetreten.", ("CONCEDE", None, None)),
    ("Russland will seine Truppen aus der Region zurückziehen.", ("RETREAT", "RUS", None)),
    ("Russland zog an der Grenze Truppen zusammen.", ("MOBILIZE", "RUS", None)),
    ("Aufständische verschleppten zwei Mitarbeiter einer polnischen Hilfsorganisation.", ("ASSAULT", None, "POL")),
    ("Deutschland stellt der Ukraine weitere Kredite bereit.", ("AID", "DEU", "UKR")),
    ("Die Außenminister Polens und Litauens trafen sich zu einer Unterredung.", ("CONSULT", "POL", "LTU")),
])
def test_cues_of_the_cameo_table(nlp, text, expected):
    found = [(c, s, t) for c, _, s, t in summary(coded(nlp, text))]
    assert expected in found


@pytest.mark.parametrize("text", [
    "Tesla will mit dem neuen Modell den europäischen Markt erobern.",     # erobern + Markt: no attack
    "Viele seiner Vorhersagen sind inzwischen eingetroffen.",            # eintreffen without a place: no visit
    "Die Forscher diskutieren die Ergebnisse kontrovers.",               # diskutieren without "mit": no talks
    "Wir warten gemeinsam auf den Sommer.",                              # joint act without placed actors
    "Der Sprecher sprach von 300 Toten.",                                # "sprach von" without a verdict
    "Sie bezeichnete ihn als Experten für Verkehrspolitik.",             # "als" without a verdict
])
def test_words_that_are_no_events_in_these_senses(nlp, text):
    assert summary(coded(nlp, text)) == []


@pytest.mark.parametrize("text, expected", [
    ("Moskau bezeichnete den Schritt als unbegründet.", ("ACCUSE", "RUS")),
    ("Das Außenministerium in Peking sprach von einer unverhältnismäßigen Reaktion.", ("ACCUSE", "CHN")),
    ("Die polnische Regierung äußerte sich enttäuscht.", ("ACCUSE", "POL")),
    ("Der litauische Präsident sprach von einem wichtigen Durchbruch.", ("SUPPORT", "LTU")),
    ("Die Bundesregierung wertete das Treffen als Erfolg.", ("SUPPORT", "DEU")),
])
def test_verdicts_are_criticism_or_praise(nlp, text, expected):
    assert expected in [(c, s) for c, _, s, _ in summary(coded(nlp, text))]


def test_verdict_rows_are_criticism_or_praise_only(tmp_path):
    assert read_event_lexicon().verdicts["unbegründet"].category == "ACCUSE"
    bad = tmp_path / "lex.tsv"
    bad.write_text("cue\tkind\tcategory\tmode\nunbegründet\tverdict\tREJECT\tactual\n", encoding="utf-8")
    with pytest.raises(ValueError, match="a verdict is ACCUSE or SUPPORT"):
        read_event_lexicon(bad)


def test_konjunktiv_forms_in_e_are_cues_by_their_form(nlp):
    # the lemmatizer reads "fordere" as "ford"; with its particle it is "auffordern"
    doc = coded(nlp, "Man fordere Washington erneut auf, die Entscheidung zurückzunehmen.")
    assert summary(doc) == [("REQUEST", "actual", None, "USA")]
    lexicon = read_event_lexicon()
    assert events._form_cue("kritisiere", lexicon).category == "ACCUSE"
    assert events._form_cue("kritisierte", lexicon).category == "ACCUSE"
    assert events._form_cue("forderten", lexicon).category == "REQUEST"
    assert events._form_cue("bewegte", lexicon) is None
    # phrases too: "behalte sich … vor" (lemma "behalen") is "vorbehalten"
    assert summary(coded(nlp, "Er fügte hinzu, China behalte sich weitere Schritte vor.")) == \
        [("THREATEN", "actual", "CHN", None)]


def test_declining_to_yield_is_a_rejection(nlp):
    assert summary(coded(nlp, "Peking werde in dieser Frage keine Zugeständnisse machen.")) == \
        [("REJECT", "actual", "CHN", None)]


def test_a_rejected_demand_is_told_as_the_rejection(nlp):
    doc = coded(nlp, "Eine Forderung der EU-Außenminister nach einer Waffenruhe lehnte die israelische "
                     "Regierung ab.")
    assert summary(doc) == [("REJECT", "actual", "ISR", "EU")]


def test_joint_action_between_placed_actors_is_cooperation(nlp):
    doc = coded(nlp, "Russland ist bereit, gemeinsam mit den USA die Zahl der Sprengköpfe einzufrieren.")
    assert ("COOPERATE", "RUS", "USA") in [(c, s, t) for c, _, s, t in summary(doc)]
    # "gemeinsam" with a cue of its own is that cue's act
    doc = coded(nlp, "Polen und Litauen besuchten gemeinsam die Ukraine.")
    assert [c for c, *_ in summary(doc)] == ["CONSULT"]


def test_a_compound_needs_a_head_of_its_own():
    lexicon = read_event_lexicon()
    assert lexicon.noun("Teileinigung").category == "AGREE"
    assert lexicon.noun("EU-Gipfel").category == "CONSULT"
    assert lexicon.noun("Vereinigung") is None        # a derivation with "ver-", not a kind of "Einigung"
    assert lexicon.noun("Reinigung") is None          # "r" is no compound head


def test_a_commitment_both_sides_make_is_an_agreement(nlp):
    doc = coded(nlp, "Beide Seiten bekannten sich zu einer engeren Zusammenarbeit in der Energiepolitik.")
    assert [c for c, *_ in summary(doc)] == ["AGREE"]
    doc = coded(nlp, "Polen bekannte sich zu einer engeren Zusammenarbeit in der Energiepolitik.")
    assert [c for c, *_ in summary(doc)] == ["SUPPORT"]


@pytest.mark.parametrize("text, expected", [
    ("Deutschland will die Ukraine mit weiteren 500 Millionen Euro unterstützen.", "AID"),
    ("Polen sagte Litauen militärische Unterstützung zu.", "AID"),
    ("Frankreich unterstützt den Vorschlag der Kommission.", "SUPPORT"),
    ("Die politische Unterstützung Polens für den Plan war entscheidend.", "SUPPORT"),
])
def test_support_with_money_arms_or_goods_is_aid(nlp, text, expected):
    categories = [c for c, *_ in summary(coded(nlp, text))]
    assert expected in categories and ({"AID", "SUPPORT"} - {expected}).isdisjoint(categories)


def test_a_reported_obligation_of_another_is_a_demand(nlp):
    doc = coded(nlp, "Die USA müssten ihre Zölle und Sanktionen gegen chinesische Unternehmen überdenken, sagte Zhao.")
    assert summary(doc) == [("REQUEST", "actual", None, "USA")]      # the measures are what is demanded
    assert summary(coded(nlp, "Hier dürfe Washington keine Grenzen überschreiten.")) == \
        [("REQUEST", "actual", None, "USA")]
    assert summary(coded(nlp, "Jedes Abkommen müsse die Sorgen der Verbündeten berücksichtigen.")) == []
    assert all(c != "REQUEST" for c, *_ in summary(coded(nlp, "Man müsse früher und offener miteinander sprechen.")))
    # "dürfe" without a negation grants rather than demands
    assert all(c != "REQUEST" for c, *_ in summary(coded(nlp, "Litauen dürfe an dem Treffen teilnehmen.")))


def test_drohen_threatens_only_with_mit_or_a_zu_clause(nlp):
    assert summary(coded(nlp, "Der drittgrößten Volkswirtschaft der Erde, Japan, droht eine erneute Rezession.")) == []
    # what is feared has not happened: no attack either
    assert summary(coded(nlp, "Die Regierung befürchtet, dass Kenia ein großangelegter Anschlag droht.")) == []
    assert ("THREATEN", "USA", "CHN") in [(c, s, t) for c, _, s, t in
                                          summary(coded(nlp, "Die USA drohten China mit neuen Zöllen."))]
    assert "THREATEN" in [c for c, *_ in summary(coded(nlp, "Trump drohte, die Zölle auf chinesische Waren zu erhöhen."))]


def test_what_a_request_asks_for_is_its_object(nlp):
    doc = coded(nlp, "Das Land hat die internationale Gemeinschaft um Unterstützung gebeten.")
    assert [c for c, *_ in summary(doc)] == ["REQUEST"]


def _compound_by_trying_every_suffix(lexicon, key):
    """The rule `EventLexicon._compound` implements: the first suffix cue, in the table's order, that the key ends
    with after a compound head of at least three letters that is not a verb prefix."""
    for suffix, cue in lexicon.noun_suffixes:
        if key.endswith(suffix) and events._compound_head(key[: -len(suffix)]):
            return key[: -len(suffix)], cue
    return None


def test_compound_nouns_find_the_suffix_cue_the_table_orders_first():
    lexicon = read_event_lexicon()
    assert lexicon.noun_suffix("Japanbesuch")[0] == "japan"
    assert lexicon.noun("Luftangriffe") is not None and lexicon.noun("Reinigung") is None
    words = [suffix for suffix, _ in lexicon.noun_suffixes]
    keys = {head + suffix for suffix in words for head in ("", "be", "ver", "eu", "nato", "militär", "x")}
    keys |= {key[1:] for key in keys} | {key + "n" for key in keys} | {"", "a", "abc"}
    for key in sorted(keys):
        assert lexicon._compound(key) == _compound_by_trying_every_suffix(lexicon, key), key


def test_of_two_suffix_cues_a_compound_ends_with_the_first_in_the_table_wins(tmp_path):
    table = tmp_path / "lex.tsv"
    table.write_text("cue\tkind\tcategory\tmode\n*treffen\tnoun\tCONSULT\tactual\n"
                     "*gipfeltreffen\tnoun\tCONSULT\tintended\n*besuch\tnoun\tCONSULT\tactual\n", encoding="utf-8")
    lexicon = read_event_lexicon(table)  # sorted longest suffix first
    assert lexicon.noun_suffix("Natogipfeltreffen") == ("nato", lexicon.nouns["gipfeltreffen"])
    assert lexicon.noun_suffix("Gipfeltreffen") == ("gipfel", lexicon.nouns["treffen"])  # "" is no compound head
    assert lexicon.noun_suffix("Betreffen") is None and lexicon.noun_suffix("Vertreffen") is None
    shortest_first = read_event_lexicon(table)
    shortest_first.noun_suffixes.reverse()  # before its first lookup: the suffix index is built then
    assert shortest_first.noun_suffix("Natogipfeltreffen") == ("natogipfel", lexicon.nouns["treffen"])
