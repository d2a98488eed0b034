"""Quotations: who said what, to whom, how.

Two trained span taggers (spaCy's transition-based `ner` architecture, trained by training/quotes on the
WIKINEWS quotation gold) run inside the pipeline: `quote_spans` marks quotation pieces with their type and
`stash_entities` moves them from `doc.ents` into a span group, so the real named-entity recogniser runs unaffected;
`role_spans` runs the role tagger (SPEAKER, CUE, ADDRESSEE) on the sentences with quotation pieces or quotation
marks only. The `quotations` component then builds `doc._.quotes` (a list of `QuoteAnnotation`): direct quotations
take the extent of their quotation marks (names and titles in marks are not quotations); sentences the taggers left
alone get rule-based candidates ("laut X", "X zufolge", ", so X", a cue verb with its comma clause, Konjunktiv-I
sentences, reportative "sollen", speech-act verbs, "Peskow: …" headlines); pieces of one quotation interrupted by its
frame are joined ("„…“, sagte Peskow, „…“"); each quotation is linked to the cue, speaker and addressee of its
sentences, uncued continuations take the speaker before them, passages in quotation marks inside a quotation are
nested quotations, and the frame (the reporting clause) and the medium (from the cue's lemma) are derived.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy
from spacy.attrs import IS_ALPHA, LEMMA, LOWER, MORPH, ORTH, POS, SPACY, TAG
from spacy.symbols import VERB
from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup

from .annotations import ActorMention, QuoteAnnotation

QUOTE_KEY, ROLE_KEY = "quote_spans", "role_spans"
OPENING = frozenset({"„", "»", "“", '"', "‚", "›", "«"})
CLOSING = {"„": "“", "»": "«", "“": "”", '"': '"', "‚": "‘", "›": "‹", "«": "»"}
# how far back (in sentences) an uncued quotation may find the speaker it continues
CARRY_SENTENCES = 3
MAX_GAP_TOKENS = 14
# a passage in quotation marks this long (words inside the marks) is a direct quotation even where the tagger
# missed it. In WIKINEWS train, passages of 9+ words are direct quotations in 94 % of cases, of 4–8 words in
# 62 %, of 2–3 in 26 %; 4 scored best on dev
DIRECT_MIN_WORDS = 4
NESTED_MIN_WORDS = 2


@Language.factory("stash_entities", default_config={"key": QUOTE_KEY})
def make_stash_entities(nlp: Language, name: str, key: str) -> StashEntities:
    return StashEntities(key)


class StashEntities:
    """Moves `doc.ents` into `doc.spans[key]` and clears them: our span taggers share spaCy's entity
    machinery with the named-entity recogniser, which must start from an empty slate."""

    def __init__(self, key: str) -> None:
        self.key = key

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[self.key] = SpanGroup(doc, name=self.key, spans=list(doc.ents))
        doc.ents = []
        return doc


@Language.factory("spans_near_quotes", default_config={"inner": "role_tagger", "key": ROLE_KEY, "context": 0})
def make_spans_near_quotes(nlp: Language, name: str, inner: str, key: str, context: int) -> SpansNearQuotes:
    return SpansNearQuotes(nlp, inner, key, context)


class SpansNearQuotes:
    """Runs a span tagger (the disabled pipeline component `inner`) only on the stretches of text where
    quotation roles can be: sentences with a quotation piece or with quotation marks around 4+ words, and `context`
    sentences before each. Its spans go to `doc.spans[key]`. Roughly halves the role tagger's time on news, where
    most sentences quote nobody."""

    def __init__(self, nlp: Language, inner: str, key: str, context: int) -> None:
        self.nlp, self.inner_name, self.key, self.context = nlp, inner, key, context
        self._inner = None

    @property
    def inner(self):
        if self._inner is None:
            self._inner = dict(self.nlp.components)[self.inner_name]
        return self._inner

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs, batch_size: int = 64):
        for batch in _batches(docs, batch_size):
            regions = [_regions(doc, self.context) for doc in batch]
            subdocs = [sub for doc, doc_regions in zip(batch, regions) for sub in _subdocs(doc, doc_regions)]
            tagged = iter(self.inner.pipe(subdocs, batch_size=max(batch_size, len(subdocs))))
            for doc, doc_regions in zip(batch, regions):
                spans = []
                for region in doc_regions:
                    sub = next(tagged)
                    spans.extend(Span(doc, region.start + e.start, region.start + e.end, label=e.label)
                                 for e in sub.ents)
                doc.spans[self.key] = SpanGroup(doc, name=self.key, spans=spans)
                yield doc


def _subdocs(doc: Doc, regions: list[Span]) -> list[Doc]:
    """Each region as a Doc of its own with what the role tagger reads (words, TAG, MORPH); 3–4× cheaper than
    `Span.as_doc`, which copies every annotation. The document's arrays are read once for all its regions."""
    if not regions:
        return []
    values = doc.to_array([TAG, MORPH])
    words = doc.to_array([ORTH, SPACY])
    strings = doc.vocab.strings
    subdocs = []
    for region in regions:
        part = words[region.start:region.end]
        sub = Doc(doc.vocab, words=[strings[h] for h in part[:, 0].tolist()], spaces=part[:, 1].astype(bool).tolist())
        sub.from_array([TAG, MORPH], values[region.start:region.end])
        subdocs.append(sub)
    return subdocs


