#!/usr/bin/env bash
# Rebuild the lagebild German NER from ../shared, with fixed seeds, on CPU with one thread:
#   1 convert -> 2 static vectors + gazetteer dims -> 3 training mix
#   -> 4 teacher (wide tok2vec, TEACHER_WIDTH) trained on the mix, + entity_ruler, labels WIKINEWS sentences (silver)
#   -> 5 tok2vec pretraining (characters objective) for the student
#   -> 6 student (fast, WIDTH) trained on mix + silver -> finalize (self-contained NER + gazetteer entity_ruler)
#   -> 7 held-out GermEval-dev evaluation, speed, size
#
#   bash training/ner/train.sh            # from anywhere; about 60 min on one core
# Env overrides: SHARED (default <repo>/../shared), PY (default <repo>/.venv/bin/python),
#   PRETRAIN=0 to skip pretraining, SILVER=0 to skip the teacher/self-training, WIDTH (student tok2vec width,
#   default 64), TEACHER_WIDTH (default 96), STEPS (max steps per training, default 6000).
# Outputs (git-ignored): corpus/, pretrain/, output/teacher/, output/train/ (spacy train outputs),
# output/model-best/ (the shipped model), logs/*.log, logs/heldout_eval.{txt,json}, logs/speed.json.
# GermEval *test* is never touched here; evaluate it separately with evaluate.py (evaluation only).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
cd "$HERE"
REPO=$(cd "$HERE/../.." && pwd)
SHARED=${SHARED:-$REPO/../shared}
PY=${PY:-$REPO/.venv/bin/python}
PRETRAIN=${PRETRAIN:-1}
SILVER=${SILVER:-1}
WIDTH=${WIDTH:-64}
TEACHER_WIDTH=${TEACHER_WIDTH:-96}
STEPS=${STEPS:-6000}
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 PYTHONHASHSEED=0
mkdir -p logs corpus output
log() { echo "[$(date +%H:%M:%S)] $*"; }
W="--components.tok2vec.model.embed.width $WIDTH"

log "1/8 convert ../shared -> corpus/ (GermEval dev split 85/15, seed 0; SmartData; MobIE; raw text)"
$PY convert.py base --shared "$SHARED" --out corpus --seed 0 --heldout 0.15 2> logs/convert.log

log "2/8 static vectors (PPMI-SVD on our raw text) + gazetteer dimensions -> corpus/vectors"
$PY vectors.py --raw corpus/raw.jsonl --gazetteer gazetteer/de_gazetteer.txt \
    --extra corpus/ge_train.spacy corpus/smartdata.spacy corpus/mobie.spacy --out corpus/vectors 2> logs/vectors.log

log "3/8 training mix: GermEval-train x3 + SmartData x1 + MobIE x0.5 (seed 0)"
$PY convert.py mix --seed 0 --out corpus/train.spacy \
    corpus/ge_train.spacy:3 corpus/smartdata.spacy:1 corpus/mobie.spacy:0.5 2> logs/mix.log

TRAIN=corpus/train.spacy
if [ "$SILVER" = "1" ]; then
    log "4/8 teacher (width $TEACHER_WIDTH) on the mix -> entity_ruler -> silver labels for WIKINEWS-train sentences"
    rm -rf output/teacher output/teacher-final
    $PY -m spacy train ner.cfg --output output/teacher --paths.train corpus/train.spacy \
        --paths.dev corpus/ge_heldout.spacy --paths.vectors corpus/vectors \
        --components.tok2vec.model.embed.width "$TEACHER_WIDTH" \
        --training.max_steps "$STEPS" --training.patience 2000 > logs/teacher.log 2>&1
    $PY finalize.py output/teacher/model-best output/teacher-final > /dev/null
    $PY evaluate.py output/teacher-final corpus/ge_heldout.tsv > logs/teacher_heldout_eval.txt 2>&1
    $PY convert.py silver --model output/teacher-final --raw corpus/raw.jsonl --sources wikinews \
        --out corpus/silver.spacy 2> logs/silver.log
    $PY convert.py mix --seed 0 --out corpus/train_silver.spacy \
        corpus/ge_train.spacy:3 corpus/smartdata.spacy:1 corpus/mobie.spacy:0.5 corpus/silver.spacy:1 2>> logs/mix.log
    TRAIN=corpus/train_silver.spacy
else
    log "4/8 teacher/self-training skipped (SILVER=0)"
fi

INIT=()
if [ "$PRETRAIN" = "1" ]; then
    log "5/8 spacy pretrain (characters objective, 15 epochs on corpus/raw.jsonl)"
    rm -rf pretrain
    $PY -m spacy pretrain ner.cfg pretrain --paths.raw_text corpus/raw.jsonl --paths.vectors corpus/vectors \
        $W --pretraining.max_epochs 15 > logs/pretrain.log 2>&1
    INIT=(--paths.init_tok2vec pretrain/model-last.bin)
else
    log "5/8 pretraining skipped (PRETRAIN=0)"
fi

log "6/8 student: spacy train on $TRAIN (width $WIDTH, max $STEPS steps, model selection on the held-out part)"
rm -rf output/train
$PY -m spacy train ner.cfg --output output/train --paths.train "$TRAIN" \
    --paths.dev corpus/ge_heldout.spacy --paths.vectors corpus/vectors $W "${INIT[@]}" \
    --training.max_steps "$STEPS" --training.patience 2000 > logs/train.log 2>&1

log "7/8 finalize -> output/model-best (self-contained NER + entity_ruler)"
rm -rf output/model-best
$PY finalize.py output/train/model-best output/model-best > logs/finalize.log

log "8/8 evaluate on held-out GermEval-dev part, speed, size"
$PY evaluate.py output/model-best corpus/ge_heldout.tsv --json logs/heldout_eval.json > logs/heldout_eval.txt
cat logs/heldout_eval.txt
if command -v taskset > /dev/null; then PIN=(taskset -c 0); else PIN=(); fi
"${PIN[@]}" $PY bench_speed.py output/model-best --shared "$SHARED" | tee logs/speed.json
du -sh output/model-best | tee logs/size.txt
log "done"
