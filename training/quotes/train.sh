#!/usr/bin/env bash
# Rebuild lagebild's quotation models from ../shared/data/wikinews-quotes (train; model selection on dev), on CPU
# with one thread and fixed seeds:
#   1 convert.py: WIKINEWS gold -> DocBins in lagebild's tokenization
#   2 layers.py:  the `quote` layer (types) and the `roles` layer (SPEAKER, CUE, ADDRESSEE)
#   3 spacy train quotes.cfg for each layer -> output/{quote,roles}/model-best
#   4 install.py: only the span taggers (without the frozen tagger copy) -> src/lagebild/nlp/models/quotes/
#
#   bash training/quotes/train.sh          # about 60 min on one core
# Env: SHARED (default <repo>/../shared), PY (default <repo>/.venv/bin/python), STEPS (default 5000).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
cd "$HERE"
REPO=$(cd "$HERE/../.." && pwd)
SHARED=${SHARED:-$REPO/../shared}
PY=${PY:-$REPO/.venv/bin/python}
STEPS=${STEPS:-5000}
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 PYTHONHASHSEED=0
mkdir -p logs output
log() { echo "[$(date +%H:%M:%S)] $*"; }

log "1/4 convert"
$PY convert.py --shared "$SHARED" --out corpus > logs/convert.log
log "2/4 layers"
$PY layers.py --corpus corpus > logs/layers.log
for layer in ${LAYERS:-quote roles}; do
    log "3/4 train the $layer layer"
    rm -rf "output/$layer"
    $PY -m spacy train quotes.cfg --code code.py --output "output/$layer" \
        --paths.train "corpus/train_$layer.spacy" --paths.dev "corpus/dev_$layer.spacy" \
        --training.max_steps "$STEPS" > "logs/train_$layer.log" 2>&1
done
log "4/4 install"
$PY install.py output "$REPO/src/lagebild/nlp/models/quotes"
log "done"
