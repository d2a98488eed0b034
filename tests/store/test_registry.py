"""The actor registry: merging mentions across articles."""

import pytest

from lagebild.records import Mention
from lagebild.store import Batch, Store
from lagebild.store.registry import actor_id, actor_key, fold_name


@pytest.mark.parametrize("a, b", [
    ("Sergei Lawrow", "Sergey Lavrov"), ("Wolodymyr Selenskyj", "Volodymyr Zelensky"), ("Dmitri Peskow", "Dmitry Peskov"),
    ("Michail Gorbatschow", "Mikhail Gorbachev"),
])
def test_transliterations_fold_alike(a, b):
    assert fold_name(a) == fold_name(b)


def test_diacritics_fold_away():
    assert fold_name("Andrej Babiš") == fold_name("Andrej Babis") == "andrei babis"
    assert fold_name("Jürgen Müller") == fold_name("Jurgen Muller")


def test_different_people_stay_apart():
    assert fold_name("Sergei Lawrow") != fold_name("Sergei Rjabkow")


def test_states_and_organisations_merge_by_code():
    assert actor_key("Moskau", "state", "RUS") == actor_key("Russland", "state", "RUS")
    assert actor_key("NATO", "igo", "NATO") != actor_key("Russland", "state", "RUS")
    assert actor_key(None, "person", None) is None
    assert actor_id("state:RUS") == actor_id("state:RUS") and len(actor_id("x")) == 16


def mention(article, n, text, label, name, kind="person", role=None, country=None):
    return Mention(f"{article}-m{n}", article, 0, n * 10, n * 10 + len(text), text, label, name, kind, role, country,
                   "GOV" if role else None, n, None)


def test_rebuild_merges_across_articles_and_short_names(tmp_path):
    with Store.open(tmp_path / "r.duckdb", write=True) as store:
        batch = Batch.empty()
        batch.mentions = [
            mention("a1", 0, "Dmitri Peskow", "PER", "Dmitri Peskow", role="spokesperson", country="RUS"),
            mention("a1", 1, "er", "PRON", "Dmitri Peskow", role="spokesperson", country="RUS"),
            mention("a2", 0, "Peskov", "PER", "Peskov"),
            mention("a2", 1, "Moskau", "LOC", "Russland", kind="state", country="RUS"),
            mention("a3", 0, "Russland", "LOC", "Russland", kind="state", country="RUS"),
            mention("a3", 1, "der Sprecher", "ROLE", None, role="spokesperson"),
        ]
        run = store.start_run("test")
        store.write_batch(run, batch)
        assert store.rebuild_actors() == 2
        actors = store.actors().set_index("name")
        assert set(actors.index) == {"Dmitri Peskow", "Russland"}
        peskow = actors.loc["Dmitri Peskow"]
        assert (peskow.role, peskow.country, peskow.n_mentions) == ("spokesperson", "RUS", 3)
        assert set(peskow.aliases) == {"Dmitri Peskow", "Peskov"}  # pronouns are not aliases
        mentions = store.mentions().set_index("mention_id")
        assert mentions.loc["a2-m0", "actor_id"] == mentions.loc["a1-m0", "actor_id"]
        assert pd_isna(mentions.loc["a3-m1", "actor_id"])  # an unresolved role phrase stays without an actor
        assert store.rebuild_actors() == 2  # a rebuild replaces, it does not add


def pd_isna(value):
    import pandas as pd

    return pd.isna(value)


def test_a_family_name_alone_joins_the_one_full_name_beginning_with_it(tmp_path):
    with Store.open(tmp_path / "f.duckdb", write=True) as store:
        batch = Batch.empty()
        batch.mentions = [
            mention("a1", 0, "Xi Jinping", "PER", "Xi Jinping", role="president", country="CHN"),
            mention("a2", 0, "Xi", "PER", "Xi"),
            mention("a2", 1, "Wang Yi", "PER", "Wang Yi"),
            mention("a3", 0, "Wang Wenbin", "PER", "Wang Wenbin"),
            mention("a3", 1, "Wang", "PER", "Wang"),  # two full names begin with it: stays apart
        ]
        store.write_batch(store.start_run("test"), batch)
        assert store.rebuild_actors() == 4
        actors = store.actors().set_index("name")
        assert set(actors.index) == {"Xi Jinping", "Wang Yi", "Wang Wenbin", "Wang"}
        assert (actors.loc["Xi Jinping", "n_mentions"], actors.loc["Xi Jinping", "country"]) == (2, "CHN")


def test_an_actor_mentioned_once_is_described_like_one_counted(tmp_path):
    with Store.open(tmp_path / "o.duckdb", write=True) as store:
        batch = Batch.empty()
        batch.mentions = [
            mention("a1", 0, "Außenminister Blinken", "PER", "Antony Blinken", role="foreign minister", country="USA"),
            mention("a1", 1, "Lula", "PER", "Lula", role="", country=None),
            mention("a2", 0, "Olaf Scholz", "PER", "Olaf Scholz", role="chancellor", country="DEU"),
            mention("a3", 0, "Scholz", "PER", "Olaf Scholz", role="chancellor", country="DEU"),
        ]
        store.write_batch(store.start_run("test"), batch)
        assert store.rebuild_actors() == 3
        actors = store.actors().set_index("name")
        blinken, lula, scholz = actors.loc["Antony Blinken"], actors.loc["Lula"], actors.loc["Olaf Scholz"]
        assert (blinken.role, blinken.country, blinken.agent_type, blinken.n_mentions) == \
            ("foreign minister", "USA", "GOV", 1)
        assert list(blinken.aliases) == ["Antony Blinken", "Außenminister Blinken"]
        assert pd_isna(lula.role) and pd_isna(lula.agent_type) and list(lula.aliases) == ["Lula"]
        assert (scholz.role, scholz.n_mentions, list(scholz.aliases)) == ("chancellor", 2, ["Olaf Scholz", "Scholz"])
