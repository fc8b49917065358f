"""Every URL of the project against every role and an anonymous visitor.

MATRIX lists, per URL name, the roles that may open it. A role in the set gets the page (200) or the
page's normal redirect; any other role gets 403 or 404, and an anonymous visitor is sent to the sign-in
page (or gets 403/404). POST-only addresses (marked POST) are checked by POSTing: allowed roles are
not refused, the others are. Every other role also POSTs to every page it may not open and is refused,
so a form cannot be submitted by someone who cannot see it. A URL missing from MATRIX fails the
test: a new page must be added here, with the roles that may open it.
"""

import pytest
from django.db import transaction
from django.test import Client

from tests.security.urls import all_url_names, url_of
from tests.security.world import ROLES, build_world

pytestmark = pytest.mark.django_db

ALL = frozenset(ROLES)
USERS = ALL - {"anonymous"}
T, D, R = "teacher", "deputy", "director"
CS, L, A = "centre_staff", "lecturer", "administrator"
HEADS = frozenset({D, R})
GET, POST = "GET", "POST"

MATRIX = {
    # People and sign-in.
    "home": (ALL, GET),
    "healthz": (ALL, GET),
    "login": (ALL, GET),
    "logout": (ALL, POST),
    "profile": (USERS, GET),
    "password_change": (USERS, GET),
    "password_change_done": (USERS, GET),
    "password_reset": (ALL, GET),
    "password_reset_done": (ALL, GET),
    "password_reset_confirm": (ALL, GET),
    "password_reset_complete": (ALL, GET),
    # Public catalogue and plan.
    "events:catalogue": (ALL, GET),
    "events:catalogue_ics": (ALL, GET),
    "events:detail": (ALL, GET),
    "events:event_ics": (ALL, GET),
    "events:plan": (ALL, GET),
    "events:plan_pdf": (ALL, GET),
    "events:registration_panel": (ALL, GET),
    # Centre staff: programmes, events, the plan.
    "events:programme_list": ({CS}, GET),
    "events:programme_create": ({CS}, GET),
    "events:programme_edit": ({CS}, GET),
    "events:programme_archive": ({CS}, POST),
    "events:staff_event_list": ({CS}, GET),
    "events:staff_event_create": ({CS}, GET),
    "events:staff_event_import": ({CS}, GET),
    "events:staff_event_import_template": ({CS}, GET),
    "events:staff_import_runs": ({CS}, GET),
    "events:staff_import_run_undo": ({CS}, GET),
    "events:staff_event_edit": ({CS}, GET),
    "events:staff_event_copy": ({CS}, GET),
    "events:staff_event_publish": ({CS}, GET),
    "events:staff_event_cancel": ({CS}, GET),
    "events:staff_event_delete": ({CS}, GET),
    "events:staff_event_complete": ({CS}, GET),
    "events:plan_manage": ({CS}, GET),
    "events:plan_status": ({CS}, GET),
    "events:plan_publish": ({CS}, POST),
    "plan_actual": ({CS, A}, GET),
    "plan_actual_current": (USERS, GET),  # only redirects to this year's page, which checks the role
    # Registration and attendance.
    "events:register": ({T}, POST),
    "events:cancel_registration": ({T, CS}, POST),
    "events:registration_history": ({T, D, R, CS}, GET),
    "events:my_events": (USERS, GET),
    "events:lecturer_events": ({L}, GET),
    "events:registrants": ({CS, L}, GET),
    "events:registrants_csv": ({CS, L}, GET),
    "events:registrants_xlsx": ({CS, L}, GET),
    "events:attendance_sheet": ({CS, L}, GET),
    "events:attendance": ({CS, L}, GET),
    "events:attendance_session": ({CS, L}, GET),
    # Certificates and records.
    "certificates:check": (ALL, GET),
    "certificates:download": ({T, D, R, CS, A}, GET),
    "certificates:history": ({T, D, R, CS, A}, GET),
    "certificates:event_certificates": ({CS}, GET),
    "certificates:event_progress": ({CS}, GET),
    "certificates:event_zip": ({CS}, GET),
    "certificates:revoke": ({CS}, POST),
    "certificates:reissue": ({CS}, POST),
    "certificates:my_record": (USERS, GET),
    "certificates:my_record_pdf": (USERS, GET),
    "certificates:my_record_zip": (USERS, GET),
    "certificates:school_records": (HEADS, GET),
    "certificates:teacher_record": ({T, D, R, A}, GET),
    "certificates:teacher_record_pdf": ({T, D, R, A}, GET),
    "certificates:teacher_record_zip": ({T, D, R, A}, GET),
    "certificates:outside_list": (USERS, GET),
    "certificates:outside_upload": ({T}, GET),
    "certificates:outside_detail": ({T, D, R}, GET),
    "certificates:outside_file": ({T, D, R}, GET),
    "certificates:outside_decide": (HEADS, POST),
    "certificates:outside_correct_hours": (HEADS, POST),
    "certificates:outside_withdraw": ({T}, POST),
    # Leave requests.
    "leave:my_requests": ({T, R}, GET),
    "leave:create_outside": ({T, R}, GET),
    "leave:create_for_registration": ({T}, GET),
    "leave:detail": ({T, D, R}, GET),
    "leave:history": ({T, D, R}, GET),
    "leave:edit": ({T}, GET),
    "leave:teacher_action": ({T}, POST),
    "leave:cover": (HEADS, POST),
    "leave:decide": ({R}, GET),
    "leave:request_pdf": ({T, D, R}, GET),
    "leave:decision_pdf": ({T, D, R}, GET),
    "leave:deputy_queue": (HEADS, GET),
    "leave:director_queue": ({R}, GET),
    "leave:school_days": (HEADS, GET),
    "leave:priorities": (HEADS, GET),
    "leave:priority_edit": (HEADS, GET),
    "leave:recommendations": (HEADS, GET),
    "leave:report_for_registration": ({T}, GET),
    "leave:report_for_request": ({T}, GET),
    "leave:report_materials": ({T, D, R}, GET),
    # Funding.
    "funding:school_overview": ({D, R, CS, A}, GET),
    "funding:source_detail": ({D, R, A}, GET),
    "funding:source_history": ({D, R, A}, GET),
    "funding:statement": ({D, R, A}, GET),
    "funding:statement_pdf": ({D, R, A}, GET),
    "funding:statement_xlsx": ({D, R, A}, GET),
    "funding:year_end": ({D, R, A}, GET),
    "funding:year_end_pdf": ({D, R, A}, GET),
    "funding:year_end_xlsx": ({D, R, A}, GET),
    "funding:district_report": ({A}, GET),
    "funding:district_export": ({A}, POST),
    "funding:export_status": ({A}, GET),
    "funding:export_download": ({A}, GET),
    "funding:centre_fees": ({CS}, GET),
    "funding:record_fee": ({CS}, POST),
    "funding:invoice_list": (USERS, GET),  # each sees the invoices addressed to them (scoped list)
    "funding:invoice_create": ({CS}, POST),
    "funding:invoice_xlsx": ({CS}, GET),
    "funding:invoice_detail": ({CS, R}, GET),
    "funding:invoice_pdf": ({CS, R}, GET),
    "funding:invoice_send": ({CS}, POST),
    "funding:invoice_paid": ({CS}, POST),
    # Exhibitions.
    "events:exhibits": ({CS}, GET),
    "events:exhibit_delete": ({CS}, POST),
    "events:exhibit_photo": (ALL, GET),
    # Partners, networks, projects, schools' own events.
    "partnerships:provider_list": ({CS}, GET),
    "partnerships:provider_create": ({CS}, GET),
    "partnerships:provider_detail": ({CS}, GET),
    "partnerships:provider_edit": ({CS}, GET),
    "partnerships:network_list": ({CS, D, R}, GET),
    "partnerships:network_create": ({CS}, GET),
    "partnerships:network_detail": ({CS, D, R}, GET),
    "partnerships:network_edit": ({CS}, GET),
    "partnerships:network_add_event": ({CS}, POST),
    "partnerships:project_list": ({CS}, GET),
    "partnerships:project_create": ({CS}, GET),
    "partnerships:project_detail": ({CS}, GET),
    "partnerships:project_edit": ({CS}, GET),
    "partnerships:proposal_queue": ({CS}, GET),
    "partnerships:proposal_decide": ({CS}, GET),
    "partnerships:school_proposals": (HEADS, GET),
    "partnerships:propose_event": (HEADS, GET),
    # Information pages.
    "pages:index": (ALL, GET),
    "pages:page": (ALL, GET),
    "pages:manage_list": ({CS}, GET),
    "pages:create": ({CS}, GET),
    "pages:edit": ({CS}, GET),
    # Notices.
    "notices:inbox": (USERS, GET),
    "notices:mark_read": (USERS, POST),
    "notices:open": ({T}, POST),
    "notices:preferences": (USERS, GET),
    "notices:log": ({CS, A}, GET),
    "notices:retry": ({CS, A}, POST),
    # Surveys.
    "surveys:list": ({CS}, GET),
    "surveys:create": ({CS}, GET),
    "surveys:my_surveys": (USERS, GET),
    "surveys:results_by_form": ({CS}, GET),
    "surveys:results_by_form_xlsx": ({CS}, GET),
    "surveys:event": ({CS}, GET),
    "surveys:detail": ({CS}, GET),
    "surveys:edit": ({CS}, GET),
    "surveys:question_create": ({CS}, GET),
    "surveys:question_edit": ({CS}, GET),
    "surveys:question_delete": ({CS}, POST),
    "surveys:results": ({CS}, GET),
    "surveys:results_xlsx": ({CS}, GET),
    "surveys:answer": ({T}, GET),
    # Equipment, loans, methodical material.
    "loans:equipment_list": ({D, R, CS}, GET),
    "loans:equipment_create": ({CS}, GET),
    "loans:equipment_edit": ({CS}, GET),
    "loans:loan_request": (HEADS, GET),
    "loans:loan_list": ({D, R, CS}, GET),
    "loans:loan_approve": ({CS}, POST),
    "loans:loan_decline": ({CS}, POST),
    "loans:loan_return": ({CS}, POST),
    "loans:loan_cancel": (HEADS, POST),
    "loans:material_list": (ALL, GET),
    "loans:my_materials": ({T, D, R}, GET),
    "loans:material_create": ({T, D, R}, GET),
    "loans:material_review": ({CS}, GET),
    "loans:material_detail": ({T, CS}, GET),
    "loans:material_edit": ({T}, GET),
    "loans:material_download": ({T, CS}, GET),
    "loans:material_submit": ({T}, POST),
    "loans:material_publish": ({CS}, POST),
    "loans:material_return": ({CS}, POST),
    "loans:material_unpublish": ({CS}, POST),
    # A district moves in: invitations, organisations, staff, attestation programme.
    "invitation": (ALL, GET),
    "membership_invitation": ({D, R, A}, POST),
    "membership_end": ({D, R, A}, POST),
    "organisation_list": ({CS, A}, GET),
    "organisation_create": ({A}, GET),
    "organisation_edit": ({A}, GET),
    "organisation_import": ({A}, GET),
    "organisation_import_template": ({A}, GET),
    "school_staff": (HEADS, GET),
    "school_staff_add": (HEADS, GET),
    "school_staff_edit": (HEADS, GET),
    "school_staff_import": (HEADS, GET),
    "school_staff_import_template": (HEADS, GET),
    "attestation_programme": (HEADS, GET),
    "centre_staff": ({CS}, GET),
    "leave:municipality_queue": ({A}, GET),
}