def _batches(items, size: int):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _regions(doc: Doc, context: int) -> list[Span]:
    """Contiguous runs of the sentences worth tagging for roles."""
    sents = list(doc.sents)
    pieces = list(doc.spans[QUOTE_KEY]) if QUOTE_KEY in doc.spans else []
    signal = _signal_tokens(doc)
    wanted = [False] * len(sents)
    j = 0
    for i, sent in enumerate(sents):
        while j < len(pieces) and pieces[j].end <= sent.start:
            j += 1
        if (j < len(pieces) and pieces[j].start < sent.end) or signal[sent.start:sent.end].any():
            for k in range(max(0, i - context), i + 1):
                wanted[k] = True
    regions = []
    i = 0
    while i < len(sents):
        if wanted[i]:
            k = i
            while k + 1 < len(sents) and wanted[k + 1]:
                k += 1
            regions.append(doc[sents[i].start:sents[k].end])
            i = k + 1
        else:
            i += 1
    return regions


def konjunktiv_array(doc: Doc) -> numpy.ndarray:
    """Per token 1 (Konjunktiv I: Mood=Sub, Tense=Pres), 2 (Konjunktiv II) or 0, read off the MORPH array that
    verb_morph wrote — much faster than `token._.konjunktiv` token by token."""
    strings = doc.vocab.strings
    morphs = doc.to_array([MORPH]).reshape(-1)
    values = {}
    for h in set(morphs.tolist()):
        text = strings[h] if h else ""
        values[h] = (1 if "Tense=Pres" in text else 2) if "Mood=Sub" in text else 0
    return numpy.array([values[h] for h in morphs.tolist()], dtype="int8")


def _signal_tokens(doc: Doc) -> numpy.ndarray:
    """Per token: the opening and closing marks of a passage in quotation marks long enough to be a direct quotation
    (from the ORTH and IS_ALPHA arrays, without Token objects); a passage not closed before the document ends counts.
    Sentences in Konjunktiv need no role tagging: their rules find cue and speaker themselves (on dev: Joint F1
    −0.001, role tagging 8 % faster); nor do short marked passages (names, titles, scare quotes)."""
    strings = doc.vocab.strings
    marks = {strings.add(m) for m in (*OPENING, *CLOSING.values())}
    values = doc.to_array([ORTH, IS_ALPHA])
    is_mark = numpy.isin(values[:, 0], list(marks))
    signal = numpy.zeros(len(doc), dtype=bool)
    positions = numpy.flatnonzero(is_mark).tolist()
    words = numpy.concatenate([[0], numpy.cumsum(values[:, 1].astype(bool))])
    for opening, closing in zip(positions[::2], positions[1::2] + [len(doc)]):
        if words[closing] - words[opening + 1] >= DIRECT_MIN_WORDS:
            signal[opening] = True
            signal[min(closing, len(doc) - 1)] = True
    return signal


@Language.factory("quotations", default_config={"media": None, "cues": None})
def make_quotations(nlp: Language, name: str, media: str | None, cues: str | None) -> Quotations:
    return Quotations(Path(media) if media else None, Path(cues) if cues else None)


@dataclass
class _Piece:
    span: Span
    type: str


class Quotations:
    """Assembles `doc._.quotes` from the span taggers' output (see the module docstring)."""

    def __init__(self, media_path: Path | None = None, cues_path: Path | None = None) -> None:
        self.media: dict[str, str] = _read_json(media_path)
        self.cues = frozenset(_read_json(cues_path))

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = assemble(doc, self.media, self.cues)
        return doc


def _read_json(path: Path | None) -> dict:
    if path is None or not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


# cue words that are not verbs but may stand as the fallback cue
NON_VERB_CUES = frozenset({"laut", "zufolge", "demnach", "wonach", "gemäß"})


