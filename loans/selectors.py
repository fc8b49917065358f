"""Read queries for equipment, loans and methodical material (constant query counts)."""

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from lithuanian.collation import lt_contains, lt_order

from . import permissions
from .models import Equipment, Loan, MethodicalMaterial


def equipment_catalogue(user, *, kind=None, query="", today=None):
    """Items of the catalogue with `lent_now` annotated and their upcoming active loans prefetched."""
    today = today or timezone.localdate()
    qs = Equipment.objects.select_related("owner")
    if not permissions.can_manage_loans(user):
        qs = qs.filter(is_active=True)
    if kind:
        qs = qs.filter(kind=kind)
    if query:
        qs = qs.filter(lt_contains("name", "inventory_number", "description", query=query))
    lent_now = Loan.objects.filter(
        equipment=OuterRef("pk"), status=Loan.Status.LENT, starts_on__lte=today
    )
    upcoming = Loan.objects.filter(status__in=[Loan.Status.REQUESTED, Loan.Status.LENT]).filter(
        Q(due_on__gte=today) | Q(status=Loan.Status.LENT)
    ).order_by("starts_on")
    return qs.annotate(lent_now=Exists(lent_now)).prefetch_related(
        Prefetch("loans", queryset=upcoming, to_attr="upcoming_loans")
    ).order_by("kind", lt_order("name"))


def loan_list(user, *, status=None, overdue=False, today=None):
    today = today or timezone.localdate()
    qs = permissions.loans_visible_to(user).select_related("equipment", "school", "requested_by", "decided_by")
    if overdue:
        qs = qs.filter(status=Loan.Status.LENT, due_on__lt=today)
    elif status:
        qs = qs.filter(status=status)
    return qs.order_by("-starts_on", "-id")


def published_materials(*, query="", subject=None):
    qs = MethodicalMaterial.objects.filter(status=MethodicalMaterial.Status.PUBLISHED).select_related(
        "author", "school", "subject"
    )
    if query:
        qs = qs.filter(lt_contains("title", "description", "author__last_name", "author__first_name", query=query))
    if subject:
        qs = qs.filter(subject_id=subject)
    return qs.order_by("-published_at", "-id")


def own_materials(user):
    return MethodicalMaterial.objects.filter(author=user).select_related("school", "subject").order_by("-created_at")


def review_queue(*, user, status=MethodicalMaterial.Status.SUBMITTED):
    """The material of `status` sent to the person's centres (another centre's is not listed)."""
    return permissions.materials_reviewable_by(user).filter(status=status).select_related(
        "author", "school", "subject").order_by(
        "submitted_at", "id"
    )
