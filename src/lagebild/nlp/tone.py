"""Tone of statements: −1 (hostile) … +1 (friendly), from German sentiment lexicons and our domain terms.

Sources of word polarity, in this order (the first that knows a word decides):

1. `nlp/data/tone_terms.tsv`: our own terms of relations between states ("Nullniveau", "tiefe Krise",
   "Russophobie" negative; "Dialog", "Annäherung", "Zusammenarbeit" positive), single lemmas and lemma phrases.
2. SentiWS v2.0 (Remus, Quasthoff & Heyer 2010): lemmas and inflected forms with weights; a word's value is
   sign(w) · (0.3 + 0.7·|w|), so that weak SentiWS entries still count.
3. Rauh's German political sentiment dictionary (Rauh 2018): ±1 per word form, taken as ±0.3.

SentiWS and Rauh are NOT shipped with lagebild (their licences do not allow it). They are read at run time from the
folder named by the environment variable `LAGEBILD_LEXICONS` (with `sentiws/SentiWS_v2.0_{Positive,Negative}.txt`
and `rauh/rauh_sent_dictionary.tsv` inside), else from `../shared/data/lexicons` beside the repository checkout the
package runs from. Without them tone uses our domain terms alone, and says so once in a log warning.

Per token: the lemma (`token.lemma_`) is looked up, then the lower-cased form. A negator before the word in the same
clause (`nicht`, `kein*`, `nie`, `niemals`, `nichts`, `ohne`, `weder … noch`; up to three tokens before) or a `nicht`/
`nie` after a polar verb or adjective in the same clause ("verbessert die Lage nicht") turns the value to −0.7 times
itself; an intensifier up to two tokens before ("sehr", "äußerst", "völlig", "tief", "scharf" …) multiplies it by 1.5
(capped at ±1). The tone of a statement is the mean value of its polar tokens, 0.0 when it has none.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Span, Token

log = logging.getLogger(__name__)

DATA = Path(__file__).parent / "data"
ENV_VAR = "LAGEBILD_LEXICONS"
# <checkout>/src/lagebild/nlp/tone.py → <checkout>/../shared/data/lexicons
DEFAULT_LEXICONS = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "lexicons"

NEGATORS = frozenset({
    "nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "nie", "niemals", "nichts", "ohne", "weder",
    "nimmer", "keineswegs", "keinesfalls",
})
POST_NEGATORS = frozenset({"nicht", "nie", "niemals", "keineswegs", "keinesfalls"})
INTENSIFIERS = frozenset({
    "sehr", "äußerst", "völlig", "extrem", "besonders", "höchst", "zutiefst", "absolut", "tief", "schwer", "scharf",
    "massiv", "ernsthaft", "total", "stark", "ausgesprochen", "überaus", "hochgradig", "gänzlich", "vollkommen",
    "erheblich", "enorm", "zunehmend", "weit",
})
CLAUSE_BREAKS = frozenset({",", ";", ":", ".", "!", "?", "–", "—", "aber", "doch", "sondern", "jedoch", "und", "oder",
                           "„", "“", "\"", "»", "«"})
NEGATION_FACTOR = -0.7
INTENSIFIER_FACTOR = 1.5
NEGATION_WINDOW = 3
INTENSIFIER_WINDOW = 2


@dataclass(frozen=True)
class PolarTerm:
    """One token (or phrase) that carried polarity in a statement, for checking a tone by eye."""

    text: str
    start: int
    end: int
    value: float
    source: str        # domain | sentiws | rauh
    negated: bool
    intensified: bool


class ToneLexicon:
    """Word polarities: our domain terms, then SentiWS, then Rauh (see the module doc)."""

    def __init__(self, domain: dict[str, float], phrases: dict[tuple[str, ...], float],
                 sentiws: dict[str, float], rauh: dict[str, float]) -> None:
        self.domain = domain
        self.phrases = phrases
        self.sentiws = sentiws
        self.rauh = rauh
        self.max_phrase = max((len(p) for p in phrases), default=1)
        self.phrase_first_words = frozenset(p[0] for p in phrases)
        self._words: dict[tuple[str, str], tuple[float, str] | None] = {}   # word()'s answers, by (lemma, form)

    @property
    def has_general_lexicons(self) -> bool:
        return bool(self.sentiws or self.rauh)

    def word(self, lemma: str, form: str) -> tuple[float, str] | None:
        """The value and lexicon of a word (domain terms first, then SentiWS, then Rauh), or None."""
        known = self._words.get((lemma, form), self)
        if known is not self:
            return known
        if len(self._words) > 200_000:
            self._words.clear()
        found = self._words[(lemma, form)] = self._word(lemma, form)
        return found

    def _word(self, lemma: str, form: str) -> tuple[float, str] | None:
        for key in (lemma.lower(), form.lower()):
            if not key:
                continue
            if key in self.domain:
                return self.domain[key], "domain"
        for key in (lemma.lower(), form.lower()):
            if key and key in self.sentiws:
                w = self.sentiws[key]
                return (1 if w > 0 else -1) * (0.3 + 0.7 * min(1.0, abs(w))), "sentiws"
        for key in (form.lower(), lemma.lower()):
            if key and key in self.rauh:
                return 0.3 * self.rauh[key], "rauh"
        return None


def read_domain_terms(path: Path = DATA / "tone_terms.tsv") -> tuple[dict[str, float], dict[tuple[str, ...], float]]:
    words: dict[str, float] = {}
    phrases: dict[tuple[str, ...], float] = {}
    header = True
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header:
            if cells[:2] != ["term", "weight"]:
                raise ValueError(f"{path.name}:{number}: header must start with term, weight")
            header = False
            continue
        term, weight = cells[0].strip(), float(cells[1])
        if not -1.0 <= weight <= 1.0:
            raise ValueError(f"{path.name}:{number}: weight {weight} outside -1 … 1")
        parts = tuple(term.lower().split())
        if len(parts) == 1:
            words[parts[0]] = weight
        else:
            phrases[parts] = weight
    return words, phrases


def read_sentiws(directory: Path) -> dict[str, float]:
    """SentiWS lemma and inflected forms (lower-cased) → weight."""
    result: dict[str, float] = {}
    for name in ("SentiWS_v2.0_Positive.txt", "SentiWS_v2.0_Negative.txt"):
        for line in (directory / name).read_text(encoding="utf-8-sig").splitlines():
            cells = line.split("\t")
            if len(cells) < 2:
                continue
            lemma = cells[0].split("|")[0]
            weight = float(cells[1])
            forms = [lemma] + [f for f in (cells[2].split(",") if len(cells) > 2 else []) if f]
            for form in forms:
                result.setdefault(form.lower(), weight)
    return result


def read_rauh(path: Path) -> dict[str, float]:
    """Rauh's dictionary: space-padded word forms → ±1."""
    result: dict[str, float] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        cells = line.split("\t")
        if number == 0 or len(cells) < 2:
            continue
        term = cells[0].strip().lower()
        if term and " " not in term:
            result[term] = float(cells[1])
    return result