def assemble(doc: Doc, media: dict[str, str], cue_lemmas: frozenset[str] = frozenset()) -> list[QuoteAnnotation]:
    """The quotations of a Doc whose span taggers have run (see the module docstring), in text order."""
    pieces = [_Piece(s, s.label_) for s in doc.spans[QUOTE_KEY]] if QUOTE_KEY in doc.spans else []
    pieces = [_without_trailing_frame(p, cue_lemmas) for p in _with_marked_passages(doc, pieces)]
    roles = list(doc.spans[ROLE_KEY]) if ROLE_KEY in doc.spans else []
    speakers = [s for s in roles if s.label_ == "SPEAKER"]
    cues = [s for s in roles if s.label_ == "CUE"]
    addressees = [s for s in roles if s.label_ == "ADDRESSEE"]
    sentence_of = _sentence_index(doc)
    konjunktiv = konjunktiv_array(doc)
    ents = doc.ents  # builds a Span per entity: read once
    may = _SentenceRules(doc, cue_lemmas, konjunktiv)
    # sentences the taggers left alone may still hold a statement the grammar gives away
    covered_sents = {sentence_of[i] for p in pieces for i in range(p.span.start, p.span.end)}
    ready: list[QuoteAnnotation] = []
    for sent_no, (start, end) in enumerate(sentence_of.bounds):
        if sent_no in covered_sents:
            continue
        sent = doc[start:end]
        # a rule runs only where `may` allows it (False otherwise); the first match wins, `or None` ends a miss
        if (found := (may.can("according_to", start, end) and according_to(sent))
                or (may.can("colon_headline", start, end) and colon_headline(sent, ents)) or None) is not None:
            found.medium = media.get(cue_key(found.cue_parts), "Speech")
            ready.append(found)
        elif (piece := (may.can("cued_clause", start, end) and _cued_clause(sent, cue_lemmas, konjunktiv))
               or (may.can("konjunktiv_sentence", start, end)
                   and _konjunktiv_sentence(sent, cues, cue_lemmas, konjunktiv))
               or (may.can("reportative_sentence", start, end) and _reportative_sentence(sent))
               or (may.can("reported_sentence", start, end) and _reported_sentence(sent, ents)) or None) is not None:
            pieces.append(piece)
    groups = _join_pieces(doc, sorted(pieces, key=lambda p: p.span.start), speakers, cues)
    items = sorted([(g[0].span.start, g) for g in groups] + [(q.spans[0].start, q) for q in ready],
                   key=lambda item: item[0])
    quotes: list[QuoteAnnotation] = []
    previous_speaker: tuple[int, Span] | None = None  # (sentence index, speaker span)
    for _, item in items:
        if isinstance(item, QuoteAnnotation):
            quote = item
        else:
            quote = _linked(doc, item, sentence_of, speakers, cues, addressees, cue_lemmas, media, previous_speaker,
                            ents)
        if quote.speaker is not None:
            previous_speaker = (sentence_of[quote.spans[-1].end - 1], quote.speaker.span)
        quotes.append(quote)
    _nest(doc, quotes)
    return quotes


def _linked(doc: Doc, group: list[_Piece], sentence_of: list[int], speakers: list[Span], cues: list[Span],
            addressees: list[Span], cue_lemmas: frozenset[str], media: dict[str, str],
            previous_speaker: tuple[int, Span] | None, ents: tuple[Span, ...]) -> QuoteAnnotation:
    """One quotation with the cue, speaker, addressee and frame of its sentences."""
    spans = [p.span for p in group]
    qtype = group[0].type
    covered = set().union(*(range(s.start, s.end) for s in spans))
    sents = sorted({sentence_of[i] for s in spans for i in (s.start, s.end - 1)})
    window = _sentence_window(doc, sentence_of, sents)
    inside_ok = qtype == "Reported"  # "Die Tat bezeichnete er als sinnlos": the speaker is inside
    quote = QuoteAnnotation(spans=spans, type=qtype)
    cue_spans = [c for c in cues if _within(c, window) and (inside_ok or not _overlaps(c, covered))]
    cue_spans = _nearest_cluster(cue_spans, spans)
    if not cue_spans and cue_lemmas and qtype not in ("Reported", "IndirectFreeIndirect", "FreeIndirect"):
        cue_spans = _lexicon_cue(doc, window, covered, spans, cue_lemmas)
    if cue_spans:
        quote.cue = doc[cue_spans[0].start:cue_spans[-1].end] if len(cue_spans) > 1 else cue_spans[0]
        quote.cue_parts = cue_spans
    speaker = _nearest([s for s in speakers if _within(s, window) and (inside_ok or not _overlaps(s, covered))],
                       spans)
    if speaker is None and (cue_spans or qtype == "Direct"):
        speaker = _entity_speaker(doc, window, covered, cue_spans or spans, ents)
    if speaker is None and qtype == "Reported":
        speaker = _entity_speaker(doc, window, set(), spans, ents)
    if speaker is None and not cue_spans:
        if previous_speaker is not None and sents[0] - previous_speaker[0] <= CARRY_SENTENCES:
            speaker = previous_speaker[1]
        else:
            speaker = _preceding_speaker(doc, sentence_of, sents[0], speakers, ents)
    if speaker is not None:
        quote.speaker = ActorMention(span=speaker, label="SPEAKER")
    addressee = _nearest([a for a in addressees if _within(a, window) and not _overlaps(a, covered)], spans)
    if addressee is not None:
        quote.addressee = ActorMention(span=addressee, label="ADDRESSEE")
    if cue_spans:
        quote.frame = _frame(doc, window, covered, cue_spans, speaker)
        quote.medium = media.get(cue_key(cue_spans), media.get(cue_key(cue_spans[:1]), "Speech"))
    else:
        quote.medium = "Speech"
    return quote


