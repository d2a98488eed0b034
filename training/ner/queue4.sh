cd /work/main/training/ner
while kill -0 $(cat logs/queue3.pid) 2>/dev/null; do sleep 15; done
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
V="--components.ner.model.tok2vec.embed.include_static_vectors true --paths.vectors corpus/vectors_gaz2"
bash run_exp.sh e8_aug_gaz2 corpus/mix_g3a2s1m05.spacy --training.max_steps 6000 --training.patience 2000 $V > logs/e8.out 2>&1
/work/main/.venv/bin/python -m spacy pretrain ner.cfg pretrain/gaz2 --paths.raw_text corpus/raw.jsonl $V --pretraining.max_epochs 25 > logs/pretrain_gaz2.log 2>&1
