"""Serve-time half of the filtered-page answers: which SQL Datasette 0.65 writes for a page
filtered by one or two columns, and the SQL that reads the same rows from the
``factdb_filter_*`` tables :mod:`factdb.publish.precompute` built at publish time.

The plugin wraps an immutable snapshot's ``execute`` with :meth:`FilterAnswers.rewrite`;
any statement it does not recognise runs as Datasette wrote it.
"""

from __future__ import annotations

import re

from factdb.publish.precompute import KEY_ORDER

# A page with two filters, one of them keyed, walks that value's keys newest first and
# checks the other filter on each row: when the counts say it would read more keys than
# this (a rare pair, or a deep page), Datasette's own SQL runs instead. A key read costs
# about 0.5 us.
WALK_MAX = 50_000

# The SQL Datasette 0.65's table view writes for a page with one ``?column=value`` filter
# (or ``column__exact``), sorted by its default order; that page's count; and a column
# facet of it (datasette/facets.py), whitespace aside. Column lists are names only
# (escape_sqlite leaves these plain), so no other statement can take the shape.
_NAMES = r"\w+(?:, \w+)*"
_FILTER = r'from (?P<table>\w+) where "(?P<column>\w+)" = :p0'
_COUNT_SQL = re.compile(rf"select count\(\*\) {_FILTER}")
_PAGE_SQL = re.compile(
    rf"select (?P<columns>{_NAMES}) {_FILTER} order by (?P<order>\w+) desc limit (?P<limit>\d+)"
    r"(?: offset (?P<offset>\d+))?"
)
_FACET_SQL = re.compile(
    rf"select (?P<facet>\w+) as value, count\(\*\) as count from \( select {_NAMES} {_FILTER} \) "
    r"where (?P=facet) is not null group by (?P=facet) order by count desc, value limit (?P<limit>\d+)"
)

# ... and for a page with two such filters (Datasette sorts them by name: p0, then p1).
_FILTER2 = r'from (?P<table>\w+) where "(?P<a>\w+)" = :p0 and "(?P<b>\w+)" = :p1'
_COUNT2_SQL = re.compile(rf"select count\(\*\) {_FILTER2}")
_PAGE2_SQL = re.compile(
    rf"select (?P<columns>{_NAMES}) {_FILTER2} order by (?P<order>\w+) desc limit (?P<limit>\d+)"
    r"(?: offset (?P<offset>\d+))?"
)
_TABLE_FACET_SQL = re.compile(
    rf"select (?P<facet>\w+) as value, count\(\*\) as count from \( select {_NAMES} from (?P<table>\w+) \) "
    r"where (?P=facet) is not null group by (?P=facet) order by count desc, value limit (?P<limit>\d+)"
)


