cd /work/main/training/ner
bash run_exp.sh e4_g3s1m05_h0 corpus/mix_g3s1m05_h0.spacy --training.max_steps 6000 --training.patience 2000 > logs/e4.out 2>&1
bash run_exp.sh e5_g3s1m05_vec corpus/mix_g3s1m05.spacy --training.max_steps 6000 --training.patience 2000 --paths.vectors corpus/vectors --components.ner.model.tok2vec.embed.include_static_vectors true > logs/e5.out 2>&1
