"""Queries run on every request, compiled by the ORM once per process: building them through the ORM
cost more than running them. A query is written once, as a queryset filtered on `SENTINEL` where the
request's own id goes; its SQL and parameters are kept per database vendor, and each call puts the id
in place of the sentinel."""

SENTINEL = -7_340_211_965  # an id no row has: marks where the real one goes in the compiled query
_compiled = {}  # (name, database vendor) → (SQL, parameters)


def compiled_once(name, connection, build, pk):
    """(SQL, parameters) of the queryset `build(SENTINEL)` for the row `pk`; `name` tells the queries
    apart. Nothing in `build` may depend on the time or the request: it is compiled only once."""
    key = (name, connection.vendor)
    if key not in _compiled:
        _compiled[key] = build(SENTINEL).query.sql_with_params()
    sql, params = _compiled[key]
    return sql, [pk if param == SENTINEL else param for param in params]
