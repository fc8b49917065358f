"""Lithuanian alphabetical order (A Ą B C Č … S Š … Z Ž) and search that ignores diacritics and case.

Databases: PostgreSQL sorts with the ICU collation `lt-x-icu` and folds with the `unaccent`
extension (both ensured by this app's migration); SQLite gets the same collation name backed by
PyICU sort keys and an `lt_fold` function, registered on every new connection. So
`order_by(lt_order("name"))` and `filter(lt_contains("title", query))` mean the same on both.

Python lists: `sorted(items, key=sort_key)`.
"""

import unicodedata

import icu
from django.db.models import BooleanField, F, Func, Q, TextField
from django.db.models.functions import Collate

COLLATION = "lt-x-icu"
_collator = icu.Collator.createInstance(icu.Locale("lt_LT"))


def sort_key(text) -> bytes:
    """ICU's Lithuanian sort key: `sorted(names, key=sort_key)` puts Š after S and Ž last."""
    return _collator.getSortKey(str(text or ""))


def sorted_lt(items, key=str):
    """`items` in Lithuanian alphabetical order of `key(item)`."""
    return sorted(items, key=lambda item: sort_key(key(item)))


def fold(text) -> str:
    """Lower case without diacritics: `Patyčių` -> `patyciu` (what a search box compares)."""
    decomposed = unicodedata.normalize("NFKD", str(text or ""))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _compare(a, b):
    return _collator.compare(a or "", b or "")


def install_on_sqlite(sender, connection, **kwargs):
    """Give a new SQLite connection the `lt-x-icu` collation and the `lt_fold` function."""
    if connection.vendor != "sqlite":
        return
    connection.connection.create_collation(COLLATION, _compare)
    connection.connection.create_function("lt_fold", 1, fold, deterministic=True)


def lt_order(field, descending=False):
    """An ORDER BY term for `field` in Lithuanian order, on both databases."""
    expression = Collate(F(field) if isinstance(field, str) else field, COLLATION)
    return expression.desc() if descending else expression.asc()


class Fold(Func):
    """`lower(unaccent(x))` on PostgreSQL, `lt_fold(x)` on SQLite."""

    output_field = TextField()
    arity = 1

    def as_sql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="LT_FOLD", **extra_context)

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, template="LOWER(UNACCENT(%(expressions)s::text))",
                              **extra_context)


def lt_contains(*fields, query):
    """A Q matching rows where any of `fields` contains `query`, ignoring case and diacritics
    (`patyciu` finds "Patyčių prevencija")."""
    folded = fold(query).strip()
    if not folded:
        return Q()
    condition = Q()
    for field in fields:
        condition |= Q(_LtFoldContains(field, folded))
    return condition


class _LtFoldContains(Func):
    """`fold(field) LIKE '%query%'` with the query's LIKE wildcards escaped; a boolean expression."""

    arity = 1
    conditional = True

    def __init__(self, field, folded):
        self.folded = folded
        super().__init__(Fold(F(field) if isinstance(field, str) else field))

    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra_context):
        inner, params = compiler.compile(self.source_expressions[0])
        escaped = self.folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return f"({inner} LIKE %s ESCAPE '\\')", [*params, f"%{escaped}%"]