# verbs that summarise a speech act with a noun-phrase object: "Lawrow bezeichnete die Sanktionen als
# unfreundlichen Akt", "Die Opposition forderte Neuwahlen" (the most frequent in WIKINEWS train's Reported quotes)
REPORTED_VERBS = frozenset({
    "fordern", "nennen", "bezeichnen", "warnen", "kritisieren", "ankündigen", "verweisen", "vorwerfen",
    "beziffern", "begrüßen", "werten", "einstufen", "bemängeln", "auffordern", "dementieren", "verurteilen",
    "zurückweisen", "appellieren", "beklagen", "anmahnen", "mahnen", "loben",
})


CLAUSE_STARTS = frozenset({"dass", "ob", "wie", "warum", "weshalb", "wann", "wo"})


class _SentenceRules:
    """Which of the sentence rules below can match in a sentence, from the document's arrays: each rule needs a
    word the arrays show (a verb of saying, "laut"/"nach"/"zufolge"/"so", a colon, Konjunktiv I, reportative
    "sollen", a summarising verb), so sentences without one are not walked token by token. Same results."""

    def __init__(self, doc: Doc, cue_lemmas: frozenset[str], konjunktiv: numpy.ndarray) -> None:
        strings = doc.vocab.strings
        values = doc.to_array([LOWER, ORTH, POS, LEMMA, TAG]).astype("uint64")
        lower, orth, pos, lemma, tag = values.T
        is_verb = pos == VERB
        cue_verb = numpy.zeros(len(doc), dtype=bool)
        if cue_lemmas:
            for i in numpy.flatnonzero(is_verb).tolist():
                token = doc[i]
                cue_verb[i] = (token.lemma_ or token.text).lower() in cue_lemmas
        # per rule: the tokens that let it match
        self._needs = {
            "according_to": numpy.isin(lower, [strings.add(w) for w in ("laut", "nach", "zufolge", "so")]),
            "colon_headline": orth == strings.add(":"),
            "cued_clause": cue_verb,
            "konjunktiv_sentence": konjunktiv == 1,
            "reportative_sentence": (lemma == strings.add("sollen")) & (tag == strings.add("VMFIN")),
            "reported_sentence": is_verb & numpy.isin(lemma, [strings.add(w) for w in REPORTED_VERBS]),
        }

    def can(self, rule: str, start: int, end: int) -> bool:
        """Whether `rule` can match in the tokens `start` … `end`-1."""
        return bool(self._needs[rule][start:end].any())


def _cued_clause(sent: Span, cue_lemmas: frozenset[str], konjunktiv: numpy.ndarray) -> _Piece | None:
    """A verb of saying and, across a comma, the clause it introduces — "Rjabkow erklärte, der Termin stehe noch
    nicht fest" / "Der Termin stehe noch nicht fest, sagte Rjabkow" — where the clause is in Konjunktiv or opens
    with "dass"/"ob": indirect speech."""
    if not cue_lemmas:
        return None
    doc = sent.doc
    words = [t for t in sent if not t.is_space]
    for k, token in enumerate(words):
        if token.pos_ != "VERB" or (token.lemma_ or token.text).lower() not in cue_lemmas:
            continue
        after = next((j for j in range(k + 1, len(words)) if words[j].text == ","), None)
        if after is not None and after + 1 < len(words):
            clause = words[after + 1:]
            while clause and clause[-1].is_punct:
                clause = clause[:-1]
            if len(clause) >= 3 and (clause[0].lower_ in CLAUSE_STARTS or any(konjunktiv[t.i] == 1 for t in clause)):
                return _Piece(doc[clause[0].i:clause[-1].i + 1], "Indirect")
        if k > 0 and words[k - 1].text == ",":
            # "…, teilte das Weiße Haus mit": the clause before is reported, in Konjunktiv I or II
            clause = words[:k - 1]
            if len(clause) >= 3 and any(konjunktiv[t.i] for t in clause):
                return _Piece(doc[clause[0].i:clause[-1].i + 1], "Indirect")
    return None


def _reportative_sentence(sent: Span) -> _Piece | None:
    """Reportative "sollen" — "Die Gespräche sollen in Genf stattgefunden haben": a claim passed on without a
    speaker or cue, free indirect speech."""
    if not any(t.lemma_ == "sollen" and t.tag_ == "VMFIN" for t in sent):
        return None
    # with a perfect infinitive ("… getötet worden sein", "… gesagt haben") "sollen" reports a claim; without
    # one it is mostly an obligation or a plan (on dev: FreeIndirect F1 0.50 with this condition, 0.33 without)
    if not any(t.tag_ == "VAINF" and t.lemma_ in ("haben", "sein") for t in sent):
        return None
    return _whole_sentence(sent, "FreeIndirect")


def _reported_sentence(sent: Span, ents: tuple[Span, ...] | None = None) -> _Piece | None:
    """A speech act the narrator sums up, with its speaker in the sentence: "Die Sanktionen bezeichnete Lawrow
    als unfreundlichen Akt." — reported speech, the whole sentence."""
    if not any(t.lemma_ in REPORTED_VERBS and t.pos_ == "VERB" for t in sent):
        return None
    ents = sent.doc.ents if ents is None else ents
    if not any(e.label_ in ("PER", "ORG") and e.start >= sent.start and e.end <= sent.end for e in ents):
        return None
    return _whole_sentence(sent, "Reported")


