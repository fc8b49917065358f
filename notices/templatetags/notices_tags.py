from django import template

from notices.kinds import kind_label as _kind_label

register = template.Library()


@register.filter
def kind_label(kind):
    return _kind_label(kind)
