"""The navigation each role sees. Personal entries stand in the bar; each role's work for an
organisation (school, centre, municipality) is one drop-down menu, so a person with several roles
still gets a bar that fits. An entry whose URL does not resolve is skipped."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import permissions as p

GROUPS = {"school": _("School"), "centre": _("Centre"), "district": _("Municipality")}


def _deputy(user):
    return p.has_role(user, "deputy")


def _staff_or_admin(user):
    return p.is_centre_staff(user) or p.is_administrator(user)


# (label, url name, predicate on the user, group or None for the bar itself)
ITEMS = [
    (_("Catalogue"), "events:catalogue", lambda u: True, None),
    (_("My events"), "events:my_events", p.is_teacher, None),
    (_("My requests"), "leave:my_requests", p.can_ask_leave, None),
    (_("My record"), "certificates:my_record", p.is_teacher, None),
    (_("My surveys"), "surveys:my_surveys", p.is_teacher, None),
    (_("My lectures"), "events:lecturer_events", p.is_lecturer, None),
    (_("Methodical material"), "loans:material_list", lambda u: True, None),
    (_("Lesson cover"), "leave:deputy_queue", _deputy, "school"),
    (_("Decisions"), "leave:director_queue", p.is_director, "school"),
    (_("Staff"), "school_staff", p.is_school_head, "school"),
    (_("Attestation programme"), "attestation_programme", p.is_school_head, "school"),
    (_("Teachers"), "certificates:school_records", p.is_school_head, "school"),
    (_("Outside certificates"), "certificates:outside_list", p.is_school_head, "school"),
    (_("School budget"), "funding:school_overview", p.is_school_head, "school"),
    (_("Equipment"), "loans:equipment_list", p.is_school_head, "school"),
    (_("Invoices"), "funding:invoice_list", p.is_director, "school"),
    (_("The school's own events"), "partnerships:school_proposals", p.is_school_head, "school"),
    (_("Networks"), "partnerships:network_list", p.is_school_head, "school"),
    (_("Programmes"), "events:programme_list", p.is_centre_staff, "centre"),
    (pgettext_lazy("navigation", "Events"), "events:staff_event_list", p.is_centre_staff, "centre"),
    (_("Yearly plan"), "events:plan_manage", p.is_centre_staff, "centre"),
    (_("Plan against actual"), "events:plan_actual_current", p.is_centre_staff, "centre"),
    (_("Surveys"), "surveys:list", p.is_centre_staff, "centre"),
    (_("Equipment"), "loans:equipment_list", p.is_centre_staff, "centre"),
    (_("Centre budget"), "funding:school_overview", p.is_centre_staff, "centre"),
    (_("Participants' fees"), "funding:centre_fees", p.is_centre_staff, "centre"),
    (_("Invoices"), "funding:invoice_list", p.is_centre_staff, "centre"),
    (_("Information pages"), "pages:manage_list", p.is_centre_staff, "centre"),
    (_("Schools' own events"), "partnerships:proposal_queue", p.is_centre_staff, "centre"),
    (_("Partners"), "partnerships:provider_list", p.is_centre_staff, "centre"),
    (_("Networks"), "partnerships:network_list", p.is_centre_staff, "centre"),
    (_("Projects"), "partnerships:project_list", p.is_centre_staff, "centre"),
    (_("Notice log"), "notices:log", p.is_centre_staff, "centre"),
    (_("Staff and lecturers"), "centre_staff", p.is_centre_staff, "centre"),
    (_("Organisations"), "organisation_list", p.is_centre_staff, "centre"),
    (_("District report"), "funding:district_report", p.is_administrator, "district"),
    (_("Plan against actual"), "events:plan_actual_current", p.is_administrator, "district"),
    (_("Notice log"), "notices:log", p.is_administrator, "district"),
    (_("Organisations"), "organisation_list", p.is_administrator, "district"),
    (_("Directors' requests"), "leave:municipality_queue", p.is_administrator, "district"),
]


def item_names_for(user):
    """URL names of the entries this user's roles open (before checking that they resolve)."""
    if not user.is_authenticated:
        return [ITEMS[0][1]]
    return [name for _label, name, predicate, _group in ITEMS if predicate(user)]


def items_for(user, path=""):
    """The bar: [{"label", "url", "active"}] and, per group, {"label", "children": [...], "active"}."""
    entries, menus = [], {}
    visible = ITEMS[:1] if not user.is_authenticated else [item for item in ITEMS if item[2](user)]
    for label, name, _predicate, group in visible:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        entry = {"label": label, "url": url, "active": path == url}
        if group is None:
            entries.append(entry)
            continue
        if group not in menus:
            menus[group] = {"label": GROUPS[group], "children": [], "active": False, "id": f"nav-{group}"}
            entries.append(menus[group])
        menus[group]["children"].append(entry)
        menus[group]["active"] |= entry["active"]
    return entries