def _whole_sentence(sent: Span, qtype: str) -> _Piece | None:
    words = [t for t in sent if not t.is_space]
    if len(words) < 4:
        return None
    return _Piece(sent.doc[words[0].i:words[-1].i + 1], qtype)


def _without_trailing_frame(piece: _Piece, cue_lemmas: frozenset[str]) -> _Piece:
    """A piece the tagger let run over its own frame — "Es sei ein wichtiger Schritt, sagte er." — ends before
    the comma; with its cue in the sentence it is indirect, not free indirect speech."""
    if piece.type == "Direct" or not cue_lemmas:
        return piece
    span = piece.span
    for k in range(len(span) - 1, 0, -1):
        token = span[k]
        if token.text == "," and k + 1 < len(span):
            following = span[k + 1]
            if following.pos_ in ("VERB", "AUX") and (following.lemma_ or following.text).lower() in cue_lemmas:
                trimmed = span[:k]
                if len(trimmed) >= 3:
                    return _Piece(trimmed, "Indirect" if piece.type in ("IndirectFreeIndirect", "FreeIndirect")
                                  else piece.type)
            break
    return piece


def _konjunktiv_sentence(sent: Span, cues: list[Span], cue_lemmas: frozenset[str],
                         konjunktiv: numpy.ndarray) -> _Piece | None:
    """A sentence in Konjunktiv I without a cue of its own ("Der Termin stehe noch nicht fest.") reports what
    someone said before: free indirect speech."""
    if not (konjunktiv[sent.start:sent.end] == 1).any():
        return None
    if any(c.start >= sent.start and c.end <= sent.end for c in cues):
        return None
    if any((t.lemma_ or t.text).lower() in cue_lemmas and t.pos_ in ("VERB", "AUX") for t in sent):
        return None
    words = [t for t in sent if not t.is_space]
    if len(words) < 4:
        return None
    return _Piece(sent.doc[words[0].i:words[-1].i + 1], "IndirectFreeIndirect")


# -- "laut X", "nach Angaben von X", "X zufolge", ", so X" ------------------------------------------

SOURCE_NOUN_ENDINGS = (
    "angaben", "angabe", "ansicht", "einschätzung", "einschätzungen", "aussage", "aussagen", "auffassung",
    "darstellung", "worten", "erkenntnissen", "schätzungen", "meinung", "auskunft", "informationen", "berichten",
    "bericht", "medienberichten", "ermittlungen", "recherchen", "vermutungen", "annahmen", "mitteilung",
)
_NP_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM"})
MIN_ACCORDING_WORDS = 4


def according_to(sent: Span) -> QuoteAnnotation | None:
    """A statement attributed by a prepositional source — "Laut Innenminister X werden …", "Nach Angaben der
    Polizei …", "Ersten Annahmen zufolge …", "…, so der UN-Mitarbeiter." — as an indirect quotation: the
    sentence without the frame, the preposition as cue, its noun phrase as speaker."""
    doc = sent.doc
    tokens = list(sent)
    for k, token in enumerate(tokens):
        lower = token.lower_
        cue = source = None
        if lower == "laut" and k + 1 < len(tokens) and (tokens[k + 1].text[:1].isupper() or tokens[k + 1].pos_ == "DET"):
            cue, source = doc[token.i:token.i + 1], _np_after(doc, token.i + 1, sent.end)
        elif lower == "nach" and any(t.lower_.endswith(SOURCE_NOUN_ENDINGS) for t in tokens[k + 1:k + 4]):
            cue, source = doc[token.i:token.i + 1], _np_after(doc, token.i + 1, sent.end)
        elif lower == "zufolge" and k > 0:
            cue, source = doc[token.i:token.i + 1], _np_before(doc, token.i, sent.start)
        elif lower == "so" and k > 0 and tokens[k - 1].text == "," and _ends_sentence(doc, token.i + 1, sent.end):
            cue, source = doc[token.i:token.i + 1], _np_after(doc, token.i + 1, sent.end)
        if cue is None or source is None:
            continue
        frame_start, frame_end = min(cue.start, source.start), max(cue.end, source.end)
        while frame_start > sent.start and doc[frame_start - 1].text == ",":
            frame_start -= 1
        while frame_end < sent.end and doc[frame_end].text == ",":
            frame_end += 1
        end = sent.end
        while end > sent.start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        start = sent.start
        while start < end and doc[start].is_space:
            start += 1
        spans = [doc[a:b] for a, b in ((start, min(frame_start, end)), (max(frame_end, start), end)) if b > a]
        if sum(len(s) for s in spans) < MIN_ACCORDING_WORDS:
            return None
        return QuoteAnnotation(spans=spans, type="Indirect", cue=cue, cue_parts=[cue],
                               speaker=ActorMention(span=source, label="SPEAKER"), frame=doc[frame_start:frame_end])
    return None


HEADLINE_SPEAKER_MAX = 5


