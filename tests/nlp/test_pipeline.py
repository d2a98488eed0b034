import spacy

from lagebild.nlp.pipeline import load_pipeline, make_doc


def test_without_models_the_pipeline_still_tokenizes_and_splits(tmp_path):
    nlp = load_pipeline(tmp_path)
    assert nlp.pipe_names == ["news_sentences"]
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
    assert nlp.pipe_names == ["news_sentences", "tagger", "verb_morph", "gazetteer_ruler", "ner"]
    doc = nlp("Peskow sagte, es gebe keine Gespräche.")
    assert all(t.tag_ in {"VVFIN", "NN", "$."} for t in doc)


def test_make_doc_carries_article_id_and_segments():
    nlp = load_pipeline(spacy.util.get_package_path("spacy") / "nonexistent")
    doc = make_doc(nlp, "Text.", "abc", [])
    assert doc._.article_id == "abc" and doc._.segments == []
