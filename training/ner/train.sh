#!/usr/bin/env bash
# Rebuild the lagebild German NER from ../shared, with fixed seeds, on CPU with one thread:
#   convert -> static vectors + gazetteer dims -> tok2vec pretraining -> training mix -> spacy train
#   -> finalize (self-contained NER + gazetteer entity_ruler) -> held-out GermEval-dev evaluation -> speed + size
#
#   bash training/ner/train.sh            # from anywhere; about 45-60 min on one core
# Env overrides: SHARED (default <repo>/../shared), PY (default <repo>/.venv/bin/python),
#   PRETRAIN=0 to skip pretraining, WIDTH (tok2vec width, default 64), STEPS (max steps, default 6000).
# Outputs (git-ignored): corpus/, pretrain/, output/train/ (spacy train output), output/model-best/ (shipped
# model), logs/*.log, logs/heldout_eval.{txt,json}, logs/speed.json.
# GermEval *test* is never touched here; evaluate it separately with evaluate.py (evaluation only).
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
W="--components.tok2vec.model.embed.width $WIDTH"

log "1/7 convert ../shared -> corpus/ (GermEval dev split 85/15, seed 0; SmartData; MobIE; raw text)"
$PY convert.py base --shared "$SHARED" --out corpus --seed 0 --heldout 0.15 2> logs/convert.log

log "2/7 static vectors (PPMI-SVD on our raw text) + gazetteer dimensions -> corpus/vectors"
$PY vectors.py --raw corpus/raw.jsonl --gazetteer gazetteer/de_gazetteer.txt \
    --extra corpus/ge_train.spacy corpus/smartdata.spacy corpus/mobie.spacy --out corpus/vectors 2> logs/vectors.log

log "3/7 training mix: GermEval-train x3 + SmartData x1 + MobIE x0.5 (seed 0)"
$PY convert.py mix --seed 0 --out corpus/train.spacy \
    corpus/ge_train.spacy:3 corpus/smartdata.spacy:1 corpus/mobie.spacy:0.5 2> logs/mix.log

INIT=()
if [ "$PRETRAIN" = "1" ]; then
    log "4/7 spacy pretrain (characters objective, 15 epochs on corpus/raw.jsonl)"
    rm -rf pretrain
    $PY -m spacy pretrain ner.cfg pretrain --paths.raw_text corpus/raw.jsonl --paths.vectors corpus/vectors \
        $W --pretraining.max_epochs 15 > logs/pretrain.log 2>&1
    INIT=(--paths.init_tok2vec pretrain/model-last.bin)
else
    log "4/7 pretraining skipped (PRETRAIN=0)"
fi

log "5/7 spacy train (max $STEPS steps, model selection on the held-out GermEval-dev part)"
rm -rf output/train
$PY -m spacy train ner.cfg --output output/train --paths.train corpus/train.spacy \
    --paths.dev corpus/ge_heldout.spacy --paths.vectors corpus/vectors $W "${INIT[@]}" \
    --training.max_steps "$STEPS" --training.patience 2000 > logs/train.log 2>&1

log "6/7 finalize -> output/model-best (self-contained NER + entity_ruler)"
rm -rf output/model-best
$PY finalize.py output/train/model-best output/model-best > logs/finalize.log

log "7/7 evaluate on held-out GermEval-dev part, speed, size"
$PY evaluate.py output/model-best corpus/ge_heldout.tsv --json logs/heldout_eval.json > logs/heldout_eval.txt
cat logs/heldout_eval.txt
if command -v taskset > /dev/null; then PIN=(taskset -c 0); else PIN=(); fi
"${PIN[@]}" $PY bench_speed.py output/model-best --shared "$SHARED" | tee logs/speed.json
du -sh output/model-best | tee logs/size.txt
log "done"