def colon_headline(sent: Span, ents: tuple[Span, ...] | None = None) -> QuoteAnnotation | None:
    """A headline or sub-heading "Peskow: Beziehungen zu den USA auf Nullniveau" / "US-Außenminister: Gespräche
    finden bald statt": what follows the colon is the statement of the person, organisation or office named
    before it. Typed Direct (the words are presented as the speaker's own, without a verb of saying); the colon
    is the cue."""
    doc = sent.doc
    words = [t for t in sent if not t.is_space]
    colon = next((k for k, t in enumerate(words[:HEADLINE_SPEAKER_MAX + 1]) if t.text == ":"), None)
    if colon is None or colon == 0 or len(words) - colon - 1 < 3:
        return None
    head = doc[words[0].i:words[colon].i]
    if not _names_an_actor(head, sent.doc.ents if ents is None else ents):
        return None
    end = words[-1].i + 1
    while end > words[colon].i + 1 and doc[end - 1].is_punct and doc[end - 1].text not in CLOSING.values():
        end -= 1
    statement = doc[words[colon].i + 1:end]
    cue = doc[words[colon].i:words[colon].i + 1]
    return QuoteAnnotation(spans=[statement], type="Direct", cue=cue, cue_parts=[cue],
                           speaker=ActorMention(span=head, label="SPEAKER"), frame=doc[head.start:cue.end])


def _names_an_actor(head: Span, ents: tuple[Span, ...]) -> bool:
    """"Peskow", "Kremlsprecher Peskow", "US-Außenminister", "Die NATO" — not "Fazit" or "Update"."""
    if any(e.label_ in ("PER", "ORG") and e.start >= head.start and e.end <= head.end for e in ents):
        return all(t.text[:1].isupper() or t.pos_ == "DET" or t.text == "-" for t in head)
    from .mentions import _gazetteer

    words = head.text.split()
    if words and words[0].lower() in ("der", "die", "das"):
        words = words[1:]
    return bool(words) and _gazetteer().role(" ".join(words)) is not None


def _np_after(doc: Doc, start: int, limit: int) -> Span | None:
    end = start
    while end < limit and (doc[end].pos_ in _NP_POS or "-" in doc[end].text and doc[end].text[:1].isupper()
                           or doc[end].lower_ in ("von", "aus") and end > start):
        if doc[end].pos_ == "DET" and end > start and doc[end - 1].pos_ not in ("NOUN", "PROPN"):
            break
        end += 1
    while end > start and doc[end - 1].pos_ in ("DET", "ADP"):
        end -= 1
    return doc[start:end] if end > start else None


def _np_before(doc: Doc, end: int, limit: int) -> Span | None:
    start = end
    while start > limit and doc[start - 1].pos_ in _NP_POS:
        start -= 1
    return doc[start:end] if end > start else None


def _ends_sentence(doc: Doc, start: int, limit: int) -> bool:
    np = _np_after(doc, start, limit)
    if np is None:
        return False
    rest = [t for t in doc[np.end:limit] if not t.is_space]
    return all(t.is_punct for t in rest)


def _lexicon_cue(doc: Doc, window: tuple[int, int], covered: set[int], spans: list[Span],
                 cue_lemmas: frozenset[str]) -> list[Span]:
    """Where the tagger found no cue: the nearest word outside the quotation whose lemma is often a cue in the
    training data ("sagen", "betonen", "zufolge")."""
    candidates = [
        doc[i:i + 1] for i in range(*window)
        if i not in covered and (doc[i].lemma_ or doc[i].text).lower() in cue_lemmas
        and (doc[i].pos_ in ("VERB", "AUX") or doc[i].lower_ in NON_VERB_CUES)
    ]
    nearest = _nearest(candidates, spans)
    return [nearest] if nearest is not None else []


def _preceding_speaker(doc: Doc, sentence_of: list[int], sentence: int, speakers: list[Span],
                       ents: tuple[Span, ...]) -> Span | None:
    """For an uncued continuation without an earlier quotation to follow: the last speaker span, or else the last
    person named, in the sentence before it."""
    before = [s for s in speakers if sentence - CARRY_SENTENCES <= sentence_of[s.start] < sentence]
    if before:
        return before[-1]
    persons = [e for e in ents if e.label_ == "PER" and sentence_of[e.start] == sentence - 1]
    return persons[-1] if persons else None


def _entity_speaker(doc: Doc, window: tuple[int, int], covered: set[int], anchors: list[Span],
                    ents: tuple[Span, ...]) -> Span | None:
    """Where the tagger found no speaker: the person or organisation named nearest to the cue (or the quote) in
    the quotation's sentences, with the words of its noun phrase before it ("Der GdP-Vorsitzende Konrad
    Freiberg")."""
    candidates = [e for e in ents if e.label_ in ("PER", "ORG") and _within(e, window) and not _overlaps(e, covered)]
    nearest = _nearest(candidates, anchors)
    if nearest is None:
        # "Er wies darauf hin, dass …": a personal pronoun the actor mentions resolve later
        pronouns = [doc[i:i + 1] for i in range(*window)
                    if i not in covered and doc[i].lower_ in ("er", "sie") and doc[i].tag_ == "PPER"]
        return _nearest(pronouns, anchors)
    start = nearest.start
    while start > window[0] and start - 1 not in covered and (
        doc[start - 1].pos_ in ("DET", "ADJ") or doc[start - 1].pos_ == "NOUN" and doc[start - 1].text[:1].isupper()
    ):
        start -= 1
    return doc[start:nearest.end]


