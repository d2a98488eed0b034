"""The gazetteer tables and the lookups over them (lagebild.nlp.gazetteer)."""

from __future__ import annotations

import re
from importlib import resources

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.nlp import gazetteer
from lagebild.nlp.gazetteer import Gazetteer, TableError, load

# keys that name two states on purpose; the first row in countries.tsv wins (see data/README.md)
AMBIGUOUS_ALLOWED = {
    # the two Congos share adjective and demonyms; the Democratic Republic (COD) is listed first
    "kongolesisch": ("COD", "COG"),
    "kongolese": ("COD", "COG"),
    "kongolesen": ("COD", "COG"),
    "kongolesin": ("COD", "COG"),
    "kongolesinnen": ("COD", "COG"),
}


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return load()


def _table(name: str) -> str:
    return resources.files("lagebild.nlp").joinpath("data", name).read_text(encoding="utf-8")


# ---- the tables


@pytest.mark.parametrize("name", gazetteer.TABLES)
def test_every_table_parses_with_a_consistent_number_of_cells(name):
    rows = gazetteer._read_table(_table(name), name)
    assert rows
    header = next(
        line.split("\t") for line in _table(name).splitlines() if line.strip() and not line.startswith("#")
    )
    assert all(set(row) == set(header) for _, row in rows)


def test_load_builds_from_the_packaged_tables_once(gz):
    assert load() is gz
    assert len(gz.countries) >= 190
    assert len(gz.organisations) >= 60
    assert len(gz.roles) >= 120
    assert len({term for role in gz.roles for term in role.terms}) >= 120
    assert gz.metonyms


def test_iso_codes_are_unique_three_upper_case_letters(gz):
    codes = [c.iso3 for c in gz.countries]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"[A-Z]{3}", code) for code in codes)


def test_all_un_members_and_the_five_other_states_are_there(gz):
    others = {"PSE", "XKX", "TWN", "VAT", "ESH"}
    codes = {c.iso3 for c in gz.countries}
    assert others <= codes
    assert len(codes - others) == 193


def test_every_country_has_name_capital_and_region(gz):
    for country in gz.countries:
        assert country.name and country.capitals, country.iso3
        assert country.region in gazetteer.REGIONS
        assert len(country.demonyms) % 4 == 0


def test_organisation_codes_are_unique_and_not_iso_codes(gz):
    codes = [o.code for o in gz.organisations]
    assert len(codes) == len(set(codes))
    assert not set(codes) & {c.iso3 for c in gz.countries}
    for code in ("EU", "NATO", "UN", "OSCE", "WHO", "IAEA", "IMF", "WTO", "G7", "G20", "BRICS", "ASEAN", "AU",
                 "OPEC", "SCO", "CSTO", "EAEU", "COE", "ICC", "ICJ", "OECD", "WORLDBANK", "UNHCR", "UNICEF",
                 "UNESCO", "UNSC", "ECB", "EP", "EC"):
        assert gz.organisation(code) is not None, code
    assert gz.organisation("UNSC").parent == "UN"
    assert gz.organisation("EC").parent == "EU"


def test_metonyms_name_known_actors_with_plover_agent_types(gz):
    known = {c.iso3 for c in gz.countries} | {o.code for o in gz.organisations}
    for metonym in gz.metonyms:
        assert metonym.code in known
        assert metonym.agent_type in {"GOV", "MIL", "LEG", "JUD"}
        assert metonym.label in {"ORG", "LOC"}


def test_no_new_ambiguous_country_keys(gz):
    assert gz.ambiguous_keys() == AMBIGUOUS_ALLOWED


def test_a_broken_row_is_reported_with_file_and_line():
    countries = _table("countries.tsv") + "XX\tNirgendwo\t\t\t\t\tNirgends\t\tEurope\n"
    with pytest.raises(TableError, match=r"countries.tsv:\d+: iso3 'XX'"):
        Gazetteer.from_texts(countries, _table("organisations.tsv"), _table("metonyms.tsv"), _table("roles.tsv"))
    roles = _table("roles.tsv") + "Chef\tleader\tXYZ\tboth\n"
    with pytest.raises(TableError, match="agent_type"):
        Gazetteer.from_texts(_table("countries.tsv"), _table("organisations.tsv"), _table("metonyms.tsv"), roles)


# ---- countries


