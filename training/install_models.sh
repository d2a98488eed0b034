#!/usr/bin/env bash
# Copies a trained model into the package: training/<name>/output/[<run>/]model-best → src/lagebild/nlp/models/<name>,
# together with training/<name>/MODEL_CARD.md.
# Usage: training/install_models.sh tagger [RUN]   |   training/install_models.sh ner [RUN]
#   without RUN: training/<name>/output/model-best, what training/<name>/train.sh builds.
set -euo pipefail
cd "$(dirname "$0")/.."
name=$1 run=${2:-}
source="training/$name/output/${run:+$run/}model-best"
target="src/lagebild/nlp/models/$name"
[ -f "$source/config.cfg" ] || { echo "no trained model at $source" >&2; exit 1; }
rm -rf "$target"
mkdir -p "$(dirname "$target")"
cp -r "$source" "$target"
cp "training/$name/MODEL_CARD.md" "$target/MODEL_CARD.md" 2>/dev/null || true
du -sh "$target"
