"""Separate site boilerplate from article text by character offsets, and infer the outlet from it.

Nothing is deleted: the original text stays as read and each segment points into it. Kinds:

- `related`: "Mehr zum Thema – <headline>" link lines (RT DE), on their own line or appended;
- `photo_credit`: "Quelle: Sputnik © Ramil Sitdikow", "Foto: dpa", "© AFP";
- `teaser`: the headline of another article pasted into the body ("Lawrow: Verhältnis … neue
  Qualität" between two sentences, or on a line of its own);
- `agency`: signatures such as "ak/sna/ae", "(rt/dpa)", "(dpa)", "AFP/Reuters";
- `dateline`: "Moskau (dpa) – " before the first sentence;
- `heading`: a sub-heading; it stays article text and is only marked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BOILERPLATE_KINDS = ("related", "photo_credit", "teaser", "agency", "dateline")
TEXT_KINDS = ("heading",)

_AGENCIES = (
    r"dpa|afp|ap|reuters|rtr|kna|epd|ddp|dapd|sid|apa|sda|ats|ansa|efe|tass|ria|interfax|sna|rt|"
    r"ria\s?nowosti|xinhua|jW|taz|ots"
)
_AGENCY_WORD = rf"(?i:{_AGENCIES})"

_RELATED_LINE = re.compile(r"Mehr zum Thema\s*[-–—:]\s*\S.*")
_RELATED_INLINE = re.compile(r"(?<=[.!?…\"“”»«)])[ \t]+(Mehr zum Thema\s*[-–—:]\s*\S.*)$")
_PHOTO_LINE = re.compile(
    r"(?:(?:Quelle|Foto|Fotos|Bild|Bildquelle|Fotoquelle|Symbolbild|Archivbild|Titelbild)\s*:\s*[^\n]{0,80}©[^\n]*"
    r"|©\s*[^\n]{1,80}"
    r"|(?:Foto|Fotos|Bild|Bildquelle|Symbolbild|Archivbild)\s*:\s*[^\n.!?]{1,60})",
)
_PHOTO_INLINE = re.compile(
    r"(?<=[.!?…\"“”»])[ \t]+((?:Quelle|Foto|Bild|Bildquelle)\s*:\s*[^\n©.!?]{0,40}©\s*"
    r"[A-ZÄÖÜ][\w.-]*(?:[ /][A-ZÄÖÜ][\w.-]*){0,3})(?=[ \t]+[A-ZÄÖÜ„\"]|[ \t]*$)"
)
_SIGNATURE_LINE = re.compile(
    r"\(?[a-zäöü]{1,6}(?:\s?/\s?[a-zäöü]{1,6}){1,6}\)?"
    rf"|\(\s*{_AGENCY_WORD}(?:\s?[/,]\s?{_AGENCY_WORD})*\s*\)"
    rf"|{_AGENCY_WORD}(?:\s?[/,]\s?{_AGENCY_WORD})*"
)
_SIGNATURE_INLINE = re.compile(
    rf"(?<=[.!?…\"“”»])[ \t]+(\(\s*{_AGENCY_WORD}(?:\s?[/,]\s?{_AGENCY_WORD})*\s*\)"
    r"|\(?[a-z]{1,6}(?:/[a-z]{1,6}){1,6}\)?)[ \t]*$"
)
_DATELINE = re.compile(
    rf"[A-ZÄÖÜ][\w.-]+(?:[ /][A-ZÄÖÜ][\w.-]+){{0,2}}\s*(?:,\s*[\d.]+\s*)?"
    rf"\(\s*{_AGENCY_WORD}(?:\s?[/,]\s?{_AGENCY_WORD})*\s*\)\s*[-–—:]\s*"
)
# Capitalised words that start a sentence; a pasted headline runs up to the first of them.
_SENTENCE_STARTERS = (
    "Aber Allerdings Als Am An Angesichts Auch Auf Aus Außerdem Bei Beim Bereits Bis Da Dabei Dafür "
    "Daher Damals Damit Dann Darauf Darüber Das Dass Dazu Dem Demnach Den Denn Der Des Deshalb Die Dies "
    "Diese Diesem Diesen Dieser Dieses Doch Durch Ein Eine Einem Einen Einer Er Erst Es Ferner Für "
    "Gegen Gestern Gleichzeitig Heute Hier Ich Ihr Ihre Im In Indes Infolge Insgesamt Inzwischen Jedoch "
    "Jetzt Laut Man Mit Nach Nachdem Neben Nun Ob Obwohl Ohne Schon Sein Seine Seit Sie So Sollte "
    "Sowohl Später Statt Trotz Um Und Unter Vor Während Was Weil Weiter Wenn Wie Wir Wo Zu Zudem "
    "Zugleich Zuletzt Zum Zur Zuvor Zwar"
).split()
_TEASER_INLINE = re.compile(
    r"(?<=[.!?…\"“”»])[ \t]+"
    r"([A-ZÄÖÜ][\w.-]*(?:[ \t][A-ZÄÖÜ][\w.-]*){0,3}:[ \t]+[^.!?:;\"„“”»«\n]{8,160}?)"
    rf"(?=[ \t]+(?:{'|'.join(_SENTENCE_STARTERS)})[ \t]+\S)"
)
_TEASER_LINE = re.compile(r"[A-ZÄÖÜ0-9][^:\n]{0,50}:[ \t]+\S[^\n]{4,160}")
_SENTENCE_END = re.compile(r"[.!…;,]$|[.!?…][\"“”»«')]$")


@dataclass(frozen=True)
class Segment:
    kind: str
    start: int
    end: int
    text: str

    @property
    def is_boilerplate(self) -> bool:
        return self.kind in BOILERPLATE_KINDS


def find_segments(text: str) -> list[Segment]:
    """All boilerplate and heading segments of an article body, in text order, not overlapping."""
    found: list[Segment] = []
    lines = _lines(text)
    content_lines = [i for i, (_, _, line) in enumerate(lines) if line.strip()]
    last_content = content_lines[-1] if content_lines else -1
    for index, (start, end, line) in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        lead = start + (len(line) - len(line.lstrip()))
        tail = lead + len(stripped)
        kind = _line_kind(stripped, is_first=index == content_lines[0], is_last=index == last_content)
        if kind:
            found.append(Segment(kind, lead, tail, stripped))
            continue
        if index == content_lines[0] and (m := _DATELINE.match(line, lead - start)):
            found.append(Segment("dateline", start + m.start(), start + m.end(), m.group()))
        for kind, pattern in (("related", _RELATED_INLINE), ("photo_credit", _PHOTO_INLINE),
                              ("teaser", _TEASER_INLINE), ("agency", _SIGNATURE_INLINE)):
            for m in pattern.finditer(line):
                found.append(Segment(kind, start + m.start(1), start + m.end(1), m.group(1)))
    return _without_overlaps(found)


def _line_kind(line: str, is_first: bool, is_last: bool) -> str | None:
    if _RELATED_LINE.fullmatch(line):
        return "related"
    if len(line) <= 120 and _PHOTO_LINE.fullmatch(line):
        return "photo_credit"
    if len(line) <= 40 and _SIGNATURE_LINE.fullmatch(line):
        return "agency"
    if is_first or is_last or _SENTENCE_END.search(line) or line[0] in "„\"“»«‚'(-–":
        return None
    words = len(line.split())
    if words <= 25 and _TEASER_LINE.fullmatch(line):
        return "teaser"
    if words <= 10 and line[0].isupper():
        return "heading"
    return None


def _lines(text: str) -> list[tuple[int, int, str]]:
    result, start = [], 0
    for line in text.split("\n"):
        result.append((start, start + len(line), line))
        start += len(line) + 1
    return result


def _without_overlaps(segments: list[Segment]) -> list[Segment]:
    kept: list[Segment] = []
    for segment in sorted(segments, key=lambda s: (s.start, -(s.end - s.start))):
        if kept and segment.start < kept[-1].end:
            continue
        kept.append(segment)
    return kept


def clean_text(text: str, segments: list[Segment]) -> str:
    """The article text without boilerplate (headings kept), with the gaps tidied."""
    pieces, position = [], 0
    for segment in segments:
        if segment.is_boilerplate:
            pieces.append(text[position:segment.start])
            position = segment.end
    pieces.append(text[position:])
    joined = "".join(pieces)
    joined = re.sub(r"[ \t]+\n", "\n", joined)
    joined = re.sub(r"[ \t]{2,}", " ", joined)
    joined = re.sub(r"\n{3,}", "\n\n", joined)
    return joined.strip()


def masked_text(text: str, segments: list[Segment]) -> str:
    """The text with boilerplate blanked out, same length, so offsets still point into the original."""
    chars = list(text)
    for segment in segments:
        if segment.is_boilerplate:
            for i in range(segment.start, segment.end):
                if chars[i] != "\n":
                    chars[i] = " "
    return "".join(chars)


def outlet_from_segments(segments: list[Segment]) -> str | None:
    """The outlet the boilerplate reveals: an SNA signature, RT DE's "(rt/…)" or "Mehr zum Thema"."""
    for segment in segments:
        if segment.kind == "agency":
            initials = set(re.split(r"[\s/,()]+", segment.text.lower()))
            if "sna" in initials:
                return "SNA"
            if "rt" in initials:
                return "RT DE"
    if any(s.kind == "related" and s.text.startswith("Mehr zum Thema") for s in segments):
        return "RT DE"
    return None