def lexicon_directory() -> Path | None:
    """Where SentiWS and Rauh are read from: `$LAGEBILD_LEXICONS`, else ../shared/data/lexicons if it exists."""
    if env := os.environ.get(ENV_VAR):
        return Path(env)
    return DEFAULT_LEXICONS if DEFAULT_LEXICONS.is_dir() else None


def load_lexicon(directory: Path | str | None = None, general: bool = True) -> ToneLexicon:
    """The tone lexicon; `directory` overrides where SentiWS/Rauh are looked for, `general=False` leaves them out."""
    domain, phrases = read_domain_terms()
    sentiws: dict[str, float] = {}
    rauh: dict[str, float] = {}
    if general:
        folder = Path(directory) if directory is not None else lexicon_directory()
        sentiws_dir = folder / "sentiws" if folder else None
        rauh_file = folder / "rauh" / "rauh_sent_dictionary.tsv" if folder else None
        if sentiws_dir and (sentiws_dir / "SentiWS_v2.0_Positive.txt").exists():
            sentiws = read_sentiws(sentiws_dir)
        if rauh_file and rauh_file.exists():
            rauh = read_rauh(rauh_file)
        if not sentiws and not rauh:
            log.warning(
                "tone: SentiWS and Rauh lexicons not found (%s); tone uses lagebild's domain terms only. "
                "Set %s to a folder with sentiws/ and rauh/.", folder or "no ../shared/data/lexicons", ENV_VAR)
    return ToneLexicon(domain, phrases, sentiws, rauh)


@lru_cache(maxsize=1)
def default_lexicon() -> ToneLexicon:
    return load_lexicon()


def _lemma(token: Token) -> str:
    return (token.lemma_ or token.text).lower()


def _clause_window(words: Sequence[str], i: int, step: int, size: int) -> list[int]:
    out = []
    j = i + step
    while 0 <= j < len(words) and len(out) < size:
        if words[j] in CLAUSE_BREAKS:
            break
        out.append(j)
        j += step
    return out


