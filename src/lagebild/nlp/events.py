"""Events: what one actor does or intends towards another, coded with PLOVER categories.

The `event_coder` component reads sentences for cue words and phrases of `nlp/data/event_lexicon.tsv`
(German verbs, nouns, adjectives and lemma phrases → PLOVER category; verdict words that make "bezeichnete … als
unbegründet", "sprach von einem Erfolg" criticism or praise; "gemeinsam" with a verb of its own as cooperation between
placed actors), and for each cue finds

- the **mode**: `negated` (a negator in the cue's clause: "hat nie unterzeichnet", "keine Sanktionen"),
  `intended` (modal or intent words in the clause: wollen, planen, beabsichtigen, bereit, anbieten, ankündigen,
  "in naher Zukunft", künftig; werden + infinitive; a Konjunktiv II modal; a zu-infinitive clause), else `actual`;
- the **source** and **target** actors. There is no dependency parser, so roles come from word order, articles,
  prepositions and clause boundaries: inside a quotation the speaker is the source (PLOVER's rule; "wir"/"ich" are
  the speaker); in a passive clause the `von`/`durch` phrase is the source and the subject the target; otherwise the
  first actor of the clause that is not inside a prepositional phrase, a genitive attribute or a dative/accusative
  article ("den USA") is the source. The target is an actor after `gegen`, `gegenüber`, `mit`, `an`, `auf`, `zu`,
  `nach`, then one with a dative/accusative article, then the next other actor in the clause; for a noun cue, an
  adjective ("amerikanische Strafzölle") or genitive ("die Kritik Macrons") names the source and a `gegen`/`an`
  phrase the target. A meeting without a named counterpart takes the state of the place ("in Moskau") as target.
  Joint subjects ("Putin und Biden vereinbarten") give source = the first, target = the second.
  Attributions ("nach Angaben des Ministeriums", "laut", "zufolge", a dateline's agency) are neither speakers nor
  actors; a speaker without a state takes the one of a mention inside its words; a noun cue's own agent beats the
  speaker; a nominative pronoun opening the clause is its subject ("Er warf Washington vor"); the genitive of the
  subject noun names the actor ("das Außenministerium der Vereinigten Staaten", "Vertreter der US-Regierung");
  "In Moskau … man" is Russia; "fordern von X" targets X; a reaction (criticism, rejection, welcome, threat) to an
  event noun targets that noun's agent ("distanzierte sich von der Kritik Macrons" → France). Word order decides
  subjects as German puts them: a subject pronoun or "man" before a named actor makes the actor an object ("dass er
  Berlin besuche", "Man wolle die Ukraine unterstützen"), an actor before the finite verb makes the pronoun after it
  the object ("Peking bestreitet das"), a clause opening with its finite verb takes the apposition before the comma
  as subject; a state institution "in" a state or capital is that state ("das Außenministerium in Peking"); the
  passive agent is the one of the cue's own conjunct; coordinated actors share a preposition; "in der Nähe von",
  "südlich von" and a summit's organisation are places; a quotation's "speaker" in the cue's own clause or inside a
  prepositional phrase is not who tells it. A criticism or demand without an object is about the subject of its
  reported content (Konjunktiv speech after it, or the quotation before "…“, forderte er"); a state's genitive before an
  event noun ("Israels Angriffe") is the noun's agent (its patient before "Festnahme" and the like), not the clause's
  subject, and a reaction verb right before an event noun targets that noun's agent; an "auf" phrase of an attack,
  coercion, threat, sanction or retreat, or "auf" + a state's adjective in the accusative ("Zölle auf chinesische
  Waren"), is a target, not a place, and so is a state a protest or request is lodged with ("protestierte bei
  China"); a threat "mit" a measure targets the measure's target; "von Seiten"/"seitens" is a passive's agent; a past-tense cue verb the tagger
  read as an adjective is the verb of a clause without a finite verb.
- which cues are **events**: noun cues after a demonstrative ("ein solches Treffen") or without actors of their own
  as the object of a reaction or demand ("wies die Vorwürfe zurück") refer to events rather than report them; cues in
  a condition ("falls …") and in the content of an accusation are not events; `protestieren` by people is PROTEST;
  a demand that is rejected is told as the rejection, and what a demand noun asks for ("Forderung nach einer
  Waffenruhe") is no event of its own; declining to yield is REJECT, and a commitment both sides make AGREE; a
  reported obligation laid on another ("Die USA müssten … überdenken, sagte Zhao") is a demand of the speaker;
  "drohen" without a "mit" phrase or zu-clause is a danger, not a threat ("Japan droht eine Rezession");
  "unterstützen" with money, arms or goods in its clause is AID, otherwise SUPPORT.
- the **date** (`nlp/dates.py`: the expression in the sentence nearest to the cue, resolved against
  `doc._.article_date`; the article date at its precision when the sentence names none), the **location** (a place
  after in/auf/bei), and the **score** (`nlp/data/goldstein.tsv`, by category and mode).

Actors are read from `doc._.mentions` (the `actor_mentions` component) when it is set, else resolved here from
`doc.ents` and role/adjective tokens with the gazetteer (`actor_for`). The component also sets
`doc._.relation_statements` (sentences or quotations about the relationship between two states: "die Beziehungen
zwischen Russland und den USA", "die russisch-amerikanischen Beziehungen", "die Beziehungen zu Washington") and
`doc._.quote_tones` (the tone of each quotation in `doc._.quotes`, −1 … +1, `nlp/tone.py`).
"""

from __future__ import annotations

import csv
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy
from spacy.attrs import ENT_IOB, ENT_KB_ID, ENT_TYPE, LEMMA, LOWER, ORTH, POS, TAG
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from . import annotations  # noqa: F401  (registers doc._.mentions and doc._.quotes)
from . import event_model
from . import gazetteer as gazetteer_module
from . import tone as tone_module
from .annotations import ActorMention, QuoteAnnotation
from .arrays import decode
from .dates import find_dates, nearest_date, parse_article_date

DATA = Path(__file__).parent / "data"
CATEGORIES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
              "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
MODES = ("actual", "intended", "negated")

