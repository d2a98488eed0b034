"""Turn a trained pipeline (tok2vec + ner) into the shipped one: self-contained NER + gazetteer entity_ruler.

    python finalize.py output/NAME/model-best output/model-best [--no-ruler]

1. replace_listeners: the NER gets its own copy of the tok2vec weights, the separate tok2vec component is
   removed (same predictions, the NER can be sourced into another pipeline on its own).
2. make_ruler: entity_ruler after the NER (see make_ruler.py), overwrite_ents=false.
3. meta: name/version/description/labels.
"""

from __future__ import annotations

import argparse
import datetime

import spacy
from thinc.api import Config

from make_ruler import ruler_patterns
from gazetteer import DEFAULT_PATH


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model")
    ap.add_argument("out")
    ap.add_argument("--no-ruler", action="store_true")
    ap.add_argument("--ruler-kinds", default="deriv,loc")
    args = ap.parse_args()

    nlp = spacy.load(args.model)
    if "tok2vec" in nlp.pipe_names:
        # resolve ${...} references first: they would point into the removed tok2vec component
        resolved = nlp.config.interpolate()
        for name in nlp.pipe_names:
            nlp._pipe_configs[name] = Config(resolved["components"][name])
        nlp.replace_listeners("tok2vec", "ner", ["model.tok2vec"])
        nlp.remove_pipe("tok2vec")
    if not args.no_ruler:
        pats = ruler_patterns(nlp, DEFAULT_PATH, set(args.ruler_kinds.split(",")))
        ruler = nlp.add_pipe("entity_ruler", after="ner",
                             config={"overwrite_ents": False, "phrase_matcher_attr": "ORTH", "validate": True})
        ruler.add_patterns(pats)
    nlp.meta["name"] = "lagebild_ner_de"
    nlp.meta["version"] = "0.1.0"
    nlp.meta["description"] = ("German NER (PER, LOC, ORG, MISC + GermEval-2014 deriv/part types), CNN tok2vec + "
                               "transition-based NER + gazetteer entity_ruler; trained by training/ner/train.sh")
    nlp.meta["lagebild_built"] = datetime.date.today().isoformat()
    nlp.to_disk(args.out)
    print(f"{args.out}: pipeline {nlp.pipe_names}, labels {nlp.get_pipe('ner').labels}")


if __name__ == "__main__":
    main()
