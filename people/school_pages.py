"""What every page a school's heads work on needs: which of their schools the page is about."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from lithuanian.collation import lt_order

from . import roles
from .models import Organisation


def headed_school(request, among=roles.SCHOOL_HEADS):
    """The school a head works on: ?school=<id> among the schools the user heads (with one of the roles
    `among`), else the first by name; 403 for someone who heads none, 404 for a school not theirs."""
    ids = roles.headed_school_ids(request.user, roles=among)
    if not ids:
        raise PermissionDenied
    wanted = request.GET.get("school") or request.POST.get("school")
    if wanted:
        try:
            wanted = int(wanted)
        except ValueError:
            raise Http404 from None
        if wanted not in ids:
            raise Http404
        return get_object_or_404(Organisation, pk=wanted)
    return headed_schools(request, among).first()


def headed_schools(request, among=roles.SCHOOL_HEADS):
    """The schools the user heads, by name."""
    return Organisation.objects.filter(pk__in=roles.headed_school_ids(request.user, roles=among)).order_by(
        lt_order("name"))
