#!/usr/bin/env bash
# Rebuild the lagebild German NER (src/lagebild/nlp/models/ner) from ../shared, with fixed seeds, one thread:
#   1 convert       GermEval 2014 *dev* -> 85 % training / 15 % held out (seed 0); SmartData; MobIE; raw text;
#                   our own GermEval-style gold (gold/ner_gold_*.tsv, 4,200 sentences; gold.py)
#   2 vectors       PPMI-SVD word vectors from FANG-COVID + our raw text, + gazetteer dimensions -> corpus/vectors
#   3 mix           training mix: GermEval-train x3 + our gold x3 + SmartData x1 + MobIE x0.5 (seed 0)
#   4 pretrain      (PRETRAIN=1) spacy pretrain, characters objective, on a FANG-COVID sample
#   5 train         spacy train ner.cfg (tok2vec width WIDTH); model selection on the held-out part
#   6 finalize      self-contained NER + gazetteer entity_ruler -> output/model-best
#   7 report        held-out evaluation, speed, size
#
#   taskset -c 1 bash training/ner/train.sh        # from anywhere; 33 min on one core (21 min with PRETRAIN=0)
#   training/install_models.sh ner model-best      # then copy output/model-best into the package
#
# Env overrides: SHARED (default <repo>/../shared), PY (default <repo>/.venv/bin/python), WIDTH (tok2vec width,
#   default 64), PRETRAIN (0 = skip the tok2vec pretraining, default 1), STEPS (max training steps, default 6000).
# Outputs (git-ignored): corpus/, pretrain/, output/train/ (spacy train), output/model-best/ (the shipped model),
#   logs/*.log, logs/heldout_eval{,_ner}.{txt,json}, logs/speed.json, logs/size.txt.
# GermEval *test* is never read here: evaluate the installed model once with
#   python evaluate.py output/model-best ../../../shared/data/germeval2014/NER-de-test.tsv
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
cd "$HERE"
REPO=$(cd "$HERE/../.." && pwd)
SHARED=${SHARED:-$REPO/../shared}
PY=${PY:-$REPO/.venv/bin/python}
PRETRAIN=${PRETRAIN:-1}
WIDTH=${WIDTH:-64}
STEPS=${STEPS:-6000}
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 PYTHONHASHSEED=0
mkdir -p logs corpus output
log() { echo "[$(date +%H:%M:%S)] $*"; }
W=(--components.tok2vec.model.embed.width "$WIDTH")
FANG=$SHARED/data/fang-covid/fang_covid_articles_text.jsonl.gz
[ -f "$FANG" ] || { echo "missing $FANG (the vectors are computed from its text)" >&2; exit 1; }
START=$(date +%s)

log "1/7 convert ../shared -> corpus/ (GermEval dev split 85/15, seed 0; SmartData; MobIE; raw text)"
$PY convert.py base --shared "$SHARED" --out corpus --seed 0 --heldout 0.15 2> logs/convert.log
$PY gold.py convert --todo gold --out corpus/ourgold.spacy gold/ner_gold_*.tsv 2>> logs/convert.log

log "2/7 static vectors: PPMI-SVD (100 dims, 64k lower-cased words, window 2) on FANG-COVID + raw text, + gazetteer"
$PY vectors.py --raw corpus/raw.jsonl --fang "$FANG" --gazetteer gazetteer/de_gazetteer.txt \
    --extra corpus/ge_train.spacy corpus/smartdata.spacy corpus/mobie.spacy \
    --dim 100 --vocab 64000 --window 2 --min-count 2 --out corpus/vectors 2> logs/vectors.log
tail -1 logs/vectors.log

log "3/7 training mix: GermEval-train x3 + our gold x3 + SmartData x1 + MobIE x0.5 (seed 0)"
$PY convert.py mix --seed 0 --out corpus/train.spacy \
    corpus/ge_train.spacy:3 corpus/ourgold.spacy:3 corpus/smartdata.spacy:1 corpus/mobie.spacy:0.5 2> logs/mix.log

INIT=()
if [ "$PRETRAIN" = "1" ]; then
    log "4/7 spacy pretrain (characters objective, 1 epoch over ~3M words of FANG-COVID paragraphs)"
    $PY convert.py fang --shared "$SHARED" --out corpus/fang_pretrain.jsonl --words 3000000 2> logs/fang.log
    rm -rf pretrain
    $PY -m spacy pretrain ner.cfg pretrain --paths.raw_text corpus/fang_pretrain.jsonl --paths.vectors corpus/vectors \
        "${W[@]}" --pretraining.max_epochs 1 > logs/pretrain.log 2>&1
    INIT=(--paths.init_tok2vec pretrain/model-last.bin)
else
    log "4/7 pretraining skipped (PRETRAIN=0)"
fi

log "5/7 spacy train (width $WIDTH, max $STEPS steps, patience 2000, model selection on the held-out part)"
rm -rf output/train
$PY -m spacy train ner.cfg --output output/train --paths.train corpus/train.spacy \
    --paths.dev corpus/ge_heldout.spacy --paths.vectors corpus/vectors "${W[@]}" "${INIT[@]}" \
    --training.max_steps "$STEPS" --training.patience 2000 > logs/train.log 2>&1

log "6/7 finalize -> output/model-best (self-contained NER + gazetteer entity_ruler)"
rm -rf output/model-best
$PY finalize.py output/train/model-best output/model-best > logs/finalize.log

log "7/7 held-out GermEval-dev evaluation, speed (this process's CPU), size"
$PY evaluate.py output/train/model-best corpus/ge_heldout.tsv --json logs/heldout_eval_ner.json \
    > logs/heldout_eval_ner.txt 2>&1    # the statistical NER alone (as in the pipeline, where it is sourced alone)
$PY evaluate.py output/model-best corpus/ge_heldout.tsv --json logs/heldout_eval.json > logs/heldout_eval.txt 2>&1
echo "NER alone: $(tail -1 logs/heldout_eval_ner.txt)"
echo "NER + entity_ruler: $(tail -1 logs/heldout_eval.txt)"
$PY bench_speed.py output/model-best --shared "$SHARED" | tee logs/speed.json
du -sh output/model-best | tee logs/size.txt
log "done in $(( ($(date +%s) - START) / 60 )) min"