class _SentenceIndex(list):
    """Sentence number of every token, with each sentence's token range."""

    def __init__(self, doc: Doc) -> None:
        super().__init__([0] * len(doc))
        self.bounds: list[tuple[int, int]] = []
        for number, sent in enumerate(doc.sents):
            self.bounds.append((sent.start, sent.end))
            self[sent.start:sent.end] = [number] * (sent.end - sent.start)


def _sentence_index(doc: Doc) -> _SentenceIndex:
    return _SentenceIndex(doc)


def _sentence_window(doc: Doc, sentence_of: _SentenceIndex, sents: list[int]) -> tuple[int, int]:
    """Token range of the sentences a quotation covers."""
    return sentence_of.bounds[sents[0]][0], sentence_of.bounds[sents[-1]][1]


def _within(span: Span, window: tuple[int, int]) -> bool:
    return span.start >= window[0] and span.end <= window[1]


def _overlaps(span: Span, covered: set[int]) -> bool:
    return any(i in covered for i in range(span.start, span.end))


def _distance(span: Span, spans: list[Span]) -> int:
    return min(max(s.start - span.end, span.start - s.end, 0) for s in spans)


def _nearest(candidates: list[Span], spans: list[Span]) -> Span | None:
    return min(candidates, key=lambda c: (_distance(c, spans), c.start), default=None)


def _nearest_cluster(cues: list[Span], spans: list[Span]) -> list[Span]:
    """The cue nearest to the quotation, with the other cue pieces of the same verb ("teilte … mit")."""
    if not cues:
        return []
    first = _nearest(cues, spans)
    cluster = [first]
    for cue in sorted(cues, key=lambda c: c.start):
        if cue is not first and abs(cue.start - first.start) <= 8 and _separated_only_by_words(first, cue):
            cluster.append(cue)
    return sorted(cluster, key=lambda c: c.start)


def _separated_only_by_words(a: Span, b: Span) -> bool:
    lo, hi = (a, b) if a.start < b.start else (b, a)
    between = a.doc[lo.end:hi.start]
    return not any(t.text in OPENING or t.text in CLOSING.values() or t.text in {".", "!", "?"} for t in between)


def cue_key(cues: list[Span]) -> str:
    """The cue's lemmas ("teilen mit"), the key of the medium table."""
    return " ".join((t.lemma_ or t.text).lower() for c in cues for t in c if not t.is_punct)


def _frame(doc: Doc, window: tuple[int, int], covered: set[int], cues: list[Span], speaker: Span | None) -> Span:
    """The reporting clause: the stretch of the quotation's sentences outside the quotation that holds the cue
    (and the speaker, when it is there too)."""
    anchors = [c.start for c in cues] + ([speaker.start] if speaker is not None and _within(speaker, window) else [])
    start = min(anchors)
    end = max([c.end for c in cues] + ([speaker.end] if speaker is not None and _within(speaker, window) else []))
    while start > window[0] and start - 1 not in covered:
        start -= 1
    while end < window[1] and end not in covered:
        end += 1
    return doc[start:end]


def _with_marked_passages(doc: Doc, pieces: list[_Piece]) -> list[_Piece]:
    """Direct quotations take the exact extent of their quotation marks: a passage the tagger marked as Direct
    (or a long one it missed) replaces the tagger's pieces that overlap it. Passages inside another
    quotation are left for `_nest`."""
    result = list(pieces)
    for passage in _marked_passages(doc, 0, len(doc)):
        if any(p.type != "Direct" and p.span.start <= passage.start and p.span.end >= passage.end for p in pieces):
            continue
        if is_name_or_title(passage):
            result = [p for p in result if not (p.type == "Direct" and p.span.start < passage.end
                                                 and p.span.end > passage.start and len(p.span) <= len(passage) + 2)]
            continue
        overlapping = [p for p in result if p.span.start < passage.end and p.span.end > passage.start]
        tagged = any(p.type == "Direct" for p in overlapping)
        if tagged or len(passage) - 2 >= DIRECT_MIN_WORDS:
            result = [p for p in result if p not in overlapping]
            result.append(_Piece(passage, "Direct"))
    return sorted(result, key=lambda p: p.span.start)


