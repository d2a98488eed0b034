cd /work/main/training/ner
while kill -0 23861 2>/dev/null; do sleep 15; done
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
V="--paths.vectors corpus/vectors_gaz3"
bash run_exp.sh e10_B_gaz3_pre corpus/mixB_g3s1m05.spacy --training.max_steps 6000 --training.patience 2000 $V --paths.init_tok2vec pretrain/gaz3/model-last.bin > logs/e10.out 2>&1
bash run_exp.sh e13_B_gaz3_w64 corpus/mixB_g3s1m05.spacy --training.max_steps 6000 --training.patience 2000 $V --components.tok2vec.model.embed.width 64 > logs/e13.out 2>&1
bash run_exp.sh e12_B_sv1_gaz3 corpus/mixB_g3s1m05_sv1.spacy --training.max_steps 6000 --training.patience 2000 $V > logs/e12.out 2>&1
