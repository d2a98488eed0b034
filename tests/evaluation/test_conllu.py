import pytest

from lagebild.evaluation import conllu

GOLD = """# sent_id = 1
# text = Es gebe keine Gespräche, sagte er.
1\tEs\tes\tPRON\tPPER\tCase=Nom|Gender=Neut|Number=Sing|Person=3\t2\texpl\t_\t_
2\tgebe\tgeben\tVERB\tVVFIN\tMood=Sub|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin\t7\tccomp\t_\t_
3\tkeine\tkein\tDET\tPIAT\t_\t4\tdet\t_\t_
4\tGespräche\tGespräch\tNOUN\tNN\t_\t2\tobj\t_\tSpaceAfter=No
5\t,\t,\tPUNCT\t$,\t_\t7\tpunct\t_\t_
6-7\tsagte\t_\t_\t_\t_\t_\t_\t_\t_
6\tsagte\tsagen\tVERB\tVVFIN\tMood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin\t0\troot\t_\t_
7\ter\ter\tPRON\tPPER\t_\t6\tnsubj\t_\tSpaceAfter=No
8\t.\t.\tPUNCT\t$.\t_\t6\tpunct\t_\t_

"""


@pytest.fixture
def gold(tmp_path):
    path = tmp_path / "g.conllu"
    path.write_text(GOLD, encoding="utf-8")
    return conllu.read(path)


def test_read_skips_ranges_and_keeps_space_after(gold):
    [sentence] = gold
    assert [w.form for w in sentence] == ["Es", "gebe", "keine", "Gespräche", ",", "sagte", "er", "."]
    assert sentence[3].space_after is False and sentence[1].feats["Mood"] == "Sub"


def test_perfect_prediction_scores_one(gold):
    scores = conllu.score(gold, gold)
    assert scores.upos_accuracy == scores.lemma_accuracy == 1.0
    assert scores.mood["overall"].f1 == 1.0 and scores.mood["Sub"].f1 == 1.0


def test_empty_prediction_scores_zero(gold):
    empty = [[conllu.Word(w.form, "", "", "", {}, w.space_after) for w in s] for s in gold]
    scores = conllu.score(gold, empty)
    assert scores.upos_accuracy == scores.lemma_accuracy == 0.0
    assert scores.mood["overall"].f1 == 0.0


def test_wrong_mood_counts_against_both_values(gold):
    swapped = [[conllu.Word(w.form, w.lemma, w.upos, w.xpos,
                            {**w.feats, "Mood": {"Sub": "Ind", "Ind": "Sub"}[w.feats["Mood"]]} if "Mood" in w.feats else w.feats,
                            w.space_after) for w in s] for s in gold]
    scores = conllu.score(gold, swapped)
    assert scores.mood["Sub"].precision == 0.0 and scores.mood["Sub"].recall == 0.0
    assert scores.upos_accuracy == 1.0
