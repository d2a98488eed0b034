"""Gazetteer: states, international organisations, metonyms and role nouns as German news names them.

The tables live in `lagebild/nlp/data/*.tsv` (see the README there). `load()` reads them once and returns a
`Gazetteer` whose lookups are dictionary look-ups on folded keys:

- `country_by_name("Russlands")` → `CountryMatch(country=<RUS>, kind="name")`; kinds: name (also aliases),
  capital, demonym, adjective ("russischen", "US-amerikanische"), prefix ("US-Präsident", "Ukraine-Krieg");
- `organisation_by_name("Vereinten Nationen")`, `metonym("Weißen Hauses")`;
- `role("stellvertretende russische Außenminister")` → `RoleMatch` with the role, and the state or organisation a
  prefix, adjective or genitive names ("US-", "Kreml-", "UN-", "russische", "Russlands", "der Ukraine");
- `entity_patterns()` → spaCy EntityRuler patterns (LOC, LOCderiv, ORG).

Folding: case-insensitive (casefold, so "ß" = "ss"), typographic apostrophes and dashes unified, accents other than
German umlauts optional ("Elysee" = "Élysée"), and in multi-word names the adjective endings of all words but the
last ignored, so "Vereinigten Staaten" = "Vereinigte Staaten" and "Weißen Haus" = "Weißes Haus". Genitive and
dative endings of the last word are tried when the plain form is unknown ("Russlands", "Kremls", "Emiraten").

Only the standard library is imported at module level; spaCy is imported by `entity_patterns()` when no `nlp`
is given.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

__all__ = [
    "Country",
    "CountryMatch",
    "Gazetteer",
    "Metonym",
    "Organisation",
    "OrganisationMatch",
    "Role",
    "RoleMatch",
    "TableError",
    "fold",
    "load",
]

REGIONS = frozenset({"Europe", "Asia", "Africa", "Americas", "Oceania", "Middle East"})
ORGANISATION_KINDS = frozenset({"igo", "bloc", "court", "body"})
METONYM_AGENT_TYPES = frozenset({"GOV", "MIL", "LEG", "JUD"})
# PLOVER/CAMEO-style sector codes used in roles.tsv (empty = taken from the organisation the person speaks for).
AGENT_TYPES = frozenset(
    {
        "GOV", "MIL", "LEG", "JUD", "COP", "SPY", "OPP", "PTY", "REB", "UAF", "IGO", "NGO", "CVL", "MED",
        "BUS", "LAB", "EDU", "REL", "HLH", "REF", "AGR", "SET",
    }
)
GENDERS = frozenset({"m", "f", "both"})
ENTITY_LABELS = frozenset({"ORG", "LOC"})
COUNTRY_MATCH_KINDS = ("name", "capital", "demonym", "adjective", "prefix")

TABLES = ("countries.tsv", "organisations.tsv", "metonyms.tsv", "roles.tsv")

# capitals that are also common first names or words; kept for lookups, left out of entity_patterns()
PATTERN_STOPLIST = frozenset({"Victoria"})


# --------------------------------------------------------------------------------------------------------------
# records


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    aliases: tuple[str, ...]
    article: str
    adjectives: tuple[str, ...]  # lower-case stems: "russisch", "us-amerikanisch"
    demonyms: tuple[str, ...]  # groups of four: masc. sg, masc. pl, fem. sg, fem. pl
    capitals: tuple[str, ...]
    prefixes: tuple[str, ...]  # compound prefixes: "US" (US-Präsident)
    region: str

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def capital(self) -> str | None:
        return self.capitals[0] if self.capitals else None

    @property
    def adjective(self) -> str | None:
        return self.adjectives[0] if self.adjectives else None


@dataclass(frozen=True)
class Organisation:
    code: str
    name: str
    aliases: tuple[str, ...]
    kind: str  # igo | bloc | court | body
    parent: str  # code of the parent organisation or ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Metonym:
    terms: tuple[str, ...]
    code: str  # ISO3 of a state or an organisation code
    agent_type: str  # GOV | MIL | LEG | JUD
    label: str  # spaCy label for entity_patterns(): ORG | LOC
    note: str

    @property
    def term(self) -> str:
        return self.terms[0]


@dataclass(frozen=True)
class Role:
    terms: tuple[str, ...]
    role: str  # normalised English name: "foreign_minister"
    agent_type: str  # PLOVER/CAMEO-style sector or "" (from context)
    gendered: str  # m | f | both: the genders the terms cover

    @property
    def term(self) -> str:
        return self.terms[0]


@dataclass(frozen=True)
class CountryMatch:
    country: Country
    kind: str  # name | capital | demonym | adjective | prefix
    text: str

    @property
    def iso3(self) -> str:
        return self.country.iso3


@dataclass(frozen=True)
class OrganisationMatch:
    organisation: Organisation
    kind: str  # name | prefix
    text: str

    @property
    def code(self) -> str:
        return self.organisation.code


@dataclass(frozen=True)
class RoleMatch:
    """A role noun with what its prefixes, adjectives and genitives say.

    `country`/`organisation` is the state or organisation named by a prefix ("US-", "Kreml-", "UN-"), an adjective
    ("russische"), a genitive ("Russlands", "der Ukraine") or a compound ("Bundestagsabgeordneter"). For officials
    it is their affiliation; for topic compounds such as "Russland-Experte" it is the subject of their expertise.
    """

    role: Role
    term: str  # the table term that matched ("Außenminister")
    text: str
    country: Country | None = None
    organisation: Organisation | None = None
    metonym: Metonym | None = None
    deputy: bool = False
    former: bool = False
    gender: str | None = None  # m | f | None (unknown, or a form shared by both)
    unresolved: tuple[str, ...] = ()  # prefixes naming nothing we know ("Hamas" in "Hamas-Sprecher")

    @property
    def name(self) -> str:
        return self.role.role

    @property
    def agent_type(self) -> str:
        if self.role.agent_type:
            return self.role.agent_type
        if self.metonym is not None:
            return self.metonym.agent_type
        if self.organisation is not None and self.country is None:
            return "IGO"
        return ""

    @property
    def actor_code(self) -> str | None:
        if self.country is not None:
            return self.country.iso3
        if self.organisation is not None:
            return self.organisation.code
        return None


class TableError(ValueError):
    """A row of a gazetteer table that does not parse or does not validate."""


# --------------------------------------------------------------------------------------------------------------
# folding

_TRANSLATE = str.maketrans(
    {
        "’": "'", "‘": "'", "ʻ": "'", "´": "'", "`": "'",
        "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-",
        "\u00ad": None,  # soft hyphen
        "\u00a0": " ",
    }
)
_ADJECTIVE_ENDINGS = ("en", "er", "es", "em", "e")
_PUNCTUATION = " \"'„“”‚«»‹›()[]{}.,;:!?"
_ARTICLES = frozenset({"der", "die", "das", "des", "dem", "den"})
# words that introduce a genitive or prepositional complement after a role noun
_LINKERS = frozenset(
    {"der", "die", "das", "des", "dem", "den", "von", "vom", "aus", "in", "im", "bei", "beim", "für", "zur", "zum"}
)
_UMLAUTS = {"ä": "\x01", "ö": "\x02", "ü": "\x03"}
_UMLAUTS_BACK = {v: k for k, v in _UMLAUTS.items()}
_COUNTRY_KIND_PRIORITY = {"name": 0, "capital": 1, "demonym": 2}
# endings of inflected forms tried when the plain form is unknown
_COUNTRY_INFLECTIONS = ("s", "es", "n")
_NAME_INFLECTIONS = ("s", "es")
_ROLE_INFLECTIONS = ("s", "es", "n", "en", "nen")
# modifiers of role nouns
_DEPUTY_WORDS = ("stellvertret", "stellv")
_FORMER_WORDS = ("ehemalig", "früher", "frueher", "einstig", "damalig", "vormalig")
_MODIFIER_PREFIXES = {"vize": "deputy", "ex": "former", "alt": "former", "bundes": "", "landes": ""}
_DEPUTY_ROLES = {
    "president": "vice_president",
    "chancellor": "vice_chancellor",
    "head_of_government": "deputy_head_of_government",
    "prime_minister": "deputy_head_of_government",
}
# texts whose role() answer is kept (RoleMatch is frozen, so answers can be shared)
ROLE_CACHE_SIZE = 100_000
# stems of German adjectives that lead multi-word names ("Vereinigt-e", "Weiß-es", "Europäisch-e", "Oberst-er")
_ADJECTIVE_STEM = re.compile(r"(isch|ig|igt|iert|lich|al|ar|st|ß|au|eu|oh|sam|bar|ell|är|ös)$")


def _normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).translate(_TRANSLATE).split())


def _strip_adjective_ending(word: str) -> str:
    for ending in _ADJECTIVE_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def fold(text: str) -> str:
    """The lookup key of a name: normalised, casefolded, adjective endings of non-final words dropped."""
    words = _normalise(text).casefold().split(" ")
    if len(words) > 1:
        words = [_strip_adjective_ending(w) for w in words[:-1]] + [words[-1]]
    return " ".join(words)


_WITHOUT_UMLAUTS = str.maketrans("", "", "äöü")


def _deaccent(key: str) -> str:
    """Drop accents except German umlauts: "élysée" → "elysee", "österreich" stays."""
    if key.translate(_WITHOUT_UMLAUTS).isascii():
        return key  # nothing to drop: most keys, and the character walk below is the slow part of a role lookup
    protected = "".join(_UMLAUTS.get(ch, ch) for ch in key)
    decomposed = unicodedata.normalize("NFD", protected)
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return "".join(_UMLAUTS_BACK.get(ch, ch) for ch in unicodedata.normalize("NFC", bare))


def _keys(surface: str) -> set[str]:
    """Index keys of a table surface form: folded, without accents, with hyphens as spaces."""
    keys: set[str] = set()
    for variant in {surface, surface.replace("-", " ")}:
        key = fold(variant)
        if key:
            keys.add(key)
            keys.add(_deaccent(key))
    return keys


def _query_keys(text: str) -> list[str]:
    key = fold(text)
    bare = _deaccent(key)
    return [key] if bare == key else [key, bare]


def _inflected(key: str, endings: Iterable[str]) -> Iterator[str]:
    """`key` with an inflectional ending of its last word removed, for each ending it has."""
    last = key.rsplit(" ", 1)[-1]
    for ending in endings:
        if last.endswith(ending) and len(last) - len(ending) >= 2:
            yield key[: -len(ending)]


def _surface_candidates(text: str) -> Iterator[str]:
    """The text as given, without surrounding punctuation, and without a leading article."""
    seen: set[str] = set()
    plain = _normalise(text)
    stripped = plain.strip(_PUNCTUATION)
    candidates = [plain, stripped]
    words = stripped.split(" ")
    if len(words) > 1 and words[0].casefold() in _ARTICLES:
        candidates.append(" ".join(words[1:]))
    for candidate in candidates:
        if candidate and candidate not in seen:
            seen.add(candidate)
            yield candidate


def _split_cell(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def _unumlaut(word: str) -> str:
    return word.replace("ä", "a").replace("ö", "o").replace("ü", "u")


# --------------------------------------------------------------------------------------------------------------
# reading the tables


def _read_table(text: str, source: str) -> list[tuple[int, dict[str, str]]]:
    """Rows of a TSV table as (line number, {column: cell}); `#` lines and blank lines are skipped."""
    header: list[str] | None = None
    rows: list[tuple[int, dict[str, str]]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if header is None:
            header = cells
            continue
        if len(cells) > len(header):
            raise TableError(f"{source}:{number}: {len(cells)} cells, the header has {len(header)}")
        cells += [""] * (len(header) - len(cells))  # editors drop trailing empty cells
        rows.append((number, dict(zip(header, cells))))
    if header is None:
        raise TableError(f"{source}: no header row")
    return rows


def _require(row: dict[str, str], column: str, source: str, number: int) -> str:
    value = row.get(column, "")
    if not value:
        raise TableError(f"{source}:{number}: column {column!r} is empty")
    return value


def _parse_countries(text: str, source: str = "countries.tsv") -> list[Country]:
    countries = []
    for number, row in _read_table(text, source):
        iso3 = _require(row, "iso3", source, number)
        if not re.fullmatch(r"[A-Z]{3}", iso3):
            raise TableError(f"{source}:{number}: iso3 {iso3!r} is not three upper-case letters")
        region = _require(row, "region", source, number)
        if region not in REGIONS:
            raise TableError(f"{source}:{number}: unknown region {region!r}")
        demonyms = _split_cell(row["demonyms"])
        if len(demonyms) % 4:
            raise TableError(f"{source}:{number}: demonyms come in groups of four, got {len(demonyms)}")
        adjectives = _split_cell(row["adjective"])
        if any(a != a.lower() for a in adjectives):
            raise TableError(f"{source}:{number}: adjective stems are lower-case")
        countries.append(
            Country(
                iso3=iso3,
                name=_require(row, "name", source, number),
                aliases=_split_cell(row["aliases"]),
                article=row["article"],
                adjectives=adjectives,
                demonyms=demonyms,
                capitals=_split_cell(_require(row, "capital", source, number)),
                prefixes=_split_cell(row["prefix"]),
                region=region,
            )
        )
    return countries


def _parse_organisations(text: str, source: str = "organisations.tsv") -> list[Organisation]:
    organisations = []
    for number, row in _read_table(text, source):
        kind = _require(row, "kind", source, number)
        if kind not in ORGANISATION_KINDS:
            raise TableError(f"{source}:{number}: unknown kind {kind!r}")
        organisations.append(
            Organisation(
                code=_require(row, "code", source, number),
                name=_require(row, "name", source, number),
                aliases=_split_cell(row["aliases"]),
                kind=kind,
                parent=row["parent"],
            )
        )
    return organisations


def _parse_metonyms(text: str, source: str = "metonyms.tsv") -> list[Metonym]:
    metonyms = []
    for number, row in _read_table(text, source):
        agent_type = _require(row, "agent_type", source, number)
        if agent_type not in METONYM_AGENT_TYPES:
            raise TableError(f"{source}:{number}: agent_type {agent_type!r} is not one of GOV, MIL, LEG, JUD")
        label = _require(row, "label", source, number)
        if label not in ENTITY_LABELS:
            raise TableError(f"{source}:{number}: label {label!r} is not ORG or LOC")
        metonyms.append(
            Metonym(
                terms=_split_cell(_require(row, "term", source, number)),
                code=_require(row, "code", source, number),
                agent_type=agent_type,
                label=label,
                note=row["note"],
            )
        )
    return metonyms


def _parse_roles(text: str, source: str = "roles.tsv") -> list[Role]:
    roles = []
    for number, row in _read_table(text, source):
        role = _require(row, "role", source, number)
        if not re.fullmatch(r"[a-z][a-z_]*", role):
            raise TableError(f"{source}:{number}: role {role!r} is not a lower-case snake_case name")
        agent_type = row["agent_type"]
        if agent_type and agent_type not in AGENT_TYPES:
            raise TableError(f"{source}:{number}: unknown agent_type {agent_type!r}")
        gendered = _require(row, "gendered", source, number)
        if gendered not in GENDERS:
            raise TableError(f"{source}:{number}: gendered {gendered!r} is not m, f or both")
        roles.append(
            Role(
                terms=_split_cell(_require(row, "term", source, number)),
                role=role,
                agent_type=agent_type,
                gendered=gendered,
            )
        )
    return roles


def _term_genders(role: Role) -> dict[str, str | None]:
    """Grammatical gender of each term of a row: "Präsidentin" f, "Präsident" m, "Abgeordnete" unknown."""
    if role.gendered in ("m", "f"):
        return {term: role.gendered for term in role.terms}
    heads = {_head_noun(term) for term in role.terms}
    feminine_bases = {_unumlaut(head[:-2]) for head in heads if head.endswith("in")}
    genders: dict[str, str | None] = {}
    for term in role.terms:
        head = _head_noun(term)
        base = head[:-2]
        if head.endswith("in") and ({base, base + "e"} & heads or {_unumlaut(base), _unumlaut(base) + "e"} & heads):
            genders[term] = "f"  # Präsidentin, Expertin, Anwältin
        elif head.endswith(("frau", "schwester", "prinzessin")):
            genders[term] = "f"
        elif head.endswith("mann") or {head, head[:-1]} & feminine_bases or _unumlaut(head) in feminine_bases:
            genders[term] = "m"  # Präsident, Experte, Anwalt
        elif head.endswith("er") and head[:-1] in heads:  # adjectival noun: Abgeordneter / Abgeordnete
            genders[term] = "m"
        else:
            genders[term] = None
    return genders


def _head_noun(term: str) -> str:
    """The head noun of a role term: the last word, or the word before a genitive or prepositional complement
    ("Sprecherin des Außenministeriums")."""
    words = term.split(" ")
    for i, word in enumerate(words[1:], start=1):
        if word.casefold() in _LINKERS:
            return words[i - 1]
    return words[-1]


# --------------------------------------------------------------------------------------------------------------
# the gazetteer


@dataclass
class _RoleParse:
    role: Role
    term: str
    country: Country | None = None
    organisation: Organisation | None = None
    metonym: Metonym | None = None
    deputy: bool = False
    former: bool = False
    unresolved: list[str] = field(default_factory=list)

    def absorb(self, other: _RoleParse) -> None:
        self.country = self.country or other.country
        self.organisation = self.organisation or other.organisation
        self.metonym = self.metonym or other.metonym
        self.deputy = self.deputy or other.deputy
        self.former = self.former or other.former
        self.unresolved.extend(other.unresolved)


class Gazetteer:
    """The four tables and lookups over them. Build with `load()` (cached) or `Gazetteer.from_directory()`."""

    def __init__(
        self,
        countries: Iterable[Country],
        organisations: Iterable[Organisation],
        metonyms: Iterable[Metonym],
        roles: Iterable[Role],
    ) -> None:
        self.countries: tuple[Country, ...] = tuple(countries)
        self.organisations: tuple[Organisation, ...] = tuple(organisations)
        self.metonyms: tuple[Metonym, ...] = tuple(metonyms)
        self.roles: tuple[Role, ...] = tuple(roles)
        self._validate()
        self._by_iso3 = {c.iso3: c for c in self.countries}
        self._by_code = {o.code: o for o in self.organisations}
        self._build_country_index()
        self._build_name_indexes()
        self._build_role_index()
        # every key a compound prefix can have ("us", "kreml", "nato", "russland"), for a fast pre-check
        self._prefix_keys = frozenset(
            set(self._country_prefixes)
            | set(self._metonyms_by_key)
            | set(self._organisations_by_key)
            | set(self._country_names)
        )
        # role() is asked about every capitalised noun of every article; the same nouns come back all the time
        self._role_cache: dict[str, RoleMatch | None] = {}

    # ---- construction

    @classmethod
    def from_texts(cls, countries: str, organisations: str, metonyms: str, roles: str) -> Gazetteer:
        return cls(
            _parse_countries(countries),
            _parse_organisations(organisations),
            _parse_metonyms(metonyms),
            _parse_roles(roles),
        )

    @classmethod
    def from_directory(cls, directory: str | Path) -> Gazetteer:
        directory = Path(directory)
        texts = [(directory / name).read_text(encoding="utf-8") for name in TABLES]
        return cls.from_texts(*texts)

    def _validate(self) -> None:
        iso3s = [c.iso3 for c in self.countries]
        duplicates = sorted({i for i in iso3s if iso3s.count(i) > 1})
        if duplicates:
            raise TableError(f"countries.tsv: duplicate iso3 codes {duplicates}")
        codes = [o.code for o in self.organisations]
        duplicates = sorted({c for c in codes if codes.count(c) > 1})
        if duplicates:
            raise TableError(f"organisations.tsv: duplicate codes {duplicates}")
        clashes = sorted(set(codes) & set(iso3s))
        if clashes:
            raise TableError(f"organisations.tsv: codes that are also ISO3 codes {clashes}")
        for organisation in self.organisations:
            if organisation.parent and organisation.parent not in codes:
                raise TableError(f"organisations.tsv: {organisation.code}: unknown parent {organisation.parent!r}")
        known = set(iso3s) | set(codes)
        for metonym in self.metonyms:
            if metonym.code not in known:
                raise TableError(f"metonyms.tsv: {metonym.term}: unknown code {metonym.code!r}")

    def _build_country_index(self) -> None:
        candidates: dict[str, list[tuple[int, int, Country, str]]] = {}
        adjectives: dict[str, list[Country]] = {}
        self._country_prefixes: dict[str, Country] = {}
        for order, country in enumerate(self.countries):
            surfaces = (
                [(s, "name") for s in country.names]
                + [(s, "capital") for s in country.capitals]
                + [(s, "demonym") for s in country.demonyms]
            )
            for surface, kind in surfaces:
                for key in _keys(surface):
                    candidates.setdefault(key, []).append((_COUNTRY_KIND_PRIORITY[kind], order, country, kind))
            for stem in country.adjectives:
                for key in {fold(stem), _deaccent(fold(stem))}:
                    if country not in adjectives.setdefault(key, []):
                        adjectives[key].append(country)
            for prefix in country.prefixes:
                self._country_prefixes.setdefault(fold(prefix), country)
        self._country_candidates = candidates
        self._countries_by_key: dict[str, tuple[Country, str]] = {
            key: (best[2], best[3]) for key, entries in candidates.items() for best in [min(entries, key=_rank)]
        }
        self._countries_by_adjective: dict[str, list[Country]] = adjectives
        # names and aliases only (no capitals, no demonyms): what may stand before a hyphen ("Ukraine-Krieg")
        self._country_names: dict[str, Country] = {
            key: country for key, (country, kind) in self._countries_by_key.items() if kind == "name"
        }

    def _build_name_indexes(self) -> None:
        self._organisations_by_key: dict[str, Organisation] = {}
        for organisation in self.organisations:
            for surface in organisation.names:
                for key in _keys(surface):
                    self._organisations_by_key.setdefault(key, organisation)
        self._metonyms_by_key: dict[str, Metonym] = {}
        for metonym in self.metonyms:
            for surface in metonym.terms:
                for key in _keys(surface):
                    self._metonyms_by_key.setdefault(key, metonym)

    def _build_role_index(self) -> None:
        self._roles_by_key: dict[str, tuple[Role, str, str | None]] = {}
        self._roles_by_name: dict[str, Role] = {}
        for role in self.roles:
            self._roles_by_name.setdefault(role.role, role)
            genders = _term_genders(role)
            for term in role.terms:
                for key in _keys(term):
                    self._roles_by_key.setdefault(key, (role, term, genders[term]))

    # ---- simple accessors

    def country(self, iso3: str) -> Country | None:
        return self._by_iso3.get(iso3)

    def organisation(self, code: str) -> Organisation | None:
        return self._by_code.get(code)

    def ambiguous_keys(self) -> dict[str, tuple[str, ...]]:
        """Lookup keys that name more than one state (the first row in the table wins), for review."""
        ambiguous: dict[str, tuple[str, ...]] = {}
        for key, entries in self._country_candidates.items():
            codes = tuple(dict.fromkeys(entry[2].iso3 for entry in sorted(entries, key=_rank)))
            if len(codes) > 1:
                ambiguous[key] = codes
        for key, countries in self._countries_by_adjective.items():
            codes = tuple(dict.fromkeys(c.iso3 for c in countries))
            if len(codes) > 1:
                ambiguous[key] = codes
        return ambiguous

    # ---- countries

    def country_by_name(self, text: str) -> CountryMatch | None:
        """The state a name, alias, capital, demonym, adjective or compound prefix names, or None.

        "Russland", "Russlands", "Moskau", "Russen", "russischen", "US-amerikanische", "US-Präsident" (prefix).
        A lower-case word is read as an adjective first; a capitalised adjectival form whose demonym is adjectival
        ("die Deutschen") counts as a demonym.
        """
        for candidate in _surface_candidates(text):
            match = self._country_lookup(candidate)
            if match is not None:
                return CountryMatch(match[0], match[1], text)
        return None

    def _country_lookup(self, text: str) -> tuple[Country, str] | None:
        keys = _query_keys(text)
        lower_initial = text[:1].islower()
        if lower_initial:
            found = self._country_adjective(text, keys)
            if found is not None:
                return found
        for key in keys:
            if key in self._countries_by_key:
                return self._countries_by_key[key]
        if not lower_initial:
            found = self._country_adjective(text, keys)
            if found is not None:
                return found
        for key in keys:
            for shorter in _inflected(key, _COUNTRY_INFLECTIONS):
                if shorter in self._countries_by_key:
                    return self._countries_by_key[shorter]
        if "-" in text:
            for part in text.split("-")[:-1]:
                country = self._country_prefix(part)
                if country is not None:
                    return country, "prefix"
        return None

    def _country_adjective(self, text: str, keys: list[str]) -> tuple[Country, str] | None:
        if " " in text:
            return None
        for key in keys:
            for ending in ("",) + _ADJECTIVE_ENDINGS:
                if ending and not key.endswith(ending):
                    continue
                stem = key[: len(key) - len(ending)]
                countries = self._countries_by_adjective.get(stem)
                if countries:
                    country = countries[0]
                    if text[:1].isupper() and _adjectival_demonym(country, stem):
                        return country, "demonym"
                    return country, "adjective"
        return None

    def _country_prefix(self, part: str) -> Country | None:
        for key in _query_keys(part):
            if key in self._country_prefixes:
                return self._country_prefixes[key]
            if key in self._country_names:
                return self._country_names[key]
        return None

    # ---- organisations and metonyms

    def organisation_by_name(self, text: str) -> OrganisationMatch | None:
        """The organisation a name or alias names ("OSZE", "Vereinten Nationen", "Europarats"), or one named
        before a hyphen ("Nato-Gipfel", "EU-Außenminister": kind "prefix")."""
        for candidate in _surface_candidates(text):
            organisation = self._lookup(self._organisations_by_key, candidate)
            if organisation is not None:
                return OrganisationMatch(organisation, "name", text)
        for candidate in _surface_candidates(text):
            if "-" in candidate and " " not in candidate:
                for part in candidate.split("-")[:-1]:
                    organisation = self._lookup(self._organisations_by_key, part, inflect=False)
                    if organisation is not None:
                        return OrganisationMatch(organisation, "prefix", text)
        return None

    def metonym(self, text: str) -> Metonym | None:
        """The metonym a text names: "Kreml", "des Kremls", "Weißen Haus", "Élysée-Palast" ..."""
        for candidate in _surface_candidates(text):
            metonym = self._lookup(self._metonyms_by_key, candidate)
            if metonym is not None:
                return metonym
        return None

    @staticmethod
    def _lookup(index: dict, text: str, inflect: bool = True):
        keys = _query_keys(text)
        for key in keys:
            if key in index:
                return index[key]
        if inflect:
            for key in keys:
                for shorter in _inflected(key, _NAME_INFLECTIONS):
                    if shorter in index:
                        return index[shorter]
        return None

    # ---- roles

    def role(self, text: str) -> RoleMatch | None:
        """The role a role noun phrase names, with the state or organisation its modifiers name.

        "Kremlsprecher", "Kreml-Sprecher" → spokesperson + RUS; "US-Außenminister" → foreign_minister + USA;
        "stellvertretende russische Außenminister" → deputy_foreign_minister + RUS; "Russlands Präsident",
        "Präsident der Ukraine", "Ex-US-Präsident" (former), "UN-Generalsekretär" (+ UN).
        The first role noun in the text is the head; words before it are modifiers, words after it a complement.
        """
        try:
            return self._role_cache[text]
        except KeyError:
            pass
        if len(self._role_cache) >= ROLE_CACHE_SIZE:
            self._role_cache.clear()
        found = self._role_cache[text] = self._role(text)
        return found

    def _role(self, text: str) -> RoleMatch | None:
        words = [w.strip(_PUNCTUATION) for w in _normalise(text).split(" ")]
        words = [w for w in words if w]
        for start in range(len(words)):
            for end in range(len(words), start, -1):
                if end - start == 1:
                    parse = self._role_word(words[start])
                else:
                    parse = self._role_phrase(" ".join(words[start:end]))
                if parse is None:
                    continue
                self._apply_premodifiers(parse, words[:start])
                self._apply_complement(parse, words[end:])
                return self._finish(parse, text)
        return None

    def _role_exact(self, text: str) -> tuple[Role, str, str | None] | None:
        keys = _query_keys(text)
        for key in keys:
            if key in self._roles_by_key:
                return self._roles_by_key[key]
        for key in keys:
            for shorter in _inflected(key, _ROLE_INFLECTIONS):
                if shorter in self._roles_by_key:
                    return self._roles_by_key[shorter]
        return None

    def _role_phrase(self, phrase: str) -> _RoleParse | None:
        found = self._role_exact(phrase)
        if found is None:
            return None
        return self._new_parse(found)

    def _new_parse(self, found: tuple[Role, str, str | None]) -> _RoleParse:
        role, term, _gender = found
        parse = _RoleParse(role=role, term=term)
        if fold(term).startswith(("stellvertret", "vize")):
            parse.deputy = True
        return parse

    def _role_word(self, word: str, depth: int = 0) -> _RoleParse | None:
        if depth > 3 or len(word) < 2:
            return None
        found = self._role_exact(word)
        if found is not None:
            parse = self._new_parse(found)
            self._entity_in_compound(parse, word)
            return parse
        if "-" in word:
            parts = word.split("-")
            for k in range(1, len(parts)):
                head = "-".join(parts[k:])
                parse = self._role_word(head, depth + 1)
                if parse is not None:
                    for part in parts[:k]:
                        self._apply_prefix(parse, part)
                    return parse
            return None
        key = fold(word)
        for i in range(2, len(key) - 2):
            left = key[:i]
            if left in _MODIFIER_PREFIXES or (i >= 3 and self._is_prefix_key(left)):
                parse = self._role_word(key[i:], depth + 1)
                if parse is not None:
                    self._apply_prefix(parse, left)
                    return parse
        return None

    def _entity_in_compound(self, parse: _RoleParse, word: str) -> None:
        """A state or organisation at the start of a fixed compound: "Kremlsprecher", "UN-Botschafter",
        "Bundestagsabgeordneter"."""
        if "-" in word:
            for part in word.split("-")[:-1]:
                entity = self._prefix_entity(part)
                if entity is not None:
                    self._set_entity(parse, entity)
            return
        key = fold(word)
        for i in range(3, len(key) - 2):
            if key[i:] in self._roles_by_key and self._is_prefix_key(key[:i]):
                entity = self._prefix_entity(key[:i])
                if entity is not None:
                    self._set_entity(parse, entity)
                    return

    def _is_prefix_key(self, key: str) -> bool:
        return key in self._prefix_keys or (key.endswith("s") and len(key) > 4 and key[:-1] in self._prefix_keys)

    def _prefix_entity(self, text: str) -> tuple[Country | None, Organisation | None, Metonym | None] | None:
        """The state, organisation or metonym a compound prefix names ("US", "Kreml", "Nato", "Bundestags")."""
        key = fold(text)
        keys = [key]
        if key.endswith("s") and len(key) > 4:  # linking s: Bundestags-abgeordneter
            keys.append(key[:-1])
        for k in keys:
            for variant in {k, _deaccent(k)}:
                if variant in self._country_prefixes:
                    return self._country_prefixes[variant], None, None
                if variant in self._metonyms_by_key:
                    metonym = self._metonyms_by_key[variant]
                    return self._by_iso3.get(metonym.code), self._by_code.get(metonym.code), metonym
                if variant in self._organisations_by_key:
                    return None, self._organisations_by_key[variant], None
                if variant in self._country_names:
                    return self._country_names[variant], None, None
        return None

    @staticmethod
    def _set_entity(parse: _RoleParse, entity: tuple[Country | None, Organisation | None, Metonym | None]) -> None:
        country, organisation, metonym = entity
        parse.country = parse.country or country
        parse.organisation = parse.organisation or organisation
        parse.metonym = parse.metonym or metonym

    def _apply_prefix(self, parse: _RoleParse, prefix: str) -> None:
        key = fold(prefix)
        if key in _MODIFIER_PREFIXES:
            effect = _MODIFIER_PREFIXES[key]
            parse.deputy = parse.deputy or effect == "deputy"
            parse.former = parse.former or effect == "former"
            return
        entity = self._prefix_entity(prefix)
        if entity is not None:
            self._set_entity(parse, entity)
        elif prefix:
            parse.unresolved.append(prefix)

    def _apply_premodifiers(self, parse: _RoleParse, words: list[str]) -> None:
        for word in words:
            key = fold(word)
            if key.startswith(_DEPUTY_WORDS) or key in ("vize", "vize-"):
                parse.deputy = True
            elif key.startswith(_FORMER_WORDS) or key in ("ex", "ex-"):
                parse.former = True
            elif key in _ARTICLES or key in _LINKERS:
                continue
            else:
                self._modifier_entity(parse, word, allow_adjective=True)

    def _modifier_entity(self, parse: _RoleParse, text: str, allow_adjective: bool) -> bool:
        match = self.country_by_name(text)
        if match is not None and match.kind != "demonym" and (allow_adjective or match.kind != "adjective"):
            parse.country = parse.country or match.country
            return True
        metonym = self.metonym(text)
        if metonym is not None:
            self._set_entity(parse, (self._by_iso3.get(metonym.code), self._by_code.get(metonym.code), metonym))
            return True
        named = self.organisation_by_name(text)
        if named is not None and named.kind == "name":
            parse.organisation = parse.organisation or named.organisation
            return True
        return False

    def _apply_complement(self, parse: _RoleParse, words: list[str]) -> None:
        """'Präsident der Ukraine', 'Sprecher des Kremls', 'Sprecherin des russischen Präsidenten',
        'Präsident Russlands'."""
        if not words:
            return
        if fold(words[0]) in _LINKERS:
            while words and fold(words[0]) in _LINKERS:
                words = words[1:]
            for end in range(len(words), 0, -1):
                if self._modifier_entity(parse, " ".join(words[:end]), allow_adjective=end == 1):
                    return
            return
        first = words[0]
        if first.endswith(("s", "'")) and first[:1].isupper():  # a genitive name: "Präsident Russlands"
            match = self.country_by_name(first)
            if match is not None and match.kind in ("name", "capital"):
                parse.country = parse.country or match.country

    def _finish(self, parse: _RoleParse, text: str) -> RoleMatch:
        role = parse.role
        if parse.country is None and parse.organisation is None and fold(parse.term).startswith("bundes"):
            # "Bundeskanzlerin", "Bundesaußenminister": German offices in German news unless a state is named
            # ("der österreichische Bundeskanzler"), like "Bundesregierung" in metonyms.tsv
            parse.country = self._by_iso3.get("DEU")
        if role.role.startswith(("deputy_", "vice_")):
            parse.deputy = True
        elif parse.deputy:
            upgraded = self._roles_by_name.get("deputy_" + role.role) or self._roles_by_name.get(
                _DEPUTY_ROLES.get(role.role, "")
            )
            if upgraded is not None:
                role = upgraded
        gender = None
        for key in _query_keys(parse.term):
            if key in self._roles_by_key and self._roles_by_key[key][0] is parse.role:
                gender = self._roles_by_key[key][2]
                break
        return RoleMatch(
            role=role,
            term=parse.term,
            text=text,
            country=parse.country,
            organisation=parse.organisation,
            metonym=parse.metonym,
            deputy=parse.deputy,
            former=parse.former,
            gender=gender,
            unresolved=tuple(dict.fromkeys(parse.unresolved)),
        )

    # ---- spaCy patterns

    def entity_patterns(self, nlp=None) -> list[dict]:
        """EntityRuler patterns: states and capitals (LOC), adjectives (LOCderiv), organisations (ORG), metonyms
        (their label). Token patterns split as `nlp`'s tokenizer splits (default: spaCy's blank German); names are
        matched on ORTH with their inflected forms ("Russlands", "Vereinigten Staaten", "das Weiße Haus", "Weißen
        Hauses"). Adjectives are matched in all inflections ("russische", "russischen"): lower-case anywhere, and
        capitalised only at a sentence start (IS_SENT_START), so that "Deutsche Bank" inside a sentence is not an
        adjective. Demonyms ("Russen") get no patterns. Each pattern's `id` says what it names: "country:RUS",
        "capital:RUS", "adjective:RUS", "org:NATO", "metonym:RUS"."""
        tokenizer = nlp.tokenizer if nlp is not None else _default_tokenizer()
        patterns: list[dict] = []
        seen: set[tuple] = set()

        def add(label: str, text: str, pattern_id: str, sentence_start: bool = False) -> None:
            tokens = [t.text for t in tokenizer(text) if not t.is_space]
            if not tokens:
                return
            signature = (sentence_start, tuple(tokens))
            if signature in seen:
                return
            seen.add(signature)
            if sentence_start:
                pattern = [{"LOWER": t.lower(), "IS_SENT_START": True} for t in tokens[:1]]
                pattern += [{"LOWER": t.lower()} for t in tokens[1:]]
            else:
                pattern = [{"ORTH": t} for t in tokens]
            patterns.append({"label": label, "pattern": pattern, "id": pattern_id})

        for country in self.countries:
            for name in country.names:
                for form in _inflected_forms(name):
                    add("LOC", form, f"country:{country.iso3}")
        for country in self.countries:
            for capital in country.capitals:
                if capital in PATTERN_STOPLIST:
                    continue
                for form in _inflected_forms(capital):
                    add("LOC", form, f"capital:{country.iso3}")
        for organisation in self.organisations:
            for name in organisation.names:
                for form in _inflected_forms(name):
                    add("ORG", form, f"org:{organisation.code}")
        for metonym in self.metonyms:
            for term in metonym.terms:
                for form in _inflected_forms(term):
                    add(metonym.label, form, f"metonym:{metonym.code}")
        for country in self.countries:
            for stem in country.adjectives:
                for ending in _ADJECTIVE_ENDINGS:  # not the bare stem: "Russisch" is mostly the language
                    add("LOCderiv", stem + ending, f"adjective:{country.iso3}")
                    add("LOCderiv", stem + ending, f"adjective:{country.iso3}", sentence_start=True)
        return patterns


def _rank(entry: tuple[int, int, Country, str]) -> tuple[int, int]:
    return entry[0], entry[1]


def _adjectival_demonym(country: Country, stem: str) -> bool:
    """Whether the state's demonym is the nominalised adjective ("Deutscher", "Deutsche")."""
    base = stem[:1].upper() + stem[1:]
    return any(d.casefold() in (fold(base + "er"), fold(base + "e")) for d in country.demonyms)


def _is_abbreviation(word: str) -> bool:
    return word.isupper() or any(ch.isdigit() or ch in ".+'" for ch in word) or len(word) < 3


def _inflected_forms(name: str) -> list[str]:
    """A name with the inflected forms news uses: weak adjectives before the noun ("Vereinigten Staaten"),
    genitive ("Russlands", "Weißen Hauses") and dative plural ("Vereinigten Arabischen Emiraten")."""
    words = name.split(" ")
    stems: list[str] = []
    for word in words[:-1]:  # the leading run of adjectives: "Vereinigte Arabische", "Weißes"
        stem = _strip_adjective_ending(word)
        if stem == word or len(word) < 4 or not _ADJECTIVE_STEM.search(stem):
            break
        stems.append(stem)
    bases = [name]
    for ending in ("e", "en", "er", "es") if stems else ():
        bases.append(" ".join([stem + ending for stem in stems] + words[len(stems) :]))
    bases = list(dict.fromkeys(bases))
    forms = list(bases)
    for base in bases:
        last = base.split(" ")[-1]
        if _is_abbreviation(last):
            continue
        forms.append(base + ("es" if last[-1] in "sßxz" else "s"))
        if last.endswith("e"):
            forms.append(base + "n")
    return forms


@functools.lru_cache(maxsize=1)
def _default_tokenizer():
    import spacy

    return spacy.blank("de").tokenizer


def clear_word_caches() -> None:
    """Empty the loaded gazetteer's cache of role phrases by text."""
    if load.cache_info().currsize:
        load()._role_cache.clear()


@functools.lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The gazetteer from the tables shipped in `lagebild.nlp.data` (read once per process)."""
    data = resources.files("lagebild.nlp").joinpath("data")
    texts = [data.joinpath(name).read_text(encoding="utf-8") for name in TABLES]
    return Gazetteer.from_texts(*texts)
