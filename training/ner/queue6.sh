cd /work/main/training/ner
while kill -0 $(cat logs/queue5.pid) 2>/dev/null; do sleep 15; done
V="--components.ner.model.tok2vec.embed.include_static_vectors true --paths.vectors corpus/vectors_gaz3"
bash run_exp.sh e12_B_sv1_gaz3 corpus/mixB_g3s1m05_sv1.spacy --training.max_steps 6000 --training.patience 2000 $V > logs/e12.out 2>&1