def _join_pieces(doc: Doc, pieces: list[_Piece], speakers: list[Span], cues: list[Span]) -> list[list[_Piece]]:
    """Pieces of one quotation interrupted by its frame — „…“, sagte er, „…“ / Die Lage, so Peskow, sei … —
    become one quotation: same type, a short gap that holds a cue or a speaker and no sentence end."""
    groups: list[list[_Piece]] = []
    for piece in sorted(pieces, key=lambda p: p.span.start):
        if groups:
            last = groups[-1][-1]
            gap = doc[last.span.end:piece.span.start]
            if last.type == piece.type == "IndirectFreeIndirect" and all(t.is_space for t in gap):
                # consecutive sentences of free indirect speech are one quotation
                groups[-1][-1] = _Piece(doc[last.span.start:piece.span.end], last.type)
                continue
            if (
                last.type == piece.type
                and len(gap) <= MAX_GAP_TOKENS
                and any(_within(r, (gap.start, gap.end)) for r in (*cues, *speakers))
                and not any(t.is_sent_start for t in doc[last.span.end:piece.span.start + 1])
                and not any(t.text in {".", "!", "?"} for t in gap)
            ):
                groups[-1].append(piece)
                continue
        groups.append([piece])
    return groups


def _nest(doc: Doc, quotes: list[QuoteAnnotation]) -> None:
    """Quotation-marked passages inside a non-direct quotation are quotations of their own, nested in it
    (Peskow said that Putin had called it „…“): they get the outer speaker unless the text names another."""
    nested: list[QuoteAnnotation] = []
    orth = None
    for index, quote in enumerate(quotes):
        if quote.type == "Direct":
            continue
        if orth is None:
            orth = doc.to_array(ORTH)
        for span in quote.spans:
            for inner in _marked_passages(doc, span.start, span.end, orth):
                if len(inner) - 2 < NESTED_MIN_WORDS or is_name_or_title(inner):
                    continue  # a quoted word is mostly a term, a quoted name a name, not a statement
                nested.append(QuoteAnnotation(spans=[inner], type="Direct", medium=quote.medium,
                                              speaker=quote.speaker, nested_in=index))
    quotes.extend(nested)


# words before a passage in quotation marks that make it a name or a title: der Film „Eine unbequeme Wahrheit“
TITLE_NOUNS = frozenset({
    "film", "buch", "titel", "motto", "kampagne", "aktion", "projekt", "partei", "organisation", "verein",
    "unternehmen", "firma", "preis", "initiative", "gruppe", "zeitung", "magazin", "sendung", "serie", "album",
    "lied", "song", "roman", "stück", "ausstellung", "kongress", "programm", "schiff", "bündnis", "allianz",
    "bewegung", "fraktion", "operation", "zentrum", "center", "institut", "stiftung", "dokumentarfilm",
    "oper", "theaterstück", "tv-sender", "sender", "fernsehsender", "zeitschrift", "studie", "bericht", "gesetz",
})
# function words of other languages: „Department of Vertebrate Zoology“, „Union pour un Mouvement Populaire“
FOREIGN_WORDS = frozenset({
    "of", "the", "and", "for", "du", "pour", "un", "une", "les", "la", "le", "voor", "het", "del", "di", "et", "el",
    "los", "las", "y",
})


def is_name_or_title(passage: Span) -> bool:
    """A passage in quotation marks that names something (an organisation, a work, a ship) rather than quoting
    someone: preceded by a naming noun, in another language, or a run of capitalised words without a verb."""
    inner = [t for t in passage if t.text not in OPENING and t.text not in CLOSING.values()]
    if not inner:
        return True
    doc = passage.doc
    before = [t for t in doc[max(0, passage.start - 3):passage.start] if not t.is_punct]
    if before and (before[-1].lower_.split("-")[-1] in TITLE_NOUNS
                   or before[-1].lower_.endswith(("film", "partei", "organisation", "preis"))):
        return True
    words = [t for t in inner if t.is_alpha]
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in inner)
    if not has_verb and any(t.lower_ in FOREIGN_WORDS for t in words):
        return True
    if len(inner) == 1 and (inner[0].pos_ == "PROPN" or inner[0].like_url or "." in inner[0].text.strip(".")):
        return True  # „Reuters“, „news.bbc.co.uk“
    if not has_verb:
        # the recogniser names most of it: „Sacharow-Preis für geistige Freiheit“, „Biennale für … Kunst“
        named = sum(1 for t in inner if t.ent_type_ in ("ORG", "MISC", "PER", "LOC"))
        if named * 2 >= len(inner) and len(inner) >= 2:
            return True
    capitalised = sum(t.text[:1].isupper() or t.is_digit for t in words)
    return bool(words) and not has_verb and len(words) >= 2 and capitalised == len(words) and len(words) <= 8


def _marked_passages(doc: Doc, start: int, end: int, orth: numpy.ndarray | None = None) -> list[Span]:
    """Each opening mark with the first matching closing mark after it, left to right (from the document's ORTH
    array, `orth` if given)."""
    strings = doc.vocab.strings
    orth = (doc.to_array(ORTH) if orth is None else orth)[start:end]
    closing_of = {strings.add(o): strings.add(c) for o, c in CLOSING.items()}
    found = []
    resume = 0
    for i in numpy.flatnonzero(numpy.isin(orth, list(closing_of))).tolist():
        if i < resume:
            continue
        after = numpy.flatnonzero(orth[i + 1:] == closing_of[int(orth[i])])
        if after.size:
            j = i + 1 + int(after[0])
            found.append(doc[start + i:start + j + 1])
            resume = j + 1
    return found
