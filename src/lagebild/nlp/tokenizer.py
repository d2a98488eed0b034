"""spaCy's German tokenizer, adjusted for news text.

spaCy's rules already keep hyphenated compounds ("Kreml-Sprecher", "US-Außenminister") and
most abbreviations ("Dr.", "z.B.") together and split German quotation marks. What news needs
on top: a year or a full date that ends a sentence gives up its period ("im Jahr 2021." →
"2021" "."), and more abbreviations that newswire uses ("Art.", "Abs.", "stellv.") stay whole.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.symbols import ORTH
from spacy.util import compile_suffix_regex

NEWS_ABBREVIATIONS = (
    "Abg. Abs. Art. Bd. bspw. Co. Corp. Dez. Dipl. Do. etc. evtl. Feb. Febr. Fr. Gebr. gegr. gem. Gen. ggf. "
    "Hrsg. Inc. Ing. inkl. Jan. Jh. Jhd. Kap. Ltd. Mi. Min. Mio. Mo. Mrd. Nov. Okt. Präs. Sa. Sept. sog. "
    "St. Std. stellv. Stellv. Str. Tel. Tsd. usw. vgl. Vors. zit. Ziff. Nr. Nrn. ca. bzw. Prof. Dr."
).split()

# A year (1000-2999) or a full date directly before a final period: the period ends the sentence.
_YEAR_FINAL_PERIOD = r"(?<=\b[12]\d{3})\.$"

# spaCy's special cases that give the token its own text and nothing else, for strings the affix rules leave whole
# anyway. spaCy (3.8) stops caching a text's chunks after the first special case in it, and "\n" between paragraphs
# is one: without these rules the tokens are the same and the tokenizer ~2x faster on news.
PLAIN_SPECIAL_CASES = ("\n", "\t", " ", "\u2014", "\u2019")
# chunks (whitespace-separated strings) the tokenizer remembers; spaCy's default of 10,000 is full after a few articles
CACHE_CHUNKS = 200_000


def customize_tokenizer(nlp: Language) -> Language:
    """Apply the news rules to `nlp.tokenizer` in place; returns `nlp`."""
    tokenizer = nlp.tokenizer
    suffixes = list(nlp.Defaults.suffixes or []) + [_YEAR_FINAL_PERIOD]
    tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    for abbreviation in NEWS_ABBREVIATIONS:
        tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    # "2021." and "3.11.2020." would otherwise match the ordinal/number token pattern whole
    tokenizer.token_match = _without_final_year_period(tokenizer.token_match)
    plain = {s for s in PLAIN_SPECIAL_CASES if tokenizer.rules.get(s) == [{ORTH: s}]}
    if plain:
        tokenizer.rules = {s: tokens for s, tokens in tokenizer.rules.items() if s not in plain}
    tokenizer.max_cache_size = CACHE_CHUNKS
    return nlp


def _without_final_year_period(token_match):
    final_year = re.compile(r"(?:\d{1,2}\.\d{1,2}\.)?[12]\d{3}\.$")

    def match(text: str):
        if final_year.match(text):
            return None
        return token_match(text) if token_match else None

    return match
