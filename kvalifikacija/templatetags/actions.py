"""`{% allowed_actions obj as can %}`: what the signed-in person may do to `obj` now.

Templates never re-derive a rule from a raw status: they ask the object, whose `allowed_actions(user)`
is built from the same predicates the services enforce (the object's status rules and its app's
`permissions.py`), and test `{% if "cancel" in can %}`.
"""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def allowed_actions(context, obj):
    user = context.get("user")
    if user is None and context.get("request") is not None:
        user = context["request"].user
    return obj.allowed_actions(user)


@register.simple_tag
def status_badge(obj):
    """The object's status as a badge, coloured by its model's `STATUS_BADGES` (status → Bootstrap
    colour; "secondary" for any status not named there)."""
    colour = obj.STATUS_BADGES.get(obj.status, "secondary")
    return format_html('<span class="badge text-bg-{}">{}</span>', colour, obj.get_status_display())
