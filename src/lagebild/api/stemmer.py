"""The Snowball German stemmer (Porter's "german" algorithm), written for lagebild.

https://snowballstem.org/algorithms/german/stemmer.html describes the algorithm; this is our own
implementation of it. `stem("Sanktionen") == "sanktion"`, `stem("Gegenmaßnahmen") == "gegenmassnahm"`.
Words are lower-cased first; umlauts are folded at the end, so "Zölle" and "Zoll" meet.
"""

from __future__ import annotations

import re
from functools import lru_cache

_VOWELS = frozenset("aeiouyäöü")
_S_ENDING = frozenset("bdfghklmnrt")
_ST_ENDING = frozenset("bdfghklmnt")
_UMLAUTS = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "U": "u", "Y": "y"})
_TOKEN = re.compile(r"\w+", re.UNICODE)


def _mark_u_y(word: str) -> str:
    """u and y between vowels become consonants (written upper-case, restored at the end)."""
    chars = list(word)
    for i in range(1, len(chars) - 1):
        if chars[i] in "uy" and chars[i - 1] in _VOWELS and chars[i + 1] in _VOWELS:
            chars[i] = chars[i].upper()
    return "".join(chars)


def _regions(word: str) -> tuple[int, int]:
    """R1 and R2 as start indices: R1 after the first non-vowel that follows a vowel, with at least
    three letters before it; R2 the same rule applied inside R1."""

    def after_vc(start: int) -> int:
        for i in range(start + 1, len(word)):
            if word[i] not in _VOWELS and word[i - 1] in _VOWELS:
                return i + 1
        return len(word)

    r1 = after_vc(0)
    r2 = after_vc(r1) if r1 < len(word) else len(word)
    return max(r1, 3), r2


def _longest(word: str, suffixes: tuple[str, ...]) -> str | None:
    for suffix in suffixes:  # the tuples are ordered longest first
        if word.endswith(suffix):
            return suffix
    return None


_STEP1 = ("ern", "em", "er", "en", "es", "e", "s")
_STEP2 = ("est", "en", "er", "st")
_STEP3 = ("heit", "keit", "isch", "lich", "end", "ung", "ig", "ik")


@lru_cache(maxsize=500_000)
def stem(word: str) -> str:
    """The stem of one word (any case)."""
    word = word.lower().replace("ß", "ss")
    if len(word) < 3:
        return word
    word = _mark_u_y(word)
    r1, r2 = _regions(word)

    # Step 1
    suffix = _longest(word, _STEP1)
    if suffix and len(word) - len(suffix) >= r1:
        if suffix in ("em", "ern", "er"):
            word = word[: -len(suffix)]
        elif suffix in ("e", "en", "es"):
            word = word[: -len(suffix)]
            if word.endswith("niss"):
                word = word[:-1]
        elif suffix == "s" and len(word) >= 2 and word[-2] in _S_ENDING:
            word = word[:-1]

    # Step 2
    suffix = _longest(word, _STEP2)
    if suffix and len(word) - len(suffix) >= r1:
        if suffix in ("en", "er", "est"):
            word = word[: -len(suffix)]
        elif suffix == "st" and len(word) >= 6 and word[-3] in _ST_ENDING:
            # st preceded by a valid st-ending, itself preceded by at least 3 letters
            word = word[:-2]

    # Step 3: d-suffixes, all in R2
    suffix = _longest(word, _STEP3)
    if suffix and len(word) - len(suffix) >= r2:
        base = word[: -len(suffix)]
        if suffix in ("end", "ung"):
            word = base
            if word.endswith("ig") and not word.endswith("eig") and len(word) - 2 >= r2:
                word = word[:-2]
        elif suffix in ("ig", "ik", "isch"):
            if not base.endswith("e"):
                word = base
        elif suffix in ("lich", "heit"):
            word = base
            for pre in ("er", "en"):
                if word.endswith(pre) and len(word) - 2 >= r1:
                    word = word[:-2]
                    break
        elif suffix == "keit":
            word = base
            for pre in ("lich", "ig"):
                if word.endswith(pre) and len(word) - len(pre) >= r2:
                    word = word[: -len(pre)]
                    break

    return word.translate(_UMLAUTS)


# Words too common to be worth indexing: articles, pronouns, auxiliaries, conjunctions, prepositions.
STOPWORDS = frozenset(
    """aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes auch auf aus
    bei beim bin bis bist da damit dann das dass dasselbe dazu dein deine deinem deinen deiner dem demselben den
    denn denselben der derer derselbe derselben des desselben dessen dich die dies diese dieselbe dieselben diesem
    diesen dieser dieses dir doch dort du durch ein eine einem einen einer eines einig einige einigem einigen
    einiger einiges einmal er es etwas euch euer eure eurem euren eurer eures für gegen gewesen hab habe haben hat
    hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer ihres im in indem ins ist jede jedem
    jeden jeder jedes jene jenem jenen jener jenes jetzt kann man manche manchem manchen mancher manches mein meine
    meinem meinen meiner meines mich mir mit muss musste nach nicht nichts noch nun nur ob oder ohne sehr sein seine
    seinem seinen seiner seines selbst sich sie sind so solche solchem solchen solcher solches soll sollte sondern
    sonst über um und uns unsere unserem unseren unser unseres unter viel vom von vor war waren warst was weg weil
    weiter welche welchem welchen welcher welches wenn werde werden wie wieder will wir wird wirst wo wollen wollte
    würde würden zu zum zur zwar zwischen""".split()
)


def tokens(text: str) -> list[tuple[int, int, str]]:
    """`(start, end, stem)` of every indexable word in `text`: words of two or more characters that are
    not stop words; offsets are string indices into `text`."""
    found = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        if len(word) < 2 or word.lower() in STOPWORDS or word.startswith("_"):
            continue
        found.append((m.start(), m.end(), stem(word)))
    return found


def query_terms(query: str) -> list[str]:
    """The distinct stems of a search query, in order."""
    seen: dict[str, None] = {}
    for _, _, term in tokens(query):
        seen.setdefault(term, None)
    return list(seen)
