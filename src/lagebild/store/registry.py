"""The actor registry: one actor per person, state or organisation across all articles.

Mentions are resolved within their article by the pipeline (`nlp/mentions.py`: name, kind, role, country).
After a run, `rebuild_actors` merges them across articles and (re)writes the `actors` table and the
`actor_id` columns of mentions and quotes:

- states and organisations by their code ("state:RUS", "igo:NATO"); cities by name;
- persons by a transliteration-folded name: "Lawrow"/"Lavrov", "Selenskyj"/"Zelensky"/"Selensky" and
  "Peskow"/"Peskov" fold alike; a surname alone ("Peskow") joins the one full name that ends with it
  ("Dmitri Peskow") when the corpus knows exactly one, or else the one that begins with it ("Xi" → "Xi Jinping");
- role phrases and pronouns that were not resolved to a named person stay without an actor.

A person the corpus never gives a country gets the one of the table of well-known office holders
(`lagebild.nlp.persons`, "Sergei Rjabkow" → RUS); the mentions and events keep what their text says.

Quotations whose speaker (or addressee) is such a person then carry the registry's name ("Dmitri Peskow" where the
article only says "Peskow"), and its role and country where the article names none.

Actor ids are the first 16 hex digits of the SHA-1 of the key, so they do not depend on the order of articles,
on batches or on how a distributed run split the input. A person's role and country are the most frequent ones
the corpus gives them (per date, they stay on the mentions).
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections import Counter, defaultdict

import pyarrow as pa

# transliteration variants of Slavic and other names in German and English spelling
_FOLDS = [
    (re.compile(r"tsch"), "ch"), (re.compile(r"sch"), "sh"), (re.compile(r"[ck]h"), "h"), (re.compile(r"ch"), "h"),
    (re.compile(r"w"), "v"), (re.compile(r"z"), "s"), (re.compile(r"ts"), "s"), (re.compile(r"j"), "y"),
    (re.compile(r"yy$"), "y"), (re.compile(r"ij$"), "y"), (re.compile(r"iy$"), "y"), (re.compile(r"y$"), "i"),
    (re.compile(r"ks"), "x"), (re.compile(r"(.)\1"), r"\1"), (re.compile(r"ie"), "i"), (re.compile(r"ph"), "f"),
    (re.compile(r"ev$"), "ov"),  # Russian ё after a hissing sound: Gorbatschow / Gorbachev
]


NAME_LABELS = frozenset({"PER", "ORG", "LOC", "MISC"})  # mentions whose text is a name (aliases come from these)


def fold_name(name: str) -> str:
    """A spelling-insensitive key for a personal name: "Sergei Lawrow" and "Sergey Lavrov" fold alike."""
    text = unicodedata.normalize("NFKD", name.casefold())
    if not text.isascii():
        text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join([_fold_word(word) for word in _WORD.findall(text)])


_WORD = re.compile(r"[a-z]+")


@functools.lru_cache(maxsize=1 << 16)
def _fold_word(word: str) -> str:
    # a corpus's names share their words: the registry folds ~160k names of FANG-COVID, each word once
    for pattern, replacement in _FOLDS:
        word = pattern.sub(replacement, word)
    return word


def actor_key(name: str | None, kind: str | None, country: str | None) -> str | None:
    if kind in ("state", "igo") and country:
        return f"{kind}:{country}"
    if not name:
        return None
    if kind == "person":
        folded = fold_name(name)
        return f"person:{folded}" if folded else None
    return f"{kind or 'other'}:{fold_name(name) or name.casefold()}"


def actor_id(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _described(group: list[tuple]) -> tuple:
    """(name, kind, role, country, agent type, aliases, mentions) of an actor from its mention rows (as
    `rebuild_actors` selects them, in the order of their first mention): each the most frequent, ties to the first."""
    if len(group) == 1:  # most actors of a corpus: nothing to count
        name, kind, role, country, agent, alias, n, _first = group[0]
        aliases = sorted({alias, name}) if alias is not None else [name]
        return name, kind, role or None, country or None, agent or None, aliases, n
    counts: dict[str, Counter] = {field: Counter() for field in ("name", "kind", "role", "country", "agent", "alias")}
    for name, kind, role, country, agent, alias, n, _first in group:
        counts["name"][name] += n
        counts["kind"][kind] += n
        if alias is not None:
            counts["alias"][alias] += n
        if role:
            counts["role"][role] += n
        if country:
            counts["country"][country] += n
        if agent:
            counts["agent"][agent] += n
    # the longest of the frequent names: "Dmitri Peskow" rather than "Peskow"
    names = counts["name"].most_common()
    top = names[0][1]
    name = max((n for n, c in names if c * 4 >= top), key=lambda n: (len(n.split()), counts["name"][n]))

    def most(field: str) -> str | None:
        return counts[field].most_common(1)[0][0] if counts[field] else None

    return (name, most("kind"), most("role"), most("country"), most("agent"),
            sorted(set(counts["alias"]) | {name})[:50], sum(counts["name"].values()))


def rebuild_actors(con) -> int:
    """Recompute actors from all mentions; returns the number of actors. Runs in one transaction."""
    from ..nlp import persons  # here: the package's import loads spaCy, which reading a store does not need
    # mentions counted by what decides their actor (name, kind, country) and what the actor is told from; groups in
    # the order of their first mention, so that ties between roles or names go to the one the corpus gave first
    rows = con.execute(
        "SELECT name, kind, role, country, agent_type, "
        f"CASE WHEN label IN ({', '.join(repr(label) for label in sorted(NAME_LABELS))}) THEN text END, "
        "count(*), min(rowid) AS first FROM mentions WHERE name IS NOT NULL GROUP BY ALL ORDER BY first"
    ).fetchall()
    keys: dict[tuple, str] = {}  # (name, kind, country) → actor key
    for name, kind, _role, country, _agent, _alias, _n, _first in rows:
        if (name, kind, country) not in keys:
            key = actor_key(name, kind, country)
            if key is not None:
                keys[(name, kind, country)] = key
    # a surname alone joins the only full name ending with it; a name with none ending with it, the only full name
    # beginning with it (family name first: "Xi" → "Xi Jinping")
    full_by_last: dict[str, set[str]] = defaultdict(set)
    full_by_first: dict[str, set[str]] = defaultdict(set)
    for key in set(keys.values()):
        if key.startswith("person:") and " " in key:
            words = key[len("person:"):].split(" ")
            full_by_last[words[-1]].add(key)
            full_by_first[words[0]].add(key)
    for triple, key in keys.items():
        if key.startswith("person:") and " " not in key:
            word = key[len("person:"):]
            candidates = full_by_last.get(word) or full_by_first.get(word, set())
            if len(candidates) == 1:
                keys[triple] = next(iter(candidates))
    grouped: dict[str, list[tuple]] = {}  # actor key → its rows, keys in the order of their first mention
    for row in rows:
        key = keys.get((row[0], row[1], row[3]))
        if key is not None:
            grouped.setdefault(key, []).append(row)
    quotes = Counter()
    for name, kind, country, n in con.execute(
            "SELECT m.name, m.kind, m.country, count(*) FROM quotes q JOIN mentions m "
            "ON q.speaker_mention_id = m.mention_id WHERE m.name IS NOT NULL GROUP BY ALL").fetchall():
        key = keys.get((name, kind, country))
        if key is not None:
            quotes[key] += n
    actors = {
        "actor_id": [], "name": [], "kind": [], "role": [], "country": [], "agent_type": [], "aliases": [],
        "n_mentions": [], "n_quotes": [],
    }
    for key, group in grouped.items():
        name, kind, role, country, agent, aliases, n_mentions = _described(group)
        if country is None and key.startswith("person:"):
            country = persons.country_of(name)  # a well-known person the corpus never places
        actors["actor_id"].append(actor_id(key))
        actors["name"].append(name)
        actors["kind"].append(kind)
        actors["role"].append(role)
        actors["country"].append(country)
        actors["agent_type"].append(agent)
        actors["aliases"].append(aliases)
        actors["n_mentions"].append(n_mentions)
        actors["n_quotes"].append(quotes[key])
    actor_table = pa.table(actors, schema=pa.schema([
        ("actor_id", pa.string()), ("name", pa.string()), ("kind", pa.string()), ("role", pa.string()),
        ("country", pa.string()), ("agent_type", pa.string()), ("aliases", pa.list_(pa.string())),
        ("n_mentions", pa.int32()), ("n_quotes", pa.int32()),
    ]))
    links = pa.table({"name": [t[0] for t in keys], "kind": [t[1] for t in keys], "country": [t[2] for t in keys],
                      "actor_id": [actor_id(k) for k in keys.values()]},
                     schema=pa.schema([("name", pa.string()), ("kind", pa.string()), ("country", pa.string()),
                                       ("actor_id", pa.string())]))
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM actors")
        con.execute("INSERT INTO actors BY NAME SELECT * FROM actor_table")
        con.execute("UPDATE mentions SET actor_id = NULL WHERE actor_id IS NOT NULL")
        con.execute(
            "UPDATE mentions SET actor_id = l.actor_id FROM links l WHERE mentions.name = l.name "
            "AND mentions.kind IS NOT DISTINCT FROM l.kind AND mentions.country IS NOT DISTINCT FROM l.country"
        )
        con.execute(
            "UPDATE quotes SET speaker_actor_id = m.actor_id FROM mentions m "
            "WHERE quotes.speaker_mention_id = m.mention_id"
        )
        con.execute(
            "UPDATE quotes SET addressee_actor_id = m.actor_id FROM mentions m "
            "WHERE quotes.addressee_mention_id = m.mention_id"
        )
        for side in ("speaker", "addressee"):
            # an article that names only "Peskow" gets the fullest name the corpus knows for that actor, and
            # the role and country the corpus gives where the article gives none
            con.execute(
                f"UPDATE quotes SET {side}_name = a.name, "
                f"{side}_role = coalesce(quotes.{side}_role, a.role), "
                f"{side}_country = coalesce(quotes.{side}_country, a.country) "
                f"FROM actors a WHERE quotes.{side}_actor_id = a.actor_id AND a.kind = 'person'"
            )
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return len(grouped)