# A refusal the service gives with a message and a redirect back to the object (the domain rule says
# why) rather than 403: still a refusal, nothing changes.
# What an allowed role POSTs to a POST-only address (an empty form is refused as a bad request).
POST_DATA = {"leave:teacher_action": {"action": "withdraw"}, "membership_invitation": {"action": "resend"}}

REFUSED_WITH_REDIRECT = {"events:register", "certificates:outside_withdraw"}

# School-scoped objects: the same page for the other school's object, opened by this school's heads
# and teacher, is refused.
WRONG_SCHOOL = [
    "leave:detail", "leave:history", "leave:decide", "leave:edit", "certificates:outside_detail", "certificates:outside_file",
    "certificates:teacher_record", "certificates:teacher_record_pdf", "funding:source_detail", "funding:source_history",
    "funding:statement", "funding:statement_xlsx", "funding:year_end", "leave:priority_edit",
    "funding:invoice_detail", "funding:invoice_pdf",
    "school_staff_edit",
]
WRONG_SCHOOL_POST = ["leave:cover", "certificates:outside_decide", "certificates:outside_correct_hours",
                     "leave:teacher_action", "membership_invitation", "membership_end"]

LOGIN = "/prisijungti/"


@pytest.fixture
def world():
    return build_world()


def client_for(world, role):
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


