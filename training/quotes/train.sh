#!/usr/bin/env bash
# Rebuild lagebild's quotation models from ../shared/data/wikinews-quotes (train; model selection on dev), on CPU
# with one thread and fixed seeds:
#   1 convert.py: WIKINEWS gold -> DocBins in lagebild's tokenization
#   2 layers.py:  the `quote` layer (types) and the `roles` layer (SPEAKER, CUE, ADDRESSEE)
#   3 spacy train quotes.cfg for each layer -> output/{quote,roles}/model-best; the sizes are the shipped ones:
#     quote: embedding/CNN width 48, depth 3, parser hidden width 48 (fast enough for the pipeline's budget);
#     roles: width 64, depth 4, hidden 64 (it runs only on sentences near quotations)
#   4 install.py: only the span taggers (without the frozen tagger copy) -> src/lagebild/nlp/models/quotes/
#
#   bash training/quotes/train.sh          # about 60 min on one core (both layers one after the other)
# Env: SHARED (default <repo>/../shared), PY (default <repo>/.venv/bin/python), STEPS (default 3000).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
cd "$HERE"
REPO=$(cd "$HERE/../.." && pwd)
SHARED=${SHARED:-$REPO/../shared}
PY=${PY:-$REPO/.venv/bin/python}
STEPS=${STEPS:-3000}
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 PYTHONHASHSEED=0
mkdir -p logs output
log() { echo "[$(date +%H:%M:%S)] $*"; }

log "1/4 convert"
$PY convert.py --shared "$SHARED" --out corpus > logs/convert.log
log "2/4 layers"
$PY layers.py --corpus corpus > logs/layers.log
size() {  # width depth hidden
    echo "--components.spans.model.tok2vec.embed.width $1 --components.spans.model.tok2vec.encode.width $1" \
         "--components.spans.model.tok2vec.encode.depth $2 --components.spans.model.hidden_width $3"
}
for layer in ${LAYERS:-quote roles}; do
    log "3/4 train the $layer layer"
    rm -rf "output/$layer"
    if [ "$layer" = quote ]; then SIZE=$(size 48 3 48); else SIZE=$(size 64 4 64); fi
    # shellcheck disable=SC2086
    $PY -m spacy train quotes.cfg --code code.py --output "output/$layer" \
        --paths.train "corpus/train_$layer.spacy" --paths.dev "corpus/dev_$layer.spacy" \
        --training.max_steps "$STEPS" $SIZE > "logs/train_$layer.log" 2>&1
done
log "4/4 install"
$PY install.py output "$REPO/src/lagebild/nlp/models/quotes"
log "done"
