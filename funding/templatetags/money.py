from django import template

from funding.formatting import expense_trail, format_eur, format_number, who_when

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


@register.filter
def trail(expense):
    """`{% for step in expense|trail %}{{ step.label }}: {{ step.text }}` - who did what and when."""
    return expense_trail(expense)


@register.simple_tag
def who_and_when(person, at):
    """`{% who_and_when amendment.created_by amendment.created_at %}` -> "Jūratė Šimkienė, 2026-12-02 14:05"."""
    return who_when(person, at)
