"""Separate site boilerplate from article text by character offsets, and infer the outlet from it.

Nothing is deleted: the original text stays as read and each segment points into it. Kinds:

- `related`: "Mehr zum Thema – <headline>" link lines (RT DE), on their own line or appended;
- `photo_credit`: "Quelle: Sputnik © Ramil Sitdikow", "Foto: dpa", "© AFP";
- `teaser`: the headline of another article pasted into the body ("Lawrow: Verhältnis … neue
  Qualität" between two sentences, or on a line of its own);
- `agency`: signatures such as "ak/sna/ae", "(rt/dpa)", "(dpa)", "AFP/Reuters";
- `dateline`: "Moskau (dpa) – " before the first sentence;
- `link`: a line that is only a URL, or "Quelle: <URL>";
- `byline`: "Von Marco Maier" on a line of its own;
- `heading`: a sub-heading; it stays article text and is only marked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BOILERPLATE_KINDS = ("related", "photo_credit", "teaser", "agency", "dateline", "link", "byline")
TEXT_KINDS = ("heading",)

_AGENCIES = (
    r"dpa|afp|ap|reuters|rtr|kna|epd|ddp|dapd|sid|apa|sda|ats|ansa|efe|tass|ria|interfax|sna|rt|"
    r"ria\s?nowosti|xinhua|jW|taz|ots"
)
_AGENCY_WORD = rf"(?i:{_AGENCIES})"

_RELATED_LINE = re.compile(r"Mehr zum Thema\s*[-–—:]\s*\S.*")
_RELATED_INLINE = re.compile(r"[.!?…\"“”»«)][ \t]+(Mehr zum Thema\s*[-–—:]\s*\S.*)$")
_PHOTO_LINE = re.compile(
    r"(?:(?:Quelle|Foto|Fotos|Bild|Bildquelle|Fotoquelle|Symbolbild|Archivbild|Titelbild)\s*:\s*[^\n]{0,80}©[^\n]*"
    r"|©\s*[^\n]{1,80}"
    r"|(?:Foto|Fotos|Bild|Bildquelle|Symbolbild|Archivbild)\s*:\s*[^\n.!?]{1,60})",
)
_PHOTO_INLINE = re.compile(
    r"[.!?…\"“”»][ \t]+((?:Quelle|Foto|Bild|Bildquelle)\s*:\s*[^\n©.!?]{0,40}©\s*"
    r"[A-ZÄÖÜ][\w.-]*(?:[ /][A-ZÄÖÜ][\w.-]*){0,3})(?=[ \t]+[A-ZÄÖÜ„\"]|[ \t]*$)"
)
_SIGNATURE_LINE = re.compile(
    r"\(?[a-zäöü]{1,6}(?:\s?/\s?[a-zäöü]{1,6}){1,6}\)?"
    rf"|\(\s*{_AGENCY_WORD}(?:\s?[/,]\s?{_AGENCY_WORD})*\s*\)"
    rf"|{_AGENCY_WORD}(?:\s?[/,]\s?{_AGENCY_WORD})*"
)
_SIGNATURE_INLINE = re.compile(
    rf"[.!?…\"“”»][ \t]+(\(\s*{_AGENCY_WORD}(?:\s?[/,]\s?{_AGENCY_WORD})*\s*\)"
    r"|\(?[a-z]{1,6}(?:/[a-z]{1,6}){1,6}\)?)[ \t]*$"
)
_DATELINE = re.compile(
    rf"[A-ZÄÖÜ][\w.-]+(?:[ /][A-ZÄÖÜ][\w.-]+){{0,2}}\s*(?:,\s*[\d.]+\s*)?"
    rf"\(\s*{_AGENCY_WORD}(?:\s?[/,]\s?{_AGENCY_WORD})*\s*\)\s*[-–—:]\s*"
)
# Capitalised words that start a sentence; a pasted headline runs up to the first of them.
# (The inline patterns consume the punctuation before the segment rather than look behind for it:
# the regex engine then only tries positions where such a character stands.)
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
    r"[.!?…\"“”»][ \t]+"
    r"([A-ZÄÖÜ][\w.-]*(?:[ \t][A-ZÄÖÜ][\w.-]*){0,3}:[ \t]+[^.!?:;\"„“”»«\n]{8,160}?)"
    rf"(?=[ \t]+(?:{'|'.join(_SENTENCE_STARTERS)})[ \t]+\S)"
)
_TEASER_LINE = re.compile(r"[A-ZÄÖÜ0-9][\w.&'-]*(?:[ \t][A-ZÄÖÜ0-9&][\w.&'-]*){0,4}:[ \t]+\S[^\n]{4,160}")
_CAPTION_LINE = re.compile(r"[^\n]{0,150}\b(?:Foto|Fotos|Bild|Bildquelle|Fotoquelle)\s*:\s*\S[^\n]{0,80}")
_BYLINE = re.compile(r"(?:Von|Ein (?:Kommentar|Gastbeitrag|Beitrag) von)\s+[A-ZÄÖÜ][\w.-]+(?:\s(?:und\s)?[A-ZÄÖÜ][\w.-]+){0,4}")
_LINK_LINE = re.compile(r"(?:(?:Quelle|Quellen|Link|Mehr dazu|Hier)\s*:\s*)?(?:https?://|www\.)\S+")
_SENTENCE_END = re.compile(r"[.!…;,:]$|[.!?…][\"“”»«')]$")
_BLOCK_CHARS = (".", "!", "?", "…", ":", ";")
_CLOSERS = "\"“”»«')"
_SPEAKER_TURN = re.compile(r"[A-ZÄÖÜ][\w .-]{0,30}:\s?\S")
_CONTINUATION_WORDS = set(
    "und oder aber sowie der die das den dem des ein eine einen einem einer eines zu zum zur um mit von vom für "
    "auf in im an am als wie dass ob nicht sich auch so bei beim nach aus über unter vor durch gegen ohne sein "
    "seine seiner ihre ihrer ihr sie er es wir ich man noch nur schon sehr mehr bis seit wenn weil damit".split()
)


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
    content = [i for i, (_, _, line) in enumerate(lines) if line.strip()]
    if not content:
        return []
    layout: list[set[str]] = []  # computed on first need: most lines are long paragraphs
    teaser_lines: list[int] = []
    last = len(content) - 1
    for n, index in enumerate(content):
        start, _, line = lines[index]
        stripped = line.strip()
        lead = start + (len(line) - len(line.lstrip()))
        neighbours = (content[n - 1] if n else None, content[n + 1] if n < last else None)
        kind = _line_kind(stripped, index, lines, neighbours, layout, content)
        if kind:
            if kind == "teaser":
                teaser_lines.append(len(found))
            found.append(Segment(kind, lead, lead + len(stripped), stripped))
            continue
        if index == content[0] and (m := _DATELINE.match(line, lead - start)):
            found.append(Segment("dateline", start + m.start(), start + m.end(), m.group()))
        # cheap substring tests keep the expensive patterns off lines that cannot match
        if "Mehr zum Thema" in line:
            found.extend(_inline("related", _RELATED_INLINE.finditer(line), start))
        if "©" in line:
            found.extend(_inline("photo_credit", _PHOTO_INLINE.finditer(line), start))
        if ": " in line:
            found.extend(_inline("teaser", _TEASER_INLINE.finditer(line), start))
        tail = line[-48:]
        if "/" in tail or ")" in tail:
            found.extend(_inline("agency", _SIGNATURE_INLINE.finditer(line, max(0, len(line) - 48)), start))
    # A "Name: headline" line of its own is a pasted teaser on sites that also append related
    # links; elsewhere (live blogs, long reads) the same shape is the article's own sub-heading.
    if not any(s.kind == "related" for s in found):
        for i in teaser_lines:
            found[i] = Segment("heading", found[i].start, found[i].end, found[i].text)
    return _without_overlaps(found)


def _inline(kind: str, matches, offset: int) -> list[Segment]:
    return [Segment(kind, offset + m.start(1), offset + m.end(1), m.group(1)) for m in matches]


def _layout(lines: list[tuple[int, int, str]], content: list[int]) -> set[str]:
    """Traits of the whole text that make line-based headings and teasers unreliable.

    `wrapped`: paragraphs hard-wrapped into lines (many lines end mid-sentence), so a short line
    is usually a fragment. `dialogue`: an interview or transcript whose turns look like
    "Name: text", the same shape as a pasted "Name: headline" teaser.
    """
    traits = set()
    texts = [lines[i][2].strip() for i in content]
    # headings are short open-ended lines too; wrapped lines are long or run on in lower case
    broken = sum(1 for t, after in zip(texts, texts[1:])
                 if not _ends_block(t) and (len(t) >= 45 or after[0].islower()))
    if broken >= 3 and broken > 0.2 * (len(texts) - 1):
        traits.add("wrapped")
    if sum(1 for t in texts if ":" in t[:32] and _SPEAKER_TURN.match(t)) >= 3:
        traits.add("dialogue")
    return traits


def _ends_block(line: str) -> bool:
    return line.endswith(_BLOCK_CHARS) or (len(line) > 1 and line[-1] in _CLOSERS and line[-2] in _BLOCK_CHARS)


def _line_kind(line: str, index: int, lines: list[tuple[int, int, str]],
               neighbours: tuple[int | None, int | None], layout: list[set[str]], content: list[int]) -> str | None:
    """What a whole line is: boilerplate by its form alone, or a heading/teaser by its place."""
    if line.startswith("Mehr zum Thema") and _RELATED_LINE.fullmatch(line):
        return "related"
    if len(line) > 200:
        return None
    if len(line) <= 160 and ("©" in line or "Foto" in line or "Bild" in line) and (
            _PHOTO_LINE.fullmatch(line) or _CAPTION_LINE.fullmatch(line)):
        return "photo_credit"
    if len(line) <= 40 and _SIGNATURE_LINE.fullmatch(line):
        return "agency"
    if ("http" in line or "www." in line) and _LINK_LINE.fullmatch(line):
        return "link"
    if line.startswith(("Von ", "Ein ")) and _BYLINE.fullmatch(line):
        return "byline"
    previous, following = neighbours
    if previous is None or following is None:
        return None
    if not layout:
        layout.append(_layout(lines, content))
    traits = layout[0]
    if "wrapped" in traits:
        return None  # the first line leads the article, the last ends it
    if _SENTENCE_END.search(line) or line[0] in "„\"“»«‚'(-–" or not line[0].isupper() and not line[0].isdigit():
        return None
    # A line broken off inside a sentence is not a heading: the line before it must end a block
    # and the text after it must start a new sentence.
    before = lines[index - 1][2].strip()
    if before and not _ends_block(before):
        return None
    after = lines[following][2].strip()
    if not (after[0].isupper() or after[0].isdigit() or after[0] in "„\"“»«‚'(-–"):
        return None
    last_word = line.rsplit(None, 1)[-1]
    if last_word in _CONTINUATION_WORDS or "dialogue" in traits and _SPEAKER_TURN.match(line):
        return None
    words = len(line.split())
    if words <= 25 and not line.endswith("?") and _TEASER_LINE.fullmatch(line):
        return None if "dialogue" in traits else "teaser"
    if words <= 10:
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


def _pieces(text: str, segments: list[Segment]) -> list[str]:
    """The stretches of text between boilerplate segments."""
    pieces, position = [], 0
    for segment in segments:
        if segment.is_boilerplate:
            pieces.append(text[position:segment.start])
            position = segment.end
    pieces.append(text[position:])
    return pieces


def clean_text(text: str, segments: list[Segment]) -> str:
    """The article text without boilerplate (headings kept), with the gaps tidied."""
    joined = "".join(_pieces(text, segments))
    joined = re.sub(r"[ \t]+\n", "\n", joined)
    joined = re.sub(r"[ \t]{2,}", " ", joined)
    joined = re.sub(r"\n{3,}", "\n\n", joined)
    return joined.strip()


def text_without_boilerplate(text: str, segments: list[Segment]) -> str:
    """The non-boilerplate pieces joined by newlines, untidied (cheap; for hashing)."""
    return "\n".join(_pieces(text, segments))


def masked_text(text: str, segments: list[Segment]) -> str:
    """The text with boilerplate blanked out, same length, so offsets still point into the original."""
    chars = list(text) if any(s.is_boilerplate for s in segments) else None
    if chars is None:
        return text
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
