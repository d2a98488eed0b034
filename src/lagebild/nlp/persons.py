"""Well-known office holders and the state (or organisation) they serve, from `data/persons.tsv`.

News often names an official without saying whose ("Vize-Außenminister Sergei Rjabkow sagte, Moskau …"): a reader
knows, the role table cannot. The actor registry (`store/registry.py`) gives a person the corpus never places the
country this table has for the name; what the corpus says wins, and mentions and events keep what their text says.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from . import gazetteer
from .gazetteer import TableError, _deaccent, _read_table, _require, _split_cell, fold


def parse(text: str, known_codes: frozenset[str], source: str = "persons.tsv") -> dict[str, str]:
    """Lookup key of every name and alias → country code; `TableError` (file and line) for an unknown code or a key
    that two rows claim."""
    countries: dict[str, str] = {}
    for number, row in _read_table(text, source):
        name = _require(row, "name", source, number)
        code = _require(row, "country", source, number)
        if code not in known_codes:
            raise TableError(f"{source}:{number}: country {code!r} is neither a state in countries.tsv nor an "
                             "organisation in organisations.tsv")
        for form in [name, *_split_cell(row.get("aliases", ""))]:
            key = key_of(form)
            if countries.get(key, code) != code:
                raise TableError(f"{source}:{number}: {form!r} is already listed for {countries[key]}")
            countries[key] = code
    return countries


def key_of(name: str) -> str:
    """Case, accents other than umlauts and spacing do not matter: "Erdogan" = "Erdoğan"."""
    return _deaccent(fold(name))


@lru_cache(maxsize=1)
def load() -> dict[str, str]:
    g = gazetteer.load()
    codes = frozenset(c.iso3 for c in g.countries) | frozenset(o.code for o in g.organisations)
    text = resources.files("lagebild.nlp").joinpath("data", "persons.tsv").read_text(encoding="utf-8")
    return parse(text, codes)


def country_of(name: str | None) -> str | None:
    """The country (or organisation) code the table has for a person's name, or None."""
    return load().get(key_of(name)) if name else None