@pytest.mark.parametrize(
    ("text", "iso3", "kind"),
    [
        ("Russland", "RUS", "name"),
        ("Russlands", "RUS", "name"),
        ("russische", "RUS", "adjective"),
        ("russischen", "RUS", "adjective"),
        ("russischer", "RUS", "adjective"),
        ("russisches", "RUS", "adjective"),
        ("Russen", "RUS", "demonym"),
        ("Russin", "RUS", "demonym"),
        ("Moskau", "RUS", "capital"),
        ("Moskaus", "RUS", "capital"),
        ("Russische Föderation", "RUS", "name"),
        ("USA", "USA", "name"),
        ("die USA", "USA", "name"),
        ("Vereinigte Staaten", "USA", "name"),
        ("Vereinigten Staaten", "USA", "name"),
        ("US-amerikanisch", "USA", "adjective"),
        ("US-amerikanischen", "USA", "adjective"),
        ("Amerikaner", "USA", "demonym"),
        ("Washington", "USA", "capital"),
        ("US-Präsident", "USA", "prefix"),
        ("Peking", "CHN", "capital"),
        ("chinesischen", "CHN", "adjective"),
        ("China", "CHN", "name"),
        ("Chinas", "CHN", "name"),
        ("Kiew", "UKR", "capital"),
        ("Kyjiw", "UKR", "capital"),
        ("ukrainische", "UKR", "adjective"),
        ("Ukraine-Krieg", "UKR", "prefix"),
        ("Berlin", "DEU", "capital"),
        ("deutschen", "DEU", "adjective"),
        ("Deutschen", "DEU", "demonym"),
        ("Großbritannien", "GBR", "name"),
        ("Vereinigten Königreichs", "GBR", "name"),
        ("britische", "GBR", "adjective"),
        ("Weißrussland", "BLR", "name"),
        ("Belarus", "BLR", "name"),
        ("Irans", "IRN", "name"),
        ("Teheran", "IRN", "capital"),
        ("Vereinigten Arabischen Emiraten", "ARE", "name"),
        ("Côte d’Ivoire", "CIV", "name"),
        ("Türkiye", "TUR", "name"),
        ("Kosovo", "XKX", "name"),
        ("Taiwan", "TWN", "name"),
        ("Heiliger Stuhl", "VAT", "name"),
        ("Westsahara", "ESH", "name"),
        ("Palästinenser", "PSE", "demonym"),
    ],
)
def test_country_by_name(gz, text, iso3, kind):
    match = gz.country_by_name(text)
    assert match is not None, text
    assert (match.iso3, match.kind) == (iso3, kind)
    assert match.text == text


@pytest.mark.parametrize("text", ["Kreml", "Bundesregierung", "Präsident", "Haus", "", "Europa"])
def test_country_by_name_is_none_for_other_words(gz, text):
    assert gz.country_by_name(text) is None


# ---- organisations and metonyms


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("OSZE", "OSCE"),
        ("Nato", "NATO"),
        ("NATO", "NATO"),
        ("UNO", "UN"),
        ("Vereinte Nationen", "UN"),
        ("Vereinten Nationen", "UN"),
        ("EU", "EU"),
        ("Europäischen Union", "EU"),
        ("EU-Kommission", "EC"),
        ("UN-Sicherheitsrat", "UNSC"),
        ("IAEO", "IAEA"),
        ("Internationalen Währungsfonds", "IMF"),
        ("Europarats", "COE"),
        ("Weltgesundheitsorganisation", "WHO"),
    ],
)
def test_organisation_by_name(gz, text, code):
    match = gz.organisation_by_name(text)
    assert match is not None, text
    assert (match.code, match.kind) == (code, "name")


def test_organisation_named_by_a_compound_prefix(gz):
    match = gz.organisation_by_name("Nato-Gipfel")
    assert (match.code, match.kind) == ("NATO", "prefix")


@pytest.mark.parametrize(
    ("text", "code", "agent_type"),
    [
        ("Kreml", "RUS", "GOV"),
        ("des Kremls", "RUS", "GOV"),
        ("Weißes Haus", "USA", "GOV"),
        ("Weißen Haus", "USA", "GOV"),
        ("Weißen Hauses", "USA", "GOV"),
        ("Bundesregierung", "DEU", "GOV"),
        ("Pentagon", "USA", "MIL"),
        ("Elysee", "FRA", "GOV"),
        ("Downing Street", "GBR", "GOV"),
        ("Staatsduma", "RUS", "LEG"),
        ("Bundeswehr", "DEU", "MIL"),
    ],
)
def test_metonym(gz, text, code, agent_type):
    metonym = gz.metonym(text)
    assert metonym is not None, text
    assert (metonym.code, metonym.agent_type) == (code, agent_type)


def test_capitals_are_countries_not_metonyms(gz):
    assert gz.metonym("Moskau") is None
    assert gz.country_by_name("Brüssel").iso3 == "BEL"
    assert gz.metonym("Brüssel").code == "EU"


# ---- roles


@pytest.mark.parametrize(
    ("text", "role", "actor"),
    [
        ("Kremlsprecher", "spokesperson", "RUS"),
        ("Kreml-Sprecher", "spokesperson", "RUS"),
        ("US-Außenminister", "foreign_minister", "USA"),
        ("stellvertretende Außenminister", "deputy_foreign_minister", None),
        ("stellvertretende russische Außenminister", "deputy_foreign_minister", "RUS"),
        ("Vize-Außenminister", "deputy_foreign_minister", None),
        ("Außenministerin", "foreign_minister", None),
        ("Russlands Präsident", "president", "RUS"),
        ("Präsident der Ukraine", "president", "UKR"),
        ("Sprecherin des Weißen Hauses", "spokesperson", "USA"),
        ("Sprecherin des Außenministeriums", "spokesperson", None),
        ("UN-Generalsekretär", "secretary_general", "UN"),
        ("Nato-Generalsekretär", "secretary_general", "NATO"),
        ("Pentagon-Chef", "defence_minister", "USA"),
        ("Bundestagsabgeordneter", "legislator", "DEU"),
        ("Kremlsprecher Dmitri Peskow", "spokesperson", "RUS"),
        ("US-Vizepräsidentin", "vice_president", "USA"),
        ("Präsidenten", "president", None),
    ],
)
def test_role(gz, text, role, actor):
    match = gz.role(text)
    assert match is not None, text
    assert match.name == role
    assert match.actor_code == actor


