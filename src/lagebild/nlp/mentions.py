"""Actor mentions within an article, and whom they mean.

The `actor_mentions` component collects the spans that name actors — named entities (PER, ORG, LOC), role
phrases ("der Kreml-Sprecher", "der stellvertretende russische Außenminister") and the pronouns "er"/"sie" —
and resolves them within the article:

- a person's name takes the role and country of a role phrase right before it ("Kremlsprecher Dmitri Peskow",
  "Russlands Präsident Wladimir Putin") or in an apposition ("Dmitri Peskow, Sprecher des Kremls," /
  "Der Sprecher des Kremls, Dmitri Peskow,");
- shorter forms of a name ("Peskow", "Peskows") join the longest form the article uses ("Dmitri Peskow");
- a role phrase without a name means the person who last held that role in the article (matching country
  where both are known); "er"/"sie" mean the last person mentioned before them, within two sentences, of a
  matching grammatical gender where the role tells it;
- states, capitals, metonyms ("Kreml" → RUS) and organisations get their ISO 3166 alpha-3 or organisation code
  from the gazetteer. A person keeps the country the article gives (none for "Vize-Außenminister Sergei Rjabkow"):
  events are coded from what the text says; the actor registry adds what `persons.py` knows.

Mentions of one actor share a `chain` number. Afterwards each quotation's speaker and addressee (spans found
by the quotation tagger, `doc._.quotes`) are replaced by the resolved mention they overlap.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import numpy
from spacy.attrs import LOWER, ORTH, POS, SENT_START, TAG
from spacy.language import Language
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc, Span

from . import gazetteer
from .annotations import ActorMention
from .arrays import decode

PERSON_PRONOUNS = {"er": "m", "sie": "f"}
PRONOUN_WINDOW = 3  # sentences a pronoun may look back
ROLE_WINDOW = 5  # tokens before a name that may hold its role
DETERMINERS = frozenset({"der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "einem", "einen"})
GENITIVE_ENDINGS = ("s", "’s", "'s")
# STTS tags of words that are never a name on their own: a one-word PER entity with one of them at the start of a
# sentence ("Zugleich", "Nebenbei"), where capitals say nothing, is a recognition error. Elsewhere, and for words
# ending in -s ("Drostens Studie"), the tagger is the one that errs on unknown names ("Herr Trabert" as VVPP).
NON_NAME_TAGS = frozenset({
    "ADV", "PROAV", "PWAV", "KON", "KOUS", "KOUI", "KOKOM", "PTKANT", "PTKNEG", "PTKZU", "PTKVZ", "APPR", "APPRART",
    "APPO", "ART", "PDS", "PDAT", "PIS", "PIAT", "PPER", "PPOSAT", "PRF", "PWS", "PRELS", "VVFIN", "VAFIN", "VMFIN",
    "VVINF", "VAINF", "VVPP", "VVIZU", "CARD", "$,", "$.", "$(",
})


@lru_cache(maxsize=1)
def _gazetteer() -> gazetteer.Gazetteer:
    return gazetteer.load()


@Language.factory("actor_mentions", requires=["doc.ents", "token.tag"], assigns=["doc._.mentions"])
def make_actor_mentions(nlp: Language, name: str) -> ActorMentions:
    return ActorMentions()


@Language.factory("person_roles", requires=["doc.ents"], assigns=["doc.ents"])
def make_person_roles(nlp: Language, name: str) -> PersonRoles:
    return PersonRoles()


class PersonRoles:
    """A PER entity that begins with a role phrase — "Kremlsprecher Dmitri Peskow", "US-Präsident Joe Biden" — is
    cut to the name: roles are not part of person names (as GermEval annotates them), and the role is read off the
    words before the name by `actor_mentions`. A PER entity right after the particles of a name ("von der Leyen",
    "van der Bellen", "de la Cruz") takes them in: the recogniser often leaves them out, and the surname alone
    ("Leyen") is not what the person is called."""

    def __call__(self, doc: Doc) -> Doc:
        gaz = _gazetteer()
        ents: list[Span] = []
        changed = False
        for ent in doc.ents:
            name, role = _split_leading_role(ent, gaz)
            if role is not None:
                ent, changed = name, True
            elif ent.label_ == "PER" and _after_particles(ent, ents):
                start = ent.start - 2
                if ents and ents[-1].label_ == "PER" and ents[-1].end == start:  # "Ursula" + "von der Leyen"
                    start = ents.pop().start
                ent, changed = Span(doc, start, ent.end, label="PER"), True
            ents.append(ent)
        if changed:
            doc.ents = ents
        return doc


# not "von dem": "Kritik von dem Lauterbach" is the preposition
NAME_PARTICLES = frozenset({("von", "der"), ("van", "der"), ("van", "den"), ("de", "la"), ("de", "los")})


def _after_particles(ent: Span, before: list[Span]) -> bool:
    """Whether "von der" / "van der" / "de la" stand right before the entity, outside the entities before it.
    Only two-word particles: a single "von" before a name is mostly the preposition ("Kritik von Merkel")."""
    doc, start = ent.doc, ent.start
    return (start >= 2 and (not before or before[-1].end <= start - 2)
            and (doc[start - 2].text.lower(), doc[start - 1].text) in NAME_PARTICLES)


class ActorMentions:
    def __call__(self, doc: Doc) -> Doc:
        doc._.mentions = resolve(doc, _gazetteer())
        if doc._.quotes:
            link_quotes(doc, doc._.mentions)
        return doc


def resolve(doc: Doc, gaz: gazetteer.Gazetteer) -> list[ActorMention]:
    mentions: list[ActorMention] = []
    taken: set[int] = set()
    for ent in doc.ents:
        ent, role = _split_leading_role(ent, gaz)
        mention = _entity_mention(ent, gaz)
        if mention is not None:
            mentions.append(mention)
            taken.update(range(ent.start, ent.end))
        if role is not None:
            if mention is not None:
                _apply_role(mention, role[1])
            mentions.append(_role_mention(role[0], role[1], "ROLE"))
            taken.update(range(role[0].start, role[0].end))
    persons = [m for m in mentions if m.label == "PER" and m.role is None]
    for person in persons:
        role = _role_before(person.span, gaz, taken) or _apposition(person.span, gaz, taken)
        if role is not None:
            span, match = role
            _apply_role(person, match)
            mentions.append(_role_mention(span, match, "ROLE"))
            taken.update(range(span.start, span.end))
    _coordinated_roles(doc, mentions, gaz)
    columns = _Columns(doc)
    for span, match in _free_role_phrases(doc, gaz, taken, columns):
        mentions.append(_role_mention(span, match, "ROLE"))
        taken.update(range(span.start, span.end))
    mentions.extend(_speaker_names(doc, mentions, taken))
    lowers, tags = columns.lowers, columns.tags
    for i in range(len(doc)):
        if i not in taken and lowers[i] in PERSON_PRONOUNS and tags[i] == "PPER":
            mentions.append(ActorMention(span=doc[i:i + 1], label="PRON", kind="person"))
    mentions.sort(key=lambda m: (m.span.start, -m.span.end))
    _chain(doc, mentions)
    return mentions


# -- entities -----------------------------------------------------------------------------------


def _speaker_names(doc: Doc, mentions: list[ActorMention], taken: set[int]) -> list[ActorMention]:
    """A quotation's speaker the recogniser missed ("…, so Geng.") is a person mention when its last word is the
    surname of a person the article names."""
    surnames = {_surname_key(m) for m in mentions if m.label == "PER"}
    found = []
    for quote in doc._.quotes or []:
        speaker = quote.speaker.span if quote.speaker is not None else None
        if speaker is None or any(i in taken for i in range(speaker.start, speaker.end)):
            continue
        last = speaker[-1]
        if last.text[:1].isupper() and _surname_key(ActorMention(span=speaker[-1:], label="PER")) in surnames:
            found.append(ActorMention(span=speaker[-1:], label="PER", name=last.text, kind="person"))
            taken.add(last.i)
    return found



def _split_leading_role(ent: Span, gaz: gazetteer.Gazetteer) -> tuple[Span, tuple[Span, gazetteer.RoleMatch] | None]:
    """"Kremlsprecher Peskow" tagged as one PER entity → the role phrase and the name."""
    if ent.label_ != "PER" or len(ent) < 2:
        return ent, None
    for cut in range(len(ent) - 1, 0, -1):
        head = ent[:cut]
        # the role phrase ends in a role noun: "Kremlsprecher", "Russlands Präsident" — not "Kremlsprecher Dmitri"
        if head[-1].text[:1].isupper() and gaz.role(head[-1].text) is not None and (match := gaz.role(head.text)):
            return Span(ent.doc, ent.start + cut, ent.end, label="PER"), (head, match)
    return ent, None


def _entity_mention(ent: Span, gaz: gazetteer.Gazetteer) -> ActorMention | None:
    label = ent.label_
    text = ent.text
    if label == "PER":
        if len(ent) == 1 and ent[0].tag_ in NON_NAME_TAGS and not text.endswith("s") and _opens_sentence(ent[0]):
            return None
        return ActorMention(span=ent, label="PER", name=_clean_name(ent), kind="person")
    if label not in ("LOC", "ORG"):
        return None
    if (metonym := gaz.metonym(text)) is not None:
        is_state = gaz.country(metonym.code) is not None
        return ActorMention(span=ent, label=label, name=metonym.term, kind="state" if is_state else "igo",
                            country=metonym.code, agent_type=metonym.agent_type or None)
    if (organisation := gaz.organisation_by_name(text)) is not None:
        return ActorMention(span=ent, label=label, name=organisation.organisation.name, kind="igo",
                            country=organisation.code, agent_type="IGO")
    if (country := gaz.country_by_name(text)) is not None and country.kind in ("name", "capital", "demonym"):
        if country.kind == "capital":
            name = next((c for c in country.country.capitals if text.startswith(c)), text)  # "Washingtons"
            return ActorMention(span=ent, label=label, name=name, kind="city", country=country.iso3)
        return ActorMention(span=ent, label=label, name=country.country.name, kind="state", country=country.iso3)
    kind = "organisation" if label == "ORG" else "other"
    return ActorMention(span=ent, label=label, name=text, kind=kind)


def _opens_sentence(token) -> bool:
    doc = token.doc
    return all(doc[i].is_space for i in range(token.sent.start, token.i))


def _clean_name(ent: Span) -> str:
    """The name without punctuation; a genitive ("Peskows") is matched when names are chained (_surname_key)."""
    return " ".join(t.text for t in ent if not t.is_punct or t.text == "-")


# -- roles --------------------------------------------------------------------------------------


def _role_before(name: Span, gaz: gazetteer.Gazetteer, taken: set[int]) -> tuple[Span, gazetteer.RoleMatch] | None:
    """"Kremlsprecher Dmitri Peskow", "der stellvertretende russische Außenminister Sergei Rjabkow"."""
    doc = name.doc
    sentence_start = name.sent.start
    for length in range(ROLE_WINDOW, 0, -1):
        start = name.start - length
        if start < sentence_start:
            continue
        words = doc[start:name.start]
        if any(t.is_punct and t.text != "-" for t in words) or not words[-1].text[:1].isupper():
            continue
        if any(t.i in taken and t.ent_type_ not in ("LOC", "ORG") for t in words):
            continue
        while len(words) and words[0].lower_ in DETERMINERS:
            words = words[1:]
        if not len(words) or not all(_role_word(t) for t in words):
            continue
        match = gaz.role(words.text)
        if match is not None:
            return words, match
    return None


def _role_word(token) -> bool:
    """Words a role phrase before a name is made of: "stellvertretende russische Außenminister", "US-Präsident",
    "Russlands Präsident" — no prepositions, verbs or other nouns' articles."""
    return token.pos_ in ("ADJ", "NOUN", "PROPN") or "-" in token.text


