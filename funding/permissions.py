"""Who may see and manage money: funding sources, the money pages per organisation, invoices and the
district reports. Built on `people.roles`.
"""

from django.db.models import Q

from people import roles
from people.models import Role

from .models import FundingSource, Invoice


def can_view_funding_source(user, source):
    if roles.is_administrator(user):
        return True
    return source.owner_id in roles.headed_school_ids(user) or source.owner_id in roles.centre_ids(user)


def can_manage_funding_source(user, source):
    return source.owner_id in roles.headed_school_ids(user, roles=(Role.DIRECTOR,)) or source.owner_id in roles.centre_ids(user)


def can_override_budget(user, source):
    """Only the owner's head (director) or centre staff for centre money may spend past zero, with a reason."""
    return can_manage_funding_source(user, source)


def funding_sources_visible_to(user):
    if not getattr(user, "is_authenticated", False):
        return FundingSource.objects.none()
    if roles.is_administrator(user):
        return FundingSource.objects.all()
    return FundingSource.objects.filter(owner_id__in=roles.headed_school_ids(user) | roles.centre_ids(user))


def can_view_district_reports(user):
    return roles.is_administrator(user)


def can_use_funding_pages(user):
    """School heads, centre staff and administrators; everybody else gets 403 on money pages."""
    return roles.is_school_head(user) or roles.is_centre_staff(user) or roles.is_administrator(user)


def funding_owner_ids(user):
    """Organisations whose money this user may see and report on (not administrators' district view)."""
    return roles.headed_school_ids(user) | roles.centre_ids(user)


def can_view_funding_of(user, organisation):
    """A school's or the centre's money: its heads / staff, and administrators (read only)."""
    return roles.is_administrator(user) or organisation.pk in funding_owner_ids(user)


def can_manage_funding_of(user, organisation):
    """Add sources and amendments, pay and release: the school's director, or centre staff for the centre."""
    return (organisation.pk in roles.headed_school_ids(user, roles=(Role.DIRECTOR,))
            or organisation.pk in roles.centre_ids(user))


def can_manage_invoice(user, invoice):
    """Centre staff of the issuing centre issue, send and mark paid its invoices."""
    return invoice.issuer_id in roles.centre_ids(user)


def can_view_invoice(user, invoice):
    """The issuing centre's staff, the paying school's director and the paying person see an invoice."""
    if not getattr(user, "is_authenticated", False):
        return False
    if can_manage_invoice(user, invoice):
        return True
    if invoice.payer_school_id and invoice.payer_school_id in roles.headed_school_ids(user, (Role.DIRECTOR,)):
        return True
    return invoice.payer_person_id is not None and invoice.payer_person_id == user.pk and user.is_active


def invoices_visible_to(user):
    if not getattr(user, "is_authenticated", False):
        return Invoice.objects.none()
    return Invoice.objects.filter(
        Q(issuer_id__in=roles.centre_ids(user))
        | Q(payer_school_id__in=roles.headed_school_ids(user, (Role.DIRECTOR,)))
        | Q(payer_person=user)
    )
