"""Dyad series: how the relationship between two actors (states or organisations) develops over time.

`series(store, "RUS", "USA", by="month")` gives one row per period in which anything between the two was stored:

| column | meaning |
|---|---|
| `period` | `2021-12` (month), `2021-Q4` (quarter) or `2021` (year) |
| `source`, `target` | the codes asked for (ISO 3166 alpha-3 or organisation codes such as `EU`, `NATO`) |
| `n_events` | events with `source_country = source` and `target_country = target` (modes actual and intended; negated events are not counted) |
| `n_statements` | statements of `source` to or about `target` (quotations whose speaker belongs to `source` and whose addressee or subject is `target`, and sentences about the relationship itself) |
| `score` | mean Goldstein-like event score (−10 conflict … +10 cooperation), null without events |
| `tone` | mean tone of the statements (−1 … +1), null without statements with a tone |
| `evidence` | sorted ids behind the row: `event_id`s and `quote_id`s (a narrator's relation sentence, which has no quote, by its `statement_id`) |

`both_directions=True` pools source→target and target→source into one row per period (`source`/`target` stay
as given); a statement that counts for both directions (a narrator's sentence about the relationship) counts once.

Periods come from the article's publication date by default (`date="article"`): when a relation was reported on,
the same clock for events and statements. `date="event"` places an event at its own resolved date where that is at
least as precise as the period (an article of 2023-11 reporting a meeting "im April" → 2023-04) and falls back to the
article date otherwise. Articles (or event dates) less precise than the period — a year-only date in a monthly
series — are left out of that series rather than put in January.
"""

from __future__ import annotations

import pandas as pd

from ..store.store import Store

PERIODS = ("month", "quarter", "year")
DATE_BASES = ("article", "event")
COLUMNS = ["period", "source", "target", "n_events", "n_statements", "score", "tone", "evidence"]
COUNTED_MODES = ("actual", "intended")

_PRECISE_ENOUGH = {"month": ("month", "day"), "quarter": ("month", "day"), "year": ("year", "month", "day")}


def _period_sql(date_col: str, by: str) -> str:
    """SQL for the period label of an ISO date at its precision (`2021`, `2021-12`, `2021-12-02`)."""
    if by == "year":
        return f"substr({date_col}, 1, 4)"
    if by == "month":
        return f"substr({date_col}, 1, 7)"
    return (f"substr({date_col}, 1, 4) || '-Q' || "
            f"CAST((CAST(substr({date_col}, 6, 2) AS INTEGER) + 2) // 3 AS VARCHAR)")


def _precise(precision_col: str, by: str) -> str:
    allowed = ", ".join(f"'{p}'" for p in _PRECISE_ENOUGH[by])
    return f"{precision_col} IN ({allowed})"


def series(
    store: Store,
    source: str,
    target: str,
    by: str = "month",
    both_directions: bool = False,
    date: str = "article",
) -> pd.DataFrame:
    """One row per period with events or statements between `source` and `target` (see the module doc)."""
    if by not in PERIODS:
        raise ValueError(f"unknown period {by!r}; choose one of {', '.join(PERIODS)}")
    if date not in DATE_BASES:
        raise ValueError(f"unknown date basis {date!r}; choose one of {', '.join(DATE_BASES)}")
    source, target = source.upper(), target.upper()
    if not (store.has_table("events") and store.has_table("statements")):
        return pd.DataFrame(columns=COLUMNS)
    pairs = [(source, target), (target, source)] if both_directions else [(source, target)]
    pair_sql = " OR ".join(["(source_country = ? AND target_country = ?)"] * len(pairs))
    pair_params = [code for pair in pairs for code in pair]

    article_period, article_ok = _period_sql("a.date", by), _precise("a.date_precision", by)
    if date == "event":
        event_ok = _precise("e.date_precision", by)
        event_period = f"CASE WHEN {event_ok} THEN {_period_sql('e.date', by)} ELSE {article_period} END"
        event_where = f"({event_ok} OR {article_ok})"
    else:
        event_period, event_where = article_period, article_ok
    modes = ", ".join(f"'{m}'" for m in COUNTED_MODES)

    events = store.frame(
        f"SELECT {event_period} AS period, e.event_id AS id, e.score FROM events e "
        f"JOIN articles a USING (article_id) "
        f"WHERE ({pair_sql}) AND e.mode IN ({modes}) AND {event_where}",
        pair_params,
    )
    statements = store.frame(
        f"SELECT DISTINCT {article_period} AS period, coalesce(s.quote_id, s.statement_id) AS id, s.tone "
        f"FROM statements s JOIN articles a USING (article_id) "
        f"WHERE ({pair_sql}) AND {article_ok}",
        pair_params,
    )
    # a statement with several rows for the same pair (addressee and mention) counts once
    statements = statements.drop_duplicates("id")

    periods = sorted(set(events["period"]) | set(statements["period"]))
    rows = []
    for period in periods:
        ev = events[events["period"] == period]
        st = statements[statements["period"] == period]
        scores, tones = ev["score"].dropna(), st["tone"].dropna()
        rows.append({
            "period": period,
            "source": source,
            "target": target,
            "n_events": int(len(ev)),
            "n_statements": int(len(st)),
            "score": float(scores.mean()) if len(scores) else None,
            "tone": float(tones.mean()) if len(tones) else None,
            "evidence": sorted(set(ev["id"]) | set(st["id"])),
        })
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return frame.astype({"n_events": "int64", "n_statements": "int64"})
