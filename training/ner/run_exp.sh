#!/usr/bin/env bash
# Quick comparison runs (not part of the rebuild; train.sh is). Needs corpus/ from train.sh.
# Usage: taskset -c 1 bash run_exp.sh NAME TRAIN.spacy [extra spacy train overrides...]
#   e.g. taskset -c 1 bash run_exp.sh x1 corpus/train.spacy --paths.vectors corpus/vectors --training.max_steps 6000 \
#        --training.patience 2000 --paths.init_tok2vec pretrain/model-last.bin
# Trains with ner.cfg (1 thread) into output/NAME, logs to logs/NAME.log, then scores model-best on the held-out
# GermEval-dev part with evaluate.py (logs/NAME.eval.txt).
set -euo pipefail
cd "$(dirname "$0")"
PY=${PY:-$(cd ../.. && pwd)/.venv/bin/python}
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
name=$1; train=$2; shift 2
mkdir -p logs output
$PY -m spacy train ner.cfg --output output/$name --paths.train $train "$@" > logs/$name.log 2>&1
$PY evaluate.py output/$name/model-best corpus/ge_heldout.tsv --json logs/$name.eval.json > logs/$name.eval.txt 2>&1
tail -1 logs/$name.eval.txt
