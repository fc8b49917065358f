"""Strings that Django shows but its own Lithuanian catalogue lacks; listed here so that makemessages
keeps their translations in locale/lt."""

from django.utils.translation import gettext_noop

DJANGO_STRINGS = [
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("Your password can’t be entirely numeric."),
]
