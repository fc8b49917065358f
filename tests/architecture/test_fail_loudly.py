"""Nothing is dropped silently: every navigation entry and every notice link resolves."""

from django.urls import reverse

from people.navigation import ITEMS


def test_every_navigation_entry_resolves():
    for _label, name, _predicate, _group in ITEMS:
        assert reverse(name).startswith("/"), name
