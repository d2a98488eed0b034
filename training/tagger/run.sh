#!/bin/bash
# run.sh NAME [spacy train overrides...]: one background-able training run on one thread, output/NAME, logs/NAME.log
set -e
cd "$(dirname "$0")"
NAME=$1; shift
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 BLIS_NUM_THREADS=1 VECLIB_MAXIMUM_THREADS=1
PY=${PY:-../../.venv/bin/python}
mkdir -p logs output
exec timeout 3600 $PY -m spacy train tagger.cfg --output output/$NAME "$@"
