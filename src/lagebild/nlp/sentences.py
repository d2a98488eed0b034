"""Sentence boundaries for German news, rule-based and fast.

Rules, in the order they matter for quotations:
- a sentence ends after ".", "!", "?" or "…", together with the closing quotation marks and
  brackets that follow ("„Man hofft.“ Er fügte hinzu" splits after "“");
- but not when a comma, semicolon or lower-case word follows ("„Ich komme.“, sagte er.",
  "Er sagte … und ging") — the attribution stays in the sentence of its quote;
- a blank line (or a long run of spaces where boilerplate was masked) ends a sentence, so
  headlines and sub-headings without punctuation are sentences of their own;
- except after a colon: "Rjabkow sagte:" and the quote in the next paragraph are one sentence;
- a single line break ends a sentence after a short line without final punctuation that begins
  a paragraph (a heading), unless the text is hard-wrapped (many lines end mid-sentence).
"""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from .arrays import doc_text, token_texts

ENDERS = frozenset({".", "!", "?", "…", "...", "?!", "!?", "!!", "??"})
CLOSERS = frozenset({"“", "”", "\"", "«", "»", "‘", "’", "'", ")", "]", "›", "‹"})
CONTINUERS = frozenset({",", ";", ":", "–", "-", "—"})
HEADING_MAX_WORDS = 10


@Language.factory("news_sentences")
def make_news_sentences(nlp: Language, name: str) -> NewsSentences:
    return NewsSentences()


class NewsSentences:
    """Sets `is_sent_start` on every token; no model, so it cannot be trained or updated."""

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        flags = numpy.array([1 if start else -1 for start in sentence_starts(doc)], dtype="int32").reshape(-1, 1)
        # one array write instead of a Token object per token
        doc.from_array([SENT_START], flags.astype("uint64"))
        return doc

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)


def sentence_starts(doc: Doc) -> list[bool]:
    words = token_texts(doc)
    spaces = [w.isspace() for w in words]
    n = len(words)
    starts = [False] * n
    if not n:
        return starts
    starts[0] = True
    wrapped = _is_hard_wrapped(doc_text(doc, words))
    pending = False  # a sentence end was seen; the next real token may start a sentence
    last_word = -1  # index of the last non-space token
    line_start = 0  # index of the first token of the current line
    paragraph_start = True  # the current line begins the text or follows a blank line
    for i, word in enumerate(words):
        if spaces[i]:
            breaks = word.count("\n")
            if last_word >= 0 and words[last_word] != ":" and (
                    breaks >= 2 or len(word) >= 4 and breaks == 0
                    or breaks == 1 and not wrapped and paragraph_start and _short_open_line(words, line_start, last_word)):
                pending = True
            if breaks:
                line_start = i + 1
                paragraph_start = breaks >= 2
            continue
        if pending:
            if word in CLOSERS and last_word >= 0 and words[last_word] in ENDERS | CLOSERS:
                last_word = i
                continue
            if word in CONTINUERS or word[:1].islower():
                pending = False
            else:
                starts[i] = True
                pending = False
        if word in ENDERS:
            pending = True
        last_word = i
    return starts


def _short_open_line(words: list[str], first: int, last: int) -> bool:
    """A short line without final punctuation: a heading, which ends at its line break."""
    if last < first or words[last] in ENDERS or words[last] in CONTINUERS:
        return False
    return sum(1 for w in words[first:last + 1] if w.strip()) <= HEADING_MAX_WORDS


def _is_hard_wrapped(text: str) -> bool:
    """Many single line breaks inside sentences: paragraphs were wrapped into lines."""
    if text.count("\n") < 4:
        return False
    lines = [line.strip() for line in text.split("\n")]
    open_lines = sum(1 for a, b in zip(lines, lines[1:])
                     if a and b and a[-1] not in ".!?:\"“”»«)" and (len(a) > 30 or b[0].islower()))
    return open_lines >= 3
