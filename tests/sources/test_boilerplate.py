import pytest

from lagebild.sources.boilerplate import clean_text, find_segments, masked_text, outlet_from_segments

from ..conftest import shared_path


def kinds(text):
    return [(s.kind, s.text) for s in find_segments(text)]


def test_related_link_line_photo_credit_and_signature():
    text = (
        "Der Minister sagte, man sei zu Gesprächen bereit.\n\n"
        "Quelle: Reuters © Evgenia Novozhenina\n\n"
        "Weitere Einzelheiten wurden nicht genannt.\n\n"
        "Mehr zum Thema – Moskau weist Vorwürfe zurück\n"
        "ab/sna/cd"
    )
    assert kinds(text) == [
        ("photo_credit", "Quelle: Reuters © Evgenia Novozhenina"),
        ("related", "Mehr zum Thema – Moskau weist Vorwürfe zurück"),
        ("agency", "ab/sna/cd"),
    ]
    cleaned = clean_text(text, find_segments(text))
    assert cleaned == "Der Minister sagte, man sei zu Gesprächen bereit.\n\nWeitere Einzelheiten wurden nicht genannt."


def test_related_link_appended_to_the_last_paragraph():
    text = 'Er betonte, die Lage sei "ernst". Mehr zum Thema - Lawrow: Neue Gespräche in Genf'
    [(kind, found)] = kinds(text)
    assert kind == "related" and found == "Mehr zum Thema - Lawrow: Neue Gespräche in Genf"
    assert clean_text(text, find_segments(text)) == 'Er betonte, die Lage sei "ernst".'


def test_inline_teaser_between_two_sentences():
    text = ("Beide Seiten müssten das Gespräch wieder aufnehmen. Wang Yi: Peking lehnt Einmischung entschieden ab "
            "Auf eine Frage nach einem Treffen sagte der Sprecher, dies sei möglich.")
    [(kind, found)] = kinds(text)
    assert (kind, found) == ("teaser", "Wang Yi: Peking lehnt Einmischung entschieden ab")


def test_speech_after_colon_is_not_a_teaser():
    text = ("Der Sprecher äußerte sich am Montag. Peskow sagte: Die Beziehungen sind schlecht und "
            "Die Linke im Bundestag sieht das ähnlich.")
    assert kinds(text) == []


def test_teaser_line_and_heading_lines():
    text = (
        "Erster Absatz des Artikels mit einer Aussage.\n\n"
        "Scholz: Europa muss geschlossen handeln\n\n"
        "Zweiter Absatz mit weiteren Angaben.\n\n"
        "Streit um Gaspreise\n\n"
        "Dritter Absatz.\n\n"
        "Mehr zum Thema – Anderer Artikel"
    )
    assert kinds(text) == [("teaser", "Scholz: Europa muss geschlossen handeln"), ("heading", "Streit um Gaspreise"),
                           ("related", "Mehr zum Thema – Anderer Artikel")]
    headings = [s for s in find_segments(text) if s.kind == "heading"]
    assert not headings[0].is_boilerplate
    assert "Streit um Gaspreise" in clean_text(text, find_segments(text))


def test_colon_line_without_site_boilerplate_is_a_sub_heading():
    text = ("Erster Absatz des Live-Blogs.\n\nLindner: Kluge und mutige Stufenpläne\n\n"
            "Der FDP-Chef forderte am Abend einen Plan.\n\nLetzter Absatz.")
    assert kinds(text) == [("heading", "Lindner: Kluge und mutige Stufenpläne")]


def test_hard_wrapped_text_has_no_line_headings():
    text = ("Die Regierung hat am Montag\nbeschlossen, die Maßnahmen\nzu verlängern. Die Opposition\n"
            "kritisierte den Schritt\nals überhastet und forderte\nDebatten im Parlament.\nEnde.")
    assert kinds(text) == []


def test_interview_turns_are_not_teasers():
    text = ("Einleitung des Interviews.\n\nZEIT ONLINE: Wie geht es weiter?\n\nMüller: Wir warten ab.\n\n"
            "ZEIT ONLINE: Und dann?\n\nMüller: Dann sehen wir weiter\n\nMehr zum Thema – Anderes")
    assert [k for k, _ in kinds(text)] == ["related"]


def test_source_link_and_photo_caption_lines():
    text = ("Erster Absatz.\n\nReporter in Minsk. Foto: Paul Klemm\n\nZweiter Absatz.\n\n"
            "Quelle: https://example.org/artikel/123\n\nVon Maria Schneider\n\nDritter Absatz.")
    assert kinds(text) == [("photo_credit", "Reporter in Minsk. Foto: Paul Klemm"),
                           ("link", "Quelle: https://example.org/artikel/123"), ("byline", "Von Maria Schneider")]


def test_short_last_line_of_text_is_not_a_heading():
    text = "Ein Absatz.\n\nNoch ein Satz ohne Punkt am Ende"
    assert kinds(text) == []


@pytest.mark.parametrize("line", ["(dpa)", "(rt/dpa)", "AFP/Reuters", "(dpa/AFP)", "dpa", "jk/sna/ft"])
def test_agency_signature_lines(line):
    text = f"Der Text des Artikels endet hier.\n{line}"
    assert kinds(text) == [("agency", line)]


def test_inline_agency_signature_at_paragraph_end():
    text = "Die Regierung hatte vor zehn Tagen begonnen. (dpa)"
    assert kinds(text) == [("agency", "(dpa)")]


def test_dateline_before_first_sentence():
    text = "Moskau (dpa) – Der Kreml hat die Vorwürfe zurückgewiesen.\n\nWeiterer Text."
    [(kind, found)] = kinds(text)
    assert kind == "dateline" and found == "Moskau (dpa) – "
    assert clean_text(text, find_segments(text)).startswith("Der Kreml hat")


def test_masked_text_keeps_offsets():
    text = "Satz eins.\nQuelle: Sputnik © Ramil Sitdikow\nSatz zwei."
    masked = masked_text(text, find_segments(text))
    assert len(masked) == len(text)
    assert masked.index("Satz zwei.") == text.index("Satz zwei.")
    assert "Sputnik" not in masked


def test_outlet_inference():
    assert outlet_from_segments(find_segments("Text.\nak/sna/ae")) == "SNA"
    assert outlet_from_segments(find_segments("Text.\n(rt/dpa)")) == "RT DE"
    assert outlet_from_segments(find_segments("Text.\nMehr zum Thema – Anderes")) == "RT DE"
    assert outlet_from_segments(find_segments("Text.\n(dpa)")) is None


def test_seeds_boilerplate_is_separated():
    folder = shared_path("seeds")
    texts = {p.name: p.read_text(encoding="utf-8").split("\n", 1)[1] for p in folder.glob("*.txt")}
    found = {name: kinds(text) for name, text in texts.items()}
    peskow = found["000_d2ed2b8abe713cc6.txt"]
    assert [k for k, _ in peskow] == ["photo_credit", "teaser", "related"]
    assert peskow[1][1] == "Lawrow: Verhältnis zwischen Moskau und Pjöngjang erreicht neue Qualität"
    sna = found["001_9bc44866536b5020.txt"]
    assert ("agency", "ak/sna/ae") in sna
    assert ("heading", "Putin für Dialog offen") in sna and ("heading", "US-Präsidentschaftswahlen") in sna
    for name, text in texts.items():
        cleaned = clean_text(text, find_segments(text))
        assert "Mehr zum Thema" not in cleaned and "©" not in cleaned and "ak/sna/ae" not in cleaned, name
