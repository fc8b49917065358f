"""Signing in with the e-mail address and password (Django's ModelBackend); the user of each request
is loaded with the number of unread notices, for the top bar, in the same query."""

from django.contrib.auth.backends import ModelBackend
from django.db import connections
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from notices.models import NoticeLog

from .models import User


def with_unread_notices(queryset):
    """`unread_notices` annotated on each user: a subquery, so loading the user stays one query."""
    unread = (
        NoticeLog.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
        .order_by().values("recipient").annotate(n=Count("pk")).values("n")
    )
    return queryset.annotate(unread_notices=Coalesce(Subquery(unread, output_field=IntegerField()), Value(0)))


_SENTINEL = -7_340_211_965  # a primary key no user has: marks where the real one goes in the compiled query
_compiled = {}  # database vendor → (SQL, parameters) of the query below


def _user_query(connection):
    """The SQL of `with_unread_notices(User.objects.filter(pk=…))`, compiled once per process: the query
    runs on every request, and building it through the ORM cost more than running it."""
    if connection.vendor not in _compiled:
        queryset = with_unread_notices(User._default_manager.filter(pk=_SENTINEL))
        _compiled[connection.vendor] = queryset.query.sql_with_params()
    return _compiled[connection.vendor]


class PeopleBackend(ModelBackend):
    def get_user(self, user_id):
        try:
            pk = int(user_id)
        except (TypeError, ValueError):
            return None
        manager = User._default_manager
        sql, params = _user_query(connections[manager.db])
        found = list(manager.raw(sql, [pk if p == _SENTINEL else p for p in params]))
        if not found:
            return None
        user = found[0]
        return user if self.user_can_authenticate(user) else None