def _apposition(name: Span, gaz: gazetteer.Gazetteer, taken: set[int]) -> tuple[Span, gazetteer.RoleMatch] | None:
    """"Dmitri Peskow, Sprecher des Kremls," and "Der Sprecher des Kremls, Dmitri Peskow,"."""
    doc = name.doc
    sent = name.sent
    if name.end < sent.end and doc[name.end].text == ",":
        end = name.end + 1
        while end < sent.end and end - name.end <= 7 and not (doc[end].is_punct and doc[end].text != "-"):
            end += 1
        if found := _role_phrase(doc[name.end + 1:end], gaz, taken):
            return found
    if name.start - 1 > sent.start and doc[name.start - 1].text == ",":
        start = name.start - 1
        while start > sent.start and name.start - start <= 7 and not (doc[start - 1].is_punct and doc[start - 1].text != "-"):
            start -= 1
        if found := _role_phrase(doc[start:name.start - 1], gaz, taken):
            return found
    return None


def _role_phrase(words: Span, gaz: gazetteer.Gazetteer, taken: set[int]) -> tuple[Span, gazetteer.RoleMatch] | None:
    while len(words) and words[0].lower_ in DETERMINERS:
        words = words[1:]
    if not len(words) or any(t.i in taken and t.ent_type_ == "PER" for t in words):
        return None
    if not _role_word(words[0]):
        return None
    match = gaz.role(words.text)
    return (words, match) if match is not None else None


