import random

import pytest

from lagebild.sources.dedupe import DuplicateIndex, fingerprint, fingerprints, similarity, word_hashes

ARTICLE = (
    "Der russische Außenminister Sergei Lawrow hat am Montag in Moskau seinen französischen Amtskollegen "
    "empfangen. Beide Seiten sprachen über die Lage in Europa, über Rüstungskontrolle und über die "
    "Zusammenarbeit im Sicherheitsrat der Vereinten Nationen. Lawrow sagte nach dem Treffen, man habe offen "
    "gesprochen, doch in vielen Fragen bestünden weiterhin tiefe Meinungsverschiedenheiten. Der französische "
    "Minister erklärte, Paris sei an einem dauerhaften Dialog interessiert, erwarte aber konkrete Schritte. "
    "Ein weiteres Treffen sei für den Herbst geplant, hieß es aus diplomatischen Kreisen in beiden Hauptstädten."
)


def sig(text):
    return fingerprint(text).signature


def key(text):
    return fingerprint(text).content_hash


def test_content_hash_ignores_case_punctuation_spacing_and_soft_hyphens():
    assert key("Die  Außen\u00admi\u00adnisterin, sagte: „Ja!“") == key("die Außenministerin sagte ja")
    assert key("Bürger") == key("BÜRGER")
    assert key("Ein Text.") != key("Ein anderer Text.")
    assert key("Moskau – Washington") == key("Moskau Washington")


def test_word_hashes_depend_on_the_word_only():
    first = word_hashes("Moskau und Washington")
    second = word_hashes("und Moskau, WASHINGTON!")
    assert list(first) == [second[1], second[0], second[2]]
    assert len(set(word_hashes("a b ab ba aa bb"))) == 6
    assert len(word_hashes("")) == 0 and len(word_hashes(" ... ")) == 0


def test_batch_and_single_fingerprints_agree():
    texts = [ARTICLE, "", "Zwei Wörter", ARTICLE.upper() + " Zusatz", "Soft\u00adhyphen hier. " * 3]
    batch = fingerprints(texts)
    for text, print_ in zip(texts, batch):
        single = fingerprint(text)
        assert single.content_hash == print_.content_hash
        assert (single.signature == print_.signature).all()


def test_exact_duplicate_found_by_hash():
    index = DuplicateIndex()
    index.add("a", key(ARTICLE), sig(ARTICLE))
    found = index.find(key(ARTICLE.upper()), sig(ARTICLE.upper()))
    assert found is not None and (found.of, found.kind, found.similarity) == ("a", "exact", 1.0)


def test_near_duplicate_with_a_changed_sentence_end():
    index = DuplicateIndex()
    index.add("a", "h-a", sig(ARTICLE))
    changed = ARTICLE.replace("in beiden Hauptstädten.", "in Paris.")
    found = index.find("h-b", sig(changed))
    assert found is not None and found.of == "a" and found.kind == "near" and found.similarity >= 0.9


def test_different_articles_are_not_linked():
    index = DuplicateIndex()
    index.add("a", "h-a", sig(ARTICLE))
    words = ARTICLE.split()
    random.Random(3).shuffle(words)
    assert index.find("h-b", sig(" ".join(words))) is None
    assert index.find("h-c", sig("Ganz anderer Text über das Wetter in Hamburg und die Elbe.")) is None


def test_threshold_is_respected():
    words = ARTICLE.split()
    edited = list(words)
    edited[20] = edited[60] = "anders"
    base, changed = sig(" ".join(words)), sig(" ".join(edited))
    estimate = similarity(base, changed)
    assert 0.6 < estimate < 0.9
    strict = DuplicateIndex(threshold=0.9)
    strict.add("a", "h", base)
    assert strict.find("h2", changed) is None
    loose = DuplicateIndex(threshold=0.5)
    loose.add("a", "h", base)
    assert loose.find("h2", changed) is not None


def test_signature_estimates_jaccard():
    rng = random.Random(7)
    words = [f"w{rng.randrange(5000)}" for _ in range(800)]
    changed = list(words)
    for i in rng.sample(range(800), 40):
        changed[i] = "neu"

    def shingles(ws):
        return {tuple(ws[i:i + 5]) for i in range(len(ws) - 4)}

    true = len(shingles(words) & shingles(changed)) / len(shingles(words) | shingles(changed))
    assert abs(similarity(sig(" ".join(words)), sig(" ".join(changed))) - true) < 0.1


def test_short_and_empty_texts_have_signatures():
    assert len(sig("")) == len(sig("ein")) == len(sig(ARTICLE)) == 128


def test_invalid_threshold():
    with pytest.raises(ValueError):
        DuplicateIndex(threshold=0)
