"""The claims table's kind and bound checks compare with each value in turn, not ``IN (...)`` (issue 13).

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30

``CHECK (kind IN ('distance', ...))`` and ``CHECK (bound IN (...))`` accept exactly what
``kind = 'distance' OR kind = 'altitude' OR ...`` accepts (NULL is refused by NOT NULL either
way), but SQLite evaluates a constant ``IN`` list by filling a temporary b-tree with the
values each time the insert statement runs, that is for every claim row: the claims insert
of BBC ingest went from 0.84 to 0.54 CPU s with the ``OR`` form. PostgreSQL checks either
form as fast; it gets the same text so the two backends keep one schema.

SQLite cannot ALTER a CHECK constraint. A batch ("move and copy") rebuild of claims is not
safe here: migrations run on a connection with foreign keys on, inside a transaction (where
the pragma cannot be turned off), so dropping the old table deletes its rows first and the
ON DELETE CASCADE of claim_entities, claim_group_members and launch_event_fields empties
them (tried: the seeds lost every claim link); the views reading claims would also have to
go and come back, the FTS triggers be recreated and the index rebuilt. Instead the table's
stored CREATE statement is edited in place, SQLite's documented procedure for a change that
leaves the stored rows valid (https://www.sqlite.org/lang_altertable.html, "making other
kinds of table schema changes"): writable_schema, the new text, schema_version + 1, in the
migration's transaction. Nothing else in the schema changes, no row is read or written but
the check that every stored row passes the new constraint (it is the same test), and it
takes no time however many claims there are. The edit replaces only the two constraint
clauses as revision 0001 wrote them, and refuses to run when they are not found.

On PostgreSQL the two named constraints are dropped and added again. The downgrade writes
the ``IN`` form back the same way.
"""

from alembic import op

from factdb.db.engine import SchemaError

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

# A downgrade deletes no rows: only the two constraints' text changes.
DROPS = ()

KINDS = (
    'distance', 'altitude', 'speed', 'weight', 'money', 'count', 'casualties', 'percentage', 'age',
    'duration', 'date', 'period', 'other_quantity',
)
BOUNDS = ('exact', 'approx', 'lower', 'upper', 'range')


def _any_of(column: str, values: tuple[str, ...]) -> str:
    return " OR ".join(f"{column} = '{v}'" for v in values)


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


# Each direction's conditions: constraint name -> condition.
WITH_IN = {'ck_claims_kind': _in('kind', KINDS), 'ck_claims_bound': _in('bound', BOUNDS)}
WITH_OR = {'ck_claims_kind': _any_of('kind', KINDS), 'ck_claims_bound': _any_of('bound', BOUNDS)}


def _rewrite(old: dict[str, str], new: dict[str, str]) -> None:
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        for name, condition in new.items():
            op.drop_constraint(op.f(name), "claims", type_="check")
            op.create_check_constraint(op.f(name), "claims", condition)
        return
    sql = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'claims'").scalar()
    for name in new:
        clause = f"CONSTRAINT {name} CHECK ({old[name]})"
        if sql.count(clause) != 1:
            raise SchemaError(
                f"cannot rewrite the checks of claims (revision 0009): its constraint {name} is not "
                f"{old[name]!r}; the table was changed outside the migrations"
            )
        sql = sql.replace(clause, f"CONSTRAINT {name} CHECK ({new[name]})")
    # the same test either way, so no stored row can fail it; checked, not assumed
    failing = conn.exec_driver_sql(
        "SELECT count(*) FROM claims WHERE NOT (" + ") OR NOT (".join(new.values()) + ")"
    ).scalar()
    if failing:
        raise SchemaError(f"cannot rewrite the checks of claims (revision 0009): {failing} rows fail them")
    version = conn.exec_driver_sql("PRAGMA schema_version").scalar()
    conn.exec_driver_sql("PRAGMA writable_schema=ON")
    try:
        conn.exec_driver_sql(
            "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'claims'", (sql,)
        )
        # every connection, this one included, reads the schema again before its next statement
        conn.exec_driver_sql(f"PRAGMA schema_version={version + 1}")
    finally:
        conn.exec_driver_sql("PRAGMA writable_schema=OFF")


def upgrade() -> None:
    _rewrite(WITH_IN, WITH_OR)


def downgrade() -> None:
    _rewrite(WITH_OR, WITH_IN)
