cd /work/main/training/ner
V="--components.ner.model.tok2vec.embed.include_static_vectors true"
bash run_exp.sh e6_g3s1m05_svd corpus/mix_g3s1m05.spacy --training.max_steps 6000 --training.patience 2000 --paths.vectors corpus/vectors_svd $V > logs/e6.out 2>&1
bash run_exp.sh e5b_g3s1m05_gaz2 corpus/mix_g3s1m05.spacy --training.max_steps 6000 --training.patience 2000 --paths.vectors corpus/vectors_gaz2 $V > logs/e5b.out 2>&1