def test_role_details(gz):
    peskow = gz.role("Kremlsprecher")
    assert peskow.agent_type == "GOV" and peskow.metonym.term == "Kreml" and peskow.gender == "m"
    assert gz.role("Außenministerin").gender == "f"
    assert gz.role("Abgeordnete").gender is None
    assert gz.role("stellvertretende Außenminister").deputy
    former = gz.role("Ex-US-Präsident")
    assert (former.name, former.actor_code, former.former) == ("president", "USA", True)
    assert gz.role("Altkanzler").former
    hamas = gz.role("Hamas-Sprecher")
    assert (hamas.name, hamas.actor_code, hamas.unresolved) == ("spokesperson", None, ("Hamas",))
    white_house = gz.role("Sprecher des Weißen Hauses")
    assert white_house.agent_type == "GOV"  # the role leaves it open; the metonym says GOV


@pytest.mark.parametrize("text", ["Lautsprecher", "Haus", "russische", "Moskau", ""])
def test_role_is_none_for_other_words(gz, text):
    assert gz.role(text) is None


# ---- entity patterns


@pytest.fixture(scope="module")
def ruler_nlp(gz):
    nlp = spacy.blank("de")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(gz.entity_patterns(nlp))
    return nlp


def _ents(nlp, text):
    return {(e.text, e.label_) for e in nlp(text).ents}


def test_entity_patterns_are_token_patterns_with_ids(gz):
    patterns = gz.entity_patterns()
    assert {p["label"] for p in patterns} == {"LOC", "LOCderiv", "ORG"}
    assert all(isinstance(p["pattern"], list) and p["pattern"] for p in patterns)
    assert all(re.fullmatch(r"(country|capital|adjective|org|metonym):[A-Z0-9]+", p["id"]) for p in patterns)
    weisses_haus = [p for p in patterns if p["pattern"] == [{"ORTH": "Weißen"}, {"ORTH": "Haus"}]]
    assert weisses_haus and weisses_haus[0]["label"] == "ORG"


def test_entity_ruler_tags_states_capitals_organisations_metonyms_and_adjectives(ruler_nlp):
    ents = _ents(
        ruler_nlp,
        "Russland kritisierte in Moskau die OSZE, der Kreml wies Berichte aus dem Weißen Haus zurück, "
        "die russische Regierung schwieg.",
    )
    assert {
        ("Russland", "LOC"),
        ("Moskau", "LOC"),
        ("OSZE", "ORG"),
        ("Kreml", "ORG"),
        ("Weißen Haus", "ORG"),
        ("russische", "LOCderiv"),
    } <= ents


def test_entity_ruler_handles_inflected_multi_word_names(ruler_nlp):
    ents = _ents(
        ruler_nlp, "Das Weiße Haus, die Vereinigten Staaten und der Internationale Strafgerichtshof äußerten sich."
    )
    assert {("Weiße Haus", "ORG"), ("Vereinigten Staaten", "LOC"), ("Internationale Strafgerichtshof", "ORG")} <= ents
    assert ("Russlands", "LOC") in _ents(ruler_nlp, "Es geht um Russlands Rolle.")


def test_capitalised_adjectives_only_at_a_sentence_start(ruler_nlp):
    assert ("Russische", "LOCderiv") in _ents(ruler_nlp, "Russische Truppen rückten vor.")
    assert _ents(ruler_nlp, "Sie arbeitet bei der Deutsche Bank.") == set()


def _deaccent_by_characters(key: str) -> str:
    import unicodedata

    protected = "".join(gazetteer._UMLAUTS.get(ch, ch) for ch in key)
    bare = "".join(ch for ch in unicodedata.normalize("NFD", protected) if unicodedata.category(ch) != "Mn")
    return "".join(gazetteer._UMLAUTS_BACK.get(ch, ch) for ch in unicodedata.normalize("NFC", bare))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("abcäöüßÄÉéèñçå -") + ["a\u0308", "e\u0301"]), max_size=12).map("".join))
def test_deaccent_shortcut_for_plain_keys_gives_the_character_walk(key):
    assert gazetteer._deaccent(key) == _deaccent_by_characters(key)


def test_federal_offices_are_german_unless_a_state_is_named():
    gaz = gazetteer.load()
    assert gaz.role("Bundeskanzlerin").actor_code == "DEU"
    assert gaz.role("Bundesaußenminister").actor_code == "DEU"
    assert gaz.role("der österreichische Bundeskanzler").actor_code == "AUT"
    assert gaz.role("Kanzlerin").actor_code is None  # not the "Bundes-" compound: the article must say whose
