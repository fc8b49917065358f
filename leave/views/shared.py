"""What the leave pages share: the year asked for and the visible request (the school a head works on
is `people.school_pages.headed_school`)."""


from kvalifikacija.params import year_param
from kvalifikacija.views import object_or_404

from .. import permissions, selectors


def asked_year(request):
    return year_param(request.GET.get("year"))


visible_request = object_or_404(lambda user: selectors.request_list(permissions.leave_requests_visible_to(user)))
coverable_request = visible_request.requiring(permissions.can_agree_cover)
decidable_request = visible_request.requiring(permissions.can_decide_leave)
editable_request = visible_request.requiring(permissions.can_edit_leave_request)
