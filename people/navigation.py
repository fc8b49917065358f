"""The navigation each role sees. Personal entries stand in the bar; each role's work for an
organisation (school, centre, municipality) is one drop-down menu, so a person with several roles
still gets a bar that fits. Every entry's URL must resolve: a missing one fails loudly (and the test
of every entry catches it), never silently drops the entry."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import roles

GROUPS = {"school": _("School"), "centre": _("Centre"), "district": _("Municipality")}


def _deputy(user):
    return roles.has_role(user, "deputy")


def _staff_or_admin(user):
    return roles.is_centre_staff(user) or roles.is_administrator(user)


# (label, url name, predicate on the user, group or None for the bar itself)
ITEMS = [
    (_("Catalogue"), "events:catalogue", lambda u: True, None),
    (_("My events"), "events:my_events", roles.is_teacher, None),
    (_("My requests"), "leave:my_requests", roles.can_ask_leave, None),
    (_("My record"), "certificates:my_record", roles.is_teacher, None),
    (_("My surveys"), "surveys:my_surveys", roles.is_teacher, None),
    (_("My lectures"), "events:lecturer_events", roles.is_lecturer, None),
    (_("Methodical material"), "loans:material_list", lambda u: True, None),
    (_("Lesson cover"), "leave:deputy_queue", _deputy, "school"),
    (_("Decisions"), "leave:director_queue", roles.is_director, "school"),
    (_("Staff"), "school_staff", roles.is_school_head, "school"),
    (_("Attestation programme"), "attestation_programme", roles.is_school_head, "school"),
    (_("Teachers"), "certificates:school_records", roles.is_school_head, "school"),
    (_("Outside certificates"), "certificates:outside_list", roles.is_school_head, "school"),
    (_("School budget"), "funding:school_overview", roles.is_school_head, "school"),
    (_("Equipment"), "loans:equipment_list", roles.is_school_head, "school"),
    (_("Invoices"), "funding:invoice_list", roles.is_director, "school"),
    (_("The school's own events"), "partnerships:school_proposals", roles.is_school_head, "school"),
    (_("Networks"), "partnerships:network_list", roles.is_school_head, "school"),
    (_("Programmes"), "events:programme_list", roles.is_centre_staff, "centre"),
    (pgettext_lazy("navigation", "Events"), "events:staff_event_list", roles.is_centre_staff, "centre"),
    (_("Yearly plan"), "events:plan_manage", roles.is_centre_staff, "centre"),
    (_("Plan against actual"), "plan_actual_current", roles.is_centre_staff, "centre"),
    (_("Surveys"), "surveys:list", roles.is_centre_staff, "centre"),
    (_("Equipment"), "loans:equipment_list", roles.is_centre_staff, "centre"),
    (_("Centre budget"), "funding:school_overview", roles.is_centre_staff, "centre"),
    (_("Participants' fees"), "funding:centre_fees", roles.is_centre_staff, "centre"),
    (_("Invoices"), "funding:invoice_list", roles.is_centre_staff, "centre"),
    (_("Information pages"), "pages:manage_list", roles.is_centre_staff, "centre"),
    (_("Schools' own events"), "partnerships:proposal_queue", roles.is_centre_staff, "centre"),
    (_("Partners"), "partnerships:provider_list", roles.is_centre_staff, "centre"),
    (_("Networks"), "partnerships:network_list", roles.is_centre_staff, "centre"),
    (_("Projects"), "partnerships:project_list", roles.is_centre_staff, "centre"),
    (_("Notice log"), "notices:log", roles.is_centre_staff, "centre"),
    (_("Staff and lecturers"), "centre_staff", roles.is_centre_staff, "centre"),
    (_("Organisations"), "organisation_list", roles.is_centre_staff, "centre"),
    (_("District report"), "funding:district_report", roles.is_administrator, "district"),
    (_("Plan against actual"), "plan_actual_current", roles.is_administrator, "district"),
    (_("Notice log"), "notices:log", roles.is_administrator, "district"),
    (_("Organisations"), "organisation_list", roles.is_administrator, "district"),
    (_("Directors' requests"), "leave:municipality_queue", roles.is_administrator, "district"),
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
        url = reverse(name)
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