def _in_weder_clause(words: Sequence[str], i: int) -> bool:
    j = i - 1
    while j >= 0:
        word = words[j]
        if word == "weder":
            return True
        if word in {".", ";", ":", "!", "?", "aber", "sondern", "jedoch"}:
            return False
        j -= 1
    return False


def _polar(words: Sequence[str], lemmas: Sequence[str], pos: Sequence[str], alpha: Sequence[bool],
           lexicon: ToneLexicon) -> list[tuple[int, int, float, str, bool, bool]]:
    """(position, width, value, source, negated, intensified) of each polar term of a statement given as its
    tokens' lower-cased forms, lower-cased lemmas (the form where there is none), POS names and is-alpha flags."""
    result = []
    i = 0
    while i < len(words):
        word = words[i]
        width, found = 1, None
        if lemmas[i] in lexicon.phrase_first_words or word in lexicon.phrase_first_words:
            for n in range(min(lexicon.max_phrase, len(words) - i), 1, -1):
                key = tuple(lemmas[i:i + n])
                key_forms = tuple(words[i:i + n])
                if key in lexicon.phrases or key_forms in lexicon.phrases:
                    width, found = n, (lexicon.phrases.get(key, lexicon.phrases.get(key_forms)), "domain")
                    break
        if found is None and (word in NEGATORS or word in INTENSIFIERS or not alpha[i]):
            i += 1
            continue
        if found is None:
            found = lexicon.word(lemmas[i], word)
        if found is None:
            i += 1
            continue
        value, source = found
        negated = any(words[j] in NEGATORS for j in _clause_window(words, i, -1, NEGATION_WINDOW)) \
            or _in_weder_clause(words, i)
        if not negated and pos[i] in ("VERB", "ADJ", "AUX"):
            negated = any(words[j] in POST_NEGATORS for j in _clause_window(words, i + width - 1, 1, NEGATION_WINDOW))
        intensified = width == 1 and any(words[j] in INTENSIFIERS or lemmas[j] in INTENSIFIERS
                                         for j in _clause_window(words, i, -1, INTENSIFIER_WINDOW))
        if intensified:
            value = max(-1.0, min(1.0, value * INTENSIFIER_FACTOR))
        if negated:
            value *= NEGATION_FACTOR
        result.append((i, width, value, source, negated, intensified))
        i += width
    return result


def polar_terms(tokens: Iterable[Token] | Span, lexicon: ToneLexicon | None = None) -> list[PolarTerm]:
    """The tokens (and domain phrases) of a statement that carry polarity, with negation and intensifiers applied."""
    lexicon = lexicon or default_lexicon()
    toks = list(tokens)
    found = _polar([t.text.lower() for t in toks], [_lemma(t) for t in toks], [t.pos_ for t in toks],
                   [t.is_alpha for t in toks], lexicon)
    result = []
    for i, width, value, source, negated, intensified in found:
        last = toks[i + width - 1]
        result.append(PolarTerm(" ".join(t.text for t in toks[i:i + width]), toks[i].idx,
                                last.idx + len(last.text), value, source, negated, intensified))
    return result


def _mean(values: list[float]) -> float:
    if not values:
        return 0.0
    return max(-1.0, min(1.0, sum(values) / len(values)))


def tone_of_rows(rows: Sequence[int], texts: Sequence[str], lowers: Sequence[str], lemmas: Sequence[str],
                 pos: Sequence[str], lexicon: ToneLexicon | None = None) -> float:
    """`tone` of the doc's tokens `rows`, from its token attributes as plain lists (as the event coder reads them
    once per doc: forms, lower-cased forms, lower-cased lemmas, POS names); the same value, without a Token per
    word."""
    lexicon = lexicon or default_lexicon()
    return _mean([v for _, _, v, _, _, _ in _polar([lowers[k] for k in rows], [lemmas[k] for k in rows],
                                                   [pos[k] for k in rows], [texts[k].isalpha() for k in rows],
                                                   lexicon)])


def tone(tokens: Iterable[Token] | Span, lexicon: ToneLexicon | None = None) -> float:
    """The statement's tone, −1 … +1: the mean value of its polar terms (0.0 without any)."""
    return _mean([t.value for t in polar_terms(tokens, lexicon)])


def spans_tone(spans: Sequence[Span], lexicon: ToneLexicon | None = None) -> float:
    """Tone of a statement made of several spans (a quotation interrupted by its frame)."""
    tokens = [t for span in spans for t in span]
    return tone(tokens, lexicon)
