#!/bin/bash
# Rebuild the tagger from ../shared with fixed seeds: corpora, training (1 thread), evaluation, benchmark.
#   bash training/tagger/train.sh            (from the repository root or from training/tagger)
# Writes corpus/, output/final/, output/model-best/, logs/.  Takes about an hour on one core.
set -euo pipefail
cd "$(dirname "$0")"
PY=${PY:-../../.venv/bin/python}
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 BLIS_NUM_THREADS=1 VECLIB_MAXIMUM_THREADS=1
export PYTHONHASHSEED=0
GOLD_WEIGHT=${GOLD_WEIGHT:-3}
mkdir -p logs output
rm -rf corpus
$PY prepare.py --gold-weights "$GOLD_WEIGHT" | tee logs/prepare.log
rm -rf output/final
$PY -m spacy train tagger.cfg --output output/final --paths.train "corpus/train_g$GOLD_WEIGHT" 2>&1 | tee logs/final.log
rm -rf output/model-best
cp -r output/final/model-best output/model-best
UD=../../../shared/data/ud-german
$PY evaluate.py output/model-best corpus/heldout.conllu "$UD/UD_German-GSD/de_gsd-ud-test.conllu" \
    "$UD/UD_German-PUD/de_pud-ud-test.conllu" | tee logs/evaluate.log
$PY bench.py output/model-best | tee logs/bench.log