class FilterAnswers:
    """What the ``factdb_filter_*`` tables of one snapshot can answer."""

    def __init__(
        self,
        counted: set[tuple[str, str]],
        keyed: dict[tuple[str, str, str], tuple[int, int]],
        pairs: dict[tuple[str, str, str, str, str], int] | None = None,
    ):
        self.counted = frozenset(counted)  # (table, column) with counts and facets
        self.keyed = dict(keyed)  # (table, column, value): (its keys in factdb_filter_keys, rows)
        self.pairs = dict(pairs or {})  # (table, keyed column, value, other column, value): rows

    @classmethod
    def load(cls, rows_counted, rows_keyed, rows_pairs=()) -> FilterAnswers:
        return cls(
            {tuple(r) for r in rows_counted},
            {tuple(r[:3]): (r[3], r[4]) for r in rows_keyed},
            {tuple(r[:5]): r[5] for r in rows_pairs},
        )

    TABLES = frozenset({"factdb_filter_counts", "factdb_filter_facets", "factdb_filter_keys"})  # all read
    COUNTED_SQL = "SELECT DISTINCT tbl, col FROM factdb_filter_counts"
    KEYED_SQL = "SELECT tbl, col, value, keys, count FROM factdb_filter_counts WHERE keys IS NOT NULL"
    # the rows of each keyed value with each value of another column (a few thousand)
    PAIRS_SQL = (
        "SELECT f.tbl, f.col, f.value, f.facet, f.facet_value, f.count FROM factdb_filter_facets AS f "
        "JOIN factdb_filter_counts AS c ON c.tbl = f.tbl AND c.col = f.col AND c.value = f.value "
        "WHERE c.keys IS NOT NULL"
    )

    def rewrite(self, sql: str, params) -> tuple[str, dict] | None:
        """SQL reading the precomputed tables that returns what ``sql`` returns, or None.

        Only the statements above, with the one or two parameters Datasette binds (text):
        anything else (a third filter, a search, ``_next`` on a table, another sort) is left
        as it is.
        """
        if not params and sql.lstrip().startswith("select"):  # None, {} or [] (an unfiltered facet)
            return self._whole_table_facet(" ".join(sql.split()))
        if (
            isinstance(params, dict)
            and set(params) == {"p0", "p1"}
            and all(isinstance(v, str) for v in params.values())
        ):
            return self._two_filters(" ".join(sql.split()), params)
        if not isinstance(params, dict) or set(params) != {"p0"} or not isinstance(params["p0"], str):
            return None
        sql = " ".join(sql.split())  # the facet SQL is indented; no shape here holds a literal
        count = _COUNT_SQL.fullmatch(sql)
        if count and (count["table"], count["column"]) in self.counted:
            # A value the table does not hold has no row: 0, as count(*) says.
            return (
                "select coalesce((select count from factdb_filter_counts "
                "where tbl = :factdb_tbl and col = :factdb_col and value = :p0), 0)",
                {**params, "factdb_tbl": count["table"], "factdb_col": count["column"]},
            )
        facet = _FACET_SQL.fullmatch(sql)
        if (
            facet
            and (facet["table"], facet["column"]) in self.counted
            and (facet["table"], facet["facet"]) in self.counted
        ):
            return (
                "select facet_value as value, count from factdb_filter_facets where tbl = :factdb_tbl "
                "and col = :factdb_col and value = :p0 and facet = :factdb_facet "
                f"order by count desc, facet_value limit {int(facet['limit'])}",
                {
                    **params,
                    "factdb_tbl": facet["table"],
                    "factdb_col": facet["column"],
                    "factdb_facet": facet["facet"],
                },
            )
        page = _PAGE_SQL.fullmatch(sql)
        if (
            page
            and page["order"] == KEY_ORDER.get(page["table"])
            and (page["table"], page["column"], params["p0"]) in self.keyed
        ):
            limit, offset = int(page["limit"]), int(page["offset"] or 0)
            keys = self.keyed[(page["table"], page["column"], params["p0"])][0]
            # The keys are the table's own rows with that value, so the inner query picks the
            # very keys the original would list; the outer reads those rows from the table.
            return (
                f"select {page['columns']} from {page['table']} where {page['order']} in ("
                f"select key from factdb_filter_keys where keys = :factdb_keys "
                f"order by key desc limit {limit} offset {offset}) order by {page['order']} desc limit {limit}",
                {**params, "factdb_keys": keys},
            )
        return None

    def _whole_table_facet(self, sql: str) -> tuple[str, dict] | None:
        """A facet of a whole table (claims_view?_facet=kind): each value's count, as filtered by it."""
        facet = _TABLE_FACET_SQL.fullmatch(sql)
        if not facet or (facet["table"], facet["facet"]) not in self.counted:
            return None
        return (
            "select value, count from factdb_filter_counts where tbl = :factdb_tbl and col = :factdb_col "
            f"order by count desc, value limit {int(facet['limit'])}",
            {"factdb_tbl": facet["table"], "factdb_col": facet["facet"]},
        )

    def _two_filters(self, sql: str, params: dict) -> tuple[str, dict] | None:
        """The count of a page filtered by two counted columns (a facet count of either), and
        its newest-first rows when one filter is keyed and the other holds often enough."""
        count = _COUNT2_SQL.fullmatch(sql)
        if count and {(count["table"], count["a"]), (count["table"], count["b"])} <= self.counted:
            return (
                "select coalesce((select count from factdb_filter_facets where tbl = :factdb_tbl "
                "and col = :factdb_col and value = :p0 and facet = :factdb_facet and facet_value = :p1), 0)",
                {
                    **params,
                    "factdb_tbl": count["table"],
                    "factdb_col": count["a"],
                    "factdb_facet": count["b"],
                },
            )
        page = _PAGE2_SQL.fullmatch(sql)
        if not page or page["order"] != KEY_ORDER.get(page["table"]):
            return None
        table, limit, offset = page["table"], int(page["limit"]), int(page["offset"] or 0)
        best = None
        for column, value, other, other_param in (
            (page["a"], params["p0"], page["b"], "p1"),
            (page["b"], params["p1"], page["a"], "p0"),
        ):
            keyed = self.keyed.get((table, column, value))
            both = self.pairs.get((table, column, value, other, params[other_param]), 0)
            if keyed is None or not both:
                continue
            walk = (offset + limit) * keyed[1] / both  # keys read, rows spread evenly
            if walk <= WALK_MAX and (best is None or walk < best[0]):
                best = (walk, keyed[0], other, other_param)
        if best is None:
            return None
        _, keys, other, other_param = best
        order = page["order"]
        # The value's keys newest first, each row checked for the other filter: the very rows,
        # in the very order, of the original statement.
        return (
            f"select {page['columns']} from {table} where {order} in ("
            f"select k.key from factdb_filter_keys as k cross join {table} as v on v.{order} = k.key "
            f'where k.keys = :factdb_keys and v."{other}" = :{other_param} '
            f"order by k.key desc limit {limit} offset {offset}) order by {order} desc limit {limit}",
            {**params, "factdb_keys": keys},
        )