class _Columns:
    """A document's token attributes as plain lists (read once through `Doc.to_array`, not through a Token object
    per access), and each token's sentence bounds."""

    __slots__ = ("texts", "lowers", "tags", "pos", "sent_start", "sent_end")

    def __init__(self, doc: Doc) -> None:
        strings = doc.vocab.strings
        n = len(doc)
        values = doc.to_array([ORTH, LOWER, TAG, POS, SENT_START]) if n else numpy.zeros((0, 5), dtype="uint64")

        self.texts = decode(values[:, 0], strings)
        self.lowers = decode(values[:, 1], strings)
        self.tags = decode(values[:, 2], strings)
        self.pos = [POS_NAMES.get(h, "") if h else "" for h in values[:, 3].tolist()]
        # sentence bounds as Token.sent has them: a sentence starts at token 0 and wherever is_sent_start is set
        starts = values[:, 4].astype("int64") == 1 if n else numpy.zeros(0, dtype=bool)
        if n:
            starts[0] = True
        first = numpy.maximum.accumulate(numpy.where(starts, numpy.arange(n), 0)) if n else starts
        bounds = numpy.append(numpy.flatnonzero(starts), n)
        self.sent_start = first.tolist()
        self.sent_end = bounds[numpy.searchsorted(bounds, numpy.arange(n), side="right")].tolist() if n else []


