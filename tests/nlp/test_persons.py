"""The table of well-known persons (nlp/persons.py, nlp/data/persons.tsv) and its use by actor_mentions."""

import pandas as pd
import pytest

from lagebild.nlp import persons
from lagebild.nlp.gazetteer import TableError

HEADER = "name\taliases\tcountry\tnote\n"


def test_the_shipped_table_parses_and_finds_names_in_any_spelling():
    assert len(persons.load()) > 200
    assert persons.country_of("Sergei Rjabkow") == persons.country_of("Sergey Ryabkov") == "RUS"
    assert persons.country_of("Recep Tayyip Erdogan") == persons.country_of("Erdoğan") == "TUR"
    assert persons.country_of("Zelensky") == "UKR"
    assert persons.country_of("António Guterres") == "UN"
    assert persons.country_of("Hans Meier") is None and persons.country_of(None) is None


def test_an_unknown_code_or_a_name_claimed_twice_is_an_error_naming_the_line():
    with pytest.raises(TableError, match=r"persons.tsv:3: country 'XXX'"):
        persons.parse(HEADER + "Anna Beispiel\t\tDEU\nBerta Beispiel\t\tXXX\n",
                      frozenset({"DEU"}))
    with pytest.raises(TableError, match=r"persons.tsv:3: 'Beispiel' is already listed for DEU"):
        persons.parse(HEADER + "Anna Beispiel\tBeispiel\tDEU\nBerta Beispiel\tBeispiel\tAUT\n",
                      frozenset({"DEU", "AUT"}))
    assert persons.parse(HEADER + "Anna Beispiel\tBeispiel\tDEU\nAnna Beispiel\tBeispiel\tDEU\n",
                         frozenset({"DEU"})) == {"anna beispiel": "DEU", "beispiel": "DEU"}


def test_the_registry_gives_a_known_person_the_table_country_only_where_the_corpus_gives_none(tmp_path):
    from lagebild.records import Mention
    from lagebild.store import Batch, Store

    def mention(article, text, country=None):
        return Mention(f"{article}-m0", article, 0, 0, len(text), text, "PER", text, "person", None, country,
                          None, 0, None)

    with Store.open(tmp_path / "p.duckdb", write=True) as store:
        batch = Batch.empty()
        batch.mentions = [mention("a1", "Sergei Rjabkow"), mention("a2", "Andrij Melnyk", country="DEU"),
                          mention("a3", "Hans Beispiel")]
        store.write_batch(store.start_run("test"), batch)
        store.rebuild_actors()
        actors = store.actors().set_index("name")["country"].to_dict()
    assert actors["Sergei Rjabkow"] == "RUS"
    assert actors["Andrij Melnyk"] == "DEU"  # what the corpus says wins over the table (UKR)
    assert pd.isna(actors["Hans Beispiel"])
