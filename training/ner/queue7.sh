cd /work/main/training/ner
while kill -0 $(cat logs/queue5.pid) 2>/dev/null; do sleep 15; done
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
V="--paths.vectors corpus/vectors_gaz3"
/work/main/.venv/bin/python -m spacy pretrain ner.cfg pretrain/gaz3 --paths.raw_text corpus/raw.jsonl $V --pretraining.max_epochs 15 > logs/pretrain_gaz3.log 2>&1
bash run_exp.sh e10_B_gaz3_pre corpus/mixB_g3s1m05.spacy --training.max_steps 6000 --training.patience 2000 $V --paths.init_tok2vec pretrain/gaz3/model-last.bin > logs/e10.out 2>&1
bash run_exp.sh e12_B_sv1_gaz3 corpus/mixB_g3s1m05_sv1.spacy --training.max_steps 6000 --training.patience 2000 $V > logs/e12.out 2>&1
bash run_exp.sh e9L_B_gaz3 corpus/mixB_g3s1m05.spacy --training.max_steps 6000 --training.patience 2000 $V > logs/e9L.out 2>&1
