cd /work/main/training/ner
while pgrep -f "output/e5b_g3s1m05_gaz2" >/dev/null; do sleep 15; done
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
V="--components.ner.model.tok2vec.embed.include_static_vectors true --paths.vectors corpus/vectors_gaz3"
bash run_exp.sh e9_B_gaz3 corpus/mixB_g3s1m05.spacy --training.max_steps 6000 --training.patience 2000 $V > logs/e9.out 2>&1
/work/main/.venv/bin/python -m spacy pretrain ner.cfg pretrain/gaz3 --paths.raw_text corpus/raw.jsonl $V --pretraining.max_epochs 20 > logs/pretrain_gaz3.log 2>&1
bash run_exp.sh e10_B_gaz3_pre corpus/mixB_g3s1m05.spacy --training.max_steps 6000 --training.patience 2000 $V --paths.init_tok2vec pretrain/gaz3/model-last.bin > logs/e10.out 2>&1
bash run_exp.sh e11_Baug_gaz3 corpus/mixB_g3a2s1m05.spacy --training.max_steps 6000 --training.patience 2000 $V > logs/e11.out 2>&1
