"""What the leave pages share: the year asked for, the school a head works on, the visible request."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from kvalifikacija.params import year_param
from kvalifikacija.views import object_or_404
from lithuanian.collation import lt_order
from people import roles
from people.models import Organisation

from .. import permissions, selectors


def asked_year(request):
    return year_param(request.GET.get("year"))


def headed_school(request, among=roles.SCHOOL_HEADS):
    """The school a head works on: ?school=<id> among the schools the user heads, else the first."""
    ids = roles.headed_school_ids(request.user, roles=among)
    if not ids:
        raise PermissionDenied
    wanted = request.GET.get("school") or request.POST.get("school")
    if wanted:
        try:
            wanted = int(wanted)
        except ValueError:
            raise Http404
        if wanted not in ids:
            raise Http404
        return get_object_or_404(Organisation, pk=wanted)
    return Organisation.objects.filter(pk__in=ids).order_by(lt_order("name")).first()


def headed_schools(request, among=roles.SCHOOL_HEADS):
    return Organisation.objects.filter(pk__in=roles.headed_school_ids(request.user, roles=among)).order_by(lt_order("name"))


visible_request = object_or_404(lambda user: selectors.request_list(permissions.leave_requests_visible_to(user)))
