"""What our components put on the `Doc`: actor mentions and quotations.

`doc._.mentions` is a list of `ActorMention` (set by the `actor_mentions` component), `doc._.quotes` a list of
`QuoteAnnotation` (set by the `quotations` component). Later stages (events, tone, records) read them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span


@dataclass
class ActorMention:
    """A span that names an actor: a name ("Dmitri Peskow"), a role phrase ("der Kreml-Sprecher"), a pronoun
    ("er") or a state/organisation ("Moskau", "die NATO"), with what the article tells about whom it means."""

    span: Span
    label: str                      # PER | ORG | LOC | MISC | ROLE | PRON
    name: str | None = None         # canonical name within the article
    kind: str | None = None         # person | organisation | state | igo | city | other
    role: str | None = None         # normalised English role ("spokesperson", "foreign minister")
    country: str | None = None      # ISO 3166 alpha-3 or an organisation code (EU, NATO, UN, OSCE)
    agent_type: str | None = None   # GOV | MIL | OPP | CVL | MED | BUS | IGO | ...
    chain: int | None = None        # mentions of the same actor within the article share a chain number
    source_span: Span | None = None  # for a quotation's speaker/addressee: the doc._.mentions entry it resolved to

    @property
    def start_char(self) -> int:
        return self.span.start_char

    @property
    def end_char(self) -> int:
        return self.span.end_char


@dataclass
class QuoteAnnotation:
    """One statement attributed (or attributable) to someone."""

    spans: list[Span]
    type: str                       # Direct | Indirect | Reported | FreeIndirect | IndirectFreeIndirect
    medium: str | None = None       # Speech | Thought | Writing | ST | SW | TW
    cue: Span | None = None         # from the first to the last cue piece
    cue_parts: list[Span] = field(default_factory=list)  # "teilte" and "mit" of "teilte … mit"
    speaker: ActorMention | None = None
    addressee: ActorMention | None = None
    frame: Span | None = None
    nested_in: int | None = None    # index in doc._.quotes of the quote this one is quoted inside

    @property
    def start_char(self) -> int:
        return self.spans[0].start_char

    @property
    def end_char(self) -> int:
        return self.spans[-1].end_char

    @property
    def text(self) -> str:
        return " … ".join(s.text for s in self.spans)


for _name in ("mentions", "quotes"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
