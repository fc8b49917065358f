"""Signing in with the e-mail address and password (Django's ModelBackend); the user of each request
is loaded with the number of unread notices, for the top bar, in the same query."""

from django.contrib.auth.backends import ModelBackend
from django.db import connections
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from kvalifikacija.compiled import compiled_once
from notices.models import NoticeLog

from .models import User


def with_unread_notices(queryset):
    """`unread_notices` annotated on each user: a subquery, so loading the user stays one query."""
    unread = (
        NoticeLog.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
        .order_by().values("recipient").annotate(n=Count("pk")).values("n")
    )
    return queryset.annotate(unread_notices=Coalesce(Subquery(unread, output_field=IntegerField()), Value(0)))


class PeopleBackend(ModelBackend):
    def get_user(self, user_id):
        try:
            pk = int(user_id)
        except (TypeError, ValueError):
            return None
        manager = User._default_manager
        # Run on every request: compiled once (see `kvalifikacija.compiled`).
        sql, params = compiled_once("user-with-unread-notices", connections[manager.db],
                                    lambda sentinel: with_unread_notices(manager.filter(pk=sentinel)), pk)
        found = list(manager.raw(sql, params))
        if not found:
            return None
        user = found[0]
        return user if self.user_can_authenticate(user) else None