def _free_role_phrases(doc: Doc, gaz: gazetteer.Gazetteer, taken: set[int], columns: _Columns | None = None):
    """Role nouns that stand without a name: "der Kreml-Sprecher", "der stellvertretende Außenminister"."""
    columns = columns if columns is not None else _Columns(doc)
    texts, lowers, pos = columns.texts, columns.lowers, columns.pos
    for i in range(len(doc)):
        if i in taken or pos[i] not in ("NOUN", "PROPN") or not texts[i][:1].isupper():
            continue
        if gaz.role(texts[i]) is None:
            continue
        sent_start, sent_end = columns.sent_start[i], columns.sent_end[i]
        start = i
        while start > sent_start and pos[start - 1] in ("ADJ",) and start - 1 not in taken:
            start -= 1
        end = i + 1
        # a genitive complement tells whose role it is: "Sprecher des Kremls", "Präsident der Ukraine"
        if end + 1 < sent_end and lowers[end] in ("des", "der") and texts[end + 1][:1].isupper():
            with_complement = gaz.role(doc[start:end + 2].text)
            if with_complement is not None and (with_complement.country or with_complement.organisation):
                yield doc[start:end + 2], with_complement
                continue
        match = gaz.role(doc[start:end].text)
        if match is not None:
            yield doc[start:end], match


