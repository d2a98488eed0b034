"""Add a gazetteer entity_ruler behind the trained NER (built-in spaCy component, no custom code at run time).

    python make_ruler.py MODEL_DIR OUT_DIR [--gazetteer gazetteer/de_gazetteer.txt] [--kinds deriv,loc]

The ruler runs after "ner" with overwrite_ents=false, i.e. it only labels tokens the statistical NER left
outside any entity. Patterns are single tokens matched on ORTH (exact text, case variants generated):
  deriv: location adjectives and demonyms (gazetteer adj_stem/demonym, all inflections, minus forms that are
         also place names, e.g. "Polen", "Bayern")                                  -> LOCderiv
  loc:   country and region names (+ genitive -s, upper-case), minus forms that are also first names,
         surnames or organisations, and city names minus AMBIGUOUS_CITIES                  -> LOC
"""

from __future__ import annotations

import argparse

import spacy

from gazetteer import CATEGORIES, derivation_forms, gazetteer_forms, read_gazetteer

# city names that are also frequent German words or names
AMBIGUOUS_CITIES = {"Essen", "Halle", "Hamm", "Hagen", "Siegen", "Herne", "Gent", "Bad", "Zug", "Singen", "Kiel",
                    "Bern", "Rio", "Washington", "Lima", "Santiago", "Sofia", "Mali", "Georgia", "Jordan", "Niger",
                    "Hannover", "Medina", "Alexandria", "Kanton", "Homs", "Oder", "Rostow", "Nowgorod", "Bonn",
                    "Paris", "Ulm", "Weimar", "Jena", "Trier", "Marseille", "Hiroshima", "Wien", "Union"}


def ruler_patterns(nlp, path, kinds):
    cats = read_gazetteer(path)
    forms = gazetteer_forms(cats, nlp.tokenizer, single_only=True)
    pats = []
    deriv = derivation_forms(cats, nlp.tokenizer)
    if "deriv" in kinds:
        pats += [{"label": "LOCderiv", "pattern": f} for f in sorted(deriv)]
    if "loc" in kinds:
        place = {CATEGORIES.index(c) for c in ("country", "region")}
        city = CATEGORIES.index("city")
        other = {CATEGORIES.index(c) for c in ("firstname", "surname", "org", "person_cue", "org_cue")}
        for f, cs in sorted(forms.items()):
            if f in deriv or cs & other:
                continue
            if cs & place or (city in cs and f not in AMBIGUOUS_CITIES and f.rstrip("s") not in AMBIGUOUS_CITIES):
                pats.append({"label": "LOC", "pattern": f})
    return pats


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model")
    ap.add_argument("out")
    ap.add_argument("--gazetteer", default=None)
    ap.add_argument("--kinds", default="deriv,loc")
    args = ap.parse_args()
    nlp = spacy.load(args.model)
    kinds = set(args.kinds.split(","))
    pats = ruler_patterns(nlp, args.gazetteer or __import__("gazetteer").DEFAULT_PATH, kinds)
    if "entity_ruler" in nlp.pipe_names:
        nlp.remove_pipe("entity_ruler")
    ruler = nlp.add_pipe("entity_ruler", after="ner",
                         config={"overwrite_ents": False, "phrase_matcher_attr": "ORTH", "validate": True})
    ruler.add_patterns(pats)
    nlp.to_disk(args.out)
    print(f"{args.out}: entity_ruler with {len(pats)} patterns ({','.join(sorted(kinds))})")


if __name__ == "__main__":
    main()
