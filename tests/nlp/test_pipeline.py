import spacy

from lagebild.nlp.pipeline import load_pipeline, make_doc


def test_without_models_the_pipeline_still_tokenizes_and_splits(tmp_path):
    nlp = load_pipeline(tmp_path)
    assert nlp.pipe_names == ["news_sentences", "event_coder"]
    doc = nlp("Er sagte: „Ja.“ Dann ging er.")
    assert len(list(doc.sents)) == 2


def test_models_are_assembled_in_order(tmp_path):
    tagger_nlp = spacy.blank("de")
    tagger = tagger_nlp.add_pipe("tagger")
    for label in ("VVFIN", "NN", "$."):
        tagger.add_label(label)
    tagger_nlp.initialize()
    tagger_nlp.to_disk(tmp_path / "tagger")
    ner_nlp = spacy.blank("de")
    ner = ner_nlp.add_pipe("ner")
    ner.add_label("PER")
    ner_nlp.initialize()
    ner_nlp.to_disk(tmp_path / "ner")

    nlp = load_pipeline(tmp_path)
    assert nlp.pipe_names == [
        "news_sentences", "tagger", "verb_morph", "gazetteer_ruler", "ner", "person_roles", "actor_mentions",
        "event_coder",
    ]
    doc = nlp("Peskow sagte, es gebe keine Gespräche.")
    assert all(t.tag_ in {"VVFIN", "NN", "$."} for t in doc)

    # with quotation layers the span taggers run after verb_morph and the assembly after the NER
    for layer in ("quote", "roles"):
        layer_nlp = spacy.blank("de")
        spans = layer_nlp.add_pipe("ner", name="spans")
        spans.add_label("Direct" if layer == "quote" else "SPEAKER")
        layer_nlp.initialize()
        (tmp_path / "quotes").mkdir(exist_ok=True)
        layer_nlp.to_disk(tmp_path / "quotes" / layer)
    nlp = load_pipeline(tmp_path)
    assert nlp.pipe_names == [
        "news_sentences", "tagger", "verb_morph", "quote_spans", "stash_quote_spans", "role_spans",
        "gazetteer_ruler", "ner", "person_roles", "quotations", "actor_mentions", "event_coder",
    ]
    assert nlp.disabled == ["role_tagger"]  # run by role_spans on the sentences near quotations
    doc = nlp("Peskow sagte: „Es gibt derzeit überhaupt keine Beziehungen zwischen unseren Ländern.“")
    assert not any(e.label_ in ("Direct", "SPEAKER") for e in doc.ents)  # the taggers' spans left doc.ents
    assert [q.type for q in doc._.quotes] == ["Direct"]  # from the quotation marks, whatever the taggers say


def test_make_doc_carries_article_id_and_segments():
    nlp = load_pipeline(spacy.util.get_package_path("spacy") / "nonexistent")
    doc = make_doc(nlp, "Text.", "abc", [])
    assert doc._.article_id == "abc" and doc._.segments == []


def test_a_loaded_pipeline_is_frozen_out_of_the_garbage_collector_until_it_is_dropped(tmp_path):
    import gc

    from lagebild.nlp.ops import GC_THRESHOLDS
    from lagebild.nlp.pipeline import release_dropped_pipeline

    thresholds = gc.get_threshold()
    try:
        gc.unfreeze()
        gc.set_threshold(700, 10, 10)
        nlp = load_pipeline(tmp_path)
        assert gc.get_threshold() == GC_THRESHOLDS
        assert gc.get_freeze_count() > 0  # the pipeline's objects among them
        del nlp
        release_dropped_pipeline()
        assert gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)