def _coordinated_roles(doc: Doc, mentions: list[ActorMention], gaz: gazetteer.Gazetteer) -> None:
    """"Die Präsidenten Russlands und der Vereinigten Staaten, Wladimir Putin und Joe Biden": two names in an
    apposition to a plural role phrase take its role and, in order, the states it names."""
    persons = sorted((m for m in mentions if m.label == "PER"), key=lambda m: m.span.start)
    states = [m for m in mentions if m.kind == "state" and m.country]
    for first, second in zip(persons, persons[1:]):
        between = doc[first.span.end:second.span.start]
        if len(between) != 1 or between[0].lower_ != "und" or first.span.start < 2:
            continue
        if doc[first.span.start - 1].text != ",":
            continue
        start = max(first.span.sent.start, first.span.start - 10)
        phrase = doc[start:first.span.start - 1]
        role_word = next((t for t in phrase if t.text[:1].isupper() and gaz.role(t.text) is not None), None)
        if role_word is None:
            continue
        match = gaz.role(role_word.text)
        named = [m.country for m in states if m.span.start >= role_word.i and m.span.end <= phrase.end]
        countries = named if len(named) == 2 else named[:1] * 2 if len(named) == 1 else [None, None]
        for person, country in zip((first, second), countries):
            if person.role is None:
                person.role = match.name
                person.agent_type = person.agent_type or match.agent_type or None
            if person.country is None and country is not None:
                person.country = country


def _role_mention(span: Span, match: gazetteer.RoleMatch, label: str) -> ActorMention:
    return ActorMention(span=span, label=label, kind="person", role=match.name, country=match.actor_code,
                        agent_type=match.agent_type or None)


def _apply_role(person: ActorMention, match: gazetteer.RoleMatch) -> None:
    person.role = match.name
    person.country = match.actor_code or person.country
    person.agent_type = match.agent_type or person.agent_type
    person._gender = match.gender  # type: ignore[attr-defined]


# -- chains -------------------------------------------------------------------------------------


def _surname_key(mention: ActorMention) -> str:
    last = mention.span[-1].text
    for ending in GENITIVE_ENDINGS:
        if last.endswith(ending) and len(last) > len(ending) + 2:
            return last[: -len(ending)].casefold()
    return last.casefold()


