"""Registers lagebild's components for `spacy train --code` (verb_morph annotates Mood/Konjunktiv)."""

import lagebild.nlp.pipeline  # noqa: F401
