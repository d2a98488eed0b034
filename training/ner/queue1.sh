cd /work/main/training/ner
while kill -0 $(cat logs/e0.pid) 2>/dev/null; do sleep 20; done
bash run_exp.sh e1_g1s1m1 corpus/mix_g1s1m1.spacy --training.max_steps 6000 --training.patience 2000 > logs/e1.out 2>&1
bash run_exp.sh e2_g3s1 corpus/mix_g3s1.spacy --training.max_steps 6000 --training.patience 2000 > logs/e2.out 2>&1
bash run_exp.sh e3_g3s1m05 corpus/mix_g3s1m05.spacy --training.max_steps 6000 --training.patience 2000 > logs/e3.out 2>&1