def _chain(doc: Doc, mentions: list[ActorMention]) -> None:
    chains: list[ActorMention] = []  # the head (most informative) mention of each chain, by chain number
    by_surname: dict[str, int] = {}
    sentence_of = {}
    for number, sent in enumerate(doc.sents):
        sentence_of[sent.start] = number

    def sentence(m: ActorMention) -> int:
        return sentence_of.get(m.span.sent.start, 0)

    def new_chain(m: ActorMention) -> None:
        m.chain = len(chains)
        chains.append(m)

    def join(m: ActorMention, head_index: int) -> None:
        head = chains[head_index]
        m.chain = head_index
        if m.label == "PER" and len((m.name or "").split()) > len((head.name or "").split()):
            head.name = m.name
        for attr in ("role", "country", "agent_type"):
            if getattr(head, attr) is None and getattr(m, attr) is not None:
                setattr(head, attr, getattr(m, attr))

    first_words = _family_names_first(mentions)
    # persons first, so that a role phrase before a name ("US-Präsident Donald Trump") finds its chain
    for m in mentions:
        if m.label == "PER":
            key = _surname_key(m)
            if len(m.span) == 1:
                key = first_words.get(key, key)
            if key in by_surname:
                join(m, by_surname[key])
            else:
                new_chain(m)
                by_surname[key] = m.chain
    # persons named inside a quotation are rarely what the narrator's next "er" means
    quoted = {i for q in doc._.quotes or [] for span in q.spans for i in range(span.start, span.end)}
    last_person: list[tuple[int, int, str | None]] = []  # (sentence, chain, gender)
    for m in mentions:
        if m.label == "PER":
            if m.span.start not in quoted:
                last_person.append((sentence(m), m.chain, getattr(m, "_gender", None)))
        elif m.label == "ROLE":
            # a role phrase right before or after a name was applied to it; it joins that person's chain
            person = next((p for p in mentions if p.label == "PER" and _adjacent(p.span, m.span)), None)
            if person is not None and person.chain is not None:
                join(m, person.chain)
                continue
            # the last holder of the role; "der US-Präsident" is not the president of unknown country named before
            holder = next((c for _, c, _ in reversed(last_person)
                           if chains[c].role == m.role and (m.country is None or chains[c].country == m.country)),
                          None)
            if holder is not None:
                join(m, holder)
                last_person.append((sentence(m), holder, None))
            else:
                new_chain(m)
        elif m.label == "PRON":
            gender = PERSON_PRONOUNS[m.span.text.lower()]
            here = sentence(m)
            for sent_no, chain, chain_gender in reversed(last_person):
                if here - sent_no > PRONOUN_WINDOW:
                    break
                if chain_gender in (None, gender):
                    join(m, chain)
                    break
        elif m.kind == "other" and m.label in ("LOC", "ORG") and _surname_key(m) in by_surname:
            # a person's name the recogniser took for a place ("Bidens"), after the person was named
            m.label = "PER"
            join(m, by_surname[_surname_key(m)])
            last_person.append((sentence(m), m.chain, None))
        else:
            key = f"{m.kind}:{m.country or m.name}"
            existing = next((c.chain for c in chains if f"{c.kind}:{c.country or c.name}" == key), None)
            if existing is not None:
                join(m, existing)
            else:
                new_chain(m)
    for m in mentions:
        if m.chain is not None:
            head = chains[m.chain]
            m.name, m.kind = head.name, head.kind
            m.role, m.country, m.agent_type = head.role, head.country, head.agent_type
        elif m.label == "PRON":
            m.kind = "person"


def _family_names_first(mentions: list[ActorMention]) -> dict[str, str]:
    """Names written family name first ("Xi Jinping" … "Xi", "Zhao Lijian" … "Zhao"): a one-word name that is the
    first word of exactly one longer name of the article and the last word of none → that name's surname key."""
    longer = [m for m in mentions if m.label == "PER" and len(m.span) > 1]
    last_words = {_surname_key(m) for m in longer}
    by_first: dict[str, set[str]] = {}
    for m in longer:
        by_first.setdefault(m.span[0].text.casefold(), set()).add(_surname_key(m))
    return {first: next(iter(keys)) for first, keys in by_first.items() if len(keys) == 1 and first not in last_words}


def _adjacent(a: Span, b: Span) -> bool:
    """Whether nothing but at most one comma lies between the two spans (overlapping spans are adjacent)."""
    first, last = (a.end, b.start) if a.start <= b.start else (b.end, a.start)
    if last - first > 1:
        return False
    return last <= first or a.doc[first].text == ","


# -- quotations ---------------------------------------------------------------------------------


