from django import template

from funding.formatting import format_eur, format_number

register = template.Library()


@register.filter
def eur(value):
    """`{{ amount|eur }}` -> "1 234,50 €" (Lithuanian money format in every language)."""
    return format_eur(value)


@register.filter
def decimal_comma(value, places=1):
    """`{{ days|decimal_comma }}` -> "12,5"."""
    try:
        return format_number(value, int(places))
    except (TypeError, ValueError, ArithmeticError):
        return ""
