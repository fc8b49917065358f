"""Whole numbers outside a column's range match nothing, in every lookup a form or a view can reach.

Django already answers `exact`, `gt`, `gte`, `lt` and `lte` on an integer column with "no match" when
the value is outside the database's range (SQLite and PostgreSQL would raise OverflowError or
DataError, and PostgreSQL's error aborts the transaction). `in` is not covered: a ModelMultipleChoiceField
checks its ticked ids with `pk__in=[…]`, and a 20-digit id made every such form answer 500. `register()`
(called once at start-up, from `people.apps`) installs an `in` for integer columns — every primary key
and foreign key column of the project — that leaves out-of-range values aside, so such a form answers
its own "not one of the available choices" error. Ids read by hand go through `kvalifikacija.params`.
"""

from django.core.exceptions import EmptyResultSet
from django.db.models import ForeignKey, IntegerField
from django.db.models.fields.related_lookups import RelatedExact, RelatedIn
from django.db.models.lookups import In


def _within(values, field, connection):
    low, high = connection.ops.integer_field_range(field.get_internal_type())
    return [v for v in values if not isinstance(v, int)
            or ((low is None or v >= low) and (high is None or v <= high))]


class _BoundedIn:
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value() and not isinstance(self.rhs, (str, bytes)):
            field = getattr(self.lhs, "output_field", None)
            target = getattr(field, "target_field", field)
            if target is not None and isinstance(target, IntegerField):
                values = _within(list(self.rhs), target, connection)
                if not values:
                    raise EmptyResultSet
                self.rhs = values
        return super().process_rhs(compiler, connection)


class IntegerIn(_BoundedIn, In):
    """`in` on an integer column: values outside the column's range are left out (none left: no match)."""


class ForeignKeyIn(_BoundedIn, RelatedIn):
    """`in` on a foreign key to an integer key: the same."""


class ForeignKeyExact(RelatedExact):
    """`exact` on a foreign key to an integer key: a value outside the range matches nothing."""

    def process_rhs(self, compiler, connection):
        target = getattr(self.lhs.output_field, "target_field", None)
        if self.rhs_is_direct_value() and isinstance(self.rhs, int) and isinstance(target, IntegerField):
            if not _within([self.rhs], target, connection):
                raise EmptyResultSet
        return super().process_rhs(compiler, connection)


def register():
    IntegerField.register_lookup(IntegerIn)
    ForeignKey.register_lookup(ForeignKeyIn)
    ForeignKey.register_lookup(ForeignKeyExact)



