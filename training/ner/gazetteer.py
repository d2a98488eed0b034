"""Reader for gazetteer/de_gazetteer.txt (hand-written by us) -> token-level category flags.

Used by vectors.py (gazetteer dimensions of the static vectors), convert.py (deciding LOCderiv for
out-of-domain location spans) and make_ruler.py (entity_ruler patterns).
"""

from __future__ import annotations

from pathlib import Path

CATEGORIES = ["country", "region", "city", "adj_stem", "demonym", "org", "firstname", "surname",
              "person_cue", "org_cue"]
ADJ_ENDINGS = ["", "e", "en", "er", "es", "em"]
DEFAULT_PATH = Path(__file__).resolve().parent / "gazetteer" / "de_gazetteer.txt"
# tokens of multi-word entries that are ordinary words: they get no flag of their own
MULTI_SKIP = {"de", "von", "der", "die", "das", "den", "des", "und", "of", "the", "la", "le", "du", "del", "da",
              "do", "dos", "van", "zu", "am", "an", "im", "in", "bin", "al", "el", "nad", "Amt", "Haus", "Liga",
              "Post", "Rat", "Staaten", "Republik", "Meer", "Königreich", "Union", "Welt", "Times", "Pakt",
              "Partei", "International", "Watch", "Rights", "Human", "Kreuz", "Roten", "Rotes", "Bank",
              "Deutsche", "Deutschen", "Europäische", "Europäischen", "Europäischer", "Europäisches",
              "Internationaler", "Afrikanische", "Afrikanischen", "Arabische", "Arabischen", "Freie", "Wähler",
              "Vereinte", "Vereinten", "Vereinigte", "Vereinigten", "Vereinigtes", "Weißes", "Weißen", "Weiße",
              "Schwarzes", "Schwarzen", "Journal", "Street", "Post", "Wall", "York", "Stadt", "Gerichtshof",
              "Kommission", "Parlament", "Zentralbank", "Föderation", "Russische", "Dominikanische",
              "Arabische", "Emirate", "Sankt", "St.", "Bad", "Neu", "New", "Los", "Las", "San", "Santiago", "Rio",
              "Abu", "Tel", "Den", "Kuala", "Buenos", "Addis", "Sierra", "Costa", "Burkina", "Sri", "El", "Faso",
              "Lanka", "Rica", "Salvador", "Leone", "IG", "Metall", "Bündnis", "90", "Fox"}


def read_gazetteer(path: Path | str = DEFAULT_PATH) -> dict[str, list[str]]:
    cats: dict[str, list[str]] = {c: [] for c in CATEGORIES}
    cur = None
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            cur = line[1:-1]
            if cur not in cats:
                raise ValueError(f"unknown gazetteer category {cur}")
            continue
        cats[cur].append(line)
    return cats


def _has_alnum(s: str) -> bool:
    return any(c.isalnum() for c in s)


def gazetteer_forms(cats, tokenizer, single_only: bool = False) -> dict[str, set[int]]:
    """token text -> set of category indices (case variants, adjective inflections and genitive -s generated).
    single_only: only entries that are one token (used for rules)."""
    feats: dict[str, set[int]] = {}

    def add(form, ci):
        if form and _has_alnum(form):
            feats.setdefault(form, set()).add(ci)

    for ci, cat in enumerate(CATEGORIES):
        for entry in cats[cat]:
            if cat == "adj_stem":
                for end in ADJ_ENDINGS:
                    w = entry + end
                    for v in {w, w[:1].upper() + w[1:], w.lower()}:
                        add(v, ci)
                continue
            toks = [t.text for t in tokenizer(entry)]
            single = len(toks) == 1 or " " not in entry
            if single_only and not single:
                continue
            forms = [entry] if single else [t for t in toks if t not in MULTI_SKIP and _has_alnum(t)]
            for t in forms:
                add(t, ci)
                if t[:1].isalpha() and not t.isupper():
                    add(t.upper(), ci)
                if single and cat in ("country", "region", "city") and not t.endswith(("s", "ß", "x", "z")):
                    add(t + "s", ci)  # genitive
    return feats


def derivation_forms(cats, tokenizer) -> set[str]:
    """Token texts that are location adjectives/demonyms (-> LOCderiv) and not also a place name."""
    forms = gazetteer_forms(cats, tokenizer, single_only=True)
    a, d = CATEGORIES.index("adj_stem"), CATEGORIES.index("demonym")
    places = {CATEGORIES.index(c) for c in ("country", "region", "city")}
    return {f for f, cs in forms.items() if (a in cs or d in cs) and not (cs & places)}