def describe(response):
    if response.status_code in (301, 302):
        return f"{response.status_code} -> {response['Location']}"
    return str(response.status_code)


def is_refusal(response, role):
    if response.status_code in (403, 404):
        return True
    return role == "anonymous" and response.status_code == 302 and response["Location"].startswith(LOGIN)


def rolled_back(client, method, url, data=None):
    """Make a request whose database writes are undone (the world stays the same for the next role)."""
    with transaction.atomic():
        response = client.get(url) if method == GET else client.post(url, data or {})
        transaction.set_rollback(True)
    return response


def test_every_url_is_in_the_matrix():
    names = set(all_url_names())
    missing = sorted(names - set(MATRIX))
    stale = sorted(set(MATRIX) - names)
    assert not missing, f"URLs with no row in the permission matrix (add them with their roles): {missing}"
    assert not stale, f"matrix rows for URLs that no longer exist: {stale}"


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_roles_open_only_what_the_matrix_allows(world, name):
    allowed, method = MATRIX[name]
    url = url_of(name, world)
    problems = []
    for role in ROLES:
        client = client_for(world, role)
        if method == GET:
            response = rolled_back(client, GET, url)
            ok = response.status_code == 200 or (
                response.status_code == 302 and not response["Location"].startswith(LOGIN))
            if role in allowed and not ok:
                problems.append(f"{role} may open {url} but got {describe(response)}")
            if role not in allowed and not is_refusal(response, role):
                problems.append(f"{role} may not open {url} but got {describe(response)}")
        if role in allowed:
            if method == POST and name != "logout":
                response = rolled_back(client, POST, url, POST_DATA.get(name))
                if is_refusal(response, role) or response.status_code == 405:
                    problems.append(f"{role} may POST to {url} but got {describe(response)}")
            continue
        response = rolled_back(client, POST, url, POST_DATA.get(name))
        refused = is_refusal(response, role) or (method == GET and response.status_code == 405)
        if name in REFUSED_WITH_REDIRECT and response.status_code == 302:
            refused = True
        if not refused:
            problems.append(f"{role} may not POST to {url} but got {describe(response)}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", WRONG_SCHOOL + WRONG_SCHOOL_POST)
def test_another_schools_objects_are_refused(world, name):
    other = dict(world.objects, **world.other)
    other["year"] = world.objects["year"]
    url = url_of(name, world, other)
    problems = []
    for role in ("teacher", "deputy", "director"):
        client = client_for(world, role)
        response = rolled_back(client, POST if name in WRONG_SCHOOL_POST else GET, url, POST_DATA.get(name))
        if response.status_code not in (403, 404):
            problems.append(f"{role} of another school opened {url}: {describe(response)}")
    assert not problems, "\n".join(problems)