def link_quotes(doc: Doc, mentions: list[ActorMention]) -> None:
    """Give each quotation's speaker and addressee the name, role and country of the mention they overlap
    (a name before a role phrase before a pronoun), keeping the span the quotation tagger found."""
    gaz = _gazetteer()
    last_speaker: ActorMention | None = None
    for quote in sorted(doc._.quotes, key=lambda q: q.start_char):
        for attr in ("speaker", "addressee"):
            found = getattr(quote, attr)
            if found is None:
                continue
            resolved = _best_overlap(found.span, mentions)
            if resolved is not None:
                resolved = replace(resolved, span=found.span, source_span=resolved.span)
            else:
                resolved = _mention_from_span(found.span, gaz)
            if attr == "speaker" and resolved.label == "PRON" and resolved.name is None and last_speaker is not None:
                # "Er unterstrich, …" after a long quotation: the pronoun goes on with the speaker before it
                resolved = replace(last_speaker, span=found.span, label="PRON")
            setattr(quote, attr, resolved)
        if quote.speaker is not None and quote.speaker.kind == "person" and quote.speaker.name:
            last_speaker = quote.speaker


_PREFERENCE = {"PER": 0, "ROLE": 1, "ORG": 2, "LOC": 3, "PRON": 4}


def _best_overlap(span: Span, mentions: list[ActorMention]) -> ActorMention | None:
    overlapping = [m for m in mentions if m.span.start < span.end and m.span.end > span.start]
    return min(overlapping, key=lambda m: (_PREFERENCE.get(m.label, 9), m.span.start), default=None)


def _mention_from_span(span: Span, gaz: gazetteer.Gazetteer) -> ActorMention:
    words = _without_source_noun(span)
    while len(words) > 1 and words[0].lower_ in DETERMINERS:
        words = words[1:]
    if words.start != span.start or words.end != span.end:
        # "Angaben der US-Regierung" speaks for the US government: resolve what follows the source noun
        inner = _best_overlap(words, _mentions_of(span.doc))
        if inner is not None:
            return replace(inner, span=span, source_span=inner.span)
    match = gaz.role(words.text)
    if match is not None:
        return _role_mention(span, match, "ROLE")
    for lookup in (gaz.metonym, gaz.organisation_by_name):
        if lookup(words.text) is not None:
            found = _entity_mention(Span(span.doc, words.start, words.end, label="ORG"), gaz)
            if found is not None:
                return replace(found, span=span)
    country = gaz.country_by_name(words.text) or gaz.country_by_name(words[0].text)
    if country is not None:
        if country.kind in ("name", "capital", "demonym") and country.text == words.text:
            return replace(_entity_mention(Span(span.doc, words.start, words.end, label="LOC"), gaz), span=span)
        # "US-Regierung", "das russische Außenministerium": an institution of that state
        return ActorMention(span=span, label="ORG", name=words.text, kind="organisation", country=country.iso3,
                            agent_type="GOV" if _is_government(words.text) else None)
    return ActorMention(span=span, label="OTHER", name=words.text, kind="other")


SOURCE_NOUNS = frozenset({
    "angaben", "ansicht", "einschätzung", "aussage", "aussagen", "auffassung", "darstellung", "worten",
    "informationen", "berichten", "erkenntnissen", "schätzungen", "meinung", "auskunft", "mitteilung",
})
_GOVERNMENT_WORDS = ("regierung", "ministerium", "präsidialamt", "kabinett", "behörde", "botschaft", "armee",
                     "militär", "streitkräfte")


def _is_government(text: str) -> bool:
    return any(word in text.lower() for word in _GOVERNMENT_WORDS)


def _without_source_noun(span: Span) -> Span:
    """"Angaben der US-Regierung" → "der US-Regierung" → what is named; "NASA-Angaben" stays."""
    words = span
    while len(words) > 1 and words[0].lower_ in DETERMINERS | {"nach", "laut", "übereinstimmenden", "ersten"}:
        words = words[1:]
    if len(words) > 2 and words[0].lower_ in SOURCE_NOUNS and words[1].lower_ in DETERMINERS | {"von", "aus"}:
        return words[2:] if words[1].lower_ in ("von", "aus") else words[1:]
    return span


def _mentions_of(doc: Doc) -> list[ActorMention]:
    return doc._.mentions or []
