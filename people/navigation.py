"""The navigation each role sees. Apps add their entries here; an entry whose URL does not resolve is
skipped, so a half-installed app never breaks every page."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from . import permissions as p

# (label, url name, predicate on the user)
ITEMS = [
    (_("Catalogue"), "events:catalogue", lambda u: True),
    (_("My events"), "events:my_events", p.is_teacher),
    (_("My requests"), "leave:my_requests", p.is_teacher),
    (_("My record"), "certificates:my_record", p.is_teacher),
    (_("Outside certificates"), "certificates:outside_list", p.is_school_head),
    (_("My surveys"), "surveys:my_surveys", p.is_teacher),
    (_("Lesson cover"), "leave:deputy_queue", lambda u: p.has_role(u, "deputy")),
    (_("Decisions"), "leave:director_queue", p.is_director),
    (_("Teachers"), "certificates:school_records", p.is_school_head),
    (_("School budget"), "funding:school_overview", p.is_school_head),
    (_("Programmes"), "events:programme_list", p.is_centre_staff),
    (_("Events"), "events:staff_event_list", p.is_centre_staff),
    (_("Yearly plan"), "events:plan_manage", p.is_centre_staff),
    (_("Centre budget"), "funding:school_overview", p.is_centre_staff),
    (_("Participants' fees"), "funding:centre_fees", p.is_centre_staff),
    (_("Surveys"), "surveys:list", p.is_centre_staff),
    (_("Equipment"), "loans:equipment_list", lambda u: p.is_centre_staff(u) or p.is_school_head(u)),
    (_("Methodical material"), "loans:material_list", lambda u: True),
    (_("My lectures"), "events:lecturer_events", p.is_lecturer),
    (_("District report"), "funding:district_report", p.is_administrator),
    (_("Plan against actual"), "events:plan_actual_current", lambda u: p.is_centre_staff(u) or p.is_administrator(u)),
    (_("Notice log"), "notices:log", lambda u: p.is_centre_staff(u) or p.is_administrator(u)),
]


def item_names_for(user):
    """URL names of the entries this user's roles open (before checking that they resolve)."""
    if not user.is_authenticated:
        return [ITEMS[0][1]]
    return [name for _label, name, predicate in ITEMS if predicate(user)]


def items_for(user):
    if not user.is_authenticated:
        return [(label, reverse(name)) for label, name, _pred in ITEMS[:1]]
    entries = []
    for label, name, predicate in ITEMS:
        if not predicate(user):
            continue
        try:
            entries.append((label, reverse(name)))
        except NoReverseMatch:
            continue
    return entries