for _name, _default in (("events", None), ("relation_statements", None), ("quote_tones", None),
                        ("article_date", None), ("article_date_precision", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)

# -- word lists ------------------------------------------------------------------------------------------------

NEGATORS = frozenset({"nicht", "nie", "niemals", "keineswegs", "keinesfalls", "nimmer"})
NOUN_NEGATORS = frozenset({"kein", "keine", "keinen", "keinem", "keiner", "keines", "ohne"})
INTENT_LEMMAS = frozenset({
    "wollen", "planen", "beabsichtigen", "vorhaben", "erwägen", "anbieten", "ankündigen", "angekündigt", "bereit",
    "hoffen", "möchten", "mögen", "sollen", "geplant", "künftig", "demnächst", "bald", "vorschlagen",
    "anstreben", "zusagen", "versprechen", "einladung", "einladen",
})
KONJUNKTIV_INTENT = frozenset({"werden", "können", "sollen", "müssen", "wollen", "mögen"})
TARGET_PREPOSITIONS = ("gegen", "gegenüber", "mit", "an", "auf", "zu", "zum", "zur", "nach", "für")
PLACE_PREPOSITIONS = frozenset({"in", "im", "auf", "bei", "beim"})
AGENT_PREPOSITIONS = frozenset({"von", "vom", "durch"})
# phrases that tell a source of information, a reason, a topic or a time, never whom an act is aimed at
NOT_TARGET_PREPOSITIONS = frozenset({"laut", "zufolge", "aus", "über", "wegen", "seit"})
# words before a `von` that make it a place ("in der Nähe von Brüssel", "südlich von San Francisco")
PLACE_BEFORE_VON = frozenset({"nähe", "umgebung", "unweit", "nördlich", "südlich", "östlich", "westlich",
                              "nordöstlich", "nordwestlich", "südöstlich", "südwestlich", "außerhalb", "innerhalb",
                              "rande"})
OBJECT_ARTICLES = frozenset({"den", "dem", "einem", "einen", "ihren", "ihrem", "seinem", "seinen"})
GENITIVE_ARTICLES = frozenset({"der", "des", "eines", "einer", "mehrerer", "zweier", "dreier", "einiger", "vieler",
                               "beider"})
SYMMETRIC = frozenset({"AGREE", "CONSULT", "COOPERATE", "RETREAT", "ASSAULT"})
# CONSULT cues of travel and hosting, whose place is the counterpart's state (not a venue)
VISIT_CUES = frozenset({"besuchen", "reisen", "weiterreisen", "empfangen", "*besuch"})
# categories whose target is a partner: a clause about what was agreed or discussed does not name it
PARTNER_CATEGORIES = frozenset({"AGREE", "CONSULT", "COOPERATE"})
FIRST_PERSON = frozenset({"wir", "uns", "unser", "unsere", "unseren", "unserem", "unserer", "ich", "mich", "mir"})
CLAUSE_PUNCT = frozenset({",", ";", ":", "–", "—", "(", ")"})
SUBORDINATORS = frozenset({"dass", "weil", "wenn", "ob", "nachdem", "damit", "obwohl", "als", "wonach", "sodass"})
REPORTED_CONTENT_HEADS = frozenset({"REQUEST", "REJECT", "ACCUSE"})
# verbs of protest whose category depends on who protests
PROTEST_VERBS = frozenset({"protestieren"})
# subordinators of a condition ("falls", "sofern"); "wenn" is also "when"
CONDITIONALS = frozenset({"falls", "sofern", "soweit"})
# nouns whose genitive names who undergoes the act ("die Ausweisung zweier Diplomaten")
PATIENT_GENITIVE = frozenset({"ausweisung", "freilassung", "festnahme", "verhaftung", "annexion", "besetzung",
                              "abschuss", "verurteilung", "abschiebung"})
# objects with which "treffen" means "take" (a decision) rather than "meet"
TREFFEN_OBJECTS = frozenset({"entscheidung", "maßnahme", "vorkehrung", "vorbereitung", "aussage", "feststellung",
                             "wahl", "auswahl", "regelung", "absprache", "vereinbarung", "abmachung"})
# cues that mean something else next to these words ("ein Amt besetzen", "eine Entscheidung treffen")
EXCLUDED_NEAR = {
    "treffen": TREFFEN_OBJECTS,
    "besetzen": frozenset({"amt", "posten", "stelle", "position", "rolle", "ressort", "sitz"}),
    "aussetzen": frozenset({"referendum", "verfahren", "gesetzgebungsverfahren", "abstimmung"}),
    "erobern": frozenset({"markt", "herz", "spitze", "titel", "platz", "tabellenspitze", "publikum"}),
}
# verbs that are meetings only with a partner or topic in the clause
NEEDS_PARTNER = {"sprechen": {"mit", "über"}, "reden": {"mit", "über"}, "reisen": {"nach", "zu", "zum", "zur", "in"},
                 "weiterreisen": {"nach", "zu", "zum", "zur", "in"}, "eintreffen": {"in", "zu", "zum", "zur"},
                 "diskutieren": {"mit"}, "vermitteln": {"zwischen"}}
PHRASE_WINDOW = 12
# first words of a quotation "speaker" that is an attribution ("nach Angaben des Ministeriums")
ATTRIBUTION_HEADS = frozenset({"angaben", "angabe", "informationen", "berichten", "darstellung", "ansicht",
                               "meinung", "auffassung", "einschätzung", "laut", "nach"})
NEWS_AGENCIES = frozenset({"dpa", "afp", "ap", "reuters", "apa", "kna", "epd", "ddp", "sid", "ria nowosti",
                           "interfax", "tass", "itar-tass", "xinhua", "sna", "anadolu", "efe", "ansa"})
# second parts of compounds that make an organisation's name a venue ("beim G20-Gipfel", "beim Nato-Treffen")
VENUE_SUFFIXES = ("gipfel", "gipfels", "treffen", "treffens", "konferenz", "tagung", "sitzung", "runde", "format",
                  "formats", "rat", "rats", "ministertreffen")
# event venues whose genitive organisation is where something happens ("am Rande des Gipfels der Apec")
MEETING_NOUNS = ("gipfel", "gipfels", "treffen", "treffens", "konferenz", "tagung", "sitzung", "forum", "forums")
# personal pronouns in the nominative that begin a clause as its subject ("Er warf Washington vor")
SUBJECT_PRONOUNS = frozenset({"er", "sie", "ich", "wir", "ihr"})
# subordinators of a clause that tells the content of an act ("forderte, dass …"), not its reason ("da", "weil")
CONTENT_SUBORDINATORS = frozenset({"dass", "ob", "wie", "was", "wer", "warum", "wann", "wo", "wohin", "inwiefern"})
RELATION_NOUNS = frozenset({"beziehung", "beziehungen", "verhältnis", "verhältnisse"})
# categories whose "auf" phrase names a target rather than a place ("Angriffe auf Israel", "Druck auf Russland")
AUF_TARGET_CATEGORIES = frozenset({"ASSAULT", "COERCE", "THREATEN", "SANCTION", "RETREAT"})
# categories whose "bei" phrase is whom the act is addressed to ("protestierte bei China")
BEI_TARGET_CATEGORIES = frozenset({"ACCUSE", "REQUEST", "PROTEST"})
# articles of a dative after "auf" ("auf der indonesischen Insel Bali": where, not at whom)
DATIVE_ARTICLES = frozenset({"dem", "einem", "der", "einer"})
# endings of a weak verb's past tense ("verurteilte", "kritisierten"), which the tagger sometimes reads as an adjective
PAST_ENDINGS = ("te", "ten")


# -- the tables --------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Cue:
    cue: str
    kind: str
    category: str
    mode: str


@dataclass
class EventLexicon:
    verbs: dict[str, Cue] = field(default_factory=dict)
    nouns: dict[str, Cue] = field(default_factory=dict)
    noun_suffixes: list[tuple[str, Cue]] = field(default_factory=list)
    adjectives: dict[str, Cue] = field(default_factory=dict)
    verdicts: dict[str, Cue] = field(default_factory=dict)     # evaluative words: what a speaker calls something
    phrases: list[tuple[tuple[str, ...], Cue]] = field(default_factory=list)
    phrase_first: dict[str, list[int]] = field(default_factory=dict)   # first lemma → indexes into phrases
    phrase_star: list[int] = field(default_factory=list)               # phrases whose first part is "*suffix"

    def index_phrases(self) -> None:
        self.phrase_first, self.phrase_star = {}, []
        for n, (parts, _) in enumerate(self.phrases):
            if parts[0].startswith("*"):
                self.phrase_star.append(n)
            else:
                self.phrase_first.setdefault(parts[0], []).append(n)

    def noun(self, *forms: str) -> Cue | None:
        cache = self.__dict__.setdefault("_noun_cache", {})
        if forms in cache:
            return cache[forms]
        if len(cache) >= NOUN_CACHE_SIZE:  # a worker sees millions of word forms in a long run
            cache.clear()
        cache[forms] = found = self._noun(*forms)
        return found

    def _noun(self, *forms: str) -> Cue | None:
        keys = noun_keys(*forms)
        for key in keys:
            if key in self.nouns:
                return self.nouns[key]
        for key in keys:
            found = self._compound(key)
            if found is not None:
                return found[1]
        return None

    def noun_suffix(self, *forms: str) -> tuple[str, Cue] | None:
        """The compound's first part and the cue, for a noun such as "Japanbesuch" → ("japan", besuch)."""
        for key in noun_keys(*forms):
            found = self._compound(key)
            if found is not None:
                return found
        return None

    def _compound(self, key: str) -> tuple[str, Cue] | None:
        """(first part, cue) of the first suffix cue in `noun_suffixes` that `key` ends with after a compound head.
        The key's own suffixes are looked up (a dozen) rather than every suffix cue tried on it (~50); the index is
        built at the first lookup (like the noun cache, it assumes the table no longer changes)."""
        firsts = self.__dict__.get("_suffix_index")
        if firsts is None:
            firsts = self.__dict__["_suffix_index"] = {}
            for n, (suffix, _) in enumerate(self.noun_suffixes):
                firsts.setdefault(suffix, n)
        best = None
        for cut in range(MIN_COMPOUND_HEAD, len(key)):  # a suffix cue is never empty
            n = firsts.get(key[cut:])
            if n is not None and (best is None or n < best[0]) and _compound_head(key[:cut]):
                best = (n, cut)
        if best is None:
            return None
        return key[: best[1]], self.noun_suffixes[best[0]][1]


_DEUMLAUT = str.maketrans("äöü", "aou")
# a compound's first part has at least three letters: "Luftangriff", "EU-Gipfel", but not "Reinigung" for
# "*einigung" or "Betreffen" for "*treffen"
MIN_COMPOUND_HEAD = 3
# verb prefixes make a derived word, not a compound ("Vereinigung" is not a kind of "Einigung")
VERB_PREFIXES = frozenset({"be", "ge", "er", "ver", "zer", "ent", "emp", "miss"})


NOUN_CACHE_SIZE = 200_000


def _compound_head(head: str) -> bool:
    return len(head) >= MIN_COMPOUND_HEAD and head not in VERB_PREFIXES


def _token_keys(lemma: str, lower: str, capitalised: bool) -> tuple[str, ...]:
    """Keys a token matches phrase parts with: its lemma and form, and for nouns the plural-less forms."""
    if capitalised:
        return tuple(dict.fromkeys([lemma, lower, *noun_keys(lemma, lower)]))
    return (lemma, lower)


def _ends_with(keys: tuple[str, ...], suffixes: tuple[str, ...]) -> bool:
    # not memoised: an lru_cache here held ~800 bytes per word type (72 MB after 1,000 FANG-COVID articles, half
    # of all our caches by word form), so workers loaded their pipeline anew more often, to save 0.1 us a call
    for key in keys:
        if key.endswith(suffixes):
            return True
    return False


def noun_keys(*forms: str) -> list[str]:
    """Lookup keys of a noun: as given, without a plural ending (the lemmatizer leaves some plurals:
    "Gegenmaßnahmen", "Zölle"), and with umlauts removed from those ("zöll" → "zoll"). Only a plural stem loses
    its umlaut: "Förderung" is not "Forderung"."""
    keys: list[str] = []
    for form in forms:
        form = form.lower()
        if not form:
            continue
        stems = [form]
        for ending in ("en", "n", "e", "s"):
            if form.endswith(ending) and len(form) > len(ending) + 3:
                stems.append(form[: -len(ending)])
        for n, stem in enumerate(stems):
            for key in (stem, stem.translate(_DEUMLAUT)) if n else (stem,):
                if key not in keys:
                    keys.append(key)
    return keys


def _rows(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def read_event_lexicon(path: Path = DATA / "event_lexicon.tsv") -> EventLexicon:
    lexicon = EventLexicon()
    for number, row in enumerate(_rows(path), 2):
        cue = Cue(row["cue"].strip(), row["kind"].strip(), row["category"].strip(), (row.get("mode") or "actual").strip())
        if cue.category not in CATEGORIES:
            raise ValueError(f"{path.name}: row {number}: unknown PLOVER category {cue.category!r}")
        if cue.mode not in ("actual", "intended"):
            raise ValueError(f"{path.name}: row {number}: mode must be actual or intended, not {cue.mode!r}")
        key = cue.cue.lower()
        if cue.kind == "verb":
            lexicon.verbs[key] = cue
        elif cue.kind == "noun":
            if key.startswith("*"):
                lexicon.noun_suffixes.append((key[1:], cue))
                lexicon.nouns.setdefault(key[1:], cue)
            else:
                lexicon.nouns[key] = cue
        elif cue.kind == "adj":
            lexicon.adjectives[key] = cue
        elif cue.kind == "verdict":
            if cue.category not in ("ACCUSE", "SUPPORT"):
                raise ValueError(f"{path.name}: row {number}: a verdict is ACCUSE or SUPPORT, not {cue.category!r}")
            lexicon.verdicts[key] = cue
        elif cue.kind == "phrase":
            parts = tuple(p for p in key.split("+") if p)
            if len(parts) < 2:
                raise ValueError(f"{path.name}: row {number}: a phrase needs at least two lemmas joined by +")
            lexicon.phrases.append((parts, cue))
        else:
            raise ValueError(f"{path.name}: row {number}: kind must be verb, noun, adj, verdict or phrase, "
                             f"not {cue.kind!r}")
    lexicon.noun_suffixes.sort(key=lambda item: -len(item[0]))
    lexicon.index_phrases()
    return lexicon


def read_scores(path: Path = DATA / "goldstein.tsv") -> dict[tuple[str, str], float]:
    scores = {}
    for row in _rows(path):
        for mode in MODES:
            scores[(row["category"], mode)] = float(row[mode])
    missing = set(CATEGORIES) - {c for c, _ in scores}
    if missing:
        raise ValueError(f"{path.name}: no score for {', '.join(sorted(missing))}")
    return scores


@lru_cache(maxsize=1)
def default_lexicon() -> EventLexicon:
    return read_event_lexicon()


@lru_cache(maxsize=1)
def default_scores() -> dict[tuple[str, str], float]:
    return read_scores()


@lru_cache(maxsize=1)
def _gazetteer():
    return gazetteer_module.load()


# -- annotations ---------------------------------------------------------------------------------------------------

@dataclass
class ActorRef:
    """An actor named in a sentence: its words, and the state or organisation it belongs to."""

    span: Span
    name: str | None = None
    country: str | None = None
    kind: str | None = None            # state | organisation | person | role | other
    mention: ActorMention | None = None

    @property
    def text(self) -> str:
        return self.span.text


@dataclass
class EventAnnotation:
    category: str
    mode: str
    trigger: Span
    sentence: Span
    source: ActorRef | None
    target: ActorRef | None
    date: str | None
    date_precision: str | None
    date_text: str | None
    location: str | None
    score: float
    quote: int | None = None           # index in doc._.quotes when the event is told inside a quotation


@dataclass
class RelationStatement:
    """A sentence (or the part of a quotation) about the relationship between two states itself."""

    span: Span
    states: tuple[str, str]
    cue: Span
    quote: int | None
    speaker_country: str | None
    tone: float


# -- actors --------------------------------------------------------------------------------------------------------

@lru_cache(maxsize=50_000)
def _lookup(text: str) -> tuple[str | None, str | None, str | None]:
    """(country or organisation code, canonical name, kind) for a name, role phrase, adjective or metonym."""
    g = _gazetteer()
    role = g.role(text) if any(c.isalpha() for c in text) else None
    if role is not None and (role.country is not None or role.organisation is not None or role.metonym is not None):
        code = role.actor_code
        return code, text, "role"
    if (m := g.metonym(text)) is not None:
        return m.code, m.term, "state" if len(m.code) == 3 else "organisation"
    if (c := g.country_by_name(text)) is not None:
        return c.iso3, c.country.name, "state"
    if (o := g.organisation_by_name(text)) is not None:
        return o.code, o.organisation.name, "organisation"
    if role is not None:
        # "Bundeskanzlerin", "Bundesaußenminister": in German news the federal offices are Germany's
        if text.lower().startswith("bundes"):
            return "DEU", text, "role"
        return None, text, "role"
    return None, None, None


def actor_for(span: Span, doc: Doc) -> ActorRef | None:
    """The actor a span names: what the gazetteer makes of the span's words (states, capitals, adjectives,
    metonyms, organisations, role nouns with a country prefix); else the mention of `doc._.mentions` (the
    actor_mentions component, which resolves names and pronouns within the article) it overlaps. None when the
    span names no actor."""
    best = None
    for m in doc._.mentions or ():
        if m.start_char < span.end_char and span.start_char < m.end_char:
            if best is None or (best.country is None and m.country is not None):
                best = m
    # the span's own words first: a mention may cover a whole coordination ("Präsidenten Russlands und der
    # Vereinigten Staaten") with the first state's code
    code, name, kind = _lookup(span.text)
    if code is not None:
        return ActorRef(span, name, code, kind, best)
    if best is not None and best.country is not None:
        return ActorRef(best.span, best.name, best.country, best.kind, best)
    if best is not None:
        return ActorRef(best.span, best.name, None, best.kind, best)
    label = span.label_ or ""
    if label.startswith("PER"):
        return ActorRef(span, span.text, None, "person")
    if label.startswith("ORG") or kind is not None:
        return ActorRef(span, name or span.text, None, kind or "organisation")
    return None


def _sentence_entities(sent: Span, tables: _Tables | None = None) -> list[Span]:
    """The entities inside the sentence, as `doc.ents` has them; read off the IOB codes (once per doc, through
    `tables`), since `doc.ents` builds every entity of the document at each call."""
    doc = sent.doc
    iob, ent_type, ent_kb = (tables if tables is not None else _Tables(doc)).entities(doc)
    found = []
    for start in numpy.flatnonzero((iob[sent.start:sent.end] == 3) & (ent_type[sent.start:sent.end] != 0)):
        start = int(start) + sent.start
        end = start + 1
        while end < len(doc) and iob[end] == 1:
            end += 1
        if end <= sent.end:
            found.append(Span(doc, start, end, label=int(ent_type[start]), kb_id=int(ent_kb[start])))
    return found


def _candidate_spans(sent: Span, tables: _Tables | None = None) -> list[Span]:
    """Spans in a sentence that may name actors: entities, and role/adjective/metonym tokens outside them."""
    doc = sent.doc
    tables = tables if tables is not None else _Tables(doc)
    spans: list[Span] = _sentence_entities(sent, tables)
    covered = {i for e in spans for i in range(e.start, e.end)}
    texts, tags, pos, lowers = tables.texts, tables.tags, tables.pos, tables.lowers
    for i in range(sent.start, sent.end):
        text, tag = texts[i], tags[i]
        if i in covered or not text.isalpha() and "-" not in text:  # Token.is_alpha is str.isalpha of the form
            continue
        if tag in ("NN", "NE", "ADJA", "ADJD") or pos[i] in ("NOUN", "PROPN", "ADJ"):
            if text[:1].isupper() or tag == "ADJA":
                code, name, kind = _lookup(text)
                # adjectives only when they place something in a state ("russische"), not as role nouns
                if kind is not None and (code is not None or tag not in ("ADJA", "ADJD")):
                    spans.append(doc[i:i + 1])
        elif lowers[i] in FIRST_PERSON:
            spans.append(doc[i:i + 1])
    return sorted(spans, key=lambda s: s.start)


@dataclass
class _Group:
    """Adjacent actor spans that name one actor ("Russlands Präsident Wladimir Putin")."""

    start: int          # token indices
    end: int
    ref: ActorRef
    first_person: bool = False


_GAP_TAGS = frozenset({"ART", "ADJA", "NN", "NE", "PPOSAT"})
# closed word classes and verbs: a one-word actor span with one of these tags is a recogniser error
NOT_NAME_TAGS = frozenset({"ADV", "KON", "KOUS", "KOUI", "KOKOM", "APPR", "APPRART", "APPO", "APZR", "PTKVZ",
                           "PTKNEG", "PTKZU", "PTKANT", "PTKA", "PAV", "PROAV", "PWAV", "PWS", "PIS", "PDS", "PRELS",
                           "VVFIN", "VAFIN", "VMFIN", "VVINF", "VAINF", "VMINF", "VVIMP", "ITJ"})


def _groups(sent: Span, tables: _Tables | None = None) -> list[_Group]:
    doc = sent.doc
    groups: list[_Group] = []
    for span in _candidate_spans(sent, tables):
        if len(span) == 1 and span[0].lower_ in FIRST_PERSON:
            groups.append(_Group(span.start, span.end, ActorRef(span, None, None, "pronoun"), first_person=True))
            continue
        if len(span) == 1 and span[0].tag_ in NOT_NAME_TAGS:
            continue    # "Zugleich sei Washington bereit": a word the recogniser took for a name at a sentence's start
        ref = actor_for(span, doc)
        if ref is None:
            continue
        if groups and not groups[-1].first_person:
            last = groups[-1]
            gap = doc[last.end:span.start]
            if len(gap) <= 1 and all(t.tag_ in _GAP_TAGS and t.lower_ not in ("und", "oder") for t in gap) \
                    and not (last.ref.country and ref.country and last.ref.country != ref.country):
                merged = doc[last.start:span.end]
                country = last.ref.country or ref.country
                name = ref.name if ref.kind == "person" else last.ref.name or ref.name
                kind = "person" if "person" in (ref.kind, last.ref.kind) else last.ref.kind or ref.kind
                groups[-1] = _Group(last.start, span.end,
                                    ActorRef(merged, name, country, kind, last.ref.mention or ref.mention))
                continue
        groups.append(_Group(span.start, span.end, ref))
    return _seated_institutions(doc, sent, groups)


# nouns of a state's institutions, which "in" + the state or its capital places ("das Außenministerium in Peking",
# "die Machthaber in China", "das Regime in Pjöngjang"); envoys are not among them ("der Botschafter in Moskau"
# is a foreign one)
INSTITUTION_SUFFIXES = ("regierung", "führung", "regime", "ministerium", "behörde", "behörden", "machthaber",
                        "parlament", "präsidialamt", "außenamt", "militär", "armee", "streitkräfte",
                        "sicherheitskräfte", "staatsmedien")


def _seated_institutions(doc: Doc, sent: Span, groups: list[_Group]) -> list[_Group]:
    """Joins a state institution without a state of its own and the "in" + state phrase after it into one actor of
    that state."""
    result: list[_Group] = []
    for g in groups:
        at = g.start - 1
        if not (g.ref.country and g.ref.kind == "state" and at - 1 >= sent.start
                and doc[at].lower_ in ("in", "im", "aus")):
            result.append(g)
            continue
        head = doc[at - 1]
        previous = result[-1] if result and result[-1].end == at else None
        if doc[at].lower_ == "aus" and previous is not None and previous.ref.country is None \
                and previous.ref.kind == "person" and not previous.first_person:
            # "Umweltminister aus Singapur": a person from a state is of that state
            span = doc[previous.start:g.end]
            result[-1] = _Group(previous.start, g.end, ActorRef(span, previous.ref.name, g.ref.country, "person",
                                                                 previous.ref.mention))
            continue
        if doc[at].lower_ == "aus":
            result.append(g)
            continue
        if previous is not None and previous.ref.country is None and not previous.first_person \
                and previous.end - previous.start == 1 and head.tag_ == "NN" \
                and _lemma(head).endswith(INSTITUTION_SUFFIXES):
            start = previous.start
            result.pop()
        elif previous is None and head.tag_ == "NN" and _lemma(head).endswith(INSTITUTION_SUFFIXES):
            start = head.i
            while start - 1 >= sent.start and doc[start - 1].tag_ == "ADJA":
                start -= 1      # the article stays outside, as in the gazetteer's spans, for the role features
        else:
            result.append(g)
            continue
        span = doc[start:g.end]
        result.append(_Group(start, g.end, ActorRef(span, g.ref.name, g.ref.country, "organisation", g.ref.mention)))
    return result


# -- clauses -------------------------------------------------------------------------------------------------------

def _clauses(sent: Span, tables: _Tables | None = None) -> list[tuple[int, int, str]]:
    """(start, end, kind) token ranges of a sentence split at punctuation; kind: main | sub | zu."""
    tables = tables if tables is not None else _Tables(sent.doc)
    texts, tags, lowers = tables.texts, tables.tags, tables.lowers
    result = []
    start = sent.start
    for i in range(sent.start, sent.end):
        if texts[i] in CLAUSE_PUNCT:
            if i > start:
                result.append((start, i))
            start = i + 1
    if start < sent.end:
        result.append((start, sent.end))
    typed = []
    for s, e in result:
        clause_tags = tags[s:e]
        if "PTKZU" in clause_tags or "VVIZU" in clause_tags or (
                # "rasch zusammenzukommen" (tagged VVINF): an infinitive without a finite verb
                "VVINF" in clause_tags and not any(tag.endswith("FIN") for tag in clause_tags)):
            kind = "zu"
        elif lowers[s] in SUBORDINATORS or tags[s] in ("KOUS", "PRELS", "PWAV"):
            kind = "sub"
        else:
            kind = "main"
        typed.append((s, e, kind))
    return typed


def _clause_of(clauses: list[tuple[int, int, str]], i: int) -> int:
    for n, (s, e, _) in enumerate(clauses):
        if s <= i < e:
            return n
    return 0


# -- cue finding ---------------------------------------------------------------------------------------------------

@dataclass
class _Trigger:
    start: int
    end: int
    cue: Cue
    verb_at: int | None      # token index of the verb that carries the clause's roles, if any
    used: tuple[int, ...]


def _lemma(token: Token) -> str:
    return (token.lemma_ or token.text).lower()


def _lemmas(tokens) -> list[str]:
    return [(t.lemma_ or t.text).lower() for t in tokens]


def _is_verb(token: Token) -> bool:
    return token.tag_.startswith("V") or token.pos_ in ("VERB", "AUX")


def _zu_infinitive_cue(lemma: str, lexicon: EventLexicon) -> Cue | None:
    """The cue of a particle verb's zu-infinitive the lemmatizer left as it is ("zusammenzukommen")."""
    at = lemma.find("zu", 2)
    while at > 0:
        cue = lexicon.verbs.get(lemma[:at] + lemma[at + 2:])
        if cue is not None:
            return cue
        at = lemma.find("zu", at + 1)
    return None


def _form_infinitives(lower: str) -> tuple[str, ...]:
    """The infinitives a verb form can belong to by its shape: itself in -en, a weak verb's past form in -te/-ten
    without its ending, a present form in -e with -n."""
    if lower.endswith("ten"):
        return lower[:-3] + "en", lower[:-3] + "n", lower
    if lower.endswith("en"):
        return (lower,)
    if lower.endswith("te"):    # "forderte" → fordern, but "behalte" (present) → behalten
        return lower[:-2] + "en", lower[:-2] + "n", lower + "n"
    if lower.endswith("e"):
        return lower[:-1] + "n", lower + "n"
    return ()


def _form_cue(lower: str, lexicon: EventLexicon) -> Cue | None:
    """The cue a verb form names by itself where the lemmatizer got its lemma wrong: an infinitive (or a plural
    that equals it) in -en ("zusammenarbeiten" → "zusammenarbeien", "zusammenzuarbeiten"), a weak verb's past form
    ("verschleppten" → "verschleppt"), or a present form in -e, mostly Konjunktiv I of reported speech ("fordere" →
    "ford")."""
    for infinitive in _form_infinitives(lower):
        if infinitive in lexicon.verbs:
            return lexicon.verbs[infinitive]
    return _zu_infinitive_cue(lower, lexicon) if lower.endswith("en") else None


class _Tables:
    """A document's token attributes as plain lists, read once (through `Doc.to_array`, decoding each distinct
    value once) rather than through a Token object per access, which is the slow part of coding events; indices
    are the doc's token indices."""

    __slots__ = ("texts", "tags", "lowers", "lemmas", "pos", "iob", "ent_type", "ent_kb", "_particles",
                 "_candidates", "_clauses")

    def __init__(self, doc: Doc) -> None:
        strings = doc.vocab.strings
        self.iob = self.ent_type = self.ent_kb = None
        self._particles: list[int] | None = None
        self._candidates: tuple[int, list[int]] | None = None
        self._clauses: dict[int, list[tuple[int, int, str]]] = {}
        if len(doc) == 0:
            self.texts, self.tags, self.lowers, self.lemmas, self.pos = [], [], [], [], []
            return
        values = doc.to_array([ORTH, TAG, LOWER, LEMMA, POS])
        self.texts = decode(values[:, 0], strings)
        self.tags = decode(values[:, 1], strings)
        self.lowers = decode(values[:, 2], strings)
        self.pos = [POS_NAMES.get(h, "") if h else "" for h in values[:, 4].tolist()]
        lemma_ = decode(values[:, 3], strings)
        # the lemma, or the form where the lemmatizer left none, lower-cased (as `_lemma`)
        self.lemmas = [(lemma or text).lower() for lemma, text in zip(lemma_, self.texts)]

    def particles(self, start: int, end: int) -> list[int]:
        """The separated verb particles (PTKVZ) from `start` to `end`."""
        if self._particles is None:
            self._particles = [i for i, tag in enumerate(self.tags) if tag == "PTKVZ"]
        return self._particles[bisect_left(self._particles, start):bisect_left(self._particles, end)]

    def cue_candidates(self, lexicon: EventLexicon, start: int, end: int) -> list[int]:
        """The tokens from `start` to `end` that may be cues of `lexicon` (see `_may_be_cue`), found once per
        doc."""
        if not self.texts:
            return []
        if self._candidates is None or self._candidates[0] != id(lexicon):
            # decided once per distinct (form, lemma, tag, POS) and lexicon; keyed by the decoded strings, which
            # cache their hashes, rather than by the rows of 64-bit hashes (turning those into Python ints cost more
            # than the whole lookup)
            memo = _CUE_ROWS.get(id(lexicon))
            if memo is None or len(memo) > 50_000:
                memo = _CUE_ROWS[id(lexicon)] = {}
            found = []
            for i, row in enumerate(zip(self.texts, self.lemmas, self.tags, self.pos)):
                may = memo.get(row)
                if may is None:
                    text, lemma, tag, pos = row
                    may = memo[row] = _may_be_cue(lexicon, lemma, self.lowers[i], text[:1].isupper(),
                                                  _word_class(tag, pos))
                if may:
                    found.append(i)
            self._candidates = (id(lexicon), found)
        found = self._candidates[1]
        return found[bisect_left(found, start):bisect_left(found, end)]

    def clauses(self, sent: Span) -> list[tuple[int, int, str]]:
        """`_clauses(sent)`, split once per sentence (cue finding and role assignment both need them)."""
        found = self._clauses.get(sent.start)
        if found is None:
            found = self._clauses[sent.start] = _clauses(sent, self)
        return found

    def entities(self, doc: Doc):
        if self.iob is None:
            values = doc.to_array([ENT_IOB, ENT_TYPE, ENT_KB_ID])
            self.iob, self.ent_type, self.ent_kb = values[:, 0], values[:, 1], values[:, 2]
        return self.iob, self.ent_type, self.ent_kb


_KEYS: dict[tuple[str, str, bool], tuple[str, ...]] = {}
_CUE_WORDS: dict[tuple, bool] = {}     # (lexicon id, lemma, form, capitalised, word class) → may it be a cue?
_CUE_ROWS: dict[int, dict[tuple, bool]] = {}  # lexicon id → (form, lemma, tag, POS) of `_Tables` → the same


def _keys_of(lemma: str, lower: str, capitalised: bool) -> tuple[str, ...]:
    key = (lemma, lower, capitalised)
    found = _KEYS.get(key)
    if found is None:
        if len(_KEYS) > 200_000:
            _KEYS.clear()
        found = _KEYS[key] = _token_keys(lemma, lower, capitalised)
    return found


def clear_word_caches() -> None:
    """Empty the caches by word form (a long-running worker calls this when it loads its pipeline anew)."""
    _KEYS.clear()
    _CUE_WORDS.clear()
    _CUE_ROWS.clear()
    _lookup.cache_clear()
    if default_lexicon.cache_info().currsize:
        default_lexicon().__dict__.pop("_noun_cache", None)


def _word_class(tag: str, pos: str) -> str:
    """The branch of `_find_triggers` a token takes: verb, noun, adjective or none."""
    if tag.startswith("V") or pos in ("VERB", "AUX"):
        return "V"
    if tag in ("NN", "NE") or pos in ("NOUN", "PROPN"):
        return "N"
    if tag in ("ADJA", "ADJD") or pos == "ADJ":
        return "A"
    return ""


def _may_be_cue(lexicon: EventLexicon, lemma: str, lower: str, capitalised: bool, word_class: str) -> bool:
    """Whether a token (not joined with a separated verb particle) can start a phrase or be a single-word cue;
    a superset of what `_find_triggers` codes, cached by word type."""
    key = (id(lexicon), lemma, lower, capitalised, word_class)
    found = _CUE_WORDS.get(key)
    if found is None:
        keys = _keys_of(lemma, lower, capitalised)
        star_suffixes = tuple(lexicon.phrases[n][0][0][1:] for n in lexicon.phrase_star)
        found = any(k in lexicon.phrase_first for k in keys) or bool(star_suffixes and _ends_with(keys, star_suffixes))
        if not found and word_class == "V":
            found = lemma in lexicon.verbs or _zu_infinitive_cue(lemma, lexicon) is not None \
                or _form_cue(lower, lexicon) is not None
        elif not found and word_class == "N":
            found = lexicon.noun(lemma, lower) is not None
        elif not found and word_class == "A":
            found = lemma in lexicon.adjectives or (lemma in lexicon.verbs and lower.endswith(PAST_ENDINGS))
        if len(_CUE_WORDS) > 400_000:
            _CUE_WORDS.clear()
        _CUE_WORDS[key] = found
    return found


def _finite_verb_near(texts: list[str], tags: list[str], i: int, first: int, last: int) -> bool:
    """Whether the clause around token `i` (between clause punctuation, as `_clauses` splits) has a finite verb."""
    j = i - 1
    while j >= first and texts[j] not in CLAUSE_PUNCT:
        if tags[j].endswith("FIN"):
            return True
        j -= 1
    j = i + 1
    while j < last and texts[j] not in CLAUSE_PUNCT:
        if tags[j].endswith("FIN"):
            return True
        j += 1
    return False


def separated_particles(tables: _Tables, first: int, last: int) -> dict[int, str]:
    """The finite verbs of the tokens `first`..`last` whose particle stands apart, with the particle ("weist …
    zurück" → {weist: "zurück"})."""
    texts, tags, lowers, pos = tables.texts, tables.tags, tables.lowers, tables.pos
    found: dict[int, str] = {}
    for k in tables.particles(first, last):
        for v in range(k - 1, first - 1, -1):
            if tags[v] in ("VVFIN", "VVIMP") or (tags[v].endswith("FIN") and pos[v] == "VERB"):
                found[v] = lowers[k]
                break
            if texts[v] in CLAUSE_PUNCT:
                break
    return found


def _find_triggers(sent: Span, lexicon: EventLexicon, tables: _Tables | None = None) -> list[_Trigger]:
    doc = sent.doc
    tables = tables if tables is not None else _Tables(doc)
    first, last = sent.start, sent.end
    texts, tags, lowers, lemmas, pos = tables.texts, tables.tags, tables.lowers, tables.lemmas, tables.pos
    # separable verbs: "weist … zurück" → zurückweisen
    particle_of = separated_particles(tables, first, last)
    joined = {v: particle + lemmas[v] for v, particle in particle_of.items()}
    # the tokens that may be cues (the others cannot start a phrase or be a cue of their own)
    candidates = sorted(set(tables.cue_candidates(lexicon, first, last)) | set(joined))
    joint = "gemeinsam" in lowers[first:last]
    if not candidates and not joint and (not lexicon.verdicts or VERDICT_VERBS.isdisjoint(lemmas[first:last])) \
            and DEMAND_MODALS.isdisjoint(lowers[first:last]):
        return []
    used: set[int] = set()
    found: list[_Trigger] = []

    keys: dict[int, tuple[str, ...]] = {}

    def keys_at(i: int) -> tuple[str, ...]:
        got = keys.get(i)
        if got is None:
            got = _keys_of(joined.get(i, lemmas[i]), lowers[i], texts[i][:1].isupper())
            if i in particle_of:    # "behalte sich … vor" (lemma "behalen") is still "vorbehalten"
                got = got + tuple(particle_of[i] + f for f in _form_infinitives(lowers[i]))
            keys[i] = got
        return got

    def matches(part: str, i: int) -> bool:
        if part.startswith("*"):
            return any(k.endswith(part[1:]) for k in keys_at(i))
        return part in keys_at(i)

    clause_ranges = None
    # phrases whose first lemma occurs here, tried in the order of the table, then left to right
    tries = []
    phrase_first = lexicon.phrase_first
    star_suffixes = tuple(lexicon.phrases[n][0][0][1:] for n in lexicon.phrase_star)
    for i in candidates:
        for key in keys_at(i):
            if key in phrase_first:
                for n in phrase_first[key]:
                    tries.append((n, i))
        if star_suffixes and _ends_with(keys_at(i), star_suffixes):
            for n in lexicon.phrase_star:
                if matches(lexicon.phrases[n][0][0], i):
                    tries.append((n, i))
    for n, i in sorted(set(tries)):
        parts, cue = lexicon.phrases[n]
        if i in used:
            continue
        if tags[i] in ("VVPP", "VVINF") and any(tags[j] == "KOKOM" for j in range(max(first, i - 3), i)):
            continue    # "besser als von vielen erwartet": a comparison
        if clause_ranges is None:
            clause_ranges = tables.clauses(sent)
        picked = [i]
        for part in parts[1:]:
            cs, ce, _ = clause_ranges[_clause_of(clause_ranges, i)]
            near = [j for j in range(max(cs, i - PHRASE_WINDOW), min(ce, i + PHRASE_WINDOW + 1))
                    if j not in picked and j not in used and matches(part, j)]
            if not near:
                break
            picked.append(min(near, key=lambda j: abs(j - i)))
        else:
            verb_at = next((j for j in picked if tags[j].startswith("V") or pos[j] in ("VERB", "AUX")), None)
            found.append(_Trigger(i, i + 1, cue, verb_at, tuple(picked)))
            used.update(picked)
    clause_words = None
    dangers: list[int] = []
    verbs, adjectives = lexicon.verbs, lexicon.adjectives
    for i in candidates:
        if i in used:
            continue
        cue = None
        tag = tags[i]
        p = pos[i]
        if tag.startswith("V") or p in ("VERB", "AUX"):
            if i in joined:
                # "kündigte … an" is ankündigen, not kündigen; "hält … vor" is vorhalten, not halten
                cue = verbs.get(joined[i]) or _form_cue(particle_of[i] + lowers[i], lexicon)
            else:
                cue = verbs.get(lemmas[i]) or _zu_infinitive_cue(lemmas[i], lexicon) or _form_cue(lowers[i], lexicon)
            if cue is None:
                continue
            if cue.cue in NEEDS_PARTNER:
                if clause_words is None:
                    clause_words = {c: {lowers[j] for j in range(c[0], c[1])} for c in tables.clauses(sent)}
                words = next((w for (s, e, _), w in clause_words.items() if s <= i < e), set())
                if not words & NEEDS_PARTNER[cue.cue]:
                    continue
            if tag in ("VVPP", "VVINF") and any(tags[j] == "KOKOM" for j in range(max(first, i - 3), i)):
                continue      # "besser als (von vielen) erwartet": a comparison, not an act
            if cue.cue == "drohen" and not _threat_frame(tables, i, sent):
                dangers.append(i)
                continue      # "Japan droht eine Rezession", "es drohe ein Wettrüsten": a danger, not a threat
            if cue.cue in EXCLUDED_NEAR:
                if any(lemmas[j] in EXCLUDED_NEAR[cue.cue] for j in range(max(first, i - 6), min(last, i + 6))):
                    continue
            verb_at = i
        elif tag in ("NN", "NE") or p in ("NOUN", "PROPN"):
            cue = lexicon.noun(lemmas[i], lowers[i])
            verb_at = None
        elif tag in ("ADJA", "ADJD") or p == "ADJ":
            cue = adjectives.get(lemmas[i])
            verb_at = None
            if cue is None and lemmas[i] in verbs and lowers[i].endswith(PAST_ENDINGS):
                # "Die Bundesregierung verurteilte Russlands Annexion": a past-tense form the tagger read as an
                # adjective is the finite verb of a clause that has none
                if not _finite_verb_near(texts, tags, i, first, last):
                    cue, verb_at = verbs[lemmas[i]], i
        if cue is not None:
            found.append(_Trigger(i, i + 1, cue, verb_at, (i,)))
            used.add(i)
    if dangers:
        # what is feared ("dass Kenia ein Anschlag droht") has not happened
        clauses = tables.clauses(sent)
        spans = [clauses[_clause_of(clauses, i)][:2] for i in dangers]
        found = [t for t in found if t.verb_at is not None or not any(a <= t.start < b for a, b in spans)]
    if joint:
        found.extend(_joint_actions(tables, first, last, found, sent))
    if not DEMAND_MODALS.isdisjoint(lowers[first:last]):
        found = _modal_demands(tables, first, last, found, sent)
    if lexicon.verdicts and not VERDICT_VERBS.isdisjoint(lemmas[first:last]):
        found.extend(_verdicts(tables, first, last, found, sent, lexicon))
    return sorted(found, key=lambda tr: tr.start)


# verbs that pass a verdict on something with an evaluative word: "bezeichnete den Schritt als unbegründet",
# "nannte die Entscheidung einen Fehler", "sprach von einem wichtigen Meilenstein", "äußerte sich enttäuscht";
# the word after "als" / "von" / the object says whether it is criticism (ACCUSE) or praise (SUPPORT)
VERDICT_VERBS = frozenset({"bezeichnen", "nennen", "werten", "bewerten", "einstufen", "sprechen", "äußern"})
VERDICT_MARKERS = {"bezeichnen": "als", "werten": "als", "bewerten": "als", "einstufen": "als", "sprechen": "von",
                   "äußern": "sich"}


def _verdicts(tables: _Tables, first: int, last: int, found: list[_Trigger], sent: Span,
              lexicon: EventLexicon) -> list[_Trigger]:
    """Verdicts: a verb of calling or speaking whose "als" / "von" phrase (or, for "nennen", object; for "sich
    äußern", predicate) is an evaluative word of the table ("verdict" rows)."""
    lemmas, lowers, tags = tables.lemmas, tables.lowers, tables.tags
    clauses = tables.clauses(sent)
    taken = {i for t in found for i in t.used}
    out = []
    for i in range(first, last):
        verb = lemmas[i]
        if verb not in VERDICT_VERBS or i in taken or not tags[i].startswith("VV"):
            continue
        cs, ce, _ = clauses[_clause_of(clauses, i)]
        marker = VERDICT_MARKERS.get(verb)
        if marker is None:
            words = range(cs, ce)
        else:
            # "sprechen von" after the verb: "Von der Leyen sprach …" has a "von" of its own before it
            at = next((j for j in range(i + 1 if verb == "sprechen" else cs, ce) if lowers[j] == marker), None)
            if at is None:
                continue
            words = range(at + 1, min(ce, at + 8)) if marker != "sich" else range(cs, ce)
        for j in words:
            if j == i or j in taken:
                continue
            cue = lexicon.verdicts.get(lemmas[j]) or lexicon.verdicts.get(lowers[j])
            if cue is not None:
                out.append(_Trigger(i, i + 1, Cue(verb, "verb", cue.category, cue.mode), i, (i, j)))
                break
    return out


# "unterstützen" is material aid (PLOVER AID) with money, arms or goods in its clause, else backing (SUPPORT)
SUPPORT_OR_AID = frozenset({"unterstützen", "Unterstützung"})
MATERIAL_WORDS = frozenset({"geld", "euro", "dollar", "million", "millionen", "milliarde", "milliarden", "fonds",
                            "finanziell", "militärisch", "waffe", "waffen", "munition", "ausrüstung", "lieferung",
                            "lieferungen", "hilfsgut", "hilfsgüter", "kredit", "kredite", "darlehen", "lebensmittel",
                            "medikament", "medikamente", "humanitär", "wirtschaftlich", "materiell", "technisch"})

# reported obligations of another are demands (CAMEO 10): "Die USA müssten ihre Zölle überdenken, sagte Zhao",
# "Washington dürfe keine Grenzen überschreiten"; Konjunktiv forms only, "dürfe" only with a negation, and not when
# the speaker's own side is the subject ("wir müssten", "man müsse")
MODAL_DEMAND = Cue("müssen", "verb", "REQUEST", "actual")
DEMAND_MODALS = frozenset({"müsse", "müssten", "müsste", "solle", "dürfe", "dürften"})
PERMITTING_MODALS = frozenset({"dürfe", "dürften"})
SPEAKERS_OWN_SIDE = frozenset({"wir", "ich", "man", "uns"})


PRONOUN_SUBJECT = object()


def _modal_subject(doc: Doc, i: int, clause: tuple[int, int, str], groups: list[_Group]) -> ActorRef | object | None:
    """Who a reported obligation is laid on: the actor right before the modal verb (not inside a prepositional
    phrase) or right after it ("dürfe Washington"), `PRONOUN_SUBJECT` for "sie"/"er" there, else None."""
    cs, ce, _ = clause
    for g in groups:
        if cs <= g.start and g.end == i and (g.start == cs or doc[g.start - 1].tag_ not in ("APPR", "APPRART")):
            return g.ref
        if g.start == i + 1 and g.end <= ce:
            return g.ref
    if (i - 1 >= cs and doc[i - 1].lower_ in ("sie", "er")) or (i + 1 < ce and doc[i + 1].lower_ in ("sie", "er")):
        return PRONOUN_SUBJECT
    return None


def _modal_demands(tables: _Tables, first: int, last: int, found: list[_Trigger], sent: Span) -> list[_Trigger]:
    """`found` with a REQUEST for each reported obligation of another; the cues after it in its clause are what is
    demanded, not events of their own."""
    lowers, tags = tables.lowers, tables.tags
    clauses = tables.clauses(sent)
    for i in range(first, last):
        if lowers[i] not in DEMAND_MODALS or not tags[i].startswith("VM"):
            continue
        cs, ce, _ = clauses[_clause_of(clauses, i)]
        words = set(lowers[cs:ce])
        if words & SPEAKERS_OWN_SIDE or any(t.start <= i < t.end or t.verb_at == i for t in found) \
                or any(t.cue is JOINT_ACTION and cs <= t.start < ce for t in found):
            continue
        if lowers[i] in PERMITTING_MODALS and not words & (NEGATORS | NOUN_NEGATORS):
            continue
        found = [t for t in found if not (i < t.start < ce)]
        found.append(_Trigger(i, i + 1, MODAL_DEMAND, i, (i,)))
    return found


JOINT_ACTION = Cue("gemeinsam", "adv", "COOPERATE", "actual")
# verbs of saying and being that "gemeinsam" does not make a joint act ("erklärten gemeinsam", "haben gemeinsam")
NOT_JOINT_ACTS = frozenset({"sagen", "erklären", "betonen", "mitteilen", "schreiben", "heißen", "unterstreichen",
                            "bekräftigen", "versichern", "sehen", "halten", "stehen", "gehören", "geben", "bleiben",
                            "werden", "sein", "haben", "können", "müssen", "sollen", "wollen", "dürfen", "lassen"})


def _joint_actions(tables: _Tables, first: int, last: int, found: list[_Trigger], sent: Span) -> list[_Trigger]:
    """Joint action without a cue of its own ("wollen die Aufgaben gemeinsam bewältigen", "gemeinsam mit den USA
    die Sprengköpfe einzufrieren") is cooperation, as PLOVER codes material cooperation; "gemeinsam" with a cue
    ("besuchten gemeinsam") is that cue's act."""
    tags, lowers, lemmas = tables.tags, tables.lowers, tables.lemmas
    out = []
    clauses = tables.clauses(sent)
    for i in range(first, last):
        if lowers[i] != "gemeinsam" or tags[i] not in ("ADJD", "ADV"):
            continue
        cs, ce, _ = clauses[_clause_of(clauses, i)]
        verb = next((j for j in range(i + 1, ce) if tags[j] in ("VVINF", "VVIZU", "VVPP", "VVFIN")), None)
        if verb is None:
            verb = next((j for j in range(i - 1, cs - 1, -1) if tags[j] == "VVFIN"), None)
        if verb is None or lemmas[verb] in NOT_JOINT_ACTS:
            continue
        a, b = sorted((i, verb))
        if any(t.verb_at == verb or a <= t.start <= b for t in found):
            continue
        out.append(_Trigger(i, i + 1, JOINT_ACTION, verb, (i, verb)))
    return out


# -- mode ----------------------------------------------------------------------------------------------------------

def _mode(sent: Span, trigger: _Trigger, clause: tuple[int, int, str], used: frozenset[int] = frozenset(),
          tables: _Tables | None = None) -> str:
    doc = sent.doc
    tables = tables if tables is not None else _Tables(doc)
    tags, lowers, lemmas = tables.tags, tables.lowers, tables.lemmas
    s, e, kind = clause
    rows = [i for i in range(s, e) if i not in trigger.used and i not in used
            and not (tags[i] == "ADJA" and i != trigger.start - 1)]
    is_noun = trigger.verb_at is None
    if is_noun:
        if any(lowers[i] in NOUN_NEGATORS for i in range(max(s, trigger.start - 2), trigger.start)):
            return "negated"
        if any(lowers[i] in NEGATORS and _negates_predicate(doc, i, e) for i in rows if i > trigger.start) \
                and any(lemmas[i] in OCCURRENCE_LEMMAS for i in rows if i > trigger.start):
            # "Ein Treffen … sei nicht geplant", "Gespräche … fanden nicht statt"
            return "negated"
    elif any(lowers[i] in NEGATORS and _negates_predicate(doc, i, e) for i in rows):
        return "negated"
    if "weder" in lowers[sent.start:trigger.start]:
        return "negated"
    words = [lowers[i] for i in rows]
    if any(lemmas[i] in INTENT_LEMMAS or lowers[i] in INTENT_LEMMAS for i in rows):
        return "intended"
    text = " ".join(words)
    if "naher zukunft" in text or "in zukunft" in text or "offen für" in text:
        return "intended"
    # werden + infinitive is the future, in reported speech too ("Russland werde … ausweisen"); "würde" is
    # Konjunktiv II, read below
    has_werden = any(lemmas[i] == "werden" and tags[i] == "VAFIN" and doc[i]._.konjunktiv != 2 for i in rows)
    has_infinitive = any(tags[i] in ("VVINF", "VAINF") for i in rows)
    has_participle = any(tags[i] == "VVPP" for i in rows) or (trigger.verb_at is not None
                                                              and tags[trigger.verb_at] == "VVPP")
    if has_werden and has_infinitive and not has_participle:
        return "intended"
    if any(lemmas[i] in KONJUNKTIV_INTENT and doc[i]._.konjunktiv == 2 for i in rows):
        return "intended"
    if kind == "zu":
        return "intended"
    if kind == "main" and s > sent.start and _announces(doc, sent.start, s):
        # "kündigte am Freitag an, Russland werde … ausweisen": what an announcement tells lies ahead
        return "intended"
    return "actual"


# predicates that say whether something takes place ("nicht geplant", "fanden nicht statt")
OCCURRENCE_LEMMAS = frozenset({"planen", "geplant", "vorsehen", "vorgesehen", "stattfinden", "statt", "geben",
                               "zustande", "zustandekommen", "erfolgen", "beabsichtigen", "beabsichtigt"})
ANNOUNCING = frozenset({"ankündigen", "angekündigt", "ankündigung"})


def _negates_predicate(doc: Doc, i: int, end: int) -> bool:
    """Whether the negator at `i` negates the clause rather than an attributive adjective after it ("aus nicht
    vollständig klaren Gründen")."""
    j = i + 1
    while j < end and doc[j].tag_ in ("ADV", "ADJD"):
        j += 1
    return not (j < end and doc[j].tag_ == "ADJA")


def _announces(doc: Doc, start: int, end: int) -> bool:
    """Whether the clause right before `end` (a clause's start) announces what follows ("kündigte … an, …")."""
    first = end - 1
    while first - 1 >= start and doc[first - 1].text not in CLAUSE_PUNCT:
        first -= 1
    frame = doc[first:end]
    lemmas = {_lemma(t) for t in frame}
    if lemmas & ANNOUNCING:
        return True
    return any(t.tag_ == "PTKVZ" and t.lower_ == "an" for t in frame) and "kündigen" in lemmas


# -- roles ---------------------------------------------------------------------------------------------------------

def _preposition_before(doc: Doc, group: _Group, floor: int) -> str | None:
    """The preposition governing a group, looking back over an article/adjective/pronoun. A `von` of place
    ("in der Nähe von Brüssel", "südlich von San Francisco") counts as `in`."""
    i = group.start - 1
    steps = 0
    while i >= floor and steps < 3:
        t = doc[i]
        if t.tag_ in ("APPR", "APPRART", "APPO") or t.lower_ in TARGET_PREPOSITIONS or t.lower_ in AGENT_PREPOSITIONS \
                or t.lower_ in PLACE_PREPOSITIONS or t.lower_ in NOT_TARGET_PREPOSITIONS:
            if t.lower_ in ("von", "vom") and i - 1 >= floor and doc[i - 1].lower_ in PLACE_BEFORE_VON:
                return "in"
            return t.lower_
        if t.tag_ not in ("ART", "ADJA", "PIAT", "PPOSAT", "CARD", "ADV", "ADJD") and t.text not in OPENING_QUOTES:
            return None
        i -= 1
        steps += 1
    return None


def _article_before(doc: Doc, group: _Group, floor: int) -> tuple[str | None, Token | None]:
    i = group.start - 1
    while i >= floor and (doc[i].tag_ in ("ADJA", "CARD", "ADV") or doc[i].text in OPENING_QUOTES):
        i -= 1
    if i >= floor and doc[i].tag_ in ("ART", "PPOSAT", "PIAT"):
        prev = doc[i - 1] if i - 1 >= floor else None
        return doc[i].lower_, prev
    return None, doc[i] if i >= floor else None


def _is_genitive_attribute(doc: Doc, group: _Group, floor: int) -> bool:
    article, prev = _article_before(doc, group, floor)
    if article in GENITIVE_ARTICLES and prev is not None and (prev.tag_ in ("NN", "NE") or prev.pos_ == "NOUN"):
        return True
    # a bare genitive name right after a noun: "die Kritik Venezuelas", "die Forderung Frankreichs"
    first = doc[group.start]
    if group.start - 1 >= floor and doc[group.start - 1].tag_ == "NN" and group.ref.kind == "state" \
            and first.text.endswith("s") and first.tag_ in ("NE", "NN"):
        return True
    # "Peskow zufolge", "laut Peskow" are attributions, not roles
    return False


def _role_features(doc: Doc, group: _Group, floor: int) -> dict:
    prep = _preposition_before(doc, group, floor)
    article, _ = _article_before(doc, group, floor)
    return {
        "prep": prep,
        "object": article in OBJECT_ARTICLES,
        "genitive": _is_genitive_attribute(doc, group, floor),
    }


def _in_attribution(doc: Doc, group: _Group, floor: int) -> bool:
    """Whether an actor is the genitive of an attribution ("nach Angaben des russischen Außenministeriums",
    "nach Ansicht Russlands"): it tells who reports, not who acts or undergoes."""
    i = group.start - 1
    while i >= floor and doc[i].tag_ in ("ART", "ADJA", "CARD"):
        i -= 1
    return i >= floor and doc[i].lower_ in ATTRIBUTION_HEADS and doc[i].tag_ in ("NN", "NE")


def _lead_pronoun(doc: Doc, start: int, end: int, before: int) -> int | None:
    """The index of a nominative personal pronoun that opens a clause as its subject ("Er warf Washington
    vor", "…, dass sie Moskau kritisiere"), if it comes before `before`."""
    i = start
    if i < end and (doc[i].tag_ in ("KON", "KOUS") or doc[i].lower_ in SUBORDINATORS):
        i += 1
    if i >= min(end, before) or doc[i].tag_ != "PPER" or doc[i].lower_ not in SUBJECT_PRONOUNS:
        return None
    if i == start and not (i + 1 < end and doc[i + 1].tag_.endswith("FIN")):
        return None     # a main clause's subject pronoun stands right before the finite verb
    return i


SUBJECT_WORDS = SUBJECT_PRONOUNS | {"man"}


def _pronoun_subject_before(doc: Doc, start: int, end: int) -> bool:
    """Whether a nominative personal pronoun or "man" stands in the clause before an actor (German puts the
    subject pronoun before the objects: "dass er Berlin besuche", "Wir haben die amerikanische Seite informiert",
    "Man wolle die Ukraine unterstützen"); "sie" counts only right after a subordinator or opening the clause
    before its finite verb, where it cannot be an object."""
    for i in range(start, end):
        t = doc[i]
        if t.lower_ == "man" and t.tag_ == "PIS":
            return True
        if t.tag_ == "PPER" and t.lower_ in SUBJECT_PRONOUNS:
            if t.lower_ in ("sie", "ihr"):
                prev = doc[i - 1] if i > start else None
                nxt = doc[i + 1] if i + 1 < len(doc) else None
                if not ((prev is None or prev.tag_ in ("KOUS", "KON") or prev.lower_ in SUBORDINATORS)
                        or (prev is not None and prev.tag_.endswith("FIN"))
                        or (nxt is not None and nxt.tag_.endswith("FIN"))):
                    continue
            return True
    return False


def _prefield_genitive(doc: Doc, groups: list[_Group], feats: dict, start: int, end: int,
                       trigger_nouns: frozenset[int]) -> _Group | None:
    """A genitive actor in the noun phrase that opens a main clause before its finite verb ("Das Außenministerium
    der Vereinigten Staaten kritisierte …"), when the phrase's head is not an event noun."""
    for g in groups:
        if not (start <= g.start < end) or not feats[id(g)]["genitive"] or not g.ref.country:
            continue
        prefix = doc[start:g.start]
        heads = [t for t in prefix if t.tag_ in ("NN", "NE")]
        if len(heads) != 1 or heads[0].i in trigger_nouns:
            return None
        if any(t.tag_ not in ("ART", "ADJA", "NN", "NE", "ADV", "PIAT", "PPOSAT", "CARD") for t in prefix):
            return None
        if not (g.end < end and doc[g.end].tag_.endswith("FIN")):
            return None
        return g
    return None


def _conjunct(doc: Doc, start: int, end: int, i: int) -> tuple[int, int]:
    """The part of a clause around token `i` between coordinated finite verbs ("war … unterstützt worden und
    hatte … angeprangert": the second participle is not passive)."""
    for j in range(start, end - 1):
        if doc[j].tag_ == "KON" and doc[j].lower_ in COORDINATORS and doc[j + 1].tag_.endswith("FIN"):
            if j < i:
                start = j + 1
            elif j > i:
                return start, j
    return start, end


COORDINATORS = frozenset({"und", "oder", "sowie", "aber", "sondern"})


def _coordinated(doc: Doc, end: int, start: int) -> bool:
    """Whether the tokens between two actors only coordinate them ("Putin und der US-Präsident")."""
    words = [t.lower_ for t in doc[end:start] if t.tag_ not in ("ART", "ADJA", "PPOSAT", "PIAT", "CARD")]
    return words in (["und"], ["sowie"], ["oder"], [","])


def _differs(a: ActorRef | None, b: ActorRef | None) -> bool:
    if a is None or b is None:
        return True
    if a.span.start == b.span.start:
        return False
    return not (a.country and b.country and a.country == b.country)



# cues whose reported content names whom they are about: "kritisierte, die deutsche Seite habe voreilig gehandelt",
# "„Die USA sollten ihre Maßnahmen korrigieren“, forderte er"
CONTENT_TARGET_HEADS = frozenset({"ACCUSE", "REQUEST"})
CLOSING_QUOTES = frozenset({"“", "”", "\"", "«", "»", "'"})
OPENING_QUOTES = frozenset({"„", "“", "\"", "»", "«", "‚"})


def _reported_clause(doc: Doc, start: int, end: int) -> bool:
    """Whether a clause is reported speech: its first finite verb is in the Konjunktiv ("die Seite habe gehandelt")."""
    verb = next((t for t in doc[start:end] if t.tag_.endswith("FIN")), None)
    return verb is not None and verb._.konjunktiv in (1, 2)


def _reported_content(doc: Doc, clauses: list[tuple[int, int, str]], n: int, verb: int) -> tuple[int, int] | None:
    """The clause that tells what a speech-act cue says when it has no dass/zu clause: reported speech right after
    it ("kritisierte, die deutsche Seite habe …"), or the quotation right before a clause that opens with the cue
    verb ("„…“, forderte er")."""
    cs = clauses[n][0]
    if n + 1 < len(clauses) and clauses[n + 1][2] == "main" and _reported_clause(doc, *clauses[n + 1][:2]):
        return clauses[n + 1][:2]
    if n > 0 and verb == cs:
        s, e, kind = clauses[n - 1]
        if doc[e - 1].text in CLOSING_QUOTES or (kind == "main" and _reported_clause(doc, s, e)):
            return s, e
    return None


RELATIVE_PRONOUNS = frozenset({"der", "die", "das", "welcher", "welche", "welches"})


def _relative_antecedent(doc: Doc, groups: list[_Group], start: int, end: int) -> _Group | None:
    """The actor a relative clause from `start` to `end` is about: the group right before the comma that opens
    it, when the clause begins with a nominative relative pronoun (tagged as one, or as an article where the
    clause ends in its finite verb: "Japan, das die Inseln besetzt habe")."""
    if start < 1 or end - start < 2 or doc[start - 1].text != "," or doc[start].lower_ not in RELATIVE_PRONOUNS:
        return None
    last = end - 1
    while last > start and doc[last].is_punct:
        last -= 1
    if doc[start].tag_ != "PRELS" and not doc[last].tag_.endswith("FIN"):
        return None
    return next((g for g in groups if g.end == start - 1 and not g.first_person), None)


BOTH_SIDES = frozenset({"seiten", "länder", "staaten", "regierungen", "präsidenten", "minister", "außenminister",
                        "delegationen", "staatschefs"})


def _both_sides_subject(doc: Doc, start: int, end: int) -> bool:
    """Whether "beide Seiten", "beide Länder" … (or "beide" alone) is the subject of a clause."""
    for i in range(start, min(end, start + 6)):
        if doc[i].lower_ == "beide" and (i + 1 >= end or doc[i + 1].lower_ in BOTH_SIDES or doc[i + 1].tag_ != "NN"):
            return i == start or doc[i - 1].tag_ not in ("APPR", "APPRART")
    return False


def _institution_subject(doc: Doc, start: int, end: int) -> bool:
    """Whether a clause opening with "In <place>" has a state institution without a state of its own as subject
    right after its verb ("In Peking bestätigte die Regierung …")."""
    if end - start < 5 or doc[start].lower_ not in ("in", "im"):
        return False
    i = start + 2
    if not doc[i].tag_.endswith("FIN"):
        return False
    i += 1
    while i < end and doc[i].tag_ in ("ART", "ADJA"):
        i += 1
    return i < end and doc[i].tag_ == "NN" and _lemma(doc[i]).endswith(INSTITUTION_SUFFIXES)


def _after_noun(doc: Doc, group: _Group, floor: int) -> bool:
    """Whether an "in" phrase follows a noun ("die Lage in Syrien", "Frauen unter anderem in Tunesien")."""
    i = group.start - 1
    while i > floor and doc[i].tag_ in ("ART", "ADJA"):
        i -= 1
    if i <= floor or doc[i].lower_ not in ("in", "im"):
        return False
    i -= 1
    while i > floor and (doc[i].tag_ in ("ADV", "PIS") or doc[i].lower_ == "unter"):
        i -= 1
    return i >= floor and doc[i].tag_ == "NN"


def _after_von_seiten(doc: Doc, group: _Group, floor: int) -> bool:
    """Whether a genitive actor follows "von Seiten" ("von Seiten der deutschen Verhandlungsdelegation")."""
    _, head = _article_before(doc, group, floor)
    return head is not None and head.lower_ in ("seiten", "seite") and head.i - 1 >= floor \
        and doc[head.i - 1].lower_ in ("von", "vonseiten")


def _assign_roles(
    sent: Span, trigger: _Trigger, clauses: list[tuple[int, int, str]], groups: list[_Group],
    speaker: ActorRef | None, quote_range: tuple[int, int] | None, lexicon: EventLexicon,
    trigger_nouns: frozenset[int] = frozenset(),
) -> tuple[ActorRef | None, ActorRef | None, str | None]:
    doc = sent.doc
    n = _clause_of(clauses, trigger.start)
    cs, ce, kind = clauses[n]
    # a zu-clause's subject is the one of the clause before it ("Russland ist bereit, … einzufrieren")
    subject_clause = n
    while clauses[subject_clause][2] == "zu" and subject_clause > 0:
        subject_clause -= 1
    ss, se, _ = clauses[subject_clause]
    both_sides = _both_sides_subject(doc, ss, se)   # "beide Seiten hätten vereinbart": the subject is no one's

    def in_range(g: _Group, s: int, e: int) -> bool:
        return s <= g.start < e

    feats = {id(g): _role_features(doc, g, sent.start) for g in groups}
    for prev, g in zip(groups, groups[1:]):
        # "zwischen Putin und Biden", "von Marokko und Spanien": the second actor is inside the phrase too
        if feats[id(g)]["prep"] is None and feats[id(prev)]["prep"] is not None and \
                _coordinated(doc, prev.end, g.start):
            feats[id(g)] = dict(feats[id(g)], prep=feats[id(prev)]["prep"])
    for g in groups:
        # "bei der EU-Kommission beantragen": an organisation after bei is a counterpart, not a place
        # ("beim G20-Gipfel" is where, not with whom)
        if feats[id(g)]["prep"] in ("bei", "beim") and g.ref.kind in ("organisation", "igo", "body") \
                and not doc[g.end - 1].lower_.endswith(VENUE_SUFFIXES):
            feats[id(g)]["prep"] = "bei+org"
        if feats[id(g)]["genitive"] and feats[id(g)]["prep"] is None and g.ref.kind in ("organisation", "igo", "body"):
            # "am Rande des Gipfels der Asiatisch-Pazifischen Wirtschaftsgemeinschaft": the organisation of a
            # summit or conference tells where, not with whom
            _, head = _article_before(doc, g, sent.start)
            if head is not None and head.lower_.endswith(MEETING_NOUNS):
                feats[id(g)]["prep"] = "in"
    for g in groups:
        # "Israels Angriffe", "Russlands Annexion": a state's name in the genitive before an event noun is that
        # noun's attribute, not a subject or object of the clause
        if g.end in trigger_nouns and not g.first_person and feats[id(g)]["prep"] is None \
                and g.end - g.start == 1 and doc[g.start].tag_ in ("NE", "NN") and doc[g.start].text.endswith("s"):
            feats[id(g)] = dict(feats[id(g)], genitive=True, prenominal=True)
        elif g.end in trigger_nouns and g.end != trigger.start and doc[g.start].tag_ == "ADJA" \
                and g.end - g.start == 1 and g.ref.kind == "state":
            # "weisen die chinesischen Anschuldigungen zurück": a state's adjective before another event noun names
            # that noun's agent, not the clause's subject or object
            feats[id(g)] = dict(feats[id(g)], genitive=True)
    for g in groups:
        if feats[id(g)]["prep"] == "aus" and g.start - 2 >= sent.start and doc[g.start - 1].lower_ == "aus" \
                and doc[g.start - 2].tag_ == "NN" and doc[g.start - 2].lower_ not in ATTRIBUTION_HEADS \
                and g.ref.kind == "state":
            # "Umweltminister aus Singapur": a state right after a noun places it, as an attribute would
            feats[id(g)] = dict(feats[id(g)], prep=None)
    for g in groups:
        f = feats[id(g)]
        if f["prep"] == "seitens" or (f["genitive"] and f["prep"] is None and _after_von_seiten(doc, g, sent.start)):
            # "seitens der Regierung", "von Seiten der deutschen Delegation": who acts, as a "von" phrase
            feats[id(g)] = dict(f, prep="von", genitive=False)
    for g in groups:
        # "Angriffe auf Israel", "Zölle auf chinesische Waren": an "auf" phrase of an attack, a coercion or a threat,
        # or one whose noun a state's adjective describes, says at whom the act is aimed, not where it happens
        if feats[id(g)]["prep"] == "auf" and (trigger.cue.category in AUF_TARGET_CATEGORIES or (
                doc[g.start].tag_ == "ADJA" and _article_before(doc, g, sent.start)[0] not in DATIVE_ARTICLES)):
            feats[id(g)] = dict(feats[id(g)], directed=True)
        elif feats[id(g)]["prep"] in ("bei", "beim") and trigger.cue.category in BEI_TARGET_CATEGORIES \
                and trigger.verb_at is not None and g.ref.kind == "state" \
                and not doc[g.end - 1].lower_.endswith(VENUE_SUFFIXES):
            # "Japan protestierte bei China", "beschwerte sich beim Außenministerium": whom a protest or a
            # request is lodged with (but "stieß bei Russland auf Kritik": who criticises)
            feats[id(g)] = dict(feats[id(g)], directed=True)
    place_groups = [g for g in groups if feats[id(g)]["prep"] in PLACE_PREPOSITIONS and not feats[id(g)].get("directed")
                    and (g.ref.kind in ("state", "city", None) or g.ref.span.label_.startswith("LOC"))]
    location = min(place_groups, key=lambda g: abs(g.start - trigger.start)).ref.text if place_groups else None

    def resolve(g: _Group) -> ActorRef | None:
        return speaker if g.first_person else g.ref

    genitive_ends = {g.end: g for g in groups if feats[id(g)]["genitive"]}

    def attached_to_other_noun(g: _Group) -> bool:
        """A prepositional phrase right after another event noun belongs to that noun ("kritisierte die
        Sanktionen gegen Russland": Russland is the target of the sanctions, not of the criticism), also after
        the noun's genitive ("von der Kritik des französischen Präsidenten an der Nato distanziert")."""
        i = g.start - 1
        while i > sent.start and doc[i].tag_ in ("ART", "ADJA", "PPOSAT", "PIAT", "CARD"):
            i -= 1
        head = i - 1
        if head in trigger_nouns or (head + 1) not in genitive_ends:
            return head >= sent.start and head in trigger_nouns and head != trigger.start
        j = genitive_ends[head + 1].start - 1
        while j > sent.start and doc[j].tag_ in ("ART", "ADJA", "PPOSAT", "PIAT", "CARD"):
            j -= 1
        return j in trigger_nouns and j != trigger.start

    def after_object_noun(g: _Group) -> bool:
        """A prepositional phrase right after a noun that is no event cue ("verlangte eine härtere Haltung gegenüber
        China"): part of what is demanded, not whom the demand is made of."""
        i = g.start - 1
        while i > sent.start and (doc[i].tag_ in ("ART", "ADJA", "PPOSAT", "PIAT", "CARD")
                                  or doc[i].text in OPENING_QUOTES):
            i -= 1
        head = i - 1
        if head < sent.start or doc[head].tag_ != "NN" or head in trigger_nouns or head == trigger.start:
            return False
        j = head - 1
        while j >= sent.start and doc[j].tag_ in ("ART", "ADJA", "PPOSAT", "PIAT", "CARD", "ADV"):
            j -= 1
        return j < sent.start or doc[j].tag_ not in ("APPR", "APPRART")   # "Im Prozess gegen …" is a setting

    def genitive_of_other_phrase(g: _Group) -> bool:
        """A genitive attribute of a noun in a phrase that names no party ("sprachen über die Unterstützung der
        Ukraine") belongs to that phrase."""
        i = g.start - 1
        while i > sent.start and doc[i].tag_ in ("ART", "ADJA", "CARD"):
            i -= 1
        if i <= sent.start or doc[i].tag_ not in ("NN", "NE"):
            return False
        j = i - 1
        while j >= sent.start and doc[j].tag_ in ("ART", "ADJA", "PIAT", "PPOSAT", "CARD"):
            j -= 1
        return j >= sent.start and doc[j].lower_ in NOT_TARGET_PREPOSITIONS and doc[j].tag_ in ("APPR", "APPRART")

    source: ActorRef | None = None
    target: ActorRef | None = None
    local_source = False
    trigger_token = doc[trigger.verb_at] if trigger.verb_at is not None else None
    passive_from = cs
    if trigger_token is not None and trigger_token.tag_ == "VVPP" and n > 0 \
            and not any(t.tag_.endswith("FIN") for t in doc[cs:ce]):
        # "wurde Rashid Rehman, ein pakistanischer Rechtsanwalt, erschossen": the participle after an apposition
        # belongs to the clause of the finite verb before it
        k = n - 1
        while k > 0 and not any(t.tag_.endswith("FIN") for t in doc[clauses[k][0]:clauses[k][1]]):
            k -= 1
        passive_from = clauses[k][0]
    passive = trigger_token is not None and trigger_token.tag_ == "VVPP" and any(
        _lemma(doc[i]) == "werden" or doc[i].lower_ == "worden"
        for i in range(*_conjunct(doc, passive_from, ce, trigger_token.i)))

    # PLOVER: what a quotation tells has its speaker as source, unless the clause names another actor as the one
    # who acts ("dass die Russen euch attackieren"); a noun cue's own agent comes first ("den Besuch der
    # Sprecherin des US-Repräsentantenhauses … als Provokation bezeichnet")
    in_quote = speaker is not None and quote_range is not None and quote_range[0] <= trigger.start < quote_range[1]
    if in_quote and cs <= speaker.span.start < ce and trigger_token is not None:
        # the speaker in the cue's own clause is its subject or object, not the teller of a quotation around it
        # ("Der Ministerpräsident kritisierte … die Europäische Kommission"): what is told and who tells it are
        # two clauses
        in_quote = False

    named_group: list[_Group] = []

    def named_subject() -> ActorRef | None:
        named = next((g for g in groups if in_range(g, ss, se) and not g.first_person and g.ref.country
                      and feats[id(g)]["prep"] is None and not feats[id(g)]["genitive"]
                      and not feats[id(g)]["object"] and g.start < trigger.start), None)
        if named is None or _pronoun_subject_before(doc, ss, named.start):
            # "„Wir haben die amerikanische Seite … gebeten“", "dass er Berlin besuche": a subject pronoun comes
            # first, and the named actor after it is an object
            return None
        named_group.append(named)
        return resolve(named)

    if in_quote and both_sides:
        # "Der Kreml-Sprecher fügte hinzu, beide Seiten hätten vereinbart, …": both sides act, not the teller
        in_quote = False
    if in_quote and trigger_token is not None:
        source = speaker
        if not passive:
            source = named_subject() or speaker

    if trigger_token is None:
        # "die Gespräche zwischen Russland und den USA"
        between = [g for g in groups
                   if trigger.end <= g.start <= trigger.end + 8 and feats[id(g)]["prep"] == "zwischen"]
        if source is None and len(between) >= 2 and _differs(between[0].ref, between[1].ref):
            return resolve(between[0]), resolve(between[1]), location
        # "Japanbesuch", "Moskau-Reise": the compound's first part names the counterpart
        parts = lexicon.noun_suffix(_lemma(doc[trigger.start]), doc[trigger.start].lower_)
        if parts and len(parts[0]) > 2:
            code, name, kind_ = _lookup(doc[trigger.start].text[: len(parts[0])].rstrip("-"))
            if code and kind_ == "state":
                target = ActorRef(doc[trigger.start:trigger.end], name, code, "state")
    compound_target = target is not None
    if trigger_token is None and source is None:
        # a noun cue's own agent: an adjective before it, or a genitive / von / durch phrase after it
        lemma = _lemma(doc[trigger.start])
        agent_after = next((g for g in groups if trigger.end <= g.start <= trigger.end + 6
                            and feats[id(g)]["prep"] in AGENT_PREPOSITIONS and in_range(g, cs, ce)), None)
        adjective = next((g for g in groups if g.end == trigger.start and doc[g.start].tag_ == "ADJA"
                          and g.ref.country), None)
        prenominal = next((g for g in groups if g.end == trigger.start and feats[id(g)].get("prenominal")), None)
        genitive = next((g for g in groups if trigger.end <= g.start <= trigger.end + 3
                         and feats[id(g)]["genitive"]
                         # its own genitive, not one of a noun in a phrase after it ("über einen Beitritt Islands")
                         and all(t.tag_ in ("ART", "ADJA", "CARD", "PIAT") for t in doc[trigger.end:g.start])),
                        None)
        patient_after = genitive is not None or (trigger.end < ce and doc[trigger.end].lower_ in ("des", "der")
                                                 and doc[trigger.end].tag_ == "ART")
        if prenominal is not None and (patient_after or lemma not in PATIENT_GENITIVE):
            # "Russlands Annexion der Krim", "Chinas Drohungen gegen Taiwan": the genitive before the noun is
            # its agent, the one after it (if any) what the act is done to
            source = resolve(prenominal)
            if genitive is not None and lemma in PATIENT_GENITIVE and _differs(genitive.ref, source):
                target = target or resolve(genitive)
        elif prenominal is not None:
            # "Nawalnys Festnahme (durch Russland)": before a noun of what is done to someone, the one it is done to
            target = target or resolve(prenominal)
            source = resolve(agent_after) if agent_after is not None else None
        elif genitive is not None and (lemma in PATIENT_GENITIVE or agent_after is not None):
            target = target or resolve(genitive)
            source = resolve(agent_after) if agent_after is not None else None
        elif adjective is not None and lemma in PATIENT_GENITIVE:
            target = target or resolve(adjective)
        else:
            local = adjective or genitive or agent_after
            if local is not None:
                source = resolve(local)
        # a counterpart named only by the compound ("seines Japanbesuchs") leaves the agent to the clause
        local_source = source is not None or (target is not None and not compound_target)
        if local_source and target is None:
            # the noun's own target: a gegen/an/mit/gegenüber phrase right after it (or after its genitive)
            anchor = max([trigger.end] + [g.end for g in (genitive, agent_after) if g is not None])
            near = [g for g in groups if trigger.end <= g.start <= anchor + 6 and in_range(g, cs, ce)
                    and feats[id(g)]["prep"] in TARGET_PREPOSITIONS and _differs(g.ref, source)]
            if near:
                target = resolve(near[0])
    if trigger_token is None and source is None and any(_lemma(t) == "kommen" for t in doc[cs:ce]):
        # "Kritik kam aus dem Europäischen Parlament": where a reaction comes from is who reacts
        origin = next((g for g in groups if in_range(g, cs, ce) and feats[id(g)]["prep"] == "aus"
                       and g.ref.country), None)
        if origin is not None:
            source = origin.ref
            local_source = True
    if in_quote and trigger_token is None and source is None:
        source = named_subject() or speaker
    if trigger_token is None and source is None and trigger.start - 1 >= cs and doc[trigger.start - 1].lower_ == "auf" \
            and any(_lemma(t) == "stoßen" for t in doc[cs:ce]):
        # "In Moskau stieß die Erklärung auf Kritik": who criticises is the place the clause opens with
        opening = next((g for g in groups if g.start == cs + 1 and doc[cs].lower_ in ("in", "im") and g.ref.country),
                       None)
        if opening is not None:
            source = opening.ref

    passive_agent = False
    if source is None and passive:
        # the agent phrase of the cue's own conjunct: the nearest before the participle ("der von Marokko und
        # Spanien erstellt wurde und von Frankreich unterstützt wird" → Frankreich supports), else the first
        agents = [g for g in groups if in_range(g, cs, ce) and feats[id(g)]["prep"] in AGENT_PREPOSITIONS]
        before = [g for g in agents if g.end <= trigger.start
                  and not any(doc[i].tag_ == "VVPP" for i in range(g.end, trigger.start))]
        agent = before[-1] if before else (agents[0] if agents else None)
        if agent is not None:
            source = resolve(agent)
            passive_agent = True
        if target is None:
            ranges = [_conjunct(doc, passive_from, ce, trigger_token.i)]
            opening = next(((a, b) for a, b, k in clauses[:n] if k == "main"), None)
            if doc[cs].tag_.endswith("FIN") and opening is not None \
                    and not any(t.tag_.endswith("FIN") for t in doc[opening[0]:opening[1]]):
                # "Der ehemalige Vize-Präsident der Demokratischen Republik Kongo, Jean-Pierre Bemba, …, wurde …
                # verhaftet": the subject of a clause that opens with its finite verb is the apposition before
                ranges = [opening, (cs, ce)]
            subject = next((g for a, b in ranges for g in groups if in_range(g, a, b)
                            and feats[id(g)]["prep"] is None and not feats[id(g)]["genitive"]
                            and not feats[id(g)]["object"]), None)
            if subject is None:
                # "Nawalny, der im Januar festgenommen wurde": the relative pronoun is the passive's subject
                subject = _relative_antecedent(doc, groups, cs, ce)
            if subject is not None and subject.ref.country is None:
                subject = next((h for h in groups if subject.end <= h.start <= subject.end + 3 and h.ref.country
                                and feats[id(h)]["genitive"]), subject)
            if subject is not None and _differs(subject.ref, source):
                target = resolve(subject)

    subject_group = named_group[0] if named_group and source is named_group[0].ref else None
    relative_subject = False
    pronoun_subject = trigger_token is not None and trigger_token.tag_.endswith("FIN") and \
        trigger_token.i + 1 < sent.end and doc[trigger_token.i + 1].tag_ in ("PPER", "PDS") and \
        doc[trigger_token.i + 1].lower_ not in ("sich", "uns", "ihn", "ihm", "ihnen", "es")
    if pronoun_subject and any(ss <= g.start < trigger_token.i and not g.first_person and feats[id(g)]["prep"] is None
                               and not feats[id(g)]["genitive"] and not feats[id(g)]["object"] for g in groups):
        # "Peking bestreitet das": with an actor before the finite verb (the prefield), the pronoun after it is
        # the object
        pronoun_subject = False
    lead = _lead_pronoun(doc, ss, se, min(trigger.start, trigger_token.i if trigger_token is not None else ce))
    if source is None and pronoun_subject:
        # "beschuldigte dieser Israel …": the subject is the pronoun, not the next name
        if doc[trigger_token.i + 1].lower_ in FIRST_PERSON:
            source = speaker
    elif source is None and not passive and not local_source and lead is not None:
        # "Er warf Washington vor": the pronoun is the subject (resolved through doc._.mentions, if at all)
        span = doc[lead:lead + 1]
        ref = speaker if doc[lead].lower_ in FIRST_PERSON else actor_for(span, doc)
        subject_group = _Group(lead, lead + 1, ref or ActorRef(span, None, None, "pronoun"))
        source = ref if ref is not None and ref.country else None
    elif source is None and not passive and not local_source:
        # the subject: the first actor of the clause (or, when the clause names none, of the main clauses
        # before it) that is not in a prepositional phrase, a genitive attribute or an object case
        earlier = [(a, b) for a, b, k in clauses[:subject_clause] if k == "main"]
        ranges = [(ss, se)] + earlier[:1] + earlier[1:][::-1]
        if doc[ss].tag_.endswith("FIN") and earlier and earlier[0][1] <= ss \
                and not any(t.tag_.endswith("FIN") for t in doc[earlier[0][0]:earlier[0][1]]):
            # "Der Umweltminister der Französischen Republik, Jean-Louis Borloo, hat … zurückgewiesen": a clause
            # that opens with its finite verb has its subject in the noun phrase before the comma (an apposition)
            ranges = [earlier[0], (ss, se)]
        if any(t.lower_ == "man" and t.tag_ == "PIS" for t in doc[ss:se]) or both_sides:
            # "Man wolle die Ukraine unterstützen", "Zudem werde man die Tätigkeit amerikanischer Stiftungen
            # einschränken": "man" (or "beide Seiten") is the subject, and the actors of the clause are objects
            ranges = []
        for a, b in ranges:
            for g in groups:
                f = feats[id(g)]
                if in_range(g, a, b) and f["prep"] is None and not f["genitive"] and not f["object"]:
                    subject_group = g
                    if g.ref.country is None:
                        # "Vertreter der künftigen US-Regierung": a person or role of no state takes the state
                        # of its genitive attribute
                        owner = next((h for h in groups if g.end <= h.start <= g.end + 3 and h.ref.country
                                      and feats[id(h)]["genitive"]), None)
                        if owner is None and g.ref.kind == "person" and g.end < sent.end and doc[g.end].text == ",":
                            # "Ewald Nowotny, Ratsmitglied der Europäischen Zentralbank, drängte": an apposition
                            # that names the person's office places him
                            owner = next((h for h in groups if h.start == g.end + 1 and h.ref.country
                                          and h.end < sent.end and doc[h.end].text == ","), None)
                        if owner is not None:
                            subject_group = owner
                    source = resolve(subject_group)
                    break
            if subject_group is None:
                # "Auch das Außenministerium der Vereinigten Staaten kritisierte …": the genitive of the noun
                # that opens the clause names the actor
                owner = _prefield_genitive(doc, groups, feats, a, b, trigger_nouns)
                if owner is not None:
                    subject_group = owner
                    source = resolve(owner)
            if subject_group is None and (a, b) == (ss, se):
                # "die USA, die neue Sanktionen gegen Russland verhängt hatten": a relative clause without a
                # subject of its own has the relative pronoun as subject, which stands for the actor before it
                antecedent = _relative_antecedent(doc, groups, ss, se)
                if antecedent is not None:
                    subject_group = antecedent
                    source = resolve(antecedent)
                    relative_subject = True
            if subject_group is not None or kind == "sub":
                break
        if source is None and (any(t.lower_ == "man" for t in doc[ss:se]) or _institution_subject(doc, ss, se)):
            # "In Moskau begrüßte man, …", "In Peking bestätigte die Regierung …": the capital (or state) the
            # clause opens with speaks for its state
            opening = next((g for g in groups if g.start == ss + 1 and doc[ss].lower_ in ("in", "im")
                            and g.ref.country), None)
            if opening is not None:
                source = opening.ref
        pair = [g for g in groups if feats[id(g)]["prep"] == "zwischen" and in_range(g, cs, ce)]
        if source is None and trigger.cue.category in SYMMETRIC and len(pair) >= 2 \
                and _differs(pair[0].ref, pair[1].ref):
            # "als man an der Grenze zwischen Pakistan und Indien einen Waffenstillstand schloss"
            return resolve(pair[0]), resolve(pair[1]), location

    # "beide Länder würden … eng zusammenarbeiten": both sides are the partners, and no one else is
    both_partners = trigger.cue.category in PARTNER_CATEGORIES and both_sides
    if target is None and not local_source and not both_partners:
        subject_range = None
        if subject_group is not None and not relative_subject:
            subject_range = clauses[_clause_of(clauses, subject_group.start)][:2]
        content = None
        if n + 1 < len(clauses) and (clauses[n + 1][2] == "zu" or (
                clauses[n + 1][2] == "sub" and doc[clauses[n + 1][0]].lower_ in CONTENT_SUBORDINATORS)):
            # what was demanded, refused …: a dass/ob/w- or zu-clause, not a reason ("da", "weil")
            content = clauses[n + 1][:2]
        candidates = [g for g in groups if in_range(g, cs, ce) or in_range(g, ss, se)
                      or (subject_range is not None and in_range(g, *subject_range))
                      or (content is not None and in_range(g, *content))]
        # not from another conjunct of the clause ("war … unterstützt worden und hatte den „US-Imperialismus“
        # angeprangert": the object of the one is not the target of the other)
        own = _conjunct(doc, cs, ce, trigger.start)
        candidates = [g for g in candidates if g is not subject_group and _differs(resolve(g), source)
                      and (in_range(g, *own) or not in_range(g, cs, ce))]
        joint = [g for g in candidates if subject_group is not None and g.start > subject_group.end
                 and _coordinated(doc, subject_group.end, g.start)]
        ranked = []
        for g in candidates:
            f = feats[id(g)]
            # "forderte von der iranischen Regierung Aufklärung": in an active clause, whom a demand is made of
            asked_of = f["prep"] in ("von", "vom") and not passive and trigger.cue.category == "REQUEST" \
                and trigger_token is not None
            if (f["prep"] in TARGET_PREPOSITIONS and trigger.cue.category in ("REQUEST", "REJECT")
                    and after_object_noun(g)) \
                    or (f["prep"] in PLACE_PREPOSITIONS and not f.get("directed")) \
                    or (f["prep"] in AGENT_PREPOSITIONS and not asked_of) \
                    or f["prep"] in NOT_TARGET_PREPOSITIONS or attached_to_other_noun(g) \
                    or (f["genitive"] and genitive_of_other_phrase(g)) or _in_attribution(doc, g, sent.start):
                continue
            if f["prep"] in TARGET_PREPOSITIONS or f["prep"] == "bei+org" or asked_of or f.get("directed"):
                rank = 0
            elif f["prep"] is not None and f["prep"] != "zwischen":
                continue      # "vor der somalischen Küste", "unter Führung …": where, when or how, not at whom
            elif f["object"]:
                rank = 1
            elif g in joint:
                if trigger.cue.category not in SYMMETRIC:
                    continue  # "EU-Kommission und Bundesregierung äußerten Zweifel": both are sources
                rank = 2      # joint subject: "Putin und Biden vereinbarten"
            elif f["genitive"]:
                rank = 4
            else:
                rank = 3
            ref = resolve(g)
            if ref is None or ref.country is None:
                rank += 2     # an actor we cannot place only when nothing better is named
            if content is not None and in_range(g, *content) and not in_range(g, cs, ce):
                if trigger.cue.category in PARTNER_CATEGORIES:
                    continue  # "vereinbarten, dass US-Außenminister Blinken … reisen soll": what, not with whom
                rank += 3     # "äußerten Zweifel, ob … der Vereinigten Staaten …": the content's actor, last
            ranked.append((rank, abs(g.start - trigger.start), g))
        if ranked:
            target = resolve(min(ranked, key=lambda r: (r[0], r[1]))[2])
        if target is None and trigger_token is not None and not passive and subject_group is not None \
                and not relative_subject and in_range(subject_group, cs, ce):
            # "die Ukraine, die Russland angegriffen hat": with a subject of its own, the relative pronoun is the
            # object, and it stands for the actor before the clause
            antecedent = _relative_antecedent(doc, groups, cs, ce)
            if antecedent is not None and _differs(resolve(antecedent), source):
                target = resolve(antecedent)
        if target is None and content is None and trigger_token is not None \
                and trigger.cue.category in CONTENT_TARGET_HEADS:
            # a criticism or demand told in reported speech is about the subject of what it says
            told = _reported_content(doc, clauses, n, trigger_token.i)
            if told is not None:
                subject = next((g for g in groups if in_range(g, *told) and not g.first_person and g.ref.country
                                and feats[id(g)]["prep"] is None and not feats[id(g)]["genitive"]
                                and not feats[id(g)]["object"]), None)
                if subject is not None and not _pronoun_subject_before(doc, told[0], subject.start) \
                        and _differs(subject.ref, source):
                    target = subject.ref
    if target is None and trigger.cue.category == "ACCUSE" and trigger_token is not None:
        # "kritisiert den Verlauf der Parlamentswahl in Georgien": what is criticised happens in a state, and the
        # state is the target (a place after a noun of the object, not where the speaker was; a demand is aimed at
        # whom it asks, not at the place of what it asks for)
        inside = next((g for g in place_groups if g.ref.kind == "state" and in_range(g, cs, ce)
                       and _after_noun(doc, g, sent.start) and _differs(g.ref, source)), None)
        if inside is not None:
            target = inside.ref
    if (target is None or target.country is None) and trigger.cue.category == "CONSULT" and place_groups \
            and not passive_agent and (trigger.cue.cue in VISIT_CUES or not (both_sides or any(
                g not in place_groups and in_range(g, cs, ce) and resolve(g) is not source for g in groups))):
        # a visit without a placed counterpart is with the state of its place ("reiste nach Moskau"), and so are
        # talks that name no one else ("Gespräche in Peking"); where others are named, the place of a meeting is
        # its venue ("Beim G20-Gipfel im japanischen Osaka könnten Trump und Xi zusammentreffen", "beide Seiten
        # hätten vereinbart, die Gespräche in Peking fortzusetzen"). Not in a
        # passive with an agent ("wurde Blinken von Xi in der Großen Halle des Volkes empfangen"): the one received
        # is the subject, whether or not the sentence places him
        place = min(place_groups, key=lambda g: abs(g.start - trigger.start))
        if place.ref.country and _differs(place.ref, source):
            target = place.ref
    if (source is None or source.country is None) and trigger.cue.category == "CONSULT" and place_groups \
            and target is not None and target.country and trigger_token is not None:
        # "Blinken wurde in China von Xi empfangen": the unplaced host is the state of the place
        place = min(place_groups, key=lambda g: abs(g.start - trigger.start))
        if place.ref.country and place.ref.country != target.country:
            source = place.ref
    if target is not None and source is not None and not _differs(source, target):
        target = None
    return source, target, location


# -- relation statements -------------------------------------------------------------------------------------------

def _relation_states(sent: Span, groups: list[_Group], speaker_country: str | None) -> tuple[tuple[str, str], Span] | None:
    doc = sent.doc
    for t in sent:
        lemma = _lemma(t)
        if lemma not in RELATION_NOUNS and t.lower_ not in RELATION_NOUNS:
            continue
        # "die russisch-amerikanischen Beziehungen", "das deutsch-französische Verhältnis"
        if t.i - 1 >= sent.start and "-" in doc[t.i - 1].text:
            parts = doc[t.i - 1].text.split("-")
            if len(parts) == 2:
                g = _gazetteer()
                a = g.country_by_name(parts[0] + "e")
                b = g.country_by_name(parts[1])
                if a and b and a.iso3 != b.iso3:
                    return (a.iso3, b.iso3), doc[t.i - 1:t.i + 1]
        after = [g for g in groups if t.i < g.start <= t.i + 12 and g.ref.country]
        window = doc[t.i + 1:min(sent.end, t.i + 3)]
        if any(w.lower_ == "zwischen" for w in window) and len(after) >= 2 and after[0].ref.country != after[1].ref.country:
            return (after[0].ref.country, after[1].ref.country), doc[t.i:after[1].end]
        if any(w.lower_ in ("zu", "zum", "zur", "mit") for w in window) and after:
            other = after[0].ref.country
            own = speaker_country or next((g.ref.country for g in groups if g.ref.country and g.ref.country != other
                                           and g.start < t.i), None)
            if own and own != other:
                return (own, other), doc[t.i:after[0].end]
    return None


# -- the component -------------------------------------------------------------------------------------------------

def _quote_index(quotes: list[QuoteAnnotation] | None, start_char: int) -> int | None:
    if not quotes:
        return None
    best = None
    for n, q in enumerate(quotes):
        if any(s.start_char <= start_char < s.end_char for s in q.spans):
            # the innermost (shortest) quote wins for nested quotations
            if best is None or (q.end_char - q.start_char) < (quotes[best].end_char - quotes[best].start_char):
                best = n
    return best


def _speaker(quote: QuoteAnnotation) -> ActorRef | None:
    """The source of what a quotation tells: its speaker, with the state or organisation of a mention inside the
    speaker's words when the speaker itself has none ("der EU-Kommissar … Štefan Füle" → EU). None for
    attributions, which report facts rather than perform acts ("nach Angaben des Außenministeriums",
    "laut Peskow", "Peskow zufolge", a dateline's "(dpa)"), and for a "speaker" in the dative or accusative
    ("dem Sicherheitsrat"), which is an addressee, and for words inside a prepositional phrase ("im vergangenen
    Jahr"), which never name a speaker."""
    sp = quote.speaker
    if sp is None:
        return None
    span = sp.span
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    first = span[0].lower_
    if first in ATTRIBUTION_HEADS or before in ("laut", "gemäß") or after == "zufolge" \
            or first in OBJECT_ARTICLES or span.text.lower() in NEWS_AGENCIES:
        return None
    if span.start > 0 and doc[span.start - 1].tag_ in ("APPR", "APPRART") and before not in AGENT_PREPOSITIONS \
            and before != "aus":    # "hieß es aus dem Weißen Haus" names who speaks
        return None     # inside a prepositional phrase ("im vergangenen Jahr …"): not who speaks
    if sp.country is None:
        inner = next((m for m in doc._.mentions or () if m.country and span.start_char <= m.start_char
                      and m.end_char <= span.end_char), None)
        if inner is not None:
            return ActorRef(span, sp.name, inner.country, sp.kind, sp)
    return ActorRef(sp.span, sp.name, sp.country, sp.kind, sp)


def code_sentence(sent: Span, lexicon: EventLexicon | None = None, scores=None,
                  tone_lexicon: tone_module.ToneLexicon | None = None,
                  tables: _Tables | None = None, learned: list[tuple[int, str, float]] | None = None
                  ) -> tuple[list[EventAnnotation], RelationStatement | None]:
    """The events (and a relation statement, if any) of one sentence; `tables` are the doc's token attributes
    (read once per doc by `code_doc`); `learned` the trigger model's confident (token, category, probability)."""
    lexicon = lexicon or default_lexicon()
    scores = scores or default_scores()
    doc = sent.doc
    tables = tables if tables is not None else _Tables(doc)
    triggers = _find_triggers(sent, lexicon, tables)
    if learned:
        triggers = _with_learned(triggers, learned, tables)
    has_relation_word = not (RELATION_NOUNS.isdisjoint(tables.lemmas[sent.start:sent.end])
                             and RELATION_NOUNS.isdisjoint(tables.lowers[sent.start:sent.end]))
    if not triggers and not has_relation_word:
        return [], None
    quotes = doc._.quotes
    groups = _groups(sent, tables)
    clauses = tables.clauses(sent)
    triggers = _new_events(sent, triggers, groups, clauses, lexicon)
    if not triggers and not has_relation_word:
        return [], None
    article_date, precision = doc._.article_date, doc._.article_date_precision
    if parse_article_date(article_date, precision) is None:
        article_date = None
    dates = None

    events: list[EventAnnotation] = []
    content_from: int | None = None
    all_used = frozenset(i for tr in triggers for i in tr.used)
    trigger_nouns = frozenset(tr.start for tr in triggers if tr.verb_at is None)
    for trig in triggers:
        n = _clause_of(clauses, trig.start)
        if content_from is not None and n > content_from and clauses[n][2] in ("zu", "sub"):
            continue   # the content of a demand or refusal is not an event of its own
        if doc[clauses[n][0]].lower_ in CONDITIONALS:
            continue   # "falls China Russland materiell unterstütze": a condition, not something that happened
        mode = _mode(sent, trig, clauses[n], all_used, tables)
        if trig.cue.mode == "intended" and mode == "actual":
            mode = "intended"
        qi = _quote_index(quotes, doc[trig.start].idx)
        speaker = _speaker(quotes[qi]) if qi is not None else None
        quote_range = None
        if qi is not None:
            q = quotes[qi]
            quote_range = (min(s.start for s in q.spans), max(s.end for s in q.spans))
        source, target, location = _assign_roles(sent, trig, clauses, groups, speaker, quote_range, lexicon,
                                                 trigger_nouns)
        category = trig.cue.category
        if trig.cue is MODAL_DEMAND:
            subject = _modal_subject(doc, trig.start, clauses[n], groups)
            if subject is None:
                continue    # "jedes Abkommen müsse …": an obligation of no one in particular
            source, target, mode = speaker, (subject if subject is not PRONOUN_SUBJECT else None), "actual"
        if trig.cue is JOINT_ACTION and not ((source is not None and source.country)
                                             or (target is not None and target.country)):
            continue    # "warten gemeinsam", "gemeinsam gegen das Virus": joint acts count between placed actors
        if trig.cue.cue in PROTEST_VERBS and (source is None or source.country is None):
            category = "PROTEST"    # people protesting demonstrate; a state or organisation protests diplomatically
        if trig.cue.cue in SUPPORT_OR_AID:
            cs_, ce_ = clauses[n][:2]
            material = any(_lemma(doc[j]) in MATERIAL_WORDS or doc[j].lower_ in MATERIAL_WORDS for j in range(cs_, ce_))
            category = "AID" if material else "SUPPORT"
        if category == "SUPPORT" and target is None and _both_sides_subject(doc, *clauses[n][:2]):
            category = "AGREE"    # "beide Seiten bekannten sich zu …": a commitment both make is an agreement
        if category == "CONCEDE" and mode == "negated":
            category, mode = "REJECT", "actual"    # declining to yield is a rejection (CAMEO 124)
        if dates is None:
            dates = find_dates(sent.text, article_date, precision, future=False)
        trigger_span = doc[trig.start:trig.end]
        date = nearest_date(dates, trigger_span.start_char - sent.start_char, trigger_span.end_char - sent.start_char)
        if date is not None and mode == "intended":
            # planned events: a month without a year lies ahead rather than behind
            again = find_dates(sent.text[date.start:date.end], article_date, precision, future=True)
            if again:
                date = type(date)(again[0].iso, again[0].precision, date.start, date.end, date.text)
        if date is not None:
            iso, prec, text = date.iso, date.precision, date.text
        elif article_date is not None:
            anchor = parse_article_date(article_date, precision)
            iso, prec, text = anchor.iso, anchor.precision, None
        else:
            iso = prec = text = None
        events.append(EventAnnotation(
            category=category, mode=mode, trigger=trigger_span, sentence=sent, source=source,
            target=target, date=iso, date_precision=prec, date_text=text, location=location,
            score=scores[(category, mode)], quote=qi,
        ))
        if category in REPORTED_CONTENT_HEADS and content_from is None:
            content_from = n
    _reactions(events)
    _threatened_measures(events)
    events = _merge(events)

    relation = None
    if has_relation_word:
        qi = _quote_index(quotes, sent.start_char)
        if qi is None:
            qi = next((n for n, q in enumerate(quotes or []) if any(
                s.start_char < sent.end_char and sent.start_char < s.end_char for s in q.spans)), None)
        speaker_country = quotes[qi].speaker.country if qi is not None and quotes[qi].speaker else None
        found = _relation_states(sent, groups, speaker_country)
        if found is not None:
            states, cue = found
            relation = RelationStatement(sent, states, cue, qi, speaker_country,
                                         tone_module.tone(sent, tone_lexicon))
    return events, relation


REACTIONS = frozenset({"ACCUSE", "REJECT", "SUPPORT", "THREATEN", "PROTEST"})
# categories of measures taken against someone (sanctions, tariffs, bans: not SANCTION's leaving a treaty, which is
# not aimed at the one who criticises it)
MEASURES = frozenset({"COERCE"})
# verbs whose object may be an earlier event they react to or ask for ("wies den Vorwurf zurück")
OBJECT_REACTIONS = REACTIONS | {"REQUEST"}
# words that make a noun cue the setting of another event ("am Rande des Gipfels", "beim Treffen")
VENUE_WORDS = frozenset({"bei", "beim", "rande", "während", "anlässlich", "auf"})
DEMONSTRATIVES = frozenset({"dieser", "diese", "dieses", "diesen", "diesem", "jener", "jene", "jenes", "jenen",
                            "jenem", "solcher", "solche", "solches", "solchen", "solchem", "derartige",
                            "derartiger", "derartigen", "derartiges"})


def _new_events(sent: Span, triggers: list[_Trigger], groups: list[_Group],
                clauses: list[tuple[int, int, str]], lexicon: EventLexicon) -> list[_Trigger]:
    """Drops noun cues that refer to an event rather than report one: a noun after a demonstrative ("diese
    Drohungen", "ein solcher Dialog") points back to what was told before, and a noun without actors of its own
    that is the object of a reaction or demand ("wies den Vorwurf zurück", "verurteilten den Angriff",
    "forderten die Freilassung der Geiseln") is what the reaction is about."""
    if not any(t.verb_at is None for t in triggers):
        return triggers
    doc = sent.doc
    kept = []
    for trig in triggers:
        if trig.verb_at is not None:
            kept.append(trig)
            continue
        i = trig.start - 1
        while i >= sent.start and doc[i].tag_ in ("ADJA", "ADV", "ADJD") and doc[i].lower_ not in DEMONSTRATIVES:
            i -= 1
        if i >= sent.start and (doc[i].lower_ in DEMONSTRATIVES or doc[i].tag_ == "PDAT"):
            continue
        n = _clause_of(clauses, trig.start)
        cs, ce, _ = clauses[n]
        j = i
        while j >= sent.start and doc[j].tag_ in ("ART", "PIAT", "PPOSAT"):
            j -= 1
        same_verb = any(t.verb_at is not None and t.cue.category == trig.cue.category and cs <= t.start < ce
                        for t in triggers)
        if j >= sent.start and doc[j].lower_ in VENUE_WORDS and same_verb \
                and not _own_actors(doc, trig, groups, cs, ce, states_only=True) \
                and not _compound_state(doc, trig, lexicon):
            # "trafen sich am Rande des Gipfels (der Afrikanischen Union)": the setting of the verb's event
            # (an organisation of a summit is its host, not a party to the meeting)
            continue
        if j >= sent.start and doc[j].lower_ == "über" and any(
                t.verb_at is not None and t.cue.category == "CONSULT" and cs <= t.start < ce for t in triggers):
            continue    # "sprachen über die Unterstützung der Ukraine": the topic of talks, not an event of its own
        reaction = any(t.verb_at is not None and t.cue.category in OBJECT_REACTIONS and cs <= t.start < ce
                       and _object_of(doc, trig, t) for t in triggers)
        if reaction and not _own_actors(doc, trig, groups, cs, ce):
            continue
        if _demanded(doc, trig, triggers, cs):
            continue    # "die Forderung nach einer Waffenruhe": what is demanded, not an event of its own
        if trig.cue.category == "REQUEST" and any(
                t.verb_at is not None and t.cue.category == "REJECT" and cs <= t.start < ce and _object_of(doc, trig, t)
                for t in triggers):
            continue    # "Eine Forderung der EU … lehnte Israel ab": a rejected demand is told as the rejection
        kept.append(trig)
    return kept


DEMAND_CONTENT_PREPOSITIONS = frozenset({"nach", "zu", "zur", "zum"})


def _demanded(doc: Doc, noun: _Trigger, triggers: list[_Trigger], cs: int) -> bool:
    """Whether a noun cue is the content of a demand noun before it ("Forderung der EU nach einer Waffenruhe",
    "Aufruf zur Deeskalation")."""
    i = noun.start - 1
    while i >= cs and doc[i].tag_ in ("ART", "ADJA", "KON", "PIAT", "CARD", "ADV", "ADJD"):
        i -= 1
    if i < cs or doc[i].lower_ not in DEMAND_CONTENT_PREPOSITIONS:
        return False
    return any(t.verb_at is None and t.cue.category == "REQUEST" and max(cs, i - 6) <= t.start < i for t in triggers)


def _threat_frame(tables: _Tables, i: int, sent: Span) -> bool:
    """Whether "drohen" at `i` threatens: with a "mit" phrase in its clause ("drohte mit Gegenmaßnahmen") or a
    zu-infinitive clause right after it ("drohte, die Zölle zu erhöhen")."""
    clauses = tables.clauses(sent)
    n = _clause_of(clauses, i)
    cs, ce, _ = clauses[n]
    # "mit" may stand before a relative clause that splits the verb's own ("mit der Parole …, die …, gedroht")
    if "mit" in tables.lowers[sent.start:ce]:
        return True
    return n + 1 < len(clauses) and clauses[n + 1][2] == "zu"


# what a request asks for: "bat um Unterstützung", "rief zur Zusammenarbeit auf"
REQUEST_OBJECT_PREPOSITIONS = frozenset({"um", "zu", "zur", "zum"})


def _object_of(doc: Doc, noun: _Trigger, verb: _Trigger) -> bool:
    """Whether a noun cue can be the object of a verb cue: its phrase has no preposition of its own (unless the
    preposition is part of the verb's phrase: "sich gegen eine Einigung stellen") and no other full verb stands
    between the two ("auf den Ausstieg vorbereitet und … ignoriert")."""
    i = noun.start - 1
    while i >= 0 and doc[i].tag_ in ("ART", "ADJA", "PIAT", "PPOSAT", "CARD", "ADV", "ADJD", "PDAT"):
        i -= 1
    if i >= 0 and doc[i].tag_ in ("APPR", "APPRART") and i not in verb.used \
            and not (verb.cue.category == "REQUEST" and doc[i].lower_ in REQUEST_OBJECT_PREPOSITIONS):
        return False
    a, b = sorted((noun.start, verb.verb_at if verb.verb_at is not None else verb.start))
    return not any(doc[j].tag_.startswith("VV") and j not in verb.used for j in range(a + 1, b))


def _compound_state(doc: Doc, trig: _Trigger, lexicon: EventLexicon) -> bool:
    """Whether a noun cue's compound names a state ("Japanbesuch", "Moskau-Reise")."""
    parts = lexicon.noun_suffix(_lemma(doc[trig.start]), doc[trig.start].lower_)
    if not parts or len(parts[0]) <= 2:
        return False
    code, _, kind = _lookup(doc[trig.start].text[: len(parts[0])].rstrip("-"))
    return bool(code) and kind == "state"


def _own_actors(doc: Doc, trig: _Trigger, groups: list[_Group], cs: int, ce: int, states_only: bool = False) -> bool:
    """Whether a noun cue names actors of its own: an adjective or name right before it ("amerikanische
    Strafzölle") or a genitive or prepositional phrase right after it ("der Angriff der Hamas auf Israel")."""
    for g in groups:
        if states_only and g.ref.kind not in ("state", "role", "person"):
            continue
        if g.end == trig.start and g.ref.country:
            return True
        if trig.end <= g.start <= trig.end + 4 and g.start < ce and g.ref.country:
            between = doc[trig.end:g.start]
            if all(t.tag_ in ("ART", "ADJA", "APPR", "APPRART", "PPOSAT", "CARD", "PIAT") for t in between):
                return True
    return False


def _reactions(events: list[EventAnnotation]) -> None:
    """A reaction to another's act is directed at its agent: "Wang Yi hat den Besuch der Sprecherin des
    US-Repräsentantenhauses … als Provokation bezeichnet" (→ USA), "distanzierte sich von der Kritik
    Macrons" (→ FRA). For a reaction without a placed target, the source of an event noun between the
    reaction's source and its cue becomes the target."""
    for ev in events:
        if ev.category not in REACTIONS or (ev.target is not None and ev.target.country):
            continue
        for other in events:
            if other is ev or _is_verb(other.trigger[0]) or other.source is None or not other.source.country:
                continue
            if ev.source is not None and ev.source.span.end <= other.trigger.start < ev.trigger.start \
                    and _differs(other.source, ev.source):
                ev.target = other.source
                break
            if _object_noun_after(ev, other) and _differs(other.source, ev.source):
                # "verurteilte Nawalnys Festnahme durch Russland": the event noun right after the reaction
                # verb is its object, and the reaction is directed at that event's agent
                ev.target = other.source
                break
    for ev in events:
        # "Russland hat die neuen Sanktionen der Vereinigten Staaten zurückgewiesen": measures that name no target
        # and that their target rejects or criticises were aimed at the one who answers them
        if ev.category not in ("REJECT", "ACCUSE") or ev.source is None or not ev.source.country:
            continue
        for other in events:
            if other is ev or other.category not in MEASURES or _is_verb(other.trigger[0]) \
                    or (other.target is not None and other.target.country) or not _differs(other.source, ev.source):
                continue
            if ev.source.span.end <= other.trigger.start < ev.trigger.start or _object_noun_after(ev, other):
                other.target = ev.source



def _threatened_measures(events: list[EventAnnotation]) -> None:
    """A threat "mit" a measure is aimed at the measure's target: "Moskau drohte mit Gegenmaßnahmen gegen Berlin"
    → Germany."""
    for ev in events:
        if ev.category != "THREATEN" or (ev.target is not None and ev.target.country):
            continue
        doc = ev.trigger.doc
        for other in events:
            if other is ev or other.target is None or not other.target.country or _is_verb(other.trigger[0]) \
                    or not ev.trigger.end <= other.trigger.start <= ev.trigger.end + 6:
                continue
            i = other.trigger.start - 1
            while i >= ev.trigger.end and doc[i].tag_ in ("ART", "ADJA", "PIAT", "PPOSAT", "CARD", "ADV"):
                i -= 1
            if i >= ev.trigger.end and doc[i].lower_ == "mit" and _differs(other.target, ev.source):
                ev.target = other.target
                break


def _object_noun_after(reaction: EventAnnotation, noun: EventAnnotation) -> bool:
    verb = reaction.trigger[0]
    if not _is_verb(verb) or not 0 < noun.trigger.start - reaction.trigger.end <= 4:
        return False
    doc = verb.doc
    return all(doc[i].text not in CLAUSE_PUNCT and not _is_verb(doc[i])
               for i in range(reaction.trigger.end, noun.trigger.start))


def _merge(events: list[EventAnnotation]) -> list[EventAnnotation]:
    """One event per category and mode in a sentence ("Bei ihrem Treffen … kamen zusammen" is one meeting); the
    one with the most actors (then the verb cue) is kept."""
    kept: dict[tuple, EventAnnotation] = {}
    order = []
    for ev in events:
        key = (ev.category, ev.mode, ev.quote)
        known = kept.get(key)
        if known is not None and _conflict(known, ev):
            key = (ev.category, ev.mode, ev.quote, len(order))
            known = None
        if known is None:
            kept[key] = ev
            order.append(key)
            continue

        def rank(e: EventAnnotation) -> tuple[int, int]:
            actors = (e.source is not None and e.source.country is not None) + \
                     (e.target is not None and e.target.country is not None)
            return actors, int(_is_verb(e.trigger[0]))

        if rank(ev) > rank(known):
            kept[key] = ev
    return [kept[k] for k in order]


def _conflict(a: EventAnnotation, b: EventAnnotation) -> bool:
    """Two events of one category between different pairs of states are two events ("expelled … in reply to the
    expulsion of …"); a meeting seen from both sides is one."""
    def country(ref: ActorRef | None) -> str | None:
        return ref.country if ref is not None else None

    pair_a = {country(a.source), country(a.target)}
    pair_b = {country(b.source), country(b.target)}
    return None not in pair_a and None not in pair_b and pair_a != pair_b


def _with_learned(triggers: list[_Trigger], learned: list[tuple[int, str, float]], tables: _Tables) -> list[_Trigger]:
    """The lexicon's triggers and the trigger model's words where the lexicon found none."""
    taken = {i for tr in triggers for i in (tr.start, *tr.used)}
    added = []
    for i, category, _ in learned:
        if i in taken:
            continue
        verb = tables.tags[i].startswith("V")
        cue = Cue(tables.lemmas[i], "verb" if verb else "noun", category, "actual")
        added.append(_Trigger(i, i + 1, cue, i if verb else None, (i,)))
    return sorted(triggers + added, key=lambda tr: tr.start) if added else triggers


def learned_triggers(doc: Doc, model: event_model.TriggerModel, tables: _Tables
                     ) -> dict[int, list[tuple[int, str, float]]]:
    """Sentence start → the words the trigger model gives a category with at least its threshold."""
    sentences = [(sent.start, sent.end, separated_particles(tables, sent.start, sent.end)) for sent in doc.sents]
    found: dict[int, list[tuple[int, str, float]]] = {}
    starts = [first for first, _, _ in sentences]
    for i, category, p in model.find(tables.texts, tables.tags, tables.lowers, tables.lemmas, sentences,
                                     doc.vocab.vectors, doc.vocab.strings):
        found.setdefault(starts[bisect_left(starts, i + 1) - 1], []).append((i, category, p))
    return found


def code_doc(doc: Doc, lexicon: EventLexicon | None = None, scores=None,
             tone_lexicon: tone_module.ToneLexicon | None = None,
             model: event_model.TriggerModel | None = None) -> Doc:
    events: list[EventAnnotation] = []
    relations: list[RelationStatement] = []
    tables = _Tables(doc)
    learned = learned_triggers(doc, model, tables) if model is not None and len(doc) else {}
    for sent in doc.sents:
        found, relation = code_sentence(sent, lexicon, scores, tone_lexicon, tables, learned.get(sent.start))
        events.extend(found)
        if relation is not None:
            relations.append(relation)
    doc._.events = events
    doc._.relation_statements = relations
    if doc._.quotes is not None:
        doc._.quote_tones = [
            tone_module.tone_of_rows([k for span in q.spans for k in range(span.start, span.end)], tables.texts,
                                     tables.lowers, tables.lemmas, tables.pos, tone_lexicon)
            for q in doc._.quotes]
    return doc


class EventCoder:
    def __init__(self, lexicon: EventLexicon, scores: dict[tuple[str, str], float],
                 model: event_model.TriggerModel | None = None) -> None:
        self.lexicon = lexicon
        self.scores = scores
        self.model = model

    def __call__(self, doc: Doc) -> Doc:
        return code_doc(doc, self.lexicon, self.scores, model=self.model)


@Language.factory("event_coder", default_config={"model": None})
def make_event_coder(nlp: Language, name: str, model: str | None) -> EventCoder:
    """Sets doc._.events, doc._.relation_statements and doc._.quote_tones (see the module doc); `model` is the
    folder of a trained trigger model (`event_model`), if any."""
    return EventCoder(default_lexicon(), default_scores(), event_model.load(Path(model)) if model else None)
